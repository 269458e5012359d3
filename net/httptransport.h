#pragma once

#include "latencystats.h"
#include "result.h"
#include "retrypolicy.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/// One HTTP exchange to make.
struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QByteArray body; ///< sent as application/json when not empty
    HttpHeaders headers; ///< extra headers (api-key, Authorization, ...)
    /// Safe to send twice? GETs, reads, and upserts with explicit ids are; a request that is not
    /// is never retried once it may have reached the server.
    bool idempotent = true;
    int timeoutMs = 30000; ///< transfer timeout of each attempt
    QString operation; ///< name for the request log and latency statistics
};

/// What came back. Any HTTP status is a response; classifying 4xx/5xx is the caller's job.
struct HttpResponse
{
    int status = 0;
    QByteArray body;
    HttpHeaders headers;
    double clientMs = 0; ///< wall time of the last attempt
    int attempts = 1;
    QByteArray header(const QByteArray &name) const; ///< case-insensitive, empty when absent
};

/// One line of the request log, with what "copy as curl" needs. Never carries a secret: no
/// header is kept (only whether an `api-key` or `Authorization` header was sent), the URL keeps
/// no user info and of its query only Qdrant's harmless parameters (`wait=true`, ...), and the
/// values of secret headers are cut out of the kept body and URL should they appear there.
struct RequestLogEntry
{
    /// Bytes of the request body kept for "copy as curl"; a longer body is cut.
    static constexpr qsizetype MaxKeptBody = 64 * 1024;

    QByteArray method;
    QString path; ///< decoded, without query
    QString operation;
    int status = 0; ///< 0 when no response
    qint64 requestBytes = 0; ///< the whole body sent, also when requestBody was cut
    qint64 responseBytes = 0;
    double clientMs = 0;
    double serverMs = -1; ///< Qdrant's `time` (seconds in the body) × 1000, when known
    int attempts = 1;
    QString error; ///< NetError message, when it failed
    /// scheme://host:port/path, percent-encoded, plus the harmless query parameters.
    QString url;
    bool queryOmitted = false; ///< some query parameters were left out of url (maybe secrets)
    QByteArray requestBody; ///< at most MaxKeptBody bytes of the body
    bool requestBodyTruncated = false; ///< requestBody holds less than requestBytes
    QByteArray contentType; ///< of the request body; empty when there was none
    bool hadApiKey = false; ///< an `api-key` header was sent (its value is never kept)
    bool hadAuthorization = false; ///< an `Authorization` header was sent (never kept)
    QDateTime finishedAt; ///< UTC, when the call finished (after its retries)

    /// The request's side of an entry (method, path, url, body, content type, secret-header
    /// flags), stamped now; the caller fills in the outcome.
    static RequestLogEntry describing(const HttpRequest &request);
};

/// A request in flight. Emits finished() exactly once, then deletes itself later; cancel()
/// makes it finish with NetError::Kind::Cancelled. Connect with a context object so a closed
/// pane never receives a late reply.
class HttpCall : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    /// Aborts the socket or reply in flight and emits finished(Cancelled) before returning;
    /// does nothing once finished() was emitted.
    virtual void cancel() = 0;

signals:
    void finished(const Result<HttpResponse> &result);
};

/// Sends HTTP requests asynchronously from the GUI thread: transfer timeout on every attempt,
/// the retry policy, TLS with system CAs (errors ignored only with explicit consent), and a
/// request-log hook. Direct http:// and https:// URLs go through our own keep-alive HTTP/1.1
/// client (TCP_NODELAY, the request handed over at once, QSslSocket for TLS), which avoids the
/// Qt 6.4 Nagle/delayed-ACK stall on bodies over 16 KiB and QNAM's silent re-sending of requests
/// (docs/decisions/0004-*); proxied URLs and URLs with user info go through
/// QNetworkAccessManager. Our client asks for `Accept-Encoding: identity`; so does QNAM on
/// loopback.
///
/// Destroying the transport with calls in flight aborts them silently: their HttpCall objects
/// are deleted without emitting finished() (hold them in a QPointer if you keep them).
class HttpTransport : public QObject
{
    Q_OBJECT

public:
    explicit HttpTransport(QObject *parent = nullptr);
    ~HttpTransport() override;

    /// Starts the request; the returned call never emits finished() before send() returns.
    HttpCall *send(HttpRequest request);

    void setRetryPolicy(const RetryPolicy &policy);
    RetryPolicy retryPolicy() const;
    /// Per-profile consent to ignore TLS errors (self-signed dev servers). Off by default.
    void setIgnoreTlsErrors(bool ignore);
    bool ignoresTlsErrors() const;
    /// Trusts the certificates of a profile's CA file (PEM) for https, besides the system's
    /// CAs; an empty path trusts the system's CAs only. Returns how many certificates were
    /// added, or why the file cannot be used (missing, unreadable, no PEM certificate, naming
    /// the file): then every https request fails with that error until the next call, rather
    /// than quietly falling back to the system's CAs.
    Result<qsizetype> setCaCertificateFile(const QString &path);
    QString caCertificateFile() const;
    /// What https connections verify the server with (the system's CAs plus the CA file's), or
    /// the CA file's error.
    Result<QSslConfiguration> tlsConfiguration() const;
    /// Called once per call when it finishes (after retries), on the transport's thread.
    void setRequestLogger(std::function<void(const RequestLogEntry &)> logger);

    /// Client latency of completed requests per HttpRequest::operation.
    const LatencyStats &latencyStats() const;
    void clearLatencyStats();

    /// Closes kept-alive connections that carry no request (before stopping a server that
    /// waits for its clients, or when a profile changes). Requests in flight are not touched.
    void closeIdleConnections();

    /// On by default. Off sends everything through QNetworkAccessManager (benchmarks, and a
    /// way out should a server dislike our client).
    void setPlainHttpEnabled(bool enabled);
    bool isPlainHttpEnabled() const;

private:
    friend class TransportCall;
    class Private;
    Private *d;
};
