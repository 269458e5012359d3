#include "pointsresponse.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <simdjson.h>

#include <memory>

namespace pointsresponse {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

QString tr(const char *text)
{
    return QCoreApplication::translate("QdrantClient", text);
}

NetError decodeError(const QString &what)
{
    NetError error;
    error.kind = NetError::Kind::Decode;
    error.message = tr("the answer %1").arg(what);
    return error;
}

/// Thrown inside this file only, caught at each entry point: a malformed answer at any depth
/// ends the parse with one message.
struct Malformed
{
    QString what;
};

QString keyString(std::string_view key)
{
    return QString::fromUtf8(key.data(), qsizetype(key.size()));
}

QJsonValue toJson(element value);

QJsonObject toJsonObject(object members)
{
    QJsonObject out;
    for (auto [key, value] : members)
        out.insert(keyString(key), toJson(value));
    return out;
}

/// The value as T, whose type the caller has checked already.
template <typename T> T as(element value)
{
    T out {};
    if (value.get(out) != simdjson::SUCCESS)
        return T {};
    return out;
}

QJsonValue toJson(element value)
{
    using Type = simdjson::dom::element_type;
    switch (value.type()) {
    case Type::OBJECT:
        return toJsonObject(as<object>(value));
    case Type::ARRAY: {
        QJsonArray out;
        for (element item : as<array>(value))
            out.append(toJson(item));
        return out;
    }
    case Type::INT64:
        return qint64(as<int64_t>(value));
    case Type::UINT64:
        return double(as<uint64_t>(value)); // above 2^63: doubles only
    case Type::DOUBLE:
        return as<double>(value);
    case Type::STRING:
        return keyString(as<std::string_view>(value));
    case Type::BOOL:
        return as<bool>(value);
    case Type::NULL_VALUE:
        break;
    }
    return QJsonValue::Null;
}

PointId idOf(element value)
{
    uint64_t number;
    if (!value.get(number))
        return PointId(number);
    std::string_view text;
    if (!value.get(text)) {
        const PointId id = PointId::fromString(keyString(text));
        if (id.isUuid())
            return id;
    }
    throw Malformed {tr("has a point id that is neither an unsigned integer nor a UUID")};
}

/// A dense vector; false for the other kinds (sparse, multi-vector), which are skipped.
bool readDense(element value, QList<float> &out)
{
    array values;
    if (value.get(values))
        return false;
    out.reserve(qsizetype(values.size()));
    for (element component : values) {
        double number;
        if (component.get(number)) {
            if (component.is_array()) // a multi-vector: not shown, but not an error either
                return false;
            throw Malformed {tr("has a vector component that is not a number")};
        }
        out.append(float(number));
    }
    return true;
}

NamedVectors vectorsOf(element value)
{
    NamedVectors out;
    if (value.is_null())
        return out;
    if (value.is_array()) {
        QList<float> dense;
        if (readDense(value, dense))
            out[QString()] = std::move(dense); // QMap::insert would copy it
        return out;
    }
    object named;
    if (value.get(named))
        throw Malformed {tr("has a \"vector\" that is neither a list nor an object")};
    for (auto [name, vector] : named) {
        QList<float> dense;
        if (readDense(vector, dense))
            out[keyString(name)] = std::move(dense);
    }
    return out;
}

QJsonObject payloadOf(object point)
{
    element payload;
    if (point["payload"].get(payload) || payload.is_null())
        return {};
    object members;
    if (payload.get(members))
        throw Malformed {tr("has a payload that is not an object")};
    return toJsonObject(members);
}

PointRecord recordOf(element value)
{
    object point;
    if (value.get(point))
        throw Malformed {tr("has a point that is not an object")};
    element id;
    if (point["id"].get(id))
        throw Malformed {tr("has a point without an id")};
    PointRecord record;
    record.id = idOf(id);
    record.payload = payloadOf(point);
    element vector;
    if (!point["vector"].get(vector))
        record.vectors = vectorsOf(vector);
    return record;
}

ScoredPoint scoredOf(element value)
{
    object point;
    if (value.get(point))
        throw Malformed {tr("has a hit that is not an object")};
    element id;
    if (point["id"].get(id))
        throw Malformed {tr("has a hit without an id")};
    ScoredPoint hit;
    hit.id = idOf(id);
    double score;
    if (point["score"].get(score))
        throw Malformed {tr("has a hit without a score")};
    hit.score = float(score);
    int64_t version;
    if (!point["version"].get(version))
        hit.version = version;
    hit.payload = payloadOf(point);
    element vector;
    if (!point["vector"].get(vector))
        hit.vectors = vectorsOf(vector);
    return hit;
}

array listOf(element value, const char *what)
{
    array list;
    if (value.get(list))
        throw Malformed {tr("has no list of %1").arg(QLatin1String(what))};
    return list;
}

QList<ScoredPoint> hitsOf(element value, Shape shape)
{
    if (shape == Shape::QueryResponse) {
        element points;
        if (value["points"].get(points))
            throw Malformed {tr("has no \"points\" in its result")};
        value = points;
    }
    const array list = listOf(value, "hits");
    QList<ScoredPoint> hits;
    hits.reserve(qsizetype(list.size()));
    for (element item : list)
        hits.append(scoredOf(item));
    return hits;
}

/// Parses the envelope and hands its `result` to read(); a malformed answer at any depth
/// becomes one Decode error.
template <typename T, typename Read> Result<T> parseResult(const QByteArray &body, Read read)
{
    // Small answers reuse one parser per thread; a big one gets its own so that a scroll page
    // of vectors does not leave tens of MB behind in every thread that ever parsed one.
    constexpr qsizetype kReuseLimit = 1 << 20;
    thread_local simdjson::dom::parser shared;
    std::unique_ptr<simdjson::dom::parser> own;
    simdjson::dom::parser *parser = &shared;
    if (body.size() > kReuseLimit) {
        own = std::make_unique<simdjson::dom::parser>();
        parser = own.get();
    }
    element root;
    if (const auto error = parser->parse(body.constData(), size_t(body.size())).get(root)) {
        return decodeError(tr("is not valid JSON (%1; %2 bytes)")
                               .arg(QLatin1String(simdjson::error_message(error)))
                               .arg(body.size()));
    }
    element result;
    if (root["result"].get(result))
        return decodeError(tr("has no \"result\""));
    try {
        return read(result);
    } catch (const Malformed &malformed) {
        return decodeError(malformed.what);
    } catch (const simdjson::simdjson_error &error) {
        return decodeError(tr("has an unexpected type (%1)").arg(QLatin1String(error.what())));
    }
}

} // namespace

Result<QList<PointRecord>> records(const QByteArray &body)
{
    return parseResult<QList<PointRecord>>(body, [](element result) {
        const array list = listOf(result, "points");
        QList<PointRecord> out;
        out.reserve(qsizetype(list.size()));
        for (element item : list)
            out.append(recordOf(item));
        return out;
    });
}

Result<ScrollPage> scrollPage(const QByteArray &body)
{
    return parseResult<ScrollPage>(body, [](element result) {
        element points;
        if (result["points"].get(points))
            throw Malformed {tr("has no \"points\" in its result")};
        const array list = listOf(points, "points");
        ScrollPage page;
        page.points.reserve(qsizetype(list.size()));
        for (element item : list)
            page.points.append(recordOf(item));
        element next;
        if (!result["next_page_offset"].get(next) && !next.is_null())
            page.nextOffset = idOf(next);
        return page;
    });
}

Result<QList<ScoredPoint>> scoredPoints(const QByteArray &body, Shape shape)
{
    return parseResult<QList<ScoredPoint>>(
        body, [shape](element result) { return hitsOf(result, shape); });
}

Result<QList<QList<ScoredPoint>>> scoredBatches(const QByteArray &body, Shape shape)
{
    return parseResult<QList<QList<ScoredPoint>>>(body, [shape](element result) {
        const array list = listOf(result, "batch results");
        QList<QList<ScoredPoint>> out;
        out.reserve(qsizetype(list.size()));
        for (element item : list)
            out.append(hitsOf(item, shape));
        return out;
    });
}

} // namespace pointsresponse
