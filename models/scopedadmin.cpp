#include "scopedadmin.h"

#include <QTimer>

#include <algorithm>

namespace {

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

} // namespace

ScopedAdmin::ScopedAdmin(QdrantClient *client, TenantScope scope, bool readOnly)
    : m_client(client)
    , m_scope(std::move(scope))
    , m_readOnly(readOnly)
{ }

template <typename T>
QdrantCallHandle ScopedAdmin::refuse(const NetError &error, QObject *context,
                                     QdrantDone<T> done) const
{
    if (m_client)
        return m_client->refuse<T>(error, context, std::move(done));
    QTimer::singleShot(0, context ? context : qApp, [done, error] { done(Result<T>(error)); });
    return {};
}

std::optional<NetError> ScopedAdmin::collectionRefusal(const QString &collection, bool writes,
                                                       const QString &what) const
{
    if (!m_client)
        return invalid(tr("Not connected: %1 was not sent.").arg(what));
    if (writes && m_readOnly)
        return invalid(tr("This profile is read-only: %1 was not sent.").arg(what));
    const Result<QString> allowed = m_scope.checkCollectionOperation(collection);
    if (!allowed)
        return allowed.error();
    return std::nullopt;
}

QdrantCallHandle ScopedAdmin::listCollections(QObject *context,
                                              QdrantDone<QStringList> done) const
{
    if (!m_client)
        return refuse(invalid(tr("Not connected.")), context, std::move(done));
    const TenantScope scope = m_scope;
    return m_client->listCollections(context, [scope, done](const Result<QStringList> &names) {
        if (!names.ok()) {
            done(names);
            return;
        }
        QStringList covered;
        for (const QString &name : names.value()) {
            if (scope.coversCollection(name))
                covered.append(name);
        }
        std::sort(covered.begin(), covered.end());
        done(covered);
    });
}

QdrantCallHandle ScopedAdmin::collectionInfo(const QString &collection, QObject *context,
                                             QdrantDone<CollectionInfo> done) const
{
    if (!m_client)
        return refuse(invalid(tr("Not connected.")), context, std::move(done));
    if (!m_scope.coversCollection(collection)) {
        return refuse(invalid(tr("%1 is outside the chosen tenant.").arg(collection)), context,
                      std::move(done));
    }
    return m_client->collectionInfo(collection, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::listAliases(QObject *context,
                                          QdrantDone<QList<AliasInfo>> done) const
{
    if (!m_client)
        return refuse(invalid(tr("Not connected.")), context, std::move(done));
    const TenantScope scope = m_scope;
    return m_client->listAliases(context, [scope, done](const Result<QList<AliasInfo>> &all) {
        if (!all.ok()) {
            done(all);
            return;
        }
        QList<AliasInfo> covered;
        for (const AliasInfo &alias : all.value()) {
            if (scope.coversCollection(alias.collection))
                covered.append(alias);
        }
        done(covered);
    });
}

QdrantCallHandle ScopedAdmin::createCollection(const QString &collection,
                                               const QJsonObject &config, QObject *context,
                                               QdrantDone<bool> done) const
{
    if (auto refusal = collectionRefusal(collection, true, tr("creating %1").arg(collection)))
        return refuse(*refusal, context, std::move(done));
    return m_client->createCollection(collection, config, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::deleteCollection(const QString &collection, QObject *context,
                                               QdrantDone<bool> done) const
{
    if (auto refusal = collectionRefusal(collection, true, tr("deleting %1").arg(collection)))
        return refuse(*refusal, context, std::move(done));
    return m_client->deleteCollection(collection, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::createPayloadIndex(const QString &collection, const QString &field,
                                                 const QJsonValue &schema, QObject *context,
                                                 QdrantDone<UpdateResult> done) const
{
    if (auto refusal = collectionRefusal(collection, true, tr("the index on %1").arg(field)))
        return refuse(*refusal, context, std::move(done));
    return m_client->createPayloadIndex(collection, field, schema, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::deletePayloadIndex(const QString &collection, const QString &field,
                                                 QObject *context,
                                                 QdrantDone<UpdateResult> done) const
{
    if (auto refusal = collectionRefusal(collection, true,
                                         tr("dropping the index on %1").arg(field)))
        return refuse(*refusal, context, std::move(done));
    return m_client->deletePayloadIndex(collection, field, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::updateAliases(const QList<AliasOperation> &operations,
                                            QObject *context, QdrantDone<bool> done) const
{
    for (const AliasOperation &operation : operations) {
        // An alias is a collection name too: company_42_x must not become another's alias.
        QStringList names{operation.alias};
        if (operation.kind == AliasOperation::Kind::Create)
            names.append(operation.collection);
        if (operation.kind == AliasOperation::Kind::Rename)
            names.append(operation.newAlias);
        for (const QString &name : names) {
            if (auto refusal = collectionRefusal(name, true, tr("the alias change")))
                return refuse(*refusal, context, std::move(done));
        }
    }
    if (!m_client)
        return refuse(invalid(tr("Not connected.")), context, std::move(done));
    return m_client->updateAliases(operations, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::createSnapshot(const QString &collection, QObject *context,
                                             QdrantDone<SnapshotInfo> done) const
{
    if (auto refusal = collectionRefusal(collection, true, tr("the snapshot")))
        return refuse(*refusal, context, std::move(done));
    return m_client->createSnapshot(collection, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::listSnapshots(const QString &collection, QObject *context,
                                            QdrantDone<QList<SnapshotInfo>> done) const
{
    if (auto refusal = collectionRefusal(collection, false, tr("the snapshot list")))
        return refuse(*refusal, context, std::move(done));
    return m_client->listSnapshots(collection, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::deleteSnapshot(const QString &collection, const QString &snapshot,
                                             QObject *context, QdrantDone<bool> done) const
{
    if (auto refusal = collectionRefusal(collection, true, tr("deleting %1").arg(snapshot)))
        return refuse(*refusal, context, std::move(done));
    return m_client->deleteSnapshot(collection, snapshot, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::recoverSnapshot(const QString &collection, const QUrl &location,
                                              const QString &checksum, QObject *context,
                                              QdrantDone<bool> done) const
{
    if (auto refusal = collectionRefusal(collection, true, tr("the restore")))
        return refuse(*refusal, context, std::move(done));
    return m_client->recoverSnapshot(collection, location, checksum, context, std::move(done));
}

QdrantCallHandle ScopedAdmin::downloadSnapshot(const QString &collection,
                                               const QString &snapshot, const QString &filePath,
                                               QObject *context,
                                               std::function<void(qint64, qint64)> progress,
                                               QdrantDone<qint64> done) const
{
    // A snapshot holds every point of the collection: the same rule as collection-wide edits.
    if (auto refusal = collectionRefusal(collection, false, tr("the download")))
        return refuse(*refusal, context, std::move(done));
    return m_client->downloadSnapshot(collection, snapshot, filePath, context,
                                      std::move(progress), std::move(done));
}
