#include "collection.h"

#include "apierror.h"
#include "datetime.h"
#include "payloadpath.h"
#include "storage.h"

#include <algorithm>
#include <functional>

namespace mstore {

struct Collection::Change
{
    PersistedPoint stored;
    Json payload;
};

namespace {

std::string noPoint(const PointId &id)
{
    return "No point with id " + id.toString() + " found";
}

} // namespace

bool PayloadIndexSpec::accepts(const Json &value) const
{
    if (type == "keyword" || type == "text")
        return value.is_string();
    if (type == "integer")
        return value.is_number_integer();
    if (type == "float")
        return value.is_number();
    if (type == "bool")
        return value.is_boolean();
    if (type == "datetime")
        return value.is_string() && parseDatetime(value.get_ref<const std::string &>());
    if (type == "uuid")
        return value.is_string() && PointId::fromUuid(value.get_ref<const std::string &>());
    if (type == "geo")
        return value.is_object() && value.contains("lat") && value["lat"].is_number()
               && value.contains("lon") && value["lon"].is_number();
    return false;
}

Collection::Collection(std::string name, CollectionConfig config, Storage &storage)
    : m_name(std::move(name)), m_config(std::move(config)), m_storage(storage)
{
    for (const auto &[vectorName, params] : m_config.vectors())
        m_vectors[vectorName] = makeExactVectorIndex(params.size, params.distance);
}

Collection::~Collection() = default;

Json Collection::meta() const
{
    Json indexes = Json::object();
    for (const auto &[field, spec] : m_indexes)
        indexes[field] = {{"type", spec.type}, {"params", spec.params}};
    return {{"config", m_config.toJson()}, {"payload_indexes", indexes}};
}

void Collection::restoreMeta(const Json &meta)
{
    // A named local: items() over the temporary that value() returns would dangle in the loop.
    const Json indexes = meta.value("payload_indexes", Json::object());
    if (!indexes.is_object())
        return;
    for (const auto &[field, spec] : indexes.items()) {
        if (spec.is_object()) {
            m_indexes[field] = {spec.value("type", ""), spec.value("params", Json())};
            rebuildFacetColumn(field);
        }
    }
}

void Collection::rebuildFacetColumn(const std::string &field)
{
    m_facetColumns.erase(field);
    m_indexedCounts.erase(field);
    const auto index = m_indexes.find(field);
    if (index != m_indexes.end()) {
        if (const auto path = PayloadPath::tryParse(field)) {
            const PayloadIndexSpec spec = index->second;
            IndexedPointCount count(*path, [spec](const Json &v) { return spec.accepts(v); });
            for (uint32_t row = 0; row < m_rows.size(); ++row) {
                if (m_rows[row].used)
                    count.set(row, m_rows[row].payload);
            }
            m_indexedCounts.insert_or_assign(field, std::move(count));
        }
    }
    if (index == m_indexes.end() || !FacetColumn::facetable(index->second.type))
        return;
    const auto path = PayloadPath::tryParse(field);
    if (!path)
        return; // the facet refuses an unparseable key before it looks for a column
    FacetColumn column(*path, index->second.type);
    for (uint32_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].used)
            column.set(row, m_rows[row].payload);
    }
    m_facetColumns.insert_or_assign(field, std::move(column));
}

const FacetColumn *Collection::facetColumn(const std::string &field) const
{
    const auto it = m_facetColumns.find(field);
    return it == m_facetColumns.end() ? nullptr : &it->second;
}

void Collection::persistMeta()
{
    m_storage.putCollection(m_name, meta());
}

void Collection::loadPoint(PersistedPoint &&point)
{
    std::unique_lock lock(m_mutex);
    uint32_t row;
    if (const auto it = m_idToRow.find(point.id); it != m_idToRow.end()) {
        row = it->second;
    } else {
        row = static_cast<uint32_t>(m_rows.size());
        m_rows.emplace_back();
        m_idToRow.emplace(point.id, row);
    }
    Json payload = Json::parse(point.payloadJson, nullptr, false);
    if (payload.is_discarded() || !payload.is_object())
        payload = Json::object();
    m_rows[row] = {point.id, std::move(payload), point.version, true};
    for (auto &[field, column] : m_facetColumns)
        column.set(row, m_rows[row].payload);
    for (auto &[field, count] : m_indexedCounts)
        count.set(row, m_rows[row].payload);
    for (auto &[name, index] : m_vectors) {
        const auto v = point.vectors.find(name);
        if (v != point.vectors.end() && v->second.size() == index->dimension())
            index->set(row, v->second.data());
    }
    m_nextOperation = std::max(m_nextOperation, point.version + 1);
}

Json Collection::info() const
{
    auto lock = readLock();
    Json schema = Json::object();
    for (const auto &[field, spec] : m_indexes) {
        Json entry = {{"data_type", spec.type}, {"points", indexedPoints(field, spec)}};
        if (spec.params.is_object())
            entry["params"] = spec.params;
        schema[field] = std::move(entry);
    }
    return {{"status", "green"},
            {"optimizer_status", "ok"},
            {"indexed_vectors_count", 0},
            {"points_count", m_idToRow.size()},
            {"segments_count", 1},
            {"config", m_config.toJson()},
            {"payload_schema", std::move(schema)}};
}

size_t Collection::indexedPoints(const std::string &field, const PayloadIndexSpec &spec) const
{
    if (const auto kept = m_indexedCounts.find(field); kept != m_indexedCounts.end())
        return kept->second.count();
    // A key no column could be kept for: count by walking the payloads.
    const PayloadPath path = PayloadPath::parse(field);
    size_t points = 0;
    std::vector<const Json *> values;
    for (const Row &row : m_rows) {
        if (!row.used)
            continue;
        values.clear();
        path.collectFlat(row.payload, values);
        // Qdrant counts the points the index holds a value for: values of its type only.
        points += std::any_of(values.begin(), values.end(),
                              [&](const Json *v) { return spec.accepts(*v); })
                      ? 1
                      : 0;
    }
    return points;
}

void Collection::updateConfig(const Json &body)
{
    std::unique_lock lock(m_mutex);
    CollectionConfig next = m_config;
    next.applyUpdate(body);
    std::swap(m_config, next);
    try {
        persistMeta();
    } catch (...) {
        std::swap(m_config, next);
        throw;
    }
}

CollectionConfig Collection::config() const
{
    auto lock = readLock();
    return m_config;
}

std::optional<uint32_t> Collection::rowOf(const PointId &id) const
{
    const auto it = m_idToRow.find(id);
    if (it == m_idToRow.end())
        return std::nullopt;
    return it->second;
}

const VectorIndex *Collection::vectorIndex(const std::string &name) const
{
    const auto it = m_vectors.find(name);
    return it == m_vectors.end() ? nullptr : it->second.get();
}

bool Collection::rowMatches(uint32_t row, const Filter &filter) const
{
    if (filter.matchesEverything())
        return true;
    const std::function<bool(std::string_view)> hasVector = [this, row](std::string_view name) {
        const VectorIndex *index = vectorIndex(std::string(name));
        return index && index->contains(row);
    };
    return filter.matches(PointView{m_rows[row].id, m_rows[row].payload, &hasVector});
}

std::vector<uint32_t> Collection::selectRows(const PointSelection &selection,
                                             bool requireExisting) const
{
    std::vector<uint32_t> rows;
    if (selection.filter) {
        for (const auto &[id, row] : m_idToRow) {
            if (rowMatches(row, *selection.filter))
                rows.push_back(row);
        }
        return rows;
    }
    for (const PointId &id : selection.ids) {
        if (const auto row = rowOf(id))
            rows.push_back(*row);
        else if (requireExisting)
            throw ApiError::notFound(noPoint(id));
    }
    return rows;
}

void Collection::validateVectors(const PointInput &point, bool requireAll) const
{
    for (const auto &[name, vector] : point.vectors) {
        const VectorParams *params = m_config.vector(name);
        if (!params)
            throw ApiError::wrongInput("Not existing vector name error: " + name);
        if (vector.size() != params->size)
            throw ApiError::wrongInput("Vector dimension error: expected dim: "
                                       + std::to_string(params->size)
                                       + ", got " + std::to_string(vector.size()));
    }
    if (requireAll && !m_config.namedVectors() && point.vectors.empty())
        throw ApiError::wrongInput("Point " + point.id.toString() + " has no vector");
}

Collection::Change Collection::changeForRow(uint32_t row) const
{
    Change change;
    change.stored.id = m_rows[row].id;
    change.payload = m_rows[row].payload;
    for (const auto &[name, index] : m_vectors) {
        if (const float *v = index->vector(row))
            change.stored.vectors[name].assign(v, v + index->dimension());
    }
    return change;
}

uint64_t Collection::commit(std::vector<Change> &changes, const std::vector<PointId> &deletes)
{
    const uint64_t operation = m_nextOperation++;
    std::vector<const PersistedPoint *> stored;
    stored.reserve(changes.size());
    for (Change &change : changes) {
        change.stored.version = operation;
        change.stored.payloadJson = change.payload.dump(-1, ' ', false,
                                                        Json::error_handler_t::replace);
        stored.push_back(&change.stored);
    }
    // Durable first: a write the client sees acknowledged is already in the WAL.
    m_storage.writePoints(m_name, stored, deletes);

    for (const PointId &id : deletes) {
        const auto it = m_idToRow.find(id);
        if (it == m_idToRow.end())
            continue;
        const uint32_t row = it->second;
        for (auto &[name, index] : m_vectors)
            index->remove(row);
        for (auto &[field, column] : m_facetColumns)
            column.clear(row);
        for (auto &[field, count] : m_indexedCounts)
            count.clear(row);
        m_rows[row] = Row{};
        m_freeRows.push_back(row);
        m_idToRow.erase(it);
    }
    for (Change &change : changes) {
        uint32_t row;
        if (const auto it = m_idToRow.find(change.stored.id); it != m_idToRow.end()) {
            row = it->second;
        } else if (!m_freeRows.empty()) {
            row = m_freeRows.back();
            m_freeRows.pop_back();
            m_idToRow.emplace(change.stored.id, row);
        } else {
            row = static_cast<uint32_t>(m_rows.size());
            m_rows.emplace_back();
            m_idToRow.emplace(change.stored.id, row);
        }
        m_rows[row] = {change.stored.id, std::move(change.payload), operation, true};
        for (auto &[field, column] : m_facetColumns)
            column.set(row, m_rows[row].payload);
        for (auto &[field, count] : m_indexedCounts)
            count.set(row, m_rows[row].payload);
        for (auto &[name, index] : m_vectors) {
            const auto v = change.stored.vectors.find(name);
            if (v != change.stored.vectors.end())
                index->set(row, v->second.data());
            else
                index->remove(row);
        }
    }
    return operation;
}

uint64_t Collection::upsert(PointsWrite write)
{
    std::vector<PointInput> &points = write.points;
    const Filter updateFilter = Filter::parse(write.updateFilter, "update_filter");
    {
        // Validation and normalisation need only the config, not the lock on the points.
        auto lock = readLock();
        for (PointInput &point : points) {
            validateVectors(point, true);
            for (auto &[name, vector] : point.vectors) {
                if (m_config.vector(name)->distance == Distance::Cosine)
                    normalize(vector.data(), vector.size());
            }
        }
    }
    std::unique_lock lock(m_mutex);
    std::vector<Change> changes;
    changes.reserve(points.size());
    for (PointInput &point : points) {
        const auto row = rowOf(point.id);
        if (row ? write.updateMode == "insert_only" || !rowMatches(*row, updateFilter)
                : write.updateMode == "update_only")
            continue;
        Change change;
        change.stored.id = point.id;
        change.stored.vectors = std::move(point.vectors);
        change.payload = point.payload ? std::move(*point.payload) : Json::object();
        changes.push_back(std::move(change));
    }
    return commit(changes, {});
}

// NOLINTNEXTLINE(performance-unnecessary-value-param): its points' vectors are moved out below
uint64_t Collection::updateVectors(PointsWrite write)
{
    const Filter updateFilter = Filter::parse(write.updateFilter, "update_filter");
    std::unique_lock lock(m_mutex);
    std::vector<Change> changes;
    for (PointInput &point : write.points) {
        validateVectors(point, false);
        const auto row = rowOf(point.id);
        if (!row)
            throw ApiError::notFound(noPoint(point.id));
        if (!rowMatches(*row, updateFilter))
            continue;
        Change change = changeForRow(*row);
        for (auto &[name, vector] : point.vectors) {
            if (m_config.vector(name)->distance == Distance::Cosine)
                normalize(vector.data(), vector.size());
            change.stored.vectors[name] = std::move(vector);
        }
        changes.push_back(std::move(change));
    }
    return commit(changes, {});
}

uint64_t Collection::deletePoints(const PointSelection &selection)
{
    std::unique_lock lock(m_mutex);
    std::vector<PointId> ids;
    for (const uint32_t row : selectRows(selection, false))
        ids.push_back(m_rows[row].id);
    std::vector<Change> none;
    return commit(none, ids);
}

uint64_t Collection::rewritePayloads(const PointSelection &selection,
                                     const std::function<void(Json &)> &edit)
{
    std::unique_lock lock(m_mutex);
    std::vector<Change> changes;
    for (const uint32_t row : selectRows(selection, true)) {
        Change change = changeForRow(row);
        edit(change.payload);
        changes.push_back(std::move(change));
    }
    return commit(changes, {});
}

uint64_t Collection::setPayload(const PointSelection &selection, const Json &payload,
                                const PayloadPath *key)
{
    return rewritePayloads(selection, [&](Json &target) {
        if (key) {
            key->mergeAt(target, payload);
            return;
        }
        PayloadPath::mergeObject(target, payload); // a null value deletes the key, as in Qdrant
    });
}

uint64_t Collection::overwritePayload(const PointSelection &selection, const Json &payload)
{
    return rewritePayloads(selection, [&](Json &target) { target = payload; });
}

uint64_t Collection::deletePayload(const PointSelection &selection,
                                   const std::vector<PayloadPath> &keys)
{
    return rewritePayloads(selection, [&](Json &target) {
        for (const PayloadPath &key : keys)
            key.remove(target);
    });
}

uint64_t Collection::clearPayload(const PointSelection &selection)
{
    return rewritePayloads(selection, [](Json &target) { target = Json::object(); });
}

uint64_t Collection::deleteVectors(const PointSelection &selection,
                                   const std::vector<std::string> &names)
{
    std::unique_lock lock(m_mutex);
    for (const std::string &name : names) {
        if (!m_config.vector(name))
            throw ApiError::wrongInput("Not existing vector name error: " + name);
    }
    std::vector<Change> changes;
    for (const uint32_t row : selectRows(selection, true)) {
        Change change = changeForRow(row);
        for (const std::string &name : names)
            change.stored.vectors.erase(name);
        changes.push_back(std::move(change));
    }
    return commit(changes, {});
}

uint64_t Collection::createPayloadIndex(const std::string &field, const PayloadIndexSpec &spec)
{
    std::unique_lock lock(m_mutex);
    const auto previous = m_indexes.find(field);
    const std::optional<PayloadIndexSpec> old =
        previous == m_indexes.end() ? std::nullopt : std::optional(previous->second);
    m_indexes[field] = spec;
    try {
        persistMeta();
    } catch (...) {
        // What is not stored must not be visible.
        if (old)
            m_indexes[field] = *old;
        else
            m_indexes.erase(field);
        throw;
    }
    // A new index, or another type on the same field: its values are read from every point.
    rebuildFacetColumn(field);
    // Index changes are operations of their own in Qdrant's WAL: they take an operation id.
    return m_nextOperation++;
}

uint64_t Collection::deletePayloadIndex(const std::string &field)
{
    std::unique_lock lock(m_mutex);
    const auto previous = m_indexes.find(field);
    if (previous != m_indexes.end()) {
        const PayloadIndexSpec old = previous->second;
        m_indexes.erase(previous);
        try {
            persistMeta();
        } catch (...) {
            m_indexes[field] = old;
            throw;
        }
        m_facetColumns.erase(field);
        m_indexedCounts.erase(field);
    }
    return m_nextOperation++;
}

std::map<std::string, PayloadIndexSpec> Collection::payloadIndexes() const
{
    auto lock = readLock();
    return m_indexes;
}

} // namespace mstore
