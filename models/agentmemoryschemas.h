#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// One payload field of an agent-memory collection.
struct SchemaField
{
    QString name;
    /// keyword, text, float, integer, bool, datetime, uuid, object, keyword[]
    QString type;
    QStringList choices;            ///< allowed values of a keyword, when fixed
    bool tenantKey = false;
    bool required = false;          ///< a point of this collection must have it
    std::optional<double> minimum;  ///< inclusive lower bound, when the schema gives one
    std::optional<double> maximum;  ///< inclusive upper bound, when the schema gives one
    QString notes;                  ///< what the field means (the schema's notes), for tooltips
};

/// An agent-memory collection type: what its points hold and which text is embedded.
struct AgentMemorySchema
{
    QString collectionType;     ///< e.g. cost_optimization_knowledge
    QStringList embeddedFields; ///< the text the vector is computed from
    /// Put before each embedded field's text (parallel to embeddedFields; missing = none):
    /// performance_patterns' `Solution: `.
    QStringList embeddedLabels;
    QList<SchemaField> fields;
    int vectorSize = 1536;      ///< text-embedding-3-small, cosine

    /// The field of this name, or nullptr when the schema does not know it.
    const SchemaField *field(const QString &name) const;
    /// The text a payload's vector is computed from, as SCHEMAS.md composes it: each non-empty
    /// embedded field (an array: its strings, one per line) after its label, the fields
    /// separated by a blank line; empty when the payload has none of them. The one place that
    /// composes it: the editor, the re-embed prompt, the demo seeder and imports all call it.
    QString embeddedText(const QJsonObject &payload) const;
};

/// The three collection types AI agents keep their memory in: cost decisions and outcomes,
/// performance fixes, and what is known about each customer.
const QList<AgentMemorySchema> &agentMemorySchemas();
/// The schema of a collection name (plain or tenant-prefixed `company_{id}_{type}`), or nullptr.
const AgentMemorySchema *agentMemorySchemaFor(const QString &collectionName);
