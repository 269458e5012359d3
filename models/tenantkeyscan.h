#pragma once

#include "scopedadmin.h"
#include "scopedpoints.h"
#include "tenantdiscoveryresult.h"

#include <QHash>
#include <QObject>

#include <functional>

/// Reads the values of the tenant key in one shared collection, for TenantDiscovery.
///
/// Qdrant's facet needs a keyword, integer or uuid index on the key, and only sees the values
/// of the index's type (a keyword index holds no integers). So: with such an index, the facet
/// gives the values it knows (exact counts); then the points whose key holds none of them
/// (integers next to a keyword index, values beyond the facet's limit) are counted, and if
/// there are any they are sampled with scroll. Without an index every point with the key is
/// sampled. A sample reads pages (payload: only the key) up to a bound, and says how much it
/// read: "sampled (n of N points)". Reads through ScopedPoints/ScopedAdmin, which the caller
/// builds for "All tenants": discovery must see every tenant.
class TenantKeyScan final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int facetLimit = 10000; ///< distinct values asked of the facet
        int pageSize = 1000; ///< points per scroll page of a sample
        qint64 sampleBound = 20000; ///< points a sample reads at most per collection
    };

    TenantKeyScan(ScopedPoints points, ScopedAdmin admin, QObject *parent = nullptr);

    /// Reads the key in collection; done runs once (from the event loop) unless cancelled
    /// first or this object is destroyed. sampledPoints(n) reports a sample's progress.
    void start(const QString &collection, const QString &key, const Options &options,
        std::function<void(const Result<TenantDiscoveryResult::KeyScan> &)> done);
    /// Stops the request in flight; done gets NetError::Kind::Cancelled.
    void cancel();

    /// The values of a payload at a path of object keys (arrays on the way and at the end are
    /// flattened, as Qdrant reads `a.b`), each value once; null is left out.
    static QList<QJsonValue> valuesAt(const QJsonObject &payload, const QStringList &path);
    /// The index types a facet can answer with tenant values.
    static bool isFacetIndex(const QString &dataType);

signals:
    /// Points read by the sample so far in this collection.
    void sampledPoints(qint64 count);

private:
    void onInfo(const CollectionInfo &info);
    void onFacet(const QList<FacetHit> &hits);
    void countSample(const QJsonObject &filter);
    void readPage(const QJsonObject &filter, const PointId &offset);
    void tally(const QJsonValue &value, bool sampled, qint64 count);
    void finish();
    void fail(const NetError &error);

    ScopedPoints m_points;
    ScopedAdmin m_admin;
    Options m_options;
    QString m_key;
    QStringList m_path;
    TenantDiscoveryResult::KeyScan m_scan;
    QHash<QString, int> m_valueRows; ///< tenantKey → row in m_scan.values
    QdrantCallHandle m_call;
    std::function<void(const Result<TenantDiscoveryResult::KeyScan> &)> m_done;
};
