#pragma once

#include "qdranttypes.h"
#include "searchquery.h"

#include <QList>
#include <QString>

/// What one semantic search found: the query as run, the vector it searched and that vector's
/// distance, the hits best first, and how long it took from the request to the answer.
struct SearchOutcome
{
    SearchQuery query;
    QString vectorName; ///< the vector searched ("" for the unnamed one)
    QString distance; ///< Cosine, Dot, Euclid, Manhattan
    QList<ScoredPoint> hits;
    qint64 elapsedMs = 0;
};

Q_DECLARE_METATYPE(SearchOutcome)
