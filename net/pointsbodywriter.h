#pragma once

// Request bodies of QdrantClient, written by hand (see jsontext.h for why): points with their
// vectors, queries, and the small selection bodies around them.

#include "qdranttypes.h"

#include <QByteArray>

namespace pointsbody {

/// Largest upsert body upsertBatch() produces unless a single point is larger by itself.
constexpr qsizetype kMaxUpsertBytes = 4'000'000;

/// Appends one point: {"id":…,"vector":…,"payload":{…}}.
void appendPoint(QByteArray &out, const PointStruct &point);
/// Appends a point's vectors: one array for the unnamed vector alone, else an object by name.
void appendVectors(QByteArray &out, const NamedVectors &vectors);
/// Appends point.vectors and point.vectorTexts (the text copied as is) the same way.
void appendVectors(QByteArray &out, const PointStruct &point);

/// `{"points":[…]}` of points[from, to) up to maxBytes (at least one point); returns the
/// index after the last point written.
qsizetype upsertBatch(QByteArray &out, const QList<PointStruct> &points, qsizetype from,
    qsizetype to, qsizetype maxBytes = kMaxUpsertBytes);

/// `{"ids":[…],"with_payload":…,"with_vector":…}` for `POST /points`.
QByteArray retrieve(
    const QList<PointId> &ids, const PayloadSelector &payload, const VectorSelector &vectors);
QByteArray scroll(const ScrollRequest &request);
QByteArray count(const CountRequest &request);
QByteArray facet(const FacetRequest &request);

/// `points/query` (Qdrant ≥ 1.10).
QByteArray query(const QueryRequest &request);
QByteArray queryBatch(const QList<QueryRequest> &requests);
/// Legacy `points/search` for a Nearest query with a vector.
QByteArray search(const QueryRequest &request);
/// Legacy `points/recommend` for a Recommend query or a Nearest query by point id.
QByteArray recommend(const QueryRequest &request);
/// Legacy batches: `{"searches":[…]}` of search() or recommend() bodies.
QByteArray legacyBatch(const QList<QByteArray> &bodies);

/// `{"points":[ids]}` or `{"filter":{…}}`, with extra members written by `extra`.
QByteArray selection(const PointSelection &selection);
QByteArray setPayload(
    const PointSelection &selection, const QJsonObject &payload, const QString &key = {});
QByteArray deletePayload(const PointSelection &selection, const QStringList &keys);
/// `{"points":[{"id":…,"vector":…},…]}` for `PUT /points/vectors`.
QByteArray updateVectors(const QList<PointStruct> &points);
QByteArray deleteVectors(const PointSelection &selection, const QStringList &vectorNames);
/// `{"operations":[…]}` for `POST /points/batch`.
QByteArray batchUpdate(const QList<UpdateOperation> &operations);

/// Pass-through object bodies (collection configs, alias actions, index specs).
QByteArray object(const QJsonObject &object);
QByteArray aliasActions(const QList<AliasOperation> &operations);
QByteArray createIndex(const QString &field, const QJsonValue &schema);

} // namespace pointsbody
