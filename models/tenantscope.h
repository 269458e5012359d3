#pragma once

#include "collectionpattern.h"
#include "result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMetaType>
#include <QString>
#include <QStringList>

struct ConnectionProfile;

/// The tenant a console session is scoped to, and the rules that keep every request inside it.
/// A value type without I/O: whatever sends a request passes its parts through the scope
/// first (collection name, filter, payload, ids) and sends what comes back, or shows the
/// error. Refusals are NetError::Kind::Invalid with a sentence for the user.
///
/// Modes:
/// - None (default-constructed): no tenant chosen yet; every request is refused.
/// - All tenants (admin): an explicit choice; requests pass unchanged.
/// - Tenant: one tenant value under payload tenancy (a key such as `customer_id` in every
///   point of a shared collection), collection-per-tenant (a CollectionPattern such as
///   `company_{id}_{type}`), or both.
///
/// Where a collection stands for a tenant scope (the "placement" every call starts from):
/// - A name the pattern reads as this tenant's (company_42_x for tenant 42) is the tenant's
///   own: all its points are the tenant's, so filters and payloads pass unchanged. The tenant
///   payload key is not consulted there: a company's collection may legitimately hold other
///   values under it (the company's own customers).
/// - A name the pattern reads as another tenant's, or ambiguously, is refused.
/// - Any other name is a shared collection: with a payload key it is scoped by the tenant
///   condition below; without one it is refused. Aliases are shared names too, so an alias
///   of another tenant's collection is still filtered (or refused), never opened.
///
/// The tenant condition, on the key K with the tenant value V (its JSON type kept: the
/// string "42" and the integer 42 are different tenants, as Qdrant's match sees them):
///     {"key": K, "match": {"value": V}}, {"key": K, "values_count": {"lt": 2}}
/// The second clause keeps out points whose key holds several values ([42, 7]): Qdrant's
/// match would find 42 in them, but they are shared with another tenant, so only "All
/// tenants" may touch them. K is a path of object keys (`customer_id`, `metadata.customer_id`,
/// `"quoted key"`); array steps (`[]`, `[0]`) are refused in a tenant key.
///
/// The user's filter is never edited or dropped: it goes whole, as one nested filter, next to
/// the tenant condition in a `must`, so its should / must_not / min_should can only narrow
/// the result, whatever keys (`customer_id[]`, `"customer_id"`) or ids it names.
class TenantScope final
{
    Q_DECLARE_TR_FUNCTIONS(TenantScope)

public:
    enum class Mode {
        None,       ///< no tenant chosen: refuses every request
        AllTenants, ///< "All tenants (admin)": requests pass unchanged
        Tenant,     ///< one tenant: requests are scoped
    };

    /// How an edit writes a payload (Qdrant's set_payload merges, overwrite_payload replaces).
    enum class PayloadEdit { Set, Overwrite };

    /// No tenant chosen: every request is refused until a tenant or "All tenants" is picked.
    TenantScope() = default;

    /// The explicit "All tenants (admin)" mode.
    static TenantScope allTenants();
    /// A tenant scope. tenant is a non-empty string (a UUID, "acme") or an integer, kept as
    /// such; payloadKey and/or pattern must be set. Invalid when one of them is malformed, or
    /// when there is only a pattern and tenant is not an id it can hold.
    static Result<TenantScope> forTenant(const QJsonValue &tenant, const QString &payloadKey,
                                         const CollectionPattern &pattern = CollectionPattern());
    /// A tenant scope with the profile's tenancy settings (collectionPattern,
    /// tenantPayloadKey; an empty one is not used).
    static Result<TenantScope> forProfile(const ConnectionProfile &profile,
                                          const QJsonValue &tenant);

    Mode mode() const { return m_mode; }
    /// True only for the explicit "All tenants (admin)" mode.
    bool isAdmin() const { return m_mode == Mode::AllTenants; }
    /// The tenant value with its JSON type (string or integer); undefined unless Mode::Tenant.
    QJsonValue tenantValue() const { return m_tenant; }
    /// The tenant as text: the string, or the integer in decimal; the {id} of its collections.
    QString tenantId() const;
    /// The payload key of payload tenancy; empty when not used.
    QString payloadKey() const { return m_payloadKey; }
    /// The collection-per-tenant pattern; empty when not used.
    const CollectionPattern &collectionPattern() const { return m_pattern; }
    /// For the status bar: "Tenant 42 · customer_id", "All tenants (admin)", "No tenant chosen".
    QString badgeText() const;

    /// True when requests on this collection can be scoped (it is not refused).
    bool coversCollection(const QString &collection) const;

    /// The filter to send for a read (scroll, count, facet, query, search, export, charts) or
    /// for a delete / set / overwrite / delete payload by filter. Admin and the tenant's own
    /// collections: userFilter unchanged. Shared collections:
    ///     {"must": [<tenant condition>..., userFilter]}   (userFilter left out when empty).
    /// Refuses other tenants' collections and (outside admin) a userFilter with fields other
    /// than must, should, must_not and min_should (once nested it would read as a condition).
    Result<QJsonObject> scopeFilter(const QString &collection,
                                    const QJsonObject &userFilter) const;

    /// The collection to address for a name the user picked or typed. Admin: unchanged. A
    /// name the pattern reads as this tenant's: unchanged; as another's or ambiguously:
    /// refused. Any other name: unchanged when a payload key scopes shared collections; else,
    /// when the pattern has {type}, taken as a type (collectionForType); else refused.
    Result<QString> mapCollection(const QString &name) const;
    /// The tenant's collection of this type (company_42_customer_context); refused in admin
    /// mode, without a pattern, or when the name would not read back as this tenant's.
    Result<QString> collectionForType(const QString &type) const;

    /// For upserts and new records. Shared collections: sets the tenant key when missing
    /// (creating the objects on its path), refuses a payload whose key holds anything but the
    /// tenant value (another tenant, "42" for 42, an array, null) or whose path is not an
    /// object. Admin and own collections: unchanged.
    Result<QJsonObject> stampPayload(const QString &collection, QJsonObject payload) const;

    /// For the `update_filter` of an upsert or update_vectors in a shared collection, so an id
    /// that already belongs to another tenant is left alone rather than taken over:
    /// {"must": [<tenant condition>...]}; an empty object when none is needed (admin, own).
    /// In Qdrant's 1.18 and 1.19 API (memory-store honours it too); an older server without it
    /// needs the ids checked first, with scopeIdSelection in a scroll or count.
    Result<QJsonObject> scopeUpdateFilter(const QString &collection) const;

    /// For set_payload (Set) and overwrite_payload (Overwrite) in a shared collection; the
    /// points are chosen with scopeFilter or scopeIdSelection. Overwrite replaces the payload,
    /// so it is stamped (stampPayload); with a key it is refused (it could drop the tenant
    /// key). Set merges top-level keys (null deletes one), so when it writes the first key of
    /// the tenant path that value is stamped and checked likewise; with `key` (atKey), writing
    /// at or inside the tenant key or through an array step on its path is refused, and
    /// writing at an object on its path checks the rest of the path in payload.
    Result<QJsonObject> checkPayloadEdit(const QString &collection, const QJsonObject &payload,
                                         PayloadEdit edit, const QString &atKey = QString()) const;
    /// For delete_payload in a shared collection: refuses keys that remove the tenant key or
    /// an object or array on its path (`customer_id`, `"customer_id"`, `customer_id[]`,
    /// `metadata` for metadata.customer_id) and keys that are not valid paths.
    Result<QStringList> checkPayloadKeyDeletion(const QString &collection,
                                                const QStringList &keys) const;
    /// What overwrite_payload must write instead of clear_payload, which would drop the tenant
    /// key in a shared collection: {} for admin and own collections, else {K: V}.
    Result<QJsonObject> clearedPayload(const QString &collection) const;

    /// Turns "these point ids" (delete, set payload, retrieve) into a filter, so the server
    /// only touches the tenant's points among them: {"must": [<tenant condition>...,
    /// {"has_id": ids}]} (just has_id for admin and own collections). Ids are unsigned
    /// integers or strings (UUIDs); anything else is refused.
    Result<QJsonObject> scopeIdSelection(const QString &collection, const QJsonArray &ids) const;

    /// For collection-wide operations (delete or recreate a collection, snapshots, aliases,
    /// payload indexes, optimizer settings): they touch every point, so a tenant scope allows
    /// them on its own collections only, never on a shared one. An alias operation names two
    /// collections: check both, or company_42_x could be made an alias of company_7_x.
    Result<QString> checkCollectionOperation(const QString &collection) const;

    /// The tenant condition as a list of conditions; empty unless Mode::Tenant with a key.
    QJsonArray tenantConditions() const;

    friend bool operator==(const TenantScope &a, const TenantScope &b)
    {
        return a.m_mode == b.m_mode && a.m_tenant == b.m_tenant
            && a.m_tenant.type() == b.m_tenant.type() && a.m_payloadKey == b.m_payloadKey
            && a.m_pattern == b.m_pattern;
    }

private:
    enum class Placement { Unrestricted, OwnCollection, Shared };

    Result<Placement> place(const QString &collection) const;
    Result<QJsonObject> stampAt(QJsonObject object, qsizetype segment) const;

    Mode m_mode = Mode::None;
    QJsonValue m_tenant;
    QString m_payloadKey;
    QStringList m_tenantPath; // the object keys of m_payloadKey, unquoted
    CollectionPattern m_pattern;
};

Q_DECLARE_METATYPE(TenantScope)
