// Collection admin routes: create, info, update, delete, exists, aliases, payload indexes.
#include "apierror.h"
#include "httpapi.h"
#include "jsonwriter.h"
#include "payloadpath.h"
#include "requestbody.h"
#include "store.h"

#include <httplib.h>

#include <set>

namespace mstore {

namespace {

const std::string kCollection = "/collections/([^/]+)";

PayloadIndexSpec indexSpec(const Json &schema)
{
    static const std::set<std::string> types = {"keyword", "integer", "float", "geo",
                                                "text",    "bool",    "datetime", "uuid"};
    PayloadIndexSpec spec;
    if (schema.is_string()) {
        spec.type = schema.get<std::string>();
    } else if (schema.is_object() && schema.contains("type") && schema["type"].is_string()) {
        spec.type = schema["type"].get<std::string>();
        spec.params = schema;
    } else {
        throw ApiError::jsonError("field_schema: expected a type name or {\"type\": ...}");
    }
    if (!types.contains(spec.type))
        throw ApiError::jsonError("field_schema: unknown type `" + spec.type
                                  + "`, expected one of keyword, integer, float, geo, text, "
                                    "bool, datetime, uuid");
    return spec;
}

} // namespace

void addCollectionRoutes(HttpApi &api)
{
    using A = HttpApi::Access;
    using Req = httplib::Request;
    Store &store = api.store();

    api.post("/collections/aliases", A::Write, [&store](const Req &q) {
        const Json body = requestbody::parse(q.body);
        store.updateAliases(body.is_object() ? body.value("actions", Json()) : Json());
        return Reply{"true"};
    });

    api.get(kCollection, A::Read, [&store](const Req &q) {
        return Reply{store.collection(q.matches[1])->info().dump()};
    });

    api.put(kCollection, A::Write, [&store](const Req &q) {
        store.createCollection(q.matches[1],
                               CollectionConfig::fromCreateRequest(requestbody::parse(q.body)));
        return Reply{"true"};
    });

    api.patch(kCollection, A::Write, [&store](const Req &q) {
        store.collection(q.matches[1])->updateConfig(requestbody::parse(q.body));
        return Reply{"true"};
    });

    api.del(kCollection, A::Write, [&store](const Req &q) {
        return Reply{store.dropCollection(q.matches[1]) ? "true" : "false"};
    });

    api.get(kCollection + "/exists", A::Read, [&store](const Req &q) {
        return Reply{std::string("{\"exists\":") + (store.exists(q.matches[1]) ? "true" : "false")
                     + "}"};
    });

    // Qdrant lists the aliases whose target is this exact name: no existence check (a missing
    // collection has none) and no alias resolution (an alias has none either).
    api.get(kCollection + "/aliases", A::Read, [&store](const Req &q) {
        const std::string name = q.matches[1];
        return Reply{aliasesResult(store.aliases(name))};
    });

    api.put(kCollection + "/index", A::Write, [&store](const Req &q) {
        const Json body = requestbody::parse(q.body);
        if (!body.is_object() || !body.contains("field_name") || !body["field_name"].is_string())
            throw ApiError::jsonError("missing field `field_name`");
        const std::string field = body["field_name"].get<std::string>();
        PayloadPath::parse(field); // rejects malformed keys with a 400
        if (!body.contains("field_schema") || body["field_schema"].is_null())
            throw ApiError::badRequest("field_schema is required to create a payload index on `"
                                       + field + "`");
        const auto collection = store.collection(q.matches[1]);
        return HttpApi::updateResult(q, collection->createPayloadIndex(
                                            field, indexSpec(body["field_schema"])));
    });

    api.del(kCollection + "/index/(.+)", A::Write, [&store](const Req &q) {
        return HttpApi::updateResult(q, store.collection(q.matches[1])->deletePayloadIndex(
                                            q.matches[2]));
    });
}

} // namespace mstore
