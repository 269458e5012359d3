#include "tenantscope.h"

#include "connectionprofile.h"

#include <QJsonDocument>

#include <cmath>
#include <optional>

namespace {

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

// One step of a Qdrant payload path: a key, `[]` (every element) or `[n]` (one element).
struct PathStep
{
    QString key;
    bool arrayStep = false;
};

// Qdrant's raw key characters: alphanumerics, '_' and '-' (non-ASCII accepted, as
// memory-store does without Unicode tables).
bool isRawKeyChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_')
        || c == QLatin1Char('-') || c.unicode() >= 0x80;
}

bool parseKey(const QString &text, qsizetype &pos, QString &key)
{
    if (pos < text.size() && text.at(pos) == QLatin1Char('"')) {
        qsizetype end = pos + 1;
        while (end < text.size() && text.at(end) != QLatin1Char('"')
               && text.at(end) != QLatin1Char('\\'))
            ++end;
        if (end >= text.size() || text.at(end) != QLatin1Char('"'))
            return false;
        key = text.mid(pos + 1, end - pos - 1);
        pos = end + 1;
        return true;
    }
    const qsizetype start = pos;
    while (pos < text.size() && isRawKeyChar(text.at(pos)))
        ++pos;
    if (pos == start)
        return false;
    key = text.mid(start, pos - start);
    return true;
}

// The steps of a payload path as Qdrant parses it (`a.b`, `a[]`, `a[3].b`, `"quoted.key"`), so
// that differently spelt keys compare by what they address; nullopt when it is not a path.
std::optional<QList<PathStep>> parsePath(const QString &text)
{
    QList<PathStep> steps;
    qsizetype pos = 0;
    PathStep first;
    if (!parseKey(text, pos, first.key))
        return std::nullopt;
    steps.append(first);
    while (pos < text.size()) {
        PathStep step;
        if (text.at(pos) == QLatin1Char('.')) {
            ++pos;
            if (!parseKey(text, pos, step.key))
                return std::nullopt;
        } else if (text.at(pos) == QLatin1Char('[')) {
            const qsizetype close = text.indexOf(QLatin1Char(']'), pos);
            if (close < 0)
                return std::nullopt;
            for (qsizetype i = pos + 1; i < close; ++i) {
                if (!text.at(i).isDigit() || text.at(i).unicode() >= 0x80)
                    return std::nullopt;
            }
            step.arrayStep = true;
            pos = close + 1;
        } else {
            return std::nullopt;
        }
        steps.append(step);
    }
    return steps;
}

// Does a path (as a delete_payload key or a set_payload key) reach the tenant key or an object
// or array on the way to it? Keys are compared by what they address, so "customer_id" and
// customer_id are the same; array steps along a shared prefix count as reaching it.
bool overlapsTenantPath(const QList<PathStep> &path, const QStringList &tenantPath)
{
    qsizetype t = 0;
    for (const PathStep &step : path) {
        if (t >= tenantPath.size())
            return true; // inside the tenant value
        if (step.arrayStep)
            return true; // an array step on the tenant path's prefix
        if (step.key != tenantPath.at(t))
            return false; // a different branch
        ++t;
    }
    return true; // a prefix of (or equal to) the tenant path
}

bool isIntegral(double d)
{
    return std::isfinite(d) && std::floor(d) == d;
}

} // namespace

TenantScope TenantScope::allTenants()
{
    TenantScope scope;
    scope.m_mode = Mode::AllTenants;
    return scope;
}

Result<TenantScope> TenantScope::forTenant(const QJsonValue &tenant, const QString &payloadKey,
                                           const CollectionPattern &pattern)
{
    TenantScope scope;
    scope.m_mode = Mode::Tenant;
    if (tenant.isString() && !tenant.toString().isEmpty()) {
        scope.m_tenant = tenant;
    } else if (tenant.isDouble() && isIntegral(tenant.toDouble())
               && std::abs(tenant.toDouble()) <= 9007199254740992.0) {
        // Kept as an integer so it is sent as 42, never 42.0.
        scope.m_tenant = QJsonValue(tenant.toInteger());
    } else {
        return invalid(tr("A tenant is a non-empty text or an integer."));
    }
    if (payloadKey.isEmpty() && pattern.isEmpty()) {
        return invalid(tr("Tenant %1 cannot be scoped: neither a tenant payload key nor a "
                          "collection pattern is set.")
                           .arg(scope.tenantId()));
    }
    if (!payloadKey.isEmpty()) {
        const auto path = parsePath(payloadKey);
        if (!path) {
            return invalid(tr("The tenant payload key \"%1\" is not a payload path; quote a "
                              "key with other characters, as in \"\\\"my key\\\"\".")
                               .arg(payloadKey));
        }
        for (const PathStep &step : *path) {
            if (step.arrayStep) {
                return invalid(tr("The tenant payload key \"%1\" steps into an array; a tenant "
                                  "key must hold one value per point.")
                                   .arg(payloadKey));
            }
            scope.m_tenantPath.append(step.key);
        }
        scope.m_payloadKey = payloadKey;
    }
    if (!pattern.isEmpty() && payloadKey.isEmpty() && !pattern.isValidId(scope.tenantId())) {
        return invalid(tr("\"%1\" is not a tenant id the collection pattern \"%2\" can hold.")
                           .arg(scope.tenantId(), pattern.text()));
    }
    scope.m_pattern = pattern;
    return scope;
}

Result<TenantScope> TenantScope::forProfile(const ConnectionProfile &profile,
                                            const QJsonValue &tenant)
{
    CollectionPattern pattern;
    if (!profile.collectionPattern.isEmpty()) {
        auto parsed = CollectionPattern::parse(profile.collectionPattern);
        if (!parsed)
            return parsed.error();
        pattern = std::move(parsed).value();
    }
    return forTenant(tenant, profile.tenantPayloadKey, pattern);
}

QString TenantScope::tenantId() const
{
    if (m_tenant.isString())
        return m_tenant.toString();
    if (m_tenant.isDouble())
        return QString::number(m_tenant.toInteger());
    return QString();
}

QString TenantScope::badgeText() const
{
    switch (m_mode) {
    case Mode::None:
        return tr("No tenant chosen");
    case Mode::AllTenants:
        return tr("All tenants (admin)");
    case Mode::Tenant:
        break;
    }
    QStringList how;
    if (!m_payloadKey.isEmpty())
        how.append(m_payloadKey);
    if (!m_pattern.isEmpty())
        how.append(m_pattern.text());
    return tr("Tenant %1 · %2").arg(tenantId(), how.join(QStringLiteral(", ")));
}

Result<TenantScope::Placement> TenantScope::place(const QString &collection) const
{
    switch (m_mode) {
    case Mode::None:
        return invalid(tr("No tenant is chosen: pick a tenant, or \"All tenants (admin)\"."));
    case Mode::AllTenants:
        return Placement::Unrestricted;
    case Mode::Tenant:
        break;
    }
    if (collection.isEmpty())
        return invalid(tr("No collection is named."));
    const CollectionPattern::Match m = m_pattern.match(collection);
    switch (m.kind) {
    case CollectionPattern::Match::Kind::Tenant:
        if (m.tenantId == tenantId())
            return Placement::OwnCollection;
        return invalid(tr("The collection \"%1\" belongs to tenant %2, outside the scope of "
                          "tenant %3.")
                           .arg(collection, m.tenantId, tenantId()));
    case CollectionPattern::Match::Kind::Ambiguous:
        return invalid(tr("The collection name \"%1\" reads as more than one tenant's under "
                          "the pattern \"%2\"; only \"All tenants (admin)\" may open it.")
                           .arg(collection, m_pattern.text()));
    case CollectionPattern::Match::Kind::None:
        break;
    }
    if (m_payloadKey.isEmpty()) {
        return invalid(tr("The collection \"%1\" is not one of tenant %2's collections "
                          "(pattern \"%3\"), and no tenant payload key is set to scope a "
                          "shared collection.")
                           .arg(collection, tenantId(), m_pattern.text()));
    }
    return Placement::Shared;
}

bool TenantScope::coversCollection(const QString &collection) const
{
    return place(collection).ok();
}

QJsonArray TenantScope::tenantConditions() const
{
    if (m_mode != Mode::Tenant || m_payloadKey.isEmpty())
        return {};
    return QJsonArray{
        QJsonObject{{QStringLiteral("key"), m_payloadKey},
                    {QStringLiteral("match"), QJsonObject{{QStringLiteral("value"), m_tenant}}}},
        QJsonObject{{QStringLiteral("key"), m_payloadKey},
                    {QStringLiteral("values_count"), QJsonObject{{QStringLiteral("lt"), 2}}}},
    };
}

Result<QJsonObject> TenantScope::scopeFilter(const QString &collection,
                                             const QJsonObject &userFilter) const
{
    const auto placement = place(collection);
    if (!placement)
        return placement.error();
    if (placement.value() == Placement::Unrestricted)
        return userFilter;
    for (auto it = userFilter.begin(); it != userFilter.end(); ++it) {
        const QString &name = it.key();
        if (name != QLatin1String("must") && name != QLatin1String("should")
            && name != QLatin1String("must_not") && name != QLatin1String("min_should")) {
            return invalid(tr("The filter has an unknown field \"%1\"; a filter holds must, "
                              "should, must_not and min_should.")
                               .arg(name));
        }
    }
    if (placement.value() == Placement::OwnCollection)
        return userFilter;
    QJsonArray must = tenantConditions();
    if (!userFilter.isEmpty())
        must.append(userFilter);
    return QJsonObject{{QStringLiteral("must"), must}};
}

Result<QString> TenantScope::mapCollection(const QString &name) const
{
    if (m_mode == Mode::Tenant && !name.isEmpty()
        && m_pattern.match(name).kind == CollectionPattern::Match::Kind::None
        && m_payloadKey.isEmpty() && m_pattern.hasType()) {
        return collectionForType(name);
    }
    const auto placement = place(name);
    if (!placement)
        return placement.error();
    return name;
}

Result<QString> TenantScope::collectionForType(const QString &type) const
{
    if (m_mode != Mode::Tenant) {
        return invalid(m_mode == Mode::None
                           ? tr("No tenant is chosen: pick a tenant, or \"All tenants (admin)\".")
                           : tr("\"All tenants (admin)\" has no tenant to find a \"%1\" "
                                "collection of.")
                                 .arg(type));
    }
    if (m_pattern.isEmpty()) {
        return invalid(tr("Tenant %1 has no collections of its own: no collection pattern is "
                          "set.")
                           .arg(tenantId()));
    }
    return m_pattern.format(tenantId(), type);
}

// Sets m_tenantPath[segment..] in object to the tenant value, creating objects on the way;
// refuses any other value there, and a non-object on the way.
Result<QJsonObject> TenantScope::stampAt(QJsonObject object, qsizetype segment) const
{
    const QString &key = m_tenantPath.at(segment);
    const auto it = object.constFind(key);
    if (segment + 1 == m_tenantPath.size()) {
        if (it == object.constEnd()) {
            object.insert(key, m_tenant);
            return object;
        }
        const QJsonValue current = it.value();
        if (current == m_tenant && current.type() == m_tenant.type())
            return object;
        // JSON text, so that "42" and 42 read differently.
        const QString shown
            = QString::fromUtf8(QJsonDocument(QJsonArray{current}).toJson(QJsonDocument::Compact))
                  .mid(1)
                  .chopped(1);
        return invalid(tr("The payload's %1 is %2, not tenant %3: it would leave the tenant's "
                          "scope.")
                           .arg(m_payloadKey, shown, tenantId()));
    }
    QJsonObject inner;
    if (it != object.constEnd()) {
        if (!it.value().isObject()) {
            return invalid(tr("The payload's \"%1\" is not an object, so the tenant key %2 "
                              "cannot be kept in it.")
                               .arg(key, m_payloadKey));
        }
        inner = it.value().toObject();
    }
    auto stamped = stampAt(inner, segment + 1);
    if (!stamped)
        return stamped.error();
    object.insert(key, stamped.value());
    return object;
}

Result<QJsonObject> TenantScope::stampPayload(const QString &collection,
                                              QJsonObject payload) const
{
    const auto placement = place(collection);
    if (!placement)
        return placement.error();
    if (placement.value() != Placement::Shared)
        return payload;
    return stampAt(std::move(payload), 0);
}

Result<QJsonObject> TenantScope::scopeUpdateFilter(const QString &collection) const
{
    const auto placement = place(collection);
    if (!placement)
        return placement.error();
    if (placement.value() != Placement::Shared)
        return QJsonObject();
    return QJsonObject{{QStringLiteral("must"), tenantConditions()}};
}

Result<QJsonObject> TenantScope::checkPayloadEdit(const QString &collection,
                                                  const QJsonObject &payload, PayloadEdit edit,
                                                  const QString &atKey) const
{
    const auto placement = place(collection);
    if (!placement)
        return placement.error();
    if (placement.value() != Placement::Shared)
        return payload;
    if (edit == PayloadEdit::Overwrite) {
        if (!atKey.isEmpty()) {
            return invalid(tr("Overwriting the payload at \"%1\" is not allowed in a tenant "
                              "scope; set the payload at that key instead.")
                               .arg(atKey));
        }
        return stampAt(payload, 0);
    }
    if (atKey.isEmpty()) {
        // set_payload replaces whole top-level keys: only one that carries the tenant path
        // can remove or change the tenant key.
        if (payload.contains(m_tenantPath.constFirst()))
            return stampAt(payload, 0);
        return payload;
    }
    const auto path = parsePath(atKey);
    if (!path)
        return invalid(tr("\"%1\" is not a payload path.").arg(atKey));
    if (!overlapsTenantPath(*path, m_tenantPath))
        return payload;
    // Only a plain object prefix of the tenant path can be written at safely.
    const qsizetype depth = path->size();
    bool plainPrefix = depth < m_tenantPath.size();
    for (qsizetype i = 0; plainPrefix && i < depth; ++i)
        plainPrefix = !path->at(i).arrayStep && path->at(i).key == m_tenantPath.at(i);
    if (!plainPrefix) {
        return invalid(tr("Setting the payload at \"%1\" would change or remove the tenant key "
                          "%2.")
                           .arg(atKey, m_payloadKey));
    }
    if (payload.contains(m_tenantPath.at(depth)))
        return stampAt(payload, depth);
    return payload;
}

Result<QStringList> TenantScope::checkPayloadKeyDeletion(const QString &collection,
                                                         const QStringList &keys) const
{
    const auto placement = place(collection);
    if (!placement)
        return placement.error();
    if (placement.value() != Placement::Shared)
        return keys;
    for (const QString &key : keys) {
        const auto path = parsePath(key);
        if (!path)
            return invalid(tr("\"%1\" is not a payload path.").arg(key));
        if (overlapsTenantPath(*path, m_tenantPath)) {
            return invalid(tr("Deleting \"%1\" would remove the tenant key %2.")
                               .arg(key, m_payloadKey));
        }
    }
    return keys;
}

Result<QJsonObject> TenantScope::clearedPayload(const QString &collection) const
{
    return stampPayload(collection, QJsonObject());
}

Result<QJsonObject> TenantScope::scopeIdSelection(const QString &collection,
                                                  const QJsonArray &ids) const
{
    const auto placement = place(collection);
    if (!placement)
        return placement.error();
    for (const QJsonValue &id : ids) {
        const bool number = id.isDouble() && isIntegral(id.toDouble()) && id.toDouble() >= 0;
        const bool text = id.isString() && !id.toString().isEmpty();
        if (!number && !text)
            return invalid(tr("A point id is an unsigned integer or a UUID."));
    }
    QJsonArray must = tenantConditions();
    if (placement.value() != Placement::Shared)
        must = QJsonArray();
    must.append(QJsonObject{{QStringLiteral("has_id"), ids}});
    return QJsonObject{{QStringLiteral("must"), must}};
}

Result<QString> TenantScope::checkCollectionOperation(const QString &collection) const
{
    const auto placement = place(collection);
    if (!placement)
        return placement.error();
    if (placement.value() == Placement::Shared) {
        return invalid(tr("\"%1\" is shared with other tenants; only \"All tenants (admin)\" may "
                          "change or copy the whole collection.")
                           .arg(collection));
    }
    return collection;
}
