// memory-store over real HTTP: POST /points/query (nearest, by id, recommend, no query,
// order_by, named vectors, payload and vector selection). Scores are checked against a
// reference computed here, in double precision, with Qdrant's formulas (querytestdata.h).
#include "querytestdata.h"

using namespace queryref;

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

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

void TestStoreQuery::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_client = std::make_unique<StoreClient>(m_store.port());
    queryref::seed(*m_client);
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

QTEST_GUILESS_MAIN(TestStoreQuery)
#include "tst_store_query.moc"
