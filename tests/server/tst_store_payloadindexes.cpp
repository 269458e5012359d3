// memory-store over real HTTP: payload indexes as Qdrant 1.19 does them. Every index type is
// created, shown in payload_schema with the points it counts and dropped; the counts follow
// writes; bad index requests are 400 and leave no index behind.
#include "payloadindexcases.h"
#include "storefixture.h"

using namespace StoreJson;

// moc (Qt 6.4) mis-lexes multi-line raw strings inside macro arguments; it need not see data.
#ifndef Q_MOC_RUN
namespace {

// Points with a value of every indexable type, some of the wrong type on purpose: an index
// counts only the points that hold a value of its type.
const QByteArray kIndexedPoints = R"({"points":[
    {"id":1,"vector":[1,0,0,0],"payload":{"kw":"a","int":1,"flt":1.5,"flag":true,
        "when":"2024-01-01T00:00:00Z","uid":"550e8400-e29b-41d4-a716-446655440000",
        "txt":"hello world","loc":{"lat":52.52,"lon":13.405},"tenant":"t1"}},
    {"id":2,"vector":[0,1,0,0],"payload":{"kw":["a","b"],"int":[2,3],"flt":2,"flag":false,
        "when":"2024-02-01T12:30:00Z","txt":"second","tenant":"t2"}},
    {"id":3,"vector":[0,0,1,0],"payload":{"kw":5,"int":2.5,"flag":"yes","when":"not a date",
        "uid":"not-a-uuid","loc":"Berlin"}},
    {"id":4,"vector":[0,0,0,1],"payload":{}}
]})";

} // namespace
#endif

class TestStorePayloadIndexes : public StoreFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(startStore(), qPrintable(storeError())); }
    void payloadIndexOfEveryType_data();
    void payloadIndexOfEveryType();
    void indexCountsFollowWrites();
    void badIndexRequestIs400_data();
    void badIndexRequestIs400();
};

// moc need not see the bodies (it mis-lexes multi-line raw strings in macro arguments).
#ifndef Q_MOC_RUN

void TestStorePayloadIndexes::payloadIndexOfEveryType_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QString>("dataType");
    QTest::addColumn<int>("points");
    for (const IndexCase &c : kIndexCases) {
        QTest::newRow(c.tag) << QString::fromLatin1(c.field) << QByteArray(c.schema)
                             << QString::fromLatin1(c.dataType) << c.points;
    }
}
void TestStorePayloadIndexes::payloadIndexOfEveryType()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, schema);
    QFETCH(QString, dataType);
    QFETCH(int, points);
    if (!exists(QStringLiteral("indexed"))) {
        create(QStringLiteral("indexed"), R"({"vectors":{"size":4,"distance":"Dot"}})");
        QCOMPARE(
            client()
                .put(QStringLiteral("/collections/indexed/points?wait=true"), kIndexedPoints)
                .status,
            200);
    }
    auto r = client().put(QStringLiteral("/collections/indexed/index?wait=true"),
        QByteArray("{\"field_name\":\"") + field.toUtf8() + "\",\"field_schema\":" + schema
            + '}');
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.result()[QStringLiteral("status")].toString(), QStringLiteral("completed"));
    QVERIFY(r.result()[QStringLiteral("operation_id")].isDouble());

    QJsonObject payloadSchema = client()
                                    .get(QStringLiteral("/collections/indexed"))
                                    .result()[QStringLiteral("payload_schema")]
                                    .toObject();
    const QJsonObject entry = payloadSchema[field].toObject();
    QCOMPARE(entry[QStringLiteral("data_type")].toString(), dataType);
    QCOMPARE(entry[QStringLiteral("points")].toInt(-1), points);
    // Parameterised schemas are shown in full under `params`; bare type names have none.
    const QJsonDocument given = QJsonDocument::fromJson(schema);
    if (given.isObject())
        QCOMPARE(entry[QStringLiteral("params")].toObject(), given.object());
    else
        QVERIFY(!entry.contains(QStringLiteral("params")));

    r = client().del(QStringLiteral("/collections/indexed/index/%1?wait=true").arg(field));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result()[QStringLiteral("status")].toString(), QStringLiteral("completed"));
    payloadSchema = client()
                        .get(QStringLiteral("/collections/indexed"))
                        .result()[QStringLiteral("payload_schema")]
                        .toObject();
    QVERIFY(!payloadSchema.contains(field));
}

void TestStorePayloadIndexes::indexCountsFollowWrites()
{
    create(QStringLiteral("index_counts"), R"({"vectors":{"size":2,"distance":"Dot"}})");
    QCOMPARE(client()
                 .put(QStringLiteral("/collections/index_counts/index"),
                     R"({"field_name":"color","field_schema":"keyword"})")
                 .status,
        200);
    const auto count = [this] {
        return client()
            .get(QStringLiteral("/collections/index_counts"))
            .result()[QStringLiteral("payload_schema")][QStringLiteral("color")]
                     [QStringLiteral("points")]
            .toInt(-1);
    };
    QCOMPARE(count(), 0);
    client().put(QStringLiteral("/collections/index_counts/points?wait=true"),
        R"({"points":[{"id":1,"vector":[1,0],"payload":{"color":"red"}},
                               {"id":2,"vector":[0,1],"payload":{"color":"blue"}},
                               {"id":3,"vector":[1,1]}]})");
    QCOMPARE(count(), 2);
    client().post(QStringLiteral("/collections/index_counts/points/payload?wait=true"),
        R"({"points":[3],"payload":{"color":"green"}})");
    QCOMPARE(count(), 3);
    client().post(QStringLiteral("/collections/index_counts/points/delete?wait=true"),
        R"({"points":[1]})");
    QCOMPARE(count(), 2);
}

void TestStorePayloadIndexes::badIndexRequestIs400_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown type name")
        << QByteArray(R"({"field_name":"a","field_schema":"varchar"})")
        << QStringLiteral("varchar");
    QTest::newRow("unknown type object")
        << QByteArray(R"({"field_name":"a","field_schema":{"type":"blob"}})")
        << QStringLiteral("blob");
    QTest::newRow("schema a number") << QByteArray(R"({"field_name":"a","field_schema":5})")
                                     << QStringLiteral("field_schema");
    QTest::newRow("missing schema")
        << QByteArray(R"({"field_name":"a"})") << QStringLiteral("field_schema");
    QTest::newRow("missing field name")
        << QByteArray(R"({"field_schema":"keyword"})") << QStringLiteral("field_name");
    QTest::newRow("malformed JSON") << QByteArray("{\"field_name\":") << QStringLiteral("JSON");
}
void TestStorePayloadIndexes::badIndexRequestIs400()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    if (!exists(QStringLiteral("bad_index")))
        create(QStringLiteral("bad_index"), R"({"vectors":{"size":2,"distance":"Dot"}})");
    const auto r = client().put(QStringLiteral("/collections/bad_index/index"), body);
    QCOMPARE(r.status, 400);
    QVERIFY2(r.error().contains(message), qPrintable(r.error()));
    QCOMPARE(client()
                 .get(QStringLiteral("/collections/bad_index"))
                 .result()[QStringLiteral("payload_schema")]
                 .toObject(),
        QJsonObject());
}

#endif

QTEST_GUILESS_MAIN(TestStorePayloadIndexes)
#include "tst_store_payloadindexes.moc"
