// memory-store over real HTTP: the point endpoints as Qdrant 1.19 has them. Upsert (list and
// batch, integer and UUID ids), retrieve, delete, vectors, payload operations by ids and by
// filter, batches, scroll (paging, filters, payload selectors, order_by), count, facet, and
// the errors bad input must give: a 4xx with a message, never a 500.
// Plain literals where a raw string would hold `//`, an unbalanced bracket or an odd number
// of quotes: Qt 6.4's moc mis-lexes those and then finds no test class.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QUuid>
#include <QtTest>

#include <algorithm>

namespace {

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonArray array(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).array();
}

// Point ids of a record list, as JSON values (numbers or UUID strings).
QJsonArray idsOf(const QJsonArray &records)
{
    QJsonArray ids;
    for (const QJsonValue &r : records)
        ids.append(r[QStringLiteral("id")]);
    return ids;
}

bool sameFloats(const QJsonArray &actual, const QList<double> &expected)
{
    if (actual.size() != expected.size())
        return false;
    for (qsizetype i = 0; i < actual.size(); ++i) {
        if (std::abs(actual[i].toDouble() - expected[i]) > 1e-6)
            return false;
    }
    return true;
}

} // namespace

class TestStorePoints : public QObject
{
    Q_OBJECT

private:
    StoreClient &client() { return *m_client; }

    static QString points(const QString &collection, const QString &rest = {})
    {
        return QStringLiteral("/collections/") + collection + QStringLiteral("/points") + rest;
    }

    void create(const QString &name, const QByteArray &config)
    {
        client().del(QStringLiteral("/collections/") + name);
        const auto r = client().put(QStringLiteral("/collections/") + name, config);
        QVERIFY2(r.status == 200, r.body.constData());
    }

    void upsert(const QString &collection, const QByteArray &body)
    {
        const auto r = client().put(points(collection, QStringLiteral("?wait=true")), body);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result()[QStringLiteral("status")].toString(), QStringLiteral("completed"));
    }

    QJsonArray scroll(const QString &collection, const QByteArray &body = "{\"limit\":100}")
    {
        const auto r = client().post(points(collection, QStringLiteral("/scroll")), body);
        if (r.status != 200)
            qWarning("scroll failed: %s", r.body.constData());
        return r.result()[QStringLiteral("points")].toArray();
    }

    QJsonObject payloadOf(const QString &collection, const QJsonValue &id)
    {
        const auto r = client().post(
            points(collection), QJsonObject {{QStringLiteral("ids"), QJsonArray {id}}});
        return r.result().toArray().first()[QStringLiteral("payload")].toObject();
    }

    int count(const QString &collection, const QByteArray &body = "{}")
    {
        return client()
            .post(points(collection, QStringLiteral("/count")), body)
            .result()[QStringLiteral("count")]
            .toInt(-1);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        m_client = std::make_unique<StoreClient>(m_store.port());
    }

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

    // 1,000 points paged through with next_page_offset: each exactly once, in id order, and
    // integer ids before UUIDs, as Qdrant orders ExtendedPointId.
    void scrollPagesThroughEverything()
    {
        create(QStringLiteral("paged"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        QList<qint64> numbers;
        QStringList uuids;
        for (int i = 0; i < 900; ++i)
            numbers << qint64(i) * 7 + 3;
        for (int i = 0; i < 100; ++i) {
            uuids
                << QUuid::createUuidV5(QUuid(), QString::number(i)).toString(QUuid::WithoutBraces);
        }
        // The points with an odd index carry odd=true: the filtered pass expects exactly them.
        QStringList expectedOdd;
        for (int i = 1; i < 900; i += 2)
            expectedOdd << QString::number(numbers[i]);
        QStringList oddUuids;
        for (int i = 901; i < 1000; i += 2)
            oddUuids << uuids[i - 900];
        std::sort(oddUuids.begin(), oddUuids.end());
        expectedOdd += oddUuids;

        // Insert in a scrambled order (37 is coprime to 1000), UUIDs partly in upper case.
        QJsonArray batch;
        for (int k = 0; k < 1000; ++k) {
            const int i = (k * 37) % 1000;
            QJsonObject point;
            if (i < 900) {
                point[QStringLiteral("id")] = numbers[i];
            } else {
                const QString u = uuids[i - 900];
                point[QStringLiteral("id")] = i % 2 ? u.toUpper() : u;
            }
            point[QStringLiteral("vector")] = QJsonArray {1, 0};
            point[QStringLiteral("payload")] = QJsonObject {{QStringLiteral("odd"), i % 2 == 1}};
            batch.append(point);
            if (batch.size() == 250) {
                upsert(QStringLiteral("paged"),
                    QJsonDocument(QJsonObject {{QStringLiteral("points"), batch}})
                        .toJson(QJsonDocument::Compact));
                batch = {};
            }
        }
        QCOMPARE(count(QStringLiteral("paged")), 1000);

        std::sort(uuids.begin(), uuids.end()); // lower-case hex: text order is numeric order
        QStringList expected;
        for (const qint64 n : numbers)
            expected << QString::number(n);
        expected += uuids;

        const auto collect = [this](const QByteArray &filter, int limit) {
            QStringList seen;
            QJsonValue offset;
            for (int page = 0; page < 1000; ++page) {
                QJsonObject body {
                    {QStringLiteral("limit"), limit}, {QStringLiteral("with_payload"), false}};
                if (!offset.isNull() && !offset.isUndefined())
                    body[QStringLiteral("offset")] = offset;
                if (!filter.isEmpty())
                    body[QStringLiteral("filter")] = object(filter);
                const auto r = client().post(
                    points(QStringLiteral("paged"), QStringLiteral("/scroll")), body);
                if (r.status != 200)
                    return QStringList {QString::fromUtf8(r.body)};
                const QJsonArray records = r.result()[QStringLiteral("points")].toArray();
                if (records.size() > limit)
                    return QStringList {QStringLiteral("page too long")};
                for (const QJsonValue &record : records)
                    seen << record[QStringLiteral("id")].toVariant().toString();
                offset = r.result()[QStringLiteral("next_page_offset")];
                if (offset.isNull())
                    break;
            }
            return seen;
        };

        QCOMPARE(collect({}, 64), expected);
        QCOMPARE(collect({}, 1000), expected);

        // With a filter: the same order, only the matching points, pages still full.
        QCOMPARE(collect(R"({"must":[{"key":"odd","match":{"value":true}}]})", 77), expectedOdd);
    }

    void scrollOptions_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonArray>("ids");
        QTest::addColumn<QJsonValue>("firstPayload");
        QTest::addColumn<QJsonValue>("nextOffset");

        const QJsonObject full = object(R"({"a":1,"b":{"c":1,"d":"x"},"e":[1,2]})");
        QTest::newRow("defaults") << QByteArray("{}") << QJsonArray {1, 2, 3, 4, 5}
                                  << QJsonValue(full) << QJsonValue();
        QTest::newRow("limit") << QByteArray(R"({"limit":2})") << QJsonArray {1, 2}
                               << QJsonValue(full) << QJsonValue(3);
        QTest::newRow("offset") << QByteArray(R"({"offset":3,"limit":2})") << QJsonArray {3, 4}
                                << QJsonValue(object(R"({"a":3,"b":{"c":3,"d":"x"},"e":[1,2]})"))
                                << QJsonValue(5);
        QTest::newRow("offset of a missing id")
            << QByteArray(R"({"offset":100})") << QJsonArray() << QJsonValue() << QJsonValue();
        QTest::newRow("filter") << QByteArray(
            R"({"filter":{"must":[{"key":"a","range":{"gte":4}}]}})")
                                << QJsonArray {4, 5}
                                << QJsonValue(object(R"({"a":4,"b":{"c":4,"d":"x"},"e":[1,2]})"))
                                << QJsonValue();
        QTest::newRow("no payload")
            << QByteArray(R"({"limit":1,"with_payload":false})") << QJsonArray {1}
            << QJsonValue(QJsonValue::Null) << QJsonValue(2);
        QTest::newRow("include list")
            << QByteArray(R"({"limit":1,"with_payload":["a","b.d"]})") << QJsonArray {1}
            << QJsonValue(object(R"({"a":1,"b":{"d":"x"}})")) << QJsonValue(2);
        QTest::newRow("include object")
            << QByteArray(R"({"limit":1,"with_payload":{"include":["e"]}})") << QJsonArray {1}
            << QJsonValue(object(R"({"e":[1,2]})")) << QJsonValue(2);
        QTest::newRow("exclude") << QByteArray(
            R"({"limit":1,"with_payload":{"exclude":["b.c","e"]}})")
                                 << QJsonArray {1} << QJsonValue(object(R"({"a":1,"b":{"d":"x"}})"))
                                 << QJsonValue(2);
    }
    void scrollOptions()
    {
        QFETCH(QByteArray, body);
        QFETCH(QJsonArray, ids);
        QFETCH(QJsonValue, firstPayload);
        QFETCH(QJsonValue, nextOffset);
        if (client().get(QStringLiteral("/collections/scrolled")).status != 200) {
            create(QStringLiteral("scrolled"), R"({"vectors":{"size":2,"distance":"Dot"}})");
            QJsonArray list;
            for (int i = 1; i <= 5; ++i) {
                list.append(QJsonObject {{QStringLiteral("id"), i},
                    {QStringLiteral("vector"), QJsonArray {i, 0}},
                    {QStringLiteral("payload"),
                        QJsonObject {{QStringLiteral("a"), i},
                            {QStringLiteral("b"),
                                QJsonObject {{QStringLiteral("c"), i},
                                    {QStringLiteral("d"), QStringLiteral("x")}}},
                            {QStringLiteral("e"), QJsonArray {1, 2}}}}});
            }
            upsert(QStringLiteral("scrolled"),
                QJsonDocument(QJsonObject {{QStringLiteral("points"), list}})
                    .toJson(QJsonDocument::Compact));
        }
        const auto r
            = client().post(points(QStringLiteral("scrolled"), QStringLiteral("/scroll")), body);
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray records = r.result()[QStringLiteral("points")].toArray();
        QCOMPARE(idsOf(records), ids);
        if (!records.isEmpty()) {
            QCOMPARE(records[0][QStringLiteral("payload")], firstPayload);
            QVERIFY(records[0][QStringLiteral("vector")].isNull()); // with_vector defaults false
        }
        QCOMPARE(r.result()[QStringLiteral("next_page_offset")], nextOffset);
    }

    void orderBy_data()
    {
        QTest::addColumn<QByteArray>("orderBy");
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QJsonArray>("ids");

        QTest::newRow("float asc (key only)")
            << QByteArray(R"("price")") << QByteArray() << QJsonArray {2, 3, 6, 1, 4};
        QTest::newRow("float asc") << QByteArray(R"({"key":"price","direction":"asc"})")
                                   << QByteArray() << QJsonArray {2, 3, 6, 1, 4};
        // Equal values: Qdrant merges (value, id) in the direction asked, so ids go down too.
        QTest::newRow("float desc") << QByteArray(R"({"key":"price","direction":"desc"})")
                                    << QByteArray() << QJsonArray {4, 1, 6, 3, 2};
        QTest::newRow("asc start_from") << QByteArray(R"({"key":"price","start_from":20})")
                                        << QByteArray() << QJsonArray {3, 6, 1, 4};
        QTest::newRow("desc start_from")
            << QByteArray(R"({"key":"price","direction":"desc","start_from":20})") << QByteArray()
            << QJsonArray {6, 3, 2};
        QTest::newRow("float start_from") << QByteArray(R"({"key":"price","start_from":10.6})")
                                          << QByteArray() << QJsonArray {3, 6, 1, 4};
        QTest::newRow("limit") << QByteArray(R"({"key":"price"})") << QByteArray(R"("limit":2)")
                               << QJsonArray {2, 3};
        QTest::newRow("filter") << QByteArray(R"({"key":"price"})")
                                << QByteArray(R"("filter":{"must_not":[{"has_id":[3]}]})")
                                << QJsonArray {2, 6, 1, 4};
        QTest::newRow("integer index")
            << QByteArray(R"({"key":"rank"})") << QByteArray() << QJsonArray {2, 4, 1, 5, 3, 6};
        QTest::newRow("integer desc") << QByteArray(R"({"key":"rank","direction":"desc"})")
                                      << QByteArray() << QJsonArray {6, 3, 5, 1, 4, 2};
        QTest::newRow("datetime index")
            << QByteArray(R"({"key":"when"})") << QByteArray() << QJsonArray {2, 4, 1, 5, 3};
        QTest::newRow("datetime start_from")
            << QByteArray(R"({"key":"when","start_from":"2024-02-15T00:00:00Z"})") << QByteArray()
            << QJsonArray {1, 5, 3};
    }
    void orderBy()
    {
        QFETCH(QByteArray, orderBy);
        QFETCH(QByteArray, extra);
        QFETCH(QJsonArray, ids);
        if (client().get(QStringLiteral("/collections/ordered")).status != 200) {
            create(QStringLiteral("ordered"), R"({"vectors":{"size":2,"distance":"Dot"}})");
            upsert(QStringLiteral("ordered"), R"({"points":[
    {"id":1,"vector":[1,0],"payload":{"price":30,"rank":3,"when":"2024-03-01T00:00:00Z"}},
    {"id":2,"vector":[1,0],"payload":{"price":10.5,"rank":1,"when":"2024-01-01T00:00:00Z"}},
    {"id":3,"vector":[1,0],"payload":{"price":20,"rank":5,"when":"2024-05-01T00:00:00Z"}},
    {"id":4,"vector":[1,0],"payload":{"price":40,"rank":2,"when":"2024-02-01T00:00:00Z"}},
    {"id":5,"vector":[1,0],"payload":{"rank":4,"when":"2024-04-01T00:00:00Z"}},
    {"id":6,"vector":[1,0],"payload":{"price":20,"rank":6,"name":"six"}}]})");
            for (const char *index : {R"({"field_name":"price","field_schema":"float"})",
                     R"({"field_name":"rank","field_schema":"integer"})",
                     R"({"field_name":"when","field_schema":"datetime"})",
                     R"({"field_name":"name","field_schema":"keyword"})"}) {
                QCOMPARE(client()
                             .put(QStringLiteral("/collections/ordered/index?wait=true"),
                                 QByteArray(index))
                             .status,
                    200);
            }
        }
        QByteArray body = "{\"order_by\":" + orderBy;
        if (!extra.isEmpty())
            body += ',' + extra;
        body += '}';
        const auto r
            = client().post(points(QStringLiteral("ordered"), QStringLiteral("/scroll")), body);
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray records = r.result()[QStringLiteral("points")].toArray();
        QCOMPARE(idsOf(records), ids);
        // order_by pages carry no offset: the next page starts from the last order_value.
        QVERIFY(r.result()[QStringLiteral("next_page_offset")].isNull());
        if (orderBy.contains("price")) {
            for (const QJsonValue &record : records) {
                QCOMPARE(record[QStringLiteral("order_value")].toDouble(),
                    record[QStringLiteral("payload")][QStringLiteral("price")].toDouble());
            }
        }
    }

    void orderByNeedsARangeIndex_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("no index") << QByteArray(R"({"order_by":"unindexed"})")
                                  << QStringLiteral(
                                         "No range index for `order_by` key: `unindexed`");
        QTest::newRow("keyword index")
            << QByteArray(R"({"order_by":{"key":"name"}})")
            << QStringLiteral("No range index for `order_by` key: `name`");
        QTest::newRow("bad direction")
            << QByteArray(R"({"order_by":{"key":"price","direction":"up"}})")
            << QStringLiteral("direction");
        QTest::newRow("bad start_from")
            << QByteArray(R"({"order_by":{"key":"price","start_from":"soon"}})")
            << QStringLiteral("start_from");
        // Ordered pages continue with start_from, never with an offset.
        QTest::newRow("offset") << QByteArray(R"({"order_by":"price","offset":1})")
                                << QStringLiteral("order_by");
    }
    void orderByNeedsARangeIndex()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QVERIFY(client().get(QStringLiteral("/collections/ordered")).status == 200); // orderBy ran
        const auto r
            = client().post(points(QStringLiteral("ordered"), QStringLiteral("/scroll")), body);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
    }

    // As in Qdrant: a point with several values of the key is listed once per value.
    void orderByListsEachValue()
    {
        create(QStringLiteral("multi_ordered"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        upsert(QStringLiteral("multi_ordered"), R"({"points":[
            {"id":1,"vector":[1,0],"payload":{"n":[5,1]}},
            {"id":2,"vector":[1,0],"payload":{"n":3}},
            {"id":3,"vector":[1,0],"payload":{"n":[]}}]})");
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/multi_ordered/index?wait=true"),
                         R"({"field_name":"n","field_schema":"integer"})")
                     .status,
            200);
        const auto r
            = client().post(points(QStringLiteral("multi_ordered"), QStringLiteral("/scroll")),
                R"({"order_by":"n","with_payload":false})");
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray records = r.result()[QStringLiteral("points")].toArray();
        QCOMPARE(idsOf(records), QJsonArray({1, 2, 1}));
        QJsonArray values;
        for (const QJsonValue &record : records)
            values.append(record[QStringLiteral("order_value")]);
        QCOMPARE(values, QJsonArray({1, 3, 5}));
    }

    void countPoints_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("expected");
        QTest::newRow("empty body") << QByteArray() << 6;
        QTest::newRow("exact") << QByteArray(R"({"exact":true})") << 6;
        QTest::newRow("approximate") << QByteArray(R"({"exact":false})") << 6;
        QTest::newRow("filter") << QByteArray(R"({"exact":true,"filter":{"must":[
                                      {"key":"price","range":{"gte":20}}]}})")
                                << 4;
        QTest::newRow("filter no match")
            << QByteArray(R"({"filter":{"must":[{"key":"price","range":{"gt":1000}}]}})") << 0;
        QTest::newRow("must_not") << QByteArray(R"({"filter":{"must_not":[{"has_id":[1,2]}]}})")
                                  << 4;
    }
    void countPoints()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, expected);
        QVERIFY(client().get(QStringLiteral("/collections/ordered")).status == 200); // orderBy ran
        const auto r
            = client().post(points(QStringLiteral("ordered"), QStringLiteral("/count")), body);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result().toObject(), QJsonObject({{QStringLiteral("count"), expected}}));
    }

    void facet_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonArray>("hits");

        // Counts go down; equal counts list values in ascending order, as Qdrant does.
        QTest::newRow("keyword") << QByteArray(R"({"key":"color"})")
                                 << array(R"([{"value":"blue","count":2},{"value":"red","count":2},
                                              {"value":"green","count":1}])");
        QTest::newRow("limit") << QByteArray(R"({"key":"color","limit":1})")
                               << array(R"([{"value":"blue","count":2}])");
        QTest::newRow("filter") << QByteArray(
            R"({"key":"color","filter":{"must":[{"key":"flag","match":{"value":true}}]}})")
                                << array(
                                       R"([{"value":"blue","count":1},{"value":"red","count":1}])");
        QTest::newRow("exact") << QByteArray(R"({"key":"color","exact":true,"limit":2})")
                               << array(
                                      R"([{"value":"blue","count":2},{"value":"red","count":2}])");
        QTest::newRow("integer") << QByteArray(R"({"key":"size"})")
                                 << array(R"([{"value":1,"count":2},{"value":2,"count":2},
                                              {"value":3,"count":1}])");
        QTest::newRow("bool") << QByteArray(R"({"key":"flag"})")
                              << array(R"([{"value":true,"count":2},{"value":false,"count":1}])");
        QTest::newRow("uuid") << QByteArray(R"({"key":"owner"})")
                              << array(R"([{"value":"a0000000-0000-0000-0000-000000000001",
                                            "count":2}])");
        QTest::newRow("no match") << QByteArray(R"({"key":"color","filter":{"must":[
                                        {"has_id":[6]}]}})")
                                  << QJsonArray();
        QTest::newRow("integer ties at the limit")
            << QByteArray(R"({"key":"size","limit":2})")
            << array(R"([{"value":1,"count":2},{"value":2,"count":2}])");
    }
    void facet()
    {
        QFETCH(QByteArray, body);
        QFETCH(QJsonArray, hits);
        if (client().get(QStringLiteral("/collections/faceted")).status != 200) {
            create(QStringLiteral("faceted"), R"({"vectors":{"size":2,"distance":"Dot"}})");
            // Point 2 holds red twice: a point counts once per distinct value.
            upsert(QStringLiteral("faceted"), R"({"points":[
                {"id":1,"vector":[1,0],"payload":{"color":"red","size":1,"flag":true,
                    "owner":"A0000000-0000-0000-0000-000000000001","weight":1.5}},
                {"id":2,"vector":[1,0],"payload":{"color":["red","blue","red"],"size":[1,2,2],
                    "flag":false}},
                {"id":3,"vector":[1,0],"payload":{"color":"blue","size":2,"flag":true,
                    "owner":"a0000000000000000000000000000001"}},
                {"id":4,"vector":[1,0],"payload":{"color":"green","size":3}},
                {"id":5,"vector":[1,0],"payload":{"color":7,"size":2.5,"flag":"yes"}},
                {"id":6,"vector":[1,0],"payload":{}}]})");
            for (const char *index : {R"({"field_name":"color","field_schema":"keyword"})",
                     R"({"field_name":"size","field_schema":"integer"})",
                     R"({"field_name":"flag","field_schema":"bool"})",
                     R"({"field_name":"owner","field_schema":"uuid"})",
                     R"({"field_name":"weight","field_schema":"float"})"}) {
                QCOMPARE(client()
                             .put(QStringLiteral("/collections/faceted/index?wait=true"),
                                 QByteArray(index))
                             .status,
                    200);
            }
        }
        const auto r = client().post(QStringLiteral("/collections/faceted/facet"), body);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result()[QStringLiteral("hits")].toArray(), hits);
    }

    // The facet at volume, with deleted points (their rows are freed, then reused): every
    // count is the count of a match filter, counts go down and ties go by value.
    void facetCountsEveryLivePointOnce()
    {
        create(QStringLiteral("facet_volume"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/facet_volume/index?wait=true"),
                         QByteArray(R"({"field_name":"kind","field_schema":"keyword"})"))
                     .status,
            200);
        const auto load = [this](int from, int to) {
            QByteArray body = "{\"points\":[";
            for (int i = from; i < to; ++i) {
                if (i > from)
                    body += ',';
                // Every 7th point also holds a second value, and the first one twice.
                const QByteArray kind = "\"k" + QByteArray::number(i % 37 * (i % 5 + 1)) + '"';
                const QByteArray value = i % 7 ? kind
                                               : '[' + kind + ",\"extra\"," + kind + ']';
                body += "{\"id\":" + QByteArray::number(i) + ",\"vector\":[1,0],"
                    + "\"payload\":{\"kind\":" + value + "}}";
            }
            upsert(QStringLiteral("facet_volume"), body + "]}");
        };
        load(1, 3001);
        QByteArray deleted = "{\"points\":[";
        for (int i = 10; i <= 3000; i += 10)
            deleted += (i > 10 ? "," : "") + QByteArray::number(i);
        QCOMPARE(client()
                     .post(QStringLiteral("/collections/facet_volume/points/delete?wait=true"),
                         deleted + "]}")
                     .status,
            200);
        load(5001, 5101); // new points in the freed rows
        const auto r = client().post(QStringLiteral("/collections/facet_volume/facet"),
            QByteArray(R"({"key":"kind","limit":1000,"exact":true})"));
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray hits = r.result()[QStringLiteral("hits")].toArray();
        QVERIFY(hits.size() > 100);
        qint64 previousCount = -1;
        QString previousValue;
        for (const QJsonValue &hit : hits) {
            const QString value = hit[QStringLiteral("value")].toString();
            const qint64 count = hit[QStringLiteral("count")].toInteger();
            const QJsonObject match {{QStringLiteral("key"), QStringLiteral("kind")},
                {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), value}}}};
            const QJsonObject filter {{QStringLiteral("must"), QJsonArray {match}}};
            const auto counted = client().post(
                QStringLiteral("/collections/facet_volume/points/count"),
                QJsonObject {{QStringLiteral("filter"), filter}, {QStringLiteral("exact"), true}});
            QCOMPARE(count, counted.result()[QStringLiteral("count")].toInteger());
            if (previousCount >= 0) {
                QVERIFY(count <= previousCount);
                if (count == previousCount)
                    QVERIFY2(previousValue < value, qPrintable(previousValue + value));
            }
            previousCount = count;
            previousValue = value;
        }
        // A limit keeps the first ones of the same order.
        const auto top = client().post(QStringLiteral("/collections/facet_volume/facet"),
            QByteArray(R"({"key":"kind","limit":5})"));
        QJsonArray firstFive;
        for (int i = 0; i < 5; ++i)
            firstFive.append(hits.at(i));
        QCOMPARE(top.result()[QStringLiteral("hits")].toArray(), firstFive);
    }

    void facetNeedsAnIndex_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("no index") << QByteArray(R"({"key":"shape"})") << 400
                                  << QStringLiteral("Index required but not found for \"shape\"");
        QTest::newRow("float index")
            << QByteArray(R"({"key":"weight"})") << 400
            << QStringLiteral("Index required but not found for \"weight\"");
        QTest::newRow("missing key")
            << QByteArray(R"({"limit":3})") << 400 << QStringLiteral("key");
        QTest::newRow("limit 0") << QByteArray(R"({"key":"color","limit":0})") << 422
                                 << QStringLiteral("limit");
    }
    void facetNeedsAnIndex()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        QVERIFY(client().get(QStringLiteral("/collections/faceted")).status == 200); // facet ran
        const auto r = client().post(QStringLiteral("/collections/faceted/facet"), body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
    }

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

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

QTEST_GUILESS_MAIN(TestStorePoints)
#include "tst_store_points.moc"
