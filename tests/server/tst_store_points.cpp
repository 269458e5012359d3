// memory-store over real HTTP: the point write and read endpoints as Qdrant 1.19 has them.
// Upsert (list and batch, integer and UUID ids), retrieve, delete, vectors, payload operations
// by ids and by filter, batches and the wait parameter.
// Plain literals where a raw string would hold `//`, an unbalanced bracket or an odd number
// of quotes: Qt 6.4's moc mis-lexes those and then finds no test class.
#include "storefixture.h"

#include <QUuid>

using namespace StoreJson;

class TestStorePoints : public StoreFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(startStore(), qPrintable(storeError())); }

    void upsertFormats_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonArray>("ids"); // as scroll returns them, in id order
        QTest::addColumn<QJsonArray>("payloads"); // in the same order

        const QByteArray uuid = "550e8400-e29b-41d4-a716-446655440000";
        const QJsonArray uuidIds = {QString::fromLatin1(uuid)};
        QTest::newRow("list integers")
            << QByteArray(R"({"points":[{"id":2,"vector":[1,2,3,4],"payload":{"n":2}},
                                        {"id":1,"vector":[4,3,2,1]}]})")
            << QJsonArray {1, 2} << array(R"([{},{"n":2}])");
        QTest::newRow("list uuid upper case")
            << QByteArray(R"({"points":[{"id":"550E8400-E29B-41D4-A716-446655440000",
                                         "vector":[1,2,3,4],"payload":{"u":true}}]})")
            << uuidIds << array(R"([{"u":true}])");
        QTest::newRow("list uuid simple")
            << QByteArray(R"({"points":[{"id":"550e8400e29b41d4a716446655440000",
                                         "vector":[1,2,3,4]}]})")
            << uuidIds << array(R"([{}])");
        QTest::newRow("list uuid braced")
            << QByteArray(R"({"points":[{"id":"{550e8400-e29b-41d4-a716-446655440000}",
                                         "vector":[1,2,3,4]}]})")
            << uuidIds << array(R"([{}])");
        QTest::newRow("list uuid urn")
            << QByteArray(R"({"points":[{"id":"urn:uuid:550e8400-e29b-41d4-a716-446655440000",
                                         "vector":[1,2,3,4]}]})")
            << uuidIds << array(R"([{}])");
        QTest::newRow("list mixed ids")
            << QByteArray(
                   R"({"points":[{"id":"550E8400E29B41D4A716446655440000","vector":[1,2,3,4]},
                                        {"id":18446744073709551615,"vector":[1,2,3,4]},
                                        {"id":0,"vector":[1,2,3,4]}]})")
            // Integers order before UUIDs; 2^64-1 is still an integer id.
            << QJsonArray {0, QJsonValue(double(18446744073709551615ull)),
                   QString::fromLatin1(uuid)}
            << array(R"([{},{},{}])");
        QTest::newRow("batch integers")
            << QByteArray(R"({"batch":{"ids":[8,7],"vectors":[[1,2,3,4],[5,6,7,8]],
                                       "payloads":[{"k":"eight"},{"k":"seven"}]}})")
            << QJsonArray {7, 8} << array(R"([{"k":"seven"},{"k":"eight"}])");
        QTest::newRow("batch uuids")
            << QByteArray(R"({"batch":{"ids":["550E8400-E29B-41D4-A716-446655440000"],
                                       "vectors":[[1,2,3,4]],"payloads":[{"b":1}]}})")
            << uuidIds << array(R"([{"b":1}])");
        QTest::newRow("batch without payloads")
            << QByteArray(R"({"batch":{"ids":[1,2],"vectors":[[1,2,3,4],[1,2,3,4]]}})")
            << QJsonArray {1, 2} << array(R"([{},{}])");
        QTest::newRow("batch null payload")
            << QByteArray(R"({"batch":{"ids":[1,2],"vectors":[[1,2,3,4],[1,2,3,4]],
                                       "payloads":[null,{"p":2}]}})")
            << QJsonArray {1, 2} << array(R"([{},{"p":2}])");
    }
    void upsertFormats()
    {
        QFETCH(QByteArray, body);
        QFETCH(QJsonArray, ids);
        QFETCH(QJsonArray, payloads);
        create(QStringLiteral("formats"), R"({"vectors":{"size":4,"distance":"Dot"}})");
        upsert(QStringLiteral("formats"), body);
        const QJsonArray records = scroll(QStringLiteral("formats"));
        if (QTest::currentDataTag() == QByteArrayLiteral("list mixed ids")) {
            // 2^64-1 does not fit a double: compare that one as text.
            QCOMPARE(records.size(), 3);
            QCOMPARE(records[0][QStringLiteral("id")].toInt(-1), 0);
            QCOMPARE(records[2][QStringLiteral("id")], ids[2]);
            QVERIFY(client()
                        .post(points(QStringLiteral("formats"), QStringLiteral("/scroll")),
                            QByteArray("{}"))
                        .body.contains("18446744073709551615"));
        } else {
            QCOMPARE(idsOf(records), ids);
        }
        for (qsizetype i = 0; i < records.size(); ++i)
            QCOMPARE(records[i][QStringLiteral("payload")].toObject(), payloads[i].toObject());
    }

    void upsertReplacesWholePoint()
    {
        create(QStringLiteral("replace"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        upsert(QStringLiteral("replace"),
            R"({"points":[{"id":1,"vector":[1,2],"payload":{"old":1,"keep":false}}]})");
        upsert(QStringLiteral("replace"),
            R"({"points":[{"id":1,"vector":[3,4],"payload":{"new":2}}]})");
        const auto r = client().get(points(QStringLiteral("replace"), QStringLiteral("/1")));
        QCOMPARE(r.result()[QStringLiteral("payload")].toObject(), object(R"({"new":2})"));
        QCOMPARE(r.result()[QStringLiteral("vector")].toArray(), array("[3,4]"));
        QCOMPARE(count(QStringLiteral("replace")), 1);
    }

    void retrieveDefaultsAndSelectors()
    {
        create(QStringLiteral("retrieve"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        upsert(QStringLiteral("retrieve"), R"({"points":[
            {"id":1,"vector":[1,2],"payload":{"a":1,"b":{"c":2}}},
            {"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","vector":[3,4],"payload":{"a":2}}]})");

        // Defaults: payload yes, vector no; missing ids are skipped, request order is kept.
        auto r = client().post(points(QStringLiteral("retrieve")),
            R"({"ids":["6F9619FF-8B86-D011-B42D-00CF4FC964FF",999,1,1]})");
        QCOMPARE(r.status, 200);
        QJsonArray records = r.result().toArray();
        QCOMPARE(idsOf(records),
            QJsonArray({QStringLiteral("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), 1}));
        QCOMPARE(
            records[1][QStringLiteral("payload")].toObject(), object(R"({"a":1,"b":{"c":2}})"));
        QVERIFY(records[1][QStringLiteral("vector")].isNull());

        r = client().post(points(QStringLiteral("retrieve")),
            R"({"ids":[1],"with_payload":false,"with_vector":true})");
        records = r.result().toArray();
        QVERIFY(records[0][QStringLiteral("payload")].isNull());
        QCOMPARE(records[0][QStringLiteral("vector")].toArray(), array("[1,2]"));

        r = client().post(
            points(QStringLiteral("retrieve")), R"({"ids":[1],"with_payload":["b.c"]})");
        QCOMPARE(r.result().toArray()[0][QStringLiteral("payload")].toObject(),
            object(R"({"b":{"c":2}})"));
        r = client().post(
            points(QStringLiteral("retrieve")), R"({"ids":[1],"with_payload":{"exclude":["b"]}})");
        QCOMPARE(
            r.result().toArray()[0][QStringLiteral("payload")].toObject(), object(R"({"a":1})"));

        r = client().post(points(QStringLiteral("retrieve")), R"({"ids":[12345]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result().toArray(), QJsonArray());
        r = client().post(points(QStringLiteral("retrieve")), R"({"with_payload":true})");
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(QStringLiteral("ids")), qPrintable(r.error()));
    }

    void getPointById_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("integer") << QStringLiteral("1") << 200 << QString();
        QTest::newRow("uuid") << QStringLiteral("6f9619ff-8b86-d011-b42d-00cf4fc964ff") << 200
                              << QString();
        QTest::newRow("uuid upper case")
            << QStringLiteral("6F9619FF-8B86-D011-B42D-00CF4FC964FF") << 200 << QString();
        QTest::newRow("missing") << QStringLiteral("77") << 404
                                 << QStringLiteral("No point with id 77 found");
        QTest::newRow("missing uuid")
            << QStringLiteral("00000000-0000-0000-0000-000000000001") << 404
            << QStringLiteral("No point with id 00000000-0000-0000-0000-000000000001");
        QTest::newRow("not an id") << QStringLiteral("abc") << 400 << QStringLiteral("abc");
        QTest::newRow("negative") << QStringLiteral("-1") << 400 << QStringLiteral("-1");
    }
    void getPointById()
    {
        QFETCH(QString, id);
        QFETCH(int, status);
        QFETCH(QString, message);
        if (client().get(QStringLiteral("/collections/by_id")).status != 200) {
            create(QStringLiteral("by_id"), R"({"vectors":{"size":2,"distance":"Dot"}})");
            upsert(QStringLiteral("by_id"), R"({"points":[
                {"id":1,"vector":[1,2],"payload":{"n":1}},
                {"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","vector":[3,4],"payload":{"n":2}}]})");
        }
        const auto r = client().get(points(QStringLiteral("by_id"), QStringLiteral("/") + id));
        QCOMPARE(r.status, status);
        if (status != 200) {
            QVERIFY2(r.error().contains(message), qPrintable(r.error()));
            return;
        }
        // GET returns payload and vector both.
        QVERIFY(r.result()[QStringLiteral("payload")].isObject());
        QVERIFY(r.result()[QStringLiteral("vector")].isArray());
        QCOMPARE(r.result()[QStringLiteral("id")].toVariant().toString(), id.toLower());
    }

    void vectorsAreNormalisedOnlyForCosine_data()
    {
        QTest::addColumn<QString>("distance");
        QTest::addColumn<QList<double>>("expected");
        QTest::newRow("Cosine") << QStringLiteral("Cosine") << QList<double> {0.6, 0, 0.8, 0};
        QTest::newRow("Dot") << QStringLiteral("Dot") << QList<double> {3, 0, 4, 0};
        QTest::newRow("Euclid") << QStringLiteral("Euclid") << QList<double> {3, 0, 4, 0};
        QTest::newRow("Manhattan") << QStringLiteral("Manhattan") << QList<double> {3, 0, 4, 0};
    }
    void vectorsAreNormalisedOnlyForCosine()
    {
        QFETCH(QString, distance);
        QFETCH(QList<double>, expected);
        const QString name = QStringLiteral("norm_") + distance;
        create(name,
            QStringLiteral(R"({"vectors":{"size":4,"distance":"%1"}})").arg(distance).toUtf8());
        upsert(name, R"({"points":[{"id":1,"vector":[3,0,4,0]}]})");
        const auto r = client().post(points(name), R"({"ids":[1],"with_vector":true})");
        const QJsonArray vector = r.result().toArray()[0][QStringLiteral("vector")].toArray();
        QVERIFY2(sameFloats(vector, expected), QJsonDocument(vector).toJson().constData());

        // update_vectors normalises the same way.
        QCOMPARE(client()
                     .put(points(name, QStringLiteral("/vectors?wait=true")),
                         R"({"points":[{"id":1,"vector":[0,6,0,8]}]})")
                     .status,
            200);
        const auto g = client().get(points(name, QStringLiteral("/1")));
        QList<double> updated = {0, 6, 0, 8};
        if (distance == QStringLiteral("Cosine"))
            updated = {0, 0.6, 0, 0.8};
        QVERIFY2(sameFloats(g.result()[QStringLiteral("vector")].toArray(), updated),
            g.body.constData());
    }

    void namedVectors()
    {
        create(QStringLiteral("named"), R"({"vectors":{"image":{"size":4,"distance":"Dot"},
                                                       "text":{"size":2,"distance":"Cosine"}}})");
        upsert(QStringLiteral("named"), R"({"points":[
            {"id":1,"vector":{"image":[1,2,3,4],"text":[3,4]}},
            {"id":2,"vector":{"image":[4,3,2,1]}}]})");
        upsert(QStringLiteral("named"), R"({"batch":{"ids":[3],
            "vectors":{"image":[[0,0,0,1]],"text":[[0,2]]}}})");

        auto r = client().post(
            points(QStringLiteral("named")), R"({"ids":[1,2,3],"with_vector":true})");
        QJsonArray records = r.result().toArray();
        QCOMPARE(records.size(), 3);
        QCOMPARE(records[0][QStringLiteral("vector")].toObject(),
            object(R"({"image":[1,2,3,4],"text":[0.6,0.8]})"));
        // A point without one of the vectors simply does not list it.
        QCOMPARE(records[1][QStringLiteral("vector")].toObject(), object(R"({"image":[4,3,2,1]})"));
        QCOMPARE(records[2][QStringLiteral("vector")].toObject(),
            object(R"({"image":[0,0,0,1],"text":[0,1]})"));

        r = client().post(points(QStringLiteral("named")), R"({"ids":[1],"with_vector":["text"]})");
        QCOMPARE(r.result().toArray()[0][QStringLiteral("vector")].toObject(),
            object(R"({"text":[0.6,0.8]})"));
    }

    void deleteByIdsAndFilter()
    {
        create(QStringLiteral("deletes"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        upsert(QStringLiteral("deletes"), R"({"points":[
            {"id":1,"vector":[1,0],"payload":{"group":"a"}},
            {"id":2,"vector":[1,0],"payload":{"group":"b"}},
            {"id":3,"vector":[1,0],"payload":{"group":"a"}},
            {"id":4,"vector":[1,0],"payload":{"group":"b"}},
            {"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","vector":[1,0]}]})");

        // Missing ids are no error.
        auto r
            = client().post(points(QStringLiteral("deletes"), QStringLiteral("/delete?wait=true")),
                R"({"points":[1,999,"6F9619FF-8B86-D011-B42D-00CF4FC964FF"]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result()[QStringLiteral("status")].toString(), QStringLiteral("completed"));
        QCOMPARE(idsOf(scroll(QStringLiteral("deletes"))), QJsonArray({2, 3, 4}));

        r = client().post(points(QStringLiteral("deletes"), QStringLiteral("/delete?wait=true")),
            R"({"filter":{"must":[{"key":"group","match":{"value":"b"}}]}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(idsOf(scroll(QStringLiteral("deletes"))), QJsonArray({3}));
        QCOMPARE(client()
                     .get(QStringLiteral("/collections/deletes"))
                     .result()[QStringLiteral("points_count")]
                     .toInt(),
            1);

        r = client().post(points(QStringLiteral("deletes"), QStringLiteral("/delete")), R"({})");
        QCOMPARE(r.status, 400);
        QCOMPARE(count(QStringLiteral("deletes")), 1);
    }

    void updateAndDeleteVectors()
    {
        create(QStringLiteral("vectors"), R"({"vectors":{"image":{"size":4,"distance":"Dot"},
                                                         "text":{"size":2,"distance":"Dot"}}})");
        upsert(QStringLiteral("vectors"), R"({"points":[
            {"id":1,"vector":{"image":[1,1,1,1],"text":[1,2]},"payload":{"p":1}},
            {"id":2,"vector":{"image":[2,2,2,2],"text":[3,4]}}]})");

        // Updating one named vector keeps the others and the payload.
        auto r
            = client().put(points(QStringLiteral("vectors"), QStringLiteral("/vectors?wait=true")),
                R"({"points":[{"id":1,"vector":{"image":[9,8,7,6]}}]})");
        QCOMPARE(r.status, 200);
        r = client().get(points(QStringLiteral("vectors"), QStringLiteral("/1")));
        QCOMPARE(r.result()[QStringLiteral("vector")].toObject(),
            object(R"({"image":[9,8,7,6],"text":[1,2]})"));
        QCOMPARE(r.result()[QStringLiteral("payload")].toObject(), object(R"({"p":1})"));

        // A missing point is a 404, and nothing of the request is applied.
        r = client().put(points(QStringLiteral("vectors"), QStringLiteral("/vectors?wait=true")),
            R"({"points":[{"id":2,"vector":{"text":[0,0]}},
                                       {"id":42,"vector":{"text":[5,5]}}]})");
        QCOMPARE(r.status, 404);
        QVERIFY2(
            r.error().contains(QStringLiteral("No point with id 42 found")), qPrintable(r.error()));
        r = client().get(points(QStringLiteral("vectors"), QStringLiteral("/2")));
        QCOMPARE(
            r.result()[QStringLiteral("vector")][QStringLiteral("text")].toArray(), array("[3,4]"));

        r = client().put(points(QStringLiteral("vectors"), QStringLiteral("/vectors")),
            R"({"points":[{"id":1,"vector":{"image":[1,2,3]}}]})");
        QCOMPARE(r.status, 400);
        QVERIFY2(
            r.error().contains(QStringLiteral("expected dim: 4, got 3")), qPrintable(r.error()));
        r = client().put(points(QStringLiteral("vectors"), QStringLiteral("/vectors")),
            R"({"points":[{"id":1,"vector":{"audio":[1,2]}}]})");
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(QStringLiteral("Not existing vector name error: audio")),
            qPrintable(r.error()));

        // Delete one vector by ids, another by filter.
        r = client().post(
            points(QStringLiteral("vectors"), QStringLiteral("/vectors/delete?wait=true")),
            R"({"points":[1],"vector":["text"]})");
        QCOMPARE(r.status, 200);
        r = client().post(
            points(QStringLiteral("vectors"), QStringLiteral("/vectors/delete?wait=true")),
            R"({"filter":{"must":[{"has_id":[2]}]},"vector":["image"]})");
        QCOMPARE(r.status, 200);
        r = client().post(points(QStringLiteral("vectors")), R"({"ids":[1,2],"with_vector":true})");
        const QJsonArray records = r.result().toArray();
        QCOMPARE(records[0][QStringLiteral("vector")].toObject(), object(R"({"image":[9,8,7,6]})"));
        QCOMPARE(records[1][QStringLiteral("vector")].toObject(), object(R"({"text":[3,4]})"));
        QCOMPARE(count(QStringLiteral("vectors")), 2); // the points stay

        r = client().post(points(QStringLiteral("vectors"), QStringLiteral("/vectors/delete")),
            R"({"points":[1],"vector":["audio"]})");
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(QStringLiteral("audio")), qPrintable(r.error()));
    }

    void payloadOperations_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body"); // %SELECTOR% is replaced by ids or a filter
        QTest::addColumn<QJsonObject>("expected");

        // Point 1 starts as {"a":1,"b":{"c":2,"d":3},"tags":["x"]}; point 2 must not change.
        struct Row
        {
            const char *tag;
            const char *method;
            const char *path;
            const char *body;
            const char *expected;
        };
        const Row rows[] = {
            {"set merges", "POST", "/payload", R"({%SELECTOR%,"payload":{"a":10,"e":"new"}})",
                R"({"a":10,"b":{"c":2,"d":3},"tags":["x"],"e":"new"})"},
            {"set replaces nested objects whole", "POST", "/payload",
                R"({%SELECTOR%,"payload":{"b":{"z":1}}})", R"({"a":1,"b":{"z":1},"tags":["x"]})"},
            {"set null deletes the key", "POST", "/payload", R"({%SELECTOR%,"payload":{"a":null}})",
                R"({"b":{"c":2,"d":3},"tags":["x"]})"},
            {"set with key merges into nested", "POST", "/payload",
                R"({%SELECTOR%,"payload":{"c":20,"y":5},"key":"b"})",
                R"({"a":1,"b":{"c":20,"d":3,"y":5},"tags":["x"]})"},
            {"set with key creates the path", "POST", "/payload",
                R"({%SELECTOR%,"payload":{"v":1},"key":"m.n"})",
                R"({"a":1,"b":{"c":2,"d":3},"tags":["x"],"m":{"n":{"v":1}}})"},
            {"overwrite", "PUT", "/payload", R"({%SELECTOR%,"payload":{"only":true}})",
                R"({"only":true})"},
            {"delete keys", "POST", "/payload/delete", R"({%SELECTOR%,"keys":["a","tags"]})",
                R"({"b":{"c":2,"d":3}})"},
            {"delete dotted key", "POST", "/payload/delete", R"({%SELECTOR%,"keys":["b.c"]})",
                R"({"a":1,"b":{"d":3},"tags":["x"]})"},
            {"delete missing key", "POST", "/payload/delete", R"({%SELECTOR%,"keys":["nope.x"]})",
                R"({"a":1,"b":{"c":2,"d":3},"tags":["x"]})"},
            {"clear", "POST", "/payload/clear", R"({%SELECTOR%})", R"({})"},
        };
        const QList<std::pair<const char *, QByteArray>> selectors = {
            {"by ids", R"("points":[1])"},
            {"by filter", R"("filter":{"must":[{"key":"a","match":{"value":1}}]})"},
        };
        for (const Row &row : rows) {
            for (const auto &[how, selector] : selectors) {
                QByteArray body(row.body);
                body.replace("%SELECTOR%", selector);
                // clear takes the selector as its whole body.
                if (QByteArray(row.path) == "/payload/clear")
                    body = '{' + selector + '}';
                QTest::addRow("%s %s", row.tag, how)
                    << QByteArray(row.method) << QString::fromLatin1(row.path) << body
                    << object(row.expected);
            }
        }
    }
    void payloadOperations()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QJsonObject, expected);
        if (client().get(QStringLiteral("/collections/payload_ops")).status != 200)
            create(QStringLiteral("payload_ops"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        const QByteArray control = R"({"a":2,"b":{"c":2,"d":3},"tags":["x"]})";
        upsert(QStringLiteral("payload_ops"),
            "{\"points\":[{\"id\":1,\"vector\":[1,0],\"payload\":{\"a\":1,\"b\":{\"c\":2,\"d\":3},"
            "\"tags\":[\"x\"]}}, {\"id\":2,\"vector\":[0,1],\"payload\":"
                + control + "}]}");

        const auto r = client().request(method,
            points(QStringLiteral("payload_ops"), path) + QStringLiteral("?wait=true"), body, {});
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result()[QStringLiteral("status")].toString(), QStringLiteral("completed"));
        QCOMPARE(payloadOf(QStringLiteral("payload_ops"), 1), expected);
        QCOMPARE(payloadOf(QStringLiteral("payload_ops"), 2), object(control));
        // The vector is never touched by payload operations.
        QCOMPARE(client()
                     .get(points(QStringLiteral("payload_ops"), QStringLiteral("/1")))
                     .result()[QStringLiteral("vector")]
                     .toArray(),
            array("[1,0]"));
    }

    void payloadOperationErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("set payload a list")
            << QByteArray("POST") << QStringLiteral("/payload")
            << QByteArray(R"({"points":[1],"payload":[1,2]})") << 400 << QStringLiteral("payload");
        QTest::newRow("set payload a string")
            << QByteArray("POST") << QStringLiteral("/payload")
            << QByteArray(R"({"points":[1],"payload":"x"})") << 400 << QStringLiteral("payload");
        QTest::newRow("overwrite payload a number")
            << QByteArray("PUT") << QStringLiteral("/payload")
            << QByteArray(R"({"points":[1],"payload":5})") << 400 << QStringLiteral("payload");
        QTest::newRow("set without selector")
            << QByteArray("POST") << QStringLiteral("/payload") << QByteArray(R"({"payload":{}})")
            << 400 << QStringLiteral("points");
        QTest::newRow("set on missing point")
            << QByteArray("POST") << QStringLiteral("/payload")
            << QByteArray(R"({"points":[1,404],"payload":{"x":1}})") << 404
            << QStringLiteral("No point with id 404 found");
        QTest::newRow("overwrite missing point")
            << QByteArray("PUT") << QStringLiteral("/payload")
            << QByteArray(R"({"points":[404],"payload":{"x":1}})") << 404
            << QStringLiteral("No point with id 404 found");
        QTest::newRow("delete keys not a list")
            << QByteArray("POST") << QStringLiteral("/payload/delete")
            << QByteArray(R"({"points":[1],"keys":"a"})") << 400 << QStringLiteral("keys");
        QTest::newRow("clear missing point")
            << QByteArray("POST") << QStringLiteral("/payload/clear")
            << QByteArray(R"({"points":[404]})") << 404 << QStringLiteral("No point with id 404");
        QTest::newRow("bad id in selector") << QByteArray("POST") << QStringLiteral("/payload")
                                            << QByteArray(R"({"points":[-1],"payload":{"x":1}})")
                                            << 400 << QStringLiteral("not a valid point ID");
    }
    void payloadOperationErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        if (client().get(QStringLiteral("/collections/payload_errors")).status != 200) {
            create(QStringLiteral("payload_errors"), R"({"vectors":{"size":2,"distance":"Dot"}})");
            upsert(QStringLiteral("payload_errors"),
                R"({"points":[{"id":1,"vector":[1,0],"payload":{"a":1}}]})");
        }
        const auto r
            = client().request(method, points(QStringLiteral("payload_errors"), path), body, {});
        QCOMPARE(r.status, status);
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
        // Nothing was applied, not even to the existing point.
        QCOMPARE(payloadOf(QStringLiteral("payload_errors"), 1), object(R"({"a":1})"));
    }

    void batchAppliesOperationsInOrder()
    {
        create(QStringLiteral("batch"), R"({"vectors":{"image":{"size":4,"distance":"Dot"},
                                                       "text":{"size":2,"distance":"Dot"}}})");
        const auto r
            = client().post(points(QStringLiteral("batch"), QStringLiteral("/batch?wait=true")),
                R"({"operations":[
            {"upsert":{"points":[
                {"id":1,"vector":{"image":[1,0,0,0],"text":[1,0]},"payload":{"a":1,"b":2}},
                {"id":2,"vector":{"image":[0,1,0,0]},"payload":{"a":2}},
                {"id":3,"vector":{"image":[0,0,1,0],"text":[0,1]},"payload":{"a":3}}]}},
            {"set_payload":{"points":[1],"payload":{"c":3}}},
            {"delete":{"filter":{"must":[{"has_id":[2]}]}}},
            {"update_vectors":{"points":[{"id":3,"vector":{"image":[0,0,0,1]}}]}},
            {"delete_payload":{"points":[1],"keys":["a"]}},
            {"overwrite_payload":{"points":[3],"payload":{"only":true}}},
            {"delete_vectors":{"points":[3],"vector":["text"]}},
            {"upsert":{"batch":{"ids":[4],"vectors":{"image":[[1,1,1,1]]},"payloads":[{"x":1}]}}},
            {"clear_payload":{"points":[4]}},
            {"set_payload":{"filter":{"must":[{"has_id":[4]}]},"payload":{"y":2},"key":"z"}},
            {"delete":{"points":[1]}},
            {"upsert":{"points":[{"id":1,"vector":{"image":[2,2,2,2]},"payload":{"back":true}}]}}
        ]})");
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray results = r.result().toArray();
        QCOMPARE(results.size(), 12);
        double previous = -1;
        for (const QJsonValue &result : results) {
            QCOMPARE(result[QStringLiteral("status")].toString(), QStringLiteral("completed"));
            QVERIFY(result[QStringLiteral("operation_id")].toDouble() > previous);
            previous = result[QStringLiteral("operation_id")].toDouble();
        }

        const QJsonArray records
            = client()
                  .post(points(QStringLiteral("batch")), R"({"ids":[1,2,3,4],"with_vector":true})")
                  .result()
                  .toArray();
        QCOMPARE(idsOf(records), QJsonArray({1, 3, 4}));
        QCOMPARE(records[0][QStringLiteral("payload")].toObject(), object(R"({"back":true})"));
        QCOMPARE(records[0][QStringLiteral("vector")].toObject(), object(R"({"image":[2,2,2,2]})"));
        QCOMPARE(records[1][QStringLiteral("payload")].toObject(), object(R"({"only":true})"));
        QCOMPARE(records[1][QStringLiteral("vector")].toObject(), object(R"({"image":[0,0,0,1]})"));
        QCOMPARE(records[2][QStringLiteral("payload")].toObject(), object(R"({"z":{"y":2}})"));

        // Without wait: acknowledged.
        const auto ack = client().post(points(QStringLiteral("batch"), QStringLiteral("/batch")),
            R"({"operations":[{"clear_payload":{"points":[1]}}]})");
        QCOMPARE(ack.result().toArray()[0][QStringLiteral("status")].toString(),
            QStringLiteral("acknowledged"));

        const auto bad = client().post(points(QStringLiteral("batch"), QStringLiteral("/batch")),
            R"({"operations":[{"frobnicate":{}}]})");
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.error().contains(QStringLiteral("frobnicate")), qPrintable(bad.error()));
    }

    void waitParameter_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("status");
        QTest::newRow("wait=true") << QStringLiteral("?wait=true") << QStringLiteral("completed");
        QTest::newRow("wait=false")
            << QStringLiteral("?wait=false") << QStringLiteral("acknowledged");
        QTest::newRow("no wait") << QString() << QStringLiteral("acknowledged");
    }
    void waitParameter()
    {
        QFETCH(QString, query);
        QFETCH(QString, status);
        create(QStringLiteral("waiting"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        const QList<std::tuple<QByteArray, QString, QByteArray>> writes = {
            {"PUT", QStringLiteral(""), R"({"points":[{"id":1,"vector":[1,2]}]})"},
            {"POST", QStringLiteral("/payload"), R"({"points":[1],"payload":{"a":1}})"},
            {"PUT", QStringLiteral("/payload"), R"({"points":[1],"payload":{"b":1}})"},
            {"POST", QStringLiteral("/payload/delete"), R"({"points":[1],"keys":["b"]})"},
            {"POST", QStringLiteral("/payload/clear"), R"({"points":[1]})"},
            {"PUT", QStringLiteral("/vectors"), R"({"points":[{"id":1,"vector":[3,4]}]})"},
            {"POST", QStringLiteral("/delete"), R"({"points":[1]})"},
        };
        for (const auto &[method, path, body] : writes) {
            const auto r = client().request(
                method, points(QStringLiteral("waiting"), path) + query, body, {});
            QVERIFY2(r.status == 200, r.body.constData());
            QCOMPARE(r.result()[QStringLiteral("status")].toString(), status);
            QVERIFY(r.result()[QStringLiteral("operation_id")].isDouble());
        }
    }
};

QTEST_GUILESS_MAIN(TestStorePoints)
#include "tst_store_points.moc"
