#pragma once

// Small Qdrant answers (collections, aliases, snapshots, counts, write acknowledgements),
// read with QJsonDocument: a few hundred bytes, where a second parser would buy nothing.
// Answers that carry points are pointsresponse's.

#include "qdranttypes.h"
#include "result.h"

#include <QByteArray>

namespace qdrantresponse {

/// The `result` of a Qdrant envelope {"result":…,"status":"ok","time":…}.
Result<QJsonValue> result(const QByteArray &body);
/// `GET /`: {"title":…,"version":…} (not an envelope).
Result<ServerVersion> serverVersion(const QByteArray &body);
/// A result that is true or false (collection create/delete/update, aliases, snapshots).
Result<bool> boolean(const QByteArray &body);
/// `GET /collections`: the names.
Result<QStringList> collectionNames(const QByteArray &body);
Result<CollectionInfo> collectionInfo(const QByteArray &body);
/// `GET /collections/{name}/exists`: {"exists":…}.
Result<bool> exists(const QByteArray &body);
Result<QList<AliasInfo>> aliases(const QByteArray &body);
Result<UpdateResult> updateResult(const QByteArray &body);
/// `POST /points/batch`: one UpdateResult per operation.
Result<QList<UpdateResult>> updateResults(const QByteArray &body);
Result<SnapshotInfo> snapshot(const QByteArray &body);
Result<QList<SnapshotInfo>> snapshots(const QByteArray &body);
Result<qint64> count(const QByteArray &body);
Result<QList<FacetHit>> facet(const QByteArray &body);

} // namespace qdrantresponse
