#pragma once

#include <QWidget>

class ConsoleSession;
class QLabel;
class TenantScope;
struct NetError;
struct ServerVersion;

/// The status bar's account of the connection: which server and version, which tenant scope
/// (with "All tenants (admin)" in a warning colour, so it is never mistaken for a tenant) and
/// how long the last request took.
class ConnectionStatus final : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionStatus(ConsoleSession *session, QWidget *parent = nullptr);

    QString serverText() const;
    QString tenantText() const;
    QString latencyText() const;

    /// Shows why there is no connection (the embedded store did not start, ...).
    void showUnreachable(const QString &message);
    /// Shows the duration of the latest request (server time -1 when not known).
    void showLatency(double clientMs, double serverMs);

private:
    void showConnecting();
    void showOpened(const ServerVersion &version);
    void showOpenFailed(const NetError &error);
    void showScope(const TenantScope &scope);
    QString serverName() const;

    ConsoleSession *m_session;
    QLabel *m_server;
    QLabel *m_tenant;
    QLabel *m_latency;
};
