#include "pointcelltext.h"

#include "payloadpath.h"
#include "presentationoptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <limits>
#include <optional>

namespace {

constexpr qint64 kNotInteger = std::numeric_limits<qint64>::min();

// The value as a whole number when it is one a qint64 holds (JSON integers beyond 2^53 keep
// every digit: Qt stores them as integers).
std::optional<qint64> integerOf(const QJsonValue &value)
{
    const qint64 integer = value.toInteger(kNotInteger);
    if (integer == kNotInteger && value.toDouble() != double(kNotInteger))
        return std::nullopt;
    return integer;
}

QString numberText(const QJsonValue &value)
{
    if (const auto integer = integerOf(value))
        return QString::number(*integer);
    return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
}

QString elided(QString text)
{
    if (text.size() > PointCellText::MaxLength) {
        text.truncate(PointCellText::MaxLength - 1);
        text.append(QChar(0x2026));
    }
    return text;
}

} // namespace

QString PointCellText::display(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return numberText(value);
    case QJsonValue::String: {
        // Only the head of a long text is shown, so only the head is scanned.
        QString text = value.toString().left(MaxLength + 1);
        text.replace(QLatin1String("\r\n"), QStringLiteral("\u21b5"));
        text.replace(QLatin1Char('\n'), QChar(0x21b5));
        text.replace(QLatin1Char('\r'), QChar(0x21b5));
        text.replace(QLatin1Char('\t'), QLatin1Char(' '));
        return elided(text);
    }
    case QJsonValue::Array:
        return elided(
            QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)));
    case QJsonValue::Object:
        return elided(
            QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
    }
    return {};
}

QString PointCellText::display(const QJsonValue &value, const QString &key,
                               const QStringList &maskedFields)
{
    if (!value.isUndefined() && PresentationOptions::isMaskedBy(key, maskedFields))
        return PresentationOptions::maskText();
    return display(value);
}

QVariant PointCellText::raw(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double:
        if (const auto integer = integerOf(value))
            return *integer;
        return value.toDouble();
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Null:
    case QJsonValue::Array:
    case QJsonValue::Object:
        return QVariant::fromValue(value);
    }
    return {};
}

QJsonValue PointCellText::valueAt(const QJsonObject &payload, const QString &key)
{
    const auto direct = payload.constFind(key);
    if (direct != payload.constEnd())
        return *direct;
    if (!key.contains(QLatin1Char('.')) && !key.contains(QLatin1Char('"')))
        return QJsonValue::Undefined;
    const std::optional<QStringList> steps = PayloadPath::keys(key);
    if (!steps || steps->isEmpty())
        return QJsonValue::Undefined;
    QJsonValue at = payload;
    for (const QString &step : *steps) {
        if (!at.isObject())
            return QJsonValue::Undefined;
        at = at.toObject().value(step);
    }
    return at;
}

QList<PointCellText::Cell> PointCellText::cells(const QJsonObject &payload, const QStringList &keys)
{
    QList<Cell> out;
    out.reserve(keys.size());
    for (const QString &key : keys) {
        const QJsonValue value = valueAt(payload, key);
        out.append(Cell {display(value), !value.isUndefined(), value.isDouble()});
    }
    return out;
}
