#include "searchquery.h"

namespace {

const QString kText = QStringLiteral("text");
const QString kCollection = QStringLiteral("collection");
const QString kFilter = QStringLiteral("filter");
const QString kLimit = QStringLiteral("limit");
const QString kThreshold = QStringLiteral("score_threshold");
const QString kVector = QStringLiteral("vector");
const QString kSimilarTo = QStringLiteral("similar_to");

} // namespace

QString SearchQuery::problem() const
{
    if (collection.isEmpty())
        return tr("Choose a collection to search.");
    if (!isSimilarSearch() && text.trimmed().isEmpty())
        return tr("Type what to search for.");
    if (limit < 1 || limit > MaxLimit)
        return tr("The limit must be between 1 and %1, not %2.").arg(MaxLimit).arg(limit);
    return {};
}

QString SearchQuery::describe() const
{
    if (isSimilarSearch())
        return tr("similar to %1 in %2").arg(similarTo.toString(), collection);
    QString shown = text.simplified();
    if (shown.size() > 60)
        shown = shown.left(59) + QChar(0x2026);
    return tr("\u201c%1\u201d in %2").arg(shown, collection);
}

QJsonObject SearchQuery::toJson() const
{
    QJsonObject json {{kCollection, collection}, {kLimit, limit}};
    if (isSimilarSearch())
        json.insert(kSimilarTo, similarTo.toJson());
    else
        json.insert(kText, text);
    if (!filter.isEmpty())
        json.insert(kFilter, filter);
    if (scoreThreshold)
        json.insert(kThreshold, double(*scoreThreshold));
    if (vectorName)
        json.insert(kVector, *vectorName);
    return json;
}

SearchQuery SearchQuery::fromJson(const QJsonObject &json)
{
    SearchQuery query;
    query.text = json.value(kText).toString();
    query.collection = json.value(kCollection).toString();
    query.filter = json.value(kFilter).toObject();
    query.limit = json.value(kLimit).toInt(DefaultLimit);
    if (json.value(kThreshold).isDouble())
        query.scoreThreshold = float(json.value(kThreshold).toDouble());
    if (json.value(kVector).isString())
        query.vectorName = json.value(kVector).toString();
    query.similarTo = PointId::fromJson(json.value(kSimilarTo));
    return query;
}

bool operator==(const SearchQuery &a, const SearchQuery &b)
{
    return a.text == b.text && a.collection == b.collection && a.filter == b.filter
        && a.limit == b.limit && a.scoreThreshold == b.scoreThreshold
        && a.vectorName == b.vectorName && a.similarTo == b.similarTo;
}
