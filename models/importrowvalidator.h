#pragma once

#include "agentmemoryschemas.h"
#include "importmapping.h"
#include "importrecord.h"
#include "qdranttypes.h"
#include "tenantscope.h"

#include <QCoreApplication>
#include <QList>

/// Turns one ImportRecord into the point it stands for, or says why it can't: the row's read
/// error, the mapped payload checked against the collection's agent-memory schema (types,
/// choices, ranges, date-times, uuids, required fields except the tenant key, which the scope
/// stamps; PayloadValidator), CSV text converted to the schema's types, the id (a natural key
/// that is not empty, or a valid Qdrant id), and the vector (present, of the collection's
/// size, every component finite). Pure and thread-safe: the import runs it on its worker.
class ImportRowValidator final
{
    Q_DECLARE_TR_FUNCTIONS(ImportRowValidator)

public:
    /// What a valid row gives: the point (no vector yet when it is to be embedded) and the
    /// text to embed.
    struct Row
    {
        PointStruct point;
        QString textToEmbed; ///< Embed mapping only
    };

    /// schema may be nullptr (a collection of no known type: JSON sanity only).
    ImportRowValidator(ImportMapping mapping, const AgentMemorySchema *schema);

    /// Stamps each payload with the scope's tenant key as the upsert will, so that a row of
    /// another tenant is a row error rather than a refused batch (unset: no stamping).
    void setScope(const TenantScope &scope, const QString &collection);
    /// The row's point, or its errors (at least one) when it is not valid.
    bool prepare(const ImportRecord &record, Row &row, QList<ImportRowError> &errors) const;

    const ImportMapping &mapping() const { return m_mapping; }

private:
    /// CSV gives text: a field the schema types as a number, bool, object or list is parsed.
    QJsonValue typed(const QString &target, const QJsonValue &value, QString &problem) const;

    QString sourceOf(const QString &payloadPath) const;

    ImportMapping m_mapping;
    const AgentMemorySchema *m_schema;
    std::optional<TenantScope> m_scope;
    QString m_collection;
    /// Every mapped field keeps its name, each once: a row's fields can be its payload.
    bool m_namesKept = false;
};
