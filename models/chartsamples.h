#pragma once

#include "chartspec.h"
#include "qdranttypes.h"

#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>

/// What one cohort's points hold for a chart, before binning: the values of each split group
/// (histograms), the (before, after) pairs (scatter) or the points per month (monthly series).
/// Built from scroll pages off the GUI thread (fromRecords) and merged page by page; points
/// whose value is missing, not a number, NaN or infinite are counted in skipped, never
/// charted. Groups are the split key's values as text ("" when a point has none).
struct ChartSamples
{
    QMap<QString, QList<double>> values;  ///< histogram kinds
    QMap<QString, QList<QPointF>> pairs;  ///< LatencyScatter: (before, after)
    QMap<QString, QMap<int, qint64>> months; ///< MonthlySeries: month number → points
    qint64 read = 0;    ///< points read
    qint64 skipped = 0; ///< points read without a usable value

    /// The samples of one page of points for spec (pure; safe on any thread).
    static ChartSamples fromRecords(const QList<PointRecord> &records, const ChartSpec &spec);
    /// Adds other's samples to these.
    void merge(const ChartSamples &other);
    /// Points that made it into the chart (read - skipped).
    qint64 used() const { return read - skipped; }

    /// A month as one number (year * 12 + month - 1), so months sort and step by one.
    static int monthNumber(int year, int month) { return year * 12 + month - 1; }
    /// "2026-03" for monthNumber(2026, 3).
    static QString monthLabel(int monthNumber);
    /// A payload value as a number: JSON numbers only (a numeric string is not one), finite.
    static std::optional<double> numberOf(const QJsonValue &value);
    /// The split group of a payload value: a string as is, other scalars as JSON text, "" when
    /// missing or null.
    static QString groupOf(const QJsonValue &value);
};
