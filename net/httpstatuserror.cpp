#include "httpstatuserror.h"

#include "retrypolicy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HttpTransport", text);
}

QString meaning(int status)
{
    switch (status) {
    case 400:
        return tr("the server rejected the request as malformed");
    case 401:
        return tr("the server wants a valid API key");
    case 403:
        return tr("the API key may not do this (a read-only key?)");
    case 404:
        return tr("not found");
    case 408:
        return tr("the server gave up waiting for the request");
    case 409:
        return tr("conflict with the current state");
    case 413:
        return tr("the request is too large for the server");
    case 422:
        return tr("the server could not process the request");
    case 429:
        return tr("the server is rate-limiting requests");
    case 500:
        return tr("the server failed");
    case 502:
        return tr("bad gateway in front of the server");
    case 503:
        return tr("the server is unavailable");
    case 504:
        return tr("gateway timeout in front of the server");
    default:
        break;
    }
    if (status >= 300 && status < 400)
        return tr("unexpected redirect");
    if (status >= 500)
        return tr("server error");
    return tr("request refused");
}

/// Qdrant puts the reason in {"status":{"error":"..."}}; other servers send text or HTML.
QString serverMessageOf(const QByteArray &body)
{
    if (body.isEmpty() || body.size() > 256 * 1024)
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonValue status = doc.object().value(QStringLiteral("status"));
        if (status.isObject())
            return status.toObject().value(QStringLiteral("error")).toString();
        return {};
    }
    // Not JSON: a short plain-text reason is still worth showing, markup is not.
    QString text = QString::fromUtf8(body.left(200)).simplified();
    if (text.startsWith(QLatin1Char('<')))
        return {};
    return text;
}

} // namespace

NetError httpStatusError(
    const QByteArray &method, const QString &path, const HttpResponse &response)
{
    NetError error;
    error.kind = NetError::Kind::Http;
    error.httpStatus = response.status;
    error.serverMessage = serverMessageOf(response.body);
    error.retryAfterMs = RetryPolicy::parseRetryAfterMs(
        response.header("Retry-After"), QDateTime::currentDateTimeUtc());
    QString sentence = QStringLiteral("%1 %2: %3 (HTTP %4)")
                           .arg(QString::fromLatin1(method), path, meaning(response.status))
                           .arg(response.status);
    if (!error.serverMessage.isEmpty())
        sentence += QStringLiteral(": ") + error.serverMessage;
    if (error.retryAfterMs >= 0)
        sentence += tr("; retry after %1 s").arg((error.retryAfterMs + 999) / 1000);
    error.message = sentence;
    return error;
}
