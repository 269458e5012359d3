// memory-store over real HTTP: the batch form of POST /points/query, the legacy search /
// recommend endpoints and their batches, the recommend strategies, and the query errors.
// Scores are checked against the reference of querytestdata.h.
#include "querytestdata.h"

using namespace queryref;

class TestStoreQueryBatch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void queryBatch();
    void legacySearchBatch();
    void legacyRecommendIsAPlainList();
    void legacyRecommendBatch();
    void nullStrategyIsAverageVector();
    void upsertRequiresTheVectorField();
    void errors_data();
    void errors();

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

void TestStoreQueryBatch::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_client = std::make_unique<StoreClient>(m_store.port());
    queryref::seed(*m_client);
}

void TestStoreQueryBatch::queryBatch()
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

void TestStoreQueryBatch::legacySearchBatch()
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

void TestStoreQueryBatch::legacyRecommendIsAPlainList()
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

void TestStoreQueryBatch::nullStrategyIsAverageVector()
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

void TestStoreQueryBatch::upsertRequiresTheVectorField()
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

void TestStoreQueryBatch::legacyRecommendBatch()
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

void TestStoreQueryBatch::errors_data()
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

void TestStoreQueryBatch::errors()
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

QTEST_GUILESS_MAIN(TestStoreQueryBatch)
#include "tst_store_query_batch.moc"
