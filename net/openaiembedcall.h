#pragma once

#include "embedder.h"
#include "httptransport.h"
#include "openaiembedder.h"

#include <QHash>
#include <QPointer>
#include <QUrl>

/// One OpenAiEmbedder::embed(): the texts in batches, at most maxRequestsInFlight requests at a
/// time; finishes with every vector in the order of the texts, or with the first error (the
/// other requests are then cancelled).
class OpenAiEmbedCall final : public EmbedCall
{
    Q_OBJECT

public:
    OpenAiEmbedCall(HttpTransport *transport, const OpenAiEmbedderConfig &config,
        const QString &displayName, const QStringList &texts);

    void cancel() override;

private:
    struct Batch
    {
        qsizetype first = 0;
        qsizetype count = 0;
    };

    void splitIntoBatches();
    void sendMore();
    void onBatchFinished(HttpCall *call, const Result<HttpResponse> &result);
    void onCallDestroyed(HttpCall *call);
    QByteArray requestBody(const Batch &batch) const;
    NetError statusError(const HttpResponse &response) const;
    void fail(NetError error, qsizetype batchIndex);
    void finishLater(Result<Embeddings> result);
    void abortInFlight();
    QString redacted(QString text) const;

    QPointer<HttpTransport> m_transport;
    OpenAiEmbedderConfig m_config;
    QString m_displayName;
    QUrl m_endpoint;
    QStringList m_texts;
    QList<Batch> m_batches;
    qsizetype m_nextBatch = 0;
    qsizetype m_batchesDone = 0;
    QHash<HttpCall *, qsizetype> m_inFlight; ///< call → batch index
    Embeddings m_vectors;
    int m_receivedDimension = 0;
    bool m_done = false;
};
