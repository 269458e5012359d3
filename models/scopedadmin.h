#pragma once

#include "qdrantclient.h"
#include "tenantscope.h"

#include <QCoreApplication>
#include <QPointer>

/// The only way the console's panes manage collections: lists, info, create and delete,
/// payload indexes, aliases and snapshots. Collection-wide operations touch every point, so in
/// a tenant scope they are allowed on the tenant's own collections only
/// (TenantScope::checkCollectionOperation), and lists show only the collections the scope
/// covers. Every change is refused before it is sent when the profile is read-only. A cheap
/// value handed out by ConsoleSession::admin(); refusals reach the callback like any other
/// error (NetError::Kind::Invalid, from the event loop).
class ScopedAdmin final
{
    Q_DECLARE_TR_FUNCTIONS(ScopedAdmin)

public:
    ScopedAdmin() = default;
    ScopedAdmin(QdrantClient *client, TenantScope scope, bool readOnly);

    const TenantScope &scope() const { return m_scope; }
    bool isReadOnly() const { return m_readOnly; }

    /// The collections the scope covers, sorted by name.
    QdrantCallHandle listCollections(QObject *context, QdrantDone<QStringList> done) const;
    /// Info of a collection the scope covers.
    QdrantCallHandle collectionInfo(const QString &collection, QObject *context,
                                    QdrantDone<CollectionInfo> done) const;
    /// The aliases whose collection the scope covers (every alias for all tenants).
    QdrantCallHandle listAliases(QObject *context, QdrantDone<QList<AliasInfo>> done) const;

    /// Creates a collection (config is Qdrant's create body).
    QdrantCallHandle createCollection(const QString &collection, const QJsonObject &config,
                                      QObject *context, QdrantDone<bool> done) const;
    /// Deletes a collection with all its points.
    QdrantCallHandle deleteCollection(const QString &collection, QObject *context,
                                      QdrantDone<bool> done) const;
    /// Creates a payload index (schema: a type name or an object with is_tenant, ...).
    QdrantCallHandle createPayloadIndex(const QString &collection, const QString &field,
                                        const QJsonValue &schema, QObject *context,
                                        QdrantDone<UpdateResult> done) const;
    /// Drops a payload index.
    QdrantCallHandle deletePayloadIndex(const QString &collection, const QString &field,
                                        QObject *context, QdrantDone<UpdateResult> done) const;
    /// Applies alias operations atomically; each collection and alias named must be allowed.
    QdrantCallHandle updateAliases(const QList<AliasOperation> &operations, QObject *context,
                                   QdrantDone<bool> done) const;

    /// Makes a snapshot on the server.
    QdrantCallHandle createSnapshot(const QString &collection, QObject *context,
                                    QdrantDone<SnapshotInfo> done) const;
    /// The snapshots the server keeps of a collection.
    QdrantCallHandle listSnapshots(const QString &collection, QObject *context,
                                   QdrantDone<QList<SnapshotInfo>> done) const;
    /// Deletes a snapshot from the server.
    QdrantCallHandle deleteSnapshot(const QString &collection, const QString &snapshot,
                                    QObject *context, QdrantDone<bool> done) const;
    /// Restores a collection from a snapshot URL the server can reach.
    QdrantCallHandle recoverSnapshot(const QString &collection, const QUrl &location,
                                     const QString &checksum, QObject *context,
                                     QdrantDone<bool> done) const;
    /// Downloads a snapshot into filePath with progress (see QdrantClient::downloadSnapshot).
    QdrantCallHandle downloadSnapshot(const QString &collection, const QString &snapshot,
                                      const QString &filePath, QObject *context,
                                      std::function<void(qint64, qint64)> progress,
                                      QdrantDone<qint64> done) const;

private:
    template <typename T>
    QdrantCallHandle refuse(const NetError &error, QObject *context, QdrantDone<T> done) const;
    /// Why an operation on the whole collection may not run; nullopt when it may. A write is
    /// also refused for a read-only profile.
    std::optional<NetError> collectionRefusal(const QString &collection, bool writes,
                                              const QString &what) const;

    QPointer<QdrantClient> m_client;
    TenantScope m_scope;
    bool m_readOnly = true;
};
