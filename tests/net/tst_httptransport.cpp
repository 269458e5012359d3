// HttpTransport against FaultPeer: statuses, retries, Retry-After, backoff, timeouts, resets,
// refused connections, truncation, cancel, keep-alive, and destruction in flight.
// (Secrets, TLS consent and re-sending: tst_transportsafety.cpp.)

#include "faultpeer.h"

#include "httpstatuserror.h"
#include "httptransport.h"
#include "transporttestutil.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using Kind = FaultPeer::Action::Kind;
using Script = QList<FaultPeer::Action>;

Q_DECLARE_METATYPE(FaultPeer::Action)
Q_DECLARE_METATYPE(NetError::Kind)

using namespace transporttest;

class TestHttpTransport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void errorStatus_data();
    void errorStatus();
    void retryableStatus_data();
    void retryableStatus();
    void retryAfter_data();
    void retryAfter();
    void retryAfterTooLongIsNotWaitedFor();
    void backoffIsCapped();
    void connectionFailure_data();
    void connectionFailure();
    void refusedConnection_data();
    void refusedConnection();
    void timeoutIsTimeoutNotCancelled();
    void cancelAbortsTheRequest();
    void cancelDuringBackoff();
    void transportDestroyedInFlight();
    void nonJsonBody();
    void latencyStatsPerOperation();
    void keepAliveReusesOneConnection();
    void sendsHeadersAndBody_data();
    void sendsHeadersAndBody();
    void neverFinishesInsideSend();

private:
    HttpCall *send(const QByteArray &method, const QString &path, bool idempotent,
        QByteArray body = {}, int timeoutMs = 5000);

    std::unique_ptr<FaultPeer> m_peer;
    std::unique_ptr<HttpTransport> m_transport;
};

void TestHttpTransport::init()
{
    m_peer = std::make_unique<FaultPeer>();
    QVERIFY(m_peer->listen());
    m_transport = std::make_unique<HttpTransport>();
    m_transport->setRetryPolicy(fastPolicy());
}

void TestHttpTransport::cleanup()
{
    m_transport.reset();
    m_peer.reset();
}

HttpCall *TestHttpTransport::send(
    const QByteArray &method, const QString &path, bool idempotent, QByteArray body, int timeoutMs)
{
    HttpRequest request;
    request.method = method;
    request.url = QUrl(m_peer->baseUrl() + path);
    request.body = std::move(body);
    request.idempotent = idempotent;
    request.timeoutMs = timeoutMs;
    request.operation = QStringLiteral("test");
    return m_transport->send(request);
}

void TestHttpTransport::errorStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("serverMessage");
    QTest::addColumn<QString>("messagePart");

    const QByteArray qdrantError = "{\"status\":{\"error\":\"Not found: Collection `c` doesn't "
                                   "exist!\"},\"time\":0.0001}";
    QTest::newRow("401 GET") << 401 << QByteArray("GET") << QByteArray("Unauthorized")
                             << QStringLiteral("Unauthorized") << QStringLiteral("API key");
    QTest::newRow("403 POST") << 403 << QByteArray("POST")
                              << QByteArray("{\"status\":{\"error\":\"read-only\"}}")
                              << QStringLiteral("read-only") << QStringLiteral("read-only key");
    QTest::newRow("404 GET qdrant") << 404 << QByteArray("GET") << qdrantError
                                    << QStringLiteral("Not found: Collection `c` doesn't exist!")
                                    << QStringLiteral("not found");
    QTest::newRow("409 PUT") << 409 << QByteArray("PUT")
                             << QByteArray("{\"status\":{\"error\":\"exists\"}}")
                             << QStringLiteral("exists") << QStringLiteral("conflict");
    QTest::newRow("500 GET not retried")
        << 500 << QByteArray("GET") << QByteArray("upstream exploded")
        << QStringLiteral("upstream exploded") << QStringLiteral("server failed");
    QTest::newRow("500 html body")
        << 500 << QByteArray("POST") << QByteArray("<html><body>Oops</body></html>") << QString()
        << QStringLiteral("HTTP 500");
}

void TestHttpTransport::errorStatus()
{
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QString, serverMessage);
    QFETCH(QString, messagePart);

    m_peer->setScript({FaultPeer::respond(status, body), FaultPeer::respond(200)});
    const auto result = await(send(method, QStringLiteral("/collections/c"), method == "GET",
        method == "GET" ? QByteArray() : QByteArray("{}")));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().status, status);
    QCOMPARE(result.value().attempts, 1);
    QCOMPARE(m_peer->requestCount(), 1); // 4xx and 500 are never retried

    const NetError error
        = httpStatusError(method, QStringLiteral("/collections/c"), result.value());
    QCOMPARE(error.kind, NetError::Kind::Http);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.serverMessage, serverMessage);
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("/collections/c")), qPrintable(error.message));
}

void TestHttpTransport::retryableStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("idempotent");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<int>("expectedRequests");

    for (int status : {502, 503, 504}) {
        QTest::addRow("%d idempotent: retried", status) << status << true << 200 << 2;
        QTest::addRow("%d non-idempotent: not retried", status) << status << false << status << 1;
    }
    QTest::newRow("429 non-idempotent: retried (not acted on)") << 429 << false << 200 << 2;
}

void TestHttpTransport::retryableStatus()
{
    QFETCH(int, status);
    QFETCH(bool, idempotent);
    QFETCH(int, expectedStatus);
    QFETCH(int, expectedRequests);

    m_peer->setScript({FaultPeer::respond(status, "busy"), FaultPeer::respond(200)});
    const auto result = await(send("POST", QStringLiteral("/points"), idempotent, "{\"a\":1}"));
    QVERIFY(result.ok());
    QCOMPARE(result.value().status, expectedStatus);
    QCOMPARE(result.value().attempts, expectedRequests);
    QCOMPARE(m_peer->requestCount(), expectedRequests);
    for (const auto &received : m_peer->received())
        QCOMPARE(received.body, QByteArray("{\"a\":1}"));
}

void TestHttpTransport::retryAfter_data()
{
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("minimumMs");

    QTest::newRow("429 delta-seconds") << QByteArray("1") << 429 << 1000;
    QTest::newRow("503 delta-seconds") << QByteArray("1") << 503 << 1000;
    // An HTTP date 2 s ahead (made when the row runs), truncated to whole seconds: >= 1 s.
    QTest::newRow("429 HTTP date") << QByteArray("date+2") << 429 << 1000;
}

void TestHttpTransport::retryAfter()
{
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, status);
    QFETCH(int, minimumMs);

    if (retryAfter == "date+2") {
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(2);
        retryAfter
            = QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1()
            + " GMT";
    }
    m_peer->setScript({FaultPeer::respond(status, "slow down", {{"Retry-After", retryAfter}}),
        FaultPeer::respond(200)});
    QElapsedTimer clock;
    clock.start();
    const auto result = await(send("GET", QStringLiteral("/collections"), true));
    const qint64 elapsed = clock.elapsed();
    QVERIFY(result.ok());
    QCOMPARE(result.value().status, 200);
    QCOMPARE(m_peer->requestCount(), 2);
    QVERIFY2(elapsed >= minimumMs, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < minimumMs + 2500, qPrintable(QString::number(elapsed)));
}

void TestHttpTransport::retryAfterTooLongIsNotWaitedFor()
{
    m_peer->setScript({FaultPeer::respond(429, "later", {{"Retry-After", "3600"}})});
    QElapsedTimer clock;
    clock.start();
    const auto result = await(send("GET", QStringLiteral("/collections"), true));
    QVERIFY(clock.elapsed() < 2000);
    QVERIFY(result.ok());
    QCOMPARE(result.value().status, 429);
    QCOMPARE(m_peer->requestCount(), 1);
    const NetError error = httpStatusError("GET", QStringLiteral("/collections"), result.value());
    QCOMPARE(error.retryAfterMs, 3600 * 1000);
    QVERIFY2(
        error.message.contains(QStringLiteral("retry after 3600 s")), qPrintable(error.message));
}

void TestHttpTransport::backoffIsCapped()
{
    RetryPolicy policy;
    policy.maxAttempts = 5;
    policy.baseDelayMs = 40;
    policy.maxDelayMs = 60; // ceilings 40, 60, 60, 60 instead of 40, 80, 160, 320
    m_transport->setRetryPolicy(policy);
    m_peer->setScript({FaultPeer::respond(503, "down")});
    QElapsedTimer clock;
    clock.start();
    const auto result = await(send("GET", QStringLiteral("/"), true));
    const qint64 elapsed = clock.elapsed();
    QVERIFY(result.ok());
    QCOMPARE(result.value().status, 503);
    QCOMPARE(result.value().attempts, 5);
    QCOMPARE(m_peer->requestCount(), 5);
    // Uncapped, the expected sum alone would be 300 ms; capped, the maximum is 220 ms.
    QVERIFY2(elapsed < 220 + 500, qPrintable(QString::number(elapsed)));
}

void TestHttpTransport::connectionFailure_data()
{
    QTest::addColumn<FaultPeer::Action>("failure");
    QTest::addColumn<bool>("idempotent");
    QTest::addColumn<NetError::Kind>("kind");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<int>("expectedRequests");

    const auto reset = FaultPeer::of(Kind::Reset);
    const auto close = FaultPeer::of(Kind::Close);
    const auto truncated = FaultPeer::truncate(200, "{\"result\":", 500);
    // Idempotent: retried once, the second attempt succeeds (script: failure, then 200).
    QTest::newRow("reset, GET: retried")
        << reset << true << NetError::Kind::Network << QString() << 2;
    QTest::newRow("closed, GET: retried")
        << close << true << NetError::Kind::Network << QString() << 2;
    QTest::newRow("truncated, GET: retried")
        << truncated << true << NetError::Kind::Decode << QString() << 2;
    // Not idempotent: it may have been acted on, so it fails after one request.
    QTest::newRow("reset, POST: not retried") << reset << false << NetError::Kind::Network
                                              << QStringLiteral("closed the connection") << 1;
    QTest::newRow("closed, POST: not retried") << close << false << NetError::Kind::Network
                                               << QStringLiteral("closed the connection") << 1;
    QTest::newRow("truncated, POST: not retried") << truncated << false << NetError::Kind::Decode
                                                  << QStringLiteral("cut off after 10 of 500") << 1;
}

void TestHttpTransport::connectionFailure()
{
    QFETCH(FaultPeer::Action, failure);
    QFETCH(bool, idempotent);
    QFETCH(NetError::Kind, kind);
    QFETCH(QString, messagePart);
    QFETCH(int, expectedRequests);

    m_peer->setScript({failure, FaultPeer::respond(200)});
    const auto result = await(
        send("POST", QStringLiteral("/collections/c/points"), idempotent, "{\"points\":[]}"));
    QCOMPARE(m_peer->requestCount(), expectedRequests);
    if (expectedRequests == 2) {
        QVERIFY(result.ok());
        QCOMPARE(result.value().status, 200);
        QCOMPARE(result.value().attempts, 2);
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, kind);
    QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
    QVERIFY2(result.error().message.startsWith(QStringLiteral("POST /collections/c/points")),
        qPrintable(result.error().message));
}

void TestHttpTransport::refusedConnection_data()
{
    QTest::addColumn<bool>("idempotent");
    QTest::addColumn<bool>("plain");

    // Refused means nothing reached a server: safe to retry even a non-idempotent request.
    QTest::newRow("GET, plain client") << true << true;
    QTest::newRow("POST, plain client") << false << true;
    QTest::newRow("GET, QNAM") << true << false;
}

void TestHttpTransport::refusedConnection()
{
    QFETCH(bool, idempotent);
    QFETCH(bool, plain);

    m_transport->setPlainHttpEnabled(plain);
    HttpRequest request;
    request.method = idempotent ? "GET" : "POST";
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/collections").arg(refusedPort()));
    request.idempotent = idempotent;
    const auto result = await(m_transport->send(request));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Network);
    QVERIFY2(result.error().message.contains(QStringLiteral("refused")),
        qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(QStringLiteral("after 4 attempts")),
        qPrintable(result.error().message));
}

void TestHttpTransport::timeoutIsTimeoutNotCancelled()
{
    m_peer->setScript({FaultPeer::delay(3000)});
    QElapsedTimer clock;
    clock.start();
    const auto result = await(send("GET", QStringLiteral("/slow"), true, {}, 200));
    const qint64 elapsed = clock.elapsed();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Timeout);
    QVERIFY2(result.error().message.contains(QStringLiteral("within 200 ms")),
        qPrintable(result.error().message));
    QVERIFY2(elapsed >= 200 && elapsed < 2000, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_peer->requestCount(), 1); // a timeout is not retried
}

void TestHttpTransport::cancelAbortsTheRequest()
{
    m_peer->setScript({FaultPeer::of(Kind::Hang)});
    HttpCall *call = send("POST", QStringLiteral("/collections/c/points/query"), true, "{}");
    QPointer<HttpCall> alive(call);
    QList<Result<HttpResponse>> results;
    connect(call, &HttpCall::finished, this,
        [&results](const Result<HttpResponse> &r) { results.append(r); });
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->requestCount(), 1, 5000);
    call->cancel();
    QCOMPARE(results.size(), 1); // synchronously
    QVERIFY(!results.at(0).ok());
    QCOMPARE(results.at(0).error().kind, NetError::Kind::Cancelled);
    call->cancel(); // a second cancel is harmless
    QCOMPARE(results.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 5000); // deleteLater
    // The socket was aborted: the peer sees its connection go.
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->findChildren<QTcpSocket *>().size(), 0, 5000);
}

void TestHttpTransport::cancelDuringBackoff()
{
    RetryPolicy policy;
    policy.baseDelayMs = 5000;
    policy.maxDelayMs = 5000;
    m_transport->setRetryPolicy(policy);
    m_peer->setScript({FaultPeer::respond(503, "x", {{"Retry-After", "5"}})});
    HttpCall *call = send("GET", QStringLiteral("/"), true);
    QList<Result<HttpResponse>> results;
    connect(call, &HttpCall::finished, this,
        [&results](const Result<HttpResponse> &r) { results.append(r); });
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->requestCount(), 1, 5000);
    call->cancel();
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.at(0).error().kind, NetError::Kind::Cancelled);
    QTest::qWait(0); // let deleteLater run; nothing may fire afterwards
    QCOMPARE(m_peer->requestCount(), 1);
}

void TestHttpTransport::transportDestroyedInFlight()
{
    m_peer->setScript({FaultPeer::of(Kind::Hang)});
    int finishedCount = 0;
    QList<QPointer<HttpCall>> calls;
    for (int i = 0; i < 3; ++i) {
        HttpCall *call = send("GET", QStringLiteral("/hang"), true);
        connect(call, &HttpCall::finished, this, [&finishedCount] { ++finishedCount; });
        calls.append(call);
    }
    // One more that is waiting in backoff rather than on a socket.
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->requestCount(), 3, 5000);
    m_transport.reset();
    for (const auto &call : calls)
        QVERIFY(call.isNull()); // deleted with the transport, without a signal
    QCOMPARE(finishedCount, 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->findChildren<QTcpSocket *>().size(), 0, 5000);
}

void TestHttpTransport::nonJsonBody()
{
    QList<RequestLogEntry> log;
    m_transport->setRequestLogger([&log](const RequestLogEntry &entry) { log.append(entry); });
    m_peer->setScript(
        {FaultPeer::respond(200, "this is not JSON", {{"Content-Type", "text/plain"}})});
    const auto result = await(send("GET", QStringLiteral("/"), true));
    QVERIFY(result.ok());
    QCOMPARE(result.value().status, 200);
    QCOMPARE(result.value().body, QByteArray("this is not JSON"));
    QCOMPARE(result.value().header("content-type"), QByteArray("text/plain"));
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).serverMs, -1.0); // no envelope, no server time
}

void TestHttpTransport::latencyStatsPerOperation()
{
    for (int i = 0; i < 20; ++i)
        QVERIFY(await(send("GET", QStringLiteral("/"), true)).ok());
    const LatencySummary summary = m_transport->latencyStats().summary(QStringLiteral("test"));
    QCOMPARE(summary.count, 20);
    QVERIFY(summary.p50Ms > 0);
    QVERIFY(summary.p50Ms <= summary.p95Ms && summary.p95Ms <= summary.p99Ms);
    QCOMPARE(m_transport->latencyStats().operations(), QList<QString> {QStringLiteral("test")});
    m_transport->clearLatencyStats();
    QCOMPARE(m_transport->latencyStats().summary(QStringLiteral("test")).count, 0);
}

void TestHttpTransport::keepAliveReusesOneConnection()
{
    for (int i = 0; i < 10; ++i)
        QVERIFY(await(send("POST", QStringLiteral("/q"), true, QByteArray(20000, 'x'))).ok());
    QCOMPARE(m_peer->requestCount(), 10);
    QCOMPARE(m_peer->connectionCount(), 1);
    m_transport->closeIdleConnections();
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->findChildren<QTcpSocket *>().size(), 0, 5000);
    QVERIFY(await(send("GET", QStringLiteral("/"), true)).ok()); // a fresh one
    QCOMPARE(m_peer->connectionCount(), 2);
}

void TestHttpTransport::sendsHeadersAndBody_data()
{
    QTest::addColumn<bool>("plain");
    QTest::newRow("plain client") << true;
    QTest::newRow("QNAM") << false;
}

void TestHttpTransport::sendsHeadersAndBody()
{
    QFETCH(bool, plain);
    m_transport->setPlainHttpEnabled(plain);
    HttpRequest request;
    request.method = "PUT";
    request.url = QUrl(m_peer->baseUrl() + QStringLiteral("/collections/c?wait=true"));
    request.body = QByteArray(70000, 'b');
    request.headers = {{"api-key", "k1"}};
    QVERIFY(await(m_transport->send(request)).ok());
    QCOMPARE(m_peer->requestCount(), 1);
    const FaultPeer::Received &received = m_peer->received().at(0);
    QCOMPARE(received.method, QByteArray("PUT"));
    QCOMPARE(received.target, QByteArray("/collections/c?wait=true"));
    QCOMPARE(received.body, request.body);
    QCOMPARE(received.header("api-key"), QByteArray("k1"));
    QCOMPARE(received.header("content-type"), QByteArray("application/json"));
    QCOMPARE(received.header("accept-encoding"), QByteArray("identity")); // loopback
    QCOMPARE(
        received.header("host"), QStringLiteral("127.0.0.1:%1").arg(m_peer->port()).toLatin1());
}

void TestHttpTransport::neverFinishesInsideSend()
{
    HttpRequest request;
    request.url = QUrl(QStringLiteral("ftp://127.0.0.1/"));
    bool finished = false;
    HttpCall *call = m_transport->send(request);
    connect(call, &HttpCall::finished, this, [&finished] { finished = true; });
    QVERIFY(!finished);
    QTRY_VERIFY_WITH_TIMEOUT(finished, 5000);
}
QTEST_GUILESS_MAIN(TestHttpTransport)
#include "tst_httptransport.moc"
