// memory-store over real HTTP: service routes, the envelope, unknown paths and the CLI.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QProcess>
#include <QtTest>

class TestStoreService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        m_client = std::make_unique<StoreClient>(m_store.port());
    }

    void rootReportsQdrantApiVersion()
    {
        const auto r = m_client->get(QStringLiteral("/"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QStringLiteral("version")].toString(), QStringLiteral("1.19.0"));
        QVERIFY(!r.json[QStringLiteral("title")].toString().isEmpty());
    }

    void healthChecks_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("healthz") << QStringLiteral("/healthz") << QByteArray("healthz check passed");
        QTest::newRow("livez") << QStringLiteral("/livez") << QByteArray("livez check passed");
        QTest::newRow("readyz") << QStringLiteral("/readyz") << QByteArray("all shards are ready");
    }
    void healthChecks()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        const auto r = m_client->get(path);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, body);
    }

    void envelopeHasStatusAndTime()
    {
        const auto r = m_client->get(QStringLiteral("/collections"));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json.object();
        QCOMPARE(o[QStringLiteral("status")].toString(), QStringLiteral("ok"));
        QVERIFY(o[QStringLiteral("time")].isDouble());
        QVERIFY(o[QStringLiteral("result")].toObject()[QStringLiteral("collections")].isArray());
    }

    void collectionsAndAliasesAreListed()
    {
        const QByteArray config = R"({"vectors":{"size":3,"distance":"Dot"}})";
        QCOMPARE(m_client->put(QStringLiteral("/collections/listed"), config).status, 200);
        const QByteArray alias =
            R"({"actions":[{"create_alias":{"collection_name":"listed","alias_name":"shown"}}]})";
        QCOMPARE(m_client->post(QStringLiteral("/collections/aliases"), alias).status, 200);

        const auto list = m_client->get(QStringLiteral("/collections"));
        const QJsonArray names = list.result()[QStringLiteral("collections")].toArray();
        QVERIFY(names.contains(QJsonObject{{QStringLiteral("name"), QStringLiteral("listed")}}));

        const auto aliases = m_client->get(QStringLiteral("/aliases"));
        const QJsonArray all = aliases.result()[QStringLiteral("aliases")].toArray();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0][QStringLiteral("alias_name")].toString(), QStringLiteral("shown"));
        QCOMPARE(all[0][QStringLiteral("collection_name")].toString(), QStringLiteral("listed"));
    }

    void unknownPathIs404WithErrorEnvelope()
    {
        const auto r = m_client->get(QStringLiteral("/no/such/endpoint"));
        QCOMPARE(r.status, 404);
        QVERIFY(!r.error().isEmpty());
    }

    void versionAndHelpFlags()
    {
        QProcess p;
        p.start(qEnvironmentVariable("MC_STORE_BIN"), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("memory-store "));

        p.start(qEnvironmentVariable("MC_STORE_BIN"), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("--read-only-api-key"));

        p.start(qEnvironmentVariable("MC_STORE_BIN"), {QStringLiteral("--port"), QStringLiteral("x")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("--port expects a number"));
    }

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

QTEST_GUILESS_MAIN(TestStoreService)
#include "tst_store_service.moc"
