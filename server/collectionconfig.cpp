#include "collectionconfig.h"

#include "apierror.h"

namespace mstore {

namespace {

VectorParams parseVectorParams(const Json &params, const std::string &where)
{
    if (!params.is_object())
        throw ApiError::jsonError(where + ": expected an object with size and distance");
    const auto size = params.find("size");
    if (size == params.end())
        throw ApiError::jsonError(where + ": missing field `size`");
    if (!size->is_number_unsigned() || size->get<uint64_t>() == 0)
        throw ApiError::jsonError(where + ".size: expected a positive integer");
    if (size->get<uint64_t>() > 65536)
        throw ApiError::badInput(where + ".size: must be at most 65536");
    const auto distance = params.find("distance");
    if (distance == params.end() || !distance->is_string())
        throw ApiError::jsonError(where + ".distance: expected one of Cosine, Euclid, Dot, Manhattan");
    const auto parsed = distanceFromName(distance->get<std::string>());
    if (!parsed)
        throw ApiError::jsonError(where + ".distance: unknown variant `" + distance->get<std::string>()
                                  + "`, expected one of `Cosine`, `Euclid`, `Dot`, `Manhattan`");
    if (params.contains("multivector_config") && !params["multivector_config"].is_null())
        throw ApiError::badRequest("multivectors are not supported by memory-store");
    return {size->get<size_t>(), *parsed};
}

// Qdrant's defaults, as `GET /collections/{name}` shows them for a new collection.
Json defaultConfig()
{
    return Json{
        {"params",
         {{"shard_number", 1},
          {"replication_factor", 1},
          {"write_consistency_factor", 1},
          {"on_disk_payload", true}}},
        {"hnsw_config",
         {{"m", 16},
          {"ef_construct", 100},
          {"full_scan_threshold", 10000},
          {"max_indexing_threads", 0},
          {"on_disk", false}}},
        {"optimizer_config",
         {{"deleted_threshold", 0.2},
          {"vacuum_min_vector_number", 1000},
          {"default_segment_number", 0},
          {"max_segment_size", nullptr},
          {"memmap_threshold", nullptr},
          {"indexing_threshold", 10000},
          {"flush_interval_sec", 5},
          {"max_optimization_threads", nullptr}}},
        {"wal_config", {{"wal_capacity_mb", 32}, {"wal_segments_ahead", 0}}},
        {"quantization_config", nullptr},
        {"strict_mode_config", {{"enabled", false}}},
    };
}

void mergeObject(Json &target, const Json &diff, const std::string &where)
{
    if (diff.is_null())
        return;
    if (!diff.is_object())
        throw ApiError::jsonError(where + ": expected an object");
    for (const auto &[key, value] : diff.items())
        target[key] = value;
}

// The fields of Qdrant's *ConfigDiff structs and their JSON types. serde ignores unknown
// fields and treats null as "no change"; a value of the wrong type fails deserialization (400).
enum class FieldType { Unsigned, Number, Boolean, Any };
struct DiffField
{
    const char *name;
    FieldType type;
};

constexpr DiffField kHnswFields[] = {
    {"m", FieldType::Unsigned},
    {"ef_construct", FieldType::Unsigned},
    {"full_scan_threshold", FieldType::Unsigned},
    {"max_indexing_threads", FieldType::Unsigned},
    {"on_disk", FieldType::Boolean},
    {"memory", FieldType::Any},
    {"payload_m", FieldType::Unsigned},
    {"inline_storage", FieldType::Boolean},
};
constexpr DiffField kOptimizerFields[] = {
    {"deleted_threshold", FieldType::Number},
    {"vacuum_min_vector_number", FieldType::Unsigned},
    {"default_segment_number", FieldType::Unsigned},
    {"max_segment_size", FieldType::Unsigned},
    {"memmap_threshold", FieldType::Unsigned},
    {"indexing_threshold", FieldType::Unsigned},
    {"flush_interval_sec", FieldType::Unsigned},
    {"max_optimization_threads", FieldType::Any}, // a number or "auto"
    {"prevent_unoptimized", FieldType::Boolean},
};
constexpr DiffField kWalFields[] = {
    {"wal_capacity_mb", FieldType::Unsigned},
    {"wal_segments_ahead", FieldType::Unsigned},
    {"wal_retain_closed", FieldType::Unsigned},
};
constexpr DiffField kParamsFields[] = {
    {"replication_factor", FieldType::Unsigned},
    {"write_consistency_factor", FieldType::Unsigned},
    {"read_fan_out_factor", FieldType::Unsigned},
    {"read_fan_out_delay_ms", FieldType::Unsigned},
    {"on_disk_payload", FieldType::Boolean},
    {"payload", FieldType::Any},
};

void checkType(const Json &value, FieldType type, const std::string &where)
{
    switch (type) {
    case FieldType::Unsigned:
        if (!value.is_number_unsigned())
            throw ApiError::jsonError(where + ": expected an unsigned integer, got " + value.dump());
        return;
    case FieldType::Number:
        if (!value.is_number())
            throw ApiError::jsonError(where + ": expected a number, got " + value.dump());
        return;
    case FieldType::Boolean:
        if (!value.is_boolean())
            throw ApiError::jsonError(where + ": expected true or false, got " + value.dump());
        return;
    case FieldType::Any: return;
    }
}

template <size_t N>
void mergeDiff(Json &target, const Json &diff, const std::string &where,
               const DiffField (&fields)[N])
{
    if (diff.is_null())
        return;
    if (!diff.is_object())
        throw ApiError::jsonError(where + ": expected an object");
    for (const DiffField &field : fields) {
        const auto it = diff.find(field.name);
        if (it == diff.end() || it->is_null())
            continue;
        checkType(*it, field.type, where + "." + field.name);
        target[field.name] = *it;
    }
}

// quantization_config and metadata: an object or null; anything else is a 400.
const Json &objectOrNull(const Json &body, const char *key)
{
    const Json &value = body[key];
    if (!value.is_null() && !value.is_object())
        throw ApiError::jsonError(std::string(key) + ": expected an object or null");
    return value;
}

} // namespace

const VectorParams *CollectionConfig::vector(const std::string &name) const
{
    const auto it = m_vectors.find(name);
    return it == m_vectors.end() ? nullptr : &it->second;
}

void CollectionConfig::parseVectors()
{
    m_vectors.clear();
    const Json &vectors = m_json["params"]["vectors"];
    // {"distance": "Cosine"} without a size is a single vector missing its size, not a vector
    // named "distance": report the missing field rather than a confusing nested error.
    m_named = !vectors.contains("size")
              && !(vectors.contains("distance") && vectors["distance"].is_string());
    if (!m_named) {
        m_vectors[""] = parseVectorParams(vectors, "vectors");
        return;
    }
    for (const auto &[name, params] : vectors.items()) {
        if (name.empty())
            throw ApiError::badInput("vectors: a vector name must not be empty");
        m_vectors[name] = parseVectorParams(params, "vectors." + name);
    }
}

CollectionConfig CollectionConfig::fromCreateRequest(const Json &body)
{
    if (!body.is_object())
        throw ApiError::jsonError("expected a JSON object with a `vectors` field");
    CollectionConfig config;
    config.m_json = defaultConfig();
    Json &params = config.m_json["params"];
    params["vectors"] = body.value("vectors", Json::object());
    if (!params["vectors"].is_object())
        throw ApiError::jsonError("vectors: expected an object");
    if (body.contains("sparse_vectors") && !body["sparse_vectors"].is_null()
        && !body["sparse_vectors"].empty())
        throw ApiError::badRequest("sparse vectors are not supported by memory-store");
    for (const char *key : {"shard_number", "replication_factor", "write_consistency_factor"}) {
        if (body.contains(key) && !body[key].is_null()) {
            if (!body[key].is_number_unsigned() || body[key].get<uint64_t>() == 0)
                throw ApiError::jsonError(std::string(key) + ": expected a positive integer");
            params[key] = body[key];
        }
    }
    if (body.contains("on_disk_payload") && !body["on_disk_payload"].is_null()) {
        checkType(body["on_disk_payload"], FieldType::Boolean, "on_disk_payload");
        params["on_disk_payload"] = body["on_disk_payload"];
    }
    mergeDiff(config.m_json["hnsw_config"], body.value("hnsw_config", Json()), "hnsw_config",
              kHnswFields);
    mergeDiff(config.m_json["optimizer_config"], body.value("optimizers_config", Json()),
              "optimizers_config", kOptimizerFields);
    mergeDiff(config.m_json["wal_config"], body.value("wal_config", Json()), "wal_config",
              kWalFields);
    if (body.contains("quantization_config"))
        config.m_json["quantization_config"] = objectOrNull(body, "quantization_config");
    if (body.contains("metadata") && objectOrNull(body, "metadata").is_object())
        config.m_json["metadata"] = body["metadata"];
    config.parseVectors();
    return config;
}

CollectionConfig CollectionConfig::fromJson(const Json &json)
{
    CollectionConfig config;
    config.m_json = json;
    config.parseVectors();
    return config;
}

void CollectionConfig::applyUpdate(const Json &body)
{
    if (!body.is_object())
        throw ApiError::jsonError("expected a JSON object");
    Json next = m_json;
    mergeDiff(next["optimizer_config"], body.value("optimizers_config", Json()),
              "optimizers_config", kOptimizerFields);
    mergeDiff(next["hnsw_config"], body.value("hnsw_config", Json()), "hnsw_config", kHnswFields);
    mergeDiff(next["params"], body.value("params", Json()), "params", kParamsFields);
    if (body.contains("quantization_config")) {
        // QuantizationConfigDiff: a config object, or "Disabled" to turn quantization off.
        const Json &quantization = body["quantization_config"];
        if (quantization == "Disabled")
            next["quantization_config"] = nullptr;
        else if (!quantization.is_null())
            next["quantization_config"] = objectOrNull(body, "quantization_config");
    }
    if (body.contains("metadata") && objectOrNull(body, "metadata").is_object())
        mergeObject(next["metadata"], body["metadata"], "metadata");
    // Vector options (on_disk, hnsw_config, ...) may change; size and distance may not.
    if (body.contains("vectors") && body["vectors"].is_object()) {
        for (const auto &[name, diff] : body["vectors"].items()) {
            Json &target = m_named ? next["params"]["vectors"][name] : next["params"]["vectors"];
            if (m_named && !m_vectors.contains(name))
                throw ApiError::wrongInput("Not existing vector name error: " + name);
            if (!m_named && !name.empty())
                throw ApiError::wrongInput("Not existing vector name error: " + name);
            if (diff.contains("size") || diff.contains("distance"))
                throw ApiError::badRequest("vector size and distance cannot be changed");
            mergeObject(target, diff, "vectors." + name);
        }
    }
    m_json = std::move(next);
}

} // namespace mstore
