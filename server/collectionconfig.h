#pragma once

#include "distance.h"
#include "json.h"

#include <map>
#include <string>

namespace mstore {

/// One dense vector of a collection ("" names the unnamed, single vector).
struct VectorParams
{
    size_t size = 0;
    Distance distance = Distance::Cosine;
};

/// A collection's configuration as Qdrant reports it under `config` in the collection info,
/// built from a create-collection request with Qdrant's defaults filled in.
class CollectionConfig
{
public:
    /// Validates a PUT /collections/{name} body. Throws ApiError naming the problem.
    static CollectionConfig fromCreateRequest(const Json &body);
    /// Restores a configuration written by toJson().
    static CollectionConfig fromJson(const Json &json);

    /// Applies a PATCH /collections/{name} body (optimizer, hnsw, params, vector options).
    void applyUpdate(const Json &body);

    const Json &toJson() const { return m_json; }

    /// True when vectors are named ({"name": {size, distance}}), false for one unnamed vector.
    bool namedVectors() const { return m_named; }
    const std::map<std::string, VectorParams> &vectors() const { return m_vectors; }
    /// The vector's params, or nullptr when the collection has no vector of that name.
    const VectorParams *vector(const std::string &name) const;

private:
    void parseVectors();

    Json m_json;
    bool m_named = false;
    std::map<std::string, VectorParams> m_vectors;
};

} // namespace mstore
