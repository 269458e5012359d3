#include "pointreader.h"

#include "apierror.h"
#include "datetime.h"
#include "jsonwriter.h"
#include "payloadpath.h"
#include "recordwriter.h"
#include "requestfields.h"
#include "rowmatcher.h"

#include <algorithm>
#include <map>
#include <set>

namespace mstore {

namespace fields = requestfields;

namespace {

bool indexTypeIn(const Collection &c, const std::string &key,
                 std::initializer_list<const char *> types)
{
    const auto &indexes = c.payloadIndexesUnlocked();
    const auto it = indexes.find(key);
    if (it == indexes.end())
        return false;
    return std::any_of(types.begin(), types.end(),
                       [&](const char *t) { return it->second.type == t; });
}

// A payload value as a number for ordering: numbers as they are, datetimes as epoch micros.
std::optional<double> orderValue(const Json &value)
{
    if (value.is_number())
        return value.get<double>();
    if (value.is_string()) {
        if (const auto micros = parseDatetime(value.get_ref<const std::string &>()))
            return static_cast<double>(*micros);
    }
    return std::nullopt;
}

} // namespace

std::string PointReader::retrieve(const Json &body) const
{
    fields::requireObject(body);
    if (!body.contains("ids"))
        throw ApiError::jsonError("missing field `ids`");
    const auto ids = fields::pointIds(body["ids"], "ids");
    RecordWriter writer(m_collection,
                        PayloadSelector::fromJson(body.value("with_payload", Json()), true),
                        VectorSelector::fromJson(body.value("with_vector", Json())));
    auto lock = m_collection.readLock();
    std::string out = "[";
    bool first = true;
    std::set<PointId> seen; // Qdrant returns a point asked for twice once
    for (const PointId &id : ids) {
        const auto row = m_collection.rowOf(id);
        if (!row || !seen.insert(id).second)
            continue;
        if (!first)
            out.push_back(',');
        first = false;
        writer.writeRecord(out, *row);
    }
    out.push_back(']');
    return out;
}

std::string PointReader::retrieveOne(const PointId &id) const
{
    RecordWriter writer(m_collection, PayloadSelector::fromJson(true, true),
                        VectorSelector::fromJson(true));
    auto lock = m_collection.readLock();
    const auto row = m_collection.rowOf(id);
    if (!row)
        throw ApiError::notFound("No point with id " + id.toString() + " found");
    std::string out;
    writer.writeRecord(out, *row);
    return out;
}

std::string PointReader::scroll(const Json &body) const
{
    fields::requireObject(body);
    if (body.contains("order_by") && !body["order_by"].is_null())
        return scrollOrdered(body, body["order_by"]);

    const size_t limit = fields::positive(body, "limit", 10);
    const Filter filter = fields::filter(body);
    std::optional<PointId> offset;
    if (body.contains("offset") && !body["offset"].is_null())
        offset = fields::pointId(body["offset"], "offset");
    RecordWriter writer(m_collection,
                        PayloadSelector::fromJson(body.value("with_payload", Json()), true),
                        VectorSelector::fromJson(body.value("with_vector", Json())));

    auto lock = m_collection.readLock();
    const RowMatcher matcher(m_collection, filter);
    const auto &index = m_collection.idIndex();
    auto it = offset ? index.lower_bound(*offset) : index.begin();
    std::string out = "{\"points\":[";
    size_t taken = 0;
    std::optional<PointId> next;
    for (; it != index.end(); ++it) {
        if (!matcher.matches(it->second))
            continue;
        if (taken == limit) {
            next = it->first;
            break;
        }
        if (taken++)
            out.push_back(',');
        writer.writeRecord(out, it->second);
    }
    out += "],\"next_page_offset\":";
    if (next)
        next->appendJson(out);
    else
        out += "null";
    out.push_back('}');
    return out;
}

std::string PointReader::scrollOrdered(const Json &body, const Json &orderBy) const
{
    std::string key;
    bool descending = false;
    std::optional<double> startFrom;
    if (orderBy.is_string()) {
        key = orderBy.get<std::string>();
    } else if (orderBy.is_object() && orderBy.contains("key") && orderBy["key"].is_string()) {
        key = orderBy["key"].get<std::string>();
        const std::string direction = orderBy.value("direction", "asc");
        if (direction != "asc" && direction != "desc")
            throw ApiError::jsonError("order_by.direction: expected `asc` or `desc`");
        descending = direction == "desc";
        if (orderBy.contains("start_from") && !orderBy["start_from"].is_null()) {
            startFrom = orderValue(orderBy["start_from"]);
            if (!startFrom)
                throw ApiError::jsonError("order_by.start_from: expected a number or a datetime");
        }
    } else {
        throw ApiError::jsonError("order_by: expected a key or {\"key\", \"direction\", "
                                  "\"start_from\"}");
    }
    if (body.contains("offset") && !body["offset"].is_null())
        throw ApiError::badRequest("Offset is not supported with order_by");
    const size_t limit = fields::positive(body, "limit", 10);
    const Filter filter = fields::filter(body);
    const PayloadPath path = PayloadPath::parse(key);
    RecordWriter writer(m_collection,
                        PayloadSelector::fromJson(body.value("with_payload", Json()), true),
                        VectorSelector::fromJson(body.value("with_vector", Json())));

    auto lock = m_collection.readLock();
    if (!indexTypeIn(m_collection, key, {"integer", "float", "datetime"}))
        throw ApiError::badRequest("No range index for `order_by` key: `" + key
                                   + "`. Please create one to use `order_by`. Check "
                                     "https://qdrant.tech/documentation/concepts/indexing/"
                                     "#payload-index to see which payload schemas support "
                                     "Range conditions");
    struct Entry
    {
        double value;
        PointId id;
        uint32_t row;
        bool integral;
    };
    std::vector<Entry> entries;
    std::vector<const Json *> values;
    for (const auto &[id, row] : m_collection.idIndex()) {
        if (!m_collection.rowMatches(row, filter))
            continue;
        values.clear();
        path.collectFlat(m_collection.rows()[row].payload, values);
        // A point with several values appears once per value, as in Qdrant.
        for (const Json *value : values) {
            const auto number = orderValue(*value);
            if (!number)
                continue;
            if (startFrom && (descending ? *number > *startFrom : *number < *startFrom))
                continue;
            entries.push_back({*number, id, row, !value->is_number_float()});
        }
    }
    const auto better = [descending](const Entry &a, const Entry &b) {
        // Qdrant merges (value, id) pairs in the direction asked: ties go by id that way too.
        if (a.value != b.value)
            return descending ? a.value > b.value : a.value < b.value;
        return descending ? b.id < a.id : a.id < b.id;
    };
    const size_t count = std::min(limit, entries.size());
    std::partial_sort(entries.begin(), entries.begin() + count, entries.end(), better);
    std::string out = "{\"points\":[";
    for (size_t i = 0; i < count; ++i) {
        if (i)
            out.push_back(',');
        writer.writeOrdered(out, entries[i].row, entries[i].value, entries[i].integral);
    }
    out += "],\"next_page_offset\":null}";
    return out;
}

std::string PointReader::count(const Json &body) const
{
    fields::requireObject(body);
    const Filter filter = fields::filter(body);
    auto lock = m_collection.readLock();
    size_t count = 0;
    if (filter.matchesEverything()) {
        count = m_collection.pointCount();
    } else if (const RowMatcher matcher(m_collection, filter); matcher.indexedCount()) {
        count = *matcher.indexedCount();
    } else {
        // The rows in storage order: walking the id index's tree costs more than the matching.
        const auto &rows = m_collection.rows();
        for (uint32_t row = 0; row < rows.size(); ++row)
            count += rows[row].used && matcher.matches(row) ? 1 : 0;
    }
    return "{\"count\":" + std::to_string(count) + "}";
}

std::string PointReader::facet(const Json &body) const
{
    fields::requireObject(body);
    if (!body.contains("key") || !body["key"].is_string())
        throw ApiError::jsonError("missing field `key`");
    const std::string key = body["key"].get<std::string>();
    const size_t limit = fields::positive(body, "limit", 10);
    const Filter filter = fields::filter(body);
    // A malformed key is its own 400, before the index is looked for.
    static_cast<void>(PayloadPath::parse(key));

    auto lock = m_collection.readLock();
    const FacetColumn *column = m_collection.facetColumn(key);
    if (!column)
        throw ApiError::badRequest("Index required but not found for \"" + key
                                   + "\" of one of the following types: [keyword, integer, "
                                     "bool, uuid]. Help: Create an index for this key or use a "
                                     "different filter.");
    // The column holds each point's distinct values as ids, kept on every write: without a
    // filter the counts are already there; with one, only the matching rows' ids are added up.
    std::vector<std::pair<Json, size_t>> hits;
    if (filter.matchesEverything()) {
        for (uint32_t id = 0; id < column->idBound(); ++id) {
            if (column->pointCount(id) > 0)
                hits.emplace_back(column->value(id), column->pointCount(id));
        }
    } else {
        std::vector<size_t> counts(column->idBound(), 0);
        const RowMatcher matcher(m_collection, filter);
        const auto &rows = m_collection.rows();
        for (uint32_t row = 0; row < rows.size(); ++row) {
            if (rows[row].used && matcher.matches(row))
                column->forEachValue(row, [&counts](uint32_t id) { ++counts[id]; });
        }
        for (uint32_t id = 0; id < counts.size(); ++id) {
            if (counts[id] > 0)
                hits.emplace_back(column->value(id), counts[id]);
        }
    }
    // Most points first; equal counts in Json's order (type, then value).
    std::sort(hits.begin(), hits.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (hits.size() > limit)
        hits.resize(limit);
    std::string out = "{\"hits\":[";
    JsonWriter w(out);
    for (size_t i = 0; i < hits.size(); ++i) {
        if (i)
            out.push_back(',');
        w.raw("{\"value\":").json(hits[i].first).raw(",\"count\":").number(uint64_t(hits[i].second));
        out.push_back('}');
    }
    out += "]}";
    return out;
}

} // namespace mstore
