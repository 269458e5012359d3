#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/// One payload field of an agent-memory collection.
struct SchemaField
{
    QString name;
    QString type;          ///< keyword, text, float, integer, bool, datetime, uuid, object, keyword[]
    QStringList choices;   ///< allowed values of a keyword, when fixed
    bool tenantKey = false;
};

/// An agent-memory collection type: what its points hold and which text is embedded.
struct AgentMemorySchema
{
    QString collectionType;     ///< e.g. cost_optimization_knowledge
    QStringList embeddedFields; ///< the text the vector is computed from
    QList<SchemaField> fields;
    int vectorSize = 1536;      ///< text-embedding-3-small, cosine
};

/// The three collection types AI agents keep their memory in: cost decisions and outcomes,
/// performance fixes, and what is known about each customer.
const QList<AgentMemorySchema> &agentMemorySchemas();
/// The schema of a collection name (plain or tenant-prefixed `company_{id}_{type}`), or nullptr.
const AgentMemorySchema *agentMemorySchemaFor(const QString &collectionName);
