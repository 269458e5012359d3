#pragma once

// What client_bench feeds QdrantClient and measures it with: agent-memory points (1536 floats
// and the 12-field payload of a cost-optimisation memory), CPU clocks, a parallel loop.

#include "benchutil.h"

#include "qdranttypes.h"

#include <QStringList>
#include <QUuid>

#include <sys/resource.h>

#include <array>
#include <vector>

namespace clientbench {

constexpr int kDims = 1536;

/// CPU time of this process (all threads): user and system, in seconds.
struct Cpu
{
    double user = 0;
    double system = 0;
    double total() const { return user + system; }
    Cpu operator-(const Cpu &o) const { return {user - o.user, system - o.system}; }
    Cpu operator+(const Cpu &o) const { return {user + o.user, system + o.system}; }
};

inline Cpu cpuNow()
{
    rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    return {double(usage.ru_utime.tv_sec) + double(usage.ru_utime.tv_usec) / 1e6,
        double(usage.ru_stime.tv_sec) + double(usage.ru_stime.tv_usec) / 1e6};
}

using bench::parallelFor;
using bench::ThreadClock;

inline QString uuid(std::mt19937_64 &rng)
{
    const quint64 hi = rng();
    const quint64 lo = rng();
    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 8; ++i) {
        bytes[i] = char(hi >> (56 - 8 * i));
        bytes[8 + i] = char(lo >> (56 - 8 * i));
    }
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

inline QString prose(std::mt19937_64 &rng, int chars)
{
    static const std::array<const char *, 20> words = {"instance", "utilization", "below",
        "threshold", "downsized", "cluster", "workload", "peak", "traffic", "reserved", "capacity",
        "savings", "spot", "interruption", "batch", "jobs", "storage", "tier", "review", "latency"};
    QString s;
    while (s.size() < chars) {
        if (!s.isEmpty())
            s += QLatin1Char(' ');
        s += QLatin1String(words[rng() % words.size()]);
    }
    return s + QLatin1Char('.');
}

/// A cost-optimisation memory as the agents write it: 1536 floats and 12 payload fields.
inline PointStruct makePoint(quint64 id, quint64 seed, const QStringList &customers)
{
    std::mt19937_64 rng(seed * 1'000'003 + id);
    static const std::array<const char *, 4> types
        = {"spot_migration", "reserved_instance", "right_sizing", "storage_tiering"};
    static const std::array<const char *, 3> outcomes = {"success", "failed", "rolled_back"};
    static const std::array<const char *, 3> providers = {"aws", "gcp", "azure"};
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const std::vector<float> vector = bench::embedding(rng, kDims);
    PointStruct p;
    p.id = PointId(id);
    p.vectors.insert(QString(), QList<float>(vector.begin(), vector.end()));
    p.payload = QJsonObject {
        {QStringLiteral("optimization_id"), uuid(rng)},
        {QStringLiteral("customer_id"), customers.at(qsizetype(rng() % customers.size()))},
        {QStringLiteral("optimization_type"), QLatin1String(types[rng() % types.size()])},
        {QStringLiteral("outcome"), QLatin1String(outcomes[rng() % outcomes.size()])},
        {QStringLiteral("savings_percent"), std::round(unit(rng) * 6000) / 100},
        {QStringLiteral("cost_impact"), std::round(unit(rng) * 5'000'000) / 100},
        {QStringLiteral("execution_date"),
            QStringLiteral("2025-%1-%2T10:00:00Z")
                .arg(1 + rng() % 12, 2, 10, QLatin1Char('0'))
                .arg(1 + rng() % 28, 2, 10, QLatin1Char('0'))},
        {QStringLiteral("cloud_provider"), QLatin1String(providers[rng() % providers.size()])},
        {QStringLiteral("instance_type"), QStringLiteral("m5.xlarge")},
        {QStringLiteral("decision_context"), prose(rng, 200)},
        {QStringLiteral("confidence_score"), std::round(unit(rng) * 1000) / 1000},
        {QStringLiteral("lessons_learned"), prose(rng, 120)},
    };
    return p;
}

} // namespace clientbench
