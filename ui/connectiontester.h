#pragma once

#include "neterror.h"
#include "qdranttypes.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QdrantClient;

/// Tries a connection the way the console will use it: asks the server who it is (`GET /`),
/// then lists its collections with the API key, which is what proves the key (Qdrant answers
/// `GET /` without one). Reports exactly one of succeeded() or failed() per start(); a newer
/// start() or cancel() drops the test in flight without a word. Retries are off, so a server
/// that is down says so at once instead of after the backoff.
class ConnectionTester final : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    /// Starts a test of the server at url with apiKey (may be empty); ignoreTlsErrors is the
    /// profile's consent for self-signed certificates, caCertificateFile its CA file (PEM,
    /// trusted besides the system's CAs; empty for none).
    void start(const QUrl &url, const QString &apiKey, bool ignoreTlsErrors, int timeoutMs,
               const QString &caCertificateFile = QString());
    /// Drops the test in flight; no signal follows.
    void cancel();
    bool isRunning() const { return m_running; }

    /// The sentence a user sees for a failed test: what went wrong and what to do about it.
    static QString describe(const NetError &error, int timeoutMs);

signals:
    void succeeded(const ServerVersion &server, int collectionCount);
    void failed(const QString &message);

private:
    void fail(const NetError &error);

    std::unique_ptr<QdrantClient> m_client;
    int m_timeoutMs = 0;
    bool m_running = false;
};
