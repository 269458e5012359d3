// The data and the reference of memory-store's query tests (tst_store_query,
// tst_store_query_batch): four collections of 12 points, one per metric, and one with named
// vectors; scores computed here in double precision with Qdrant's formulas.
#pragma once

#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <vector>

namespace queryref {

enum class Metric { Cosine, Dot, Euclid, Manhattan };

using Vec = std::vector<float>;

constexpr int kDim = 4;
constexpr int kPoints = 12;

inline QString collectionOf(Metric m)
{
    switch (m) {
    case Metric::Cosine: return QStringLiteral("q_cosine");
    case Metric::Dot: return QStringLiteral("q_dot");
    case Metric::Euclid: return QStringLiteral("q_euclid");
    case Metric::Manhattan: return QStringLiteral("q_manhattan");
    }
    return {};
}

inline QString distanceName(Metric m)
{
    switch (m) {
    case Metric::Cosine: return QStringLiteral("Cosine");
    case Metric::Dot: return QStringLiteral("Dot");
    case Metric::Euclid: return QStringLiteral("Euclid");
    case Metric::Manhattan: return QStringLiteral("Manhattan");
    }
    return {};
}

inline const Metric kMetrics[] = {Metric::Cosine, Metric::Dot, Metric::Euclid, Metric::Manhattan};

inline bool largerIsBetter(Metric m)
{
    return m == Metric::Cosine || m == Metric::Dot;
}

// Deterministic data: a small LCG, so that every run sees the same vectors. Values are
// multiples of 1/256, exact in float and in JSON, and spread enough that no two scores tie.
inline Vec vectorFor(int id, int dim = kDim)
{
    uint32_t state = 2654435761u * uint32_t(id + 7);
    Vec v(dim);
    for (float &x : v) {
        state = state * 1664525u + 1013904223u;
        x = float(int((state >> 9) % 2049) - 1024) / 256.0f;
    }
    return v;
}

inline const Vec kQuery = {0.5f, -1.25f, 2.0f, 0.75f};

inline double dot(const Vec &a, const Vec &b)
{
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i)
        s += double(a[i]) * double(b[i]);
    return s;
}

inline Vec unit(const Vec &v)
{
    const double n = std::sqrt(dot(v, v));
    Vec out(v.size());
    for (size_t i = 0; i < v.size(); ++i)
        out[i] = n > 0 ? float(v[i] / n) : 0.f;
    return out;
}

// The score Qdrant reports for a nearest query: Euclid is the plain distance.
inline double nearestScore(Metric m, const Vec &point, const Vec &query)
{
    double s = 0;
    switch (m) {
    case Metric::Cosine: return dot(unit(point), unit(query));
    case Metric::Dot: return dot(point, query);
    case Metric::Euclid:
        for (size_t i = 0; i < point.size(); ++i)
            s += std::pow(double(point[i]) - query[i], 2);
        return std::sqrt(s);
    case Metric::Manhattan:
        for (size_t i = 0; i < point.size(); ++i)
            s += std::fabs(double(point[i]) - query[i]);
        return s;
    }
    return 0;
}

// The raw similarity of Qdrant's custom scorers (recommend best_score / sum_scores).
inline double similarity(Metric m, const Vec &point, const Vec &example)
{
    switch (m) {
    case Metric::Cosine: return dot(unit(point), unit(example));
    case Metric::Dot: return dot(point, example);
    case Metric::Euclid: return -std::pow(nearestScore(m, point, example), 2);
    case Metric::Manhattan: return -nearestScore(m, point, example);
    }
    return 0;
}

inline double scaledFastSigmoid(double x)
{
    return 0.5 * (x / (1.0 + std::fabs(x)) + 1.0);
}

// What the server holds for a point: Cosine vectors are normalised on upsert.
inline Vec stored(Metric m, int id)
{
    return m == Metric::Cosine ? unit(vectorFor(id)) : vectorFor(id);
}

struct RefHit
{
    qint64 id;
    double score;
};

using Ranking = std::vector<RefHit>;

inline Ranking rank(const std::map<qint64, double> &scores, bool largerFirst)
{
    Ranking r;
    for (const auto &[id, s] : scores)
        r.push_back({id, s});
    std::stable_sort(r.begin(), r.end(), [largerFirst](const RefHit &a, const RefHit &b) {
        return largerFirst ? a.score > b.score : a.score < b.score;
    });
    return r;
}

inline std::map<qint64, double> nearestScores(Metric m, const Vec &query, const QSet<qint64> &excluded,
                                       const std::function<bool(qint64)> &keep = {})
{
    std::map<qint64, double> scores;
    for (int id = 1; id <= kPoints; ++id) {
        if (!excluded.contains(id) && (!keep || keep(id)))
            scores[id] = nearestScore(m, stored(m, id), query);
    }
    return scores;
}

inline Ranking page(Ranking r, size_t limit, size_t offset = 0)
{
    r.erase(r.begin(), r.begin() + qMin(offset, r.size()));
    if (r.size() > limit)
        r.resize(limit);
    return r;
}

inline bool close(double a, double b)
{
    return std::fabs(a - b) <= 1e-4 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// Empty when `points` (ScoredPoint list) matches the reference: same length, each position's
// score equals the reference score at that rank, and each id's score equals its own reference
// score. Together they prove the ranking while tolerating swaps of (near-)equal scores.
inline QString checkRanking(const QJsonArray &points, const Ranking &expected,
                     const std::map<qint64, double> &all)
{
    if (points.size() != int(expected.size()))
        return QStringLiteral("got %1 points, expected %2: %3")
            .arg(points.size())
            .arg(expected.size())
            .arg(QString::fromUtf8(QJsonDocument(points).toJson(QJsonDocument::Compact)));
    for (int i = 0; i < points.size(); ++i) {
        const QJsonObject p = points[i].toObject();
        const qint64 id = p[QStringLiteral("id")].toInteger(-1);
        const double score = p[QStringLiteral("score")].toDouble();
        if (!close(score, expected[size_t(i)].score))
            return QStringLiteral("rank %1: score %2, expected %3 (id %4)")
                .arg(i)
                .arg(score, 0, 'g', 9)
                .arg(expected[size_t(i)].score, 0, 'g', 9)
                .arg(expected[size_t(i)].id);
        const auto it = all.find(id);
        if (it == all.end())
            return QStringLiteral("rank %1: id %2 must not be in the results").arg(i).arg(id);
        if (!close(score, it->second))
            return QStringLiteral("id %1: score %2, its reference score is %3")
                .arg(id)
                .arg(score, 0, 'g', 9)
                .arg(it->second, 0, 'g', 9);
    }
    return {};
}

inline QJsonArray toJson(const Vec &v)
{
    QJsonArray a;
    for (float x : v)
        a.append(double(x));
    return a;
}

// Qdrant writes "payload": null when no payload was asked for; absent is as good.
inline bool absent(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined();
}

inline QList<qint64> idsOf(const QJsonArray &points)
{
    QList<qint64> ids;
    for (const QJsonValue &p : points)
        ids.append(p.toObject()[QStringLiteral("id")].toInteger(-1));
    return ids;
}

/// `/collections/COLLECTION/points/ENDPOINT`.
inline QString points(const QString &collection, const char *endpoint)
{
    return QStringLiteral("/collections/%1/points/%2")
        .arg(collection, QString::fromLatin1(endpoint));
}

/// The ScoredPoint list of a query (result.points) or legacy endpoint (result).
inline QJsonArray hitsOf(const StoreClient::Response &r)
{
    const QJsonValue result = r.result();
    return result.isArray() ? result.toArray()
                            : result.toObject()[QStringLiteral("points")].toArray();
}

/// Creates the collections and their points (QTest checks: call it under QVERIFY of
/// !QTest::currentTestFailed()).
#ifndef Q_MOC_RUN
inline void seed(StoreClient &client)
{
    for (Metric m : kMetrics) {
        const QJsonObject config{{QStringLiteral("vectors"),
                                  QJsonObject{{QStringLiteral("size"), kDim},
                                              {QStringLiteral("distance"), distanceName(m)}}}};
        const auto created = client.put(QStringLiteral("/collections/") + collectionOf(m),
                                           config);
        QVERIFY2(created.status == 200, created.body.constData());
        QJsonArray list;
        for (int id = 1; id <= kPoints; ++id) {
            list.append(QJsonObject{
                {QStringLiteral("id"), id},
                {QStringLiteral("vector"), toJson(vectorFor(id))},
                {QStringLiteral("payload"),
                 QJsonObject{{QStringLiteral("n"), id},
                             {QStringLiteral("group"), id % 3},
                             {QStringLiteral("tag"),
                              id % 2 ? QStringLiteral("odd") : QStringLiteral("even")}}}});
        }
        const auto upserted = client.put(
            QStringLiteral("/collections/%1/points?wait=true").arg(collectionOf(m)),
            QJsonObject{{QStringLiteral("points"), list}});
        QVERIFY2(upserted.status == 200, upserted.body.constData());
    }

    // Named vectors: "text" (Cosine, 3) on points 1..7, "image" (Euclid, 2) on 1..6 only.
    const QByteArray named = R"({"vectors":{"text":{"size":3,"distance":"Cosine"},
                                            "image":{"size":2,"distance":"Euclid"}}})";
    QCOMPARE(client.put(QStringLiteral("/collections/q_named"), named).status, 200);
    QJsonArray list;
    for (int id = 1; id <= 7; ++id) {
        QJsonObject vectors{{QStringLiteral("text"), toJson(vectorFor(id, 3))}};
        if (id <= 6)
            vectors[QStringLiteral("image")] = toJson(vectorFor(id + 100, 2));
        list.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("vector"), vectors}});
    }
    const auto upserted = client.put(QStringLiteral("/collections/q_named/points?wait=true"),
                                        QJsonObject{{QStringLiteral("points"), list}});
    QVERIFY2(upserted.status == 200, upserted.body.constData());
}
#endif

} // namespace queryref
