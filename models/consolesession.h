#pragma once

#include "connectionprofile.h"
#include "httptransport.h"
#include "qdrantclient.h"
#include "scopedadmin.h"
#include "scopedpoints.h"
#include "tenantscope.h"

#include <QObject>

#include <optional>

/// One connection of the console: the profile, its QdrantClient, the server's version and the
/// tenant scope every pane works in. Panes never use the client directly: they take points()
/// and admin(), which carry the scope and the profile's read-only flag, so no pane can read or
/// change another tenant's points. A new scope (or a new connection) is announced with
/// scopeChanged(); panes then drop what they show and load again.
class ConsoleSession final : public QObject
{
    Q_OBJECT

public:
    enum class State { Closed, Opening, Open, Failed };

    explicit ConsoleSession(QObject *parent = nullptr);
    ~ConsoleSession() override;

    /// Connects to the profile's server (profile.url must be set; the embedded store's is set
    /// by the caller) and asks its version; ends in opened() or openFailed(). The scope starts
    /// as "All tenants" when the profile has no tenancy settings, else as no tenant chosen.
    void open(const ConnectionProfile &profile, const QString &apiKey);
    /// Forgets the connection: calls in flight are dropped, the scope is reset.
    void close();

    State state() const { return m_state; }
    const ConnectionProfile &profile() const { return m_profile; }
    std::optional<ServerVersion> serverVersion() const { return m_version; }
    bool isReadOnly() const { return m_profile.readOnly; }
    /// The raw client, for what needs no scope (server version, telemetry). Panes that touch
    /// points or collections use points() and admin().
    QdrantClient *client() const { return m_client; }
    HttpTransport *transport() const { return m_transport; }

    const TenantScope &scope() const { return m_scope; }
    /// Chooses the tenant (or All tenants, or none); announces it with scopeChanged().
    void setScope(const TenantScope &scope);

    /// Point reads and writes inside the current scope.
    ScopedPoints points() const;
    /// Collection management inside the current scope.
    ScopedAdmin admin() const;

signals:
    /// open() started on a profile (the status bar says "connecting").
    void opening(const ConnectionProfile &profile);
    void opened(const ServerVersion &version);
    void openFailed(const NetError &error);
    void closed();
    void scopeChanged(const TenantScope &scope);
    /// Every finished request, for the request log (never carries a secret).
    void requestLogged(const RequestLogEntry &entry);

private:
    HttpTransport *m_transport;
    QdrantClient *m_client;
    ConnectionProfile m_profile;
    State m_state = State::Closed;
    std::optional<ServerVersion> m_version;
    TenantScope m_scope;
    int m_generation = 0; ///< bumped by open() and close(): a late answer is dropped
};
