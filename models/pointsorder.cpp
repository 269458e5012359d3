#include "pointsorder.h"

#include <QDateTime>
#include <QTimeZone>

QJsonObject PointsOrder::toJson(const QJsonValue &startFrom) const
{
    QJsonObject order {
        {QStringLiteral("key"), key},
        {QStringLiteral("direction"),
            direction == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc")},
    };
    if (!startFrom.isUndefined() && !startFrom.isNull())
        order.insert(QStringLiteral("start_from"), startFrom);
    return order;
}

QString PointsOrder::whyNotSortable(const QJsonObject &payloadSchema, const QString &key)
{
    if (key.isEmpty())
        return {};
    const QJsonValue entry = payloadSchema.value(key);
    if (!entry.isObject())
        return tr("Sorting by %1 needs an integer, float or datetime index on it; it has no "
                  "index.")
            .arg(key);
    const QJsonObject field = entry.toObject();
    const QString type = field.value(QStringLiteral("data_type")).toString();
    if (type == QLatin1String("float") || type == QLatin1String("datetime"))
        return {};
    if (type == QLatin1String("integer")) {
        // An integer index built for lookups only ("range": false) cannot order.
        const QJsonValue range
            = field.value(QStringLiteral("params")).toObject().value(QStringLiteral("range"));
        if (range.isBool() && !range.toBool())
            return tr("Sorting by %1 needs its integer index to allow ranges; it was created "
                      "with \"range\": false.")
                .arg(key);
        return {};
    }
    return tr("Sorting by %1 needs an integer, float or datetime index on it; its index is "
              "%2.")
        .arg(key, type.isEmpty() ? tr("of an unknown type") : type);
}

std::optional<double> PointsOrder::orderValue(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (!value.isString())
        return std::nullopt;
    QString text = value.toString().trimmed();
    if (text.size() > 10 && text.at(10) == QLatin1Char(' '))
        text[10] = QLatin1Char('T');
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid())
        return std::nullopt;
    if (when.timeSpec() == Qt::LocalTime)
        when.setTimeZone(QTimeZone::utc()); // Qdrant reads a time without offset as UTC
    return double(when.toMSecsSinceEpoch());
}
