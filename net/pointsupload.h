#pragma once

#include "qdrantcall.h"
#include "qdranttypes.h"

/// Runs QdrantClient::upsertPoints() as part of `call`: the points are written into bodies of
/// at most pointsbody::kMaxUpsertBytes on the thread pool (two writers, ahead of the requests)
/// and sent in order with at most maxInFlight requests at once (1 when an id repeats, so that
/// the last version of a point wins as it would in one request). Reports
/// progress(pointsDone, total) at most 10 times a second, then done.
void startPointsUpload(QdrantCall *call, std::function<HttpRequest(QByteArray body)> makeRequest,
    const QList<PointStruct> &points, int maxInFlight, std::function<void(qint64, qint64)> progress,
    QdrantDone<UpsertSummary> done);
