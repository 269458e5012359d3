#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

/// What the charts pane draws: the kind of chart, the payload fields it reads and how points
/// are grouped. A value type; ChartDataSource reads exactly payloadFields() and
/// OutcomeStatistics turns what was read into a ChartResult.
struct ChartSpec
{
    Q_DECLARE_TR_FUNCTIONS(ChartSpec)

public:
    enum class Kind {
        SavingsHistogram,     ///< savings_percent, split by outcome / type / provider
        ImprovementHistogram, ///< improvement_factor, split by service type / model
        LatencyScatter,       ///< before_latency_p95 against after_latency_p95
        KeywordDistribution,  ///< the facet of a keyword field (counts per value)
        MonthlySeries,        ///< points per month of execution_date
    };

    Kind kind = Kind::SavingsHistogram;
    /// The keyword field that splits the points into series; empty for one series.
    QString splitKey;
    /// The numeric field of a histogram, the keyword of a distribution, or the date of a
    /// monthly series; empty takes the kind's default (defaultValueKey()).
    QString valueKey;
    /// Histogram bins at most (the edges are rounded to readable numbers).
    int maxBins = 20;
    /// Keyword values at most in a distribution (the facet's limit).
    int facetLimit = 20;

    /// The field the kind reads (valueKey, or its default).
    QString effectiveValueKey() const;
    /// The payload fields a scroll must return for this chart (value, split, dates).
    QStringList payloadFields() const;
    /// True for the kinds computed from scrolled points (all but KeywordDistribution).
    bool needsPoints() const { return kind != Kind::KeywordDistribution; }

    /// The kind's default field: savings_percent, improvement_factor, outcome, execution_date.
    static QString defaultValueKey(Kind kind);
    /// The split keys offered for a kind (the schema's keywords that make sense for it).
    static QStringList splitKeysFor(Kind kind);
    /// The collection type a kind is meant for (cost_optimization_knowledge or
    /// performance_patterns); empty when it fits both.
    static QString collectionTypeFor(Kind kind);
    /// A title for the chart, e.g. "Savings % by outcome".
    QString title() const;

    friend bool operator==(const ChartSpec &, const ChartSpec &) = default;
};
