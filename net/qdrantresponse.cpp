#include "qdrantresponse.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace qdrantresponse {

namespace {

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

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

Result<QJsonObject> resultObject(const QByteArray &body)
{
    Result<QJsonValue> value = result(body);
    if (!value.ok())
        return value.error();
    if (!value.value().isObject())
        return decodeError(tr("has a result that is not an object"));
    return value.value().toObject();
}

Result<QJsonArray> resultArray(const QByteArray &body)
{
    Result<QJsonValue> value = result(body);
    if (!value.ok())
        return value.error();
    if (!value.value().isArray())
        return decodeError(tr("has a result that is not a list"));
    return value.value().toArray();
}

qint64 integerOr(const QJsonValue &value, qint64 fallback)
{
    return value.isDouble() ? value.toInteger(fallback) : fallback;
}

UpdateResult updateResultOf(const QJsonObject &object)
{
    UpdateResult out;
    out.operationId = integerOr(object.value(key("operation_id")), -1);
    out.status = object.value(key("status")).toString();
    return out;
}

SnapshotInfo snapshotOf(const QJsonObject &object)
{
    SnapshotInfo out;
    out.name = object.value(key("name")).toString();
    out.size = integerOr(object.value(key("size")), 0);
    out.checksum = object.value(key("checksum")).toString();
    // Qdrant writes a naive "2022-08-04T10:49:10" in UTC.
    QDateTime time
        = QDateTime::fromString(object.value(key("creation_time")).toString(), Qt::ISODateWithMs);
    if (time.isValid() && time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    out.creationTime = time.toUTC();
    return out;
}

VectorParams vectorParamsOf(const QJsonObject &object)
{
    return {int(integerOr(object.value(key("size")), 0)), object.value(key("distance")).toString()};
}

} // namespace

Result<QJsonValue> result(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return decodeError(tr("is not valid JSON (%1 at offset %2)")
                               .arg(parseError.errorString())
                               .arg(parseError.offset));
    }
    const QJsonObject root = document.object();
    if (!root.contains(key("result")))
        return decodeError(tr("has no \"result\""));
    return root.value(key("result"));
}

Result<ServerVersion> serverVersion(const QByteArray &body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    ServerVersion version;
    if (!version.parse(root.value(key("version")).toString()))
        return decodeError(tr("to GET / has no Qdrant version; is this a Qdrant server?"));
    version.title = root.value(key("title")).toString();
    version.commit = root.value(key("commit")).toString();
    return version;
}

Result<bool> boolean(const QByteArray &body)
{
    Result<QJsonValue> value = result(body);
    if (!value.ok())
        return value.error();
    if (!value.value().isBool())
        return decodeError(tr("has a result that is not true or false"));
    return value.value().toBool();
}

Result<QStringList> collectionNames(const QByteArray &body)
{
    Result<QJsonObject> object = resultObject(body);
    if (!object.ok())
        return object.error();
    const QJsonValue list = object.value().value(key("collections"));
    if (!list.isArray())
        return decodeError(tr("has no list of collections"));
    QStringList names;
    for (const QJsonValue &entry : list.toArray())
        names.append(entry.toObject().value(key("name")).toString());
    return names;
}

Result<CollectionInfo> collectionInfo(const QByteArray &body)
{
    Result<QJsonObject> object = resultObject(body);
    if (!object.ok())
        return object.error();
    const QJsonObject &root = object.value();
    CollectionInfo info;
    info.status = root.value(key("status")).toString();
    const QJsonValue optimizer = root.value(key("optimizer_status"));
    info.optimizerStatus = optimizer.isString()
        ? optimizer.toString()
        : optimizer.toObject().value(key("error")).toString();
    info.pointsCount = integerOr(root.value(key("points_count")), -1);
    info.indexedVectorsCount = integerOr(root.value(key("indexed_vectors_count")), -1);
    info.segmentsCount = integerOr(root.value(key("segments_count")), 0);
    info.payloadSchema = root.value(key("payload_schema")).toObject();
    info.config = root.value(key("config")).toObject();
    // params.vectors is {size, distance} for the unnamed vector, or {name: {size, distance}}.
    const QJsonObject vectors
        = info.config.value(key("params")).toObject().value(key("vectors")).toObject();
    if (vectors.contains(key("size"))) {
        info.vectors.insert(QString(), vectorParamsOf(vectors));
    } else {
        for (auto it = vectors.constBegin(); it != vectors.constEnd(); ++it)
            info.vectors.insert(it.key(), vectorParamsOf(it.value().toObject()));
    }
    return info;
}

Result<bool> exists(const QByteArray &body)
{
    Result<QJsonObject> object = resultObject(body);
    if (!object.ok())
        return object.error();
    const QJsonValue flag = object.value().value(key("exists"));
    if (!flag.isBool())
        return decodeError(tr("has no \"exists\""));
    return flag.toBool();
}

Result<QList<AliasInfo>> aliases(const QByteArray &body)
{
    Result<QJsonObject> object = resultObject(body);
    if (!object.ok())
        return object.error();
    const QJsonValue list = object.value().value(key("aliases"));
    if (!list.isArray())
        return decodeError(tr("has no list of aliases"));
    QList<AliasInfo> out;
    for (const QJsonValue &entry : list.toArray()) {
        const QJsonObject alias = entry.toObject();
        out.append({alias.value(key("alias_name")).toString(),
            alias.value(key("collection_name")).toString()});
    }
    return out;
}

Result<UpdateResult> updateResult(const QByteArray &body)
{
    Result<QJsonObject> object = resultObject(body);
    if (!object.ok())
        return object.error();
    return updateResultOf(object.value());
}

Result<QList<UpdateResult>> updateResults(const QByteArray &body)
{
    Result<QJsonArray> list = resultArray(body);
    if (!list.ok())
        return list.error();
    QList<UpdateResult> out;
    for (const QJsonValue &entry : list.value())
        out.append(updateResultOf(entry.toObject()));
    return out;
}

Result<SnapshotInfo> snapshot(const QByteArray &body)
{
    Result<QJsonObject> object = resultObject(body);
    if (!object.ok())
        return object.error();
    SnapshotInfo info = snapshotOf(object.value());
    if (info.name.isEmpty())
        return decodeError(tr("describes a snapshot without a name"));
    return info;
}

Result<QList<SnapshotInfo>> snapshots(const QByteArray &body)
{
    Result<QJsonArray> list = resultArray(body);
    if (!list.ok())
        return list.error();
    QList<SnapshotInfo> out;
    for (const QJsonValue &entry : list.value())
        out.append(snapshotOf(entry.toObject()));
    return out;
}

Result<qint64> count(const QByteArray &body)
{
    Result<QJsonObject> object = resultObject(body);
    if (!object.ok())
        return object.error();
    const qint64 value = integerOr(object.value().value(key("count")), -1);
    if (value < 0)
        return decodeError(tr("has no \"count\""));
    return value;
}

Result<QList<FacetHit>> facet(const QByteArray &body)
{
    Result<QJsonObject> object = resultObject(body);
    if (!object.ok())
        return object.error();
    const QJsonValue hits = object.value().value(key("hits"));
    if (!hits.isArray())
        return decodeError(tr("has no list of facet hits"));
    QList<FacetHit> out;
    for (const QJsonValue &entry : hits.toArray()) {
        const QJsonObject hit = entry.toObject();
        out.append({hit.value(key("value")), integerOr(hit.value(key("count")), 0)});
    }
    return out;
}

} // namespace qdrantresponse
