// QdrantClient against a real memory-store on loopback, reads and point operations: payload
// set / overwrite / delete / clear by ids and by filter, named vectors, deletes and points/batch,
// scroll to the last page, count, facet, query (nearest vector or point, recommend, filter,
// limit, offset, score_threshold, using, payload and vector selectors) and query batch, and
// Qdrant's `time` in the request log. Each result is read back through the client.

#include "memorystoreprocess.h"
#include "qdranttestutil.h"

#include <QtTest>

Q_DECLARE_METATYPE(QueryRequest)

namespace {

const QString Memories = QStringLiteral("memories");
const QString Named = QStringLiteral("named");

QList<PointId> idsOf(const QList<ScoredPoint> &hits)
{
    QList<PointId> ids;
    for (const ScoredPoint &hit : hits)
        ids.append(hit.id);
    return ids;
}

QJsonObject payloadOf(const QList<PointRecord> &records, quint64 id)
{
    for (const PointRecord &record : records) {
        if (record.id == PointId(id))
            return record.payload;
    }
    return {};
}

} // namespace

class TestQdrantClientPoints : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void payloadOperations_data();
    void payloadOperations();
    void namedVectors();
    void deletePointsAndBatch();
    void scrollAllPages();
    void countAndFacet();
    void queries_data();
    void queries();
    void queryBatch();
    void requestLogHasServerTime();

private:
    QList<PointRecord> readAll(const QString &collection, const VectorSelector &vectors = {});

    MemoryStoreProcess m_store;
    QdrantClient m_client;
    QList<RequestLogEntry> m_log;
};

QList<PointRecord> TestQdrantClientPoints::readAll(
    const QString &collection, const VectorSelector &vectors)
{
    ScrollRequest request;
    request.limit = 1000;
    request.withVector = vectors;
    const auto page = await<ScrollPage>(
        [&](auto done) { return m_client.scroll(collection, request, this, done); });
    return page.ok() ? page.value().points : QList<PointRecord>();
}

void TestQdrantClientPoints::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_client.setEndpoint(QUrl(m_store.baseUrl()));
    m_client.transport()->setRequestLogger([this](const RequestLogEntry &e) { m_log.append(e); });
    const QJsonObject named {{QStringLiteral("vectors"),
        QJsonObject {{QStringLiteral("text"),
                         QJsonObject {{QStringLiteral("size"), 4},
                             {QStringLiteral("distance"), QStringLiteral("Dot")}}},
            {QStringLiteral("image"),
                QJsonObject {{QStringLiteral("size"), 2},
                    {QStringLiteral("distance"), QStringLiteral("Euclid")}}}}}};
    for (const auto &collection :
        {std::pair {Memories, vectorsConfig(4, QStringLiteral("Dot"))}, std::pair {Named, named}}) {
        // No structured binding: clang 14 (clang-tidy's compiler) cannot capture one in a lambda.
        const auto &name = collection.first;
        const auto &config = collection.second;
        const auto created = await<bool>(
            [&](auto done) { return m_client.createCollection(name, config, this, done); });
        QVERIFY2(created.ok(), errorOf(created));
    }
    const auto index = await<UpdateResult>([&](auto done) {
        return m_client.createPayloadIndex(
            Memories, QStringLiteral("outcome"), QStringLiteral("keyword"), this, done);
    });
    QVERIFY2(index.ok(), errorOf(index));
}

void TestQdrantClientPoints::cleanupTestCase()
{
    m_store.stop();
}

void TestQdrantClientPoints::init()
{
    // Every test starts from the same 30 points (an upsert replaces them all).
    const auto cleared = await<UpdateResult>([&](auto done) {
        return m_client.deletePoints(Memories, PointSelection::byFilter({}), this, done);
    });
    QVERIFY2(cleared.ok(), errorOf(cleared));
    const auto upserted = await<UpsertSummary>([&](auto done) {
        return m_client.upsertPoints(Memories, testPoints(30, 4), this, {}, done);
    });
    QVERIFY2(upserted.ok(), errorOf(upserted));
}

void TestQdrantClientPoints::payloadOperations_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("byFilter");
    QTest::addColumn<QJsonObject>("expected1"); // point 1 afterwards (outcome "success")
    QTest::addColumn<bool>("point2Changed"); // point 2 has outcome "failed"

    const QJsonObject original = testPoints(1, 4).first().payload;
    QJsonObject set = original;
    set.insert(QStringLiteral("reviewed"), true);
    QJsonObject nested = original;
    nested.insert(QStringLiteral("review"), QJsonObject {{QStringLiteral("reviewed"), true}});
    QJsonObject deleted = original;
    deleted.remove(QStringLiteral("note"));
    deleted.remove(QStringLiteral("tags"));
    const QJsonObject overwritten {{QStringLiteral("reviewed"), true}};
    using K = UpdateOperation::Kind;
    QTest::newRow("set by ids") << int(K::SetPayload) << false << set << false;
    QTest::newRow("set by filter") << int(K::SetPayload) << true << set << false;
    QTest::newRow("set under key") << int(K::SetPayload) << false << nested << false;
    QTest::newRow("overwrite by ids") << int(K::OverwritePayload) << false << overwritten << false;
    QTest::newRow("delete keys by filter") << int(K::DeletePayload) << true << deleted << false;
    QTest::newRow("clear by ids") << int(K::ClearPayload) << false << QJsonObject() << false;
}

void TestQdrantClientPoints::payloadOperations()
{
    QFETCH(int, kind);
    QFETCH(bool, byFilter);
    QFETCH(QJsonObject, expected1);
    // Point 1 only: by its id, or by a filter that only it matches among points 1 and 2.
    const PointSelection selection = byFilter
        ? PointSelection::byFilter(matchFilter(QStringLiteral("rank"), 0))
        : PointSelection::byIds({PointId(1)});
    const QJsonObject flag {{QStringLiteral("reviewed"), true}};
    const QString key = QString::fromLatin1(QTest::currentDataTag()).contains(u"key")
        ? QStringLiteral("review")
        : QString();
    const auto result = await<UpdateResult>([&](auto done) {
        switch (UpdateOperation::Kind(kind)) {
        case UpdateOperation::Kind::SetPayload:
            return m_client.setPayload(Memories, selection, flag, key, this, done);
        case UpdateOperation::Kind::OverwritePayload:
            return m_client.overwritePayload(Memories, selection, flag, this, done);
        case UpdateOperation::Kind::DeletePayload:
            return m_client.deletePayload(
                Memories, selection, {QStringLiteral("note"), QStringLiteral("tags")}, this, done);
        default:
            return m_client.clearPayload(Memories, selection, this, done);
        }
    });
    QVERIFY2(result.ok(), errorOf(result));
    QCOMPARE(result.value().status, QStringLiteral("completed"));
    QVERIFY(result.value().operationId >= 0);
    const QList<PointRecord> records = readAll(Memories);
    QCOMPARE(payloadOf(records, 1), expected1);
    QCOMPARE(payloadOf(records, 2), testPoints(2, 4).at(1).payload);
}

void TestQdrantClientPoints::namedVectors()
{
    PointStruct point;
    point.id = PointId(7);
    point.vectors = {{QStringLiteral("text"), {0.25f, -0.5f, 1e-7f, 3.4028235e38f}},
        {QStringLiteral("image"), {1.5f, -2.0f}}};
    point.payload = {{QStringLiteral("kind"), QStringLiteral("named")}};
    const auto upserted = await<UpsertSummary>(
        [&](auto done) { return m_client.upsertPoints(Named, {point}, this, {}, done); });
    QVERIFY2(upserted.ok(), errorOf(upserted));
    QList<PointRecord> records = readAll(Named, VectorSelector::everything());
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().vectors, point.vectors);

    PointStruct change;
    change.id = point.id;
    change.vectors = {{QStringLiteral("image"), {0.5f, 0.75f}}};
    const auto updated = await<UpdateResult>(
        [&](auto done) { return m_client.updateVectors(Named, {change}, this, done); });
    QVERIFY2(updated.ok(), errorOf(updated));
    records = readAll(Named, VectorSelector::named({QStringLiteral("image")}));
    QCOMPARE(records.first().vectors, change.vectors);

    const auto deleted = await<UpdateResult>([&](auto done) {
        return m_client.deleteVectors(
            Named, PointSelection::byIds({point.id}), {QStringLiteral("text")}, this, done);
    });
    QVERIFY2(deleted.ok(), errorOf(deleted));
    records = readAll(Named, VectorSelector::everything());
    QCOMPARE(records.first().vectors.keys(), QStringList {QStringLiteral("image")});

    // Nearest by a named vector (`using`).
    QueryRequest query = QueryRequest::nearestTo({0.5f, 0.75f}, 5);
    query.vectorName = QStringLiteral("image");
    query.withPayload = PayloadSelector::all();
    const auto hits = await<QList<ScoredPoint>>(
        [&](auto done) { return m_client.query(Named, query, this, done); });
    QVERIFY2(hits.ok(), errorOf(hits));
    QCOMPARE(idsOf(hits.value()), QList<PointId> {point.id});
    QCOMPARE(hits.value().first().payload, point.payload);
}

void TestQdrantClientPoints::deletePointsAndBatch()
{
    const auto deleted = await<UpdateResult>([&](auto done) {
        return m_client.deletePoints(
            Memories, PointSelection::byIds({PointId(1), PointId(2)}), this, done);
    });
    QVERIFY2(deleted.ok(), errorOf(deleted));
    const auto byFilter = await<UpdateResult>([&](auto done) {
        return m_client.deletePoints(Memories,
            PointSelection::byFilter(
                matchFilter(QStringLiteral("outcome"), QStringLiteral("rolled_back"))),
            this, done);
    });
    QVERIFY2(byFilter.ok(), errorOf(byFilter));
    // 30 points; 1 and 2 gone, then the 10 rolled_back ones (ranks 2, 5, ...; rank 2 was id 3).
    auto count = await<qint64>([&](auto done) { return m_client.count(Memories, {}, this, done); });
    QCOMPARE(count.value(), 18);

    PointStruct fresh = testPoints(1, 4, 100).first();
    const QList<UpdateOperation> ops = {
        UpdateOperation::upsert({fresh}),
        UpdateOperation::setPayload(
            PointSelection::byIds({fresh.id}), {{QStringLiteral("stage"), 1}}),
        UpdateOperation::overwritePayload(
            PointSelection::byIds({PointId(4)}), {{QStringLiteral("only"), true}}),
        UpdateOperation::deletePayload(PointSelection::byIds({fresh.id}), {QStringLiteral("note")}),
        UpdateOperation::clearPayload(PointSelection::byIds({PointId(5)})),
        UpdateOperation::updateVectors(
            {PointStruct {PointId(4), {{QString(), {1, 2, 3, 4}}}, {}, {}}}),
        UpdateOperation::remove(PointSelection::byIds({PointId(7)})),
    };
    const auto results = await<QList<UpdateResult>>(
        [&](auto done) { return m_client.batchUpdate(Memories, ops, this, done); });
    QVERIFY2(results.ok(), errorOf(results));
    QCOMPARE(results.value().size(), ops.size());
    const QList<PointRecord> records = readAll(Memories, VectorSelector::everything());
    QJsonObject expected = fresh.payload;
    expected.remove(QStringLiteral("note"));
    expected.insert(QStringLiteral("stage"), 1);
    QCOMPARE(payloadOf(records, 100), expected);
    QCOMPARE(payloadOf(records, 4), (QJsonObject {{QStringLiteral("only"), true}}));
    QCOMPARE(payloadOf(records, 5), QJsonObject());
    count = await<qint64>([&](auto done) { return m_client.count(Memories, {}, this, done); });
    QCOMPARE(count.value(), 18); // +100, −7
    for (const PointRecord &r : records) {
        if (r.id == PointId(4))
            QCOMPARE(r.vectors.value(QString()), (QList<float> {1, 2, 3, 4}));
    }
}

void TestQdrantClientPoints::scrollAllPages()
{
    ScrollRequest request;
    request.limit = 7;
    request.withPayload = PayloadSelector::exclude({QStringLiteral("note")});
    QList<PointId> seen;
    for (int page = 0; page < 10; ++page) {
        const auto result = await<ScrollPage>(
            [&](auto done) { return m_client.scroll(Memories, request, this, done); });
        QVERIFY2(result.ok(), errorOf(result));
        for (const PointRecord &record : result.value().points) {
            seen.append(record.id);
            QVERIFY(!record.payload.contains(QStringLiteral("note")));
            QVERIFY(record.payload.contains(QStringLiteral("outcome")));
        }
        request.offset = result.value().nextOffset;
        if (request.offset.isNull())
            break;
    }
    QCOMPARE(seen.size(), 30);
    QCOMPARE(seen.first(), PointId(1));
    QCOMPARE(seen.last(), PointId(30));
    QVERIFY(request.offset.isNull());

    // A page of 1,000 or more records is decoded on the thread pool: the same records arrive.
    ScrollRequest large = request;
    large.offset = PointId();
    large.limit = 1000;
    const auto whole = await<ScrollPage>(
        [&](auto done) { return m_client.scroll(Memories, large, this, done); });
    QVERIFY2(whole.ok(), errorOf(whole));
    QList<PointId> ids;
    for (const PointRecord &record : whole.value().points) {
        ids.append(record.id);
        QVERIFY(!record.payload.contains(QStringLiteral("note")));
        QVERIFY(record.payload.contains(QStringLiteral("outcome")));
    }
    QCOMPARE(ids, seen);
    QVERIFY(whole.value().nextOffset.isNull());
}

void TestQdrantClientPoints::countAndFacet()
{
    CountRequest count;
    count.filter = matchFilter(QStringLiteral("outcome"), QStringLiteral("success"));
    const auto counted
        = await<qint64>([&](auto done) { return m_client.count(Memories, count, this, done); });
    QVERIFY2(counted.ok(), errorOf(counted));
    QCOMPARE(counted.value(), 10);

    FacetRequest facet;
    facet.key = QStringLiteral("outcome");
    facet.exact = true;
    facet.filter = matchFilter(QStringLiteral("customer_id"), QStringLiteral("c0"));
    const auto hits = await<QList<FacetHit>>(
        [&](auto done) { return m_client.facet(Memories, facet, this, done); });
    QVERIFY2(hits.ok(), errorOf(hits));
    // customer c0 = ranks 0, 3, 6, ...: all of them "success" (rank % 3 == 0).
    QCOMPARE(hits.value().size(), 1);
    QCOMPARE(hits.value().first().value.toString(), QStringLiteral("success"));
    QCOMPARE(hits.value().first().count, 10);
}

void TestQdrantClientPoints::queries_data()
{
    QTest::addColumn<QueryRequest>("request");
    QTest::addColumn<int>("expectedHits");
    QTest::addColumn<bool>("excludesPoint1");

    const QList<float> near1 = testPoints(1, 4).first().vectors.value(QString());
    QTest::newRow("nearest vector") << QueryRequest::nearestTo(near1, 5) << 5 << false;
    QueryRequest filtered = QueryRequest::nearestTo(near1, 50);
    filtered.filter = matchFilter(QStringLiteral("outcome"), QStringLiteral("failed"));
    filtered.withPayload = PayloadSelector::all();
    QTest::newRow("filter") << filtered << 10 << true;
    QueryRequest paged = QueryRequest::nearestTo(near1, 4);
    paged.offset = 28;
    QTest::newRow("offset past the end") << paged << 2 << false;
    QueryRequest threshold = QueryRequest::nearestTo(near1, 30);
    threshold.scoreThreshold = 0.0f;
    QTest::newRow("score threshold") << threshold << -1 << false;
    QueryRequest selected = QueryRequest::nearestTo(near1, 3);
    selected.withPayload = PayloadSelector::include({QStringLiteral("outcome")});
    selected.withVector = VectorSelector::everything();
    QTest::newRow("payload and vector selectors") << selected << 3 << false;
    QTest::newRow("nearest point") << QueryRequest::nearestToPoint(PointId(1), 5) << 5 << true;
    QTest::newRow("recommend") << QueryRequest::recommend(
        {VectorInput::ofPoint(PointId(1))}, {VectorInput::ofVector(testVector(4, 77))}, 6)
                               << 6 << true;
    QueryRequest best = QueryRequest::recommend(
        {VectorInput::ofPoint(PointId(1)), VectorInput::ofPoint(PointId(2))}, {}, 4);
    best.strategy = QStringLiteral("best_score");
    QTest::newRow("recommend best_score") << best << 4 << true;
}

void TestQdrantClientPoints::queries()
{
    QFETCH(QueryRequest, request);
    QFETCH(int, expectedHits);
    QFETCH(bool, excludesPoint1);
    const auto hits = await<QList<ScoredPoint>>(
        [&](auto done) { return m_client.query(Memories, request, this, done); });
    QVERIFY2(hits.ok(), errorOf(hits));
    if (expectedHits >= 0)
        QCOMPARE(hits.value().size(), expectedHits);
    else
        QVERIFY(!hits.value().isEmpty() && hits.value().size() < 30);
    const QList<PointId> ids = idsOf(hits.value());
    QCOMPARE(ids.contains(PointId(1)),
        !excludesPoint1 && request.filter.isEmpty() && request.offset == 0);
    for (qsizetype i = 1; i < hits.value().size(); ++i)
        QVERIFY(hits.value().at(i - 1).score >= hits.value().at(i).score);
    for (const ScoredPoint &hit : hits.value()) {
        if (request.scoreThreshold)
            QVERIFY(hit.score > *request.scoreThreshold);
        if (!request.filter.isEmpty())
            QCOMPARE(
                hit.payload.value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
        if (request.withPayload.mode == PayloadSelector::Mode::Include)
            QCOMPARE(hit.payload.keys(), QStringList {QStringLiteral("outcome")});
        if (request.withVector.all) {
            const PointStruct original = testPoints(30, 4).at(int(hit.id.number()) - 1);
            QCOMPARE(hit.vectors, original.vectors);
        } else {
            QVERIFY(hit.vectors.isEmpty());
        }
    }
}

void TestQdrantClientPoints::queryBatch()
{
    const QList<QueryRequest> requests = {
        QueryRequest::nearestTo(testVector(4, 5), 3),
        QueryRequest::nearestToPoint(PointId(2), 2),
        QueryRequest::recommend({VectorInput::ofPoint(PointId(3))}, {}, 4),
    };
    const auto batches = await<QList<QList<ScoredPoint>>>(
        [&](auto done) { return m_client.queryBatch(Memories, requests, this, done); });
    QVERIFY2(batches.ok(), errorOf(batches));
    QCOMPARE(batches.value().size(), 3);
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const auto single = await<QList<ScoredPoint>>(
            [&](auto done) { return m_client.query(Memories, requests.at(i), this, done); });
        QCOMPARE(idsOf(batches.value().at(i)), idsOf(single.value()));
    }
}

void TestQdrantClientPoints::requestLogHasServerTime()
{
    m_log.clear();
    const auto hits = await<QList<ScoredPoint>>([&](auto done) {
        return m_client.query(Memories, QueryRequest::nearestTo(testVector(4, 1), 3), this, done);
    });
    QVERIFY(hits.ok());
    QCOMPARE(m_log.size(), 1);
    // cppcheck-suppress containerOutOfBounds ; QCOMPARE above returns when it is empty
    const RequestLogEntry &entry = m_log.first();
    QCOMPARE(entry.operation, QStringLiteral("query"));
    QCOMPARE(entry.path, QStringLiteral("/collections/memories/points/query"));
    QCOMPARE(entry.status, 200);
    QVERIFY2(entry.serverMs >= 0, "Qdrant's `time` reaches the request log");
    QVERIFY(entry.serverMs <= entry.clientMs);
}

QTEST_GUILESS_MAIN(TestQdrantClientPoints)
#include "tst_qdrantclient_points.moc"
