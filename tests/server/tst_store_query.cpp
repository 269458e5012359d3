// memory-store over real HTTP: POST /points/query (nearest, by id, recommend, no query,
// order_by), its batch form and the legacy search / recommend endpoints. Scores are checked
// against a reference computed here, in double precision, with Qdrant's formulas.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <vector>

namespace {

enum class Metric { Cosine, Dot, Euclid, Manhattan };

using Vec = std::vector<float>;

constexpr int kDim = 4;
constexpr int kPoints = 12;

QString collectionOf(Metric m)
{
    switch (m) {
    case Metric::Cosine: return QStringLiteral("q_cosine");
    case Metric::Dot: return QStringLiteral("q_dot");
    case Metric::Euclid: return QStringLiteral("q_euclid");
    case Metric::Manhattan: return QStringLiteral("q_manhattan");
    }
    return {};
}

QString distanceName(Metric m)
{
    switch (m) {
    case Metric::Cosine: return QStringLiteral("Cosine");
    case Metric::Dot: return QStringLiteral("Dot");
    case Metric::Euclid: return QStringLiteral("Euclid");
    case Metric::Manhattan: return QStringLiteral("Manhattan");
    }
    return {};
}

const Metric kMetrics[] = {Metric::Cosine, Metric::Dot, Metric::Euclid, Metric::Manhattan};

bool largerIsBetter(Metric m)
{
    return m == Metric::Cosine || m == Metric::Dot;
}

// Deterministic data: a small LCG, so that every run sees the same vectors. Values are
// multiples of 1/256, exact in float and in JSON, and spread enough that no two scores tie.
Vec vectorFor(int id, int dim = kDim)
{
    uint32_t state = 2654435761u * uint32_t(id + 7);
    Vec v(dim);
    for (float &x : v) {
        state = state * 1664525u + 1013904223u;
        x = float(int((state >> 9) % 2049) - 1024) / 256.0f;
    }
    return v;
}

const Vec kQuery = {0.5f, -1.25f, 2.0f, 0.75f};

double dot(const Vec &a, const Vec &b)
{
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i)
        s += double(a[i]) * double(b[i]);
    return s;
}

Vec unit(const Vec &v)
{
    const double n = std::sqrt(dot(v, v));
    Vec out(v.size());
    for (size_t i = 0; i < v.size(); ++i)
        out[i] = n > 0 ? float(v[i] / n) : 0.f;
    return out;
}

// The score Qdrant reports for a nearest query: Euclid is the plain distance.
double nearestScore(Metric m, const Vec &point, const Vec &query)
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
double similarity(Metric m, const Vec &point, const Vec &example)
{
    switch (m) {
    case Metric::Cosine: return dot(unit(point), unit(example));
    case Metric::Dot: return dot(point, example);
    case Metric::Euclid: return -std::pow(nearestScore(m, point, example), 2);
    case Metric::Manhattan: return -nearestScore(m, point, example);
    }
    return 0;
}

double scaledFastSigmoid(double x)
{
    return 0.5 * (x / (1.0 + std::fabs(x)) + 1.0);
}

// What the server holds for a point: Cosine vectors are normalised on upsert.
Vec stored(Metric m, int id)
{
    return m == Metric::Cosine ? unit(vectorFor(id)) : vectorFor(id);
}

struct RefHit
{
    qint64 id;
    double score;
};

using Ranking = std::vector<RefHit>;

Ranking rank(const std::map<qint64, double> &scores, bool largerFirst)
{
    Ranking r;
    for (const auto &[id, s] : scores)
        r.push_back({id, s});
    std::stable_sort(r.begin(), r.end(), [largerFirst](const RefHit &a, const RefHit &b) {
        return largerFirst ? a.score > b.score : a.score < b.score;
    });
    return r;
}

std::map<qint64, double> nearestScores(Metric m, const Vec &query, const QSet<qint64> &excluded,
                                       const std::function<bool(qint64)> &keep = {})
{
    std::map<qint64, double> scores;
    for (int id = 1; id <= kPoints; ++id) {
        if (!excluded.contains(id) && (!keep || keep(id)))
            scores[id] = nearestScore(m, stored(m, id), query);
    }
    return scores;
}

Ranking page(Ranking r, size_t limit, size_t offset = 0)
{
    r.erase(r.begin(), r.begin() + qMin(offset, r.size()));
    if (r.size() > limit)
        r.resize(limit);
    return r;
}

bool close(double a, double b)
{
    return std::fabs(a - b) <= 1e-4 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// Empty when `points` (ScoredPoint list) matches the reference: same length, each position's
// score equals the reference score at that rank, and each id's score equals its own reference
// score. Together they prove the ranking while tolerating swaps of (near-)equal scores.
QString checkRanking(const QJsonArray &points, const Ranking &expected,
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

QJsonArray toJson(const Vec &v)
{
    QJsonArray a;
    for (float x : v)
        a.append(double(x));
    return a;
}

// Qdrant writes "payload": null when no payload was asked for; absent is as good.
bool absent(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined();
}

QList<qint64> idsOf(const QJsonArray &points)
{
    QList<qint64> ids;
    for (const QJsonValue &p : points)
        ids.append(p.toObject()[QStringLiteral("id")].toInteger(-1));
    return ids;
}

} // namespace

class TestStoreQuery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void nearest_data();
    void nearest();
    void nearestByIdExcludesThePoint_data();
    void nearestByIdExcludesThePoint();
    void recommend_data();
    void recommend();
    void scoreThresholdIsStrict_data();
    void scoreThresholdIsStrict();
    void customScoreThreshold();
    void limitAndOffset_data();
    void limitAndOffset();
    void filterRestrictsNearest_data();
    void filterRestrictsNearest();
    void noQueryReturnsIdOrder();
    void orderBy();
    void namedVectors();
    void payloadAndVectorSelection();
    void queryBatch();
    void legacySearchBatch();
    void legacyRecommendIsAPlainList();
    void legacyRecommendBatch();
    void nullStrategyIsAverageVector();
    void upsertRequiresTheVectorField();
    void errors_data();
    void errors();

private:
    QString points(const QString &collection, const char *endpoint) const
    {
        return QStringLiteral("/collections/%1/points/%2")
            .arg(collection, QString::fromLatin1(endpoint));
    }
    /// The ScoredPoint list of a query (result.points) or legacy endpoint (result).
    QJsonArray hitsOf(const StoreClient::Response &r) const
    {
        const QJsonValue result = r.result();
        return result.isArray() ? result.toArray()
                                : result.toObject()[QStringLiteral("points")].toArray();
    }

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

void TestStoreQuery::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_client = std::make_unique<StoreClient>(m_store.port());

    for (Metric m : kMetrics) {
        const QJsonObject config{{QStringLiteral("vectors"),
                                  QJsonObject{{QStringLiteral("size"), kDim},
                                              {QStringLiteral("distance"), distanceName(m)}}}};
        const auto created = m_client->put(QStringLiteral("/collections/") + collectionOf(m),
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
        const auto upserted = m_client->put(
            QStringLiteral("/collections/%1/points?wait=true").arg(collectionOf(m)),
            QJsonObject{{QStringLiteral("points"), list}});
        QVERIFY2(upserted.status == 200, upserted.body.constData());
    }

    // Named vectors: "text" (Cosine, 3) on points 1..7, "image" (Euclid, 2) on 1..6 only.
    const QByteArray named = R"({"vectors":{"text":{"size":3,"distance":"Cosine"},
                                            "image":{"size":2,"distance":"Euclid"}}})";
    QCOMPARE(m_client->put(QStringLiteral("/collections/q_named"), named).status, 200);
    QJsonArray list;
    for (int id = 1; id <= 7; ++id) {
        QJsonObject vectors{{QStringLiteral("text"), toJson(vectorFor(id, 3))}};
        if (id <= 6)
            vectors[QStringLiteral("image")] = toJson(vectorFor(id + 100, 2));
        list.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("vector"), vectors}});
    }
    const auto upserted = m_client->put(QStringLiteral("/collections/q_named/points?wait=true"),
                                        QJsonObject{{QStringLiteral("points"), list}});
    QVERIFY2(upserted.status == 200, upserted.body.constData());
}

void TestStoreQuery::nearest_data()
{
    QTest::addColumn<int>("metric");
    QTest::addColumn<QString>("form");
    for (Metric m : kMetrics) {
        for (const char *form : {"raw", "nearest", "search"}) {
            QTest::addRow("%s/%s", qPrintable(distanceName(m)), form)
                << int(m) << QString::fromLatin1(form);
        }
    }
}

void TestStoreQuery::nearest()
{
    QFETCH(int, metric);
    QFETCH(QString, form);
    const Metric m = Metric(metric);
    StoreClient::Response r;
    if (form == QLatin1String("search")) {
        r = m_client->post(points(collectionOf(m), "search"),
                           QJsonObject{{QStringLiteral("vector"), toJson(kQuery)},
                                       {QStringLiteral("limit"), 5}});
    } else {
        const QJsonValue query = form == QLatin1String("raw")
                                     ? QJsonValue(toJson(kQuery))
                                     : QJsonObject{{QStringLiteral("nearest"), toJson(kQuery)}};
        r = m_client->post(points(collectionOf(m), "query"),
                           QJsonObject{{QStringLiteral("query"), query},
                                       {QStringLiteral("limit"), 5}});
    }
    QVERIFY2(r.status == 200, r.body.constData());
    const auto all = nearestScores(m, kQuery, {});
    const QString error = checkRanking(hitsOf(r), page(rank(all, largerIsBetter(m)), 5), all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Euclid/Manhattan: ascending distances; Cosine/Dot: descending similarities.
    const QJsonArray hits = hitsOf(r);
    for (int i = 1; i < hits.size(); ++i) {
        const double previous = hits[i - 1][QStringLiteral("score")].toDouble();
        const double current = hits[i][QStringLiteral("score")].toDouble();
        QVERIFY(largerIsBetter(m) ? previous >= current : previous <= current);
    }
}

void TestStoreQuery::nearestByIdExcludesThePoint_data()
{
    QTest::addColumn<int>("metric");
    QTest::addColumn<bool>("wrapped");
    for (Metric m : kMetrics) {
        QTest::addRow("%s/id", qPrintable(distanceName(m))) << int(m) << false;
        QTest::addRow("%s/nearest-id", qPrintable(distanceName(m))) << int(m) << true;
    }
}

void TestStoreQuery::nearestByIdExcludesThePoint()
{
    QFETCH(int, metric);
    QFETCH(bool, wrapped);
    const Metric m = Metric(metric);
    // Qdrant adds must_not has_id for every referenced id (collection_query.rs,
    // exclude_referenced_ids), so the point itself, the best match, is not returned.
    const QJsonValue query = wrapped ? QJsonValue(QJsonObject{{QStringLiteral("nearest"), 3}})
                                     : QJsonValue(3);
    const auto r = m_client->post(points(collectionOf(m), "query"),
                                  QJsonObject{{QStringLiteral("query"), query},
                                              {QStringLiteral("limit"), kPoints}});
    QVERIFY2(r.status == 200, r.body.constData());
    QVERIFY(!idsOf(hitsOf(r)).contains(3));
    const auto all = nearestScores(m, stored(m, 3), {3});
    const QString error = checkRanking(hitsOf(r), rank(all, largerIsBetter(m)), all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestStoreQuery::recommend_data()
{
    QTest::addColumn<int>("metric");
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<bool>("legacy");
    for (Metric m : kMetrics) {
        for (const char *strategy : {"average_vector", "best_score", "sum_scores"}) {
            for (bool legacy : {false, true}) {
                QTest::addRow("%s/%s/%s", qPrintable(distanceName(m)), strategy,
                              legacy ? "recommend" : "query")
                    << int(m) << QString::fromLatin1(strategy) << legacy;
            }
        }
    }
}

void TestStoreQuery::recommend()
{
    QFETCH(int, metric);
    QFETCH(QString, strategy);
    QFETCH(bool, legacy);
    const Metric m = Metric(metric);
    // Examples mix ids and raw vectors: positive point 1 and a vector, negative point 5 and
    // a vector.
    const Vec extra = {1.5f, 0.25f, -0.5f, 2.0f};
    const Vec against = {-0.75f, 1.0f, 0.5f, -2.5f};
    const QJsonArray positive{1, toJson(extra)};
    const QJsonArray negative{5, toJson(against)};
    QJsonObject body{{QStringLiteral("limit"), 6}};
    const QJsonObject examples{{QStringLiteral("positive"), positive},
                               {QStringLiteral("negative"), negative},
                               {QStringLiteral("strategy"), strategy}};
    if (legacy) {
        for (auto it = examples.begin(); it != examples.end(); ++it)
            body[it.key()] = it.value();
    } else {
        body[QStringLiteral("query")] = QJsonObject{{QStringLiteral("recommend"), examples}};
    }
    const auto r = m_client->post(points(collectionOf(m), legacy ? "recommend" : "query"), body);
    QVERIFY2(r.status == 200, r.body.constData());
    if (legacy)
        QVERIFY(r.result().isArray());

    // Reference. Ids resolve to the stored (for Cosine: normalised) vectors; referenced ids
    // are excluded from the results.
    const std::vector<Vec> pos = {stored(m, 1), extra};
    const std::vector<Vec> neg = {stored(m, 5), against};
    const QSet<qint64> excluded = {1, 5};
    std::map<qint64, double> all;
    bool largerFirst = true;
    if (strategy == QLatin1String("average_vector")) {
        // avg(pos) + avg(pos) - avg(neg), then a plain nearest query (recommendations.rs).
        Vec q(kDim);
        for (int i = 0; i < kDim; ++i) {
            const double avgPos = (double(pos[0][i]) + pos[1][i]) / 2;
            const double avgNeg = (double(neg[0][i]) + neg[1][i]) / 2;
            q[i] = float(avgPos + avgPos - avgNeg);
        }
        all = nearestScores(m, q, excluded);
        largerFirst = largerIsBetter(m);
    } else {
        for (int id = 1; id <= kPoints; ++id) {
            if (excluded.contains(id))
                continue;
            const Vec v = stored(m, id);
            if (strategy == QLatin1String("sum_scores")) {
                all[id] = similarity(m, v, pos[0]) + similarity(m, v, pos[1])
                          - similarity(m, v, neg[0]) - similarity(m, v, neg[1]);
            } else {
                const double bestPos = std::max(similarity(m, v, pos[0]), similarity(m, v, pos[1]));
                const double bestNeg = std::max(similarity(m, v, neg[0]),
                                                similarity(m, v, neg[1]));
                all[id] = bestPos > bestNeg ? scaledFastSigmoid(bestPos)
                                            : -scaledFastSigmoid(bestNeg);
            }
        }
    }
    const QString error = checkRanking(hitsOf(r), page(rank(all, largerFirst), 6), all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestStoreQuery::scoreThresholdIsStrict_data()
{
    QTest::addColumn<int>("metric");
    for (Metric m : kMetrics)
        QTest::newRow(qPrintable(distanceName(m))) << int(m);
}

void TestStoreQuery::scoreThresholdIsStrict()
{
    QFETCH(int, metric);
    const Metric m = Metric(metric);
    const QString path = points(collectionOf(m), "query");
    const auto full = m_client->post(path, QJsonObject{{QStringLiteral("query"), toJson(kQuery)},
                                                      {QStringLiteral("limit"), kPoints}});
    QVERIFY2(full.status == 200, full.body.constData());
    const QJsonArray ranked = hitsOf(full);
    QCOMPARE(ranked.size(), kPoints);

    // A threshold equal to a returned score: Qdrant keeps only strictly better scores
    // (Distance::check_threshold), so that point and the ones after it go.
    const QJsonValue fourth = ranked[3][QStringLiteral("score")];
    auto r = m_client->post(path, QJsonObject{{QStringLiteral("query"), toJson(kQuery)},
                                              {QStringLiteral("limit"), kPoints},
                                              {QStringLiteral("score_threshold"), fourth}});
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(idsOf(hitsOf(r)), idsOf(ranked).mid(0, 3));

    // Between two scores: Cosine/Dot keep the larger ones, Euclid/Manhattan the smaller.
    const double t = (ranked[5][QStringLiteral("score")].toDouble()
                      + ranked[6][QStringLiteral("score")].toDouble()) / 2;
    r = m_client->post(points(collectionOf(m), "search"),
                       QJsonObject{{QStringLiteral("vector"), toJson(kQuery)},
                                   {QStringLiteral("limit"), kPoints},
                                   {QStringLiteral("score_threshold"), t}});
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(idsOf(hitsOf(r)), idsOf(ranked).mid(0, 6));
    for (const QJsonValue &hit : hitsOf(r)) {
        const double s = hit[QStringLiteral("score")].toDouble();
        QVERIFY(largerIsBetter(m) ? s > t : s < t);
    }
    const auto all = nearestScores(m, kQuery, {});
    int expected = 0;
    for (const auto &[id, s] : all)
        expected += (largerIsBetter(m) ? s > t : s < t) ? 1 : 0;
    QCOMPARE(hitsOf(r).size(), expected);
}

void TestStoreQuery::customScoreThreshold()
{
    // Custom scores (best_score, sum_scores) are larger-first for every metric. Qdrant checks
    // them with the distance's own rule after ranking (local_shard/search.rs, take_while):
    // Dot keeps score > t; Euclid keeps everything while the best score is < t, else nothing.
    const QJsonObject reco{{QStringLiteral("recommend"),
                            QJsonObject{{QStringLiteral("positive"), QJsonArray{1}},
                                        {QStringLiteral("negative"), QJsonArray{5}},
                                        {QStringLiteral("strategy"),
                                         QStringLiteral("best_score")}}}};
    const auto rankedDot = m_client->post(points(collectionOf(Metric::Dot), "query"),
                                          QJsonObject{{QStringLiteral("query"), reco},
                                                      {QStringLiteral("limit"), kPoints}});
    QVERIFY2(rankedDot.status == 200, rankedDot.body.constData());
    const QJsonArray dotHits = hitsOf(rankedDot);
    QCOMPARE(dotHits.size(), kPoints - 2);
    auto r = m_client->post(points(collectionOf(Metric::Dot), "query"),
                            QJsonObject{{QStringLiteral("query"), reco},
                                        {QStringLiteral("limit"), kPoints},
                                        {QStringLiteral("score_threshold"),
                                         dotHits[2][QStringLiteral("score")]}});
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(idsOf(hitsOf(r)), idsOf(dotHits).mid(0, 2));

    const QString euclid = points(collectionOf(Metric::Euclid), "query");
    const auto rankedEuclid = m_client->post(euclid, QJsonObject{{QStringLiteral("query"), reco},
                                                                 {QStringLiteral("limit"), 4}});
    QVERIFY2(rankedEuclid.status == 200, rankedEuclid.body.constData());
    const double best = hitsOf(rankedEuclid)[0][QStringLiteral("score")].toDouble();
    r = m_client->post(euclid, QJsonObject{{QStringLiteral("query"), reco},
                                           {QStringLiteral("limit"), 4},
                                           {QStringLiteral("score_threshold"), best + 0.01}});
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(idsOf(hitsOf(r)), idsOf(hitsOf(rankedEuclid)));
    r = m_client->post(euclid, QJsonObject{{QStringLiteral("query"), reco},
                                           {QStringLiteral("limit"), 4},
                                           {QStringLiteral("score_threshold"), best - 0.01}});
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(hitsOf(r).size(), 0);
}

void TestStoreQuery::limitAndOffset_data()
{
    QTest::addColumn<int>("metric");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("offset");
    for (Metric m : kMetrics) {
        QTest::addRow("%s/3+2", qPrintable(distanceName(m))) << int(m) << 3 << 2;
        QTest::addRow("%s/default", qPrintable(distanceName(m))) << int(m) << -1 << -1;
        QTest::addRow("%s/tail", qPrintable(distanceName(m))) << int(m) << 5 << 10;
        QTest::addRow("%s/past-end", qPrintable(distanceName(m))) << int(m) << 5 << 20;
    }
}

void TestStoreQuery::limitAndOffset()
{
    QFETCH(int, metric);
    QFETCH(int, limit);
    QFETCH(int, offset);
    const Metric m = Metric(metric);
    QJsonObject body{{QStringLiteral("query"), toJson(kQuery)}};
    if (limit >= 0)
        body[QStringLiteral("limit")] = limit;
    if (offset >= 0)
        body[QStringLiteral("offset")] = offset;
    const auto r = m_client->post(points(collectionOf(m), "query"), body);
    QVERIFY2(r.status == 200, r.body.constData());
    const auto all = nearestScores(m, kQuery, {});
    // Qdrant's defaults: limit 10, offset 0.
    const Ranking expected = page(rank(all, largerIsBetter(m)), size_t(limit < 0 ? 10 : limit),
                                  size_t(qMax(offset, 0)));
    const QString error = checkRanking(hitsOf(r), expected, all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestStoreQuery::filterRestrictsNearest_data()
{
    QTest::addColumn<int>("metric");
    for (Metric m : kMetrics)
        QTest::newRow(qPrintable(distanceName(m))) << int(m);
}

void TestStoreQuery::filterRestrictsNearest()
{
    QFETCH(int, metric);
    const Metric m = Metric(metric);
    const QByteArray filter = R"({"must":[{"key":"group","match":{"value":1}}],
                                  "must_not":[{"key":"n","range":{"gt":9}}]})";
    const QJsonObject body{{QStringLiteral("query"), toJson(kQuery)},
                           {QStringLiteral("limit"), kPoints},
                           {QStringLiteral("filter"), QJsonDocument::fromJson(filter).object()}};
    const auto r = m_client->post(points(collectionOf(m), "query"), body);
    QVERIFY2(r.status == 200, r.body.constData());
    const auto all = nearestScores(m, kQuery, {}, [](qint64 id) { return id % 3 == 1 && id <= 9; });
    QCOMPARE(all.size(), size_t(3)); // 1, 4, 7
    const QString error = checkRanking(hitsOf(r), rank(all, largerIsBetter(m)), all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestStoreQuery::noQueryReturnsIdOrder()
{
    const QString path = points(collectionOf(Metric::Dot), "query");
    auto r = m_client->post(path, QByteArray(R"({"limit":5,"offset":2})"));
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(idsOf(hitsOf(r)), (QList<qint64>{3, 4, 5, 6, 7}));
    // Answered by a scroll: Qdrant reports version 0 and score 1.0 (local_shard/scroll.rs).
    for (const QJsonValue &hit : hitsOf(r)) {
        QCOMPARE(hit[QStringLiteral("score")].toDouble(), 1.0);
        QCOMPARE(hit[QStringLiteral("version")].toInt(-1), 0);
        QVERIFY(absent(hit[QStringLiteral("payload")]));
    }

    r = m_client->post(path, QByteArray(R"({"filter":{"must":[{"key":"group","match":{"value":1}}]},
                                            "with_payload":["n"]})"));
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(idsOf(hitsOf(r)), (QList<qint64>{1, 4, 7, 10}));
    QCOMPARE(hitsOf(r)[1][QStringLiteral("payload")].toObject(),
             (QJsonObject{{QStringLiteral("n"), 4}}));
}

void TestStoreQuery::orderBy()
{
    const QString collection = collectionOf(Metric::Euclid);
    const auto index = m_client->put(
        QStringLiteral("/collections/%1/index?wait=true").arg(collection),
        QByteArray(R"({"field_name":"n","field_schema":"integer"})"));
    QVERIFY2(index.status == 200, index.body.constData());
    const QString path = points(collection, "query");

    auto r = m_client->post(path, QByteArray(R"({"query":{"order_by":{"key":"n",
                                                                      "direction":"desc"}},
                                                 "limit":3})"));
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(idsOf(hitsOf(r)), (QList<qint64>{12, 11, 10}));
    const QJsonObject first = hitsOf(r)[0].toObject();
    QCOMPARE(first[QStringLiteral("order_value")].toInt(), 12);
    QCOMPARE(first[QStringLiteral("score")].toDouble(), 1.0);
    QCOMPARE(first[QStringLiteral("version")].toInt(-1), 0);
    QVERIFY(absent(first[QStringLiteral("payload")]));

    // Offset applies to order_by queries too; filter and payload selection as elsewhere.
    r = m_client->post(path, QByteArray(R"({"query":{"order_by":"n"},"limit":2,"offset":1,
                                            "filter":{"must":[{"key":"group","match":{"value":0}}]},
                                            "with_payload":true})"));
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(idsOf(hitsOf(r)), (QList<qint64>{6, 9}));
    QCOMPARE(hitsOf(r)[0][QStringLiteral("payload")][QStringLiteral("tag")].toString(),
             QStringLiteral("even"));

    r = m_client->post(path, QByteArray(R"({"query":{"order_by":"n"},"score_threshold":0.5})"));
    QCOMPARE(r.status, 400);
    QVERIFY2(r.error().contains(QLatin1String("score_threshold")), qPrintable(r.error()));

    r = m_client->post(path, QByteArray(R"({"query":{"order_by":"group"}})"));
    QCOMPARE(r.status, 400);
    QVERIFY2(r.error().contains(QLatin1String("No range index")), qPrintable(r.error()));
}

void TestStoreQuery::namedVectors()
{
    const QString path = points(QStringLiteral("q_named"), "query");
    // `using` picks the vector and its distance: Euclid on "image", ascending distances; the
    // point without an image vector (7) never appears.
    const Vec q = {0.25f, -0.5f};
    auto r = m_client->post(path, QJsonObject{{QStringLiteral("query"), toJson(q)},
                                              {QStringLiteral("using"), QStringLiteral("image")},
                                              {QStringLiteral("limit"), 10},
                                              {QStringLiteral("with_vector"),
                                               QJsonArray{QStringLiteral("image")}}});
    QVERIFY2(r.status == 200, r.body.constData());
    std::map<qint64, double> all;
    for (int id = 1; id <= 6; ++id)
        all[id] = nearestScore(Metric::Euclid, vectorFor(id + 100, 2), q);
    QString error = checkRanking(hitsOf(r), rank(all, false), all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject vectors = hitsOf(r)[0][QStringLiteral("vector")].toObject();
    QCOMPARE(vectors.keys(), QStringList{QStringLiteral("image")});

    // Cosine on "text" covers all seven points; by id it excludes the referenced one.
    r = m_client->post(path, QJsonObject{{QStringLiteral("query"), 2},
                                         {QStringLiteral("using"), QStringLiteral("text")},
                                         {QStringLiteral("with_vector"), true}});
    QVERIFY2(r.status == 200, r.body.constData());
    all.clear();
    for (int id = 1; id <= 7; ++id) {
        if (id != 2)
            all[id] = nearestScore(Metric::Cosine, vectorFor(id, 3), vectorFor(2, 3));
    }
    error = checkRanking(hitsOf(r), rank(all, true), all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QJsonValue &hit : hitsOf(r)) {
        const QJsonObject v = hit[QStringLiteral("vector")].toObject();
        QVERIFY(v.contains(QStringLiteral("text")));
        QCOMPARE(v.contains(QStringLiteral("image")), hit[QStringLiteral("id")].toInt() != 7);
    }

    // The legacy search names the vector inside the request.
    r = m_client->post(points(QStringLiteral("q_named"), "search"),
                       QJsonObject{{QStringLiteral("vector"),
                                    QJsonObject{{QStringLiteral("name"), QStringLiteral("image")},
                                                {QStringLiteral("vector"), toJson(q)}}},
                                   {QStringLiteral("limit"), 3}});
    QVERIFY2(r.status == 200, r.body.constData());
    all.clear();
    for (int id = 1; id <= 6; ++id)
        all[id] = nearestScore(Metric::Euclid, vectorFor(id + 100, 2), q);
    error = checkRanking(hitsOf(r), page(rank(all, false), 3), all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestStoreQuery::payloadAndVectorSelection()
{
    const QString path = points(collectionOf(Metric::Cosine), "query");
    const QJsonValue byId = 4;
    // Qdrant's query defaults: with_payload false, with_vector false.
    auto r = m_client->post(path, QJsonObject{{QStringLiteral("query"), byId},
                                              {QStringLiteral("limit"), 1}});
    QVERIFY2(r.status == 200, r.body.constData());
    QJsonObject hit = hitsOf(r)[0].toObject();
    QVERIFY(absent(hit[QStringLiteral("payload")]));
    QVERIFY(absent(hit[QStringLiteral("vector")]));
    QVERIFY(hit[QStringLiteral("version")].isDouble());
    const qint64 id = hit[QStringLiteral("id")].toInteger();

    r = m_client->post(path, QJsonObject{{QStringLiteral("query"), byId},
                                         {QStringLiteral("limit"), 1},
                                         {QStringLiteral("with_payload"), true},
                                         {QStringLiteral("with_vector"), true}});
    QVERIFY2(r.status == 200, r.body.constData());
    hit = hitsOf(r)[0].toObject();
    QCOMPARE(hit[QStringLiteral("payload")].toObject(),
             (QJsonObject{{QStringLiteral("n"), id},
                          {QStringLiteral("group"), id % 3},
                          {QStringLiteral("tag"), id % 2 ? QStringLiteral("odd")
                                                         : QStringLiteral("even")}}));
    // Cosine vectors come back normalised, as Qdrant stores them.
    const QJsonArray vector = hit[QStringLiteral("vector")].toArray();
    QCOMPARE(vector.size(), kDim);
    const Vec expected = unit(vectorFor(int(id)));
    for (int i = 0; i < kDim; ++i)
        QVERIFY(close(vector[i].toDouble(), expected[size_t(i)]));

    // `with_vectors` is a serde alias of `with_vector` in Qdrant's query, search and
    // recommend requests.
    for (const char *endpoint : {"query", "search", "recommend"}) {
        const QJsonObject body{{QStringLiteral("query"), byId},
                               {QStringLiteral("vector"), toJson(kQuery)},
                               {QStringLiteral("positive"), QJsonArray{byId}},
                               {QStringLiteral("limit"), 1},
                               {QStringLiteral("with_vectors"), true}};
        QJsonObject request = body;
        if (QByteArray(endpoint) != "query")
            request.remove(QStringLiteral("query"));
        r = m_client->post(points(collectionOf(Metric::Cosine), endpoint), request);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(hitsOf(r)[0][QStringLiteral("vector")].toArray().size(), kDim);
    }

    r = m_client->post(path, QJsonObject{{QStringLiteral("query"), byId},
                                         {QStringLiteral("limit"), 1},
                                         {QStringLiteral("with_payload"),
                                          QJsonObject{{QStringLiteral("exclude"),
                                                       QJsonArray{QStringLiteral("tag")}}}}});
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(hitsOf(r)[0][QStringLiteral("payload")].toObject().keys(),
             (QStringList{QStringLiteral("group"), QStringLiteral("n")}));
}

void TestStoreQuery::queryBatch()
{
    const QByteArray body = R"({"searches":[
        {"query":[0.5,-1.25,2.0,0.75],"limit":2},
        {"query":3,"limit":1,"with_payload":true},
        {"limit":2}
    ]})";
    const auto r = m_client->post(points(collectionOf(Metric::Dot), "query/batch"), body);
    QVERIFY2(r.status == 200, r.body.constData());
    const QJsonArray results = r.result().toArray();
    QCOMPARE(results.size(), 3);
    const auto all = nearestScores(Metric::Dot, kQuery, {});
    QString error = checkRanking(results[0][QStringLiteral("points")].toArray(),
                                 page(rank(all, true), 2), all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto byId = nearestScores(Metric::Dot, stored(Metric::Dot, 3), {3});
    error = checkRanking(results[1][QStringLiteral("points")].toArray(), page(rank(byId, true), 1),
                         byId);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(results[1][QStringLiteral("points")][0][QStringLiteral("payload")].isObject());
    QCOMPARE(idsOf(results[2][QStringLiteral("points")].toArray()), (QList<qint64>{1, 2}));
}

void TestStoreQuery::legacySearchBatch()
{
    const QByteArray body = R"({"searches":[
        {"vector":[0.5,-1.25,2.0,0.75],"limit":3},
        {"vector":[0.5,-1.25,2.0,0.75],"limit":2,"offset":1,
         "filter":{"must":[{"key":"tag","match":{"value":"even"}}]}}
    ]})";
    const auto r = m_client->post(points(collectionOf(Metric::Manhattan), "search/batch"), body);
    QVERIFY2(r.status == 200, r.body.constData());
    const QJsonArray results = r.result().toArray();
    QCOMPARE(results.size(), 2);
    const auto all = nearestScores(Metric::Manhattan, kQuery, {});
    QString error = checkRanking(results[0].toArray(), page(rank(all, false), 3), all);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto even = nearestScores(Metric::Manhattan, kQuery, {},
                                    [](qint64 id) { return id % 2 == 0; });
    error = checkRanking(results[1].toArray(), page(rank(even, false), 2, 1), even);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestStoreQuery::legacyRecommendIsAPlainList()
{
    const auto r = m_client->post(points(collectionOf(Metric::Cosine), "recommend"),
                                  QByteArray(R"({"positive":[1,2],"negative":[5],"limit":3,
                                                 "with_payload":true,"with_vector":true})"));
    QVERIFY2(r.status == 200, r.body.constData());
    const QJsonArray list = r.result().toArray();
    QCOMPARE(list.size(), 3);
    for (const QJsonValue &value : list) {
        const QJsonObject hit = value.toObject();
        for (const char *key : {"id", "version", "score", "payload", "vector"})
            QVERIFY2(hit.contains(QLatin1String(key)), key);
        QVERIFY(hit[QStringLiteral("id")].isDouble());
        QVERIFY(hit[QStringLiteral("version")].isDouble());
        QVERIFY(hit[QStringLiteral("payload")].isObject());
        QCOMPARE(hit[QStringLiteral("vector")].toArray().size(), kDim);
        QVERIFY(!QList<qint64>({1, 2, 5}).contains(hit[QStringLiteral("id")].toInteger()));
    }
}

void TestStoreQuery::nullStrategyIsAverageVector()
{
    // RecommendInput.strategy is nullable; null means the default, average_vector.
    const QString path = points(collectionOf(Metric::Dot), "query");
    const auto byDefault = m_client->post(
        path, QByteArray(R"({"query":{"recommend":{"positive":[2],"negative":[6]}},"limit":4})"));
    const auto byNull = m_client->post(
        path, QByteArray(R"({"query":{"recommend":{"positive":[2],"negative":[6],
                                                   "strategy":null}},"limit":4})"));
    QVERIFY2(byDefault.status == 200, byDefault.body.constData());
    QVERIFY2(byNull.status == 200, byNull.body.constData());
    QCOMPARE(idsOf(hitsOf(byNull)), idsOf(hitsOf(byDefault)));
}

void TestStoreQuery::upsertRequiresTheVectorField()
{
    // PointStruct requires `vector` even when the collection's vectors are all named and
    // optional; `{}` is how a point says it has none.
    auto r = m_client->put(QStringLiteral("/collections/q_named/points?wait=true"),
                           QByteArray(R"({"points":[{"id":50,"payload":{"a":1}}]})"));
    QCOMPARE(r.status, 400);
    QVERIFY2(r.error().contains(QLatin1String("missing field `vector`")), qPrintable(r.error()));
    r = m_client->put(QStringLiteral("/collections/q_dot/points?wait=true"),
                      QByteArray(R"({"points":[{"id":50}]})"));
    QCOMPARE(r.status, 400);
    QVERIFY2(r.error().contains(QLatin1String("missing field `vector`")), qPrintable(r.error()));

    r = m_client->put(QStringLiteral("/collections/q_named/points?wait=true"),
                      QByteArray(R"({"points":[{"id":50,"vector":{},"payload":{"a":1}}]})"));
    QVERIFY2(r.status == 200, r.body.constData());
    r = m_client->post(points(QStringLiteral("q_named"), "query"),
                       QByteArray(R"({"query":[1,0,0],"using":"text","limit":20})"));
    QVERIFY(!idsOf(hitsOf(r)).contains(50));
    QCOMPARE(m_client->post(points(QStringLiteral("q_named"), "delete?wait=true"),
                            QByteArray(R"({"points":[50]})"))
                 .status,
             200);
}

void TestStoreQuery::legacyRecommendBatch()
{
    const QByteArray body = R"({"searches":[
        {"positive":[2],"limit":3},
        {"positive":[2],"negative":[[1,1,1,1]],"strategy":"sum_scores","limit":2,"offset":1},
        {"positive":[999],"limit":1}
    ]})";
    const QString path = points(collectionOf(Metric::Euclid), "recommend/batch");
    auto r = m_client->post(path, body);
    // One failing search fails the batch, as in Qdrant.
    QCOMPARE(r.status, 404);

    QByteArray fixed = body;
    fixed.replace(R"({"positive":[999],"limit":1})", R"({"positive":[3],"limit":1})");
    r = m_client->post(path, fixed);
    QVERIFY2(r.status == 200, r.body.constData());
    const QJsonArray results = r.result().toArray();
    QCOMPARE(results.size(), 3);
    const auto single = nearestScores(Metric::Euclid, stored(Metric::Euclid, 2), {2});
    QString error = checkRanking(results[0].toArray(), page(rank(single, false), 3), single);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    std::map<qint64, double> sums;
    for (int id = 1; id <= kPoints; ++id) {
        if (id != 2) {
            const Vec v = stored(Metric::Euclid, id);
            sums[id] = similarity(Metric::Euclid, v, stored(Metric::Euclid, 2))
                       - similarity(Metric::Euclid, v, Vec{1, 1, 1, 1});
        }
    }
    error = checkRanking(results[1].toArray(), page(rank(sums, true), 2, 1), sums);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(results[2].toArray().size(), 1);
}

void TestStoreQuery::errors_data()
{
    QTest::addColumn<QString>("collection");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("fragment");
    const QString dot = collectionOf(Metric::Dot);
    const QString named = QStringLiteral("q_named");
    const QString query = QStringLiteral("query");
    QTest::newRow("query dim") << dot << query << QByteArray(R"({"query":[1,2,3]})") << 400
                               << QStringLiteral("expected dim: 4, got 3");
    QTest::newRow("nearest dim") << dot << query << QByteArray(R"({"query":{"nearest":[1]}})")
                                 << 400 << QStringLiteral("expected dim: 4");
    QTest::newRow("search dim") << dot << QStringLiteral("search")
                                << QByteArray(R"({"vector":[1,2,3,4,5],"limit":1})") << 400
                                << QStringLiteral("expected dim: 4, got 5");
    QTest::newRow("recommend dim")
        << dot << query
        << QByteArray(R"({"query":{"recommend":{"positive":[[1,2]],"strategy":"best_score"}}})")
        << 400 << QStringLiteral("expected dim: 4");
    QTest::newRow("unknown using") << named << query
                                   << QByteArray(R"({"query":[1,2],"using":"audio"})") << 400
                                   << QStringLiteral("Not existing vector name error: audio");
    QTest::newRow("unknown using by id") << named << query
                                         << QByteArray(R"({"query":1,"using":"audio"})") << 400
                                         << QStringLiteral("audio");
    QTest::newRow("unknown search name")
        << named << QStringLiteral("search")
        << QByteArray(R"({"vector":{"name":"audio","vector":[1,2]},"limit":1})") << 400
        << QStringLiteral("audio");
    QTest::newRow("unknown id") << dot << query << QByteArray(R"({"query":999})") << 404
                                << QStringLiteral("No point with id 999 found");
    QTest::newRow("unknown nearest uuid")
        << dot << query
        << QByteArray(R"({"query":{"nearest":"550e8400-e29b-41d4-a716-446655440000"}})") << 404
        << QStringLiteral("550e8400-e29b-41d4-a716-446655440000");
    QTest::newRow("unknown recommend id")
        << dot << query << QByteArray(R"({"query":{"recommend":{"positive":[1,999]}}})") << 404
        << QStringLiteral("999");
    QTest::newRow("legacy recommend unknown id")
        << dot << QStringLiteral("recommend") << QByteArray(R"({"positive":[998],"limit":1})")
        << 404 << QStringLiteral("998");
    QTest::newRow("id without that vector")
        << named << query << QByteArray(R"({"query":7,"using":"image"})") << 404
        << QStringLiteral("Vector with name \"image\"");
    QTest::newRow("prefetch") << dot << query
                              << QByteArray(R"({"prefetch":{"query":[1,2,3,4]},"query":[1,2,3,4]})")
                              << 400 << QStringLiteral("prefetch");
    QTest::newRow("fusion") << dot << query << QByteArray(R"({"query":{"fusion":"rrf"}})") << 400
                            << QStringLiteral("fusion");
    QTest::newRow("threshold without query")
        << dot << query << QByteArray(R"({"score_threshold":0.5})") << 400
        << QStringLiteral("A query is needed to use the score_threshold");
    QTest::newRow("search without limit") << dot << QStringLiteral("search")
                                          << QByteArray(R"({"vector":[1,2,3,4]})") << 400
                                          << QStringLiteral("limit");
    QTest::newRow("average without positive")
        << dot << QStringLiteral("recommend") << QByteArray(R"({"negative":[1],"limit":1})")
        << 400 << QStringLiteral("positive");
    QTest::newRow("best_score without examples")
        << dot << QStringLiteral("recommend")
        << QByteArray(R"({"strategy":"best_score","limit":1})") << 400
        << QStringLiteral("At least one positive or negative vector ID required");
    QTest::newRow("limit 0") << dot << query << QByteArray(R"({"query":[1,2,3,4],"limit":0})")
                             << 422 << QStringLiteral("limit");
    QTest::newRow("bad strategy")
        << dot << query
        << QByteArray(R"({"query":{"recommend":{"positive":[1],"strategy":"median"}}})") << 400
        << QStringLiteral("strategy");
    QTest::newRow("not json") << dot << query << QByteArray("{\"query\":") << 400
                              << QStringLiteral("Format error");
    QTest::newRow("unknown collection") << QStringLiteral("nope") << query
                                        << QByteArray(R"({"query":[1,2,3,4]})") << 404
                                        << QStringLiteral("Collection `nope` doesn't exist!");
}

void TestStoreQuery::errors()
{
    QFETCH(QString, collection);
    QFETCH(QString, endpoint);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, fragment);
    const auto r = m_client->post(
        QStringLiteral("/collections/%1/points/%2").arg(collection, endpoint), body);
    QVERIFY2(r.status == status, r.body.constData());
    QVERIFY2(r.error().contains(fragment), qPrintable(r.error()));
    QVERIFY(r.json.object()[QStringLiteral("time")].isDouble());
}

QTEST_GUILESS_MAIN(TestStoreQuery)
#include "tst_store_query.moc"
