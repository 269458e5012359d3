#include "connectionstatus.h"

#include "consolesession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

ConnectionStatus::ConnectionStatus(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_server(new QLabel(this))
    , m_tenant(new QLabel(this))
    , m_latency(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_server);
    layout->addWidget(m_tenant);
    layout->addWidget(m_latency);
    m_server->setObjectName(QStringLiteral("serverStatus"));
    m_tenant->setObjectName(QStringLiteral("tenantStatus"));
    m_latency->setObjectName(QStringLiteral("latencyStatus"));
    m_tenant->setMargin(2);
    m_latency->setToolTip(tr("Duration of the last request (client side; the server's own "
                             "time in brackets)"));

    connect(session, &ConsoleSession::opening, this, &ConnectionStatus::showConnecting);
    connect(session, &ConsoleSession::opened, this, &ConnectionStatus::showOpened);
    connect(session, &ConsoleSession::openFailed, this, &ConnectionStatus::showOpenFailed);
    connect(session, &ConsoleSession::scopeChanged, this, &ConnectionStatus::showScope);
    connect(session, &ConsoleSession::closed, this, [this] {
        m_server->setText(tr("Not connected"));
        m_latency->clear();
    });
    if (session->state() == ConsoleSession::State::Opening)
        showConnecting();
    else
        m_server->setText(tr("Not connected"));
    showScope(session->scope());
}

QString ConnectionStatus::serverText() const { return m_server->text(); }
QString ConnectionStatus::tenantText() const { return m_tenant->text(); }
QString ConnectionStatus::latencyText() const { return m_latency->text(); }

QString ConnectionStatus::serverName() const
{
    const ConnectionProfile &profile = m_session->profile();
    return tr("%1 at %2").arg(profile.name, profile.url.toString());
}

void ConnectionStatus::showConnecting()
{
    m_server->setText(tr("%1 — connecting…").arg(serverName()));
}

void ConnectionStatus::showOpened(const ServerVersion &version)
{
    m_server->setText(tr("%1 — Qdrant API %2").arg(serverName(), version.version));
}

void ConnectionStatus::showOpenFailed(const NetError &error)
{
    showUnreachable(error.message);
}

void ConnectionStatus::showUnreachable(const QString &message)
{
    m_server->setText(tr("%1 — not reachable: %2").arg(serverName(), message));
}

void ConnectionStatus::showScope(const TenantScope &scope)
{
    m_tenant->setText(scope.badgeText());
    // All tenants is an admin mode: shown on the palette's highlight of danger, never plain.
    if (scope.isAdmin()) {
        m_tenant->setStyleSheet(QStringLiteral(
            "QLabel { background: #b45309; color: white; border-radius: 3px; padding: 0 4px; }"));
    } else {
        m_tenant->setStyleSheet(QString());
    }
}

void ConnectionStatus::showLatency(double clientMs, double serverMs)
{
    const QLocale locale;
    QString text = tr("Last request %1 ms").arg(locale.toString(clientMs, 'f', 1));
    if (serverMs >= 0)
        text += tr(" (server %1 ms)").arg(locale.toString(serverMs, 'f', 1));
    m_latency->setText(text);
}
