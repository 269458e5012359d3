#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QString>
#include <QVariant>

#include <optional>

/// Conversions between JSON values, their names and what a user types, shared by the payload
/// tree, its editors and the raw-JSON mode.
class PayloadValues final
{
    Q_DECLARE_TR_FUNCTIONS(PayloadValues)

public:
    /// The JSON name of a type: string, number, boolean, null, object, array.
    static QString typeName(QJsonValue::Type type);
    /// The type a JSON name stands for; Undefined when it is none.
    static QJsonValue::Type typeFromName(const QString &name);
    /// value as compact JSON text (strings quoted); "" for Undefined.
    static QString jsonText(const QJsonValue &value);
    /// A number as typed: integers stay integers (42, not 42.0); nullopt when it is none.
    static std::optional<QJsonValue> parseNumber(const QString &text);
    /// The one JSON value text holds ("7", "[1]", "\"a\""), or nullopt.
    static std::optional<QJsonValue> parseJson(const QString &text);
    /// value as another JSON type, keeping what can be kept ("42" → 42, 7 → [7]).
    static QJsonValue convert(const QJsonValue &value, QJsonValue::Type type);
    /// What an editor's value means for a node of type (a QJsonValue passes unchanged;
    /// text becomes a number for a number, a QStringList a list of strings for an array);
    /// refused, naming path, when it does not fit.
    static Result<QJsonValue> fromEdit(QJsonValue::Type type, const QVariant &value,
                                       const QString &path);
};
