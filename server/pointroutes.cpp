// Point routes: upsert, retrieve, delete, vectors, payload operations, batch, scroll, count,
// facet.
#include "apierror.h"
#include "httpapi.h"
#include "payloadpath.h"
#include "pointreader.h"
#include "requestbody.h"
#include "requestfields.h"
#include "store.h"

#include <httplib.h>

namespace mstore {

namespace {

const std::string kPoints = "/collections/([^/]+)/points";

Json payloadOf(const Json &body)
{
    if (!body.contains("payload") || !body["payload"].is_object())
        throw ApiError::jsonError("payload: expected an object");
    return body["payload"];
}

uint64_t setPayload(Collection &c, const Json &body)
{
    const auto selection = requestfields::selection(body);
    if (body.contains("key") && body["key"].is_string()) {
        const PayloadPath key = PayloadPath::parse(body["key"].get<std::string>());
        return c.setPayload(selection, payloadOf(body), &key);
    }
    return c.setPayload(selection, payloadOf(body), nullptr);
}

uint64_t deletePayload(Collection &c, const Json &body)
{
    const auto selection = requestfields::selection(body);
    if (!body.contains("keys") || !body["keys"].is_array())
        throw ApiError::jsonError("missing field `keys`");
    std::vector<PayloadPath> keys;
    for (const Json &key : body["keys"]) {
        if (!key.is_string())
            throw ApiError::jsonError("keys: payload keys must be strings");
        keys.push_back(PayloadPath::parse(key.get<std::string>()));
    }
    return c.deletePayload(selection, keys);
}

uint64_t deleteVectors(Collection &c, const Json &body)
{
    const auto selection = requestfields::selection(body);
    if (!body.contains("vector") || !body["vector"].is_array())
        throw ApiError::jsonError("missing field `vector`: the names of the vectors to delete");
    std::vector<std::string> names;
    for (const Json &name : body["vector"]) {
        if (!name.is_string())
            throw ApiError::jsonError("vector: expected vector names");
        names.push_back(name.get<std::string>());
    }
    return c.deleteVectors(selection, names);
}

uint64_t applyBatchOperation(Collection &c, BatchOperation &op)
{
    if (op.kind == "upsert")
        return c.upsert(std::move(op.write));
    if (op.kind == "update_vectors")
        return c.updateVectors(std::move(op.write));
    if (op.kind == "delete")
        return c.deletePoints(requestfields::selection(op.body));
    if (op.kind == "set_payload")
        return setPayload(c, op.body);
    if (op.kind == "overwrite_payload")
        return c.overwritePayload(requestfields::selection(op.body), payloadOf(op.body));
    if (op.kind == "delete_payload")
        return deletePayload(c, op.body);
    if (op.kind == "clear_payload")
        return c.clearPayload(requestfields::selection(op.body));
    if (op.kind == "delete_vectors")
        return deleteVectors(c, op.body);
    throw ApiError::jsonError("unknown batch operation `" + op.kind + "`");
}

} // namespace

void addPointRoutes(HttpApi &api)
{
    using A = HttpApi::Access;
    using Req = httplib::Request;
    Store &store = api.store();
    const auto collection = [&store](const Req &q) { return store.collection(q.matches[1]); };
    const auto body = [](const Req &q) { return requestbody::parse(q.body); };

    api.put(kPoints, A::Write, [=](const Req &q) {
        auto write = requestbody::parseUpsert(q.body);
        return HttpApi::updateResult(q, collection(q)->upsert(std::move(write)));
    });
    api.post(kPoints, A::Read, [=](const Req &q) {
        return Reply{PointReader(*collection(q)).retrieve(body(q))};
    });
    api.get(kPoints + "/([^/]+)", A::Read, [=](const Req &q) {
        const auto id = PointId::fromText(q.matches[2].str());
        if (!id)
            throw ApiError::jsonError("Unable to parse point id `" + q.matches[2].str()
                                      + "`: expected an unsigned integer or a UUID");
        return Reply{PointReader(*collection(q)).retrieveOne(*id)};
    });
    api.post(kPoints + "/delete", A::Write, [=](const Req &q) {
        return HttpApi::updateResult(q, collection(q)->deletePoints(
                                            requestfields::selection(body(q))));
    });
    api.put(kPoints + "/vectors", A::Write, [=](const Req &q) {
        auto write = requestbody::parseUpdateVectors(q.body);
        return HttpApi::updateResult(q, collection(q)->updateVectors(std::move(write)));
    });
    api.post(kPoints + "/vectors/delete", A::Write, [=](const Req &q) {
        return HttpApi::updateResult(q, deleteVectors(*collection(q), body(q)));
    });
    api.post(kPoints + "/payload", A::Write, [=](const Req &q) {
        return HttpApi::updateResult(q, setPayload(*collection(q), body(q)));
    });
    api.put(kPoints + "/payload", A::Write, [=](const Req &q) {
        const Json b = body(q);
        return HttpApi::updateResult(
            q, collection(q)->overwritePayload(requestfields::selection(b), payloadOf(b)));
    });
    api.post(kPoints + "/payload/delete", A::Write, [=](const Req &q) {
        return HttpApi::updateResult(q, deletePayload(*collection(q), body(q)));
    });
    api.post(kPoints + "/payload/clear", A::Write, [=](const Req &q) {
        return HttpApi::updateResult(q, collection(q)->clearPayload(
                                            requestfields::selection(body(q))));
    });
    api.post(kPoints + "/batch", A::Write, [=](const Req &q) {
        auto operations = requestbody::parseBatch(q.body);
        auto c = collection(q);
        std::string out = "[";
        const bool wait = q.get_param_value("wait") == "true";
        for (size_t i = 0; i < operations.size(); ++i) {
            const uint64_t id = applyBatchOperation(*c, operations[i]);
            out += (i ? "," : "");
            out += "{\"operation_id\":" + std::to_string(id) + ",\"status\":\""
                   + (wait ? "completed" : "acknowledged") + "\"}";
        }
        out.push_back(']');
        return Reply{out};
    });
    api.post(kPoints + "/scroll", A::Read, [=](const Req &q) {
        return Reply{PointReader(*collection(q)).scroll(body(q))};
    });
    api.post(kPoints + "/count", A::Read, [=](const Req &q) {
        return Reply{PointReader(*collection(q)).count(body(q))};
    });
    api.post("/collections/([^/]+)/facet", A::Read, [=](const Req &q) {
        return Reply{PointReader(*collection(q)).facet(body(q))};
    });
}

} // namespace mstore
