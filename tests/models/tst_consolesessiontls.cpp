// ConsoleSession::open with an https profile: the profile's CA certificate file reaches the
// transport, so a server whose certificate a test CA signed (tests/net/data/testca*; test use
// only) opens with the file, is untrusted without it, and a file that cannot be used fails
// the open with an error naming it.

#include "consolesession.h"
#include "faultpeer.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

class TestConsoleSessionTls : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void caFileOfTheProfile_data();
    void caFileOfTheProfile();

private:
    std::unique_ptr<FaultPeer> m_peer;
    QTemporaryDir m_dir;
};

void TestConsoleSessionTls::init()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    QFile certFile(QFINDTESTDATA("../net/data/testca-server.crt"));
    QFile keyFile(QFINDTESTDATA("../net/data/testca-server.key"));
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(certFile.readAll()));
    configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    m_peer = std::make_unique<FaultPeer>();
    QVERIFY(m_peer->listenTls(configuration));
    // GET / as Qdrant answers it.
    m_peer->setScript({FaultPeer::respond(
        200, "{\"title\":\"qdrant - vector search engine\",\"version\":\"1.12.4\"}")});
}

void TestConsoleSessionTls::cleanup()
{
    m_peer.reset();
}

void TestConsoleSessionTls::caFileOfTheProfile_data()
{
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("the test CA") << QFINDTESTDATA("../net/data/testca.crt") << true << QString();
    QTest::newRow("no CA file: untrusted") << QString() << false << QStringLiteral("not trusted");
    const QString missing = m_dir.filePath(QStringLiteral("gone/ca.pem"));
    QTest::newRow("missing CA file") << missing << false << missing;
}

void TestConsoleSessionTls::caFileOfTheProfile()
{
    QFETCH(QString, caFile);
    QFETCH(bool, opens);
    QFETCH(QString, errorPart);
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("tls"), QUrl(m_peer->baseUrl()));
    profile.caCertificatePath = caFile;
    ConsoleSession session;
    QSignalSpy opened(&session, &ConsoleSession::opened);
    QSignalSpy failed(&session, &ConsoleSession::openFailed);
    session.open(profile, QString());
    QTRY_COMPARE_WITH_TIMEOUT(opened.size() + failed.size(), 1, 10000);
    if (opens) {
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).value<ServerVersion>().version, QStringLiteral("1.12.4"));
        QCOMPARE(m_peer->requestCount(), 1);
        return;
    }
    QCOMPARE(failed.size(), 1);
    const NetError error = failed.at(0).at(0).value<NetError>();
    QCOMPARE(error.kind, NetError::Kind::Tls);
    QVERIFY2(error.message.contains(errorPart), qPrintable(error.message));
    QCOMPARE(m_peer->requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestConsoleSessionTls)
#include "tst_consolesessiontls.moc"
