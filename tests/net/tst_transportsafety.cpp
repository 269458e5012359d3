// HttpTransport's safety: no secret in the request log or in error messages, no header
// injection, TLS errors ignored only with consent, and no blind re-sending of a request that
// is not idempotent — through our client and through QNAM.

#include "faultpeer.h"

#include "httptransport.h"
#include "transporttestutil.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTest>

using namespace transporttest;
using Kind = FaultPeer::Action::Kind;

Q_DECLARE_METATYPE(FaultPeer::Action)
Q_DECLARE_METATYPE(NetError::Kind)

class TestTransportSafety : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void requestLogCarriesNoSecrets();
    void requestLogKeepsWhatCurlNeeds_data();
    void requestLogKeepsWhatCurlNeeds();
    void requestLogCutsLongBodies();
    void rejectsHeaderInjection();
    void tlsErrors_data();
    void tlsErrors();
    void faultsThroughBothBackends_data();
    void faultsThroughBothBackends();

private:
    std::unique_ptr<FaultPeer> m_peer;
    std::unique_ptr<HttpTransport> m_transport;
};

void TestTransportSafety::init()
{
    m_peer = std::make_unique<FaultPeer>();
    QVERIFY(m_peer->listen());
    m_transport = std::make_unique<HttpTransport>();
    m_transport->setRetryPolicy(fastPolicy());
}

void TestTransportSafety::cleanup()
{
    m_transport.reset();
    m_peer.reset();
}

void TestTransportSafety::requestLogCarriesNoSecrets()
{
    QList<RequestLogEntry> log;
    m_transport->setRequestLogger([&log](const RequestLogEntry &entry) { log.append(entry); });
    m_peer->setScript({FaultPeer::respond(503, "x"),
        FaultPeer::respond(200, "{\"result\":[],\"status\":\"ok\",\"time\":0.0025}")});
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(m_peer->baseUrl()
        + QStringLiteral("/collections/c/points/scroll"
                         "?api-key=SECRET&wait=true"));
    request.url.setUserName(QStringLiteral("user"));
    request.url.setUserName({});
    request.body = "{\"limit\":10}";
    request.headers = {{"api-key", "SECRET"}, {"Authorization", "Bearer SECRET"}};
    request.operation = QStringLiteral("scroll");
    const auto result = await(m_transport->send(request));
    QVERIFY(result.ok());
    QCOMPARE(m_peer->received().at(0).header("api-key"), QByteArray("SECRET")); // it was sent

    QCOMPARE(log.size(), 1); // one entry per call, after its retries
    const RequestLogEntry &entry = log.at(0);
    QCOMPARE(entry.method, QByteArray("POST"));
    QCOMPARE(entry.path, QStringLiteral("/collections/c/points/scroll"));
    QCOMPARE(entry.operation, QStringLiteral("scroll"));
    QCOMPARE(entry.status, 200);
    QCOMPARE(entry.requestBytes, qint64(12));
    QCOMPARE(entry.responseBytes, qint64(result.value().body.size()));
    QCOMPARE(entry.attempts, 2);
    QVERIFY(entry.clientMs > 0);
    QCOMPARE(entry.serverMs, 2.5);
    QVERIFY(entry.error.isEmpty());
    QCOMPARE(entry.url,
        m_peer->baseUrl() + QStringLiteral("/collections/c/points/scroll?wait=true"));
    QVERIFY(entry.queryOmitted);
    QCOMPARE(entry.requestBody, QByteArray("{\"limit\":10}"));
    QVERIFY(!entry.requestBodyTruncated);
    QCOMPARE(entry.contentType, QByteArray("application/json"));
    QVERIFY(entry.hadApiKey);
    QVERIFY(entry.hadAuthorization);
    QVERIFY(entry.finishedAt.isValid());
    QCOMPARE(entry.finishedAt.timeSpec(), Qt::UTC);
    const QString all = QString::fromLatin1(entry.method) + entry.path + entry.operation
        + entry.error + entry.url + QString::fromLatin1(entry.requestBody + entry.contentType);
    QVERIFY(!all.contains(QStringLiteral("SECRET")));

    // A failed call logs its error, still without the query string.
    m_peer->setScript({FaultPeer::of(Kind::Reset)});
    request.idempotent = false;
    QVERIFY(!await(m_transport->send(request)).ok());
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(1).status, 0);
    QVERIFY(!log.at(1).error.isEmpty());
    QVERIFY(!log.at(1).error.contains(QStringLiteral("SECRET")));
}

void TestTransportSafety::requestLogKeepsWhatCurlNeeds_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QString>("loggedUrl");
    QTest::addColumn<bool>("queryOmitted");
    QTest::addColumn<QByteArray>("loggedBody");
    QTest::addColumn<QByteArray>("contentType");

    const QString base = QStringLiteral("http://127.0.0.1:6333/collections/my%20c/points");
    QTest::newRow("harmless query kept") << base + QStringLiteral("?wait=true&ordering=strong")
        << QByteArray("{}") << HttpHeaders {}
        << base + QStringLiteral("?wait=true&ordering=strong") << false << QByteArray("{}")
        << QByteArray("application/json");
    QTest::newRow("unknown parameter dropped") << base + QStringLiteral("?token=abc&wait=true")
        << QByteArray() << HttpHeaders {} << base + QStringLiteral("?wait=true") << true
        << QByteArray() << QByteArray();
    QTest::newRow("odd value dropped") << base + QStringLiteral("?wait=SECRET") << QByteArray()
        << HttpHeaders {} << base << true << QByteArray() << QByteArray();
    QTest::newRow("user info stripped")
        << QStringLiteral("http://me:SECRET@127.0.0.1:6333/collections/my%20c/points")
        << QByteArray() << HttpHeaders {} << base << false << QByteArray() << QByteArray();
    QTest::newRow("key in body redacted")
        << base << QByteArray("{\"location\":\"http://x/?k=SECRET\"}")
        << HttpHeaders {{"api-key", "SECRET"}} << base << false
        << QByteArray("{\"location\":\"http://x/?k=<redacted>\"}")
        << QByteArray("application/json");
    QTest::newRow("bearer token in body redacted") << base << QByteArray("a SECRET b")
        << HttpHeaders {{"Authorization", "Bearer SECRET"}, {"Content-Type", "text/plain"}}
        << base << false << QByteArray("a <redacted> b") << QByteArray("text/plain");
}

void TestTransportSafety::requestLogKeepsWhatCurlNeeds()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, body);
    QFETCH(HttpHeaders, headers);
    HttpRequest request;
    request.method = "PUT";
    request.url = QUrl(url);
    request.body = body;
    request.headers = headers;
    const RequestLogEntry entry = RequestLogEntry::describing(request);
    QTEST(entry.url, "loggedUrl");
    QTEST(entry.queryOmitted, "queryOmitted");
    QTEST(entry.requestBody, "loggedBody");
    QTEST(entry.contentType, "contentType");
    QCOMPARE(entry.path, QStringLiteral("/collections/my c/points"));
    QCOMPARE(entry.requestBytes, body.size());
    QVERIFY(!entry.requestBodyTruncated);
    QVERIFY(!entry.url.contains(QStringLiteral("SECRET")));
    QVERIFY(!entry.requestBody.contains("SECRET"));
}

void TestTransportSafety::requestLogCutsLongBodies()
{
    const qsizetype max = RequestLogEntry::MaxKeptBody;
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("http://127.0.0.1:1/x"));
    request.headers = {{"api-key", "SECRET"}};

    request.body = QByteArray(max, 'a');
    RequestLogEntry entry = RequestLogEntry::describing(request);
    QCOMPARE(entry.requestBody.size(), max); // exactly the cap is not cut
    QVERIFY(!entry.requestBodyTruncated);

    request.body = QByteArray(4 * max, 'b');
    entry = RequestLogEntry::describing(request);
    QCOMPARE(entry.requestBody.size(), max);
    QVERIFY(entry.requestBodyTruncated);
    QCOMPARE(entry.requestBytes, 4 * max);

    // A key straddling the cut is removed whole, not left half visible.
    request.body = QByteArray(max - 3, 'c') + "SECRET" + QByteArray(100, 'd');
    entry = RequestLogEntry::describing(request);
    QVERIFY(entry.requestBodyTruncated);
    QVERIFY(entry.requestBody.size() <= max);
    QVERIFY(!entry.requestBody.contains("SEC"));
    QVERIFY(entry.requestBody.endsWith("<re"));
}

void TestTransportSafety::rejectsHeaderInjection()
{
    HttpRequest request;
    request.url = QUrl(m_peer->baseUrl() + QStringLiteral("/"));
    request.headers = {{"api-key", "k\r\nX-Evil: 1"}};
    const auto result = await(m_transport->send(request));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Invalid);
    QVERIFY(!result.error().message.contains(QStringLiteral("Evil")));
    QCOMPARE(m_peer->requestCount(), 0);
}

void TestTransportSafety::tlsErrors_data()
{
    QTest::addColumn<bool>("plain");
    QTest::addColumn<bool>("consent");
    for (bool plain : {true, false}) {
        const char *backend = plain ? "own client" : "QNAM";
        QTest::addRow("%s, self-signed, no consent: Tls error", backend) << plain << false;
        QTest::addRow("%s, self-signed, profile consents: ignored", backend) << plain << true;
    }
}

void TestTransportSafety::tlsErrors()
{
    QFETCH(bool, plain);
    QFETCH(bool, consent);
    m_transport->setPlainHttpEnabled(plain);
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    // A throwaway self-signed certificate for 127.0.0.1 (tests/net/data; test use only).
    QFile certFile(QFINDTESTDATA("data/selfsigned.crt"));
    QFile keyFile(QFINDTESTDATA("data/selfsigned.key"));
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(certFile.readAll()));
    configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    FaultPeer tlsPeer;
    QVERIFY(tlsPeer.listenTls(configuration));

    m_transport->setIgnoreTlsErrors(consent);
    QCOMPARE(m_transport->ignoresTlsErrors(), consent);
    HttpRequest request;
    request.url = QUrl(tlsPeer.baseUrl() + QStringLiteral("/collections"));
    const auto result = await(m_transport->send(request));
    if (consent) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result.value().status, 200);
        QCOMPARE(tlsPeer.requestCount(), 1);
        QCOMPARE(tlsPeer.received().at(0).header("accept-encoding"), QByteArray("identity"));
        // Kept alive: two more requests, still one TLS connection.
        QVERIFY(await(m_transport->send(request)).ok());
        QVERIFY(await(m_transport->send(request)).ok());
        QCOMPARE(tlsPeer.requestCount(), 3);
        QCOMPARE(tlsPeer.connectionCount(), 1);
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Tls);
    QVERIFY2(result.error().message.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
        qPrintable(result.error().message));
    QCOMPARE(tlsPeer.requestCount(), 0); // nothing was sent over the untrusted connection
}

void TestTransportSafety::faultsThroughBothBackends_data()
{
    QTest::addColumn<bool>("plain");
    QTest::addColumn<FaultPeer::Action>("failure");
    QTest::addColumn<NetError::Kind>("kind");
    QTest::addColumn<int>("maxRequests");

    // Not idempotent: our client sends it once. QNAM re-sends it by itself when the connection
    // drops before the answer (Qt's reconnectAttempts): the reason direct URLs avoid QNAM.
    for (bool plain : {true, false}) {
        const char *backend = plain ? "plain" : "QNAM";
        QTest::addRow("%s: reset", backend)
            << plain << FaultPeer::of(Kind::Reset) << NetError::Kind::Network << (plain ? 1 : 2);
        QTest::addRow("%s: closed", backend)
            << plain << FaultPeer::of(Kind::Close) << NetError::Kind::Network << (plain ? 1 : 2);
        QTest::addRow("%s: timeout", backend)
            << plain << FaultPeer::of(Kind::Hang) << NetError::Kind::Timeout << 1;
    }
    // QNAM reports a body cut short as RemoteHostClosedError with the status already known.
    QTest::addRow("plain: truncated")
        << true << FaultPeer::truncate(200, "{\"r\":", 99) << NetError::Kind::Decode << 1;
    QTest::addRow("QNAM: truncated")
        << false << FaultPeer::truncate(200, "{\"r\":", 99) << NetError::Kind::Decode << 1;
}

void TestTransportSafety::faultsThroughBothBackends()
{
    QFETCH(bool, plain);
    QFETCH(FaultPeer::Action, failure);
    QFETCH(NetError::Kind, kind);
    QFETCH(int, maxRequests);

    m_transport->setPlainHttpEnabled(plain);
    m_peer->setScript({failure});
    QList<RequestLogEntry> log;
    m_transport->setRequestLogger([&log](const RequestLogEntry &entry) { log.append(entry); });
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(m_peer->baseUrl() + QStringLiteral("/collections/c/points?key=SECRET"));
    request.body = "{\"points\":[]}";
    request.idempotent = false;
    request.timeoutMs = 300;
    const auto result = await(m_transport->send(request));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, kind);
    QVERIFY2(!result.error().message.contains(QStringLiteral("SECRET")),
        qPrintable(result.error().message));
    QVERIFY2(result.error().message.startsWith(QStringLiteral("POST /collections/c/points:")),
        qPrintable(result.error().message));
    QVERIFY(m_peer->requestCount() >= 1);
    QVERIFY2(
        m_peer->requestCount() <= maxRequests, qPrintable(QString::number(m_peer->requestCount())));
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).path, QStringLiteral("/collections/c/points"));
    QVERIFY(!log.at(0).error.contains(QStringLiteral("SECRET")));
}

QTEST_GUILESS_MAIN(TestTransportSafety)
#include "tst_transportsafety.moc"
