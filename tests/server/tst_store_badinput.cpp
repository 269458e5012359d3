// memory-store over real HTTP: the errors bad input must give on the point endpoints, a 4xx
// with a message and never a 500, and a server that is still fine afterwards.
// Plain literals where a raw string would hold `//`, an unbalanced bracket or an odd number
// of quotes: Qt 6.4's moc mis-lexes those and then finds no test class.
#include "storefixture.h"

using namespace StoreJson;

class TestStoreBadInput : public StoreFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(startStore(), qPrintable(storeError())); }

    void badInputErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");

        const QString upsertPath = QStringLiteral("/collections/errors/points");
        QTest::newRow("wrong dimension")
            << QByteArray("PUT") << upsertPath
            << QByteArray(R"({"points":[{"id":1,"vector":[1,2,3]}]})") << 400
            << QStringLiteral("Vector dimension error: expected dim: 4, got 3");
        QTest::newRow("wrong dimension in batch")
            << QByteArray("PUT") << upsertPath
            << QByteArray(R"({"batch":{"ids":[1,2],"vectors":[[1,2,3,4],[1,2,3,4,5]]}})") << 400
            << QStringLiteral("expected dim: 4, got 5");
        QTest::newRow("unknown vector name")
            << QByteArray("PUT") << upsertPath
            << QByteArray(R"({"points":[{"id":1,"vector":{"colour":[1,2,3,4]}}]})") << 400
            << QStringLiteral("Not existing vector name error: colour");
        QTest::newRow("id -1") << QByteArray("PUT") << upsertPath
                               << QByteArray(R"({"points":[{"id":-1,"vector":[1,2,3,4]}]})") << 400
                               << QStringLiteral("not a valid point ID");
        QTest::newRow("id abc") << QByteArray("PUT") << upsertPath
                                << QByteArray(R"({"points":[{"id":"abc","vector":[1,2,3,4]}]})")
                                << 400 << QStringLiteral("not a valid point ID");
        QTest::newRow("id 1.5") << QByteArray("PUT") << upsertPath
                                << QByteArray(R"({"points":[{"id":1.5,"vector":[1,2,3,4]}]})")
                                << 400 << QStringLiteral("not a valid point ID");
        QTest::newRow("id missing")
            << QByteArray("PUT") << upsertPath << QByteArray(R"({"points":[{"vector":[1,2,3,4]}]})")
            << 400 << QStringLiteral("id");
        QTest::newRow("bad id in batch")
            << QByteArray("PUT") << upsertPath
            << QByteArray(R"({"batch":{"ids":[true],"vectors":[[1,2,3,4]]}})") << 400
            << QStringLiteral("not a valid point ID");
        QTest::newRow("bad id in retrieve")
            << QByteArray("POST") << upsertPath << QByteArray(R"({"ids":[-5]})") << 400
            << QStringLiteral("not a valid point ID");
        QTest::newRow("bad id in delete")
            << QByteArray("POST") << QStringLiteral("/collections/errors/points/delete")
            << QByteArray(R"({"points":["abc"]})") << 400 << QStringLiteral("not a valid point ID");
        QTest::newRow("bad scroll offset")
            << QByteArray("POST") << QStringLiteral("/collections/errors/points/scroll")
            << QByteArray(R"({"offset":-1})") << 400 << QStringLiteral("not a valid point ID");
        QTest::newRow("missing collection")
            << QByteArray("PUT") << QStringLiteral("/collections/nowhere/points")
            << QByteArray(R"({"points":[{"id":1,"vector":[1,2,3,4]}]})") << 404
            << QStringLiteral("Collection `nowhere` doesn't exist!");
        QTest::newRow("missing collection scroll")
            << QByteArray("POST") << QStringLiteral("/collections/nowhere/points/scroll")
            << QByteArray("{}") << 404 << QStringLiteral("Collection `nowhere` doesn't exist!");
        QTest::newRow("malformed JSON") << QByteArray("PUT") << upsertPath
                                        << QByteArray("{\"points\":[{\"id\":1,\"vector\":[1,2")
                                        << 400 << QStringLiteral("JSON");
        QTest::newRow("malformed JSON scroll")
            << QByteArray("POST") << QStringLiteral("/collections/errors/points/scroll")
            << QByteArray("{limit:3}") << 400 << QStringLiteral("JSON");
        QTest::newRow("payload not an object")
            << QByteArray("PUT") << upsertPath
            << QByteArray(R"({"points":[{"id":1,"vector":[1,2,3,4],"payload":[1,2]}]})") << 400
            << QStringLiteral("payload");
        QTest::newRow("payload a string in batch")
            << QByteArray("PUT") << upsertPath
            << QByteArray(R"({"batch":{"ids":[1],"vectors":[[1,2,3,4]],"payloads":["x"]}})") << 400
            << QStringLiteral("payload");
        QTest::newRow("neither points nor batch")
            << QByteArray("PUT") << upsertPath << QByteArray(R"({"ids":[1]})") << 400
            << QStringLiteral("points");
        QTest::newRow("vector of text")
            << QByteArray("PUT") << upsertPath
            << QByteArray(R"({"points":[{"id":1,"vector":["a","b","c","d"]}]})") << 400
            << QStringLiteral("vector");
        QTest::newRow("vector beyond float")
            << QByteArray("PUT") << upsertPath
            << QByteArray(R"({"points":[{"id":1,"vector":[1e300,0,0,0]}]})") << 400
            << QStringLiteral("float");
        QTest::newRow("scroll limit text")
            << QByteArray("POST") << QStringLiteral("/collections/errors/points/scroll")
            << QByteArray(R"({"limit":"ten"})") << 400 << QStringLiteral("limit");
    }
    void badInputErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        if (client().get(QStringLiteral("/collections/errors")).status != 200)
            create(QStringLiteral("errors"), R"({"vectors":{"size":4,"distance":"Cosine"}})");
        const auto r = client().request(method, path, body, {});
        QCOMPARE(r.status, status);
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
        // Errors come in Qdrant's envelope.
        QVERIFY(r.json.object()[QStringLiteral("time")].isDouble());
        // Nothing of a failed write is applied.
        QCOMPARE(count(QStringLiteral("errors")), 0);
    }

    // Odd bodies against every point endpoint: whatever the answer, it is never a 500 and an
    // error always carries a message.
    void neverAnInternalError_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        const QList<std::pair<const char *, const char *>> endpoints = {
            {"PUT", ""},
            {"POST", ""},
            {"POST", "/delete"},
            {"PUT", "/vectors"},
            {"POST", "/vectors/delete"},
            {"POST", "/payload"},
            {"PUT", "/payload"},
            {"POST", "/payload/delete"},
            {"POST", "/payload/clear"},
            {"POST", "/batch"},
            {"POST", "/scroll"},
            {"POST", "/count"},
        };
        for (const auto &[method, path] : endpoints) {
            QTest::addRow("%s /points%s", method, path) << QByteArray(
                method) << QStringLiteral("/collections/fuzz/points") + QLatin1String(path);
        }
        QTest::addRow("POST /facet")
            << QByteArray("POST") << QStringLiteral("/collections/fuzz/facet");
        QTest::addRow("PUT /index")
            << QByteArray("PUT") << QStringLiteral("/collections/fuzz/index");
        QTest::addRow("GET /points/x")
            << QByteArray("GET") << QStringLiteral("/collections/fuzz/points/%7B%7D");
    }
    void neverAnInternalError()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        if (client().get(QStringLiteral("/collections/fuzz")).status != 200) {
            create(QStringLiteral("fuzz"), R"({"vectors":{"size":4,"distance":"Cosine"}})");
            upsert(QStringLiteral("fuzz"),
                R"({"points":[{"id":1,"vector":[1,2,3,4],"payload":{"a":{"b":[1,{"c":2}]}}}]})");
            client().put(QStringLiteral("/collections/fuzz/index"),
                R"({"field_name":"a.b","field_schema":"integer"})");
        }
        const QByteArray bodies[] = {
            "",
            "null",
            "[]",
            "\"text\"",
            "42",
            "{",
            "{}",
            R"({"points":null})",
            R"({"points":[null]})",
            R"({"points":"x"})",
            R"({"points":[{"id":1}]})",
            R"({"points":[{"id":1,"vector":null}]})",
            R"({"points":[{"id":1,"vector":[1,2,3,"x"]}]})",
            R"({"points":[{"id":1,"vector":[[1,2],[3,4]]}]})",
            R"({"points":[{"id":1,"vector":{"":[1,2,3,4]}}]})",
            R"({"points":[{"id":1,"vector":{"s":{"indices":[1],"values":[1]}}}]})",
            R"({"points":[{"id":18446744073709551616,"vector":[1,2,3,4]}]})",
            R"({"points":[{"id":1,"vector":[1,2,3,4],"payload":null}]})",
            R"({"batch":{"ids":[1],"vectors":[[1,2,3,4],[1,2,3,4]]}})",
            R"({"batch":{"ids":[1,2],"vectors":[[1,2,3,4]],"payloads":[{}]}})",
            R"({"batch":{"ids":"x","vectors":5}})",
            R"({"filter":5})",
            R"({"filter":{"must":5}})",
            R"({"filter":{"must":[{"key":"a","match":{"value":[1]}}]}})",
            R"({"filter":{"must":[{"key":"a..b","match":{"value":1}}]}})",
            R"({"filter":{"must":[{"key":"a","range":{"gte":"x"}}]}})",
            R"({"ids":{"a":1}})",
            R"({"ids":[1,"x"]})",
            R"({"limit":-1})",
            R"({"limit":1e30})",
            R"({"limit":0})",
            R"({"offset":{"x":1}})",
            R"({"with_payload":5})",
            R"({"with_payload":{"include":5}})",
            R"({"with_vector":5})",
            R"({"with_vector":["nope"]})",
            R"({"order_by":5})",
            R"({"order_by":{"key":5}})",
            R"({"order_by":{"key":"a.b","start_from":[1]}})",
            R"({"key":5})",
            "{\"key\":\"a[\",\"limit\":1}",
            R"({"operations":5})",
            R"({"operations":[5]})",
            R"({"operations":[{"upsert":5}]})",
            R"({"operations":[{"delete":{}}]})",
            R"({"operations":[{"set_payload":{"points":[1]}}]})",
            R"({"payload":null,"points":[1]})",
            R"({"payload":{"a":1},"points":[1],"key":"a..b"})",
            R"({"payload":{"a":1},"points":[1],"key":5})",
            R"({"keys":"a","points":[1]})",
            R"({"keys":[5],"points":[1]})",
            "{\"keys\":[\"a[0\"],\"points\":[1]}",
            R"({"vector":5,"points":[1]})",
            R"({"vector":[5],"points":[1]})",
            R"({"field_name":5,"field_schema":"keyword"})",
            "{\"field_name\":\"a[\",\"field_schema\":\"keyword\"}",
            R"({"field_name":"x","field_schema":{"type":5}})",
        };
        for (const QByteArray &body : bodies) {
            const auto r = client().request(method, path, body, {});
            QVERIFY2(r.status > 0, body.constData());
            QVERIFY2(r.status < 500, QByteArray(body + " -> " + r.body).constData());
            if (r.status >= 400) {
                QVERIFY2(!r.error().isEmpty(), QByteArray(body + " -> " + r.body).constData());
            }
        }
        // The server is still fine.
        QCOMPARE(client().get(QStringLiteral("/collections/fuzz")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestStoreBadInput)
#include "tst_store_badinput.moc"
