#include "fuzzstorefilter.h"

#include "apierror.h"
#include "filter.h"
#include "requestbody.h"

#include <functional>
#include <string_view>
#include <vector>

using mstore::ApiError;
using mstore::Filter;
using mstore::Json;
using mstore::PointId;
using mstore::PointView;

namespace {

// Payloads of the shapes agent memory holds (tenant keywords, numbers, dates, arrays of
// objects, geo points, nulls), so that a parsed filter's conditions meet every value type.
const std::vector<Json> &payloads()
{
    static const std::vector<Json> all = [] {
        std::vector<Json> out;
        out.push_back(Json::object());
        out.push_back(Json::parse(
            "{\"tenant_id\":\"acme\",\"kind\":\"episodic\",\"confidence\":0.8,\"count\":3,"
            "\"created_at\":\"2025-03-01T10:00:00Z\",\"tags\":[\"a\",\"b\"],\"pinned\":true,"
            "\"text\":\"the quick brown fox\",\"location\":{\"lat\":52.5,\"lon\":13.4},"
            "\"nothing\":null,\"empty\":[],\"steps\":[{\"n\":1,\"ok\":true},{\"n\":2,"
            "\"ok\":false,\"sub\":[{\"x\":\"y\"}]}]}"));
        out.push_back(Json::parse(
            "{\"tenant_id\":[\"acme\",\"beta\"],\"confidence\":-1e300,\"count\":-7,"
            "\"created_at\":\"not a date\",\"tags\":\"a\",\"location\":[{\"lat\":-90,"
            "\"lon\":180},{\"lat\":0,\"lon\":0}],\"nothing\":[null],\"steps\":{\"n\":3}}"));
        out.push_back(Json::parse(
            "{\"id\":18446744073709551615,\"a\":{\"b\":{\"c\":[1,2.5,\"3\",{\"d\":[]}]}},"
            "\"\":\"\",\"x.y\":1,\"k[]\":[[1],[2]]}"));
        return out;
    }();
    return all;
}

const std::vector<PointId> &ids()
{
    static const std::vector<PointId> all = [] {
        std::vector<PointId> out;
        for (const char *text : {"1", "18446744073709551615",
                                 "\"550e8400-e29b-41d4-a716-446655440000\""})
            out.push_back(*PointId::fromJson(Json::parse(text)));
        return out;
    }();
    return all;
}

} // namespace

void fuzzStoreFilter(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    Json body;
    Filter filter;
    try {
        body = mstore::requestbody::parse(text);
        const bool wrapped = body.is_object() && body.contains("filter");
        filter = Filter::parse(wrapped ? body["filter"] : body);
    } catch (const ApiError &) {
        return; // bad input, told apart with a 4xx and a message: what must happen
    }
    static const std::function<bool(std::string_view)> hasVector
        = [](std::string_view name) { return name.empty() || name == "image"; };
    for (const Json &payload : payloads()) {
        for (const PointId &id : ids())
            filter.matches(PointView {id, payload, &hasVector});
    }
    filter.requiredKeywords();
    filter.matchesEverything();
}
