#pragma once

#include "collection.h"
#include "filter.h"
#include "json.h"
#include "pointid.h"

#include <string>
#include <vector>

namespace mstore::requestfields {

/// The body's `filter` (absent or null: match everything).
Filter filter(const Json &body);
/// A positive integer field, or the default when absent/null. Throws a 400 otherwise.
size_t positive(const Json &body, const char *key, size_t fallback);
/// A non-negative integer field, or the default when absent/null.
size_t nonNegative(const Json &body, const char *key, size_t fallback);
PointId pointId(const Json &value, const std::string &where);
std::vector<PointId> pointIds(const Json &list, const std::string &where);
/// `points: [ids]` or `filter: {...}` of delete / payload / vector operations.
PointSelection selection(const Json &body);
/// Throws a 400 unless body is a JSON object.
void requireObject(const Json &body);

} // namespace mstore::requestfields
