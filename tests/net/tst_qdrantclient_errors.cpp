// QdrantClient when things go wrong: Qdrant's errors with their status and `status.error` text
// (missing collection 404, wrong dimension 400, wrong key 401), the server down, a timeout, a
// body that is not JSON, input refused before sending; cancel and context destruction; which
// requests are retried; and the API key kept out of every log entry and error message.

#include "faultpeer.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString Memories = QStringLiteral("memories");

/// Every kind of call once, so that a test can run "every method's path".
QList<std::function<QdrantCallHandle(QdrantClient &, QObject *, QdrantDone<bool>)>> everyMethod(
    const QString &collection, const QString &downloadTo)
{
    // Each adapter reports only ok/error: the point is the path each method takes.
    auto wrap = [](auto start) {
        return [start](QdrantClient &c, QObject *ctx, QdrantDone<bool> done) {
            return start(c, ctx, [done = std::move(done)](const auto &r) {
                done(r.ok() ? Result<bool>(true) : Result<bool>(r.error()));
            });
        };
    };
    const PointSelection one = PointSelection::byIds({PointId(1)});
    const PointSelection filtered
        = PointSelection::byFilter(matchFilter(QStringLiteral("outcome"), QStringLiteral("x")));
    const QList<PointStruct> points = testPoints(3, 4);
    const QueryRequest nearest = QueryRequest::nearestTo(testVector(4, 1), 3);
    const QString &c = collection; // the lambdas below capture a copy
    using C = QdrantClient;
    using O = QObject *;
    return {
        wrap([](C &k, O x, auto d) { return k.serverVersion(x, d); }),
        wrap([](C &k, O x, auto d) { return k.listCollections(x, d); }),
        wrap([c](C &k, O x, auto d) {
            return k.createCollection(c, vectorsConfig(4, QStringLiteral("Dot")), x, d);
        }),
        wrap([c](C &k, O x, auto d) { return k.collectionInfo(c, x, d); }),
        wrap([c](C &k, O x, auto d) { return k.updateCollection(c, {}, x, d); }),
        wrap([c](C &k, O x, auto d) { return k.collectionExists(c, x, d); }),
        wrap([](C &k, O x, auto d) { return k.listAliases(x, d); }),
        wrap([c](C &k, O x, auto d) { return k.listCollectionAliases(c, x, d); }),
        wrap([c](C &k, O x, auto d) {
            return k.updateAliases({AliasOperation::create(QStringLiteral("a1"), c)}, x, d);
        }),
        wrap([c](C &k, O x, auto d) {
            return k.createPayloadIndex(
                c, QStringLiteral("outcome"), QStringLiteral("keyword"), x, d);
        }),
        wrap([c, points](C &k, O x, auto d) { return k.upsertPoints(c, points, x, {}, d); }),
        wrap([c](C &k, O x, auto d) {
            return k.retrievePoints(c, {PointId(1)}, {}, VectorSelector::everything(), x, d);
        }),
        wrap([c](C &k, O x, auto d) { return k.scroll(c, {}, x, d); }),
        wrap([c](C &k, O x, auto d) { return k.count(c, {}, x, d); }),
        wrap([c](C &k, O x, auto d) {
            return k.facet(c, FacetRequest {QStringLiteral("outcome"), 10, {}, false}, x, d);
        }),
        wrap([c, nearest](C &k, O x, auto d) { return k.query(c, nearest, x, d); }),
        wrap([c, nearest](C &k, O x, auto d) { return k.queryBatch(c, {nearest}, x, d); }),
        wrap([c, one](C &k, O x, auto d) {
            return k.setPayload(c, one, {{QStringLiteral("k"), 1}}, {}, x, d);
        }),
        wrap([c, one](C &k, O x, auto d) {
            return k.overwritePayload(c, one, {{QStringLiteral("k"), 1}}, x, d);
        }),
        wrap([c, one](C &k, O x, auto d) {
            return k.deletePayload(c, one, {QStringLiteral("k")}, x, d);
        }),
        wrap([c, filtered](C &k, O x, auto d) { return k.clearPayload(c, filtered, x, d); }),
        wrap([c, points](C &k, O x, auto d) { return k.updateVectors(c, points, x, d); }),
        wrap([c, one](C &k, O x, auto d) {
            return k.deleteVectors(c, one, {QStringLiteral("v")}, x, d);
        }),
        wrap([c, one](C &k, O x, auto d) {
            return k.batchUpdate(c, {UpdateOperation::clearPayload(one)}, x, d);
        }),
        wrap([c](C &k, O x, auto d) { return k.createSnapshot(c, x, d); }),
        wrap([c](C &k, O x, auto d) { return k.listSnapshots(c, x, d); }),
        wrap([c, downloadTo](C &k, O x, auto d) {
            return k.downloadSnapshot(c, QStringLiteral("none.snapshot"), downloadTo, x, {}, d);
        }),
        wrap([c](C &k, O x, auto d) {
            return k.recoverSnapshot(c, QUrl(QStringLiteral("file:///no/such.snapshot")), {}, x, d);
        }),
        wrap([c](C &k, O x, auto d) {
            return k.deleteSnapshot(c, QStringLiteral("none.snapshot"), x, d);
        }),
        wrap([c](C &k, O x, auto d) {
            return k.deletePayloadIndex(c, QStringLiteral("outcome"), x, d);
        }),
        wrap([c, one](C &k, O x, auto d) { return k.deletePoints(c, one, x, d); }),
        wrap([c](C &k, O x, auto d) { return k.deleteCollection(c, x, d); }),
    };
}

bool mentions(const RequestLogEntry &e, const QString &secret)
{
    return e.path.contains(secret) || e.operation.contains(secret) || e.error.contains(secret)
        || QString::fromLatin1(e.method).contains(secret) || e.url.contains(secret)
        || e.requestBody.contains(secret.toUtf8()) || e.contentType.contains(secret.toUtf8());
}

} // namespace

class TestQdrantClientErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void qdrantErrors_data();
    void qdrantErrors();
    void refusedBeforeSending_data();
    void refusedBeforeSending();
    void wrongApiKey();
    void serverDown();
    void timeout();
    void notJson();
    void cancelWhileWaitingForVersion();
    void endpointChangeWhileWaitingForVersion();
    void cancelUpsertInFlight();
    void contextDestroyedMeansNoCallback();
    void transportDestroyed();
    void clientDestroyedWithCallsInFlight();
    void clientDeletedFromProgressCallback();
    void retriesOnlyWhatIsSafe_data();
    void retriesOnlyWhatIsSafe();
    void apiKeyOnlyInHeader();
    void secretInNoLogOrMessage();

private:
    // The brief's key; every test key starts with mc-test-secret- so a leak is easy to grep.
    const QString m_secret = QStringLiteral("mc-test-secret-xyz");
    MemoryStoreProcess m_store {{QStringLiteral("--api-key"), m_secret}};
    QdrantClient m_client;
};

void TestQdrantClientErrors::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_client.setEndpoint(QUrl(m_store.baseUrl()), m_secret);
    const auto created = await<bool>([&](auto done) {
        return m_client.createCollection(
            Memories, vectorsConfig(4, QStringLiteral("Dot")), this, done);
    });
    QVERIFY2(created.ok(), errorOf(created));
    const auto upserted = await<UpsertSummary>([&](auto done) {
        return m_client.upsertPoints(Memories, testPoints(10, 4), this, {}, done);
    });
    QVERIFY2(upserted.ok(), errorOf(upserted));
}

void TestQdrantClientErrors::cleanupTestCase()
{
    m_store.stop();
}

void TestQdrantClientErrors::qdrantErrors_data()
{
    QTest::addColumn<int>("method"); // 0 info, 1 count, 2 query, 3 upsert, 4 scroll
    QTest::addColumn<QString>("collection");
    QTest::addColumn<int>("dimension");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("serverMessage");

    const QString missing = QStringLiteral("Not found: Collection `nope` doesn't exist!");
    QTest::newRow("info, missing") << 0 << "nope" << 4 << 404 << missing;
    QTest::newRow("count, missing") << 1 << "nope" << 4 << 404 << missing;
    QTest::newRow("query, missing") << 2 << "nope" << 4 << 404 << missing;
    QTest::newRow("upsert, missing") << 3 << "nope" << 4 << 404 << missing;
    QTest::newRow("scroll, missing") << 4 << "nope" << 4 << 404 << missing;
    const QString dimension
        = QStringLiteral("Wrong input: Vector dimension error: expected dim: 4, got 3");
    QTest::newRow("query, wrong dimension") << 2 << Memories << 3 << 400 << dimension;
    QTest::newRow("upsert, wrong dimension") << 3 << Memories << 3 << 400 << dimension;
}

void TestQdrantClientErrors::qdrantErrors()
{
    QFETCH(int, method);
    QFETCH(QString, collection);
    QFETCH(int, dimension);
    QFETCH(int, status);
    QFETCH(QString, serverMessage);
    const auto result = await<bool>([&](QdrantDone<bool> done) {
        auto report = [done = std::move(done)](const auto &r) {
            done(r.ok() ? Result<bool>(true) : Result<bool>(r.error()));
        };
        switch (method) {
        case 0:
            return m_client.collectionInfo(collection, this, report);
        case 1:
            return m_client.count(collection, {}, this, report);
        case 2:
            return m_client.query(
                collection, QueryRequest::nearestTo(testVector(dimension, 1)), this, report);
        case 3:
            return m_client.upsertPoints(
                collection, testPoints(2, dimension, 50), this, {}, report);
        default:
            return m_client.scroll(collection, {}, this, report);
        }
    });
    QVERIFY(!result.ok());
    const NetError &error = result.error();
    QCOMPARE(error.kind, NetError::Kind::Http);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.serverMessage, serverMessage);
    QVERIFY2(error.message.contains(serverMessage), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("/collections/") + collection),
        qPrintable(error.message));
}

void TestQdrantClientErrors::refusedBeforeSending_data()
{
    QTest::addColumn<bool>("withEndpoint");
    QTest::newRow("no collection name") << true;
    QTest::newRow("no server address") << false;
}

void TestQdrantClientErrors::refusedBeforeSending()
{
    QFETCH(bool, withEndpoint);
    QdrantClient client;
    if (withEndpoint)
        client.setEndpoint(QUrl(m_store.baseUrl()), m_secret);
    int requests = 0;
    client.transport()->setRequestLogger([&requests](const RequestLogEntry &) { ++requests; });
    bool called = false;
    std::optional<Result<qint64>> result;
    client.count(withEndpoint ? QString() : Memories, {}, this, [&](const Result<qint64> &r) {
        called = true;
        result = r;
    });
    QVERIFY2(!called, "never inside the method that started the call");
    QTRY_VERIFY(called);
    QCOMPARE(result->error().kind, NetError::Kind::Invalid);
    QCOMPARE(requests, 0);
}

void TestQdrantClientErrors::wrongApiKey()
{
    for (const QString &key : {QStringLiteral("mc-test-secret-wrong"), QString()}) {
        QdrantClient client;
        client.setEndpoint(QUrl(m_store.baseUrl()), key);
        const auto result
            = await<QStringList>([&](auto done) { return client.listCollections(this, done); });
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, NetError::Kind::Http);
        QCOMPARE(result.error().httpStatus, 401);
        QVERIFY2(!result.error().serverMessage.isEmpty(), qPrintable(result.error().message));
        QVERIFY(!result.error().message.contains(QStringLiteral("mc-test-secret")));
    }
    const auto ok
        = await<QStringList>([&](auto done) { return m_client.listCollections(this, done); });
    QVERIFY2(ok.ok(), errorOf(ok));
}

void TestQdrantClientErrors::serverDown()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a port that was free a moment ago and has no listener now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QdrantClient client;
    client.setEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), m_secret);
    client.transport()->setRetryPolicy(RetryPolicy {2, 10, 20, 1000});
    const auto listed
        = await<QStringList>([&](auto done) { return client.listCollections(this, done); });
    QVERIFY(!listed.ok());
    QCOMPARE(listed.error().kind, NetError::Kind::Network);
    QVERIFY2(listed.error().message.contains(QStringLiteral("refused")),
        qPrintable(listed.error().message));
    // A query first needs the version: its error says so, and nothing is cached.
    const auto hits = await<QList<ScoredPoint>>([&](auto done) {
        return client.query(Memories, QueryRequest::nearestTo(testVector(4, 1)), this, done);
    });
    QVERIFY(!hits.ok());
    QCOMPARE(hits.error().kind, NetError::Kind::Network);
    QVERIFY2(
        hits.error().message.contains(QStringLiteral("version")), qPrintable(hits.error().message));
    QVERIFY(!client.knownServerVersion());
}

void TestQdrantClientErrors::timeout()
{
    FaultPeer peer;
    QVERIFY(peer.listen());
    peer.setScript({FaultPeer::of(FaultPeer::Action::Kind::Hang)});
    QdrantClient client;
    client.setEndpoint(QUrl(peer.baseUrl()));
    client.setTimeoutMs(200);
    const auto result
        = await<qint64>([&](auto done) { return client.count(Memories, {}, this, done); });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Timeout);
}

void TestQdrantClientErrors::notJson()
{
    FaultPeer peer;
    QVERIFY(peer.listen());
    peer.setScript({FaultPeer::respond(200, "<html>proxy login</html>")});
    QdrantClient client;
    client.setEndpoint(QUrl(peer.baseUrl()));
    const auto count
        = await<qint64>([&](auto done) { return client.count(Memories, {}, this, done); });
    QVERIFY(!count.ok());
    QCOMPARE(count.error().kind, NetError::Kind::Decode);
    QVERIFY2(count.error().message.startsWith(
                 QStringLiteral("POST /collections/memories/points/count: ")),
        qPrintable(count.error().message));
    const auto scroll
        = await<ScrollPage>([&](auto done) { return client.scroll(Memories, {}, this, done); });
    QCOMPARE(scroll.error().kind, NetError::Kind::Decode);
}

void TestQdrantClientErrors::cancelWhileWaitingForVersion()
{
    FaultPeer peer;
    QVERIFY(peer.listen());
    peer.setScript({FaultPeer::of(FaultPeer::Action::Kind::Hang)});
    QdrantClient client;
    client.setEndpoint(QUrl(peer.baseUrl()));
    std::optional<Result<QList<ScoredPoint>>> result;
    const QdrantCallHandle handle = client.query(Memories,
        QueryRequest::nearestTo(testVector(4, 1)), this, [&result](const auto &r) { result = r; });
    QTRY_COMPARE(peer.requestCount(), 1); // GET /, which never answers
    QVERIFY(handle.isRunning());
    handle.cancel();
    QVERIFY2(!result, "never inside cancel()");
    QVERIFY(!handle.isRunning());
    QTRY_VERIFY(result.has_value());
    QCOMPARE(result->error().kind, NetError::Kind::Cancelled);
    handle.cancel(); // a no-op now
}

void TestQdrantClientErrors::endpointChangeWhileWaitingForVersion()
{
    FaultPeer peer;
    QVERIFY(peer.listen());
    peer.setScript({FaultPeer::of(FaultPeer::Action::Kind::Hang)});
    QdrantClient client;
    client.setEndpoint(QUrl(peer.baseUrl()));
    std::optional<Result<QList<ScoredPoint>>> old;
    client.query(Memories, QueryRequest::nearestTo(testVector(4, 1)), this,
        [&old](const auto &r) { old = r; });
    QTRY_COMPARE(peer.requestCount(), 1);
    client.setEndpoint(QUrl(m_store.baseUrl()), m_secret);
    // The new server's answer is not spoilt by the old server's abandoned probe.
    const auto hits = await<QList<ScoredPoint>>([&](auto done) {
        return client.query(Memories, QueryRequest::nearestTo(testVector(4, 1), 2), this, done);
    });
    QVERIFY2(hits.ok(), errorOf(hits));
    QCOMPARE(hits.value().size(), 2);
    QVERIFY(old.has_value());
    QCOMPARE(old->error().kind, NetError::Kind::Cancelled);
}

void TestQdrantClientErrors::cancelUpsertInFlight()
{
    const QString collection = QStringLiteral("wide");
    const auto created = await<bool>([&](auto done) {
        return m_client.createCollection(
            collection, vectorsConfig(1536, QStringLiteral("Dot")), this, done);
    });
    QVERIFY2(created.ok(), errorOf(created));
    QdrantCallHandle handle;
    int progressCalls = 0;
    const auto result = await<UpsertSummary>([&](auto done) {
        handle = m_client.upsertPoints(
            collection, testPoints(2000, 1536), this,
            [&](qint64, qint64) {
                if (++progressCalls == 1)
                    handle.cancel();
            },
            done);
        return handle;
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Cancelled);
    QCOMPARE(progressCalls, 1);
    const auto count
        = await<qint64>([&](auto done) { return m_client.count(collection, {}, this, done); });
    QVERIFY(count.value() > 0 && count.value() < 2000);
}

void TestQdrantClientErrors::contextDestroyedMeansNoCallback()
{
    auto *pane = new QObject;
    bool called = false;
    m_client.count(Memories, {}, pane, [&called](const Result<qint64> &) { called = true; });
    m_client.query(Memories, QueryRequest::nearestTo(testVector(4, 2)), pane,
        [&called](const auto &) { called = true; });
    delete pane; // the pane closes while its requests are in flight
    // A later call on the same client comes back; the dead pane's never do.
    const auto later
        = await<qint64>([&](auto done) { return m_client.count(Memories, {}, this, done); });
    QVERIFY(later.ok());
    QTest::qWait(0);
    QVERIFY(!called);
}

void TestQdrantClientErrors::transportDestroyed()
{
    FaultPeer peer;
    QVERIFY(peer.listen());
    peer.setScript({FaultPeer::of(FaultPeer::Action::Kind::Hang)});
    auto *transport = new HttpTransport;
    QdrantClient client(transport);
    client.setEndpoint(QUrl(peer.baseUrl()));
    std::optional<Result<qint64>> result;
    client.count(Memories, {}, this, [&result](const Result<qint64> &r) { result = r; });
    QTRY_COMPARE(peer.requestCount(), 1);
    delete transport;
    QTRY_VERIFY(result.has_value());
    QCOMPARE(result->error().kind, NetError::Kind::Cancelled);
}

void TestQdrantClientErrors::clientDestroyedWithCallsInFlight()
{
    FaultPeer peer;
    QVERIFY(peer.listen());
    peer.setScript({FaultPeer::of(FaultPeer::Action::Kind::Hang)});
    auto *client = new QdrantClient;
    client->setEndpoint(QUrl(peer.baseUrl()));
    bool called = false;
    client->count(Memories, {}, this, [&called](const Result<qint64> &) { called = true; });
    client->query(Memories, QueryRequest::nearestTo(testVector(4, 1)), this,
        [&called](const auto &) { called = true; });
    QTRY_COMPARE(peer.requestCount(), 2); // the count and GET /
    delete client;
    const auto later = await<qint64>(
        [&](auto done) { return m_client.count(Memories, {}, this, done); });
    QVERIFY(later.ok());
    QVERIFY(!called);
}

void TestQdrantClientErrors::clientDeletedFromProgressCallback()
{
    const QString collection = QStringLiteral("wide2");
    const auto created = await<bool>([&](auto done) {
        return m_client.createCollection(
            collection, vectorsConfig(1536, QStringLiteral("Dot")), this, done);
    });
    QVERIFY2(created.ok(), errorOf(created));
    auto *client = new QdrantClient;
    client->setEndpoint(QUrl(m_store.baseUrl()), m_secret);
    bool finished = false;
    int progressCalls = 0;
    client->upsertPoints(collection, testPoints(1500, 1536), this,
        [&](qint64, qint64) {
            if (++progressCalls == 1) {
                delete client; // a pane closing its connection from a progress callback
                client = nullptr;
            }
        },
        [&finished](const Result<UpsertSummary> &) { finished = true; });
    QTRY_VERIFY(!client);
    const auto later = await<qint64>(
        [&](auto done) { return m_client.count(collection, {}, this, done); });
    QVERIFY(later.ok());
    QVERIFY(!finished);
    QCOMPARE(progressCalls, 1);
}

void TestQdrantClientErrors::retriesOnlyWhatIsSafe_data()
{
    QTest::addColumn<int>("method"); // 0 count, 1 upsert, 2 create collection, 3 delete by filter
    QTest::addColumn<int>("requests");
    QTest::addColumn<bool>("succeeds");
    QTest::newRow("count is a read") << 0 << 2 << true;
    QTest::newRow("upsert names its ids") << 1 << 2 << true;
    QTest::newRow("create collection") << 2 << 1 << false;
    QTest::newRow("delete by filter") << 3 << 1 << false;
}

void TestQdrantClientErrors::retriesOnlyWhatIsSafe()
{
    QFETCH(int, method);
    QFETCH(int, requests);
    QFETCH(bool, succeeds);
    FaultPeer peer;
    QVERIFY(peer.listen());
    peer.setScript({FaultPeer::respond(503, "{\"status\":{\"error\":\"busy\"},\"time\":0}"),
        FaultPeer::respond(200,
            "{\"result\":{\"count\":3,\"operation_id\":1,"
            "\"status\":\"completed\"},\"status\":\"ok\","
            "\"time\":0.001}")});
    QdrantClient client;
    client.setEndpoint(QUrl(peer.baseUrl()));
    client.transport()->setRetryPolicy(RetryPolicy {3, 1, 5, 1000});
    const auto result = await<bool>([&](QdrantDone<bool> done) {
        auto report = [done = std::move(done)](const auto &r) {
            done(r.ok() ? Result<bool>(true) : Result<bool>(r.error()));
        };
        switch (method) {
        case 0:
            return client.count(Memories, {}, this, report);
        case 1:
            return client.upsertPoints(Memories, testPoints(2, 4), this, {}, report);
        case 2:
            return client.createCollection(QStringLiteral("x"), {}, this, report);
        default:
            return client.deletePoints(Memories,
                PointSelection::byFilter(matchFilter(QStringLiteral("a"), 1)), this, report);
        }
    });
    QCOMPARE(result.ok(), succeeds);
    QCOMPARE(peer.requestCount(), requests);
    if (!succeeds) {
        QCOMPARE(result.error().httpStatus, 503);
        QCOMPARE(result.error().serverMessage, QStringLiteral("busy"));
    }
}

void TestQdrantClientErrors::apiKeyOnlyInHeader()
{
    FaultPeer peer;
    QVERIFY(peer.listen());
    // A server (or proxy) that quotes the key it was sent in its error text.
    peer.setScript({FaultPeer::respond(
        403, "{\"status\":{\"error\":\"key " + m_secret.toUtf8() + " may not\"},\"time\":0}")});
    QdrantClient client;
    client.setEndpoint(QUrl(peer.baseUrl()), m_secret);
    const auto result
        = await<qint64>([&](auto done) { return client.count(Memories, {}, this, done); });
    QCOMPARE(peer.requestCount(), 1);
    const FaultPeer::Received &request = peer.received().first();
    QCOMPARE(request.header("api-key"), m_secret.toUtf8());
    QVERIFY(!request.target.contains(m_secret.toUtf8()));
    QVERIFY(!request.body.contains(m_secret.toUtf8()));
    QVERIFY(!result.ok());
    QVERIFY2(!result.error().message.contains(m_secret), qPrintable(result.error().message));
    QVERIFY(!result.error().serverMessage.contains(m_secret));
    QVERIFY(result.error().serverMessage.contains(QStringLiteral("***")));
}

void TestQdrantClientErrors::secretInNoLogOrMessage()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("download.snapshot"));
    // Every method, against the real server with the right key (successes and Qdrant's
    // errors), then against it with a wrong one, then against nothing at all.
    quint16 deadPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        deadPort = probe.serverPort();
    }
    const QList<std::pair<QString, QString>> setups = {
        {m_store.baseUrl(), m_secret},
        {m_store.baseUrl(), QStringLiteral("mc-test-secret-wrong")},
        {QStringLiteral("http://127.0.0.1:%1").arg(deadPort), m_secret},
    };
    int calls = 0;
    int errors = 0;
    for (const auto &[url, key] : setups) {
        QdrantClient client;
        client.setEndpoint(QUrl(url), key);
        client.transport()->setRetryPolicy(RetryPolicy {1, 1, 1, 0});
        QList<RequestLogEntry> log;
        client.transport()->setRequestLogger([&log](const RequestLogEntry &e) { log.append(e); });
        for (const auto &start : everyMethod(QStringLiteral("secret-check"), target)) {
            const auto result = await<bool>(
                [&](QdrantDone<bool> done) { return start(client, this, std::move(done)); });
            ++calls;
            if (result.ok())
                continue;
            ++errors;
            for (const QString &text : {result.error().message, result.error().serverMessage})
                QVERIFY2(!text.contains(QStringLiteral("mc-test-secret")), qPrintable(text));
        }
        QVERIFY(!log.isEmpty());
        for (const RequestLogEntry &entry : std::as_const(log))
            QVERIFY2(!mentions(entry, key), qPrintable(entry.path + u' ' + entry.error));
    }
    QCOMPARE(calls, 3 * int(everyMethod({}, {}).size()));
    // With a wrong key or no server everything fails (but GET /, which needs no key).
    QVERIFY(errors >= 2 * int(everyMethod({}, {}).size()) - 1);
}

QTEST_GUILESS_MAIN(TestQdrantClientErrors)
#include "tst_qdrantclient_errors.moc"
