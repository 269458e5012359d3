#include "faultpeer.h"

#include <QSslServer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

} // namespace

QByteArray FaultPeer::Received::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

FaultPeer::FaultPeer(QObject *parent)
    : QObject(parent)
{ }

FaultPeer::~FaultPeer() = default;

bool FaultPeer::listen()
{
    m_server = std::make_unique<QTcpServer>();
    // pendingConnectionAvailable, not newConnection: QSslServer queues a connection only once
    // its handshake is done.
    connect(
        m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FaultPeer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool FaultPeer::listenTls(const QSslConfiguration &configuration)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    m_server = std::move(server);
    m_tls = true;
    connect(
        m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FaultPeer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QString FaultPeer::baseUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(port());
}

void FaultPeer::setScript(QList<Action> actions)
{
    m_script = std::move(actions);
    m_next = 0;
}

FaultPeer::Action FaultPeer::respond(
    int status, QByteArray body, QList<QPair<QByteArray, QByteArray>> headers)
{
    Action action;
    action.status = status;
    action.body = std::move(body);
    action.headers = std::move(headers);
    return action;
}

FaultPeer::Action FaultPeer::truncate(int status, QByteArray sentBody, int declaredLength)
{
    Action action;
    action.kind = Action::Kind::Truncate;
    action.status = status;
    action.body = std::move(sentBody);
    action.delayMs = declaredLength; // reused: the Content-Length to promise
    return action;
}

FaultPeer::Action FaultPeer::delay(int ms, int status)
{
    Action action = respond(status);
    action.kind = Action::Kind::Delay;
    action.delayMs = ms;
    return action;
}

FaultPeer::Action FaultPeer::of(Action::Kind kind)
{
    Action action;
    action.kind = kind;
    return action;
}

void FaultPeer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setProperty("buffer", QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FaultPeer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        Received request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
            request.headers.append({name, value});
        }
        if (buffer.size() < headEnd + 4 + length)
            break; // the body is still coming
        request.body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        m_received.append(request);
        Action action = m_script.isEmpty() ? respond(200) : m_script.at(m_next);
        if (m_next + 1 < m_script.size())
            ++m_next;
        perform(socket, action);
        if (action.kind != Action::Kind::Respond)
            return; // the connection is gone or stalled: nothing more to read on it
    }
    socket->setProperty("buffer", buffer);
}

QByteArray FaultPeer::responseBytes(const Action &action, int declaredLength)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(action.status) + ' '
        + reasonPhrase(action.status) + "\r\n";
    bool hasContentType = false;
    for (const auto &[name, value] : action.headers) {
        out += name + ": " + value + "\r\n";
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            hasContentType = true;
    }
    if (!hasContentType)
        out += "Content-Type: application/json\r\n";
    out += "Content-Length: "
        + QByteArray::number(declaredLength >= 0 ? declaredLength : action.body.size()) + "\r\n\r\n"
        + action.body;
    return out;
}

void FaultPeer::perform(QTcpSocket *socket, const Action &action)
{
    switch (action.kind) {
    case Action::Kind::Respond:
        socket->write(responseBytes(action));
        break;
    case Action::Kind::Truncate:
        socket->write(responseBytes(action, action.delayMs));
        socket->disconnectFromHost(); // flushes what was written, then closes
        break;
    case Action::Kind::Delay: {
        QTimer::singleShot(action.delayMs, socket, [socket, action] {
            if (socket->state() == QAbstractSocket::ConnectedState)
                socket->write(responseBytes(action));
        });
        break;
    }
    case Action::Kind::Reset: {
        // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        const linger hard = {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        socket->abort();
        break;
    }
    case Action::Kind::Close:
        socket->disconnectFromHost();
        break;
    case Action::Kind::Hang:
        break;
    }
}
