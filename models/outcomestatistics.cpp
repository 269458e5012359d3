#include "outcomestatistics.h"

#include "histogrambins.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <limits>

namespace {

QString facetValueText(const QJsonValue &value)
{
    return ChartSamples::groupOf(value);
}

} // namespace

QString OutcomeStatistics::seriesName(const QString &cohort, const QString &group,
                                      const QString &splitKey, int cohortCount)
{
    QString groupName = group;
    if (!splitKey.isEmpty() && group.isEmpty())
        groupName = tr("(no %1)").arg(splitKey);
    if (cohortCount <= 1 || cohort.isEmpty())
        return groupName.isEmpty() ? tr("All points") : groupName;
    if (splitKey.isEmpty())
        return cohort;
    return tr("%1 · %2").arg(cohort, groupName);
}

ChartResult OutcomeStatistics::build(const ChartSpec &spec, const QList<Cohort> &cohorts)
{
    ChartResult result;
    result.spec = spec;
    for (const Cohort &cohort : cohorts)
        result.cohorts.append(cohort.status);
    switch (spec.kind) {
    case ChartSpec::Kind::SavingsHistogram:
    case ChartSpec::Kind::ImprovementHistogram:
        buildHistogram(result, cohorts);
        break;
    case ChartSpec::Kind::LatencyScatter:
        buildScatter(result, cohorts);
        break;
    case ChartSpec::Kind::MonthlySeries:
        buildMonthly(result, cohorts);
        break;
    case ChartSpec::Kind::KeywordDistribution:
        break;
    }
    return result;
}

void OutcomeStatistics::buildHistogram(ChartResult &result, const QList<Cohort> &cohorts)
{
    const ChartSpec &spec = result.spec;
    QList<double> all;
    for (const Cohort &cohort : cohorts) {
        for (const QList<double> &values : cohort.samples.values)
            all.append(values);
    }
    const HistogramBins bins = HistogramBins::fit(all, spec.maxBins);
    result.xTitle = spec.effectiveValueKey();
    result.yTitle = tr("points");
    result.lastBinOpen = bins.lastBinOpen();
    for (int i = 0; i < bins.count(); ++i)
        result.categories.append(bins.label(i));
    for (int i = 0; i <= bins.count() && !bins.isEmpty(); ++i)
        result.binEdges.append(bins.edge(i));
    for (const Cohort &cohort : cohorts) {
        for (auto it = cohort.samples.values.cbegin(); it != cohort.samples.values.cend(); ++it) {
            ChartSeriesData series;
            series.cohort = cohort.status.label;
            series.group = it.key();
            series.name = seriesName(series.cohort, series.group, spec.splitKey,
                                     int(cohorts.size()));
            series.values = bins.counts(it.value());
            result.series.append(series);
        }
    }
}

void OutcomeStatistics::buildScatter(ChartResult &result, const QList<Cohort> &cohorts)
{
    const ChartSpec &spec = result.spec;
    result.xTitle = tr("%1 (ms)").arg(spec.effectiveValueKey());
    result.yTitle = tr("after_latency_p95 (ms)");
    for (const Cohort &cohort : cohorts) {
        for (auto it = cohort.samples.pairs.cbegin(); it != cohort.samples.pairs.cend(); ++it) {
            ChartSeriesData series;
            series.cohort = cohort.status.label;
            series.group = it.key();
            series.name = seriesName(series.cohort, series.group, spec.splitKey,
                                     int(cohorts.size()));
            series.points = it.value();
            result.series.append(series);
        }
    }
}

void OutcomeStatistics::buildMonthly(ChartResult &result, const QList<Cohort> &cohorts)
{
    const ChartSpec &spec = result.spec;
    int first = std::numeric_limits<int>::max();
    int last = std::numeric_limits<int>::min();
    for (const Cohort &cohort : cohorts) {
        for (const QMap<int, qint64> &months : cohort.samples.months) {
            if (!months.isEmpty()) {
                first = std::min(first, months.firstKey());
                last = std::max(last, months.lastKey());
            }
        }
    }
    result.xTitle = tr("month of %1").arg(spec.effectiveValueKey());
    result.yTitle = tr("points");
    if (first > last)
        return;
    // Every month between the first and the last, so a quiet month shows as 0, not as a gap.
    for (int m = first; m <= last; ++m)
        result.categories.append(ChartSamples::monthLabel(m));
    for (const Cohort &cohort : cohorts) {
        for (auto it = cohort.samples.months.cbegin(); it != cohort.samples.months.cend();
             ++it) {
            ChartSeriesData series;
            series.cohort = cohort.status.label;
            series.group = it.key();
            series.name = seriesName(series.cohort, series.group, spec.splitKey,
                                     int(cohorts.size()));
            series.values = QList<double>(last - first + 1, 0.0);
            for (auto m = it.value().cbegin(); m != it.value().cend(); ++m)
                series.values[m.key() - first] = double(m.value());
            result.series.append(series);
        }
    }
}

ChartResult OutcomeStatistics::buildDistribution(const ChartSpec &spec,
                                                 const QList<FacetCohort> &cohorts)
{
    ChartResult result;
    result.spec = spec;
    result.xTitle = spec.effectiveValueKey();
    result.yTitle = tr("points");
    // Categories: every value any cohort has, most points (over all cohorts) first; equal
    // totals keep the order the server gave.
    QHash<QString, qint64> totals;
    QStringList order;
    for (const FacetCohort &cohort : cohorts) {
        result.cohorts.append(cohort.status);
        for (const FacetHit &hit : cohort.hits) {
            const QString value = facetValueText(hit.value);
            if (!totals.contains(value))
                order.append(value);
            totals[value] += hit.count;
        }
    }
    std::stable_sort(order.begin(), order.end(), [&](const QString &a, const QString &b) {
        return totals.value(a) > totals.value(b);
    });
    result.categories = order;
    for (const FacetCohort &cohort : cohorts) {
        ChartSeriesData series;
        series.cohort = cohort.status.label;
        series.name = cohorts.size() > 1 ? cohort.status.label : tr("points");
        series.values = QList<double>(order.size(), 0.0);
        for (const FacetHit &hit : cohort.hits)
            series.values[order.indexOf(facetValueText(hit.value))] = double(hit.count);
        result.series.append(series);
    }
    return result;
}
