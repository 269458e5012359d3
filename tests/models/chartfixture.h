#pragma once

// The points the charts' integration and GUI tests read: a shared cost collection with two
// tenants under payload tenancy (customer_id). acme's savings lie in [-9, 65], globex's in
// [500, 619]: a globex value in an acme chart would stretch its bins past 100.

#include "storeclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace chartfixture {

inline const QString kCollection = QStringLiteral("charts_cost");
inline const QString kTenantKey = QStringLiteral("customer_id");
constexpr int kAcme = 300;
constexpr int kGlobex = 120;

/// The payload of the i-th point of a tenant.
inline QJsonObject payload(const QString &tenant, int i)
{
    static const QString outcomes[] = {QStringLiteral("success"), QStringLiteral("failed"),
                                       QStringLiteral("rolled_back")};
    static const QString types[] = {QStringLiteral("spot_migration"),
                                    QStringLiteral("reserved_instance"),
                                    QStringLiteral("right_sizing")};
    static const QString clouds[] = {QStringLiteral("aws"), QStringLiteral("gcp"),
                                     QStringLiteral("azure")};
    static const QString services[] = {QStringLiteral("vllm"), QStringLiteral("tgi"),
                                       QStringLiteral("sglang")};
    const bool acme = tenant == QStringLiteral("acme");
    const QString outcome = acme ? outcomes[i % 3] : outcomes[0];
    QJsonObject p{
        {kTenantKey, tenant},
        {QStringLiteral("outcome"), outcome},
        {QStringLiteral("optimization_type"), types[(i / 3) % 3]},
        {QStringLiteral("cloud_provider"), clouds[(i / 2) % 3]},
        {QStringLiteral("service_type"), services[i % 3]},
        {QStringLiteral("execution_date"),
         QStringLiteral("2026-%1-10T12:00:00Z").arg(1 + i % 6, 2, 10, QLatin1Char('0'))},
        {QStringLiteral("before_latency_p95"), 200 + i},
        {QStringLiteral("after_latency_p95"), 100 + i / 2 + i % 3 * 40},
    };
    if (!acme)
        p.insert(QStringLiteral("savings_percent"), 500 + i);
    else if (outcome == QStringLiteral("success"))
        p.insert(QStringLiteral("savings_percent"), 5 + (i * 7) % 61);
    else if (outcome == QStringLiteral("rolled_back"))
        p.insert(QStringLiteral("savings_percent"),
                 i % 30 == 2 ? QJsonValue(QStringLiteral("n/a")) : QJsonValue(-(i % 10)));
    // failed: no savings_percent at all
    return p;
}

/// acme's points without a usable savings_percent (failed, and the "n/a" ones).
inline int acmeSavingsSkipped()
{
    int skipped = 0;
    for (int i = 0; i < kAcme; ++i) {
        const QJsonValue v = payload(QStringLiteral("acme"), i).value(
            QStringLiteral("savings_percent"));
        skipped += v.isDouble() ? 0 : 1;
    }
    return skipped;
}

/// Creates the collection with both tenants and a keyword index on customer_id and
/// optimization_type (none on cloud_provider, so a facet of it fails).
inline bool load(StoreClient &client)
{
    const QString base = QStringLiteral("/collections/") + kCollection;
    client.del(base);
    const QJsonObject config{{QStringLiteral("vectors"),
                              QJsonObject{{QStringLiteral("size"), 3},
                                          {QStringLiteral("distance"), QStringLiteral("Dot")}}}};
    if (client.put(base, config).status != 200)
        return false;
    QJsonArray points;
    qint64 id = 1;
    for (const auto &[tenant, count] : {std::pair{QStringLiteral("acme"), kAcme},
                                        std::pair{QStringLiteral("globex"), kGlobex}}) {
        for (int i = 0; i < count; ++i) {
            points.append(QJsonObject{{QStringLiteral("id"), id},
                                      {QStringLiteral("vector"),
                                       QJsonArray{double(id % 7) + 0.5, 1, 0.25}},
                                      {QStringLiteral("payload"), payload(tenant, i)}});
            ++id;
        }
    }
    if (client.put(base + QStringLiteral("/points?wait=true"),
                   QJsonObject{{QStringLiteral("points"), points}})
            .status
        != 200)
        return false;
    for (const QString &field : {kTenantKey, QStringLiteral("optimization_type")}) {
        const QJsonObject index{{QStringLiteral("field_name"), field},
                                {QStringLiteral("field_schema"), QStringLiteral("keyword")}};
        if (client.put(base + QStringLiteral("/index?wait=true"), index).status != 200)
            return false;
    }
    return true;
}

} // namespace chartfixture
