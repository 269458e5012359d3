#pragma once

#include "chartresult.h"

#include <QColor>
#include <QCoreApplication>
#include <QStringList>

class QChart;

/// The charts of a ChartResult, one per cohort, as ChartsPane shows them side by side: bars,
/// a histogram, monthly lines or a latency scatter (with its "no change" diagonal). Cohorts
/// share their scales and each split group keeps its colour in all of them. A scatter series
/// shows at most MaxScatterPoints (every k-th point); the CSV keeps them all.
class ChartFigures final
{
    Q_DECLARE_TR_FUNCTIONS(ChartFigures)

public:
    /// A scatter of 100,000 markers takes seconds to paint.
    static constexpr int MaxScatterPoints = 2500;

    /// diagonal: the colour of the scatter's "no change" line.
    ChartFigures(const ChartResult &result, const QColor &diagonal);

    int count() const { return m_cohortCount; }
    /// The chart of cohort index (0 when there are none); the caller owns it.
    QChart *build(int index);
    /// Scatter points left out of the charts built so far.
    qint64 sampledOut() const { return m_sampledOut; }

private:
    const ChartResult &m_result;
    QColor m_diagonal;
    int m_cohortCount = 1;
    QStringList m_groups; ///< split groups in order: their colours
    double m_maxValue = 0;
    double m_maxLatency = 0;
    qint64 m_sampledOut = 0;
};
