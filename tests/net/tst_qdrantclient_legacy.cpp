// The version switch: against a server that says 1.7.4 on GET / and has no points/query
// (LegacyQdrantProxy, forwarding search and recommend to a real memory-store), QdrantClient
// sends the same requests as points/search and points/recommend and must give the same
// results, field for field, as points/query on memory-store itself.

#include "legacyqdrantproxy.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"

#include <QtTest>

Q_DECLARE_METATYPE(QueryRequest)

namespace {

const QString Memories = QStringLiteral("memories");

QByteArray describe(const QList<ScoredPoint> &hits)
{
    QStringList parts;
    for (const ScoredPoint &hit : hits)
        parts << QStringLiteral("%1:%2").arg(hit.id.toString()).arg(hit.score);
    return parts.join(u' ').toUtf8();
}

void compareHits(const QList<ScoredPoint> &legacy, const QList<ScoredPoint> &modern)
{
    QVERIFY2(legacy.size() == modern.size(),
        QByteArray(describe(legacy) + " vs " + describe(modern)).constData());
    for (qsizetype i = 0; i < legacy.size(); ++i) {
        QCOMPARE(legacy.at(i).id, modern.at(i).id);
        QCOMPARE(legacy.at(i).score, modern.at(i).score);
        QCOMPARE(legacy.at(i).payload, modern.at(i).payload);
        QCOMPARE(legacy.at(i).vectors, modern.at(i).vectors);
    }
}

} // namespace

class TestQdrantClientLegacy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void versionIsOld();
    void sameResults_data();
    void sameResults();
    void sameBatchResults();

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<LegacyQdrantProxy> m_proxy;
    QdrantClient m_modern;
    QdrantClient m_legacy;
};

void TestQdrantClientLegacy::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_modern.setEndpoint(QUrl(m_store.baseUrl()));
    m_proxy = std::make_unique<LegacyQdrantProxy>(m_store.port());
    QVERIFY(m_proxy->listen());
    m_legacy.setEndpoint(QUrl(m_proxy->baseUrl()));

    const QJsonObject vectors {
        {QStringLiteral("text"),
            QJsonObject {{QStringLiteral("size"), 8},
                {QStringLiteral("distance"), QStringLiteral("Cosine")}}},
        {QStringLiteral("code"),
            QJsonObject {{QStringLiteral("size"), 4},
                {QStringLiteral("distance"), QStringLiteral("Euclid")}}},
    };
    const auto created = await<bool>([&](auto done) {
        return m_modern.createCollection(
            Memories, {{QStringLiteral("vectors"), vectors}}, this, done);
    });
    QVERIFY2(created.ok(), errorOf(created));
    QList<PointStruct> points = testPoints(60, 8);
    for (qsizetype i = 0; i < points.size(); ++i) {
        PointStruct &p = points[i];
        const QList<float> text = p.vectors.take(QString());
        p.vectors.insert(QStringLiteral("text"), text);
        p.vectors.insert(QStringLiteral("code"), testVector(4, 1000 + quint32(i)));
    }
    const auto upserted = await<UpsertSummary>(
        [&](auto done) { return m_modern.upsertPoints(Memories, points, this, {}, done); });
    QVERIFY2(upserted.ok(), errorOf(upserted));
}

void TestQdrantClientLegacy::cleanupTestCase()
{
    m_proxy.reset();
    m_store.stop();
}

void TestQdrantClientLegacy::versionIsOld()
{
    const auto version
        = await<ServerVersion>([&](auto done) { return m_legacy.serverVersion(this, done); });
    QVERIFY2(version.ok(), errorOf(version));
    QCOMPARE(version.value().version, QStringLiteral("1.7.4"));
    QCOMPARE(version.value().minor, 7);
    QVERIFY(!version.value().hasQueryApi());
}

void TestQdrantClientLegacy::sameResults_data()
{
    QTest::addColumn<QueryRequest>("request");
    QTest::addColumn<QString>("legacyPath");

    const QString search = QStringLiteral("POST /collections/memories/points/search");
    const QString recommend = QStringLiteral("POST /collections/memories/points/recommend");
    const QJsonObject failed = matchFilter(QStringLiteral("outcome"), QStringLiteral("failed"));

    QueryRequest plain = QueryRequest::nearestTo(testVector(8, 3), 5);
    plain.vectorName = QStringLiteral("text");
    QTest::newRow("nearest vector") << plain << search;

    QueryRequest full = plain;
    full.limit = 4;
    full.offset = 2;
    full.filter = failed;
    full.withPayload = PayloadSelector::all();
    full.withVector = VectorSelector::everything();
    QTest::newRow("filter, offset, payload, vectors") << full << search;

    QueryRequest threshold = plain;
    threshold.limit = 60;
    threshold.scoreThreshold = 0.1f;
    threshold.withPayload = PayloadSelector::include({QStringLiteral("rank")});
    QTest::newRow("score threshold, payload fields") << threshold << search;

    QueryRequest euclid = QueryRequest::nearestTo(testVector(4, 9), 6);
    euclid.vectorName = QStringLiteral("code");
    euclid.withVector = VectorSelector::named({QStringLiteral("code")});
    QTest::newRow("another named vector") << euclid << search;

    QueryRequest byPoint = QueryRequest::nearestToPoint(PointId(5), 7);
    byPoint.vectorName = QStringLiteral("text");
    byPoint.withPayload = PayloadSelector::exclude({QStringLiteral("note")});
    QTest::newRow("nearest point") << byPoint << recommend;

    QueryRequest examples = QueryRequest::recommend(
        {VectorInput::ofPoint(PointId(1)), VectorInput::ofVector(testVector(8, 40))},
        {VectorInput::ofPoint(PointId(2))}, 8);
    examples.vectorName = QStringLiteral("text");
    examples.filter = failed;
    QTest::newRow("recommend average") << examples << recommend;

    QueryRequest best = examples;
    best.strategy = QStringLiteral("best_score");
    best.filter = {};
    QTest::newRow("recommend best_score") << best << recommend;
}

void TestQdrantClientLegacy::sameResults()
{
    QFETCH(QueryRequest, request);
    QFETCH(QString, legacyPath);
    const qsizetype before = m_proxy->received().size();
    const auto legacy = await<QList<ScoredPoint>>(
        [&](auto done) { return m_legacy.query(Memories, request, this, done); });
    const auto modern = await<QList<ScoredPoint>>(
        [&](auto done) { return m_modern.query(Memories, request, this, done); });
    QVERIFY2(legacy.ok(), errorOf(legacy));
    QVERIFY2(modern.ok(), errorOf(modern));
    QVERIFY(!modern.value().isEmpty());
    compareHits(legacy.value(), modern.value());
    if (QTest::currentTestFailed())
        return;
    const QStringList sent = m_proxy->received().mid(before);
    QStringList expected {legacyPath};
    if (before == 0)
        expected.prepend(QStringLiteral("GET /")); // the first query asks for the version
    QCOMPARE(sent, expected);
}

void TestQdrantClientLegacy::sameBatchResults()
{
    QueryRequest first = QueryRequest::nearestTo(testVector(8, 11), 3);
    first.vectorName = QStringLiteral("text");
    QueryRequest second = QueryRequest::nearestToPoint(PointId(9), 4);
    second.vectorName = QStringLiteral("text");
    second.withPayload = PayloadSelector::all();
    QueryRequest third = QueryRequest::nearestTo(testVector(4, 12), 2);
    third.vectorName = QStringLiteral("code");
    third.withVector = VectorSelector::everything();
    const QList<QueryRequest> requests = {first, second, third};
    const qsizetype before = m_proxy->received().size();
    const auto legacy = await<QList<QList<ScoredPoint>>>(
        [&](auto done) { return m_legacy.queryBatch(Memories, requests, this, done); });
    const auto modern = await<QList<QList<ScoredPoint>>>(
        [&](auto done) { return m_modern.queryBatch(Memories, requests, this, done); });
    QVERIFY2(legacy.ok(), errorOf(legacy));
    QVERIFY2(modern.ok(), errorOf(modern));
    QCOMPARE(legacy.value().size(), 3);
    for (qsizetype i = 0; i < 3; ++i)
        compareHits(legacy.value().at(i), modern.value().at(i));
    QStringList sent = m_proxy->received().mid(before);
    sent.removeAll(QStringLiteral("GET /"));
    QCOMPARE(sent,
        (QStringList {QStringLiteral("POST /collections/memories/points/search/batch"),
            QStringLiteral("POST /collections/memories/points/recommend/batch")}));
}

QTEST_GUILESS_MAIN(TestQdrantClientLegacy)
#include "tst_qdrantclient_legacy.moc"
