#pragma once

#include "agentmemoryschemas.h"
#include "payloadproblem.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>

/// Checks a payload before it is sent: against an agent-memory schema (types, choices,
/// numeric ranges, RFC 3339 date-times, UUIDs, lists, required fields), and for any
/// collection the JSON sanity Qdrant needs (named keys, finite numbers). Fields the schema
/// does not name are allowed: agents add their own.
class PayloadValidator final
{
    Q_DECLARE_TR_FUNCTIONS(PayloadValidator)

public:
    /// The problems of payload, in field order; schema nullptr checks JSON sanity only.
    static QList<PayloadProblem> validate(const QJsonObject &payload,
                                          const AgentMemorySchema *schema);
    /// The problems of value as the field of a schema, reported at path.
    static QList<PayloadProblem> validateField(const SchemaField &field, const QJsonValue &value,
                                               const QString &path);
    /// Why text is not an RFC 3339 date-time (2024-05-01T12:00:00Z, ...+02:00, fractions of
    /// a second allowed); empty when it is one.
    static QString dateTimeProblem(const QString &text);
};
