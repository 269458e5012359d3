#include "goldenquery.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>

#include <cmath>

int GoldenCheck::missingCount() const
{
    return int(std::count_if(changes.begin(), changes.end(),
        [](const GoldenRankChange &change) { return change.isMissing(); }));
}

int GoldenCheck::movedCount() const
{
    return int(std::count_if(changes.begin(), changes.end(),
        [](const GoldenRankChange &change) { return change.moved(); }));
}

QString GoldenCheck::summary() const
{
    if (changes.isEmpty())
        return tr("nothing expected");
    if (isUnchanged() && newcomers.isEmpty())
        return tr("all %1 in place").arg(changes.size());
    QStringList parts;
    if (const int moved = movedCount())
        parts << tr("%1 moved").arg(moved);
    if (const int missing = missingCount())
        parts << tr("%1 missing").arg(missing);
    if (!newcomers.isEmpty())
        parts << tr("%1 new").arg(newcomers.size());
    if (parts.isEmpty())
        parts << tr("all %1 in place").arg(changes.size());
    float largest = 0;
    for (const GoldenRankChange &change : changes) {
        if (!change.isMissing()
            && std::abs(change.score - change.expectedScore) > std::abs(largest))
            largest = change.score - change.expectedScore;
    }
    if (std::abs(largest) >= 0.0005f)
        parts << tr("score %1%2")
                     .arg(largest > 0 ? QStringLiteral("+") : QString(),
                         QLocale().toString(double(largest), 'f', 3));
    return parts.join(QStringLiteral(", "));
}

GoldenQuery GoldenQuery::fromHits(
    const QString &name, const SearchQuery &query, const QList<ScoredPoint> &hits)
{
    GoldenQuery golden;
    golden.name = name.trimmed();
    golden.query = query;
    for (const ScoredPoint &hit : hits) {
        golden.expectedIds.append(hit.id);
        golden.expectedScores.append(hit.score);
    }
    golden.savedAt = QDateTime::currentDateTimeUtc();
    return golden;
}

GoldenCheck GoldenQuery::check(const QList<ScoredPoint> &hits) const
{
    GoldenCheck result;
    result.ranAt = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 0; i < expectedIds.size(); ++i) {
        GoldenRankChange change;
        change.id = expectedIds.at(i);
        change.expectedRank = int(i) + 1;
        change.expectedScore = expectedScores.value(i);
        for (qsizetype rank = 0; rank < hits.size(); ++rank) {
            if (hits.at(rank).id == change.id) {
                change.rank = int(rank) + 1;
                change.score = hits.at(rank).score;
                break;
            }
        }
        result.changes.append(change);
    }
    for (qsizetype rank = 0; rank < hits.size() && rank < expectedIds.size(); ++rank) {
        if (!expectedIds.contains(hits.at(rank).id))
            result.newcomers.append(hits.at(rank).id);
    }
    return result;
}

QJsonObject GoldenQuery::toJson() const
{
    QJsonArray expected;
    for (qsizetype i = 0; i < expectedIds.size(); ++i) {
        expected.append(QJsonObject {{QStringLiteral("id"), expectedIds.at(i).toJson()},
            {QStringLiteral("score"), double(expectedScores.value(i))}});
    }
    return {{QStringLiteral("name"), name}, {QStringLiteral("query"), query.toJson()},
        {QStringLiteral("expected"), expected},
        {QStringLiteral("saved_at"), savedAt.toString(Qt::ISODateWithMs)}};
}

GoldenQuery GoldenQuery::fromJson(const QJsonObject &json)
{
    GoldenQuery golden;
    golden.name = json.value(QStringLiteral("name")).toString();
    golden.query = SearchQuery::fromJson(json.value(QStringLiteral("query")).toObject());
    for (const QJsonValue &entry : json.value(QStringLiteral("expected")).toArray()) {
        const PointId id = PointId::fromJson(entry.toObject().value(QStringLiteral("id")));
        if (id.isNull())
            continue;
        golden.expectedIds.append(id);
        golden.expectedScores.append(
            float(entry.toObject().value(QStringLiteral("score")).toDouble()));
    }
    golden.savedAt = QDateTime::fromString(
        json.value(QStringLiteral("saved_at")).toString(), Qt::ISODateWithMs);
    return golden;
}
