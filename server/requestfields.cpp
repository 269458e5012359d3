#include "requestfields.h"

#include "apierror.h"

namespace mstore::requestfields {

void requireObject(const Json &body)
{
    if (!body.is_object())
        throw ApiError::jsonError("expected a JSON object");
}

Filter filter(const Json &body)
{
    const auto it = body.find("filter");
    if (it == body.end())
        return Filter();
    return Filter::parse(*it);
}

size_t nonNegative(const Json &body, const char *key, size_t fallback)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null())
        return fallback;
    if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<int64_t>() >= 0))
        throw ApiError::jsonError(std::string(key) + ": expected a non-negative integer, got "
                                  + it->dump());
    return it->get<size_t>();
}

size_t positive(const Json &body, const char *key, size_t fallback)
{
    const size_t value = nonNegative(body, key, fallback);
    if (value == 0)
        throw ApiError::badInput(std::string(key) + ": value 0 invalid, must be 1 or larger");
    return value;
}

PointId pointId(const Json &value, const std::string &where)
{
    if (const auto id = PointId::fromJson(value))
        return *id;
    throw ApiError::jsonError(where + ": value " + value.dump()
                              + " is not a valid point ID, valid values are either an unsigned "
                                "integer or a UUID");
}

std::vector<PointId> pointIds(const Json &list, const std::string &where)
{
    if (!list.is_array())
        throw ApiError::jsonError(where + ": expected a list of point ids");
    std::vector<PointId> ids;
    ids.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i)
        ids.push_back(pointId(list[i], where + "[" + std::to_string(i) + "]"));
    return ids;
}

PointSelection selection(const Json &body)
{
    requireObject(body);
    PointSelection s;
    if (body.contains("points") && !body["points"].is_null()) {
        s.ids = pointIds(body["points"], "points");
    } else if (body.contains("filter") && !body["filter"].is_null()) {
        s.filter = Filter::parse(body["filter"]);
    } else {
        throw ApiError::jsonError("expected `points` (a list of ids) or `filter`");
    }
    return s;
}

} // namespace mstore::requestfields
