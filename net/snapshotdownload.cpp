#include "snapshotdownload.h"

#include "httpstatuserror.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("QdrantClient", text);
}

/// Everything one download keeps between its signals.
struct Download
{
    QPointer<QNetworkReply> reply;
    QSaveFile *file = nullptr;
    QString path; ///< URL path for messages (no query, no secrets)
    QByteArray errorBody; ///< the body of a non-2xx answer, for Qdrant's status.error
    qint64 written = 0;
    QElapsedTimer sinceProgress;
};

NetError transportError(QNetworkReply *reply, const QString &path, int timeoutMs)
{
    NetError error;
    error.kind = NetError::Kind::Network;
    const QString host = reply->url().host();
    switch (reply->error()) {
    case QNetworkReply::OperationCanceledError: // what the transfer timeout reports
        error.kind = NetError::Kind::Timeout;
        error.message = tr("no data from %1 for %2 ms").arg(host).arg(timeoutMs);
        break;
    case QNetworkReply::ConnectionRefusedError:
        error.message = tr("connection refused by %1 (is the server running?)").arg(host);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        error.kind = NetError::Kind::Tls;
        error.message = tr("TLS handshake with %1 failed: %2").arg(host, reply->errorString());
        break;
    default:
        error.message = reply->errorString();
        break;
    }
    error.message = QStringLiteral("GET %1: %2").arg(path, error.message);
    return error;
}

} // namespace

void startSnapshotDownload(QdrantCall *call, QNetworkAccessManager *network,
    const HttpRequest &request, const QSslConfiguration &tls, bool ignoreTlsErrors,
    const QString &filePath,
    std::function<void(qint64, qint64)> progress, QdrantDone<qint64> done)
{
    auto state = std::make_shared<Download>();
    state->path = request.url.path();
    state->file = new QSaveFile(filePath, call);
    if (!state->file->open(QIODevice::WriteOnly)) {
        NetError error;
        error.kind = NetError::Kind::LocalFile;
        error.message = tr("cannot write %1: %2").arg(filePath, state->file->errorString());
        call->fail(error);
        return;
    }
    QNetworkRequest networkRequest(request.url);
    networkRequest.setTransferTimeout(request.timeoutMs); // idle time, not the whole download
    if (request.url.scheme() == QLatin1String("https"))
        networkRequest.setSslConfiguration(tls);
    // A redirect is an answer, not something to follow with our api-key to another host.
    networkRequest.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    // On loopback, compressing a snapshot costs the server more than the copy it saves.
    const QHostAddress host(request.url.host());
    if (request.url.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback()))
        networkRequest.setRawHeader("Accept-Encoding", "identity");
    QNetworkReply *reply = network->get(networkRequest);
    state->reply = reply;

    call->setAbortHandler([state] {
        if (QNetworkReply *reply = state->reply) {
            reply->disconnect();
            reply->abort();
        }
        if (state->file->isOpen()) {
            // The temporary file goes, the target stays untouched.
            state->file->cancelWriting();
            state->file->commit();
        }
    });
    QObject::connect(reply, &QNetworkReply::sslErrors, call, [reply, ignoreTlsErrors] {
        if (ignoreTlsErrors)
            reply->ignoreSslErrors(); // explicit per-profile consent
    });
    // From our own reads, not QNetworkReply::downloadProgress, which Qt holds back for the
    // first 100 ms and then until more data comes: a stalled download would never report.
    const auto reportProgress = [call, state, reply, progress = std::move(progress)](bool last) {
        if (!progress
            || (!last && state->sinceProgress.isValid() && state->sinceProgress.elapsed() < 100))
            return;
        state->sinceProgress.start();
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        const qint64 total = length.isValid() ? length.toLongLong() : -1;
        call->postProgress(
            [progress, received = state->written, total] { progress(received, total); });
    };
    const auto isSuccess = [reply] {
        return isHttpSuccess(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
    };
    QObject::connect(
        reply, &QIODevice::readyRead, call, [call, state, reply, isSuccess, reportProgress] {
            if (!isSuccess()) {
                // An error page: kept (bounded) for its message, never written to the file.
                state->errorBody += reply->read(64 * 1024 - state->errorBody.size());
                reply->readAll();
                return;
            }
            const QByteArray chunk = reply->readAll();
            if (state->file->write(chunk) != chunk.size()) {
                NetError error;
                error.kind = NetError::Kind::LocalFile;
                error.message = tr("cannot write %1: %2")
                                    .arg(state->file->fileName(), state->file->errorString());
                call->fail(error);
                return;
            }
            state->written += chunk.size();
            reportProgress(false);
        });
    const int timeoutMs = request.timeoutMs;
    QObject::connect(reply, &QNetworkReply::finished, call,
        [call, state, reply, done = std::move(done), timeoutMs, reportProgress] {
            state->reply = nullptr;
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            if (!status.isValid()) {
                call->fail(transportError(reply, state->path, timeoutMs));
                return;
            }
            if (!isHttpSuccess(status.toInt())) {
                HttpResponse response;
                response.status = status.toInt();
                response.body = state->errorBody + reply->readAll();
                response.headers = reply->rawHeaderPairs();
                call->fail(httpStatusError("GET", state->path, response));
                return;
            }
            const QByteArray rest = reply->readAll();
            if (reply->error() != QNetworkReply::NoError) {
                call->fail(transportError(reply, state->path, timeoutMs)); // cut off mid-way
                return;
            }
            state->written += rest.size();
            if (state->file->write(rest) != rest.size() || !state->file->commit()) {
                NetError error;
                error.kind = NetError::Kind::LocalFile;
                error.message = tr("cannot write %1: %2")
                                    .arg(state->file->fileName(), state->file->errorString());
                call->fail(error);
                return;
            }
            reportProgress(true);
            const qint64 size = state->written;
            call->finish([done, size] { done(size); });
        });
}
