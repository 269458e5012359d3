#include "qdrantcall.h"

#include "httpstatuserror.h"

#include <QCoreApplication>

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
        m_finished = m_aborted = true;
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
    error.message
        = m_lastRequest.isEmpty() ? tr("cancelled") : tr("%1: cancelled").arg(m_lastRequest);
    m_finished = m_aborted = true;
    // Never inside cancel(): the caller may be in the middle of tearing down.
    deliverLater([report = m_report, error] { report(error); });
}

void QdrantCall::abandon()
{
    m_finished = m_aborted = true;
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
    m_lastRequest = QString::fromLatin1(pending.method) + QLatin1Char(' ') + pending.path;
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
    HttpCall *http, const Result<HttpResponse> &result, const Pending &pending)
{
    // A copy: `pending` lives in the connection, which the disconnect below deletes.
    const Pending kept = pending;
    m_http.removeOne(http);
    disconnect(http, nullptr, this, nullptr);
    if (m_finished)
        return;
    if (!result.ok() || !isHttpSuccess(result.value().status)) {
        // The transport's messages already name the request; so does httpStatusError's.
        NetError error = result.ok() ? httpStatusError(kept.method, kept.path, result.value())
                                     : result.error();
        if (kept.annotate)
            kept.annotate(error);
        fail(error);
        return;
    }
    HttpResponse response = result.value();
    kept.onSuccess(std::move(response));
}

void QdrantCall::finish(std::function<void()> deliver)
{
    if (m_finished)
        return;
    m_finished = true;
    abortAll();
    deliverLater(std::move(deliver));
}

void QdrantCall::fail(NetError error)
{
    if (m_finished)
        return;
    error.message = redacted(error.message);
    error.serverMessage = redacted(error.serverMessage);
    m_finished = m_aborted = true;
    abortAll();
    deliverLater([report = m_report, error] { report(error); });
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

QObject *QdrantCall::eventReceiver()
{
    // The application object outlives everything a callback might delete: the client, its
    // transport, the socket whose signal is still on the stack below us.
    if (QObject *app = QCoreApplication::instance())
        return app;
    return this;
}

void QdrantCall::deliverLater(std::function<void()> deliver)
{
    QPointer<QdrantCall> self(this);
    QMetaObject::invokeMethod(
        eventReceiver(),
        [self, deliver = std::move(deliver)] {
            if (!self)
                return; // the client went away meanwhile: its calls end without a word
            const bool contextAlive = !self->m_context.isNull();
            self->deleteLater();
            if (contextAlive)
                deliver();
        },
        Qt::QueuedConnection);
}

void QdrantCall::postProgress(std::function<void()> report)
{
    QPointer<QdrantCall> self(this);
    QMetaObject::invokeMethod(
        eventReceiver(),
        [self, report = std::move(report)] {
            // Progress posted before a value still arrives (before it); after an abort, not.
            if (self && !self->m_aborted && !self->m_context.isNull())
                report();
        },
        Qt::QueuedConnection);
}
