#pragma once

#include "backgroundpool.h"
#include "httptransport.h"
#include "result.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

/// How a QdrantClient call reports: exactly once, from the event loop.
template <typename T> using QdrantDone = std::function<void(const Result<T> &)>;

/// One QdrantClient call in flight; it may span several HTTP requests (the version probe it
/// waits for, upsert batches, the two halves of a legacy query batch). Reports through the
/// caller's callback exactly once, from the event loop with nothing of the client's or the
/// transport's on the stack (never inside the method that started it, inside cancel() or
/// inside a socket's signal, so the callback may delete the client), and only while the
/// caller's context object lives: when the context is destroyed the call is aborted silently.
/// Deletes itself once finished.
class QdrantCall final : public QObject
{
    Q_OBJECT

public:
    /// `apiKey` is redacted from every error text the call reports.
    QdrantCall(HttpTransport *transport, QObject *context, QString apiKey, QObject *parent);
    ~QdrantCall() override;

    /// Aborts the requests in flight; the callback then gets NetError::Kind::Cancelled.
    void cancel();
    /// Aborts everything without a word (the client is being destroyed).
    void abandon();
    bool isFinished() const { return m_finished; }

    /// How an error reaches the caller's typed callback.
    template <typename T> void bind(QdrantDone<T> done)
    {
        m_report = [done = std::move(done)](const NetError &error) { done(Result<T>(error)); };
    }
    /// Sends one request; onSuccess gets a 2xx answer. A transport error or an HTTP error
    /// status ends the call with that error, with Qdrant's `status.error` text, after
    /// annotate (when given) has had a chance to add to its message.
    void send(HttpRequest request, std::function<void(HttpResponse &&response)> onSuccess,
        std::function<void(NetError &)> annotate = {});
    /// Requests still in flight (upserts keep several).
    int inFlight() const { return int(m_http.size()); }
    /// Runs work on lowered (a pool below the GUI thread's priority), or on Qt's global pool
    /// when that is null; then() runs here afterwards unless the call ended first.
    template <typename R, typename Work, typename Then>
    void runOffThread(BackgroundPool *lowered, Work work, Then then)
    {
        auto boxed = [work = std::move(work)]() mutable { return std::make_shared<R>(work()); };
        auto after = [this, then = std::move(then)](std::shared_ptr<R> result) mutable {
            if (!m_finished)
                then(std::move(*result));
        };
        if (lowered)
            lowered->run(this, std::move(boxed), std::move(after));
        else
            runPooled(this, std::move(boxed), std::move(after));
    }
    /// Ends the call with a value: runs deliver (which calls the typed callback).
    void finish(std::function<void()> deliver);
    /// Ends the call with an error (the API key redacted from its texts).
    void fail(NetError error);
    /// Runs report (a progress callback) from the event loop unless the call has been aborted
    /// by then: never inside the transport's signals, so the caller may even delete the client.
    void postProgress(std::function<void()> report);
    /// What cancel() must stop besides HTTP calls (a download's reply, a file).
    void setAbortHandler(std::function<void()> abort) { m_abort = std::move(abort); }
    /// Removes the API key from text a server sent back (some echo the key they got).
    QString redacted(QString text) const;

private:
    struct Pending
    {
        QByteArray method;
        QString path;
        std::function<void(HttpResponse &&)> onSuccess;
        std::function<void(NetError &)> annotate;
    };
    void onHttpFinished(HttpCall *http, const Result<HttpResponse> &result, const Pending &pending);
    void abortAll();
    /// Runs deliver from the event loop, with nothing of ours or the transport's on the stack,
    /// unless the call was deleted (its client went away) or the context is gone.
    void deliverLater(std::function<void()> deliver);
    QObject *eventReceiver();

    QPointer<HttpTransport> m_transport;
    QPointer<QObject> m_context;
    QString m_apiKey;
    QString m_lastRequest; ///< "METHOD /path" of the latest request, for messages
    QList<HttpCall *> m_http; ///< in flight
    std::function<void(const NetError &)> m_report;
    std::function<void()> m_abort;
    bool m_finished = false;
    bool m_aborted = false; ///< ended without a value: cancelled, failed or abandoned
};
