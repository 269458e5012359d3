#pragma once

#include "attemptoutcome.h"
#include "httpresponseparser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QSslConfiguration;
class QTcpSocket;

/// Where a PlainHttpConnection goes; connections are reused only for the same origin.
struct PlainOrigin
{
    QString host;
    quint16 port = 0;
    bool tls = false;
    bool ignoreTlsErrors = false; ///< the profile's explicit consent, part of the identity
    /// For tls: the system's CAs plus a profile's CA file; null for the default configuration.
    /// Compared by pointer: connections opened with another CA file are not reused.
    std::shared_ptr<const QSslConfiguration> tlsConfiguration;
    bool operator==(const PlainOrigin &other) const = default;
};

/// One HTTP/1.1 keep-alive connection over a QTcpSocket (QSslSocket for https: the system's CAs,
/// plus a profile's CA file when the origin carries one) with TCP_NODELAY.
///
/// Why it exists: Qt 6.4's QNetworkAccessManager writes request bodies over 16 KiB in two
/// writes on a socket without TCP_NODELAY, so the tail waits for the server's delayed ACK
/// (~40 ms on loopback), and it silently re-sends a request, POST included, when the connection
/// drops before the answer. Here the request goes out at once on a no-delay socket, without
/// copying big bodies, and is never re-sent behind the caller's back
/// (docs/decisions/0004-qnam-small-body-stall.md). One request at a time, no pipelining.
class PlainHttpConnection final : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(AttemptOutcome &&outcome)>;

    explicit PlainHttpConnection(PlainOrigin origin, QObject *parent = nullptr);
    ~PlainHttpConnection() override;

    /// Sends one request (connecting first if needed) and calls `done` exactly once, unless
    /// abort() comes first. `head` ends with the blank line; `body` follows it.
    void send(QByteArray head, QByteArray body, bool headRequest, Handler done);
    /// Drops the connection and the request in flight; the handler is not called.
    void abort();

    /// Connected, idle, and the server did not ask to close.
    bool isReusable() const;
    /// Whether this connection already carried a request (a kept-alive connection may have been
    /// closed by the server in the meantime).
    bool wasUsed() const { return m_requests > 0; }
    qint64 idleMs() const { return m_idle.isValid() ? m_idle.elapsed() : 0; }
    const PlainOrigin &origin() const { return m_origin; }

signals:
    /// The server closed the connection, or it broke, while no request was in flight.
    void closedWhileIdle();

private:
    void writeRequest();
    void onReadyRead();
    void onDisconnected();
    void onError();
    void failBeforeSending();
    void fail(NetError::Kind kind, const QString &message, bool retryable, bool reachedServer);
    void complete();

    QString where() const;
    void onTransportReady();

    PlainOrigin m_origin;
    QTcpSocket *m_socket = nullptr;
    QStringList m_tlsErrors;
    HttpResponseParser m_parser;
    QByteArray m_head;
    QByteArray m_body;
    QByteArray m_readBuffer;
    Handler m_done;
    QElapsedTimer m_idle;
    int m_requests = 0;
    bool m_busy = false;
    bool m_connected = false;
    bool m_serverWantsClose = false;
};
