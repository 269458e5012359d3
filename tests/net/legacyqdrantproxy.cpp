#include "legacyqdrantproxy.h"

#include "storeclient.h"

#include <QTcpSocket>

namespace {

QByteArray response(int status, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Error")
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
}

} // namespace

LegacyQdrantProxy::LegacyQdrantProxy(int storePort, QObject *parent)
    : QObject(parent)
    , m_store(std::make_unique<StoreClient>(storePort))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

LegacyQdrantProxy::~LegacyQdrantProxy()
{
    // The sockets (children of m_server) outlive m_buffers: they must not call back into us.
    for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
        socket->disconnect(this);
}

bool LegacyQdrantProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString LegacyQdrantProxy::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
}

void LegacyQdrantProxy::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
        qsizetype length = 0;
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        if (buffer.size() < headEnd + 4 + length)
            return;
        const QByteArray body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        socket->write(answer(start.value(0), start.value(1), body));
    }
}

QByteArray LegacyQdrantProxy::answer(
    const QByteArray &method, const QByteArray &target, const QByteArray &body)
{
    const qsizetype question = target.indexOf('?');
    const QString path = QString::fromLatin1(question < 0 ? target : target.left(question));
    m_received.append(QString::fromLatin1(method) + u' ' + path);
    if (method == "GET" && path == u"/") {
        return response(200,
            "{\"title\":\"qdrant - vector search engine\","
            "\"version\":\"1.7.4\"}");
    }
    static const QStringList legacy
        = {QStringLiteral("/points/search"), QStringLiteral("/points/search/batch"),
            QStringLiteral("/points/recommend"), QStringLiteral("/points/recommend/batch")};
    const bool forwarded = std::any_of(
        legacy.cbegin(), legacy.cend(), [&](const QString &end) { return path.endsWith(end); });
    if (!forwarded)
        return response(404, {}); // 1.7 has no points/query: its router knows no such path
    const StoreClient::Response forwardedAnswer
        = m_store->request(method, QString::fromLatin1(target), body, {});
    return response(forwardedAnswer.status ? forwardedAnswer.status : 502, forwardedAnswer.body);
}
