#include "tenantdiscovery.h"

#include "payloadpath.h"
#include "qdrantclient.h"
#include "scopedadmin.h"
#include "scopedpoints.h"

#include <QTimer>

namespace {

// Progress at most ten times a second (STYLE: long jobs).
constexpr qint64 kProgressIntervalMs = 100;

NetError cancelledError()
{
    NetError error;
    error.kind = NetError::Kind::Cancelled;
    error.message = TenantDiscovery::tr("Tenant discovery was cancelled.");
    return error;
}

} // namespace

TenantDiscovery::TenantDiscovery(QObject *parent)
    : QObject(parent)
{ }

TenantDiscovery::~TenantDiscovery()
{
    // Late answers are dropped with the context objects; nothing is reported.
    ++m_generation;
    m_listCall.cancel();
}

void TenantDiscovery::start(QdrantClient *client, const ConnectionProfile &profile)
{
    const int generation = ++m_generation;
    m_listCall.cancel();
    if (m_scan) {
        m_scan->cancel();
        m_scan->deleteLater();
        m_scan = nullptr;
    }
    m_client = client;
    m_profile = profile;
    m_pattern = CollectionPattern();
    m_byName.clear();
    m_shared.clear();
    m_ambiguous.clear();
    m_scans.clear();
    m_problems.clear();
    m_next = 0;
    m_sampledBefore = 0;
    m_sampledNow = 0;
    m_running = true;
    m_sinceProgress.start();

    if (!client) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("Not connected: there are no tenants to discover.");
        QTimer::singleShot(0, this, [this, generation, error] {
            if (generation == m_generation)
                end(error);
        });
        return;
    }
    if (!profile.collectionPattern.isEmpty()) {
        auto pattern = CollectionPattern::parse(profile.collectionPattern);
        if (!pattern) {
            const NetError &error = pattern.error();
            QTimer::singleShot(0, this, [this, generation, error] {
                if (generation == m_generation)
                    end(error);
            });
            return;
        }
        m_pattern = std::move(pattern).value();
    }
    const auto keyPath = PayloadPath::keys(profile.tenantPayloadKey);
    if (!profile.tenantPayloadKey.isEmpty() && (!keyPath || keyPath->isEmpty())) {
        // Said once here rather than once per shared collection by each scan.
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("The tenant payload key \"%1\" is not a path of object keys.")
                            .arg(profile.tenantPayloadKey);
        QTimer::singleShot(0, this, [this, generation, error] {
            if (generation == m_generation)
                end(error);
        });
        return;
    }
    const ScopedAdmin admin(client, TenantScope::allTenants(), true);
    m_listCall = admin.listCollections(this, [this, generation](const Result<QStringList> &names) {
        if (generation != m_generation)
            return;
        if (!names.ok())
            return end(names.error());
        onCollections(names.value());
    });
}

void TenantDiscovery::cancel()
{
    if (!m_running)
        return;
    ++m_generation;
    m_listCall.cancel();
    if (m_scan)
        m_scan->cancel();
    end(cancelledError());
}

void TenantDiscovery::onCollections(const QStringList &names)
{
    for (const QString &name : names) {
        const CollectionPattern::Match match = m_pattern.match(name);
        switch (match.kind) {
        case CollectionPattern::Match::Kind::Tenant:
            m_byName[match.tenantId].append(name);
            break;
        case CollectionPattern::Match::Kind::Ambiguous:
            m_ambiguous.append(name);
            break;
        case CollectionPattern::Match::Kind::None:
            m_shared.append(name);
            break;
        }
    }
    if (!m_profile.tenantPayloadKey.isEmpty() && !m_shared.isEmpty()) {
        m_scan = new TenantKeyScan(ScopedPoints(m_client, TenantScope::allTenants(), true),
            ScopedAdmin(m_client, TenantScope::allTenants(), true), this);
        connect(m_scan, &TenantKeyScan::sampledPoints, this, [this](qint64 count) {
            m_sampledNow = m_sampledBefore + count;
            reportProgress(false);
        });
    }
    reportProgress(true);
    scanNext();
}

void TenantDiscovery::scanNext()
{
    if (!m_scan || m_next >= m_shared.size()) {
        m_result = TenantDiscoveryResult::build(m_byName, m_scans);
        m_result.sharedCollections = m_shared;
        m_result.ambiguousCollections = m_ambiguous;
        m_result.problems = m_problems;
        m_result.payloadKey = m_profile.tenantPayloadKey;
        m_result.pattern = m_profile.collectionPattern;
        m_running = false;
        if (m_scan) {
            m_scan->deleteLater();
            m_scan = nullptr;
        }
        reportProgress(true);
        emit finished(m_result);
        return;
    }
    const int generation = m_generation;
    const QString collection = m_shared.at(m_next);
    m_scan->start(collection, m_profile.tenantPayloadKey, m_options,
        [this, generation, collection](const Result<TenantDiscoveryResult::KeyScan> &scan) {
            if (generation != m_generation)
                return;
            if (scan.ok()) {
                m_scans.append(scan.value());
            } else if (scan.error().kind == NetError::Kind::Cancelled) {
                return end(scan.error());
            } else {
                NetError problem = scan.error();
                problem.message = tr("The tenants in \"%1\" could not be read: %2")
                                      .arg(collection, problem.message);
                m_problems.append(problem);
            }
            m_sampledBefore = m_sampledNow;
            ++m_next;
            reportProgress(false);
            scanNext();
        });
}

void TenantDiscovery::reportProgress(bool force)
{
    if (!force && m_sinceProgress.elapsed() < kProgressIntervalMs)
        return;
    m_sinceProgress.restart();
    emit progress(m_next, int(m_shared.size()), m_sampledNow);
}

void TenantDiscovery::end(const NetError &error)
{
    m_running = false;
    if (m_scan) {
        m_scan->deleteLater();
        m_scan = nullptr;
    }
    emit failed(error);
}
