#include "demodataset.h"

#include "agentmemoryschemas.h"
#include "payloadvalidator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

// mc_models is a static library: its resources are linked in only when something names them.
static void initDemoResources()
{
    Q_INIT_RESOURCE(demo);
}

namespace {

NetError error(NetError::Kind kind, const QString &message)
{
    NetError e;
    e.kind = kind;
    e.message = message;
    return e;
}

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return error(NetError::Kind::LocalFile,
                     DemoDataset::tr("Cannot read %1: %2").arg(path, file.errorString()));
    return file.readAll();
}

} // namespace

QString DemoDataset::bundledPath()
{
    return QStringLiteral(":/demo");
}

Result<DemoDataset> DemoDataset::load(const QString &dir)
{
    initDemoResources();
    const QString manifestPath = QDir(dir).filePath(QStringLiteral("manifest.json"));
    const Result<QByteArray> manifestBytes = readFile(manifestPath);
    if (!manifestBytes.ok())
        return manifestBytes.error();
    QJsonParseError parseError;
    const QJsonDocument manifestDoc = QJsonDocument::fromJson(manifestBytes.value(), &parseError);
    if (!manifestDoc.isObject())
        return error(NetError::Kind::Decode, tr("%1 is not a JSON object: %2")
                                                 .arg(manifestPath, parseError.errorString()));
    const QJsonObject manifest = manifestDoc.object();

    DemoDataset data;
    data.m_tenantKey = manifest.value(QStringLiteral("tenant_key")).toString();
    data.m_pattern = manifest.value(QStringLiteral("collection_pattern")).toString();
    for (const QJsonValue &type : manifest.value(QStringLiteral("collections")).toArray())
        data.m_types.append(type.toString());
    for (const QJsonValue &value : manifest.value(QStringLiteral("tenants")).toArray()) {
        const QJsonObject t = value.toObject();
        Tenant tenant;
        tenant.customerId = t.value(QStringLiteral("customer_id")).toString();
        tenant.name = t.value(QStringLiteral("name")).toString();
        tenant.industry = t.value(QStringLiteral("industry")).toString();
        tenant.ownCollections = t.value(QStringLiteral("layout")).toString()
                                == QLatin1String("collection_per_tenant");
        if (tenant.customerId.isEmpty() || tenant.name.isEmpty())
            return error(NetError::Kind::Decode,
                         tr("%1: every tenant needs a customer_id and a name").arg(manifestPath));
        data.m_tenants.append(tenant);
    }
    if (data.m_tenantKey.isEmpty() || data.m_types.isEmpty() || data.m_tenants.isEmpty()
        || (!data.m_pattern.contains(QLatin1String("{id}"))))
        return error(NetError::Kind::Decode,
                     tr("%1 needs tenant_key, collection_pattern with {id}, collections and "
                        "tenants")
                         .arg(manifestPath));

    for (const QString &type : std::as_const(data.m_types)) {
        if (!agentMemorySchemaFor(type))
            return error(NetError::Kind::Decode,
                         tr("%1: %2 is not an agent-memory collection type")
                             .arg(manifestPath, type));
        const QString path = QDir(dir).filePath(type + QStringLiteral(".jsonl"));
        const Result<QByteArray> bytes = readFile(path);
        if (!bytes.ok())
            return bytes.error();
        int lineNumber = 0;
        for (const QByteArray &line : bytes.value().split('\n')) {
            ++lineNumber;
            if (line.trimmed().isEmpty())
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
            const QJsonObject object = doc.object();
            Record record;
            record.collectionType = type;
            record.id = PointId::fromJson(object.value(QStringLiteral("id")));
            record.payload = object.value(QStringLiteral("payload")).toObject();
            if (!doc.isObject() || record.id.isNull() || record.payload.isEmpty())
                return error(NetError::Kind::Decode,
                             tr("%1, line %2: expected {\"id\": …, \"payload\": {…}}")
                                 .arg(path)
                                 .arg(lineNumber));
            data.m_records.append(std::move(record));
        }
    }
    return data;
}

const DemoDataset::Tenant *DemoDataset::tenant(const QString &customerId) const
{
    for (const Tenant &t : m_tenants) {
        if (t.customerId == customerId)
            return &t;
    }
    return nullptr;
}

QString DemoDataset::collectionFor(const Record &record) const
{
    const Tenant *owner = tenant(record.payload.value(m_tenantKey).toString());
    if (!owner || !owner->ownCollections)
        return record.collectionType;
    QString name = m_pattern;
    name.replace(QLatin1String("{id}"), owner->customerId);
    name.replace(QLatin1String("{type}"), record.collectionType);
    return name;
}

QStringList DemoDataset::collectionNames() const
{
    QStringList names = m_types;
    for (const Tenant &t : m_tenants) {
        if (!t.ownCollections)
            continue;
        for (const QString &type : m_types) {
            QString name = m_pattern;
            name.replace(QLatin1String("{id}"), t.customerId);
            name.replace(QLatin1String("{type}"), type);
            names.append(name);
        }
    }
    return names;
}

QList<DemoDataset::Record> DemoDataset::recordsFor(const QString &collection) const
{
    QList<Record> found;
    for (const Record &record : m_records) {
        if (collectionFor(record) == collection)
            found.append(record);
    }
    return found;
}

QString DemoDataset::embeddedText(const QString &collectionType, const QJsonObject &payload)
{
    // One composition for the whole console (import, curation, the demo): the schema's.
    const AgentMemorySchema *schema = agentMemorySchemaFor(collectionType);
    return schema ? schema->embeddedText(payload) : QString();
}

QStringList DemoDataset::problems() const
{
    QStringList found;
    for (const Record &record : m_records) {
        const QString where = QStringLiteral("%1 %2").arg(record.collectionType,
                                                          record.id.toString());
        if (!tenant(record.payload.value(m_tenantKey).toString()))
            found << tr("%1: the tenant is not in the manifest").arg(where);
        const QList<PayloadProblem> wrong
            = PayloadValidator::validate(record.payload,
                                         agentMemorySchemaFor(record.collectionType));
        for (const PayloadProblem &p : wrong)
            found << tr("%1: %2: %3").arg(where, p.path, p.message);
        if (embeddedText(record.collectionType, record.payload).isEmpty())
            found << tr("%1: no text to embed").arg(where);
    }
    return found;
}
