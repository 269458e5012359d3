#include "chartspec.h"

namespace {

const QString kSavings = QStringLiteral("savings_percent");
const QString kImprovement = QStringLiteral("improvement_factor");
const QString kBefore = QStringLiteral("before_latency_p95");
const QString kAfter = QStringLiteral("after_latency_p95");
const QString kDate = QStringLiteral("execution_date");

} // namespace

QString ChartSpec::defaultValueKey(Kind kind)
{
    switch (kind) {
    case Kind::SavingsHistogram:
        return kSavings;
    case Kind::ImprovementHistogram:
        return kImprovement;
    case Kind::LatencyScatter:
        return kBefore;
    case Kind::KeywordDistribution:
        return QStringLiteral("optimization_type");
    case Kind::MonthlySeries:
        return kDate;
    }
    return QString();
}

QString ChartSpec::effectiveValueKey() const
{
    return valueKey.isEmpty() ? defaultValueKey(kind) : valueKey;
}

QStringList ChartSpec::payloadFields() const
{
    QStringList fields;
    switch (kind) {
    case Kind::LatencyScatter:
        fields = {kBefore, kAfter};
        break;
    case Kind::KeywordDistribution:
        return {};
    default:
        fields = {effectiveValueKey()};
        break;
    }
    if (!splitKey.isEmpty() && !fields.contains(splitKey))
        fields.append(splitKey);
    return fields;
}

QStringList ChartSpec::splitKeysFor(Kind kind)
{
    switch (kind) {
    case Kind::SavingsHistogram:
        return {QStringLiteral("outcome"), QStringLiteral("optimization_type"),
                QStringLiteral("cloud_provider")};
    case Kind::ImprovementHistogram:
    case Kind::LatencyScatter:
        return {QStringLiteral("service_type"), QStringLiteral("model_name")};
    case Kind::KeywordDistribution:
        return {};
    case Kind::MonthlySeries:
        return {QStringLiteral("outcome"), QStringLiteral("optimization_type"),
                QStringLiteral("cloud_provider"), QStringLiteral("service_type"),
                QStringLiteral("model_name")};
    }
    return {};
}

QString ChartSpec::collectionTypeFor(Kind kind)
{
    switch (kind) {
    case Kind::SavingsHistogram:
        return QStringLiteral("cost_optimization_knowledge");
    case Kind::ImprovementHistogram:
    case Kind::LatencyScatter:
        return QStringLiteral("performance_patterns");
    case Kind::KeywordDistribution:
    case Kind::MonthlySeries:
        break;
    }
    return QString();
}

QString ChartSpec::title() const
{
    QString base;
    switch (kind) {
    case Kind::SavingsHistogram:
        base = tr("Savings %");
        break;
    case Kind::ImprovementHistogram:
        base = tr("Improvement factor");
        break;
    case Kind::LatencyScatter:
        base = tr("P95 latency before and after (ms)");
        break;
    case Kind::KeywordDistribution:
        base = tr("Points per %1").arg(effectiveValueKey());
        break;
    case Kind::MonthlySeries:
        base = tr("Points per month of %1").arg(effectiveValueKey());
        break;
    }
    if (splitKey.isEmpty() || kind == Kind::KeywordDistribution)
        return base;
    return tr("%1 by %2").arg(base, splitKey);
}
