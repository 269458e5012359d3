#pragma once

#include "collection.h"
#include "json.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mstore {

/// The ranking endpoints: POST /points/query (nearest by vector or id, recommend, order_by,
/// none), its batch form, and the legacy /points/search, /points/search/batch,
/// /points/recommend and /points/recommend/batch of Qdrant < 1.10. Each returns the `result` JSON text.
class VectorSearch
{
public:
    explicit VectorSearch(const Collection &collection) : m_collection(collection) {}

    std::string query(const Json &body) const;
    std::string queryBatch(const Json &body) const;
    std::string search(const Json &body) const;
    std::string searchBatch(const Json &body) const;
    std::string recommend(const Json &body) const;
    std::string recommendBatch(const Json &body) const;

private:
    struct Plan;
    using Single = std::string (VectorSearch::*)(const Json &) const;
    /// {"searches": [...]} -> a JSON array of each search's result.
    std::string batch(const Json &body, Single single) const;
    /// Writes the ScoredPoint list of one request into out (as a JSON array); the caller holds
    /// the read lock (planning reads points too, for queries by id).
    void run(const Plan &plan, std::string &out) const;
    Plan planQuery(const Json &body) const;
    Plan planSearch(const Json &body) const;
    Plan planRecommend(const Json &input, const std::string &where) const;
    /// A query input: a raw vector, or the stored vector of a point id (which is then added to
    /// `referenced`, excluded from the results). Nullopt when the point has no such vector.
    std::optional<std::vector<float>> resolveVector(const Json &input,
                                                    const std::string &vectorName,
                                                    std::set<PointId> &referenced,
                                                    const std::string &where) const;
    std::string queryOrdered(const Json &body) const;

    const Collection &m_collection;
};

} // namespace mstore
