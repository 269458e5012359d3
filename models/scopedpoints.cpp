#include "scopedpoints.h"

#include <QJsonArray>
#include <QSet>
#include <QTimer>

namespace {

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

QList<PointId> distinctIds(const QList<PointId> &ids)
{
    QList<PointId> out;
    QSet<PointId> seen;
    for (const PointId &id : ids) {
        if (!seen.contains(id)) {
            seen.insert(id);
            out.append(id);
        }
    }
    return out;
}

QJsonArray idArray(const QList<PointId> &ids)
{
    QJsonArray array;
    for (const PointId &id : ids)
        array.append(id.toJson());
    return array;
}

// The example ids of a query: inputs given as points rather than vectors.
QList<PointId> exampleIds(const QueryRequest &request)
{
    QList<PointId> ids;
    if (request.kind == QueryRequest::Kind::Nearest) {
        if (request.nearest.vector.isEmpty())
            ids.append(request.nearest.id);
        return ids;
    }
    for (const VectorInput &input : request.positive + request.negative) {
        if (input.vector.isEmpty())
            ids.append(input.id);
    }
    return distinctIds(ids);
}

} // namespace

ScopedPoints::ScopedPoints(QdrantClient *client, TenantScope scope, bool readOnly)
    : m_client(client)
    , m_scope(std::move(scope))
    , m_readOnly(readOnly)
{ }

template <typename T>
QdrantCallHandle ScopedPoints::refuse(const NetError &error, QObject *context,
                                      QdrantDone<T> done) const
{
    if (m_client)
        return m_client->refuse<T>(error, context, std::move(done));
    // Without a client there is no call to cancel; still report from the event loop.
    QTimer::singleShot(0, context ? context : qApp, [done, error] { done(Result<T>(error)); });
    return {};
}

std::optional<NetError> ScopedPoints::writeRefusal(const QString &what) const
{
    if (!m_client)
        return invalid(tr("Not connected: %1 was not sent.").arg(what));
    if (m_readOnly)
        return invalid(tr("This profile is read-only: %1 was not sent.").arg(what));
    return std::nullopt;
}

template <typename Request, typename T, typename Send>
QdrantCallHandle ScopedPoints::scopedRead(const QString &collection, Request request,
                                          QObject *context, QdrantDone<T> done,
                                          Send send) const
{
    const Result<QJsonObject> filter = m_scope.scopeFilter(collection, request.filter);
    if (!filter)
        return refuse(filter.error(), context, std::move(done));
    if (!m_client)
        return refuse(invalid(tr("Not connected.")), context, std::move(done));
    request.filter = filter.value();
    return send(std::move(request), std::move(done));
}

QdrantCallHandle ScopedPoints::scroll(const QString &collection, ScrollRequest request,
                                      QObject *context, QdrantDone<ScrollPage> done) const
{
    return scopedRead(collection, std::move(request), context, std::move(done),
                      [&](const ScrollRequest &scoped, QdrantDone<ScrollPage> then) {
                          return m_client->scroll(collection, scoped, context, std::move(then));
                      });
}

QdrantCallHandle ScopedPoints::count(const QString &collection, CountRequest request,
                                     QObject *context, QdrantDone<qint64> done) const
{
    return scopedRead(collection, std::move(request), context, std::move(done),
                      [&](const CountRequest &scoped, QdrantDone<qint64> then) {
                          return m_client->count(collection, scoped, context, std::move(then));
                      });
}

QdrantCallHandle ScopedPoints::facet(const QString &collection, FacetRequest request,
                                     QObject *context, QdrantDone<QList<FacetHit>> done) const
{
    return scopedRead(collection, std::move(request), context, std::move(done),
                      [&](const FacetRequest &scoped, QdrantDone<QList<FacetHit>> then) {
                          return m_client->facet(collection, scoped, context, std::move(then));
                      });
}

QdrantCallHandle ScopedPoints::query(const QString &collection, QueryRequest request,
                                     QObject *context,
                                     QdrantDone<QList<ScoredPoint>> done) const
{
    return scopedRead(collection, std::move(request), context, std::move(done),
                      [&](QueryRequest scoped, QdrantDone<QList<ScoredPoint>> then) {
                          if (!exampleIds(scoped).isEmpty())
                              return resolveExamples(collection, std::move(scoped), context,
                                                     std::move(then));
                          return m_client->query(collection, scoped, context, std::move(then));
                      });
}

QdrantCallHandle ScopedPoints::resolveExamples(const QString &collection, QueryRequest request,
                                               QObject *context,
                                               QdrantDone<QList<ScoredPoint>> done) const
{
    const QList<PointId> ids = exampleIds(request);
    const VectorSelector vectors = request.vectorName.isEmpty()
        ? VectorSelector::everything()
        : VectorSelector::named({request.vectorName});
    QdrantCallHandle chain(static_cast<QdrantCall *>(nullptr));
    QPointer<QdrantClient> client = m_client;
    const QString vectorName = request.vectorName;
    auto onExamples = [=, request = std::move(request), done = std::move(done)](
                          const Result<QList<PointRecord>> &records) mutable {
        if (!records.ok()) {
            done(records.error());
            return;
        }
        QHash<PointId, QList<float>> found;
        for (const PointRecord &record : records.value())
            found.insert(record.id, record.vectors.value(vectorName));
        auto resolve = [&](VectorInput &input) -> bool {
            if (!input.vector.isEmpty())
                return true;
            input.vector = found.value(input.id);
            return !input.vector.isEmpty();
        };
        bool allFound = request.kind == QueryRequest::Kind::Nearest ? resolve(request.nearest)
                                                                    : true;
        for (VectorInput &input : request.positive)
            allFound = resolve(input) && allFound;
        for (VectorInput &input : request.negative)
            allFound = resolve(input) && allFound;
        if (!allFound || !client) {
            done(invalid(tr("A point given as an example is not among this tenant's points "
                            "in %1 (or has no vector \"%2\").")
                             .arg(collection, vectorName)));
            return;
        }
        // Qdrant leaves example points out of their own results; so do we.
        QJsonObject filter;
        if (!request.filter.isEmpty())
            filter.insert(QStringLiteral("must"), QJsonArray{request.filter});
        filter.insert(QStringLiteral("must_not"),
                      QJsonArray{QJsonObject{{QStringLiteral("has_id"), idArray(ids)}}});
        request.filter = filter;
        chain.continueWith(client->query(collection, request, context, done));
    };
    chain.continueWith(
        retrieve(collection, ids, PayloadSelector::none(), vectors, context,
                 std::move(onExamples)));
    return chain;
}

QdrantCallHandle ScopedPoints::retrieve(const QString &collection, const QList<PointId> &ids,
                                        const PayloadSelector &withPayload,
                                        const VectorSelector &withVector, QObject *context,
                                        QdrantDone<QList<PointRecord>> done) const
{
    const QList<PointId> distinct = distinctIds(ids);
    const Result<QJsonObject> filter = m_scope.scopeIdSelection(collection, idArray(distinct));
    if (!filter)
        return refuse(filter.error(), context, std::move(done));
    if (!m_client)
        return refuse(invalid(tr("Not connected.")), context, std::move(done));
    // A scroll over "these ids and the tenant": the server itself leaves the others out.
    ScrollRequest request;
    request.filter = filter.value();
    request.limit = qMax(1, int(distinct.size()));
    request.withPayload = withPayload;
    request.withVector = withVector;
    return m_client->scroll(collection, request, context,
                            [done](const Result<ScrollPage> &page) {
                                if (!page.ok())
                                    done(page.error());
                                else
                                    done(page.value().points);
                            });
}

QdrantCallHandle ScopedPoints::setPayload(const QString &collection, const QList<PointId> &ids,
                                          const QJsonObject &payload, QObject *context,
                                          QdrantDone<UpdateResult> done) const
{
    if (auto refusal = writeRefusal(tr("the payload change")))
        return refuse(*refusal, context, std::move(done));
    const auto checked = m_scope.checkPayloadEdit(collection, payload,
                                                  TenantScope::PayloadEdit::Set);
    if (!checked)
        return refuse(checked.error(), context, std::move(done));
    const auto selection = m_scope.scopeIdSelection(collection, idArray(ids));
    if (!selection)
        return refuse(selection.error(), context, std::move(done));
    return m_client->setPayload(collection, PointSelection::byFilter(selection.value()),
                                checked.value(), {}, context, std::move(done));
}

QdrantCallHandle ScopedPoints::overwritePayload(const QString &collection,
                                                const QList<PointId> &ids,
                                                const QJsonObject &payload, QObject *context,
                                                QdrantDone<UpdateResult> done) const
{
    if (auto refusal = writeRefusal(tr("the payload")))
        return refuse(*refusal, context, std::move(done));
    const auto checked = m_scope.checkPayloadEdit(collection, payload,
                                                  TenantScope::PayloadEdit::Overwrite);
    if (!checked)
        return refuse(checked.error(), context, std::move(done));
    const auto selection = m_scope.scopeIdSelection(collection, idArray(ids));
    if (!selection)
        return refuse(selection.error(), context, std::move(done));
    return m_client->overwritePayload(collection, PointSelection::byFilter(selection.value()),
                                      checked.value(), context, std::move(done));
}

QdrantCallHandle ScopedPoints::deletePayloadKeys(const QString &collection,
                                                 const QList<PointId> &ids,
                                                 const QStringList &keys, QObject *context,
                                                 QdrantDone<UpdateResult> done) const
{
    if (auto refusal = writeRefusal(tr("the key removal")))
        return refuse(*refusal, context, std::move(done));
    const auto checked = m_scope.checkPayloadKeyDeletion(collection, keys);
    if (!checked)
        return refuse(checked.error(), context, std::move(done));
    const auto selection = m_scope.scopeIdSelection(collection, idArray(ids));
    if (!selection)
        return refuse(selection.error(), context, std::move(done));
    return m_client->deletePayload(collection, PointSelection::byFilter(selection.value()),
                                   checked.value(), context, std::move(done));
}

QdrantCallHandle ScopedPoints::deletePoints(const QString &collection, const QList<PointId> &ids,
                                            QObject *context,
                                            QdrantDone<UpdateResult> done) const
{
    if (auto refusal = writeRefusal(tr("the deletion")))
        return refuse(*refusal, context, std::move(done));
    const auto selection = m_scope.scopeIdSelection(collection, idArray(ids));
    if (!selection)
        return refuse(selection.error(), context, std::move(done));
    return m_client->deletePoints(collection, PointSelection::byFilter(selection.value()),
                                  context, std::move(done));
}

QdrantCallHandle ScopedPoints::setPayloadWhere(const QString &collection,
                                               const QJsonObject &userFilter,
                                               const QJsonObject &payload, QObject *context,
                                               QdrantDone<UpdateResult> done) const
{
    if (auto refusal = writeRefusal(tr("the bulk payload change")))
        return refuse(*refusal, context, std::move(done));
    const auto checked = m_scope.checkPayloadEdit(collection, payload,
                                                  TenantScope::PayloadEdit::Set);
    if (!checked)
        return refuse(checked.error(), context, std::move(done));
    const auto filter = m_scope.scopeFilter(collection, userFilter);
    if (!filter)
        return refuse(filter.error(), context, std::move(done));
    return m_client->setPayload(collection, PointSelection::byFilter(filter.value()),
                                checked.value(), {}, context, std::move(done));
}

QdrantCallHandle ScopedPoints::deletePayloadKeysWhere(const QString &collection,
                                                      const QJsonObject &userFilter,
                                                      const QStringList &keys,
                                                      QObject *context,
                                                      QdrantDone<UpdateResult> done) const
{
    if (auto refusal = writeRefusal(tr("the bulk key removal")))
        return refuse(*refusal, context, std::move(done));
    const auto checked = m_scope.checkPayloadKeyDeletion(collection, keys);
    if (!checked)
        return refuse(checked.error(), context, std::move(done));
    const auto filter = m_scope.scopeFilter(collection, userFilter);
    if (!filter)
        return refuse(filter.error(), context, std::move(done));
    return m_client->deletePayload(collection, PointSelection::byFilter(filter.value()),
                                   checked.value(), context, std::move(done));
}

QdrantCallHandle ScopedPoints::deletePointsWhere(const QString &collection,
                                                 const QJsonObject &userFilter,
                                                 QObject *context,
                                                 QdrantDone<UpdateResult> done) const
{
    if (auto refusal = writeRefusal(tr("the bulk deletion")))
        return refuse(*refusal, context, std::move(done));
    const auto filter = m_scope.scopeFilter(collection, userFilter);
    if (!filter)
        return refuse(filter.error(), context, std::move(done));
    return m_client->deletePoints(collection, PointSelection::byFilter(filter.value()), context,
                                  std::move(done));
}

template <typename T>
QdrantCallHandle ScopedPoints::whenIdsInScope(const QString &collection,
                                              const QList<PointId> &ids, QObject *context,
                                              QdrantDone<T> done,
                                              std::function<QdrantCallHandle()> next) const
{
    const Result<QJsonObject> updateFilter = m_scope.scopeUpdateFilter(collection);
    if (!updateFilter)
        return refuse(updateFilter.error(), context, std::move(done));
    if (updateFilter.value().isEmpty())
        return next(); // all tenants, or the tenant's own collection: every id is theirs
    // The ids that exist but are not the tenant's: has_id, and not the tenant condition.
    const QJsonObject outside{
        {QStringLiteral("must"),
         QJsonArray{QJsonObject{{QStringLiteral("has_id"), idArray(distinctIds(ids))}}}},
        {QStringLiteral("must_not"), QJsonArray{updateFilter.value()}},
    };
    CountRequest request;
    request.filter = outside;
    QdrantCallHandle chain(static_cast<QdrantCall *>(nullptr));
    chain.continueWith(m_client->count(
        collection, request, context,
        [chain, done = std::move(done), next = std::move(next), collection](
            const Result<qint64> &count) {
            if (!count.ok()) {
                done(count.error());
            } else if (count.value() > 0) {
                done(invalid(tr("%n of these point ids already belong to points outside this "
                                "tenant in %1; nothing was written.",
                                nullptr, int(count.value()))
                                 .arg(collection)));
            } else {
                chain.continueWith(next());
            }
        }));
    return chain;
}

QdrantCallHandle ScopedPoints::upsert(const QString &collection, QList<PointStruct> points,
                                      QObject *context,
                                      std::function<void(qint64, qint64)> progress,
                                      QdrantDone<UpsertSummary> done) const
{
    if (auto refusal = writeRefusal(tr("the upsert")))
        return refuse(*refusal, context, std::move(done));
    QList<PointId> ids;
    ids.reserve(points.size());
    for (PointStruct &point : points) {
        Result<QJsonObject> stamped = m_scope.stampPayload(collection, point.payload);
        if (!stamped) {
            NetError error = stamped.error();
            error.message = tr("Point %1: %2").arg(point.id.toString(), error.message);
            return refuse(error, context, std::move(done));
        }
        point.payload = std::move(stamped).value();
        ids.append(point.id);
    }
    QPointer<QdrantClient> client = m_client;
    return whenIdsInScope<UpsertSummary>(
        collection, ids, context, done,
        [=, points = std::move(points), progress = std::move(progress)]() mutable {
            if (!client)
                return QdrantCallHandle();
            return client->upsertPoints(collection, points, context, progress, done);
        });
}

QdrantCallHandle ScopedPoints::updateVectors(const QString &collection,
                                             const QList<PointStruct> &points,
                                             QObject *context,
                                             QdrantDone<UpdateResult> done) const
{
    if (auto refusal = writeRefusal(tr("the vector update")))
        return refuse(*refusal, context, std::move(done));
    QList<PointId> ids;
    for (const PointStruct &point : points)
        ids.append(point.id);
    QPointer<QdrantClient> client = m_client;
    return whenIdsInScope<UpdateResult>(collection, ids, context, done, [=]() {
        if (!client)
            return QdrantCallHandle();
        return client->updateVectors(collection, points, context, done);
    });
}
