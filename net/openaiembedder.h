#pragma once

#include "embedder.h"

#include <QPointer>
#include <QString>
#include <QUrl>

class HttpTransport;

/// Where and how to reach an OpenAI-compatible embeddings endpoint (OpenAI, Azure OpenAI,
/// Ollama, vLLM, TEI, ...).
struct OpenAiEmbedderConfig
{
    enum class Auth {
        Bearer, ///< `Authorization: Bearer KEY` (OpenAI and most servers)
        ApiKeyHeader, ///< `api-key: KEY` (Azure OpenAI)
    };

    /// A base URL ("https://api.openai.com", "http://localhost:11434/v1") to which
    /// /v1/embeddings is appended, or the full endpoint, e.g. Azure's
    /// ".../openai/deployments/NAME/embeddings?api-version=2024-02-01".
    QUrl url;
    QString model; ///< sent as "model"; may be empty for Azure and TEI
    int dimensions = 0; ///< sent as "dimensions" when > 0; answers must then match it
    Auth auth = Auth::Bearer;
    QString apiKey; ///< from SecretStore; empty for servers without a key
    QString providerName; ///< for displayName(); empty: guessed from the host
    int maxInputsPerRequest = 256;
    int maxCharsPerRequest = 400000; ///< keeps a request well under the service's token limit
    int maxRequestsInFlight = 2;
    int timeoutMs = 60000; ///< transfer timeout of each attempt
};

/// Embeds through `POST /v1/embeddings` of an OpenAI-compatible service with HttpTransport:
/// texts split into batches (maxInputsPerRequest, maxCharsPerRequest), at most
/// maxRequestsInFlight at a time; 429 with Retry-After, 5xx and resets retried by the
/// transport's policy (embedding is idempotent); errors carry the service's own message. The API
/// key goes only into the request header, never into a message or the request log.
class OpenAiEmbedder final : public Embedder
{
    Q_OBJECT

public:
    /// `transport` is not owned; calls in flight end (Cancelled) if it is destroyed.
    OpenAiEmbedder(
        HttpTransport *transport, OpenAiEmbedderConfig config, QObject *parent = nullptr);

    EmbedCall *embed(const QStringList &texts) override;
    /// `dimensions` when configured, else the length of the last vectors received, else the
    /// size of a known OpenAI model, else 0.
    int dimension() const override;
    QString displayName() const override;
    QString modelId() const override { return m_config.model; }

    const OpenAiEmbedderConfig &config() const { return m_config; }
    /// The URL requests go to: `url` itself when its path ends in /embeddings, `url` + /embeddings
    /// when it ends in /v1, else `url` + /v1/embeddings.
    static QUrl endpointUrl(const QUrl &url);
    /// The default output size of OpenAI's own models; 0 for any other name.
    static int knownModelDimension(const QString &model);

private:
    QPointer<HttpTransport> m_transport;
    OpenAiEmbedderConfig m_config;
    int m_receivedDimension = 0;
};
