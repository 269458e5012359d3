#include "importmapping.h"

#include <QJsonArray>
#include <QSet>

namespace {

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

QString idSourceName(ImportMapping::IdSource source)
{
    return source == ImportMapping::IdSource::FileId ? QStringLiteral("file-id")
                                                     : QStringLiteral("natural-key");
}

QString vectorSourceName(ImportMapping::VectorSource source)
{
    return source == ImportMapping::VectorSource::Embed ? QStringLiteral("embed")
                                                        : QStringLiteral("file-field");
}

} // namespace

bool ImportMapping::isPointVectorField(const QString &name)
{
    for (const QLatin1String prefix : {QLatin1String("vector"), QLatin1String("vectors")}) {
        if (name == prefix || (name.startsWith(prefix) && name.size() > prefix.size() + 1
                               && name.at(prefix.size()) == QLatin1Char('.')))
            return true;
    }
    return false;
}

ImportMapping ImportMapping::suggest(const QStringList &fileFields,
                                     const AgentMemorySchema *schema, int vectorSize,
                                     bool pointRows)
{
    ImportMapping mapping;
    mapping.vectorSize = vectorSize;
    for (const QString &name : {QStringLiteral("vector"), QStringLiteral("embedding")}) {
        if (fileFields.contains(name)) {
            mapping.vectorField = name;
            break;
        }
    }
    if (pointRows && mapping.vectorField.isEmpty()) {
        for (const QString &name : fileFields) {
            if (isPointVectorField(name)) {
                mapping.vectorField = name;
                break;
            }
        }
    }
    mapping.vectorSource = mapping.vectorField.isEmpty() ? VectorSource::Embed
                                                         : VectorSource::FileField;
    QString schemaKey; // the schema's first uuid field: a natural key when nothing better
    if (schema) {
        for (const SchemaField &field : schema->fields) {
            if (field.type == QLatin1String("uuid") && !field.tenantKey
                && fileFields.contains(field.name)) {
                schemaKey = field.name;
                break;
            }
        }
    }
    const QString naturalKey = fileFields.contains(QStringLiteral("optimization_id"))
                                   ? QStringLiteral("optimization_id")
                                   : schemaKey;
    const bool hasId = fileFields.contains(QStringLiteral("id"));
    if (pointRows && hasId) {
        // A point's own id is what an export wrote: keeping it makes export → import exact.
        mapping.idField = QStringLiteral("id");
        mapping.idSource = IdSource::FileId;
        mapping.fallbackKeyField = naturalKey;
    } else if (fileFields.contains(QStringLiteral("optimization_id")) || !hasId) {
        mapping.idField = naturalKey;
    } else {
        mapping.idField = QStringLiteral("id");
        mapping.idSource = IdSource::FileId;
    }
    for (const QString &name : fileFields) {
        if (name == mapping.vectorField || (pointRows && isPointVectorField(name)))
            continue;
        if (mapping.idSource == IdSource::FileId && name == mapping.idField)
            continue; // the id is the point's, not a payload field
        if (!schema || schema->field(name))
            mapping.fields.append({name, name});
    }
    return mapping;
}

QStringList ImportMapping::problems() const
{
    QStringList problems;
    if (idField.isEmpty())
        problems << tr("Choose the field point ids come from (a natural key such as "
                       "optimization_id), so that importing again never duplicates a point.");
    if (vectorSource == VectorSource::FileField && vectorField.isEmpty())
        problems << tr("Choose the field that holds each row's vector, or embed a text.");
    if (vectorSize <= 0)
        problems << tr("The collection's vector size is not known.");
    QSet<QString> targets;
    for (const Field &field : fields) {
        if (field.source.isEmpty() || field.target.isEmpty())
            problems << tr("A field mapping has no source or no payload key.");
        else if (targets.contains(field.target))
            problems << tr("The payload key %1 is filled by two file fields.").arg(field.target);
        targets.insert(field.target);
    }
    return problems;
}

QStringList ImportMapping::vectorFields() const
{
    if (vectorSource == VectorSource::FileField && !vectorField.isEmpty())
        return {vectorField};
    return {};
}

QJsonObject ImportMapping::toJson() const
{
    QJsonArray fieldArray;
    for (const Field &field : fields)
        fieldArray.append(QJsonArray{field.source, field.target});
    return QJsonObject{
        {QStringLiteral("fields"), fieldArray},
        {QStringLiteral("id_source"), idSourceName(idSource)},
        {QStringLiteral("id_field"), idField},
        {QStringLiteral("fallback_key_field"), fallbackKeyField},
        {QStringLiteral("vector_source"), vectorSourceName(vectorSource)},
        {QStringLiteral("vector_field"), vectorField},
        {QStringLiteral("embed_fields"), QJsonArray::fromStringList(embedFields)},
        {QStringLiteral("vector_name"), vectorName},
        {QStringLiteral("vector_size"), vectorSize},
    };
}

Result<ImportMapping> ImportMapping::fromJson(const QJsonObject &json)
{
    ImportMapping mapping;
    for (const QJsonValue &value : json.value(QStringLiteral("fields")).toArray()) {
        const QJsonArray pair = value.toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return invalid(tr("a field mapping is malformed"));
        mapping.fields.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    const QString idSource = json.value(QStringLiteral("id_source")).toString();
    const QString vectorSource = json.value(QStringLiteral("vector_source")).toString();
    if (idSource != idSourceName(IdSource::NaturalKey) && idSource != idSourceName(IdSource::FileId))
        return invalid(tr("unknown id source '%1'").arg(idSource));
    if (vectorSource != vectorSourceName(VectorSource::Embed)
        && vectorSource != vectorSourceName(VectorSource::FileField))
        return invalid(tr("unknown vector source '%1'").arg(vectorSource));
    mapping.idSource = idSource == idSourceName(IdSource::FileId) ? IdSource::FileId
                                                                  : IdSource::NaturalKey;
    mapping.vectorSource = vectorSource == vectorSourceName(VectorSource::Embed)
                               ? VectorSource::Embed
                               : VectorSource::FileField;
    mapping.idField = json.value(QStringLiteral("id_field")).toString();
    mapping.fallbackKeyField = json.value(QStringLiteral("fallback_key_field")).toString();
    mapping.vectorField = json.value(QStringLiteral("vector_field")).toString();
    for (const QJsonValue &value : json.value(QStringLiteral("embed_fields")).toArray())
        mapping.embedFields.append(value.toString());
    mapping.vectorName = json.value(QStringLiteral("vector_name")).toString();
    mapping.vectorSize = json.value(QStringLiteral("vector_size")).toInt();
    return mapping;
}
