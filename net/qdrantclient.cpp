#include "qdrantclient.h"

#include "pointsbodywriter.h"
#include "qdrantresponse.h"
#include "snapshotdownload.h"

#include <QNetworkAccessManager>

namespace {

QString encoded(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

QdrantClient::QdrantClient(QObject *parent)
    : QObject(parent)
    , m_transport(new HttpTransport(this))
{ }

QdrantClient::QdrantClient(HttpTransport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{ }

QdrantClient::~QdrantClient()
{
    // Before the transport (a child too) goes: its dying calls would otherwise end ours with
    // errors, and a callback would run inside this destructor.
    const QList<QdrantCall *> calls = findChildren<QdrantCall *>(Qt::FindDirectChildrenOnly);
    for (QdrantCall *call : calls)
        call->abandon();
    qDeleteAll(calls);
}

void QdrantClient::setEndpoint(const QUrl &url, const QString &apiKey)
{
    m_baseUrl = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    m_basePath = m_baseUrl.path(QUrl::FullyEncoded);
    if (m_basePath.endsWith(QLatin1Char('/')))
        m_basePath.chop(1);
    m_apiKey = apiKey;
    // Another server may speak another version; calls waiting for the old one are told so.
    ++m_generation;
    m_version.reset();
    m_versionProbe.cancel();
    const QList<VersionWaiter> waiters = std::exchange(m_versionWaiters, {});
    for (const VersionWaiter &waiter : waiters) {
        if (waiter.call) {
            NetError error;
            error.kind = NetError::Kind::Cancelled;
            error.message = tr("cancelled: the connection changed to another server");
            waiter.call->fail(error);
        }
    }
}

QdrantCall *QdrantClient::newCall(QObject *context)
{
    return new QdrantCall(m_transport, context ? context : this, m_apiKey, this);
}

QString QdrantClient::collectionPath(const QString &collection, const QString &rest)
{
    if (collection.isEmpty())
        return {};
    return QStringLiteral("/collections/") + encoded(collection) + rest;
}

HttpRequest QdrantClient::makeRequest(const QByteArray &method, const QString &path,
    QByteArray body, Retry retry, const QString &operation) const
{
    HttpRequest request;
    request.method = method;
    if (!path.isEmpty() && m_baseUrl.isValid() && !m_baseUrl.host().isEmpty()) {
        request.url = m_baseUrl;
        const qsizetype question = path.indexOf(QLatin1Char('?'));
        request.url.setPath(m_basePath + path.left(question), QUrl::TolerantMode);
        if (question >= 0)
            request.url.setQuery(path.mid(question + 1));
    }
    request.body = std::move(body);
    request.idempotent = retry == Retry::Safe;
    request.timeoutMs = m_timeoutMs;
    request.operation = operation;
    if (!m_apiKey.isEmpty())
        request.headers.append({"api-key", m_apiKey.toUtf8()});
    return request;
}

// --- Server version ---------------------------------------------------------------------

QdrantCallHandle QdrantClient::serverVersion(QObject *context, QdrantDone<ServerVersion> done)
{
    QdrantCall *call = newCall(context);
    call->bind<ServerVersion>(done);
    whenVersionKnown(call, [call, done = std::move(done)](const ServerVersion &version) {
        call->finish([done, version] { done(version); });
    });
    return QdrantCallHandle(call);
}

void QdrantClient::whenVersionKnown(
    QdrantCall *call, std::function<void(const ServerVersion &)> next)
{
    if (m_version) {
        next(*m_version);
        return;
    }
    m_versionWaiters.append({call, std::move(next)});
    if (m_versionProbe.isRunning())
        return;
    HttpRequest request
        = makeRequest("GET", QStringLiteral("/"), {}, Retry::Safe, QStringLiteral("version"));
    m_versionProbe = run<ServerVersion>(std::move(request), &qdrantresponse::serverVersion,
        DecodeOn::ThisThread, this,
        [this, generation = m_generation](
            const Result<ServerVersion> &r) { onVersionProbeDone(generation, r); });
}

void QdrantClient::onVersionProbeDone(int generation, const Result<ServerVersion> &result)
{
    if (generation != m_generation)
        return; // the endpoint changed meanwhile; its waiters were told then
    if (result.ok())
        m_version = result.value();
    // Not cached on failure: the next call asks again (the server may be up by then).
    const QList<VersionWaiter> waiters = std::exchange(m_versionWaiters, {});
    for (const VersionWaiter &waiter : waiters) {
        if (!waiter.call || waiter.call->isFinished())
            continue;
        if (result.ok()) {
            waiter.next(result.value());
        } else {
            NetError error = result.error();
            error.message = tr("cannot learn the server's version: %1").arg(error.message);
            waiter.call->fail(error);
        }
    }
}

// --- Collections and aliases -------------------------------------------------------------

QdrantCallHandle QdrantClient::listCollections(QObject *context, QdrantDone<QStringList> done)
{
    return run<QStringList>(makeRequest("GET", QStringLiteral("/collections"), {}, Retry::Safe,
                                QStringLiteral("collections")),
        &qdrantresponse::collectionNames, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::collectionInfo(
    const QString &collection, QObject *context, QdrantDone<CollectionInfo> done)
{
    return run<CollectionInfo>(makeRequest("GET", collectionPath(collection), {}, Retry::Safe,
                                   QStringLiteral("collection info")),
        &qdrantresponse::collectionInfo, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::createCollection(
    const QString &collection, const QJsonObject &config, QObject *context, QdrantDone<bool> done)
{
    return run<bool>(makeRequest("PUT", collectionPath(collection), pointsbody::object(config),
                         Retry::Never, QStringLiteral("create collection")),
        &qdrantresponse::boolean, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::updateCollection(
    const QString &collection, const QJsonObject &diff, QObject *context, QdrantDone<bool> done)
{
    return run<bool>(makeRequest("PATCH", collectionPath(collection), pointsbody::object(diff),
                         Retry::Never, QStringLiteral("update collection")),
        &qdrantresponse::boolean, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::deleteCollection(
    const QString &collection, QObject *context, QdrantDone<bool> done)
{
    return run<bool>(makeRequest("DELETE", collectionPath(collection), {}, Retry::Never,
                         QStringLiteral("delete collection")),
        &qdrantresponse::boolean, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::collectionExists(
    const QString &collection, QObject *context, QdrantDone<bool> done)
{
    return run<bool>(makeRequest("GET", collectionPath(collection, QStringLiteral("/exists")), {},
                         Retry::Safe, QStringLiteral("collection exists")),
        &qdrantresponse::exists, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::listAliases(QObject *context, QdrantDone<QList<AliasInfo>> done)
{
    return run<QList<AliasInfo>>(
        makeRequest("GET", QStringLiteral("/aliases"), {}, Retry::Safe, QStringLiteral("aliases")),
        &qdrantresponse::aliases, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::listCollectionAliases(
    const QString &collection, QObject *context, QdrantDone<QList<AliasInfo>> done)
{
    return run<QList<AliasInfo>>(
        makeRequest("GET", collectionPath(collection, QStringLiteral("/aliases")), {}, Retry::Safe,
            QStringLiteral("aliases")),
        &qdrantresponse::aliases, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::updateAliases(
    const QList<AliasOperation> &operations, QObject *context, QdrantDone<bool> done)
{
    return run<bool>(
        makeRequest("POST", QStringLiteral("/collections/aliases"),
            pointsbody::aliasActions(operations), Retry::Never, QStringLiteral("update aliases")),
        &qdrantresponse::boolean, DecodeOn::ThisThread, context, std::move(done));
}

// --- Payload indexes ---------------------------------------------------------------------

QdrantCallHandle QdrantClient::createPayloadIndex(const QString &collection, const QString &field,
    const QJsonValue &schema, QObject *context, QdrantDone<UpdateResult> done)
{
    return run<UpdateResult>(
        makeRequest("PUT", collectionPath(collection, QStringLiteral("/index?wait=true")),
            pointsbody::createIndex(field, schema), Retry::Never, QStringLiteral("create index")),
        &qdrantresponse::updateResult, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::deletePayloadIndex(const QString &collection, const QString &field,
    QObject *context, QdrantDone<UpdateResult> done)
{
    return run<UpdateResult>(makeRequest("DELETE",
                                 field.isEmpty() ? QString()
                                                 : collectionPath(collection,
                                                     QStringLiteral("/index/") + encoded(field)),
                                 {}, Retry::Never, QStringLiteral("delete index")),
        &qdrantresponse::updateResult, DecodeOn::ThisThread, context, std::move(done));
}

// --- Snapshots ---------------------------------------------------------------------------

QdrantCallHandle QdrantClient::createSnapshot(
    const QString &collection, QObject *context, QdrantDone<SnapshotInfo> done)
{
    HttpRequest request
        = makeRequest("POST", collectionPath(collection, QStringLiteral("/snapshots")), {},
            Retry::Never, QStringLiteral("create snapshot"));
    request.timeoutMs = m_timeoutMs * 10; // a big collection takes a while to copy
    return run<SnapshotInfo>(std::move(request), &qdrantresponse::snapshot, DecodeOn::ThisThread,
        context, std::move(done));
}

QdrantCallHandle QdrantClient::listSnapshots(
    const QString &collection, QObject *context, QdrantDone<QList<SnapshotInfo>> done)
{
    return run<QList<SnapshotInfo>>(
        makeRequest("GET", collectionPath(collection, QStringLiteral("/snapshots")), {},
            Retry::Safe, QStringLiteral("snapshots")),
        &qdrantresponse::snapshots, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::deleteSnapshot(
    const QString &collection, const QString &snapshot, QObject *context, QdrantDone<bool> done)
{
    return run<bool>(makeRequest("DELETE",
                         snapshot.isEmpty() ? QString()
                                            : collectionPath(collection,
                                                QStringLiteral("/snapshots/") + encoded(snapshot)),
                         {}, Retry::Never, QStringLiteral("delete snapshot")),
        &qdrantresponse::boolean, DecodeOn::ThisThread, context, std::move(done));
}

QdrantCallHandle QdrantClient::recoverSnapshot(const QString &collection, const QUrl &location,
    const QString &checksum, QObject *context, QdrantDone<bool> done)
{
    QJsonObject body {{QStringLiteral("location"), location.toString(QUrl::FullyEncoded)}};
    if (!checksum.isEmpty())
        body.insert(QStringLiteral("checksum"), checksum);
    HttpRequest request = makeRequest("PUT",
        collectionPath(collection, QStringLiteral("/snapshots/recover?wait=true")),
        pointsbody::object(body), Retry::Never, QStringLiteral("recover snapshot"));
    request.timeoutMs = m_timeoutMs * 10;
    return run<bool>(std::move(request), &qdrantresponse::boolean, DecodeOn::ThisThread, context,
        std::move(done));
}

QdrantCallHandle QdrantClient::downloadSnapshot(const QString &collection, const QString &snapshot,
    const QString &filePath, QObject *context, std::function<void(qint64, qint64)> progress,
    QdrantDone<qint64> done)
{
    QdrantCall *call = newCall(context);
    call->bind<qint64>(done);
    const HttpRequest request = makeRequest("GET",
        snapshot.isEmpty()
            ? QString()
            : collectionPath(collection, QStringLiteral("/snapshots/") + encoded(snapshot)),
        {}, Retry::Safe, QStringLiteral("download snapshot"));
    if (request.url.isEmpty() || filePath.isEmpty()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("a snapshot download needs a server, a collection, a snapshot name "
                           "and a file");
        call->fail(error);
        return QdrantCallHandle(call);
    }
    const Result<QSslConfiguration> tls = m_transport->tlsConfiguration();
    if (!tls.ok() && request.url.scheme() == QLatin1String("https")) {
        call->fail(tls.error()); // the profile's CA file cannot be used: names it
        return QdrantCallHandle(call);
    }
    startSnapshotDownload(call, downloadNetwork(), request,
        tls.ok() ? tls.value() : QSslConfiguration::defaultConfiguration(),
        m_transport->ignoresTlsErrors(), filePath, std::move(progress), std::move(done));
    return QdrantCallHandle(call);
}

QNetworkAccessManager *QdrantClient::downloadNetwork()
{
    if (!m_downloads) {
        m_downloads = new QNetworkAccessManager(this);
        m_downloads->setAutoDeleteReplies(true);
    }
    return m_downloads;
}
