#pragma once

#include "qdranttypes.h"
#include "searchquery.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>

/// How one expected point of a golden query fared when the query ran again.
struct GoldenRankChange
{
    PointId id;
    int expectedRank = 0; ///< 1-based, when the query was saved
    float expectedScore = 0;
    int rank = 0; ///< 1-based now; 0 when the point is no longer among the hits
    float score = 0; ///< now; 0 when missing

    bool isMissing() const { return rank == 0; }
    bool moved() const { return !isMissing() && rank != expectedRank; }
};

/// The result of running a golden query again: each expected point's rank and score then and
/// now, and the points that now rank among the expected ones without being expected.
struct GoldenCheck
{
    Q_DECLARE_TR_FUNCTIONS(GoldenCheck)

public:
    QList<GoldenRankChange> changes; ///< one per expected point, in expected order
    QList<PointId> newcomers; ///< hits within the expected count that were not expected
    QDateTime ranAt; ///< UTC

    int missingCount() const;
    int movedCount() const;
    /// True when every expected point is found at its rank.
    bool isUnchanged() const { return missingCount() == 0 && movedCount() == 0; }
    /// "all 5 in place" or "2 moved, 1 missing, 1 new" (with the largest score change).
    QString summary() const;
};

/// A query whose right answer the user vouched for: the ids it returned (best first) when it
/// was saved, with their scores, for a tenant. Run again after an import, check() says what
/// moved.
struct GoldenQuery
{
    QString name;
    SearchQuery query;
    QList<PointId> expectedIds; ///< best first
    QList<float> expectedScores; ///< parallel to expectedIds
    QDateTime savedAt; ///< UTC

    /// A golden query from the hits shown now.
    static GoldenQuery fromHits(
        const QString &name, const SearchQuery &query, const QList<ScoredPoint> &hits);
    /// Compares the hits of running query again with what was expected.
    GoldenCheck check(const QList<ScoredPoint> &hits) const;

    QJsonObject toJson() const;
    static GoldenQuery fromJson(const QJsonObject &json);
};

Q_DECLARE_METATYPE(GoldenCheck)
