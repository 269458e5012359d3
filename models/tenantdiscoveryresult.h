#pragma once

#include "neterror.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

/// What TenantDiscovery found: the tenants, where each was found, and how the tenant key was
/// read in each shared collection (a facet on its index, or a scroll sample that says how
/// much it read). A plain value, built by build() from the two ways of finding tenants.
///
/// Tenant values keep their JSON type: the integer 42 and the string "42" are two tenants,
/// as Qdrant's match sees them. A tenant found by a collection name (company_42_notes) has
/// the text "42"; it joins every key value whose text is the same (42 and "42" alike, since
/// TenantScope gives both the collections named after "42"), or stands alone as the string.
struct TenantDiscoveryResult
{
    Q_DECLARE_TR_FUNCTIONS(TenantDiscoveryResult)

public:
    /// How many of a tenant's points one shared collection holds.
    struct PointCount
    {
        QString collection;
        qint64 count = 0;
        bool sampled = false; ///< counted in a scroll sample, not by the facet
    };

    /// One value of the tenant key and how many points carry it, in one collection.
    struct ValueCount
    {
        QJsonValue value;
        qint64 count = 0;
        bool sampled = false;
    };

    /// How the tenant key was read in one shared collection.
    struct KeyScan
    {
        QString collection;
        QString indexType; ///< the key's payload index (keyword, integer, uuid); empty if none
        bool usedFacet = false; ///< the index answered a facet
        /// Points the sample was drawn from: all points with the key (no usable index), or
        /// those whose values the facet did not give (other types, beyond its limit).
        qint64 sampleFrom = 0;
        qint64 sampled = 0; ///< points read by scroll
        qint64 unusableValues = 0; ///< values that cannot be a tenant (bool, 4.5, "", objects)
        QList<ValueCount> values;

        /// True when a scroll sample was needed.
        bool usedSample() const { return sampleFrom > 0; }
        /// True when a sample stopped at its bound before reading every point it was drawn from.
        bool sampleIsPartial() const { return sampled < sampleFrom; }
        /// For the user: "facet on the keyword index", "sampled (1,000 of 5,000 points)", ...
        QString description() const;
    };

    /// One tenant and where it was found.
    struct Tenant
    {
        QJsonValue value; ///< a non-empty string or an integer
        QStringList collections; ///< its own collections, by the pattern (sorted)
        QList<PointCount> pointCounts; ///< per shared collection (sorted by collection)
        bool foundByName = false;
        bool foundByKey = false;

        /// The tenant as text: the string, or the integer in decimal.
        QString id() const;
        /// Its points in shared collections, summed.
        qint64 sharedPoints() const;
        /// True when any of its counts comes from a sample.
        bool sampled() const;
    };

    QList<Tenant> tenants; ///< sorted by id (numbers by value), an integer before its text twin
    QList<KeyScan> scans; ///< one per shared collection that was read, by collection
    QStringList sharedCollections; ///< names the pattern gives no tenant (scoped by the key)
    QStringList ambiguousCollections; ///< names the pattern reads as more than one tenant's
    QList<NetError> problems; ///< collections that could not be read; the rest still count
    QString payloadKey;
    QString pattern;

    /// True when some count comes from a sample rather than the facet.
    bool sampled() const;
    /// The tenant with that value (type included); nullptr when there is none.
    const Tenant *find(const QJsonValue &value) const;

    /// True for a value that can be a tenant: a non-empty string, or an integer.
    static bool isTenantValue(const QJsonValue &value);
    /// The tenant with its type kept and integers normalised (42.0 → 42).
    static QJsonValue normalisedTenant(const QJsonValue &value);
    /// A text that differs for 42 and "42", to key maps by tenant.
    static QString tenantKey(const QJsonValue &value);

    /// Combines the tenants found by collection name (id → collections) and by the key
    /// (scans), and sorts them.
    static TenantDiscoveryResult build(
        const QMap<QString, QStringList> &byName, const QList<KeyScan> &scans);
};

Q_DECLARE_METATYPE(TenantDiscoveryResult)
