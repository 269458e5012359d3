#include "openaiembedder.h"

#include "httptransport.h"
#include "openaiembedcall.h"

OpenAiEmbedder::OpenAiEmbedder(
    HttpTransport *transport, OpenAiEmbedderConfig config, QObject *parent)
    : Embedder(parent)
    , m_transport(transport)
    , m_config(std::move(config))
{ }

EmbedCall *OpenAiEmbedder::embed(const QStringList &texts)
{
    auto *call = new OpenAiEmbedCall(m_transport, m_config, displayName(), texts);
    // Connected before the caller can connect, so dimension() is up to date when they hear.
    connect(call, &EmbedCall::finished, this, [this](const Result<Embeddings> &result) {
        if (result.ok() && !result.value().isEmpty())
            m_receivedDimension = int(result.value().constFirst().size());
    });
    return call;
}

int OpenAiEmbedder::dimension() const
{
    if (m_config.dimensions > 0)
        return m_config.dimensions;
    if (m_receivedDimension > 0)
        return m_receivedDimension;
    return knownModelDimension(m_config.model);
}

QString OpenAiEmbedder::displayName() const
{
    QString provider = m_config.providerName;
    if (provider.isEmpty()) {
        const QString host = m_config.url.host();
        if (host == QLatin1String("api.openai.com"))
            provider = QStringLiteral("OpenAI");
        else if (host.endsWith(QLatin1String(".openai.azure.com")))
            provider = QStringLiteral("Azure OpenAI");
        else if (m_config.url.port() > 0)
            provider = host + QLatin1Char(':') + QString::number(m_config.url.port());
        else
            provider = host;
    }
    if (m_config.model.isEmpty())
        return provider;
    return provider + QLatin1Char(' ') + m_config.model;
}

QUrl OpenAiEmbedder::endpointUrl(const QUrl &url)
{
    QUrl endpoint = url;
    QString path = url.path();
    if (path.endsWith(QLatin1String("/embeddings")))
        return endpoint;
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/v1")))
        path += QStringLiteral("/embeddings");
    else
        path += QStringLiteral("/v1/embeddings");
    endpoint.setPath(path);
    return endpoint;
}

int OpenAiEmbedder::knownModelDimension(const QString &model)
{
    if (model == QLatin1String("text-embedding-3-small")
        || model == QLatin1String("text-embedding-ada-002"))
        return 1536;
    if (model == QLatin1String("text-embedding-3-large"))
        return 3072;
    return 0;
}
