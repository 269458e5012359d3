#include "searchsummary.h"

#include "agentmemoryschemas.h"

#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace {

/// Counts values in the order first seen, compared case-folded, shown as first written.
class Counter
{
public:
    void add(const QString &value)
    {
        const QString key = value.trimmed().toCaseFolded();
        if (key.isEmpty())
            return;
        const auto it = m_index.constFind(key);
        if (it == m_index.constEnd()) {
            m_index.insert(key, int(m_counts.size()));
            m_counts.append({value.trimmed(), 1});
        } else {
            ++m_counts[it.value()].second;
        }
    }
    /// Most frequent first; ties keep the order first seen (the better-ranked hit first).
    SearchSummary::Counts sorted() const
    {
        SearchSummary::Counts counts = m_counts;
        std::stable_sort(counts.begin(), counts.end(),
            [](const auto &a, const auto &b) { return a.second > b.second; });
        return counts;
    }

private:
    QHash<QString, int> m_index;
    SearchSummary::Counts m_counts;
};

QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return {};
}

std::optional<double> numberOf(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    return std::nullopt;
}

QString number(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

int countOf(const SearchSummary::Counts &counts, const QString &value)
{
    for (const auto &[name, count] : counts) {
        if (name.compare(value, Qt::CaseInsensitive) == 0)
            return count;
    }
    return 0;
}

QString splitText(const SearchSummary::Counts &counts)
{
    QStringList parts;
    for (const auto &[name, count] : counts)
        parts << QStringLiteral("%1 %2").arg(count).arg(name);
    return parts.join(QStringLiteral(", "));
}

} // namespace

SearchSummary SearchSummary::of(const QString &collection, const QList<ScoredPoint> &hits)
{
    SearchSummary summary;
    summary.m_cases = int(hits.size());
    const AgentMemorySchema *schema = agentMemorySchemaFor(collection);
    const QString type = schema ? schema->collectionType : QString();
    if (type == u"cost_optimization_knowledge")
        summary.summariseCost(hits);
    else if (type == u"performance_patterns")
        summary.summarisePerformance(hits);
    else if (type == u"customer_context")
        summary.summariseCustomer(hits);
    return summary;
}

std::optional<double> SearchSummary::median(QList<double> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    if (values.size() % 2 == 1)
        return values.at(middle);
    return (values.at(middle - 1) + values.at(middle)) / 2.0;
}

QStringList SearchSummary::phrasesOf(const QString &text)
{
    // A full stop ends a clause only before a space (2.5x, 10.0.1 stay whole); ; ! ? always.
    static const QRegularExpression clauseEnd(QStringLiteral("[;!?\\n]+|[.]+(\\s|$)"));
    static const QRegularExpression leadingJoin(QStringLiteral("^(and|but|so|also)\\s+"));
    static const QRegularExpression edges(QStringLiteral("^[^\\w%]+|[^\\w%)]+$"));
    QStringList phrases;
    for (const QString &clause : text.split(clauseEnd, Qt::SkipEmptyParts)) {
        QString phrase = clause.simplified().toLower();
        phrase.remove(edges);
        phrase.remove(leadingJoin);
        if (phrase.count(QLatin1Char(' ')) < 1)
            continue; // one word says nothing on its own
        if (!phrases.contains(phrase))
            phrases.append(phrase);
    }
    return phrases;
}

void SearchSummary::summariseCost(const QList<ScoredPoint> &hits)
{
    m_kind = Kind::Cost;
    Counter outcomes, providers, types, lessons;
    QList<double> savings;
    for (const ScoredPoint &hit : hits) {
        const QString outcome = textOf(hit.payload.value(QStringLiteral("outcome")));
        outcomes.add(outcome.isEmpty() ? tr("unknown") : outcome);
        providers.add(textOf(hit.payload.value(QStringLiteral("cloud_provider"))));
        types.add(textOf(hit.payload.value(QStringLiteral("optimization_type"))));
        for (const QString &phrase :
            phrasesOf(hit.payload.value(QStringLiteral("lessons_learned")).toString()))
            lessons.add(phrase);
        const auto saved = numberOf(hit.payload.value(QStringLiteral("savings_percent")));
        if (outcome == u"success" && saved)
            savings.append(*saved);
    }
    m_split = outcomes.sorted();
    m_secondary = providers.sorted();
    m_approaches = types.sorted();
    m_phrases = lessons.sorted();
    m_medianSavings = median(savings);
}

void SearchSummary::summarisePerformance(const QList<ScoredPoint> &hits)
{
    m_kind = Kind::Performance;
    Counter replicable, services, applied, effects;
    QList<double> factors;
    QHash<QString, QList<double>> factorsByApproach;
    for (const ScoredPoint &hit : hits) {
        const QJsonValue flag = hit.payload.value(QStringLiteral("replicable"));
        if (flag.isBool())
            replicable.add(flag.toBool() ? tr("replicable") : tr("not replicable"));
        services.add(textOf(hit.payload.value(QStringLiteral("service_type"))));
        const QString approach = textOf(hit.payload.value(QStringLiteral("optimization_applied")));
        applied.add(approach);
        for (const QString &phrase :
            phrasesOf(hit.payload.value(QStringLiteral("side_effects")).toString()))
            effects.add(phrase);
        const auto factor = numberOf(hit.payload.value(QStringLiteral("improvement_factor")));
        if (factor && *factor > 0) {
            factors.append(*factor);
            factorsByApproach[approach.trimmed().toCaseFolded()].append(*factor);
        }
    }
    m_split = replicable.sorted();
    m_secondary = services.sorted();
    m_approaches = applied.sorted();
    m_phrases = effects.sorted();
    m_medianFactor = median(factors);
    if (!m_approaches.isEmpty())
        m_topApproachFactor
            = median(factorsByApproach.value(m_approaches.constFirst().first.toCaseFolded()));
}

void SearchSummary::summariseCustomer(const QList<ScoredPoint> &hits)
{
    m_kind = Kind::CustomerContext;
    Counter types, priorities, topics;
    for (const ScoredPoint &hit : hits) {
        types.add(textOf(hit.payload.value(QStringLiteral("context_type"))));
        priorities.add(textOf(hit.payload.value(QStringLiteral("priority"))));
        topics.add(textOf(hit.payload.value(QStringLiteral("topic"))));
    }
    m_split = types.sorted();
    m_secondary = priorities.sorted();
    m_phrases = topics.sorted();
    if (!hits.isEmpty())
        m_bestContent = hits.constFirst().payload.value(QStringLiteral("content")).toString();
}

QString SearchSummary::casesText(int cases)
{
    // Spelled out: "%n case(s)" needs a translation file loaded to read well in English.
    return cases == 1 ? tr("1 similar case") : tr("%1 similar cases").arg(cases);
}

QString SearchSummary::headline() const
{
    if (m_cases == 0)
        return tr("No similar cases in this scope.");
    switch (m_kind) {
    case Kind::Cost: {
        QStringList parts;
        for (const auto &[outcome, count] : m_split) {
            if (outcome == u"success") {
                QString part = tr("%1 succeeded").arg(count);
                if (m_medianSavings)
                    part += tr(" (median %1% savings)").arg(number(*m_medianSavings, 0));
                parts << part;
            } else if (outcome == u"failed") {
                parts << tr("%1 failed").arg(count);
            } else if (outcome == u"rolled_back") {
                parts << tr("%1 rolled back").arg(count);
            } else {
                parts << tr("%1: %2").arg(outcome).arg(count);
            }
        }
        return tr("%1: %2").arg(casesText(m_cases), parts.join(QStringLiteral(", ")));
    }
    case Kind::Performance: {
        QString line = casesText(m_cases);
        if (m_medianFactor)
            line += tr(", median %1× improvement").arg(number(*m_medianFactor, 1));
        if (!m_approaches.isEmpty() && m_approaches.constFirst().second > 1) {
            const auto &[approach, count] = m_approaches.constFirst();
            line += tr("; %1 worked in %2 of them").arg(approach).arg(count);
            if (m_topApproachFactor)
                line += tr(" (%1×)").arg(number(*m_topApproachFactor, 1));
        }
        return line;
    }
    case Kind::CustomerContext:
        return (m_cases == 1 ? tr("1 note") : tr("%1 notes").arg(m_cases)) + QStringLiteral(": ")
            + splitText(m_split);
    case Kind::Other:
        break;
    }
    return m_cases == 1 ? tr("1 hit") : tr("%1 hits").arg(m_cases);
}

QString SearchSummary::commonPhrasesLine(const QString &common, const QString &fromTop) const
{
    QStringList repeated;
    for (const auto &[phrase, count] : m_phrases) {
        if (count > 1 && repeated.size() < 3)
            repeated << QStringLiteral("\u201c%1\u201d (%2)").arg(phrase).arg(count);
    }
    if (!repeated.isEmpty())
        return common.arg(repeated.join(QStringLiteral(", ")));
    QStringList top;
    for (const auto &entry : m_phrases.mid(0, 2))
        top << QStringLiteral("\u201c%1\u201d").arg(entry.first);
    return top.isEmpty() ? QString() : fromTop.arg(top.join(QStringLiteral(", ")));
}

QStringList SearchSummary::details() const
{
    QStringList lines;
    if (m_cases == 0)
        return lines;
    switch (m_kind) {
    case Kind::Cost:
        if (!m_approaches.isEmpty())
            lines << tr("Types: %1").arg(splitText(m_approaches));
        if (!m_secondary.isEmpty())
            lines << tr("Clouds: %1").arg(splitText(m_secondary));
        lines << commonPhrasesLine(tr("Common lessons: %1"), tr("Lessons of the best matches: %1"));
        break;
    case Kind::Performance:
        if (!m_approaches.isEmpty())
            lines << tr("Applied: %1").arg(splitText(m_approaches.mid(0, 4)));
        if (!m_split.isEmpty())
            lines
                << tr("Replicable: %1 of %2").arg(countOf(m_split, tr("replicable"))).arg(m_cases);
        if (!m_secondary.isEmpty())
            lines << tr("Services: %1").arg(splitText(m_secondary));
        lines << commonPhrasesLine(
            tr("Common side effects: %1"), tr("Side effects of the best matches: %1"));
        break;
    case Kind::CustomerContext:
        if (!m_bestContent.isEmpty())
            lines << tr("Best match: %1").arg(m_bestContent);
        if (!m_secondary.isEmpty())
            lines << tr("Priority: %1").arg(splitText(m_secondary));
        if (!m_phrases.isEmpty())
            lines << tr("Topics: %1").arg(splitText(m_phrases.mid(0, 4)));
        break;
    case Kind::Other:
        break;
    }
    lines.removeAll(QString());
    return lines;
}
