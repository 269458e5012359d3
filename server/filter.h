#pragma once

#include "json.h"
#include "pointid.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mstore {

/// What a filter sees of one point.
struct PointView
{
    const PointId &id;
    const Json &payload;
    /// has_vector: does the point hold a vector of this name ("" = the unnamed vector)?
    const std::function<bool(std::string_view)> *hasVector = nullptr;
};

/// A `{"key": key, "match": {"value": "text"}}` condition.
struct KeywordMatch
{
    std::string key;
    std::string value;
};

/// A parsed Qdrant filter: must / should / must_not / min_should over field conditions
/// (match value/text/text_any/phrase/prefix/any/except, range on numbers and datetimes, geo
/// radius/bounding box/polygon, values_count, is_empty, is_null), is_empty, is_null, has_id,
/// has_vector, slice and nested. Semantics follow Qdrant's unindexed condition checker.
/// Parsed once per request, then evaluated per point; immutable and thread-safe to evaluate.
class Filter
{
public:
    Filter(); ///< matches every point

    /// Parses the JSON of a `filter` field; null gives the match-all filter. `where` is the
    /// field's place in the request body, the prefix of error locations.
    /// Throws ApiError with a message that names the offending part: 400 for a body Qdrant
    /// cannot deserialize, 422 for one that fails its validation (a field condition without
    /// any condition, min_count 0, a slice index out of range).
    static Filter parse(const Json &filter, std::string_view where = "filter");

    bool matchesEverything() const;
    bool matches(const PointView &point) const;
    /// The string matches a point must satisfy to match (the `must` chain from the root):
    /// a scan can test them on an index first and skip the full evaluation of most points.
    std::vector<KeywordMatch> requiredKeywords() const;
    /// Whether requiredKeywords() is the whole filter: a point matches exactly when it holds
    /// each of those strings (say `customer_id` = X, alone).
    bool onlyKeywords() const;

    class Node;

private:
    std::shared_ptr<const Node> m_root;
};

} // namespace mstore
