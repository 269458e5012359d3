#include "collectiontemplate.h"

namespace {

const QString kType = QStringLiteral("type");
const QString kIsTenant = QStringLiteral("is_tenant");

// SCHEMAS.md: every agent-memory collection uses cosine distance (text-embedding-3-small).
const QString kSchemaDistance = QStringLiteral("Cosine");

constexpr int kMaxVectorSize = 65536; // Qdrant's limit for a dense vector
constexpr int kMaxNameLength = 255;   // Qdrant's limit for a collection name

QJsonObject vectorParams(const VectorParams &params)
{
    return {{QStringLiteral("size"), params.size},
            {QStringLiteral("distance"), params.distance}};
}

} // namespace

QString CollectionTemplate::Index::type() const
{
    return schema.isObject() ? schema.toObject().value(kType).toString() : schema.toString();
}

bool CollectionTemplate::Index::isTenant() const
{
    return schema.isObject() && schema.toObject().value(kIsTenant).toBool();
}

QStringList CollectionTemplate::distances()
{
    return {QStringLiteral("Cosine"), QStringLiteral("Dot"), QStringLiteral("Euclid"),
            QStringLiteral("Manhattan")};
}

CollectionTemplate CollectionTemplate::fromSchema(const AgentMemorySchema &schema, int vectorSize)
{
    CollectionTemplate t;
    t.m_collectionType = schema.collectionType;
    t.m_vectors.insert(QString(),
                       VectorParams{vectorSize > 0 ? vectorSize : schema.vectorSize,
                                    kSchemaDistance});
    for (const SchemaField &field : schema.fields) {
        const QJsonValue index = indexSchemaFor(schema, field);
        if (!index.isUndefined())
            t.addIndex(field.name, index);
    }
    return t;
}

Result<CollectionTemplate> CollectionTemplate::fromVectors(
    const QMap<QString, VectorParams> &vectors)
{
    const auto invalid = [](const QString &message) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = message;
        return Result<CollectionTemplate>(error);
    };
    if (vectors.isEmpty())
        return invalid(tr("A collection needs at least one vector."));
    if (vectors.contains(QString()) && vectors.size() > 1)
        return invalid(tr("Either one unnamed vector or named vectors: give every vector a "
                          "name, or keep just one."));
    for (auto it = vectors.cbegin(); it != vectors.cend(); ++it) {
        const QString label = it.key().isEmpty() ? tr("The vector")
                                                 : tr("The vector \"%1\"").arg(it.key());
        if (it.key() != it.key().trimmed())
            return invalid(tr("%1 has spaces around its name.").arg(label));
        if (it->size < 1 || it->size > kMaxVectorSize)
            return invalid(tr("%1 needs a size from 1 to %2, not %3.")
                               .arg(label)
                               .arg(kMaxVectorSize)
                               .arg(it->size));
        if (!distances().contains(it->distance))
            return invalid(tr("%1 has an unknown distance \"%2\" (expected %3).")
                               .arg(label, it->distance,
                                    distances().join(QStringLiteral(", "))));
    }
    CollectionTemplate t;
    t.m_vectors = vectors;
    return t;
}

QJsonValue CollectionTemplate::indexSchemaFor(const AgentMemorySchema &schema,
                                              const SchemaField &field)
{
    // The tenant key: Qdrant keeps each tenant's points together and plans tenant-filtered
    // searches with it, which is the whole point of payload tenancy.
    if (field.tenantKey)
        return QJsonObject{{kType, QStringLiteral("keyword")}, {kIsTenant, true}};
    const QString &type = field.type;
    // UUIDs as keywords: Qdrant's uuid index came with 1.11, a keyword index matches the same
    // strings on every version the console speaks to.
    if (type == QLatin1String("keyword") || type == QLatin1String("keyword[]")
        || type == QLatin1String("uuid"))
        return QStringLiteral("keyword");
    if (type == QLatin1String("float") || type == QLatin1String("integer")
        || type == QLatin1String("datetime") || type == QLatin1String("bool"))
        return type;
    // Full-text only for the embedded text: it is what people also look up by word; the
    // other notes are read, not filtered, and a text index on each would cost memory for
    // nothing.
    if (type == QLatin1String("text") && schema.embeddedFields.contains(field.name))
        return QStringLiteral("text");
    return QJsonValue(QJsonValue::Undefined);
}

QString CollectionTemplate::nameProblem(const QString &name)
{
    if (name.isEmpty())
        return tr("The collection needs a name.");
    if (name != name.trimmed())
        return tr("The name has spaces at its start or end.");
    if (name.size() > kMaxNameLength)
        return tr("The name is longer than %1 characters.").arg(kMaxNameLength);
    // The characters Qdrant refuses (they would not survive as a file or URL path segment).
    static const QString forbidden = QStringLiteral("<>:\"/\\|?*");
    for (const QChar c : name) {
        if (forbidden.contains(c) || c.category() == QChar::Other_Control)
            return tr("The name may not contain %1.")
                .arg(c.category() == QChar::Other_Control ? tr("control characters")
                                                          : QStringLiteral("\"%1\"").arg(c));
    }
    return QString();
}

QString CollectionTemplate::describeVectors(const QMap<QString, VectorParams> &vectors)
{
    QStringList parts;
    for (auto it = vectors.cbegin(); it != vectors.cend(); ++it) {
        const QString params = tr("%1 · %2").arg(it->size).arg(it->distance);
        parts.append(it.key().isEmpty() ? params : tr("%1: %2").arg(it.key(), params));
    }
    return parts.join(QStringLiteral(", "));
}

void CollectionTemplate::addIndex(const QString &field, const QJsonValue &schema)
{
    for (Index &index : m_indexes) {
        if (index.field == field) {
            index.schema = schema;
            return;
        }
    }
    m_indexes.append(Index{field, schema});
}

QJsonObject CollectionTemplate::createBody() const
{
    if (m_vectors.size() == 1 && m_vectors.contains(QString()))
        return {{QStringLiteral("vectors"), vectorParams(m_vectors.value(QString()))}};
    QJsonObject named;
    for (auto it = m_vectors.cbegin(); it != m_vectors.cend(); ++it)
        named.insert(it.key(), vectorParams(*it));
    return {{QStringLiteral("vectors"), named}};
}
