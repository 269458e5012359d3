#include "plainhttpconnection.h"

#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

PlainHttpConnection::PlainHttpConnection(PlainOrigin origin, QObject *parent)
    : QObject(parent)
    , m_origin(std::move(origin))
{
    if (m_origin.tls) {
        auto *socket = new QSslSocket(this);
        // Peer and host name verified against the system's CAs, or those plus the profile's.
        if (m_origin.tlsConfiguration)
            socket->setSslConfiguration(*m_origin.tlsConfiguration);
        connect(socket, &QSslSocket::encrypted, this, &PlainHttpConnection::onTransportReady);
        connect(
            socket, &QSslSocket::sslErrors, this, [this, socket](const QList<QSslError> &errors) {
                if (m_origin.ignoreTlsErrors) {
                    socket->ignoreSslErrors(); // the profile's explicit consent
                    return;
                }
                for (const QSslError &error : errors)
                    m_tlsErrors.append(error.errorString());
            });
        m_socket = socket;
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &PlainHttpConnection::onTransportReady);
    }
    // HttpTransport sends proxied URLs through QNAM; this socket always goes direct.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        // The point of this class: the whole request leaves at once instead of its tail
        // waiting for the ACK of its head (Nagle + delayed ACK).
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &PlainHttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &PlainHttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &PlainHttpConnection::onError);
}

void PlainHttpConnection::onTransportReady()
{
    m_connected = true;
    if (m_busy && !m_head.isEmpty())
        writeRequest();
}

QString PlainHttpConnection::where() const
{
    return QStringLiteral("%1:%2").arg(m_origin.host).arg(m_origin.port);
}

PlainHttpConnection::~PlainHttpConnection()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

bool PlainHttpConnection::isReusable() const
{
    return !m_busy && !m_serverWantsClose && m_connected
        && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0;
}

void PlainHttpConnection::send(QByteArray head, QByteArray body, bool headRequest, Handler done)
{
    Q_ASSERT(!m_busy);
    m_busy = true;
    m_done = std::move(done);
    m_head = std::move(head);
    m_body = std::move(body);
    m_parser.reset(headRequest);
    m_readBuffer.clear();
    ++m_requests;
    if (m_connected && m_socket->state() == QAbstractSocket::ConnectedState) {
        writeRequest();
    } else if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        m_connected = false;
        m_tlsErrors.clear();
        if (m_origin.tls)
            static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(
                m_origin.host, m_origin.port);
        else
            m_socket->connectToHost(m_origin.host, m_origin.port);
    } // else connecting or encrypting: onTransportReady() writes it
}

void PlainHttpConnection::abort()
{
    m_done = {};
    m_busy = false;
    m_socket->disconnect(this);
    m_socket->abort();
}

void PlainHttpConnection::writeRequest()
{
    // Small bodies leave with their head in one segment; a big one is handed over as its own
    // QByteArray, which QIODevice queues without copying (chunks of 4 KiB and more are shared),
    // so a 5 MB upsert is never copied in user space.
    constexpr qsizetype kCoalesceLimit = 64 * 1024;
    if (m_body.size() <= kCoalesceLimit) {
        m_socket->write(m_head + m_body);
    } else {
        m_socket->write(m_head);
        m_socket->write(m_body);
    }
    m_head.clear();
    m_body.clear();
    // Hand it to the kernel now rather than on the next event-loop pass.
    m_socket->flush();
}

void PlainHttpConnection::onReadyRead()
{
    QByteArray data = m_socket->readAll();
    if (!m_busy) {
        // A server must not speak unasked; whatever this is, the connection is unusable.
        m_serverWantsClose = true;
        m_socket->abort();
        emit closedWhileIdle();
        return;
    }
    if (!m_parser.feed(data)) {
        fail(NetError::Kind::Decode,
            tr("%1 sent a malformed HTTP response (%2)")
                .arg(where(), QString::fromLatin1(m_parser.errorString())),
            false, true);
        return;
    }
    if (m_parser.isDone())
        complete();
}

void PlainHttpConnection::complete()
{
    AttemptOutcome outcome;
    outcome.ok = true;
    outcome.response.status = m_parser.status();
    outcome.response.headers = m_parser.headers();
    outcome.response.body = m_parser.takeBody();
    m_serverWantsClose = !m_parser.keepAlive();
    m_busy = false;
    m_idle.start();
    if (m_serverWantsClose)
        m_socket->disconnectFromHost();
    Handler done = std::move(m_done);
    m_done = {};
    done(std::move(outcome)); // may delete this (later) or reuse it at once
}

void PlainHttpConnection::onDisconnected()
{
    if (!m_busy) {
        emit closedWhileIdle();
        return;
    }
    m_parser.finishOnClose();
    if (m_parser.isDone()) {
        complete();
        return;
    }
    if (m_parser.hasStarted()) {
        const qint64 expected = m_parser.contentLength();
        fail(NetError::Kind::Decode,
            expected >= 0 ? tr("the answer from %1 was cut off after %2 of %3 body bytes")
                                .arg(where())
                                .arg(m_parser.bodySize())
                                .arg(expected)
                          : tr("the answer from %1 was cut off").arg(where()),
            true, true);
        return;
    }
    if (!m_connected) {
        // Closed during the TLS handshake: nothing was sent.
        failBeforeSending();
        return;
    }
    fail(NetError::Kind::Network, tr("%1 closed the connection before answering").arg(where()),
        true, true);
}

void PlainHttpConnection::failBeforeSending()
{
    if (!m_tlsErrors.isEmpty()) {
        fail(NetError::Kind::Tls,
            tr("TLS certificate of %1 not trusted: %2 (a connection profile may accept it "
               "explicitly)")
                .arg(m_origin.host, m_tlsErrors.join(u"; ")),
            false, false);
        return;
    }
    fail(m_origin.tls ? NetError::Kind::Tls : NetError::Kind::Network,
        tr("connection to %1 failed: %2").arg(where(), m_socket->errorString()), !m_origin.tls,
        false);
}

void PlainHttpConnection::onError()
{
    const QAbstractSocket::SocketError error = m_socket->error();
    if (!m_busy) {
        m_serverWantsClose = true;
        emit closedWhileIdle();
        return;
    }
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        // Orderly close or reset while connected: disconnected() follows (or came already)
        // and tells a complete body from a cut-off one.
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
        return;
    case QAbstractSocket::ConnectionRefusedError:
        fail(NetError::Kind::Network,
            tr("connection refused by %1 (is the server running?)").arg(where()), true, false);
        return;
    case QAbstractSocket::HostNotFoundError:
        fail(NetError::Kind::Network, tr("host not found: %1").arg(m_origin.host), false, false);
        return;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        failBeforeSending();
        return;
    default:
        if (m_parser.hasStarted()) {
            fail(NetError::Kind::Decode,
                tr("the answer from %1 was cut off (%2)").arg(where(), m_socket->errorString()),
                true, true);
            return;
        }
        if (!m_connected) {
            failBeforeSending();
            return;
        }
        fail(NetError::Kind::Network,
            tr("connection to %1 failed: %2").arg(where(), m_socket->errorString()), true, true);
        return;
    }
}

void PlainHttpConnection::fail(
    NetError::Kind kind, const QString &message, bool retryable, bool reachedServer)
{
    AttemptOutcome outcome;
    outcome.error.kind = kind;
    outcome.error.message = message;
    outcome.retryable = retryable;
    outcome.mayHaveReachedServer = reachedServer;
    m_busy = false;
    m_serverWantsClose = true;
    m_socket->disconnect(this);
    m_socket->abort();
    Handler done = std::move(m_done);
    m_done = {};
    if (done)
        done(std::move(outcome));
}
