// QdrantClient: points, scroll, count, facet and the queries (with the legacy fallback).
#include "qdrantclient.h"

#include "pointsbodywriter.h"
#include "pointsresponse.h"
#include "pointsupload.h"
#include "qdrantresponse.h"

namespace {

using Shape = pointsresponse::Shape;

/// Writes addressed by ids may go twice (the second changes nothing); by filter they may not,
/// because the set the filter selects can change in between.
bool idsOnly(const PointSelection &selection)
{
    return selection.isByIds();
}

} // namespace

QdrantCallHandle QdrantClient::upsertPoints(const QString &collection,
    const QList<PointStruct> &points, QObject *context,
    std::function<void(qint64, qint64)> progress, QdrantDone<UpsertSummary> done)
{
    QdrantCall *call = newCall(context);
    call->bind<UpsertSummary>(done);
    const QString path = collectionPath(collection, QStringLiteral("/points?wait=true"));
    if (makeRequest("PUT", path, {}, Retry::Safe, {}).url.isEmpty()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("an upsert needs a server and a collection");
        call->fail(error);
        return QdrantCallHandle(call);
    }
    // Upserts name their ids, so sending one twice leaves the same state: safe to retry.
    auto requestFor = [this, path](QByteArray body) {
        return makeRequest("PUT", path, std::move(body), Retry::Safe, QStringLiteral("upsert"));
    };
    startPointsUpload(
        call, requestFor, points, m_upsertInFlight, std::move(progress), std::move(done));
    return QdrantCallHandle(call);
}

QdrantCallHandle QdrantClient::retrievePoints(const QString &collection, const QList<PointId> &ids,
    const PayloadSelector &withPayload, const VectorSelector &withVector, QObject *context,
    QdrantDone<QList<PointRecord>> done)
{
    return run<QList<PointRecord>>(
        makeRequest("POST", collectionPath(collection, QStringLiteral("/points")),
            pointsbody::retrieve(ids, withPayload, withVector), Retry::Safe,
            QStringLiteral("retrieve")),
        &pointsresponse::records, withVector.wantsAny() ? DecodeOn::Worker : DecodeOn::ThisThread,
        context, std::move(done));
}

QdrantCallHandle QdrantClient::deletePoints(const QString &collection,
    const PointSelection &selection, QObject *context, QdrantDone<UpdateResult> done)
{
    return run<UpdateResult>(
        makeRequest("POST", collectionPath(collection, QStringLiteral("/points/delete?wait=true")),
            pointsbody::selection(selection), idsOnly(selection) ? Retry::Safe : Retry::Never,
            QStringLiteral("delete points")),
        &qdrantresponse::updateResult, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::setPayload(const QString &collection,
    const PointSelection &selection, const QJsonObject &payload, const QString &key,
    QObject *context, QdrantDone<UpdateResult> done)
{
    return run<UpdateResult>(
        makeRequest("POST", collectionPath(collection, QStringLiteral("/points/payload?wait=true")),
            pointsbody::setPayload(selection, payload, key),
            idsOnly(selection) ? Retry::Safe : Retry::Never, QStringLiteral("set payload")),
        &qdrantresponse::updateResult, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::overwritePayload(const QString &collection,
    const PointSelection &selection, const QJsonObject &payload, QObject *context,
    QdrantDone<UpdateResult> done)
{
    return run<UpdateResult>(
        makeRequest("PUT", collectionPath(collection, QStringLiteral("/points/payload?wait=true")),
            pointsbody::setPayload(selection, payload),
            idsOnly(selection) ? Retry::Safe : Retry::Never, QStringLiteral("overwrite payload")),
        &qdrantresponse::updateResult, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::deletePayload(const QString &collection,
    const PointSelection &selection, const QStringList &keys, QObject *context,
    QdrantDone<UpdateResult> done)
{
    return run<UpdateResult>(
        makeRequest("POST",
            collectionPath(collection, QStringLiteral("/points/payload/delete?wait=true")),
            pointsbody::deletePayload(selection, keys),
            idsOnly(selection) ? Retry::Safe : Retry::Never, QStringLiteral("delete payload")),
        &qdrantresponse::updateResult, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::clearPayload(const QString &collection,
    const PointSelection &selection, QObject *context, QdrantDone<UpdateResult> done)
{
    return run<UpdateResult>(
        makeRequest("POST",
            collectionPath(collection, QStringLiteral("/points/payload/clear?wait=true")),
            pointsbody::selection(selection), idsOnly(selection) ? Retry::Safe : Retry::Never,
            QStringLiteral("clear payload")),
        &qdrantresponse::updateResult, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::updateVectors(const QString &collection,
    const QList<PointStruct> &points, QObject *context, QdrantDone<UpdateResult> done)
{
    return run<UpdateResult>(
        makeRequest("PUT", collectionPath(collection, QStringLiteral("/points/vectors?wait=true")),
            pointsbody::updateVectors(points), Retry::Safe, QStringLiteral("update vectors")),
        &qdrantresponse::updateResult, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::deleteVectors(const QString &collection,
    const PointSelection &selection, const QStringList &vectorNames, QObject *context,
    QdrantDone<UpdateResult> done)
{
    return run<UpdateResult>(
        makeRequest("POST",
            collectionPath(collection, QStringLiteral("/points/vectors/delete?wait=true")),
            pointsbody::deleteVectors(selection, vectorNames),
            idsOnly(selection) ? Retry::Safe : Retry::Never, QStringLiteral("delete vectors")),
        &qdrantresponse::updateResult, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::batchUpdate(const QString &collection,
    const QList<UpdateOperation> &operations, QObject *context,
    QdrantDone<QList<UpdateResult>> done)
{
    // A mix of operations is only as safe as its least safe one; not worth working out.
    return run<QList<UpdateResult>>(
        makeRequest("POST", collectionPath(collection, QStringLiteral("/points/batch?wait=true")),
            pointsbody::batchUpdate(operations), Retry::Never, QStringLiteral("batch update")),
        &qdrantresponse::updateResults, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::scroll(const QString &collection, const ScrollRequest &request,
    QObject *context, QdrantDone<ScrollPage> done)
{
    return run<ScrollPage>(
        makeRequest("POST", collectionPath(collection, QStringLiteral("/points/scroll")),
            pointsbody::scroll(request), Retry::Safe, QStringLiteral("scroll")),
        // Always on the thread pool: even the points table's 100 records of a dozen payload
        // fields take 1-1.5 ms to parse, a fifth of the GUI thread's 8 ms between frames
        // while scrolling (browse_bench), and a statistics page of 2,000 records takes more.
        &pointsresponse::scrollPage, DecodeOn::Worker, context, std::move(done));
}

QdrantCallHandle QdrantClient::count(const QString &collection, const CountRequest &request,
    QObject *context, QdrantDone<qint64> done)
{
    return run<qint64>(
        makeRequest("POST", collectionPath(collection, QStringLiteral("/points/count")),
            pointsbody::count(request), Retry::Safe, QStringLiteral("count")),
        &qdrantresponse::count, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::facet(const QString &collection, const FacetRequest &request,
    QObject *context, QdrantDone<QList<FacetHit>> done)
{
    return run<QList<FacetHit>>(
        makeRequest("POST", collectionPath(collection, QStringLiteral("/facet")),
            pointsbody::facet(request), Retry::Safe, QStringLiteral("facet")),
        &qdrantresponse::facet, DecodeOn::ThisThread, context, std::move(done));
}

// --- Queries -----------------------------------------------------------------------------

QdrantCallHandle QdrantClient::query(const QString &collection, const QueryRequest &request,
    QObject *context, QdrantDone<QList<ScoredPoint>> done)
{
    QdrantCall *call = newCall(context);
    call->bind<QList<ScoredPoint>>(done);
    whenVersionKnown(call,
        [this, call, collection, request, done = std::move(done)](const ServerVersion &version) {
            sendQuery(call, collection, request, version, done);
        });
    return QdrantCallHandle(call);
}

QdrantCallHandle QdrantClient::queryBatch(const QString &collection,
    const QList<QueryRequest> &requests, QObject *context,
    QdrantDone<QList<QList<ScoredPoint>>> done)
{
    QdrantCall *call = newCall(context);
    call->bind<QList<QList<ScoredPoint>>>(done);
    whenVersionKnown(call,
        [this, call, collection, requests, done = std::move(done)](const ServerVersion &version) {
            sendQueryBatch(call, collection, requests, version, done);
        });
    return QdrantCallHandle(call);
}

namespace {

/// Sends a legacy query to points/search (a vector) or points/recommend (examples, a point).
bool isLegacySearch(const QueryRequest &request)
{
    return request.kind == QueryRequest::Kind::Nearest && !request.nearest.vector.isEmpty();
}

bool wantsVectors(const QList<QueryRequest> &requests)
{
    return std::any_of(requests.cbegin(), requests.cend(),
        [](const QueryRequest &r) { return r.withVector.wantsAny(); });
}

} // namespace

void QdrantClient::sendQuery(QdrantCall *call, const QString &collection,
    const QueryRequest &request, const ServerVersion &version, QdrantDone<QList<ScoredPoint>> done)
{
    const bool modern = version.hasQueryApi();
    const bool search = isLegacySearch(request);
    const QString rest = modern ? QStringLiteral("/points/query")
        : search                ? QStringLiteral("/points/search")
                                : QStringLiteral("/points/recommend");
    QByteArray body = modern ? pointsbody::query(request)
        : search             ? pointsbody::search(request)
                             : pointsbody::recommend(request);
    HttpRequest http = makeRequest("POST", collectionPath(collection, rest), std::move(body),
        Retry::Safe, QStringLiteral("query"));
    if (http.url.isEmpty()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("no collection name was given");
        call->fail(error);
        return;
    }
    const Shape shape = modern ? Shape::QueryResponse : Shape::List;
    sendDecoded<QList<ScoredPoint>>(
        call, std::move(http),
        [shape](const QByteArray &body) { return pointsresponse::scoredPoints(body, shape); },
        request.withVector.wantsAny() ? DecodeOn::Worker : DecodeOn::ThisThread,
        [call, done = std::move(done)](Result<QList<ScoredPoint>> &&result) {
            if (!result.ok())
                return call->fail(result.error());
            call->finish([done, hits = std::move(result)] { done(hits); });
        });
}

void QdrantClient::sendQueryBatch(QdrantCall *call, const QString &collection,
    const QList<QueryRequest> &requests, const ServerVersion &version,
    QdrantDone<QList<QList<ScoredPoint>>> done)
{
    using Batches = QList<QList<ScoredPoint>>;
    const DecodeOn where = wantsVectors(requests) ? DecodeOn::Worker : DecodeOn::ThisThread;
    if (collection.isEmpty()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("no collection name was given");
        call->fail(error);
        return;
    }
    if (version.hasQueryApi()) {
        sendDecoded<Batches>(
            call,
            makeRequest("POST", collectionPath(collection, QStringLiteral("/points/query/batch")),
                pointsbody::queryBatch(requests), Retry::Safe, QStringLiteral("query batch")),
            [](const QByteArray &body) {
                return pointsresponse::scoredBatches(body, Shape::QueryResponse);
            },
            where,
            [call, done = std::move(done)](Result<Batches> &&result) {
                if (!result.ok())
                    return call->fail(result.error());
                call->finish([done, hits = std::move(result)] { done(hits); });
            });
        return;
    }
    // Older servers batch searches and recommendations separately: one request for each kind
    // present, one after the other, then the answers back in the caller's order.
    QList<qsizetype> searchIndex;
    QList<qsizetype> recommendIndex;
    QList<QByteArray> searchBodies;
    QList<QByteArray> recommendBodies;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (isLegacySearch(requests.at(i))) {
            searchIndex.append(i);
            searchBodies.append(pointsbody::search(requests.at(i)));
        } else {
            recommendIndex.append(i);
            recommendBodies.append(pointsbody::recommend(requests.at(i)));
        }
    }
    auto merged = std::make_shared<Batches>(requests.size());
    const auto decodeList
        = [](const QByteArray &body) { return pointsresponse::scoredBatches(body, Shape::List); };
    const auto place = [merged](const QList<qsizetype> &index, Batches &&answers) {
        for (qsizetype k = 0; k < index.size() && k < answers.size(); ++k)
            (*merged)[index.at(k)] = std::move(answers[k]);
    };
    HttpRequest recommendRequest
        = makeRequest("POST", collectionPath(collection, QStringLiteral("/points/recommend/batch")),
            pointsbody::legacyBatch(recommendBodies), Retry::Safe, QStringLiteral("query batch"));
    auto recommendStep
        = [this, call, done = std::move(done), merged, place, decodeList, where, recommendIndex,
              recommendRequest]() {
              if (recommendIndex.isEmpty()) {
                  call->finish([done, merged] { done(*merged); });
                  return;
              }
              sendDecoded<Batches>(call, recommendRequest, decodeList, where,
                  [call, done, merged, place, recommendIndex](Result<Batches> &&r) {
                      if (!r.ok())
                          return call->fail(r.error());
                      place(recommendIndex, std::move(r).value());
                      call->finish([done, merged] { done(*merged); });
                  });
          };
    if (searchIndex.isEmpty()) {
        recommendStep();
        return;
    }
    sendDecoded<Batches>(call,
        makeRequest("POST", collectionPath(collection, QStringLiteral("/points/search/batch")),
            pointsbody::legacyBatch(searchBodies), Retry::Safe, QStringLiteral("query batch")),
        decodeList, where, [call, place, searchIndex, recommendStep](Result<Batches> &&r) {
            if (!r.ok())
                return call->fail(r.error());
            place(searchIndex, std::move(r).value());
            recommendStep();
        });
}
