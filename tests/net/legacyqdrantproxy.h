#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTcpServer>

#include <memory>

class QTcpSocket;
class StoreClient;

/// An old Qdrant (1.7.4) on 127.0.0.1 for the client's version switch: `GET /` says 1.7.4,
/// `points/query` is unknown (404 with an empty body, as Qdrant 1.7's router answers), and
/// `points/search`, `points/recommend` and their batches are forwarded to a real memory-store,
/// whose legacy endpoints follow Qdrant 1.18. Records the path of every request it gets.
class LegacyQdrantProxy final : public QObject
{
    Q_OBJECT

public:
    explicit LegacyQdrantProxy(int storePort, QObject *parent = nullptr);
    ~LegacyQdrantProxy() override;

    bool listen();
    QString baseUrl() const;
    /// "METHOD /path" of every request, in order.
    const QStringList &received() const { return m_received; }

private:
    void onReadyRead(QTcpSocket *socket);
    QByteArray answer(const QByteArray &method, const QByteArray &target, const QByteArray &body);

    QTcpServer m_server;
    std::unique_ptr<StoreClient> m_store;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QStringList m_received;
};
