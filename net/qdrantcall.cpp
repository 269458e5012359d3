#include "qdrantcall.h"

#include "httpstatuserror.h"

QdrantCall::QdrantCall(HttpTransport *transport, QObject *context, QString apiKey, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_context(context)
    , m_apiKey(std::move(apiKey))
{
    // A closed pane must never get a late reply: its death aborts the call without a word.
    connect(context, &QObject::destroyed, this, [this] {
        if (m_finished)
            return;
        m_finished = true;
        abortAll();
        deleteLater();
    });
}

QdrantCall::~QdrantCall()
{
    abortAll();
}

void QdrantCall::cancel()
{
    if (m_finished)
        return;
    abortAll();
    NetError error;
    error.kind = NetError::Kind::Cancelled;
    error.message = tr("cancelled");
    m_finished = true;
    // Never inside cancel(): the caller may be in the middle of tearing down.
    deliverNowOrLater([report = m_report, error] { report(error); }, true);
}

void QdrantCall::abandon()
{
    m_finished = true;
    abortAll();
}

void QdrantCall::send(HttpRequest request, std::function<void(HttpResponse &&)> onSuccess,
    std::function<void(NetError &)> annotate)
{
    if (m_finished)
        return;
    Pending pending {request.method, request.url.path(), std::move(onSuccess), std::move(annotate)};
    if (!m_transport) {
        NetError error;
        error.kind = NetError::Kind::Cancelled;
        error.message = tr("%1 %2: the connection is closed")
                            .arg(QString::fromLatin1(pending.method), pending.path);
        fail(error);
        return;
    }
    HttpCall *http = m_transport->send(std::move(request));
    m_http.append(http);
    connect(http, &QObject::destroyed, this, [this, http, pending] {
        if (!m_http.removeOne(http) || m_finished)
            return;
        // The transport is going away and deletes the other calls too: touching them could
        // reach into its half-destroyed state, so they are only forgotten.
        m_http.clear();
        NetError error;
        error.kind = NetError::Kind::Cancelled;
        error.message = tr("%1 %2: the connection was closed")
                            .arg(QString::fromLatin1(pending.method), pending.path);
        fail(error);
    });
    connect(http, &HttpCall::finished, this,
        [this, http, pending = std::move(pending)](
            const Result<HttpResponse> &result) { onHttpFinished(http, result, pending); });
}

void QdrantCall::onHttpFinished(
    HttpCall *http, const Result<HttpResponse> &result, const Pending &connected)
{
    const Pending pending = connected; // the connection that holds it goes away next
    m_http.removeOne(http);
    disconnect(http, nullptr, this, nullptr);
    m_replied = true;
    if (m_finished)
        return;
    if (!result.ok() || !isHttpSuccess(result.value().status)) {
        // The transport's messages already name the request; so does httpStatusError's.
        NetError error = result.ok() ? httpStatusError(pending.method, pending.path, result.value())
                                     : result.error();
        if (pending.annotate)
            pending.annotate(error);
        fail(error);
        return;
    }
    HttpResponse response = result.value();
    pending.onSuccess(std::move(response));
}

void QdrantCall::finish(std::function<void()> deliver)
{
    if (m_finished)
        return;
    m_finished = true;
    abortAll();
    deliverNowOrLater(std::move(deliver), !m_replied);
}

void QdrantCall::fail(NetError error)
{
    if (m_finished)
        return;
    error.message = redacted(error.message);
    error.serverMessage = redacted(error.serverMessage);
    m_finished = true;
    abortAll();
    deliverNowOrLater([report = m_report, error] { report(error); }, !m_replied);
}

QString QdrantCall::redacted(QString text) const
{
    if (m_apiKey.size() >= 4)
        text.replace(m_apiKey, QStringLiteral("***"));
    return text;
}

void QdrantCall::abortAll()
{
    const QList<HttpCall *> calls = std::exchange(m_http, {});
    for (HttpCall *http : calls) {
        disconnect(http, nullptr, this, nullptr);
        http->cancel();
    }
    if (auto abort = std::exchange(m_abort, nullptr))
        abort();
}

void QdrantCall::deliverNowOrLater(std::function<void()> deliver, bool later)
{
    const auto run = [this, deliver = std::move(deliver)] {
        // deleteLater() first: the caller's callback may delete the client, and with it this.
        deleteLater();
        if (m_context)
            deliver();
    };
    if (later)
        QMetaObject::invokeMethod(this, run, Qt::QueuedConnection);
    else
        run();
}
