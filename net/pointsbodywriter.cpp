#include "pointsbodywriter.h"

#include "jsontext.h"

namespace pointsbody {

namespace {

using jsontext::appendString;

void appendIds(QByteArray &out, const QList<PointId> &ids)
{
    out += '[';
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            out += ',';
        ids.at(i).appendJson(out);
    }
    out += ']';
}

void appendPayloadSelector(QByteArray &out, const PayloadSelector &selector)
{
    switch (selector.mode) {
    case PayloadSelector::Mode::All:
        out += "true";
        break;
    case PayloadSelector::Mode::None:
        out += "false";
        break;
    case PayloadSelector::Mode::Include:
        // The list form: Qdrant has understood it since before 1.0.
        jsontext::appendStrings(out, selector.fields);
        break;
    case PayloadSelector::Mode::Exclude:
        out += "{\"exclude\":";
        jsontext::appendStrings(out, selector.fields);
        out += '}';
        break;
    }
}

void appendVectorSelector(QByteArray &out, const VectorSelector &selector)
{
    if (selector.all)
        out += "true";
    else if (selector.names.isEmpty())
        out += "false";
    else
        jsontext::appendStrings(out, selector.names);
}

/// `,"with_payload":…,"with_vector":…`
void appendSelectors(QByteArray &out, const PayloadSelector &payload, const VectorSelector &vectors)
{
    out += ",\"with_payload\":";
    appendPayloadSelector(out, payload);
    out += ",\"with_vector\":";
    appendVectorSelector(out, vectors);
}

void appendFilter(QByteArray &out, const QJsonObject &filter)
{
    if (filter.isEmpty())
        return;
    out += ",\"filter\":";
    jsontext::appendObject(out, filter);
}

void appendInput(QByteArray &out, const VectorInput &input)
{
    if (!input.vector.isEmpty())
        jsontext::appendFloats(out, input.vector);
    else
        input.id.appendJson(out);
}

void appendInputs(QByteArray &out, const QList<VectorInput> &inputs)
{
    out += '[';
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        if (i)
            out += ',';
        appendInput(out, inputs.at(i));
    }
    out += ']';
}

/// Members shared by query, search and recommend, after the query itself.
void appendSearchTail(QByteArray &out, const QueryRequest &request)
{
    appendFilter(out, request.filter);
    out += ",\"limit\":" + QByteArray::number(request.limit);
    if (request.offset > 0)
        out += ",\"offset\":" + QByteArray::number(request.offset);
    if (request.scoreThreshold) {
        out += ",\"score_threshold\":";
        jsontext::appendFloat(out, *request.scoreThreshold);
    }
    appendSelectors(out, request.withPayload, request.withVector);
}

void appendSelectionMembers(QByteArray &out, const PointSelection &selection)
{
    if (selection.isByIds()) {
        out += "\"points\":";
        appendIds(out, selection.ids);
    } else {
        out += "\"filter\":";
        jsontext::appendObject(out, selection.filter);
    }
}

void appendPointVectors(QByteArray &out, const QList<PointStruct> &points)
{
    out += "{\"points\":[";
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (i)
            out += ',';
        out += "{\"id\":";
        points.at(i).id.appendJson(out);
        out += ",\"vector\":";
        appendVectors(out, points.at(i));
        out += '}';
    }
    out += "]}";
}

void appendOperation(QByteArray &out, const UpdateOperation &op)
{
    using Kind = UpdateOperation::Kind;
    switch (op.kind) {
    case Kind::Upsert:
        out += "{\"upsert\":{\"points\":[";
        for (qsizetype i = 0; i < op.points.size(); ++i) {
            if (i)
                out += ',';
            appendPoint(out, op.points.at(i));
        }
        out += "]}}";
        return;
    case Kind::UpdateVectors:
        out += "{\"update_vectors\":";
        appendPointVectors(out, op.points);
        out += '}';
        return;
    case Kind::Delete:
        out += "{\"delete\":";
        break;
    case Kind::SetPayload:
        out += "{\"set_payload\":";
        break;
    case Kind::OverwritePayload:
        out += "{\"overwrite_payload\":";
        break;
    case Kind::DeletePayload:
        out += "{\"delete_payload\":";
        break;
    case Kind::ClearPayload:
        out += "{\"clear_payload\":";
        break;
    case Kind::DeleteVectors:
        out += "{\"delete_vectors\":";
        break;
    }
    switch (op.kind) {
    case Kind::SetPayload:
        out += setPayload(op.selection, op.payload, op.key);
        break;
    case Kind::OverwritePayload:
        out += setPayload(op.selection, op.payload);
        break;
    case Kind::DeletePayload:
        out += deletePayload(op.selection, op.names);
        break;
    case Kind::DeleteVectors:
        out += deleteVectors(op.selection, op.names);
        break;
    default:
        out += selection(op.selection);
        break;
    }
    out += '}';
}

} // namespace

void appendVectors(QByteArray &out, const NamedVectors &vectors)
{
    if (vectors.size() == 1 && vectors.firstKey().isEmpty()) {
        jsontext::appendFloats(out, vectors.first());
        return;
    }
    out += '{';
    bool first = true;
    for (auto it = vectors.constBegin(); it != vectors.constEnd(); ++it) {
        if (!first)
            out += ',';
        first = false;
        appendString(out, it.key());
        out += ':';
        jsontext::appendFloats(out, it.value());
    }
    out += '}';
}

void appendVectors(QByteArray &out, const PointStruct &point)
{
    const QMap<QString, QByteArray> &texts = point.vectorTexts;
    if (texts.isEmpty()) {
        appendVectors(out, point.vectors);
        return;
    }
    const bool unnamedOnly = texts.size() == 1 && texts.firstKey().isEmpty()
        && (point.vectors.isEmpty()
            || (point.vectors.size() == 1 && point.vectors.firstKey().isEmpty()));
    if (unnamedOnly) {
        out += texts.first();
        return;
    }
    // Both maps are sorted by name: merge them, a name in both written from its text.
    out += '{';
    auto text = texts.constBegin();
    auto floats = point.vectors.constBegin();
    bool first = true;
    while (text != texts.constEnd() || floats != point.vectors.constEnd()) {
        if (!first)
            out += ',';
        first = false;
        const bool fromText = floats == point.vectors.constEnd()
            || (text != texts.constEnd() && !(floats.key() < text.key()));
        if (fromText) {
            if (floats != point.vectors.constEnd() && floats.key() == text.key())
                ++floats;
            appendString(out, text.key());
            out += ':';
            out += text.value();
            ++text;
        } else {
            appendString(out, floats.key());
            out += ':';
            jsontext::appendFloats(out, floats.value());
            ++floats;
        }
    }
    out += '}';
}

void appendPoint(QByteArray &out, const PointStruct &point)
{
    out += "{\"id\":";
    point.id.appendJson(out);
    out += ",\"vector\":";
    appendVectors(out, point);
    if (!point.payload.isEmpty()) {
        out += ",\"payload\":";
        jsontext::appendObject(out, point.payload);
    }
    out += '}';
}

qsizetype upsertBatch(QByteArray &out, const QList<PointStruct> &points, qsizetype from,
    qsizetype to, qsizetype maxBytes)
{
    const qsizetype start = out.size();
    to = std::min(to, points.size());
    out += "{\"points\":[";
    qsizetype i = from;
    for (; i < to; ++i) {
        const qsizetype before = out.size();
        if (i > from)
            out += ',';
        appendPoint(out, points.at(i));
        // Written, then measured: a point's size is only known once it is written. One that
        // does not fit is taken back and opens the next batch.
        if (i > from && out.size() + 2 - start > maxBytes) {
            out.truncate(before);
            break;
        }
    }
    out += "]}";
    return i;
}

QByteArray retrieve(
    const QList<PointId> &ids, const PayloadSelector &payload, const VectorSelector &vectors)
{
    QByteArray out = "{\"ids\":";
    appendIds(out, ids);
    appendSelectors(out, payload, vectors);
    out += '}';
    return out;
}

QByteArray scroll(const ScrollRequest &request)
{
    QByteArray out = "{\"limit\":" + QByteArray::number(request.limit);
    if (!request.offset.isNull()) {
        out += ",\"offset\":";
        request.offset.appendJson(out);
    }
    appendFilter(out, request.filter);
    if (!request.orderBy.isUndefined() && !request.orderBy.isNull()) {
        out += ",\"order_by\":";
        jsontext::appendValue(out, request.orderBy);
    }
    appendSelectors(out, request.withPayload, request.withVector);
    out += '}';
    return out;
}

QByteArray count(const CountRequest &request)
{
    QByteArray out = request.exact ? "{\"exact\":true" : "{\"exact\":false";
    appendFilter(out, request.filter);
    out += '}';
    return out;
}

QByteArray facet(const FacetRequest &request)
{
    QByteArray out = "{\"key\":";
    appendString(out, request.key);
    out += ",\"limit\":" + QByteArray::number(request.limit);
    out += request.exact ? ",\"exact\":true" : ",\"exact\":false";
    appendFilter(out, request.filter);
    out += '}';
    return out;
}

QByteArray query(const QueryRequest &request)
{
    QByteArray out;
    out.reserve(64 + request.nearest.vector.size() * 13);
    out += "{\"query\":";
    if (request.kind == QueryRequest::Kind::Nearest) {
        out += "{\"nearest\":";
        appendInput(out, request.nearest);
        out += '}';
    } else {
        out += "{\"recommend\":{\"positive\":";
        appendInputs(out, request.positive);
        out += ",\"negative\":";
        appendInputs(out, request.negative);
        if (!request.strategy.isEmpty()) {
            out += ",\"strategy\":";
            appendString(out, request.strategy);
        }
        out += "}}";
    }
    if (!request.vectorName.isEmpty()) {
        out += ",\"using\":";
        appendString(out, request.vectorName);
    }
    appendSearchTail(out, request);
    out += '}';
    return out;
}

QByteArray queryBatch(const QList<QueryRequest> &requests)
{
    QList<QByteArray> bodies;
    bodies.reserve(requests.size());
    for (const QueryRequest &request : requests)
        bodies.append(query(request));
    return legacyBatch(bodies);
}

QByteArray search(const QueryRequest &request)
{
    QByteArray out;
    out.reserve(64 + request.nearest.vector.size() * 13);
    out += "{\"vector\":";
    if (request.vectorName.isEmpty()) {
        jsontext::appendFloats(out, request.nearest.vector);
    } else {
        out += "{\"name\":";
        appendString(out, request.vectorName);
        out += ",\"vector\":";
        jsontext::appendFloats(out, request.nearest.vector);
        out += '}';
    }
    appendSearchTail(out, request);
    out += '}';
    return out;
}

QByteArray recommend(const QueryRequest &request)
{
    QByteArray out = "{\"positive\":";
    if (request.kind == QueryRequest::Kind::Nearest) {
        // Nearest to a point = the average of that one example; the example itself is left
        // out of the results, as points/query does with a point id.
        appendInputs(out, {request.nearest});
        out += ",\"negative\":[]";
    } else {
        appendInputs(out, request.positive);
        out += ",\"negative\":";
        appendInputs(out, request.negative);
        if (!request.strategy.isEmpty()) {
            out += ",\"strategy\":";
            appendString(out, request.strategy);
        }
    }
    if (!request.vectorName.isEmpty()) {
        out += ",\"using\":";
        appendString(out, request.vectorName);
    }
    appendSearchTail(out, request);
    out += '}';
    return out;
}

QByteArray legacyBatch(const QList<QByteArray> &bodies)
{
    qsizetype size = 16;
    for (const QByteArray &body : bodies)
        size += body.size() + 1;
    QByteArray out;
    out.reserve(size);
    out += "{\"searches\":[";
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        if (i)
            out += ',';
        out += bodies.at(i);
    }
    out += "]}";
    return out;
}

QByteArray selection(const PointSelection &selection)
{
    QByteArray out = "{";
    appendSelectionMembers(out, selection);
    out += '}';
    return out;
}

QByteArray setPayload(
    const PointSelection &selection, const QJsonObject &payload, const QString &key)
{
    QByteArray out = "{\"payload\":";
    jsontext::appendObject(out, payload);
    out += ',';
    appendSelectionMembers(out, selection);
    if (!key.isEmpty()) {
        out += ",\"key\":";
        appendString(out, key);
    }
    out += '}';
    return out;
}

QByteArray deletePayload(const PointSelection &selection, const QStringList &keys)
{
    QByteArray out = "{\"keys\":";
    jsontext::appendStrings(out, keys);
    out += ',';
    appendSelectionMembers(out, selection);
    out += '}';
    return out;
}

QByteArray updateVectors(const QList<PointStruct> &points)
{
    QByteArray out;
    appendPointVectors(out, points);
    return out;
}

QByteArray deleteVectors(const PointSelection &selection, const QStringList &vectorNames)
{
    QByteArray out = "{\"vector\":";
    jsontext::appendStrings(out, vectorNames);
    out += ',';
    appendSelectionMembers(out, selection);
    out += '}';
    return out;
}

QByteArray batchUpdate(const QList<UpdateOperation> &operations)
{
    QByteArray out = "{\"operations\":[";
    for (qsizetype i = 0; i < operations.size(); ++i) {
        if (i)
            out += ',';
        appendOperation(out, operations.at(i));
    }
    out += "]}";
    return out;
}

QByteArray object(const QJsonObject &object)
{
    QByteArray out;
    jsontext::appendObject(out, object);
    return out;
}

QByteArray aliasActions(const QList<AliasOperation> &operations)
{
    QByteArray out = "{\"actions\":[";
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const AliasOperation &op = operations.at(i);
        if (i)
            out += ',';
        switch (op.kind) {
        case AliasOperation::Kind::Create:
            out += "{\"create_alias\":{\"collection_name\":";
            appendString(out, op.collection);
            out += ",\"alias_name\":";
            appendString(out, op.alias);
            break;
        case AliasOperation::Kind::Delete:
            out += "{\"delete_alias\":{\"alias_name\":";
            appendString(out, op.alias);
            break;
        case AliasOperation::Kind::Rename:
            out += "{\"rename_alias\":{\"old_alias_name\":";
            appendString(out, op.alias);
            out += ",\"new_alias_name\":";
            appendString(out, op.newAlias);
            break;
        }
        out += "}}";
    }
    out += "]}";
    return out;
}

QByteArray createIndex(const QString &field, const QJsonValue &schema)
{
    QByteArray out = "{\"field_name\":";
    appendString(out, field);
    out += ",\"field_schema\":";
    jsontext::appendValue(out, schema);
    out += '}';
    return out;
}

} // namespace pointsbody
