#include "payloadvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

namespace {

NetError refused(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

} // namespace

QString PayloadValues::typeName(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("boolean");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Undefined: break;
    }
    return QString();
}

QJsonValue::Type PayloadValues::typeFromName(const QString &name)
{
    for (const QJsonValue::Type type : {QJsonValue::Null, QJsonValue::Bool, QJsonValue::Double,
                                        QJsonValue::String, QJsonValue::Array,
                                        QJsonValue::Object}) {
        if (typeName(type) == name)
            return type;
    }
    return QJsonValue::Undefined;
}

QString PayloadValues::jsonText(const QJsonValue &value)
{
    if (value.isUndefined())
        return QString();
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

std::optional<QJsonValue> PayloadValues::parseNumber(const QString &text)
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    const qlonglong integer = trimmed.toLongLong(&ok);
    if (ok)
        return QJsonValue(qint64(integer));
    const double number = trimmed.toDouble(&ok);
    if (ok && std::isfinite(number))
        return QJsonValue(number);
    return std::nullopt;
}

std::optional<QJsonValue> PayloadValues::parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray("[") + text.toUtf8() + QByteArray("]"), &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().first();
}

QJsonValue PayloadValues::convert(const QJsonValue &value, QJsonValue::Type type)
{
    const QString text = value.isString() ? value.toString() : QString();
    switch (type) {
    case QJsonValue::Bool:
        if (value.isDouble())
            return value.toDouble() != 0;
        return value.isBool() ? value : QJsonValue(text.trimmed().toLower() == u"true");
    case QJsonValue::Double:
        if (value.isBool())
            return value.toBool() ? 1 : 0;
        if (value.isString())
            return parseNumber(text).value_or(QJsonValue(0));
        return value.isDouble() ? value : QJsonValue(0);
    case QJsonValue::String:
        if (value.isNull())
            return QString();
        return value.isString() ? value : QJsonValue(jsonText(value));
    case QJsonValue::Array: {
        if (value.isArray())
            return value;
        if (value.isNull())
            return QJsonArray();
        const std::optional<QJsonValue> parsed = value.isString() ? parseJson(text) : std::nullopt;
        return parsed && parsed->isArray() ? *parsed : QJsonValue(QJsonArray{value});
    }
    case QJsonValue::Object: {
        if (value.isObject())
            return value;
        const std::optional<QJsonValue> parsed = value.isString() ? parseJson(text) : std::nullopt;
        return parsed && parsed->isObject() ? *parsed : QJsonValue(QJsonObject());
    }
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

Result<QJsonValue> PayloadValues::fromEdit(QJsonValue::Type type, const QVariant &value,
                                           const QString &path)
{
    if (value.metaType() == QMetaType::fromType<QJsonValue>())
        return value.value<QJsonValue>();
    const QString text = value.toString();
    switch (type) {
    case QJsonValue::String:
        return QJsonValue(text);
    case QJsonValue::Double:
        switch (value.typeId()) {
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
            return QJsonValue(qint64(value.toLongLong()));
        case QMetaType::Double:
        case QMetaType::Float:
            return QJsonValue(value.toDouble());
        default:
            break;
        }
        if (const std::optional<QJsonValue> number = parseNumber(text))
            return *number;
        return refused(tr("“%1” is not a number.").arg(text));
    case QJsonValue::Bool:
        if (value.typeId() == QMetaType::Bool)
            return QJsonValue(value.toBool());
        if (text.trimmed() == u"true" || text.trimmed() == u"false")
            return QJsonValue(text.trimmed() == u"true");
        return refused(tr("A boolean is true or false, not “%1”.").arg(text));
    case QJsonValue::Null: {
        // A null takes whatever is typed: JSON when it reads as a scalar, else text.
        const std::optional<QJsonValue> parsed = parseJson(text);
        if (parsed && !parsed->isArray() && !parsed->isObject())
            return *parsed;
        return QJsonValue(text);
    }
    case QJsonValue::Array:
        if (value.typeId() == QMetaType::QStringList) {
            QJsonArray items;
            for (const QString &item : value.toStringList())
                items.append(item);
            return QJsonValue(items);
        }
        break;
    default:
        break;
    }
    return refused(tr("Edit %1 item by item, or as raw JSON.").arg(path));
}
