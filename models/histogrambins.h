#pragma once

#include <QList>
#include <QString>

/// Equal-width histogram bins with readable edges (steps of 1, 2, 2.5 or 5 times a power of
/// ten) fitted to the values of every series at once, so side-by-side cohorts share them.
/// Bin i holds [edge(i), edge(i + 1)); the last bin also holds its upper edge. When a few
/// values lie far above the rest (beyond the 99th percentile by more than three times the
/// spread below it) the last bin is open ("≥ x") and holds them, so one outlier does not
/// squeeze every other value into the first bin.
class HistogramBins final
{
public:
    HistogramBins() = default;

    /// Bins for these values (finite ones; others are the caller's to skip), at most maxBins.
    /// No values: no bins.
    static HistogramBins fit(const QList<double> &values, int maxBins);
    /// Fixed bins: count bins of width step from lo (for tests and fixed axes).
    static HistogramBins fixed(double lo, double step, int count, bool lastOpen = false);

    int count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    double step() const { return m_step; }
    /// The lower edge of bin i; edge(count()) is the upper edge of the last bin.
    double edge(int i) const { return m_lo + m_step * i; }
    /// True when the last bin holds everything at or above its lower edge.
    bool lastBinOpen() const { return m_lastOpen; }
    /// The bin of a value, or -1 when it is outside every bin.
    int binOf(double value) const;
    /// "10–20", or "≥ 90" for an open last bin.
    QString label(int i) const;
    /// Counts per bin of values (those outside every bin are left out).
    QList<double> counts(const QList<double> &values) const;

private:
    double m_lo = 0;
    double m_step = 1;
    int m_count = 0;
    bool m_lastOpen = false;
};
