// HttpTransport against a real memory-store on loopback: envelopes, errors, the request log's
// server time, and the regression test for Qt 6.4's 40 ms stall on bodies over 16 KiB
// (docs/decisions/0004-qnam-small-body-stall.md).

#include "httpstatuserror.h"
#include "httptransport.h"
#include "memorystoreprocess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <optional>

namespace {

Result<HttpResponse> await(HttpCall *call, int timeoutMs = 15000)
{
    std::optional<Result<HttpResponse>> result;
    QObject::connect(
        call, &HttpCall::finished, call, [&result](const Result<HttpResponse> &r) { result = r; });
    QSignalSpy spy(call, &HttpCall::finished);
    if (!result && !spy.wait(timeoutMs)) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = QStringLiteral("test: no answer within %1 ms").arg(timeoutMs);
        return error;
    }
    return *result;
}

QByteArray vectorJson(int dims, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray out = "[";
    for (int i = 0; i < dims; ++i) {
        if (i)
            out += ',';
        // Embedding-like: about +-0.025 with 8-9 significant digits, as real ones print.
        out += QByteArray::number((random.generateDouble() - 0.5) * 0.05, 'g', 9);
    }
    return out + ']';
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

class TestTransportMemoryStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void qdrantErrorEnvelope();
    void requestLogHasServerTime();
    void largeBodyRoundTripIsFast_data();
    void largeBodyRoundTripIsFast();
    void apiKeyIsRequiredAndAccepted();

private:
    HttpRequest request(const QByteArray &method, const QString &path, QByteArray body = {});

    MemoryStoreProcess m_store;
    HttpTransport m_transport;
};

HttpRequest TestTransportMemoryStore::request(
    const QByteArray &method, const QString &path, QByteArray body)
{
    HttpRequest r;
    r.method = method;
    r.url = QUrl(m_store.baseUrl() + path);
    r.body = std::move(body);
    r.timeoutMs = 10000;
    return r;
}

void TestTransportMemoryStore::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    const auto created
        = await(m_transport.send(request("PUT", QStringLiteral("/collections/memories"),
            "{\"vectors\":{\"size\":1536,\"distance\":\"Cosine\"}}")));
    QVERIFY(created.ok());
    QCOMPARE(created.value().status, 200);
    QByteArray points = "{\"points\":[";
    for (int i = 0; i < 50; ++i) {
        if (i)
            points += ',';
        points += "{\"id\":" + QByteArray::number(i + 1) + ",\"vector\":" + vectorJson(1536, i)
            + ",\"payload\":{\"customer_id\":\"c" + QByteArray::number(i % 3) + "\"}}";
    }
    points += "]}";
    HttpRequest upsert
        = request("PUT", QStringLiteral("/collections/memories/points?wait=true"), points);
    const auto upserted = await(m_transport.send(upsert));
    QVERIFY(upserted.ok());
    QCOMPARE(upserted.value().status, 200);
}

void TestTransportMemoryStore::cleanupTestCase()
{
    // memory-store waits for kept-alive clients on SIGTERM; let it go at once.
    m_transport.closeIdleConnections();
    QElapsedTimer clock;
    clock.start();
    m_store.stop();
    QVERIFY2(clock.elapsed() < 3000, "closeIdleConnections() released the server");
}

void TestTransportMemoryStore::qdrantErrorEnvelope()
{
    const auto result
        = await(m_transport.send(request("GET", QStringLiteral("/collections/nope"))));
    QVERIFY(result.ok());
    QCOMPARE(result.value().status, 404);
    QCOMPARE(result.value().attempts, 1);
    const NetError error
        = httpStatusError("GET", QStringLiteral("/collections/nope"), result.value());
    QCOMPARE(error.kind, NetError::Kind::Http);
    QVERIFY2(error.serverMessage.contains(QStringLiteral("nope")), qPrintable(error.serverMessage));
    QVERIFY2(error.message.contains(error.serverMessage), qPrintable(error.message));
}

void TestTransportMemoryStore::requestLogHasServerTime()
{
    QList<RequestLogEntry> log;
    m_transport.setRequestLogger([&log](const RequestLogEntry &entry) { log.append(entry); });
    HttpRequest query = request("POST", QStringLiteral("/collections/memories/points/query"),
        "{\"query\":" + vectorJson(1536, 7) + ",\"limit\":10}");
    query.operation = QStringLiteral("query");
    const auto result = await(m_transport.send(query));
    m_transport.setRequestLogger({});
    QVERIFY(result.ok());
    QCOMPARE(result.value().status, 200);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).operation, QStringLiteral("query"));
    QVERIFY2(log.at(0).serverMs >= 0, "memory-store's envelope carries `time`");
    QVERIFY(log.at(0).serverMs <= log.at(0).clientMs);
    QCOMPARE(log.at(0).requestBytes, qint64(query.body.size()));
}

void TestTransportMemoryStore::largeBodyRoundTripIsFast_data()
{
    QTest::addColumn<int>("dims");
    // 1536 floats are ~19 KB of JSON: over QNAM's 16 KiB write, where the stall struck.
    QTest::newRow("1536-dim query (~19 KB)") << 1536;
}

void TestTransportMemoryStore::largeBodyRoundTripIsFast()
{
    QFETCH(int, dims);
    const QByteArray body = "{\"query\":" + vectorJson(dims, 42) + ",\"limit\":10}";
    QVERIFY(body.size() > 16 * 1024);
    HttpRequest query = request("POST", QStringLiteral("/collections/memories/points/query"), body);
    query.operation = QStringLiteral("query");
    QVERIFY(await(m_transport.send(query)).ok()); // warm: connection open
    QList<double> roundTrips;
    for (int i = 0; i < 50; ++i) {
        const auto result = await(m_transport.send(query));
        QVERIFY(result.ok());
        QCOMPARE(result.value().status, 200);
        roundTrips.append(result.value().clientMs);
    }
    const double p50 = median(roundTrips);
    qInfo("1536-dim query round trip over 50 requests: p50 %.3f ms", p50);
    // With the stall every one of these took 40 ms or more.
    QVERIFY2(p50 < 20, qPrintable(QStringLiteral("p50 %1 ms").arg(p50)));
}

void TestTransportMemoryStore::apiKeyIsRequiredAndAccepted()
{
    MemoryStoreProcess secured({QStringLiteral("--api-key"), QStringLiteral("s3cret")});
    QVERIFY2(secured.start(), qPrintable(secured.error()));
    HttpRequest r;
    r.url = QUrl(secured.baseUrl() + QStringLiteral("/collections"));
    const auto refused = await(m_transport.send(r));
    QVERIFY(refused.ok());
    QCOMPARE(refused.value().status, 401);
    QCOMPARE(httpStatusError("GET", QStringLiteral("/collections"), refused.value()).kind,
        NetError::Kind::Http);
    r.headers = {{"api-key", "s3cret"}};
    const auto accepted = await(m_transport.send(r));
    QVERIFY(accepted.ok());
    QCOMPARE(accepted.value().status, 200);
    m_transport.closeIdleConnections();
}

QTEST_GUILESS_MAIN(TestTransportMemoryStore)
#include "tst_transport_memorystore.moc"
