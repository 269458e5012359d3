#include "plainconnectionpool.h"

#include "plainhttpconnection.h"

PlainConnectionPool::PlainConnectionPool(QObject *parent)
    : QObject(parent)
{ }

PlainConnectionPool::~PlainConnectionPool()
{
    // Connections are children; their destructors abort the sockets without calling back.
    m_waiters.clear();
}

int PlainConnectionPool::idleCount() const
{
    return int(m_idle.size());
}

int PlainConnectionPool::activeCount(const PlainOrigin &origin) const
{
    int count = 0;
    for (const PlainHttpConnection *connection : m_active) {
        if (connection->origin() == origin)
            ++count;
    }
    return count;
}

PlainHttpConnection *PlainConnectionPool::takeIdle(const PlainOrigin &origin)
{
    // Most recently used first: it is the least likely to have been closed by the server.
    for (qsizetype i = m_idle.size() - 1; i >= 0; --i) {
        PlainHttpConnection *connection = m_idle.at(i);
        if (!(connection->origin() == origin))
            continue;
        m_idle.removeAt(i);
        if (connection->isReusable() && connection->idleMs() <= m_maxIdleMs)
            return connection;
        drop(connection);
    }
    return nullptr;
}

void PlainConnectionPool::acquire(const PlainOrigin &origin, QObject *waiter, Ready ready)
{
    PlainHttpConnection *connection = takeIdle(origin);
    if (!connection && activeCount(origin) < m_maxPerHost) {
        connection = new PlainHttpConnection(origin, this);
        connect(connection, &PlainHttpConnection::closedWhileIdle, this, [this, connection] {
            if (m_idle.removeOne(connection))
                drop(connection);
        });
    }
    if (!connection) {
        m_waiters.append({origin, waiter, std::move(ready)});
        return;
    }
    m_active.append(connection);
    ready(connection);
}

void PlainConnectionPool::closeIdle()
{
    const QList<PlainHttpConnection *> idle = std::exchange(m_idle, {});
    for (PlainHttpConnection *connection : idle)
        drop(connection);
}

void PlainConnectionPool::cancelWait(QObject *waiter)
{
    m_waiters.removeIf([waiter](const Waiter &w) { return w.owner == waiter; });
}

void PlainConnectionPool::release(PlainHttpConnection *connection)
{
    m_active.removeOne(connection);
    if (connection->isReusable())
        m_idle.append(connection);
    else
        drop(connection);
    serveWaiters();
}

void PlainConnectionPool::discard(PlainHttpConnection *connection)
{
    m_active.removeOne(connection);
    m_idle.removeOne(connection);
    connection->abort();
    drop(connection);
    serveWaiters();
}

void PlainConnectionPool::drop(PlainHttpConnection *connection)
{
    connection->abort();
    // Later: we may be inside one of its socket's signals.
    connection->deleteLater();
}

void PlainConnectionPool::serveWaiters()
{
    // Waiters exist only while their host is at the limit, so one freed slot serves one waiter.
    for (qsizetype i = 0; i < m_waiters.size(); ++i) {
        if (!m_waiters.at(i).owner)
            continue;
        if (activeCount(m_waiters.at(i).origin) >= m_maxPerHost)
            continue;
        Waiter waiter = m_waiters.takeAt(i);
        acquire(waiter.origin, waiter.owner, std::move(waiter.ready));
        break; // ready() may have re-entered and changed the lists
    }
    m_waiters.removeIf([](const Waiter &w) { return !w.owner; });
}
