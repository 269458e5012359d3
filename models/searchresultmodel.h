#pragma once

#include "qdranttypes.h"

#include <QAbstractTableModel>
#include <QStringList>

/// The hits of a semantic search as a table: rank, score, id, then the payload fields that
/// matter for the collection's type (cost: type, outcome, savings, context, lessons;
/// performance: service, optimisation, improvement, problem; customer context: type, topic,
/// priority, content), or the first keys found for other collections. The score column
/// carries a 0..1 fraction (ScoreFractionRole) for a score bar: the cosine itself for
/// Cosine, else the score relative to the best of the list (distances: the nearest is 1).
class SearchResultModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { RankColumn, ScoreColumn, IdColumn, FirstFieldColumn };
    static constexpr int SortRole = Qt::UserRole; ///< raw value to sort on
    static constexpr int ScoreFractionRole = Qt::UserRole + 1; ///< double 0..1, score column
    static constexpr int PointIdRole = Qt::UserRole + 2; ///< the PointId, any column
    /// Fields shown for collections that are not an agent-memory type, at most.
    static constexpr int MaxGenericFields = 5;

    explicit SearchResultModel(QObject *parent = nullptr);

    /// Shows the hits of a search of collection (distance as the collection's config says).
    void setResults(
        const QString &collection, const QString &distance, const QList<ScoredPoint> &hits);
    /// Shows nothing.
    void clear();
    /// Payload fields whose cells show PresentationOptions::maskText() (demos); sorting and
    /// opening a hit still see the real values.
    void setMaskedFields(const QStringList &fields);

    QString collection() const { return m_collection; }
    /// The payload fields shown after the id, in order.
    QStringList fields() const { return m_fields; }
    /// The hit shown in row (0 ≤ row < rowCount()).
    const ScoredPoint &hit(int row) const { return m_hits.at(row); }
    const QList<ScoredPoint> &hits() const { return m_hits; }
    /// The key fields of a collection type; the first keys of the hits for other collections.
    static QStringList fieldsFor(const QString &collection, const QList<ScoredPoint> &hits);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    double scoreFraction(float score) const;

    QString m_collection;
    QString m_distance;
    QStringList m_fields;
    QList<ScoredPoint> m_hits;
    QStringList m_maskedFields;
    float m_best = 0;
    float m_worst = 0;
};
