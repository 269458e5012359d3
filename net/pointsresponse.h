#pragma once

// Answers that carry points (retrieve, scroll, query, search, recommend), parsed with simdjson:
// with vectors they run to megabytes of floats, which QJsonDocument reads at a fraction of the
// speed and then holds as doubles. Pure functions, safe to call on any thread.

#include "qdranttypes.h"
#include "result.h"

#include <QByteArray>

namespace pointsresponse {

/// Where the hits sit in the envelope's `result`.
enum class Shape {
    QueryResponse, ///< points/query: {"points":[…]}; batches: [{"points":[…]},…]
    List, ///< legacy search/recommend: […]; batches: [[…],…]
};

/// `POST /points` (retrieve): result is a list of records.
Result<QList<PointRecord>> records(const QByteArray &body);
/// `POST /points/scroll`: {"points":[…],"next_page_offset":…}.
Result<ScrollPage> scrollPage(const QByteArray &body);
Result<QList<ScoredPoint>> scoredPoints(const QByteArray &body, Shape shape);
Result<QList<QList<ScoredPoint>>> scoredBatches(const QByteArray &body, Shape shape);

} // namespace pointsresponse
