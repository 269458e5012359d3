#pragma once

#include "json.h"
#include "pointid.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mstore {

/// One point of an upsert or update-vectors request, parsed straight from the body.
struct PointInput
{
    PointId id;
    /// Vectors by name ("" = the unnamed vector).
    std::map<std::string, std::vector<float>> vectors;
    std::optional<Json> payload; ///< absent in update-vectors requests
};

/// The points of an upsert or update-vectors request, with its conditions.
struct PointsWrite
{
    std::vector<PointInput> points;
    /// `update_filter`: existing points are changed only when they match it (null: always).
    Json updateFilter;
    /// `update_mode`: upsert (default), insert_only or update_only.
    std::string updateMode = "upsert";
};

/// One operation of POST /points/batch.
struct BatchOperation
{
    std::string kind;  ///< upsert, delete, set_payload, update_vectors, ...
    PointsWrite write; ///< for upsert and update_vectors
    Json body;         ///< the operation's object for every other kind
};

/// Request bodies parsed with simdjson (vectors are the bulk of the bytes; a DOM of doubles
/// would cost several times more). All throw ApiError (400) naming the problem.
namespace requestbody {

/// Any body as a DOM; an empty body is an empty object.
Json parse(std::string_view body);
/// PUT /points: {"points": [...]} or {"batch": {"ids", "vectors", "payloads"}}.
PointsWrite parseUpsert(std::string_view body);
/// PUT /points/vectors: {"points": [{"id", "vector"}]}.
PointsWrite parseUpdateVectors(std::string_view body);
/// POST /points/batch: {"operations": [...]}.
std::vector<BatchOperation> parseBatch(std::string_view body);

} // namespace requestbody

} // namespace mstore
