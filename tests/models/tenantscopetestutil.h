#pragma once

// What tst_tenantscope and tst_tenantscope_filters share: tenants, scopes, JSON helpers, and
// the points whose owner is written down by hand, judged by memory-store's filter engine with
// Qdrant's semantics.

#include "connectionprofile.h"
#include "tenantscope.h"

#include "filter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace tenantscopetest {

const char *const kUuid = "3f2a9c1e-0b7d-4c55-9e61-2d8f0a1b4c77";
const char *const kUuidUpper = "3F2A9C1E-0B7D-4C55-9E61-2D8F0A1B4C77";
const char *const kPointUuidA = "6a1b1f1e-1111-4c55-9e61-2d8f0a1b4c01";
const char *const kPointUuidB = "6a1b1f1e-2222-4c55-9e61-2d8f0a1b4c02";

inline QJsonObject object(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (!doc.isObject())
        qFatal("bad JSON in the test: %s (%s)", text.constData(), qPrintable(error.errorString()));
    return doc.object();
}

inline QByteArray text(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// QJsonObject → nlohmann through the JSON text, as a request body travels.
inline mstore::Json toStoreJson(const QJsonObject &o)
{
    return mstore::Json::parse(text(o).toStdString());
}

// The refusal's message, for QVERIFY2 (which builds its message even when the check passes).
template<typename T>
inline QString whyNot(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

inline QString uuid(const char *u)
{
    return QString::fromLatin1(u);
}

// Who owns a point under payload tenancy, written down by hand per point rather than computed,
// so the test does not share the scope's idea of ownership. "" = no single tenant.
struct TestPoint
{
    mstore::PointId id;
    mstore::Json payload;
    QString owner;
};

inline mstore::PointId numberId(uint64_t n)
{
    return mstore::PointId(n);
}

inline mstore::PointId uuidId(const char *u)
{
    return *mstore::PointId::fromUuid(u);
}

inline bool matches(const mstore::Filter &filter, const TestPoint &point)
{
    return filter.matches(mstore::PointView{point.id, point.payload, nullptr});
}

inline mstore::Filter parseStoreFilter(const QJsonObject &filter)
{
    return mstore::Filter::parse(toStoreJson(filter));
}

inline TenantScope scopeOf(const QJsonValue &tenant, const QString &key,
                           const QString &pattern = QString())
{
    CollectionPattern p;
    if (!pattern.isEmpty()) {
        auto parsed = CollectionPattern::parse(pattern);
        if (!parsed)
            qFatal("pattern: %s", qPrintable(parsed.error().message));
        p = parsed.value();
    }
    auto scope = TenantScope::forTenant(tenant, key, p);
    if (!scope)
        qFatal("scope: %s", qPrintable(scope.error().message));
    return scope.value();
}

inline TenantScope scope42()
{
    return scopeOf(42, QStringLiteral("customer_id"), QStringLiteral("company_{id}_{type}"));
}

inline TenantScope scopeUuid()
{
    return scopeOf(uuid(kUuid), QStringLiteral("customer_id"),
                   QStringLiteral("company_{id}_{type}"));
}

inline QString ownerOf(const TenantScope &scope)
{
    return scope.tenantValue().isString() ? QStringLiteral("uuid") : QStringLiteral("42");
}

inline const QString kShared = QStringLiteral("customer_context");

} // namespace tenantscopetest
