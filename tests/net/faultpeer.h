#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>

#include <memory>

class QSslConfiguration;
class QTcpSocket;

/// A scriptable HTTP/1.1 peer on 127.0.0.1 for transport tests: each request it receives takes
/// the next scripted action (the last one repeats), so a test can serve "503, 503, 200" or
/// "reset the connection" and count exactly what arrived.
class FaultPeer final : public QObject
{
    Q_OBJECT

public:
    struct Action
    {
        enum class Kind {
            Respond, ///< status, headers, body with a correct Content-Length
            Truncate, ///< headers promise more body than is sent, then close
            Delay, ///< respond after delayMs (set it past the client's timeout)
            Reset, ///< close with SO_LINGER 0: the client sees a reset
            Close, ///< close without answering
            Hang, ///< never answer, keep the connection open
        };
        Kind kind = Kind::Respond;
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        int delayMs = 0;
    };

    struct Received
    {
        QByteArray method;
        QByteArray target;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };

    explicit FaultPeer(QObject *parent = nullptr);
    ~FaultPeer() override;

    bool listen();
    /// Speaks HTTPS with the given certificate and key instead.
    bool listenTls(const QSslConfiguration &configuration);
    quint16 port() const { return m_server->serverPort(); }
    QString baseUrl() const;

    void setScript(QList<Action> actions);
    const QList<Received> &received() const { return m_received; }
    int requestCount() const { return int(m_received.size()); }
    int connectionCount() const { return m_connections; }

    static Action respond(int status,
        QByteArray body = "{\"result\":true,\"status\":\"ok\","
                          "\"time\":0.002}",
        QList<QPair<QByteArray, QByteArray>> headers = {});
    static Action truncate(int status, QByteArray sentBody, int declaredLength);
    static Action delay(int ms, int status = 200);
    static Action of(Action::Kind kind);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void perform(QTcpSocket *socket, const Action &action);
    static QByteArray responseBytes(const Action &action, int declaredLength = -1);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QList<Action> m_script;
    qsizetype m_next = 0;
    QList<Received> m_received;
    int m_connections = 0;
};
