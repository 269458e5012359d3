// memory-store over real HTTP: update_mode and update_filter of upserts and vector updates,
// which tenant-scoped consoles rely on so that an upsert never takes over another tenant's point.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QtTest>

class TestStoreUpdateConditions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        m_client = std::make_unique<StoreClient>(m_store.port());
    }

    void init()
    {
        m_client->del(QStringLiteral("/collections/c"));
        QCOMPARE(m_client->put(QStringLiteral("/collections/c"),
                               QByteArray("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}"))
                     .status,
                 200);
        // Point 1 belongs to tenant 42, point 2 to tenant 7.
        QCOMPARE(upsert("{\"points\":[{\"id\":1,\"vector\":[1,0],\"payload\":{\"t\":42,\"v\":\"a\"}},"
                        "{\"id\":2,\"vector\":[0,1],\"payload\":{\"t\":7,\"v\":\"a\"}}]}"),
                 200);
    }

    void upsertModes_data()
    {
        QTest::addColumn<QByteArray>("conditions");
        QTest::addColumn<QString>("point1");
        QTest::addColumn<QString>("point2");
        QTest::addColumn<bool>("point3Exists");
        QTest::newRow("upsert") << QByteArray() << "b" << "b" << true;
        QTest::newRow("insert_only") << QByteArray(",\"update_mode\":\"insert_only\"") << "a"
                                     << "a" << true;
        QTest::newRow("update_only") << QByteArray(",\"update_mode\":\"update_only\"") << "b"
                                     << "b" << false;
        QTest::newRow("update_filter")
            << QByteArray(",\"update_filter\":{\"must\":[{\"key\":\"t\",\"match\":{\"value\":42}}]}")
            << "b" << "a" << true;
    }
    void upsertModes()
    {
        QFETCH(QByteArray, conditions);
        QFETCH(QString, point1);
        QFETCH(QString, point2);
        QFETCH(bool, point3Exists);
        const QByteArray body = "{\"points\":["
                                "{\"id\":1,\"vector\":[1,1],\"payload\":{\"t\":42,\"v\":\"b\"}},"
                                "{\"id\":2,\"vector\":[1,1],\"payload\":{\"t\":42,\"v\":\"b\"}},"
                                "{\"id\":3,\"vector\":[1,1],\"payload\":{\"t\":42,\"v\":\"b\"}}]"
                                + conditions + "}";
        QCOMPARE(upsert(body), 200);
        QCOMPARE(valueOf(1), point1);
        QCOMPARE(valueOf(2), point2);
        QCOMPARE(!valueOf(3).isEmpty(), point3Exists);
    }

    void updateVectorsHonoursTheFilter()
    {
        const QByteArray body = "{\"points\":[{\"id\":1,\"vector\":[5,5]},{\"id\":2,\"vector\":[5,5]}],"
                                "\"update_filter\":{\"must\":[{\"key\":\"t\",\"match\":{\"value\":7}}]}}";
        QCOMPARE(m_client->put(QStringLiteral("/collections/c/points/vectors?wait=true"), body).status,
                 200);
        QCOMPARE(vectorOf(1), (QJsonArray{1, 0}));
        QCOMPARE(vectorOf(2), (QJsonArray{5, 5}));
    }

    void badConditionsAreRejected_data()
    {
        QTest::addColumn<QByteArray>("conditions");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown mode") << QByteArray(",\"update_mode\":\"merge\"")
                                      << QStringLiteral("update_mode");
        QTest::newRow("bad filter") << QByteArray(",\"update_filter\":{\"must\":[{\"foo\":1}]}")
                                    << QStringLiteral("update_filter");
    }
    void badConditionsAreRejected()
    {
        QFETCH(QByteArray, conditions);
        QFETCH(QString, message);
        const auto r = m_client->put(QStringLiteral("/collections/c/points?wait=true"),
                                     "{\"points\":[{\"id\":9,\"vector\":[1,1]}]" + conditions + "}");
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
        QVERIFY(valueOf(9).isEmpty() && !m_client->get(QStringLiteral("/collections/c/points/9"))
                                             .error().isEmpty());
    }

private:
    int upsert(const QByteArray &body)
    {
        return m_client->put(QStringLiteral("/collections/c/points?wait=true"), body).status;
    }
    QString valueOf(int id)
    {
        const auto r = m_client->get(QStringLiteral("/collections/c/points/%1").arg(id));
        return r.result()[QStringLiteral("payload")][QStringLiteral("v")].toString();
    }
    QJsonArray vectorOf(int id)
    {
        const auto r = m_client->get(QStringLiteral("/collections/c/points/%1").arg(id));
        return r.result()[QStringLiteral("vector")].toArray();
    }

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

QTEST_GUILESS_MAIN(TestStoreUpdateConditions)
#include "tst_store_updateconditions.moc"
