#pragma once

#include "chartresult.h"
#include "chartsamples.h"
#include "qdranttypes.h"

#include <QCoreApplication>

/// Turns what was read into a chart (pure functions, safe on any thread): the samples of one
/// or two cohorts into histograms on shared bins, scatter series, or monthly series on a
/// shared run of months; facet hits into a keyword distribution. Series are named after the
/// cohort and the split group; the statuses carry how much of each cohort was read.
class OutcomeStatistics final
{
    Q_DECLARE_TR_FUNCTIONS(OutcomeStatistics)

public:
    /// One cohort's part: its status (label, read, total, skipped) and samples.
    struct Cohort
    {
        ChartCohortStatus status;
        ChartSamples samples;
    };
    /// One cohort's facet answer.
    struct FacetCohort
    {
        ChartCohortStatus status;
        QList<FacetHit> hits;
    };

    /// The chart of the samples (histograms, scatter, monthly series).
    static ChartResult build(const ChartSpec &spec, const QList<Cohort> &cohorts);
    /// The keyword distribution: one category per value (most frequent first over all
    /// cohorts), one series per cohort.
    static ChartResult buildDistribution(const ChartSpec &spec,
                                         const QList<FacetCohort> &cohorts);
    /// What the legend calls a series: "acme · success", "success", "acme", or the key's
    /// "(no outcome)" for points without a split value.
    static QString seriesName(const QString &cohort, const QString &group,
                              const QString &splitKey, int cohortCount);

private:
    static void buildHistogram(ChartResult &result, const QList<Cohort> &cohorts);
    static void buildScatter(ChartResult &result, const QList<Cohort> &cohorts);
    static void buildMonthly(ChartResult &result, const QList<Cohort> &cohorts);
};
