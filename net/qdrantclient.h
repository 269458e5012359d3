#pragma once

#include "qdrantcall.h"
#include "qdrantcallhandle.h"
#include "qdranttypes.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

/// Typed, asynchronous Qdrant REST client over HttpTransport. Every method starts one call and
/// returns its handle; `done` runs exactly once from the event loop with a value or a NetError
/// (network, timeout, TLS, HTTP status with Qdrant's `status.error`, decode, cancelled), and
/// never once `context` is destroyed. The server's version (`GET /`, asked once and cached)
/// decides between `points/query` (≥ 1.10) and the legacy `points/search` and
/// `points/recommend`; callers never see the difference. The API key travels only in the
/// `api-key` header: never in a URL, a message or the request log. Reads, upserts (explicit
/// ids) and id-addressed writes may be retried by the transport; other writes never are.
/// Destroying the client drops its calls in flight without calling their callbacks.
class QdrantClient final : public QObject
{
    Q_OBJECT

public:
    /// A client with a transport of its own.
    explicit QdrantClient(QObject *parent = nullptr);
    /// A client sharing `transport` (its request log, retry and TLS settings); not owned.
    explicit QdrantClient(HttpTransport *transport, QObject *parent = nullptr);
    ~QdrantClient() override;

    /// The server's base URL (a path prefix is kept) and API key; forgets the cached version.
    void setEndpoint(const QUrl &url, const QString &apiKey = {});
    QUrl endpoint() const { return m_baseUrl; }
    HttpTransport *transport() const { return m_transport; }
    /// Transfer timeout of each request (snapshot operations get ten times as long).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    /// Upsert batches in flight at once (default 2); 1 keeps them strictly in order.
    void setUpsertRequestsInFlight(int count) { m_upsertInFlight = qMax(1, count); }
    /// The version learnt from `GET /`, if it is known yet.
    std::optional<ServerVersion> knownServerVersion() const { return m_version; }

    /// `GET /`, once per endpoint; later calls answer from the cache.
    QdrantCallHandle serverVersion(QObject *context, QdrantDone<ServerVersion> done);

    /// A call that fails at once with `error` (reported from the event loop like any other):
    /// for layers above that refuse a request before it is sent (tenant scope, read-only).
    template <typename T>
    QdrantCallHandle refuse(const NetError &error, QObject *context, QdrantDone<T> done)
    {
        QdrantCall *call = newCall(context);
        call->bind<T>(std::move(done));
        call->fail(error);
        return QdrantCallHandle(call);
    }

    // Collections and aliases.
    /// The names of the server's collections.
    QdrantCallHandle listCollections(QObject *context, QdrantDone<QStringList> done);
    /// Status, counts, vector layout and payload schema of a collection.
    QdrantCallHandle collectionInfo(
        const QString &collection, QObject *context, QdrantDone<CollectionInfo> done);
    /// `config` is Qdrant's create body ({"vectors":{"size":…,"distance":…}, …}).
    QdrantCallHandle createCollection(const QString &collection, const QJsonObject &config,
        QObject *context, QdrantDone<bool> done);
    /// `diff` is Qdrant's update body (optimizers_config, params, hnsw_config, …).
    QdrantCallHandle updateCollection(const QString &collection, const QJsonObject &diff,
        QObject *context, QdrantDone<bool> done);
    /// Deletes a collection; false when there was none.
    QdrantCallHandle deleteCollection(
        const QString &collection, QObject *context, QdrantDone<bool> done);
    /// Whether a collection (not an alias) of that name exists.
    QdrantCallHandle collectionExists(
        const QString &collection, QObject *context, QdrantDone<bool> done);
    /// Every alias of the server.
    QdrantCallHandle listAliases(QObject *context, QdrantDone<QList<AliasInfo>> done);
    /// The aliases that point to one collection.
    QdrantCallHandle listCollectionAliases(
        const QString &collection, QObject *context, QdrantDone<QList<AliasInfo>> done);
    /// Applies the operations atomically.
    QdrantCallHandle updateAliases(
        const QList<AliasOperation> &operations, QObject *context, QdrantDone<bool> done);

    // Payload indexes.
    /// `schema` is a type name ("keyword") or an object ({"type":"keyword","is_tenant":true}).
    QdrantCallHandle createPayloadIndex(const QString &collection, const QString &field,
        const QJsonValue &schema, QObject *context, QdrantDone<UpdateResult> done);
    /// Drops the payload index of a field.
    QdrantCallHandle deletePayloadIndex(const QString &collection, const QString &field,
        QObject *context, QdrantDone<UpdateResult> done);

    // Snapshots.
    /// Makes a snapshot of a collection on the server.
    QdrantCallHandle createSnapshot(
        const QString &collection, QObject *context, QdrantDone<SnapshotInfo> done);
    /// The snapshots the server keeps of a collection.
    QdrantCallHandle listSnapshots(
        const QString &collection, QObject *context, QdrantDone<QList<SnapshotInfo>> done);
    /// Deletes one snapshot from the server.
    QdrantCallHandle deleteSnapshot(const QString &collection, const QString &snapshot,
        QObject *context, QdrantDone<bool> done);
    /// Recovers the collection from a snapshot URL the server can reach (file://, http://).
    QdrantCallHandle recoverSnapshot(const QString &collection, const QUrl &location,
        const QString &checksum, QObject *context, QdrantDone<bool> done);
    /// Streams a snapshot into filePath (replaced only when the download completes; nothing
    /// is left behind on failure or cancel); progress(received, total) at most 10 times a
    /// second, total -1 when unknown; `done` gets the bytes written.
    QdrantCallHandle downloadSnapshot(const QString &collection, const QString &snapshot,
        const QString &filePath, QObject *context, std::function<void(qint64, qint64)> progress,
        QdrantDone<qint64> done);

    // Points.
    /// Upserts with wait=true in batches of at most 4 MB of JSON, written off the GUI thread,
    /// several in flight; progress(pointsDone, total) at most 10 times a second.
    QdrantCallHandle upsertPoints(const QString &collection, const QList<PointStruct> &points,
        QObject *context, std::function<void(qint64, qint64)> progress,
        QdrantDone<UpsertSummary> done);
    /// The points with these ids that exist (missing ids are left out).
    QdrantCallHandle retrievePoints(const QString &collection, const QList<PointId> &ids,
        const PayloadSelector &withPayload, const VectorSelector &withVector, QObject *context,
        QdrantDone<QList<PointRecord>> done);
    /// Deletes points; by ids it may be retried, by filter it never is.
    QdrantCallHandle deletePoints(const QString &collection, const PointSelection &selection,
        QObject *context, QdrantDone<UpdateResult> done);
    /// Merges payload into the points' payloads (under `key` when not empty).
    QdrantCallHandle setPayload(const QString &collection, const PointSelection &selection,
        const QJsonObject &payload, const QString &key, QObject *context,
        QdrantDone<UpdateResult> done);
    /// Replaces the points' payloads.
    QdrantCallHandle overwritePayload(const QString &collection, const PointSelection &selection,
        const QJsonObject &payload, QObject *context, QdrantDone<UpdateResult> done);
    /// Removes payload keys from the points.
    QdrantCallHandle deletePayload(const QString &collection, const PointSelection &selection,
        const QStringList &keys, QObject *context, QdrantDone<UpdateResult> done);
    /// Removes the points' whole payloads.
    QdrantCallHandle clearPayload(const QString &collection, const PointSelection &selection,
        QObject *context, QdrantDone<UpdateResult> done);
    /// Replaces the named vectors of existing points (PointStruct payloads are ignored).
    QdrantCallHandle updateVectors(const QString &collection, const QList<PointStruct> &points,
        QObject *context, QdrantDone<UpdateResult> done);
    /// Removes named vectors from the points.
    QdrantCallHandle deleteVectors(const QString &collection, const PointSelection &selection,
        const QStringList &vectorNames, QObject *context, QdrantDone<UpdateResult> done);
    /// Applies the operations in order in one request; one result per operation.
    QdrantCallHandle batchUpdate(const QString &collection,
        const QList<UpdateOperation> &operations, QObject *context,
        QdrantDone<QList<UpdateResult>> done);
    /// One page of points in id order (or order_by); pass nextOffset back for the next.
    QdrantCallHandle scroll(const QString &collection, const ScrollRequest &request,
        QObject *context, QdrantDone<ScrollPage> done);
    /// How many points match the filter.
    QdrantCallHandle count(const QString &collection, const CountRequest &request, QObject *context,
        QdrantDone<qint64> done);
    /// The most frequent values of an indexed payload key, with their counts.
    QdrantCallHandle facet(const QString &collection, const FacetRequest &request, QObject *context,
        QdrantDone<QList<FacetHit>> done);
    /// Nearest to a vector or a point, or a recommendation; waits for the server version.
    QdrantCallHandle query(const QString &collection, const QueryRequest &request, QObject *context,
        QdrantDone<QList<ScoredPoint>> done);
    /// Several queries in one request; the hits of each, in order.
    QdrantCallHandle queryBatch(const QString &collection, const QList<QueryRequest> &requests,
        QObject *context, QdrantDone<QList<QList<ScoredPoint>>> done);

private:
    /// Whether a request may be sent again after it may have reached the server.
    enum class Retry { Safe, Never };
    enum class DecodeOn { ThisThread, Worker };

    QdrantCall *newCall(QObject *context);
    /// A request to base URL + path (already percent-encoded); an empty path leaves the URL
    /// empty, which run() reports as Invalid.
    HttpRequest makeRequest(const QByteArray &method, const QString &path, QByteArray body,
        Retry retry, const QString &operation) const;
    /// `/collections/{name}` + rest, percent-encoded; empty for an empty name.
    static QString collectionPath(const QString &collection, const QString &rest = {});
    /// Sends request, decodes a 2xx answer with decode, reports to done.
    template <typename T>
    QdrantCallHandle run(HttpRequest request, Result<T> (*decode)(const QByteArray &),
        DecodeOn where, QObject *context, QdrantDone<T> done);
    template <typename T>
    void sendDecoded(QdrantCall *call, HttpRequest request,
        std::function<Result<T>(const QByteArray &)> decode, DecodeOn where,
        std::function<void(Result<T> &&)> then);
    /// Runs next with the server version, asking for it first if needed (callbacks, no loop).
    void whenVersionKnown(QdrantCall *call, std::function<void(const ServerVersion &)> next);
    void onVersionProbeDone(int generation, const Result<ServerVersion> &result);
    void sendQuery(QdrantCall *call, const QString &collection, const QueryRequest &request,
        const ServerVersion &version, QdrantDone<QList<ScoredPoint>> done);
    void sendQueryBatch(QdrantCall *call, const QString &collection,
        const QList<QueryRequest> &requests, const ServerVersion &version,
        QdrantDone<QList<QList<ScoredPoint>>> done);
    QNetworkAccessManager *downloadNetwork();

    struct VersionWaiter
    {
        QPointer<QdrantCall> call;
        std::function<void(const ServerVersion &)> next;
    };

    QPointer<HttpTransport> m_transport;
    QUrl m_baseUrl;
    QString m_basePath; ///< the base URL's path without a trailing slash
    QString m_apiKey;
    int m_timeoutMs = 30000;
    int m_upsertInFlight = 2;
    std::optional<ServerVersion> m_version;
    int m_generation = 0; ///< bumped by setEndpoint(): a probe of the old server is stale
    QList<VersionWaiter> m_versionWaiters;
    QdrantCallHandle m_versionProbe;
    QNetworkAccessManager *m_downloads = nullptr;
    /// Decodes the answers of DecodeOn::Worker; destroyed first, waiting for its work (which
    /// holds nothing of the client's).
    BackgroundPool m_decoders {QThread::idealThreadCount()};
};

template <typename T>
// NOLINTNEXTLINE(performance-unnecessary-value-param): moved into send(); missed in a template
void QdrantClient::sendDecoded(QdrantCall *call, HttpRequest request,
    std::function<Result<T>(const QByteArray &)> decode, DecodeOn where,
    std::function<void(Result<T> &&)> then)
{
    // A decode error names the request, as the transport's own errors do.
    const QString prefix = QString::fromLatin1(request.method) + QLatin1Char(' ')
        + request.url.path() + QStringLiteral(": ");
    auto decodeNamed = [decode, prefix](const QByteArray &body) {
        Result<T> result = decode(body);
        if (result.ok())
            return result;
        NetError error = result.error();
        error.message.prepend(prefix);
        return Result<T>(error);
    };
    call->send(std::move(request),
        [call, decoders = &m_decoders, decodeNamed, where, then](HttpResponse &&response) {
            if (where == DecodeOn::ThisThread) {
                then(decodeNamed(response.body));
                return;
            }
            // Vectors run to megabytes, and pages come while the user scrolls: parsed on the
            // lowered pool, never on the GUI thread nor beside it at its priority.
            call->runOffThread<Result<T>>(
                decoders,
                [decodeNamed, body = std::move(response.body)] { return decodeNamed(body); }, then);
        });
}

template <typename T>
QdrantCallHandle QdrantClient::run(HttpRequest request, Result<T> (*decode)(const QByteArray &),
    DecodeOn where, QObject *context, QdrantDone<T> done)
{
    QdrantCall *call = newCall(context);
    call->bind<T>(done);
    if (request.url.isEmpty()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = m_baseUrl.isEmpty() ? tr("no server address is set")
                                            : tr("no collection name was given");
        call->fail(error);
        return QdrantCallHandle(call);
    }
    sendDecoded<T>(call, std::move(request), decode, where, [call, done](Result<T> &&result) {
        if (!result.ok()) {
            call->fail(result.error());
            return;
        }
        call->finish([done, value = std::move(result)] { done(value); });
    });
    return QdrantCallHandle(call);
}
