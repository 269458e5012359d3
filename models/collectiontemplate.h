#pragma once

#include "agentmemoryschemas.h"
#include "qdranttypes.h"
#include "result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

/// What a new collection is made of: its vectors (Qdrant's create body) and the payload
/// indexes to create after it. Built from an agent-memory schema (SCHEMAS.md: one 1536-dim
/// cosine vector, an index per field that is filtered on, the tenant key `customer_id` as a
/// keyword index with is_tenant) or from scratch (one unnamed vector or several named ones).
/// A value without I/O; CollectionTemplateJob sends it.
class CollectionTemplate final
{
    Q_DECLARE_TR_FUNCTIONS(CollectionTemplate)

public:
    /// One payload index: the field and Qdrant's field_schema (a type name such as "float",
    /// or an object such as {"type":"keyword","is_tenant":true}).
    struct Index
    {
        QString field;
        QJsonValue schema;

        /// The index type ("keyword", "float", ...) whichever form schema has.
        QString type() const;
        /// True for an index created with is_tenant.
        bool isTenant() const;
        friend bool operator==(const Index &, const Index &) = default;
    };

    /// The distances Qdrant knows, as its API spells them.
    static QStringList distances();

    /// The template of an agent-memory collection type; vectorSize 0 takes the schema's.
    static CollectionTemplate fromSchema(const AgentMemorySchema &schema, int vectorSize = 0);
    /// A collection from scratch: one vector with an empty name (the unnamed vector) or
    /// several named ones. Invalid when a size, a distance or a name is wrong.
    static Result<CollectionTemplate> fromVectors(const QMap<QString, VectorParams> &vectors);
    /// The index a schema field gets (a type name or an object); undefined when the field is
    /// not worth indexing (objects, notes that are never filtered on).
    static QJsonValue indexSchemaFor(const AgentMemorySchema &schema, const SchemaField &field);
    /// Why a collection name cannot be used, or an empty string when it can.
    static QString nameProblem(const QString &name);
    /// "1536 · Cosine" for the unnamed vector; "image: 512 · Dot, text: 1536 · Cosine" for
    /// named ones; empty for none.
    static QString describeVectors(const QMap<QString, VectorParams> &vectors);

    /// The agent-memory type this was made from; empty for a collection from scratch.
    QString collectionType() const { return m_collectionType; }
    const QMap<QString, VectorParams> &vectors() const { return m_vectors; }
    const QList<Index> &indexes() const { return m_indexes; }
    /// Adds an index to create after the collection; a field already listed is replaced.
    void addIndex(const QString &field, const QJsonValue &schema);

    /// Qdrant's create body: {"vectors": {"size": …, "distance": …}} or named vectors.
    QJsonObject createBody() const;

private:
    QString m_collectionType;
    QMap<QString, VectorParams> m_vectors;
    QList<Index> m_indexes;
};
