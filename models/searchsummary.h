#pragma once

#include "qdranttypes.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

/// What the hits of a search say at a glance, per agent-memory collection type, so "what
/// worked for similar customers?" is answered without reading every row:
/// - cost_optimization_knowledge: cases, the outcome split, the median savings % of the
///   successes, the optimisation types, the most common lessons (lessons_learned);
/// - performance_patterns: cases, the median improvement factor, the optimisations applied
///   (with their own median factor), how many are replicable, the common side effects;
/// - customer_context: notes, the context_type and priority splits, the topics, and the best
///   match's content (the answer to "what is this customer's risk tolerance?").
/// Other collections: the number of hits. Pure: computed from the hits alone.
class SearchSummary final
{
    Q_DECLARE_TR_FUNCTIONS(SearchSummary)

public:
    enum class Kind { Cost, Performance, CustomerContext, Other };
    /// A value (or phrase) and how many hits have it, most frequent first.
    using Counts = QList<QPair<QString, int>>;

    /// The summary of the hits of a search of collection (its type read from the name).
    static SearchSummary of(const QString &collection, const QList<ScoredPoint> &hits);

    Kind kind() const { return m_kind; }
    int cases() const { return m_cases; }
    /// cost: outcome; performance: replicable yes/no; customer: context_type.
    const Counts &split() const { return m_split; }
    /// customer: priority; cost: cloud_provider; performance: service_type.
    const Counts &secondarySplit() const { return m_secondary; }
    /// cost: optimization_type; performance: optimization_applied (case-folded, first form).
    const Counts &approaches() const { return m_approaches; }
    /// cost: lessons_learned; performance: side_effects; customer: topic. Normalised phrases,
    /// each counted once per hit.
    const Counts &phrases() const { return m_phrases; }
    /// cost: the median savings_percent of the successful cases.
    std::optional<double> medianSavingsPercent() const { return m_medianSavings; }
    /// performance: the median improvement_factor (factors ≤ 0 are left out).
    std::optional<double> medianImprovementFactor() const { return m_medianFactor; }
    /// performance: the median improvement factor of the most applied optimisation.
    std::optional<double> topApproachFactor() const { return m_topApproachFactor; }
    /// customer: the content of the best hit.
    QString bestContent() const { return m_bestContent; }

    /// One sentence: "3 similar cases: 2 succeeded (median 35% savings), 1 failed".
    QString headline() const;
    /// The other lines of the card, each a short sentence; empty when there is nothing more.
    QStringList details() const;

    /// The clauses of a free text, normalised to compare (lower case, inner spaces collapsed,
    /// leading "and"/"but"/"so" and surrounding punctuation dropped); clauses of fewer than
    /// two words are left out.
    static QStringList phrasesOf(const QString &text);
    /// The median of values; nullopt for none.
    static std::optional<double> median(QList<double> values);

private:
    void summariseCost(const QList<ScoredPoint> &hits);
    void summarisePerformance(const QList<ScoredPoint> &hits);
    void summariseCustomer(const QList<ScoredPoint> &hits);
    static QString casesText(int cases);
    QString commonPhrasesLine(const QString &common, const QString &fromTop) const;

    Kind m_kind = Kind::Other;
    int m_cases = 0;
    Counts m_split;
    Counts m_secondary;
    Counts m_approaches;
    Counts m_phrases;
    std::optional<double> m_medianSavings;
    std::optional<double> m_medianFactor;
    std::optional<double> m_topApproachFactor;
    QString m_bestContent;
};
