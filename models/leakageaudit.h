#pragma once

#include "connectionprofile.h"
#include "leakagefinding.h"
#include "qdrantcallhandle.h"
#include "tenantscope.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

class QdrantClient;

/// Looks for points that sit outside the tenancy rules, in the collections of a scope (every
/// collection for "All tenants", the covered ones for a tenant), with exact counts:
/// - shared collections (names the pattern gives no tenant): points without the tenant key
///   (is_empty), and points whose key holds several values (values_count ≥ 2; in a tenant
///   scope, those among them that hold the tenant's value);
/// - a tenant's own collections (company_42_x), when the profile has a tenant key: points
///   whose key is present and is not the tenant (42 and "42" both agree with company_42_x,
///   whose name cannot tell them apart), or holds several values;
/// - names the pattern reads as more than one tenant's ("All tenants" only): all their points.
/// Each finding carries the filter that selects exactly its points. The counts run with an
/// "All tenants" ScopedPoints (read-only) over the session's client, since the points it looks
/// for are precisely those a tenant scope leaves out; one request at a time, cancellable.
class LeakageAudit final : public QObject
{
    Q_OBJECT

public:
    explicit LeakageAudit(QObject *parent = nullptr);
    ~LeakageAudit() override;

    /// Audits the collections scope covers, with the profile's pattern and tenant key; a run
    /// still going is dropped first. Fails (Invalid) when no tenant is chosen.
    void start(QdrantClient *client, const ConnectionProfile &profile, const TenantScope &scope);
    /// Stops; failed() reports NetError::Kind::Cancelled.
    void cancel();
    bool isRunning() const { return m_running; }

    /// Every check of the last finished run, zero counts included, by collection.
    const QList<LeakageFinding> &findings() const { return m_findings; }
    /// The checks that found points.
    QList<LeakageFinding> leaks() const;
    /// The collections the last run looked at.
    const QStringList &collections() const { return m_collections; }
    /// Checks that could not run (the rest still count).
    const QList<NetError> &problems() const { return m_problems; }

    /// The filter of points in collection `company_{id}_…` whose key is present and is not
    /// tenantId (as text, or as the integer it spells), or holds several values.
    static QJsonObject foreignValueFilter(const QString &payloadKey, const QString &tenantId);

signals:
    /// Checks done of those planned.
    void progress(int done, int total);
    void finished();
    /// The collections could not be listed, the settings are malformed, no tenant is chosen,
    /// or the audit was cancelled.
    void failed(const NetError &error);

private:
    void plan(const QStringList &names);
    void runNext();
    void end(const NetError &error);

    QPointer<QdrantClient> m_client;
    ConnectionProfile m_profile;
    TenantScope m_scope;
    CollectionPattern m_pattern;
    bool m_running = false;
    int m_generation = 0;
    QdrantCallHandle m_call;
    QList<LeakageFinding> m_pending; ///< planned checks; counted one by one
    int m_next = 0;
    QList<LeakageFinding> m_findings;
    QStringList m_collections;
    QList<NetError> m_problems;
    QElapsedTimer m_sinceProgress;
};
