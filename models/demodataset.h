#pragma once

#include "pointid.h"
#include "result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/// The demo agent memory bundled with the console (resources/demo, compiled into the
/// resources under :/demo): a manifest naming the tenants and how each is stored, and one
/// JSONL file per agent-memory collection type, one record a line ({"id": uuid, "payload":
/// {...}}, no vector: vectors are computed at import). A tenant is stored either in the shared
/// collections under the tenant key (payload tenancy) or in collections of its own named by
/// the manifest's pattern (company_{id}_{type}); the demo has both so the tenant picker shows
/// both. A value without I/O once loaded.
class DemoDataset final
{
    Q_DECLARE_TR_FUNCTIONS(DemoDataset)

public:
    struct Tenant
    {
        QString customerId; ///< the tenant key's value (a UUID)
        QString name;       ///< a company name, for people
        QString industry;
        bool ownCollections = false; ///< stored in company_{id}_{type}, not the shared ones
    };

    struct Record
    {
        QString collectionType; ///< cost_optimization_knowledge, ...
        PointId id;
        QJsonObject payload;
    };

    /// Where the bundled dataset is: the resource folder ":/demo".
    static QString bundledPath();
    /// Reads a dataset folder (the bundled one by default). Decode for a manifest or line
    /// that is not what the format says (file and line named), LocalFile when a file cannot
    /// be read.
    static Result<DemoDataset> load(const QString &dir = bundledPath());

    const QList<Tenant> &tenants() const { return m_tenants; }
    const QList<Record> &records() const { return m_records; }
    /// The collection types, in the manifest's order.
    QStringList collectionTypes() const { return m_types; }
    /// The payload key holding the tenant (customer_id).
    QString tenantKey() const { return m_tenantKey; }
    /// The collection-per-tenant pattern, e.g. company_{id}_{type}.
    QString collectionPattern() const { return m_pattern; }

    /// The tenant of a customer id; nullptr for one the manifest does not name.
    const Tenant *tenant(const QString &customerId) const;
    /// The collection a record is written to: the shared one of its type, or its tenant's own.
    QString collectionFor(const Record &record) const;
    /// Every collection the dataset writes, shared ones first.
    QStringList collectionNames() const;
    /// The records written to one collection.
    QList<Record> recordsFor(const QString &collection) const;

    /// The text a record's vector is computed from (AgentMemorySchema::embeddedText: the
    /// embedded fields in order, separated by a blank line, performance_patterns' solution
    /// after "Solution: ").
    static QString embeddedText(const QString &collectionType, const QJsonObject &payload);
    /// Every record that is not valid against its agent-memory schema, or that names a
    /// tenant the manifest does not know, one sentence each; empty when all are valid.
    QStringList problems() const;

private:
    QList<Tenant> m_tenants;
    QList<Record> m_records;
    QStringList m_types;
    QString m_tenantKey;
    QString m_pattern;
};
