#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>

/// What `GET /` of a Qdrant-compatible server says about itself.
struct ServerInfo
{
    QString title;
    QString version;
};

/// Asks a server who it is (`GET /`), with a transfer timeout. Emits exactly one of
/// identified() or failed() per probe(); a newer probe() aborts the one in flight.
class ServerProbe final : public QObject
{
    Q_OBJECT

public:
    explicit ServerProbe(QObject *parent = nullptr);

    void probe(const QUrl &baseUrl, int timeoutMs = 5000);

signals:
    void identified(const ServerInfo &info);
    void failed(const QString &message);

private:
    QNetworkAccessManager m_network;
    QNetworkReply *m_reply = nullptr;
};
