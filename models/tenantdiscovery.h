#pragma once

#include "connectionprofile.h"
#include "tenantdiscoveryresult.h"
#include "tenantkeyscan.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QdrantClient;

/// Finds the tenants of a server, both ways at once: collection names that match the
/// profile's pattern (company_{id}_{type}) and the values of the profile's tenant payload key
/// in the other (shared) collections, through the facet where the key has an index and a
/// scroll sample where it has none (see TenantKeyScan). Runs asynchronously on the GUI
/// thread, one collection after another; reports progress at most ten times a second; can be
/// cancelled. A collection that cannot be read is listed in the result's problems and the
/// others still count.
///
/// Discovery reads across tenants, so it uses its own "All tenants" ScopedPoints and
/// ScopedAdmin (read-only) over the session's client; the picker then sets the session's scope.
class TenantDiscovery final : public QObject
{
    Q_OBJECT

public:
    explicit TenantDiscovery(QObject *parent = nullptr);
    ~TenantDiscovery() override;

    /// Facet limit, sample page size and bound for the next start().
    void setOptions(const TenantKeyScan::Options &options) { m_options = options; }
    const TenantKeyScan::Options &options() const { return m_options; }

    /// Discovers with the profile's collectionPattern and tenantPayloadKey (an empty one is
    /// not used); a discovery still running is dropped first.
    void start(QdrantClient *client, const ConnectionProfile &profile);
    /// Stops; failed() reports NetError::Kind::Cancelled.
    void cancel();
    bool isRunning() const { return m_running; }
    /// The last finished discovery.
    const TenantDiscoveryResult &result() const { return m_result; }

signals:
    /// Collections read so far of those to read, and points sampled so far.
    void progress(int collectionsDone, int collectionsTotal, qint64 pointsSampled);
    void finished(const TenantDiscoveryResult &result);
    /// The collections could not be listed, the profile's settings are malformed, or the
    /// discovery was cancelled.
    void failed(const NetError &error);

private:
    void onCollections(const QStringList &names);
    void scanNext();
    void reportProgress(bool force);
    void end(const NetError &error);

    TenantKeyScan::Options m_options;
    QPointer<QdrantClient> m_client;
    ConnectionProfile m_profile;
    CollectionPattern m_pattern;
    bool m_running = false;
    int m_generation = 0;
    QdrantCallHandle m_listCall;
    TenantKeyScan *m_scan = nullptr;
    QMap<QString, QStringList> m_byName;
    QStringList m_shared;
    QStringList m_ambiguous;
    QList<TenantDiscoveryResult::KeyScan> m_scans;
    QList<NetError> m_problems;
    int m_next = 0;
    qint64 m_sampledBefore = 0; ///< points sampled in the collections already read
    qint64 m_sampledNow = 0;
    QElapsedTimer m_sinceProgress;
    TenantDiscoveryResult m_result;
};
