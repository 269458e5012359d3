#pragma once

#include "qdrantclient.h"
#include "tenantscope.h"

#include <QCoreApplication>
#include <QPointer>

/// The only way the console's panes read and write points. Every request passes the session's
/// TenantScope first (reads get the tenant condition, writes are stamped and checked, writes
/// by ids or by filter only reach the tenant's points) and every write is refused before it
/// is sent when the profile is read-only. A cheap value: ConsoleSession::points() hands out
/// one for the current scope; a pane keeps it for as long as its view belongs to that scope.
/// Refusals reach the callback like any other error (NetError::Kind::Invalid, from the event
/// loop).
class ScopedPoints final
{
    Q_DECLARE_TR_FUNCTIONS(ScopedPoints)

public:
    ScopedPoints() = default;
    ScopedPoints(QdrantClient *client, TenantScope scope, bool readOnly);

    const TenantScope &scope() const { return m_scope; }
    bool isReadOnly() const { return m_readOnly; }
    QdrantClient *client() const { return m_client; }

    // Reads: the request's filter is nested inside the tenant condition.

    /// One page of the tenant's points (ScrollRequest::filter is the user's filter).
    QdrantCallHandle scroll(const QString &collection, ScrollRequest request, QObject *context,
                            QdrantDone<ScrollPage> done) const;
    /// How many of the tenant's points match the user's filter.
    QdrantCallHandle count(const QString &collection, CountRequest request, QObject *context,
                           QdrantDone<qint64> done) const;
    /// The most frequent values of a key among the tenant's points.
    QdrantCallHandle facet(const QString &collection, FacetRequest request, QObject *context,
                           QdrantDone<QList<FacetHit>> done) const;
    /// Nearest neighbours or recommendations among the tenant's points. Examples given by
    /// point id are first read through the scope (an id outside it is refused), then sent as
    /// vectors, so another tenant's point cannot steer the ranking.
    QdrantCallHandle query(const QString &collection, QueryRequest request, QObject *context,
                           QdrantDone<QList<ScoredPoint>> done) const;
    /// The tenant's points among these ids (others are left out, as missing ids are).
    QdrantCallHandle retrieve(const QString &collection, const QList<PointId> &ids,
                              const PayloadSelector &withPayload,
                              const VectorSelector &withVector, QObject *context,
                              QdrantDone<QList<PointRecord>> done) const;

    // Writes by ids: only the tenant's points among the ids are touched.

    /// Merges payload into the points (set_payload); the tenant key may not change.
    QdrantCallHandle setPayload(const QString &collection, const QList<PointId> &ids,
                                const QJsonObject &payload, QObject *context,
                                QdrantDone<UpdateResult> done) const;
    /// Replaces the points' payloads (overwrite_payload), stamped with the tenant key.
    QdrantCallHandle overwritePayload(const QString &collection, const QList<PointId> &ids,
                                      const QJsonObject &payload, QObject *context,
                                      QdrantDone<UpdateResult> done) const;
    /// Removes payload keys (never the tenant key or a path to it).
    QdrantCallHandle deletePayloadKeys(const QString &collection, const QList<PointId> &ids,
                                       const QStringList &keys, QObject *context,
                                       QdrantDone<UpdateResult> done) const;
    /// Deletes the tenant's points among the ids.
    QdrantCallHandle deletePoints(const QString &collection, const QList<PointId> &ids,
                                  QObject *context, QdrantDone<UpdateResult> done) const;

    // Writes by filter (bulk edits): the user's filter is intersected with the scope.

    /// Merges payload into every tenant point that matches userFilter.
    QdrantCallHandle setPayloadWhere(const QString &collection, const QJsonObject &userFilter,
                                     const QJsonObject &payload, QObject *context,
                                     QdrantDone<UpdateResult> done) const;
    /// Removes payload keys from every tenant point that matches userFilter.
    QdrantCallHandle deletePayloadKeysWhere(const QString &collection,
                                            const QJsonObject &userFilter,
                                            const QStringList &keys, QObject *context,
                                            QdrantDone<UpdateResult> done) const;
    /// Deletes every tenant point that matches userFilter.
    QdrantCallHandle deletePointsWhere(const QString &collection, const QJsonObject &userFilter,
                                       QObject *context, QdrantDone<UpdateResult> done) const;

    // Writes of whole points.

    /// Upserts points whose payloads are stamped with the tenant key. In a shared collection
    /// an id that already belongs to another tenant (or to no tenant) is refused: the ids are
    /// counted inside and outside the scope first.
    QdrantCallHandle upsert(const QString &collection, QList<PointStruct> points,
                            QObject *context, std::function<void(qint64, qint64)> progress,
                            QdrantDone<UpsertSummary> done) const;
    /// Replaces named vectors of the tenant's points (re-embedding); ids outside the scope
    /// are refused as in upsert().
    QdrantCallHandle updateVectors(const QString &collection, const QList<PointStruct> &points,
                                   QObject *context, QdrantDone<UpdateResult> done) const;

private:
    template <typename T>
    QdrantCallHandle refuse(const NetError &error, QObject *context, QdrantDone<T> done) const;
    /// A read with the user's filter nested in the tenant condition: refuses what the scope
    /// refuses, else hands the scoped request to send.
    template <typename Request, typename T, typename Send>
    QdrantCallHandle scopedRead(const QString &collection, Request request, QObject *context,
                                QdrantDone<T> done, Send send) const;
    /// Refuses a write when the profile is read-only or there is no client.
    std::optional<NetError> writeRefusal(const QString &what) const;
    /// Runs next once every id is known to be the tenant's (or absent); else fails done.
    template <typename T>
    QdrantCallHandle whenIdsInScope(const QString &collection, const QList<PointId> &ids,
                                    QObject *context, QdrantDone<T> done,
                                    std::function<QdrantCallHandle()> next) const;
    /// Turns point-id examples of a query into vectors read through the scope.
    QdrantCallHandle resolveExamples(const QString &collection, QueryRequest request,
                                     QObject *context, QdrantDone<QList<ScoredPoint>> done) const;

    QPointer<QdrantClient> m_client;
    TenantScope m_scope;
    bool m_readOnly = true;
};
