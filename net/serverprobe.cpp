#include "serverprobe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

ServerProbe::ServerProbe(QObject *parent) : QObject(parent)
{
    m_network.setAutoDeleteReplies(true);
}

void ServerProbe::probe(const QUrl &baseUrl, int timeoutMs)
{
    if (m_reply) {
        m_reply->disconnect(this); // superseded: its result is of no interest any more
        m_reply->abort();
    }
    QUrl url = baseUrl;
    url.setPath(QStringLiteral("/"));
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = m_network.get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        m_reply = nullptr;
        if (reply->error() != QNetworkReply::NoError) {
            // The transfer timeout aborts the reply, which Qt reports as "canceled".
            emit failed(reply->error() == QNetworkReply::OperationCanceledError
                            ? tr("no answer from %1 (timed out)").arg(reply->url().toString())
                            : reply->errorString());
            return;
        }
        const QJsonObject root = QJsonDocument::fromJson(reply->readAll()).object();
        const QString version = root.value(QStringLiteral("version")).toString();
        if (version.isEmpty()) {
            emit failed(tr("%1 does not look like a Qdrant server (no version in GET /)")
                            .arg(reply->url().toString()));
            return;
        }
        emit identified({root.value(QStringLiteral("title")).toString(), version});
    });
}
