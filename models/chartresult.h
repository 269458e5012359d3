#pragma once

#include "chartspec.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QPointF>
#include <QString>
#include <QStringList>

/// One series of a chart: a split group of one cohort.
struct ChartSeriesData
{
    QString name;          ///< what the legend says: "success", "acme · success", "acme"
    QString cohort;        ///< the cohort's label ("" with one cohort)
    QString group;         ///< the split value ("" without a split)
    QList<double> values;  ///< one per category (histograms, months, keyword values)
    QList<QPointF> points; ///< LatencyScatter: every (before, after) pair
};

/// How far the reading of one cohort got.
struct ChartCohortStatus
{
    QString label;
    qint64 read = 0;    ///< points read
    qint64 total = -1;  ///< points in the cohort (count), -1 until known
    qint64 skipped = 0; ///< points read without a usable value
};

/// A computed chart: categories (bin labels, months, keyword values) and the series over them,
/// or scatter points; with how much of the data it covers, so a partial chart says so.
struct ChartResult
{
    Q_DECLARE_TR_FUNCTIONS(ChartResult)

public:
    ChartSpec spec;
    QString xTitle;
    QString yTitle;
    QStringList categories;    ///< empty for LatencyScatter
    QList<double> binEdges;    ///< histograms: categories.size() + 1 edges
    bool lastBinOpen = false;  ///< histograms: the last bin holds everything above its edge
    QList<ChartSeriesData> series;
    QList<ChartCohortStatus> cohorts;
    bool cancelled = false;    ///< the reading was stopped before the end
    bool exact = true;         ///< false when a count was not known (total -1)

    /// Points read over all cohorts.
    qint64 pointsRead() const;
    /// Points in all cohorts; -1 while a cohort's count is unknown.
    qint64 pointsTotal() const;
    /// Points read without a usable value.
    qint64 pointsSkipped() const;
    /// True while (or because) not every point was read.
    bool isPartial() const;
    /// True when no series holds a value.
    bool isEmpty() const;
    /// "1,234 of 100,000 points" (partial) or "100,000 points", with the skipped ones.
    QString coverageText() const;
};

Q_DECLARE_METATYPE(ChartResult)
