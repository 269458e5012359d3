#include "searchresultmodel.h"

#include "agentmemoryschemas.h"
#include "pointcelltext.h"
#include "presentationoptions.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

QStringList schemaKeyFields(const QString &collectionType)
{
    if (collectionType == u"cost_optimization_knowledge") {
        return {QStringLiteral("optimization_type"), QStringLiteral("outcome"),
            QStringLiteral("savings_percent"), QStringLiteral("cloud_provider"),
            QStringLiteral("decision_context"), QStringLiteral("lessons_learned")};
    }
    if (collectionType == u"performance_patterns") {
        return {QStringLiteral("service_type"), QStringLiteral("optimization_applied"),
            QStringLiteral("improvement_factor"), QStringLiteral("before_latency_p95"),
            QStringLiteral("after_latency_p95"), QStringLiteral("problem_description"),
            QStringLiteral("side_effects")};
    }
    if (collectionType == u"customer_context") {
        return {QStringLiteral("context_type"), QStringLiteral("topic"), QStringLiteral("priority"),
            QStringLiteral("content"), QStringLiteral("confidence")};
    }
    return {};
}

} // namespace

SearchResultModel::SearchResultModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QStringList SearchResultModel::fieldsFor(const QString &collection, const QList<ScoredPoint> &hits)
{
    if (const AgentMemorySchema *schema = agentMemorySchemaFor(collection))
        return schemaKeyFields(schema->collectionType);
    QStringList keys;
    for (const ScoredPoint &hit : hits) {
        for (auto it = hit.payload.begin(); it != hit.payload.end(); ++it) {
            if (!keys.contains(it.key()))
                keys.append(it.key());
        }
    }
    std::sort(keys.begin(), keys.end());
    return keys.mid(0, MaxGenericFields);
}

void SearchResultModel::setResults(
    const QString &collection, const QString &distance, const QList<ScoredPoint> &hits)
{
    beginResetModel();
    m_collection = collection;
    m_distance = distance;
    m_hits = hits;
    m_fields = fieldsFor(collection, hits);
    m_best = 0;
    m_worst = 0;
    if (!hits.isEmpty()) {
        const auto [low, high] = std::minmax_element(hits.begin(), hits.end(),
            [](const ScoredPoint &a, const ScoredPoint &b) { return a.score < b.score; });
        m_worst = low->score;
        m_best = high->score;
    }
    endResetModel();
}

void SearchResultModel::clear()
{
    setResults(QString(), QString(), {});
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

int SearchResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstFieldColumn + int(m_fields.size());
}

double SearchResultModel::scoreFraction(float score) const
{
    if (m_distance == u"Cosine")
        return std::clamp(double(score), 0.0, 1.0);
    const bool distanceLike = m_distance == u"Euclid" || m_distance == u"Manhattan";
    if (distanceLike) {
        // Smaller is nearer: the nearest hit gets a full bar, the farthest the shortest.
        if (score <= 0)
            return 1.0;
        return std::clamp(double(m_worst) / double(score), 0.0, 1.0);
    }
    if (m_best <= 0)
        return 0.0;
    return std::clamp(double(score) / double(m_best), 0.0, 1.0);
}

void SearchResultModel::setMaskedFields(const QStringList &fields)
{
    if (fields == m_maskedFields)
        return;
    m_maskedFields = fields;
    if (rowCount() > 0 && columnCount() > FirstFieldColumn)
        emit dataChanged(index(0, FirstFieldColumn), index(rowCount() - 1, columnCount() - 1));
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ScoredPoint &hit = m_hits.at(index.row());
    const int column = index.column();
    if (role == PointIdRole)
        return QVariant::fromValue(hit.id);
    if (column == RankColumn) {
        if (role == Qt::DisplayRole || role == SortRole)
            return index.row() + 1;
        if (role == Qt::TextAlignmentRole)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (column == ScoreColumn) {
        if (role == Qt::DisplayRole)
            return QLocale().toString(double(hit.score), 'f', 3);
        if (role == SortRole)
            return double(hit.score);
        if (role == ScoreFractionRole)
            return scoreFraction(hit.score);
        if (role == Qt::ToolTipRole)
            return tr("Score %1 (%2)").arg(double(hit.score)).arg(m_distance);
        return {};
    }
    if (column == IdColumn) {
        if (role == Qt::DisplayRole || role == SortRole)
            return hit.id.toString();
        return {};
    }
    const QString &key = m_fields.at(column - FirstFieldColumn);
    const QJsonValue value = PointCellText::valueAt(hit.payload, key);
    const bool masked = !value.isUndefined()
        && PresentationOptions::isMaskedBy(key, m_maskedFields);
    if (masked && (role == Qt::DisplayRole || role == Qt::ToolTipRole))
        return role == Qt::DisplayRole ? QVariant(PresentationOptions::maskText()) : QVariant();
    switch (role) {
    case Qt::DisplayRole:
        // Measures such as 1.0769230769 read better as 1.077 beside the score.
        if (value.isDouble() && value.toDouble() != std::floor(value.toDouble()))
            return QLocale().toString(value.toDouble(), 'g', 4);
        return PointCellText::display(value);
    case SortRole:
        return PointCellText::raw(value);
    case Qt::ToolTipRole:
        if (value.isString() && value.toString().size() > 40)
            return value.toString();
        return {};
    case Qt::TextAlignmentRole:
        if (value.isDouble())
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant SearchResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= columnCount())
        return {};
    switch (section) {
    case RankColumn:
        return tr("#");
    case ScoreColumn:
        return tr("Score");
    case IdColumn:
        return tr("Id");
    default:
        return m_fields.at(section - FirstFieldColumn);
    }
}
