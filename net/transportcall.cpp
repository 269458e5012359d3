#include "transportcall.h"

#include "httptransport_p.h"
#include "plainconnectionpool.h"
#include "plainhttpconnection.h"
#include "servertime.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslError>

namespace {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString untrustedMessage(const QString &host, const QStringList &errors)
{
    return TransportCall::tr("TLS certificate of %1 not trusted: %2 (a connection profile may "
                             "accept it explicitly)")
        .arg(host, errors.join(u"; "));
}

} // namespace

TransportCall::TransportCall(HttpTransport::Private *transport, HttpRequest request, bool plainHttp)
    : d(transport)
    , m_request(std::move(request))
    , m_plainHttp(plainHttp)
{
    m_path = m_request.url.path();
    if (m_path.isEmpty())
        m_path = QStringLiteral("/");
    m_timeout.setSingleShot(true);
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, &TransportCall::onTimeout);
    m_backoff.setSingleShot(true);
    // Precise: a coarse timer may fire up to 5 % early, and Retry-After is a lower bound.
    m_backoff.setTimerType(Qt::PreciseTimer);
    connect(&m_backoff, &QTimer::timeout, this, &TransportCall::startAttempt);
}

TransportCall::~TransportCall()
{
    stopAttempt();
}

void TransportCall::start()
{
    m_starting = true;
    startAttempt();
    m_starting = false;
}

void TransportCall::rejectLater(const QString &message, NetError::Kind kind)
{
    QMetaObject::invokeMethod(
        this,
        [this, message, kind] {
            NetError error;
            error.kind = kind;
            error.message = describe(message);
            finish(error);
        },
        Qt::QueuedConnection);
}

void TransportCall::cancel()
{
    if (m_finished)
        return;
    stopAttempt();
    NetError error;
    error.kind = NetError::Kind::Cancelled;
    error.message = describe(tr("cancelled"));
    finish(error);
}

void TransportCall::abandon()
{
    m_finished = true;
    stopAttempt();
    d = nullptr;
}

QString TransportCall::redact(QString text) const
{
    // Qt's own error strings may quote the whole URL; its query and password may be secrets.
    const QUrl &url = m_request.url;
    for (const QString &secret : {url.query(QUrl::FullyEncoded), url.query(QUrl::FullyDecoded),
             url.password(QUrl::FullyEncoded)}) {
        if (!secret.isEmpty())
            text.replace(secret, QStringLiteral("(redacted)"));
    }
    return text;
}

QString TransportCall::describe(const QString &what) const
{
    return QStringLiteral("%1 %2: %3").arg(QString::fromLatin1(m_request.method), m_path, what);
}

void TransportCall::startAttempt()
{
    if (m_finished)
        return;
    ++m_attempt;
    m_tlsErrors.clear();
    m_attemptClock.start();
    m_timeout.start(std::max(m_request.timeoutMs, 1));
    if (m_plainHttp)
        startPlain();
    else
        startNetworkReply();
}

QByteArray TransportCall::buildHead() const
{
    const QUrl &url = m_request.url;
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // IPv6 literal
    if (url.port() > 0)
        host += ':' + QByteArray::number(url.port());

    bool hasContentType = false;
    for (const auto &header : m_request.headers) {
        if (header.first.compare("content-type", Qt::CaseInsensitive) == 0)
            hasContentType = true;
    }
    const QByteArray &body = m_request.body;
    QByteArray wire;
    wire.reserve(512);
    wire += m_request.method + ' ' + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nUser-Agent: MemoryConsole\r\nAccept: application/json, */*"
        // We do not decompress; on loopback and the LAN compression costs more than it saves.
        + "\r\nAccept-Encoding: identity\r\n";
    if (!body.isEmpty() && !hasContentType)
        wire += "Content-Type: application/json\r\n";
    if (!body.isEmpty() || m_request.method == "POST" || m_request.method == "PUT"
        || m_request.method == "PATCH") {
        wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    for (const auto &[name, value] : m_request.headers)
        wire += name + ": " + value + "\r\n";
    wire += "\r\n";
    return wire;
}

void TransportCall::startPlain()
{
    PlainOrigin origin;
    origin.tls = m_request.url.scheme() == QLatin1String("https");
    origin.host = m_request.url.host();
    origin.port = quint16(m_request.url.port(origin.tls ? 443 : 80));
    origin.ignoreTlsErrors = d->ignoreTlsErrors;
    if (origin.tls)
        origin.tlsConfiguration = d->tls;
    d->pool->acquire(origin, this, [this](PlainHttpConnection *connection) {
        m_connection = connection;
        connection->send(buildHead(), m_request.body, m_request.method == "HEAD",
            [this](AttemptOutcome &&outcome) { onAttemptDone(std::move(outcome)); });
    });
}

void TransportCall::startNetworkReply()
{
    QNetworkRequest request(m_request.url);
    request.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // A redirect is an answer for the caller to see, not something to follow with our api-key.
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_request.body.isEmpty())
        request.setHeader(
            QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (isLoopbackHost(m_request.url.host()))
        request.setRawHeader("Accept-Encoding", "identity");
    if (d->tls && m_request.url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(*d->tls); // the profile's CA file besides the system's
    for (const auto &[name, value] : m_request.headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_request.body.isEmpty() && m_request.method == "GET"
        ? d->network->get(request)
        : d->network->sendCustomRequest(request, m_request.method, m_request.body);
    m_reply = reply;
    const bool ignoreTlsErrors = d->ignoreTlsErrors;
    connect(reply, &QNetworkReply::sslErrors, this,
        [this, reply, ignoreTlsErrors](const QList<QSslError> &errors) {
            if (ignoreTlsErrors) {
                reply->ignoreSslErrors(); // explicit per-profile consent
                return;
            }
            for (const QSslError &error : errors)
                m_tlsErrors.append(error.errorString());
        });
    connect(reply, &QNetworkReply::finished, this, &TransportCall::onNetworkReplyFinished);
}

void TransportCall::onNetworkReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->disconnect(this);
    AttemptOutcome outcome;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError error = reply->error();
    // QNAM reports 4xx/5xx as errors of its own (ContentNotFoundError, ...): those are answers.
    const bool transportFailure = error != QNetworkReply::NoError
        && (error < QNetworkReply::ContentAccessDenied || error == QNetworkReply::ProtocolFailure);
    if (status.isValid() && !transportFailure) {
        outcome.ok = true;
        outcome.response.status = status.toInt();
        outcome.response.headers = reply->rawHeaderPairs();
        outcome.response.body = reply->readAll();
        onAttemptDone(std::move(outcome));
        return;
    }
    const QString host = m_request.url.host();
    outcome.error.message = reply->errorString();
    outcome.mayHaveReachedServer = true;
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        outcome.error.kind = NetError::Kind::Network;
        outcome.error.message = tr("connection refused by %1 (is the server running?)").arg(host);
        outcome.retryable = true;
        outcome.mayHaveReachedServer = false;
        break;
    case QNetworkReply::HostNotFoundError:
        outcome.error.kind = NetError::Kind::Network;
        outcome.error.message = tr("host not found: %1").arg(host);
        outcome.mayHaveReachedServer = false;
        break;
    case QNetworkReply::SslHandshakeFailedError:
        outcome.error.kind = NetError::Kind::Tls;
        outcome.error.message = m_tlsErrors.isEmpty()
            ? tr("TLS handshake with %1 failed: %2").arg(host, reply->errorString())
            : untrustedMessage(host, m_tlsErrors);
        outcome.mayHaveReachedServer = false;
        break;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        outcome.error.kind = status.isValid() ? NetError::Kind::Decode : NetError::Kind::Network;
        outcome.error.message = status.isValid()
            ? tr("the answer from %1 was cut off").arg(host)
            : tr("connection to %1 failed: %2").arg(host, reply->errorString());
        outcome.retryable = true;
        break;
    default:
        outcome.error.kind = NetError::Kind::Network;
        if (!m_tlsErrors.isEmpty()) {
            outcome.error.kind = NetError::Kind::Tls;
            outcome.error.message = untrustedMessage(host, m_tlsErrors);
            outcome.mayHaveReachedServer = false;
        }
        break;
    }
    onAttemptDone(std::move(outcome));
}

void TransportCall::onTimeout()
{
    stopAttempt();
    AttemptOutcome outcome;
    outcome.error.kind = NetError::Kind::Timeout;
    outcome.error.message = tr("no complete answer from %1 within %2 ms")
                                .arg(m_request.url.host())
                                .arg(m_request.timeoutMs);
    // Not retried: another full wait would only multiply the time the user waits.
    outcome.retryable = false;
    onAttemptDone(std::move(outcome));
}

void TransportCall::stopAttempt()
{
    m_timeout.stop();
    m_backoff.stop();
    if (m_connection) {
        PlainHttpConnection *connection = std::exchange(m_connection, nullptr);
        if (d)
            d->pool->discard(connection);
        else
            connection->abort();
    } else if (d) {
        d->pool->cancelWait(this);
    }
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
    }
}

void TransportCall::onAttemptDone(AttemptOutcome &&outcome)
{
    m_timeout.stop();
    m_lastClientMs = double(m_attemptClock.nsecsElapsed()) / 1e6;
    if (m_connection) {
        PlainHttpConnection *connection = std::exchange(m_connection, nullptr);
        if (outcome.ok)
            d->pool->release(connection);
        else
            d->pool->discard(connection);
    }
    const RetryPolicy &policy = d->policy;
    const bool attemptsLeft = m_attempt < policy.maxAttempts;

    if (outcome.ok) {
        HttpResponse &response = outcome.response;
        response.clientMs = m_lastClientMs;
        response.attempts = m_attempt;
        const int status = response.status;
        // 429 means the server did not act on the request, so even a non-idempotent one may
        // go again; 502/503/504 may come after the work was done.
        const bool safe = m_request.idempotent || status == 429;
        if (attemptsLeft && safe && RetryPolicy::isRetryableStatus(status)) {
            const int retryAfter = RetryPolicy::parseRetryAfterMs(
                response.header("Retry-After"), QDateTime::currentDateTimeUtc());
            if (retryAfter <= policy.maxRetryAfterMs) {
                scheduleRetry(retryAfter >= 0
                        ? retryAfter
                        : policy.backoffMs(m_attempt, QRandomGenerator::global()));
                return;
            }
        }
        const double serverMs = qdrantServerTimeMs(response.body);
        finish(std::move(response), serverMs);
        return;
    }

    const bool safe = m_request.idempotent || !outcome.mayHaveReachedServer;
    if (attemptsLeft && safe && outcome.retryable) {
        scheduleRetry(policy.backoffMs(m_attempt, QRandomGenerator::global()));
        return;
    }
    NetError error = outcome.error;
    error.message = describe(redact(error.message));
    if (m_attempt > 1)
        error.message += tr(" (after %n attempts)", nullptr, m_attempt);
    finish(error);
}

void TransportCall::scheduleRetry(int delayMs)
{
    m_backoff.start(std::max(delayMs, 0));
}

void TransportCall::finish(Result<HttpResponse> result, double serverMs)
{
    if (m_finished)
        return;
    if (m_starting) {
        // Never emit before send() returned: the caller has not connected yet.
        QMetaObject::invokeMethod(
            this, [this, result, serverMs] { finish(result, serverMs); }, Qt::QueuedConnection);
        return;
    }
    m_finished = true;
    m_timeout.stop();
    m_backoff.stop();
    if (d) {
        d->calls.remove(this);
        if (result.ok())
            d->stats.record(m_request.operation, m_lastClientMs, serverMs);
        if (d->logger) {
            RequestLogEntry entry = RequestLogEntry::describing(m_request);
            entry.clientMs = m_lastClientMs;
            entry.serverMs = serverMs;
            entry.attempts = std::max(m_attempt, 1);
            if (result.ok()) {
                entry.status = result.value().status;
                entry.responseBytes = result.value().body.size();
            } else {
                entry.error = result.error().message;
            }
            d->logger(entry);
        }
        d = nullptr; // the transport may go away in a slot of finished()
    }
    emit finished(result);
    deleteLater();
}
