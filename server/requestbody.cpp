#include "requestbody.h"

#include "apierror.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

namespace mstore::requestbody {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// One parser per request thread: it keeps its buffers between requests.
simdjson::dom::parser &threadParser()
{
    thread_local simdjson::dom::parser parser(64u << 20);
    return parser;
}

/// Whether the digits of an integer (no sign) are beyond what 64 bits hold: above
/// 18446744073709551615, or for a negative one above 9223372036854775808.
bool beyond64Bits(std::string_view digits, bool negative)
{
    const std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
    return digits.size() > limit.size() || (digits.size() == limit.size() && digits > limit);
}

/// The body with ".0" after each integer beyond 64 bits, or nothing when it has none.
/// simdjson 3.1 refuses a negative integer below -2^63 (a number error); serde_json, Qdrant's
/// parser, reads any integer beyond 64 bits as a double, which the decimal makes simdjson do.
std::optional<std::string> bigIntegersAsDecimals(std::string_view body)
{
    std::string out;
    size_t copied = 0;
    bool inString = false;
    for (size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9'))
            continue;
        // The whole number, fraction and exponent too, so that none of its digits is taken
        // for another number.
        const size_t end = std::min(body.find_first_not_of("0123456789+-.eE", i), body.size());
        const std::string_view number = body.substr(i, end - i);
        const bool negative = c == '-';
        if (number.find_first_of(".eE") == std::string_view::npos
            && beyond64Bits(number.substr(negative ? 1 : 0), negative)) {
            out.append(body.substr(copied, end - copied));
            out += ".0";
            copied = end;
        }
        i = end - 1;
    }
    if (copied == 0)
        return std::nullopt;
    out.append(body.substr(copied));
    return out;
}

element parseDom(std::string_view body)
{
    if (body.size() > threadParser().max_capacity())
        throw ApiError(413, "Payload too large: the request body exceeds 64 MiB");
    element root;
    auto error = threadParser().parse(body.data(), body.size()).get(root);
    if (error == simdjson::NUMBER_ERROR) {
        // The parser copies what it parses: the rewritten body need not outlive this.
        if (const std::optional<std::string> decimals = bigIntegersAsDecimals(body))
            error = threadParser().parse(*decimals).get(root);
    }
    if (error)
        throw ApiError::jsonError(std::string(simdjson::error_message(error)));
    return root;
}

Json toJson(element e)
{
    switch (e.type()) {
    case element_type::OBJECT: {
        Json obj = Json::object();
        const simdjson::dom::object object = e.get_object().value_unsafe();
        for (auto field : object)
            obj[std::string(field.key)] = toJson(field.value);
        return obj;
    }
    case element_type::ARRAY: {
        Json arr = Json::array();
        const simdjson::dom::array array = e.get_array().value_unsafe();
        for (element child : array)
            arr.push_back(toJson(child));
        return arr;
    }
    case element_type::STRING: return std::string(e.get_string().value_unsafe());
    case element_type::INT64: {
        // Non-negative integers as unsigned, so size and id fields read the same either way.
        const int64_t v = e.get_int64().value_unsafe();
        return v >= 0 ? Json(static_cast<uint64_t>(v)) : Json(v);
    }
    case element_type::UINT64: return e.get_uint64().value_unsafe();
    case element_type::DOUBLE: return e.get_double().value_unsafe();
    case element_type::BOOL: return e.get_bool().value_unsafe();
    case element_type::NULL_VALUE: return nullptr;
    }
    return nullptr;
}

std::vector<float> toFloats(element e, const std::string &where)
{
    simdjson::dom::array array;
    if (e.get_array().get(array))
        throw ApiError::jsonError(where + ": expected a list of numbers");
    std::vector<float> out;
    out.reserve(array.size());
    for (element v : array) {
        double d;
        if (v.is<double>())
            d = v.get_double().value_unsafe();
        else if (v.is<int64_t>())
            d = static_cast<double>(v.get_int64().value_unsafe());
        else if (v.is<uint64_t>())
            d = static_cast<double>(v.get_uint64().value_unsafe());
        else if (v.is<simdjson::dom::array>())
            throw ApiError::badRequest(where + ": multivectors are not supported by memory-store");
        else
            throw ApiError::jsonError(where + ": expected a list of numbers");
        const auto f = static_cast<float>(d);
        if (!std::isfinite(f))
            throw ApiError::jsonError(where + ": " + std::to_string(d)
                                      + " does not fit in a 32-bit float");
        out.push_back(f);
    }
    return out;
}

std::map<std::string, std::vector<float>> toVectors(element e, const std::string &where)
{
    std::map<std::string, std::vector<float>> vectors;
    if (e.is<simdjson::dom::array>()) {
        vectors[""] = toFloats(e, where);
        return vectors;
    }
    simdjson::dom::object object;
    if (e.get_object().get(object))
        throw ApiError::jsonError(where + ": expected a list of numbers or named vectors");
    for (auto field : object) {
        std::string at = where; // where.name, built without temporaries
        at.append(".").append(field.key);
        if (field.value.is<simdjson::dom::object>())
            throw ApiError::badRequest(at + ": sparse vectors are not supported by memory-store");
        vectors[std::string(field.key)] = toFloats(field.value, at);
    }
    return vectors;
}

PointId toPointId(element e, const std::string &where)
{
    if (const auto id = PointId::fromJson(toJson(e)))
        return *id;
    throw ApiError::jsonError(where + ": value " + simdjson::to_string(e)
                              + " is not a valid point ID, valid values are either an unsigned"
                                " integer or a UUID");
}

std::optional<Json> toPayload(element point, const std::string &where)
{
    element payload;
    if (point["payload"].get(payload) || payload.is_null())
        return Json::object();
    if (!payload.is<simdjson::dom::object>())
        throw ApiError::jsonError(where + ".payload: expected an object");
    return toJson(payload);
}

std::vector<PointInput> pointsList(element list, const std::string &where, bool withPayload)
{
    simdjson::dom::array points;
    if (list.get_array().get(points))
        throw ApiError::jsonError(where + ": expected a list of points");
    std::vector<PointInput> out;
    out.reserve(points.size());
    size_t index = 0;
    for (element point : points) {
        const std::string at = where + "[" + std::to_string(index++) + "]";
        if (!point.is<simdjson::dom::object>())
            throw ApiError::jsonError(at + ": expected a point object");
        element id;
        if (point["id"].get(id))
            throw ApiError::jsonError(at + ": missing field `id`");
        PointInput input;
        input.id = toPointId(id, at + ".id");
        // Qdrant's PointStruct and PointVectors both require `vector` ({} names no vectors).
        element vector;
        if (point["vector"].get(vector))
            throw ApiError::jsonError(at + ": missing field `vector`");
        input.vectors = toVectors(vector, at + ".vector");
        if (withPayload)
            input.payload = toPayload(point, at);
        out.push_back(std::move(input));
    }
    return out;
}

std::vector<PointInput> pointsBatch(element batch, const std::string &where)
{
    element ids;
    if (batch["ids"].get(ids) || !ids.is<simdjson::dom::array>())
        throw ApiError::jsonError(where + ".ids: expected a list of point ids");
    std::vector<PointInput> out;
    size_t index = 0;
    const simdjson::dom::array idList = ids.get_array().value_unsafe();
    for (element id : idList) {
        PointInput input;
        input.id = toPointId(id, where + ".ids[" + std::to_string(index++) + "]");
        input.payload = Json::object();
        out.push_back(std::move(input));
    }
    element vectors;
    if (batch["vectors"].get(vectors))
        throw ApiError::jsonError(where + ": missing field `vectors`");
    auto assign = [&](element list, const std::string &name, const std::string &at) {
        simdjson::dom::array rows;
        if (list.get_array().get(rows) || rows.size() != out.size())
            throw ApiError::badInput(at + ": expected " + std::to_string(out.size())
                                     + " vectors, one per id");
        size_t i = 0;
        for (element row : rows) {
            out[i].vectors[name] = toFloats(row, at + "[" + std::to_string(i) + "]");
            ++i;
        }
    };
    if (vectors.is<simdjson::dom::array>()) {
        assign(vectors, "", where + ".vectors");
    } else if (vectors.is<simdjson::dom::object>()) {
        const simdjson::dom::object named = vectors.get_object().value_unsafe();
        for (auto field : named)
            assign(field.value, std::string(field.key),
                   where + ".vectors." + std::string(field.key));
    } else {
        throw ApiError::jsonError(where + ".vectors: expected a list or named lists of vectors");
    }
    element payloads;
    if (!batch["payloads"].get(payloads) && !payloads.is_null()) {
        simdjson::dom::array list;
        if (payloads.get_array().get(list) || list.size() != out.size())
            throw ApiError::badInput(where + ".payloads: expected one payload per id");
        size_t i = 0;
        for (element payload : list) {
            if (!payload.is_null()) {
                if (!payload.is<simdjson::dom::object>())
                    throw ApiError::jsonError(where + ".payloads[" + std::to_string(i)
                                              + "]: expected an object");
                out[i].payload = toJson(payload);
            }
            ++i;
        }
    }
    return out;
}

// update_filter and update_mode, shared by upserts and vector updates.
void readConditions(element root, const std::string &where, PointsWrite &write)
{
    element filter;
    if (!root["update_filter"].get(filter))
        write.updateFilter = toJson(filter);
    element mode;
    if (!root["update_mode"].get(mode) && !mode.is_null()) {
        const std::string_view text = mode.is_string() ? mode.get_string().value_unsafe() : "";
        if (text != "upsert" && text != "insert_only" && text != "update_only")
            throw ApiError::jsonError(where + "update_mode: expected upsert, insert_only or "
                                              "update_only");
        write.updateMode = std::string(text);
    }
}

PointsWrite upsertFrom(element root, const std::string &where)
{
    PointsWrite write;
    element points;
    element batch;
    if (!root["points"].get(points))
        write.points = pointsList(points, where + "points", true);
    else if (!root["batch"].get(batch))
        write.points = pointsBatch(batch, where + "batch");
    else
        throw ApiError::jsonError(where.empty() ? "expected `points` or `batch`"
                                                : where + ": expected `points` or `batch`");
    readConditions(root, where, write);
    return write;
}

PointsWrite vectorsFrom(element root, const std::string &where)
{
    PointsWrite write;
    element points;
    if (root["points"].get(points))
        throw ApiError::jsonError(where + "missing field `points`");
    write.points = pointsList(points, where + "points", false);
    readConditions(root, where, write);
    return write;
}

void requireObject(element root)
{
    if (!root.is<simdjson::dom::object>())
        throw ApiError::jsonError("expected a JSON object");
}

} // namespace

Json parse(std::string_view body)
{
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return Json::object();
    return toJson(parseDom(body));
}

PointsWrite parseUpsert(std::string_view body)
{
    const element root = parseDom(body);
    requireObject(root);
    return upsertFrom(root, "");
}

PointsWrite parseUpdateVectors(std::string_view body)
{
    const element root = parseDom(body);
    requireObject(root);
    return vectorsFrom(root, "");
}

std::vector<BatchOperation> parseBatch(std::string_view body)
{
    const element root = parseDom(body);
    requireObject(root);
    element operations;
    if (root["operations"].get(operations) || !operations.is<simdjson::dom::array>())
        throw ApiError::jsonError("missing field `operations`");
    std::vector<BatchOperation> out;
    size_t index = 0;
    const simdjson::dom::array list = operations.get_array().value_unsafe();
    for (element op : list) {
        const std::string at = "operations[" + std::to_string(index++) + "]";
        simdjson::dom::object object;
        if (op.get_object().get(object) || object.size() != 1)
            throw ApiError::jsonError(at + ": expected an object with one operation");
        const auto field = *object.begin();
        BatchOperation operation;
        operation.kind = std::string(field.key);
        if (operation.kind == "upsert") {
            operation.write = upsertFrom(field.value, at + ".upsert.");
        } else if (operation.kind == "update_vectors") {
            operation.write = vectorsFrom(field.value, at + ".update_vectors.");
        } else {
            operation.body = toJson(field.value);
        }
        out.push_back(std::move(operation));
    }
    return out;
}

} // namespace mstore::requestbody
