#include "chartsamples.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace {

// A top-level or dotted payload path (metadata.customer_id); arrays are not stepped into.
QJsonValue payloadValue(const QJsonObject &payload, const QString &key)
{
    if (!key.contains(QLatin1Char('.')))
        return payload.value(key);
    QJsonValue value = payload;
    for (const QString &part : key.split(QLatin1Char('.'))) {
        if (!value.isObject())
            return QJsonValue(QJsonValue::Undefined);
        value = value.toObject().value(part);
    }
    return value;
}

// Qdrant's datetimes are RFC 3339; a bare date is accepted too. The month is taken in UTC.
std::optional<int> monthOf(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (!day.isValid())
            return std::nullopt;
        return ChartSamples::monthNumber(day.year(), day.month());
    }
    if (when.timeSpec() == Qt::LocalTime)
        when.setTimeSpec(Qt::UTC); // no offset given: Qdrant reads it as UTC
    const QDate day = when.toUTC().date();
    return ChartSamples::monthNumber(day.year(), day.month());
}

} // namespace

std::optional<double> ChartSamples::numberOf(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d))
        return std::nullopt;
    return d;
}

QString ChartSamples::groupOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

QString ChartSamples::monthLabel(int monthNumber)
{
    const int year = monthNumber / 12;
    const int month = monthNumber % 12 + 1;
    return QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0'))
        .arg(month, 2, 10, QLatin1Char('0'));
}

ChartSamples ChartSamples::fromRecords(const QList<PointRecord> &records, const ChartSpec &spec)
{
    ChartSamples samples;
    samples.read = records.size();
    const QString valueKey = spec.effectiveValueKey();
    const QString afterKey = QStringLiteral("after_latency_p95");
    for (const PointRecord &record : records) {
        const QString group = spec.splitKey.isEmpty()
            ? QString()
            : groupOf(payloadValue(record.payload, spec.splitKey));
        switch (spec.kind) {
        case ChartSpec::Kind::SavingsHistogram:
        case ChartSpec::Kind::ImprovementHistogram: {
            auto value = numberOf(payloadValue(record.payload, valueKey));
            // The schema writes 0 for "no after latency": a factor that is not a ratio.
            if (value && spec.kind == ChartSpec::Kind::ImprovementHistogram && *value <= 0)
                value.reset();
            if (value)
                samples.values[group].append(*value);
            else
                ++samples.skipped;
            break;
        }
        case ChartSpec::Kind::LatencyScatter: {
            const auto before = numberOf(payloadValue(record.payload, valueKey));
            const auto after = numberOf(payloadValue(record.payload, afterKey));
            if (before && after)
                samples.pairs[group].append(QPointF(*before, *after));
            else
                ++samples.skipped;
            break;
        }
        case ChartSpec::Kind::MonthlySeries: {
            const auto month = monthOf(payloadValue(record.payload, valueKey));
            if (month)
                ++samples.months[group][*month];
            else
                ++samples.skipped;
            break;
        }
        case ChartSpec::Kind::KeywordDistribution:
            break;
        }
    }
    return samples;
}

void ChartSamples::merge(const ChartSamples &other)
{
    for (auto it = other.values.cbegin(); it != other.values.cend(); ++it)
        values[it.key()].append(it.value());
    for (auto it = other.pairs.cbegin(); it != other.pairs.cend(); ++it)
        pairs[it.key()].append(it.value());
    for (auto it = other.months.cbegin(); it != other.months.cend(); ++it) {
        QMap<int, qint64> &mine = months[it.key()];
        for (auto m = it.value().cbegin(); m != it.value().cend(); ++m)
            mine[m.key()] += m.value();
    }
    read += other.read;
    skipped += other.skipped;
}
