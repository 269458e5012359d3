#include "openaiembedcall.h"

#include "embeddingsresponse.h"
#include "retrypolicy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OpenAiEmbedder", text);
}

NetError makeError(NetError::Kind kind, const QString &message)
{
    NetError error;
    error.kind = kind;
    error.message = message;
    return error;
}

QString statusMeaning(int status)
{
    switch (status) {
    case 400:
        return tr("the service rejected the request");
    case 401:
        return tr("the service refused the API key");
    case 403:
        return tr("the API key may not use this model or endpoint");
    case 404:
        return tr("the service has no such model or endpoint");
    case 413:
        return tr("the request is too large for the service");
    case 422:
        return tr("the service could not process the request");
    case 429:
        return tr("the service is rate-limiting requests or the quota is used up");
    default:
        break;
    }
    if (status >= 500)
        return tr("the service failed");
    if (status >= 300 && status < 400)
        return tr("the service redirected the request (check the URL)");
    return tr("the service refused the request");
}

// Azure and OpenAI send the wait in milliseconds too; it is more precise than Retry-After.
int retryAfterMs(const HttpResponse &response)
{
    bool ok = false;
    const double ms = response.header("retry-after-ms").trimmed().toDouble(&ok);
    if (ok && ms >= 0)
        return int(qMin(ms, 24.0 * 3600 * 1000));
    return RetryPolicy::parseRetryAfterMs(
        response.header("Retry-After"), QDateTime::currentDateTimeUtc());
}

} // namespace

OpenAiEmbedCall::OpenAiEmbedCall(HttpTransport *transport, const OpenAiEmbedderConfig &config,
    const QString &displayName, const QStringList &texts)
    : m_transport(transport)
    , m_config(config)
    , m_displayName(displayName)
    , m_endpoint(OpenAiEmbedder::endpointUrl(config.url))
    , m_texts(texts)
    , m_vectors(texts.size())
{
    m_config.maxInputsPerRequest = qMax(1, m_config.maxInputsPerRequest);
    m_config.maxRequestsInFlight = qMax(1, m_config.maxRequestsInFlight);
    if (m_texts.isEmpty()) {
        finishLater(Embeddings());
        return;
    }
    if (!m_endpoint.isValid() || m_endpoint.scheme().isEmpty() || m_endpoint.host().isEmpty()) {
        finishLater(makeError(NetError::Kind::Invalid,
            tr("no valid embeddings URL is configured for %1 (\"%2\")")
                .arg(m_displayName, m_config.url.toDisplayString())));
        return;
    }
    for (qsizetype i = 0; i < m_texts.size(); ++i) {
        // The service answers an empty input with a 400; say which text it is instead.
        if (m_texts.at(i).trimmed().isEmpty()) {
            finishLater(makeError(NetError::Kind::Invalid,
                tr("text %1 of %2 is empty; there is nothing to embed")
                    .arg(i + 1)
                    .arg(m_texts.size())));
            return;
        }
    }
    if (!m_transport) {
        finishLater(makeError(NetError::Kind::Cancelled,
            tr("embedding with %1 cancelled: the connection is closed").arg(m_displayName)));
        return;
    }
    splitIntoBatches();
    sendMore();
}

void OpenAiEmbedCall::cancel()
{
    if (m_done)
        return;
    abortInFlight();
    finishLater(
        makeError(NetError::Kind::Cancelled, tr("embedding with %1 cancelled").arg(m_displayName)));
}

void OpenAiEmbedCall::splitIntoBatches()
{
    Batch batch;
    qsizetype chars = 0;
    for (qsizetype i = 0; i < m_texts.size(); ++i) {
        const qsizetype length = m_texts.at(i).size();
        const bool full = batch.count >= m_config.maxInputsPerRequest
            || (batch.count > 0 && chars + length > m_config.maxCharsPerRequest);
        if (full) {
            m_batches.append(batch);
            batch = {i, 0};
            chars = 0;
        }
        ++batch.count;
        chars += length;
    }
    m_batches.append(batch);
}

void OpenAiEmbedCall::sendMore()
{
    while (!m_done && m_nextBatch < m_batches.size()
        && m_inFlight.size() < m_config.maxRequestsInFlight) {
        if (!m_transport) {
            fail(makeError(NetError::Kind::Cancelled, tr("the connection is closed")), -1);
            return;
        }
        HttpRequest request;
        request.method = "POST";
        request.url = m_endpoint;
        request.body = requestBody(m_batches.at(m_nextBatch));
        request.idempotent = true; // the same texts give the same vectors
        request.timeoutMs = m_config.timeoutMs;
        request.operation = QStringLiteral("embeddings");
        if (!m_config.apiKey.isEmpty()) {
            if (m_config.auth == OpenAiEmbedderConfig::Auth::ApiKeyHeader)
                request.headers.append({"api-key", m_config.apiKey.toUtf8()});
            else
                request.headers.append({"Authorization", "Bearer " + m_config.apiKey.toUtf8()});
        }
        HttpCall *call = m_transport->send(std::move(request));
        m_inFlight.insert(call, m_nextBatch++);
        connect(call, &HttpCall::finished, this,
            [this, call](const Result<HttpResponse> &result) { onBatchFinished(call, result); });
        // The transport deletes its calls without finishing them when it is destroyed.
        connect(call, &QObject::destroyed, this, [this, call] { onCallDestroyed(call); });
    }
}

void OpenAiEmbedCall::onBatchFinished(HttpCall *call, const Result<HttpResponse> &result)
{
    const qsizetype batchIndex = m_inFlight.take(call);
    disconnect(call, nullptr, this, nullptr);
    if (m_done)
        return;
    if (!result.ok()) {
        NetError error = result.error();
        error.message = tr("embedding with %1 failed: %2").arg(m_displayName, error.message);
        fail(error, batchIndex);
        return;
    }
    const HttpResponse &response = result.value();
    if (response.status < 200 || response.status >= 300) {
        fail(statusError(response), batchIndex);
        return;
    }
    const Batch &batch = m_batches.at(batchIndex);
    Result<Embeddings> vectors
        = parseEmbeddingsResponse(response.body, batch.count, m_config.dimensions);
    if (!vectors.ok()) {
        NetError error = vectors.error();
        error.message = tr("embedding with %1 failed: %2").arg(m_displayName, error.message);
        fail(error, batchIndex);
        return;
    }
    const int dimension = int(vectors.value().constFirst().size());
    if (m_receivedDimension > 0 && dimension != m_receivedDimension) {
        fail(makeError(NetError::Kind::Decode,
                 tr("embedding with %1 failed: the service sent %2-dimensional vectors "
                    "after %3-dimensional ones")
                     .arg(m_displayName)
                     .arg(dimension)
                     .arg(m_receivedDimension)),
            batchIndex);
        return;
    }
    m_receivedDimension = dimension;
    for (qsizetype i = 0; i < batch.count; ++i)
        m_vectors[batch.first + i] = std::move(vectors.value()[i]);
    if (++m_batchesDone == m_batches.size()) {
        finishLater(std::move(m_vectors));
        return;
    }
    sendMore();
}

void OpenAiEmbedCall::onCallDestroyed(HttpCall *call)
{
    if (!m_inFlight.contains(call) || m_done)
        return;
    const qsizetype batchIndex = m_inFlight.take(call);
    // The transport is being destroyed and deletes the other calls too: touching them (cancel)
    // could reach into its half-destroyed state, so they are only forgotten.
    m_inFlight.clear();
    fail(makeError(NetError::Kind::Cancelled,
             tr("embedding with %1 cancelled: the connection was closed").arg(m_displayName)),
        batchIndex);
}

QByteArray OpenAiEmbedCall::requestBody(const Batch &batch) const
{
    QJsonObject body;
    if (!m_config.model.isEmpty())
        body.insert(QStringLiteral("model"), m_config.model);
    body.insert(
        QStringLiteral("input"), QJsonArray::fromStringList(m_texts.mid(batch.first, batch.count)));
    body.insert(QStringLiteral("encoding_format"), QStringLiteral("float"));
    if (m_config.dimensions > 0)
        body.insert(QStringLiteral("dimensions"), m_config.dimensions);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

NetError OpenAiEmbedCall::statusError(const HttpResponse &response) const
{
    NetError error;
    error.kind = NetError::Kind::Http;
    error.httpStatus = response.status;
    error.serverMessage = redacted(embeddingsErrorMessage(response.body));
    error.retryAfterMs
        = response.status == 429 || response.status == 503 ? retryAfterMs(response) : -1;
    QString message = tr("embedding with %1 failed: %2 (HTTP %3")
                          .arg(m_displayName, statusMeaning(response.status))
                          .arg(response.status);
    if (response.status == 404)
        message += QStringLiteral(" for ") + m_endpoint.toDisplayString(QUrl::RemoveQuery);
    if (response.attempts > 1)
        message += tr(", after %1 attempts").arg(response.attempts);
    message += QLatin1Char(')');
    if (!error.serverMessage.isEmpty())
        message += QStringLiteral(": ") + error.serverMessage;
    if (error.retryAfterMs >= 0)
        message += tr("; retry in %1 s").arg((error.retryAfterMs + 999) / 1000);
    error.message = message;
    return error;
}

void OpenAiEmbedCall::fail(NetError error, qsizetype batchIndex)
{
    if (m_done)
        return;
    if (batchIndex >= 0 && m_batches.size() > 1) {
        const Batch &batch = m_batches.at(batchIndex);
        error.message += tr(" (batch %1 of %2: texts %3 to %4)")
                             .arg(batchIndex + 1)
                             .arg(m_batches.size())
                             .arg(batch.first + 1)
                             .arg(batch.first + batch.count);
    }
    error.message = redacted(error.message);
    abortInFlight();
    finishLater(error);
}

void OpenAiEmbedCall::finishLater(Result<Embeddings> result)
{
    m_done = true;
    // Never from inside embed() or cancel(): the caller may not have connected yet, or may be
    // tearing down.
    QMetaObject::invokeMethod(
        this,
        [this, result = std::move(result)] {
            emit finished(result);
            deleteLater();
        },
        Qt::QueuedConnection);
}

void OpenAiEmbedCall::abortInFlight()
{
    const QList<HttpCall *> calls = m_inFlight.keys();
    m_inFlight.clear();
    for (HttpCall *call : calls) {
        disconnect(call, nullptr, this, nullptr);
        call->cancel();
    }
}

QString OpenAiEmbedCall::redacted(QString text) const
{
    // Some services and proxies quote the key they were sent in their error message.
    if (m_config.apiKey.size() >= 4)
        text.replace(m_config.apiKey, QStringLiteral("***"));
    return text;
}
