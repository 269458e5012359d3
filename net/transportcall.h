#pragma once

#include "attemptoutcome.h"
#include "httptransport.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class PlainHttpConnection;
class QNetworkReply;

/// HttpTransport's HttpCall: runs the attempts of one request (plain-HTTP client or
/// QNetworkAccessManager), each under its timeout, and decides on retries.
class TransportCall final : public HttpCall
{
    Q_OBJECT

public:
    TransportCall(HttpTransport::Private *transport, HttpRequest request, bool plainHttp);
    ~TransportCall() override;

    /// First attempt now; results never arrive before the caller got the pointer.
    void start();
    /// Finishes with `kind` on the next event-loop pass (nothing is sent).
    void rejectLater(const QString &message, NetError::Kind kind = NetError::Kind::Invalid);
    void cancel() override;
    /// The transport is being destroyed: stop everything, emit nothing.
    void abandon();

private:
    void startAttempt();
    void startPlain();
    void startNetworkReply();
    void onNetworkReplyFinished();
    void onAttemptDone(AttemptOutcome &&outcome);
    void onTimeout();
    void stopAttempt();
    void scheduleRetry(int delayMs);
    void finish(Result<HttpResponse> result, double serverMs = -1);
    QString describe(const QString &what) const;
    QString redact(QString text) const;
    QByteArray buildHead() const;

    HttpTransport::Private *d;
    HttpRequest m_request;
    QString m_path; ///< path only: the query may carry secrets
    bool m_plainHttp;
    int m_attempt = 0;
    bool m_finished = false;
    bool m_starting = false;
    QTimer m_timeout;
    QTimer m_backoff;
    QElapsedTimer m_attemptClock;
    double m_lastClientMs = 0;
    PlainHttpConnection *m_connection = nullptr;
    QPointer<QNetworkReply> m_reply;
    QStringList m_tlsErrors;
};
