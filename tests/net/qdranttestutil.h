#pragma once

// Helpers shared by the QdrantClient tests: waiting for a callback, and deterministic points.

#include "qdrantclient.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <memory>
#include <optional>

/// Starts a call with a callback and waits (QTest::qWaitFor, no fixed sleep) for its result.
/// A test timeout comes back as an Invalid error that says so.
template <typename T, typename Start> Result<T> await(Start start, int timeoutMs = 20000)
{
    // Shared: should the wait time out, a late callback must not write into a dead frame.
    auto result = std::make_shared<std::optional<Result<T>>>();
    start([result](const Result<T> &r) { *result = r; });
    if (!QTest::qWaitFor([&] { return result->has_value(); }, timeoutMs)) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = QStringLiteral("test: no answer within %1 ms").arg(timeoutMs);
        return error;
    }
    return **result;
}

/// The error text of a result, for QVERIFY2 messages.
template <typename T> QByteArray errorOf(const Result<T> &result)
{
    return result.ok() ? QByteArray("ok") : result.error().message.toUtf8();
}

/// Qdrant's create body for one unnamed vector.
inline QJsonObject vectorsConfig(int size, const QString &distance)
{
    return {{QStringLiteral("vectors"),
        QJsonObject {{QStringLiteral("size"), size}, {QStringLiteral("distance"), distance}}}};
}

/// {"must":[{"key":key,"match":{"value":value}}]}
inline QJsonObject matchFilter(const QString &key, const QJsonValue &value)
{
    return {{QStringLiteral("must"),
        QJsonArray {QJsonObject {{QStringLiteral("key"), key},
            {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), value}}}}}}};
}

/// A deterministic vector of `dims` components around ±0.5, distinct per seed.
inline QList<float> testVector(int dims, quint32 seed)
{
    QRandomGenerator random(seed * 7919u + 17u);
    QList<float> v(dims);
    for (float &x : v)
        x = float(random.generateDouble() - 0.5);
    return v;
}

/// Agent-memory-like points: id, an unnamed vector and a small payload.
inline QList<PointStruct> testPoints(int count, int dims, quint64 firstId = 1)
{
    static const char *outcomes[] = {"success", "failed", "rolled_back"};
    QList<PointStruct> points;
    for (int i = 0; i < count; ++i) {
        PointStruct p;
        p.id = PointId(firstId + quint64(i));
        p.vectors.insert(QString(), testVector(dims, quint32(firstId) + quint32(i)));
        p.payload = QJsonObject {
            {QStringLiteral("customer_id"), QStringLiteral("c%1").arg(i % 3)},
            {QStringLiteral("outcome"), QLatin1String(outcomes[i % 3])},
            {QStringLiteral("savings_percent"), 10.5 + i},
            {QStringLiteral("rank"), i},
            {QStringLiteral("tags"), QJsonArray {QStringLiteral("spot"), QStringLiteral("batch")}},
            {QStringLiteral("note"), QStringLiteral("line \"%1\"\nnaïve ✓").arg(i)},
        };
        points.append(p);
    }
    return points;
}
