#include "consolesession.h"

ConsoleSession::ConsoleSession(QObject *parent)
    : QObject(parent)
    , m_transport(new HttpTransport(this))
    , m_client(new QdrantClient(m_transport, this))
{
    m_transport->setRequestLogger(
        [this](const RequestLogEntry &entry) { emit requestLogged(entry); });
}

ConsoleSession::~ConsoleSession() = default;

void ConsoleSession::open(const ConnectionProfile &profile, const QString &apiKey)
{
    const int generation = ++m_generation;
    m_profile = profile;
    m_version.reset();
    m_state = State::Opening;
    m_transport->closeIdleConnections();
    m_transport->setIgnoreTlsErrors(profile.tlsIgnoreErrors);
    // A CA file that cannot be used fails the first request (serverVersion below) with an
    // error naming it, so it shows as openFailed rather than as an unexplained TLS error.
    m_transport->setCaCertificateFile(profile.caCertificatePath);
    m_client->setEndpoint(profile.url, apiKey);
    const bool tenancy = !profile.collectionPattern.isEmpty()
        || !profile.tenantPayloadKey.isEmpty();
    setScope(tenancy ? TenantScope() : TenantScope::allTenants());
    emit opening(m_profile);
    m_client->serverVersion(this, [this, generation](const Result<ServerVersion> &version) {
        if (generation != m_generation)
            return;
        if (!version.ok()) {
            m_state = State::Failed;
            emit openFailed(version.error());
            return;
        }
        m_version = version.value();
        m_state = State::Open;
        emit opened(version.value());
    });
}

void ConsoleSession::close()
{
    ++m_generation;
    m_client->setEndpoint(QUrl());
    m_transport->closeIdleConnections();
    m_version.reset();
    m_state = State::Closed;
    setScope(TenantScope());
    emit closed();
}

void ConsoleSession::setScope(const TenantScope &scope)
{
    if (scope == m_scope)
        return;
    m_scope = scope;
    emit scopeChanged(m_scope);
}

ScopedPoints ConsoleSession::points() const
{
    return ScopedPoints(m_client, m_scope, m_profile.readOnly);
}

ScopedAdmin ConsoleSession::admin() const
{
    return ScopedAdmin(m_client, m_scope, m_profile.readOnly);
}
