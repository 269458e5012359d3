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
    const QString all
        = QString::fromLatin1(entry.method) + entry.path + entry.operation + entry.error;
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
