#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

#include "plainhttpconnection.h"

/// Keep-alive connections of the plain-HTTP client, per host and port: reuses idle ones, opens
/// new ones up to a limit, queues the rest in order. Lives on the transport's thread.
class PlainConnectionPool final : public QObject
{
    Q_OBJECT

public:
    using Ready = std::function<void(PlainHttpConnection *connection)>;

    explicit PlainConnectionPool(QObject *parent = nullptr);
    ~PlainConnectionPool() override;

    /// Calls `ready` with a connection to `origin` now, or later (in order) when one frees up.
    /// `waiter` identifies the request for cancelWait().
    void acquire(const PlainOrigin &origin, QObject *waiter, Ready ready);
    /// Forgets a queued acquire().
    void cancelWait(QObject *waiter);
    /// Gives a connection back after a complete exchange: kept when reusable, else closed.
    void release(PlainHttpConnection *connection);
    /// Drops a connection whose request failed, timed out or was cancelled.
    void discard(PlainHttpConnection *connection);

    /// Closes every idle connection.
    void closeIdle();

    void setMaxConnectionsPerHost(int count) { m_maxPerHost = count; }
    /// Idle connections older than this are not reused: servers close idle keep-alive
    /// connections (actix-web, which Qdrant uses, after 5 s), and a request sent into one that
    /// is being closed fails in a way that is unsafe to retry for non-idempotent requests.
    void setMaxIdleMs(int ms) { m_maxIdleMs = ms; }
    int idleCount() const;

private:
    struct Waiter
    {
        PlainOrigin origin;
        QPointer<QObject> owner;
        Ready ready;
    };

    PlainHttpConnection *takeIdle(const PlainOrigin &origin);
    int activeCount(const PlainOrigin &origin) const;
    void serveWaiters();
    void drop(PlainHttpConnection *connection);

    QList<PlainHttpConnection *> m_idle;
    QList<PlainHttpConnection *> m_active;
    QList<Waiter> m_waiters;
    int m_maxPerHost = 8;
    int m_maxIdleMs = 4000;
};
