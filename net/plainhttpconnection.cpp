#include "plainhttpconnection.h"

#include <QNetworkProxy>
#include <QTcpSocket>

PlainHttpConnection::PlainHttpConnection(const QString &host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_port(port)
    , m_socket(new QTcpSocket(this))
{
    // HttpTransport sends proxied URLs through QNAM; this socket always goes direct.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_connected = true;
        // The point of this class: the whole request leaves at once instead of its tail
        // waiting for the ACK of its head (Nagle + delayed ACK).
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (m_busy && !m_head.isEmpty())
            writeRequest();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &PlainHttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &PlainHttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &PlainHttpConnection::onError);
}

PlainHttpConnection::~PlainHttpConnection()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

bool PlainHttpConnection::isReusable() const
{
    return !m_busy && !m_serverWantsClose && m_socket->state() == QAbstractSocket::ConnectedState
        && m_socket->bytesAvailable() == 0;
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
    switch (m_socket->state()) {
    case QAbstractSocket::ConnectedState:
        writeRequest();
        break;
    case QAbstractSocket::UnconnectedState:
        m_connected = false;
        m_socket->connectToHost(m_host, m_port);
        break;
    default:
        break; // connecting: connected() writes it
    }
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
            tr("%1:%2 sent a malformed HTTP response (%3)")
                .arg(m_host)
                .arg(m_port)
                .arg(QString::fromLatin1(m_parser.errorString())),
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
            expected >= 0 ? tr("the answer from %1:%2 was cut off after %3 of %4 body bytes")
                                .arg(m_host)
                                .arg(m_port)
                                .arg(m_parser.bodySize())
                                .arg(expected)
                          : tr("the answer from %1:%2 was cut off").arg(m_host).arg(m_port),
            true, true);
        return;
    }
    fail(NetError::Kind::Network,
        tr("%1:%2 closed the connection before answering").arg(m_host).arg(m_port), true, true);
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
            tr("connection refused by %1:%2 (is the server running?)").arg(m_host).arg(m_port),
            true, false);
        return;
    case QAbstractSocket::HostNotFoundError:
        fail(NetError::Kind::Network, tr("host not found: %1").arg(m_host), false, false);
        return;
    default:
        if (m_parser.hasStarted()) {
            fail(NetError::Kind::Decode,
                tr("the answer from %1:%2 was cut off (%3)")
                    .arg(m_host)
                    .arg(m_port)
                    .arg(m_socket->errorString()),
                true, true);
            return;
        }
        fail(NetError::Kind::Network,
            tr("connection to %1:%2 failed: %3")
                .arg(m_host)
                .arg(m_port)
                .arg(m_socket->errorString()),
            true, m_connected);
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
