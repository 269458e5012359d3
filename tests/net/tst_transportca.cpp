// A connection profile's CA certificate file, through HttpTransport (our client and QNAM) and
// QdrantClient's snapshot download: a real TLS peer on loopback whose certificate is signed by
// a test CA (tests/net/data/testca*.{crt,key}; test use only, the CA's key is not kept). With
// the CA file the server is trusted; without it the handshake fails; a file that cannot be
// used fails every https request with an error naming it, and nothing is sent.

#include "faultpeer.h"

#include "httptransport.h"
#include "qdrantclient.h"
#include "transporttestutil.h"

#include <QDir>
#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace transporttest;

class TestTransportCa : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void trustsTheProfilesCa_data();
    void trustsTheProfilesCa();
    void withoutTheCaTheServerIsUntrusted_data();
    void withoutTheCaTheServerIsUntrusted();
    void unusableCaFileIsAnErrorNamingIt_data();
    void unusableCaFileIsAnErrorNamingIt();
    void clearingTheCaFileTrustsTheSystemOnly();
    void snapshotDownloadUsesTheCa();

private:
    static void addBackends();
    Result<HttpResponse> get(const QString &path = QStringLiteral("/collections"));

    std::unique_ptr<FaultPeer> m_peer;
    std::unique_ptr<HttpTransport> m_transport;
    QTemporaryDir m_dir;
};

void TestTransportCa::init()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    QFile certFile(QFINDTESTDATA("data/testca-server.crt"));
    QFile keyFile(QFINDTESTDATA("data/testca-server.key"));
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(certFile.readAll()));
    configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    QVERIFY(!configuration.localCertificate().isNull());
    QVERIFY(!configuration.privateKey().isNull());
    m_peer = std::make_unique<FaultPeer>();
    QVERIFY(m_peer->listenTls(configuration));
    m_transport = std::make_unique<HttpTransport>();
    m_transport->setRetryPolicy(fastPolicy());
}

void TestTransportCa::cleanup()
{
    m_transport.reset();
    m_peer.reset();
}

void TestTransportCa::addBackends()
{
    QTest::addColumn<bool>("plain");
    QTest::newRow("own client") << true;
    QTest::newRow("QNAM") << false;
}

Result<HttpResponse> TestTransportCa::get(const QString &path)
{
    HttpRequest request;
    request.url = QUrl(m_peer->baseUrl() + path);
    return await(m_transport->send(request));
}

void TestTransportCa::trustsTheProfilesCa_data()
{
    addBackends();
}

void TestTransportCa::trustsTheProfilesCa()
{
    QFETCH(bool, plain);
    m_transport->setPlainHttpEnabled(plain);
    const QString ca = QFINDTESTDATA("data/testca.crt");
    const Result<qsizetype> added = m_transport->setCaCertificateFile(ca);
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
    QCOMPARE(added.value(), 1);
    QCOMPARE(m_transport->caCertificateFile(), ca);
    QVERIFY(m_transport->tlsConfiguration().ok());
    // The system's CAs are still there: the file adds to them.
    QVERIFY(m_transport->tlsConfiguration().value().caCertificates().size()
            >= QSslConfiguration::systemCaCertificates().size() + 1);

    const auto result = get();
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().status, 200);
    QVERIFY(get().ok());
    QCOMPARE(m_peer->requestCount(), 2);
    if (plain)
        QCOMPARE(m_peer->connectionCount(), 1); // kept alive with the same trust
}

void TestTransportCa::withoutTheCaTheServerIsUntrusted_data()
{
    addBackends();
}

void TestTransportCa::withoutTheCaTheServerIsUntrusted()
{
    QFETCH(bool, plain);
    m_transport->setPlainHttpEnabled(plain);
    const auto result = get();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Tls);
    QVERIFY2(result.error().message.contains(QStringLiteral("not trusted"))
                 || result.error().message.contains(QStringLiteral("issuer"),
                                                    Qt::CaseInsensitive),
             qPrintable(result.error().message));
    QCOMPARE(m_peer->requestCount(), 0);
}

void TestTransportCa::unusableCaFileIsAnErrorNamingIt_data()
{
    QTest::addColumn<bool>("plain");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("why");
    QVERIFY(m_dir.isValid());
    const QString missing = m_dir.filePath(QStringLiteral("missing-ca.pem"));
    const QString folder = m_dir.filePath(QStringLiteral("a-folder.pem"));
    QVERIFY(QDir().mkpath(folder));
    const QString garbage = m_dir.filePath(QStringLiteral("garbage.pem"));
    QFile out(garbage);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("this is not a certificate\n");
    out.close();
    // A private key is PEM too, but no certificate.
    const QString keyOnly = QFINDTESTDATA("data/testca-server.key");
    for (bool plain : {true, false}) {
        const char *backend = plain ? "own client" : "QNAM";
        QTest::addRow("%s, missing", backend) << plain << missing << "does not exist";
        QTest::addRow("%s, a folder", backend) << plain << folder << "cannot read";
        QTest::addRow("%s, not PEM", backend) << plain << garbage << "no PEM certificate";
        QTest::addRow("%s, a key, no certificate", backend)
            << plain << keyOnly << "no PEM certificate";
    }
}

void TestTransportCa::unusableCaFileIsAnErrorNamingIt()
{
    QFETCH(bool, plain);
    QFETCH(QString, file);
    QFETCH(QString, why);
    m_transport->setPlainHttpEnabled(plain);
    const Result<qsizetype> added = m_transport->setCaCertificateFile(file);
    QVERIFY(!added.ok());
    QCOMPARE(added.error().kind, NetError::Kind::Tls);
    QVERIFY2(added.error().message.contains(file), qPrintable(added.error().message));
    QVERIFY2(added.error().message.contains(why), qPrintable(added.error().message));
    QVERIFY(!m_transport->tlsConfiguration().ok());

    // Not a quiet fall back to the system's CAs: the request fails with the same words.
    const auto result = get();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Tls);
    QVERIFY2(result.error().message.contains(file), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(why), qPrintable(result.error().message));
    QCOMPARE(m_peer->connectionCount(), 0); // nothing was sent, not even a handshake

    // Plain http does not need the CA file, so it is not held back by it.
    FaultPeer http;
    QVERIFY(http.listen());
    HttpRequest request;
    request.url = QUrl(http.baseUrl() + QStringLiteral("/"));
    QVERIFY(await(m_transport->send(request)).ok());
}

void TestTransportCa::clearingTheCaFileTrustsTheSystemOnly()
{
    QVERIFY(m_transport->setCaCertificateFile(QFINDTESTDATA("data/testca.crt")).ok());
    QVERIFY(get().ok());
    const Result<qsizetype> cleared = m_transport->setCaCertificateFile(QString());
    QVERIFY(cleared.ok());
    QCOMPARE(cleared.value(), 0);
    const auto result = get();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Tls);
    QCOMPARE(m_peer->requestCount(), 1);
}

void TestTransportCa::snapshotDownloadUsesTheCa()
{
    const QByteArray snapshot(64 * 1024, 's');
    m_peer->setScript({FaultPeer::respond(200, snapshot)});
    QdrantClient client(m_transport.get());
    client.setEndpoint(QUrl(m_peer->baseUrl()));
    const auto download = [&](const QString &file) {
        std::optional<Result<qint64>> outcome;
        client.downloadSnapshot(QStringLiteral("c"), QStringLiteral("c-1.snapshot"), file,
                                nullptr, {}, [&](const Result<qint64> &r) { outcome = r; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000))
            qFatal("no answer to the snapshot download");
        return *outcome;
    };

    const QString bad = m_dir.filePath(QStringLiteral("no-such-ca.pem"));
    QVERIFY(!m_transport->setCaCertificateFile(bad).ok());
    const auto refused = download(m_dir.filePath(QStringLiteral("refused.snapshot")));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, NetError::Kind::Tls);
    QVERIFY2(refused.error().message.contains(bad), qPrintable(refused.error().message));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("refused.snapshot"))));

    QVERIFY(m_transport->setCaCertificateFile(QFINDTESTDATA("data/testca.crt")).ok());
    const QString file = m_dir.filePath(QStringLiteral("c-1.snapshot"));
    const auto written = download(file);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    QCOMPARE(written.value(), snapshot.size());
    QFile saved(file);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), snapshot);
}

QTEST_GUILESS_MAIN(TestTransportCa)
#include "tst_transportca.moc"
