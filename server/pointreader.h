#pragma once

#include "collection.h"
#include "json.h"

#include <string>

namespace mstore {

/// The read endpoints that do not rank by vectors: retrieve, scroll (by id or order_by),
/// count and facet. Each takes the parsed body and returns the `result` JSON text.
class PointReader
{
public:
    explicit PointReader(const Collection &collection) : m_collection(collection) {}

    /// POST /points {ids, with_payload (default true), with_vector}.
    std::string retrieve(const Json &body) const;
    /// GET /points/{id}; throws 404 when there is no such point.
    std::string retrieveOne(const PointId &id) const;
    std::string scroll(const Json &body) const;
    std::string count(const Json &body) const;
    std::string facet(const Json &body) const;

private:
    std::string scrollOrdered(const Json &body, const Json &orderBy) const;

    const Collection &m_collection;
};

} // namespace mstore
