// memory-store over real HTTP: collection admin as Qdrant 1.19 does it. Create (unnamed and
// named vectors, every distance, the defaults GET shows), conflicts and bad configs, update,
// delete, and that all of it (payload indexes of every type too) survives a restart on the
// same data directory. Aliases and exists are in tst_store_aliases; payload indexes in
// tst_store_payloadindexes.
// Plain literals where a raw string would hold `//`, an unbalanced bracket or an odd number
// of quotes: Qt 6.4's moc mis-lexes those and then finds no test class.
#include "payloadindexcases.h"
#include "storefixture.h"

using namespace StoreJson;

// moc (Qt 6.4) mis-lexes multi-line raw strings inside macro arguments; it need not see data.
#ifndef Q_MOC_RUN
namespace {

// The restart test's collection: two named vectors and a non-default HNSW setting.
const QByteArray kDurableConfig = R"({"vectors":{"image":{"size":4,"distance":"Dot"},
                                      "text":{"size":2,"distance":"Cosine"}},
                                      "hnsw_config":{"m":24}})";

// The restart test's points: an integer id and an upper-case UUID (stored lower-case).
const QByteArray kDurablePoints = R"({"points":[
    {"id":1,"vector":{"image":[1,0,0,0],"text":[3,4]},"payload":{"kw":"a","int":1}},
    {"id":"6F9619FF-8B86-D011-B42D-00CF4FC964FF","vector":{"image":[0,1,0,0]},
     "payload":{"kw":["b","c"],"flt":0.5}}]})";

// The restart test's aliases: one kept, one deleted before the restart.
const QByteArray kDurableAliases = R"({"actions":[
    {"create_alias":{"collection_name":"durable","alias_name":"kept"}},
    {"create_alias":{"collection_name":"durable","alias_name":"dropped"}}]})";

} // namespace
#endif

class TestStoreCollections : public StoreFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(startStore(), qPrintable(storeError())); }
    void createShowsQdrantDefaults_data();
    void createShowsQdrantDefaults();
    void createAppliesGivenConfig();
    void createTwiceConflicts();
    void badConfigIsRejected_data();
    void badConfigIsRejected();
    void invalidNameIsRejected_data();
    void invalidNameIsRejected();
    void missingCollectionIs404_data();
    void missingCollectionIs404();
    void listsCollections();
    void updateChangesConfig();
    void deleteCollection();
    void everythingSurvivesRestart();
};

// moc need not see the bodies (it mis-lexes multi-line raw strings in macro arguments).
#ifndef Q_MOC_RUN

void TestStoreCollections::createShowsQdrantDefaults_data()
{
    QTest::addColumn<QByteArray>("vectors");
    for (const char *distance : {"Cosine", "Euclid", "Dot", "Manhattan"}) {
        const QByteArray d(distance);
        QTest::addRow("unnamed %s", distance)
            << QByteArray("{\"size\":4,\"distance\":\"" + d + "\"}");
        QTest::addRow("named %s", distance)
            << QByteArray("{\"image\":{\"size\":3,\"distance\":\"" + d
                   + "\"},\"text\":{\"size\":5,\"distance\":\"Dot\"}}");
    }
}
void TestStoreCollections::createShowsQdrantDefaults()
{
    QFETCH(QByteArray, vectors);
    const QString name = QStringLiteral("defaults_%1")
                             .arg(QString::fromLatin1(QTest::currentDataTag()))
                             .replace(QLatin1Char(' '), QLatin1Char('_'));
    create(name, QByteArray("{\"vectors\":") + vectors + '}');
    if (QTest::currentTestFailed())
        return;

    const auto r = client().get(QStringLiteral("/collections/") + name);
    QCOMPARE(r.status, 200);
    const QJsonObject info = r.result().toObject();
    QCOMPARE(info[QStringLiteral("status")].toString(), QStringLiteral("green"));
    QCOMPARE(info[QStringLiteral("optimizer_status")].toString(), QStringLiteral("ok"));
    QCOMPARE(info[QStringLiteral("points_count")].toInt(-1), 0);
    QCOMPARE(info[QStringLiteral("payload_schema")].toObject(), QJsonObject());

    const QJsonObject config = info[QStringLiteral("config")].toObject();
    const QJsonObject params = config[QStringLiteral("params")].toObject();
    // The vectors come back as given: nothing added, nothing lost.
    QCOMPARE(params[QStringLiteral("vectors")].toObject(), object(vectors));
    QCOMPARE(params[QStringLiteral("shard_number")].toInt(), 1);
    QCOMPARE(params[QStringLiteral("replication_factor")].toInt(), 1);

    const QJsonObject hnsw = config[QStringLiteral("hnsw_config")].toObject();
    QCOMPARE(hnsw[QStringLiteral("m")].toInt(), 16);
    QCOMPARE(hnsw[QStringLiteral("ef_construct")].toInt(), 100);
    QCOMPARE(hnsw[QStringLiteral("full_scan_threshold")].toInt(), 10000);
    const QJsonObject optimizer = config[QStringLiteral("optimizer_config")].toObject();
    QCOMPARE(optimizer[QStringLiteral("indexing_threshold")].toInt(), 10000);
    QCOMPARE(optimizer[QStringLiteral("deleted_threshold")].toDouble(), 0.2);
    QVERIFY(optimizer.contains(QStringLiteral("flush_interval_sec")));
    const QJsonObject wal = config[QStringLiteral("wal_config")].toObject();
    QCOMPARE(wal[QStringLiteral("wal_capacity_mb")].toInt(), 32);
    QVERIFY(wal.contains(QStringLiteral("wal_segments_ahead")));
}

void TestStoreCollections::createAppliesGivenConfig()
{
    create(QStringLiteral("tuned"), R"({"vectors":{"size":2,"distance":"Dot"},
        "hnsw_config":{"m":32},"optimizers_config":{"indexing_threshold":500},
        "wal_config":{"wal_capacity_mb":8},"on_disk_payload":false})");
    const QJsonObject config = client()
                                   .get(QStringLiteral("/collections/tuned"))
                                   .result()[QStringLiteral("config")]
                                   .toObject();
    QCOMPARE(config[QStringLiteral("hnsw_config")][QStringLiteral("m")].toInt(), 32);
    // A diff changes only what it names.
    QCOMPARE(
        config[QStringLiteral("hnsw_config")][QStringLiteral("ef_construct")].toInt(), 100);
    QCOMPARE(config[QStringLiteral("optimizer_config")][QStringLiteral("indexing_threshold")]
                 .toInt(),
        500);
    QCOMPARE(
        config[QStringLiteral("wal_config")][QStringLiteral("wal_capacity_mb")].toInt(), 8);
    QCOMPARE(config[QStringLiteral("params")][QStringLiteral("on_disk_payload")].toBool(true),
        false);
}

void TestStoreCollections::createTwiceConflicts()
{
    const QByteArray config = R"({"vectors":{"size":4,"distance":"Cosine"}})";
    create(QStringLiteral("twice"), config);
    const auto r = client().put(QStringLiteral("/collections/twice"), config);
    QCOMPARE(r.status, 409);
    QVERIFY2(r.error().contains(QStringLiteral("already exists")), qPrintable(r.error()));
    QVERIFY(r.error().contains(QStringLiteral("twice")));
}

void TestStoreCollections::badConfigIsRejected_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named"); // a word the message must contain

    QTest::newRow("missing size")
        << QByteArray(R"({"vectors":{"distance":"Cosine"}})") << QStringLiteral("size");
    QTest::newRow("size 0") << QByteArray(R"({"vectors":{"size":0,"distance":"Cosine"}})")
                            << QStringLiteral("size");
    QTest::newRow("negative size")
        << QByteArray(R"({"vectors":{"size":-4,"distance":"Cosine"}})")
        << QStringLiteral("size");
    QTest::newRow("size as text")
        << QByteArray(R"({"vectors":{"size":"4","distance":"Cosine"}})")
        << QStringLiteral("size");
    QTest::newRow("unknown distance")
        << QByteArray(R"({"vectors":{"size":4,"distance":"Cosinus"}})")
        << QStringLiteral("distance");
    QTest::newRow("missing distance")
        << QByteArray(R"({"vectors":{"size":4}})") << QStringLiteral("distance");
    QTest::newRow("named missing size")
        << QByteArray(R"({"vectors":{"image":{"distance":"Dot"}}})") << QStringLiteral("size");
    QTest::newRow("named bad distance")
        << QByteArray(R"({"vectors":{"image":{"size":3,"distance":"dot product"}}})")
        << QStringLiteral("distance");
    QTest::newRow("vectors not an object")
        << QByteArray(R"({"vectors":[4,"Cosine"]})") << QStringLiteral("vectors");
    QTest::newRow("hnsw not an object")
        << QByteArray(R"({"vectors":{"size":4,"distance":"Dot"},"hnsw_config":7})")
        << QStringLiteral("hnsw_config");
    QTest::newRow("hnsw m as text")
        << QByteArray(R"({"vectors":{"size":4,"distance":"Dot"},"hnsw_config":{"m":"16"}})")
        << QStringLiteral("hnsw_config.m");
    QTest::newRow("negative wal capacity") << QByteArray(
        R"({"vectors":{"size":4,"distance":"Dot"},"wal_config":{"wal_capacity_mb":-1}})")
                                           << QStringLiteral("wal_config.wal_capacity_mb");
    QTest::newRow("deleted_threshold as text")
        << QByteArray(R"({"vectors":{"size":4,"distance":"Dot"},
                          "optimizers_config":{"deleted_threshold":"high"}})")
        << QStringLiteral("optimizers_config.deleted_threshold");
    QTest::newRow("on_disk_payload as text")
        << QByteArray(R"({"vectors":{"size":4,"distance":"Dot"},"on_disk_payload":"yes"})")
        << QStringLiteral("on_disk_payload");
    QTest::newRow("quantization a number")
        << QByteArray(R"({"vectors":{"size":4,"distance":"Dot"},"quantization_config":5})")
        << QStringLiteral("quantization_config");
    QTest::newRow("shard_number 0")
        << QByteArray(R"({"vectors":{"size":4,"distance":"Dot"},"shard_number":0})")
        << QStringLiteral("shard_number");
    QTest::newRow("malformed JSON")
        << QByteArray("{\"vectors\":{\"size\":4,\"distance\":") << QStringLiteral("JSON");
    QTest::newRow("not an object") << QByteArray(R"([1,2,3])") << QStringLiteral("object");
}
void TestStoreCollections::badConfigIsRejected()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    const auto r = client().put(QStringLiteral("/collections/bad_config"), body);
    QCOMPARE(r.status, 400);
    QVERIFY2(r.error().contains(named), qPrintable(r.error()));
    QVERIFY(!exists(QStringLiteral("bad_config")));
}

void TestStoreCollections::invalidNameIsRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("256 characters") << QString(256, QLatin1Char('n'));
    QTest::newRow("colon") << QStringLiteral("a:b");
    QTest::newRow("asterisk") << QStringLiteral("a*b");
    QTest::newRow("pipe") << QStringLiteral("a%7Cb");
    QTest::newRow("backslash") << QStringLiteral("a%5Cb");
    QTest::newRow("unit separator") << QStringLiteral("a%1Fb");
    // Percent-encoded so that no URL layer folds them away.
    QTest::newRow("dot") << QStringLiteral("%2E");
    QTest::newRow("dot dot") << QStringLiteral("%2E%2E");
}
void TestStoreCollections::invalidNameIsRejected()
{
    QFETCH(QString, name);
    const auto r = client().put(QStringLiteral("/collections/") + name,
        QByteArray(R"({"vectors":{"size":2,"distance":"Dot"}})"));
    // Qdrant validates the path parameter: 422, a validation error.
    QCOMPARE(r.status, 422);
    QVERIFY2(r.error().contains(QStringLiteral("collection name")), qPrintable(r.error()));
    const QJsonArray list = client()
                                .get(QStringLiteral("/collections"))
                                .result()[QStringLiteral("collections")]
                                .toArray();
    for (const QJsonValue &c : list)
        QVERIFY(c[QStringLiteral("name")].toString().size() < 256);
}

void TestStoreCollections::missingCollectionIs404_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("info") << QByteArray("GET") << QStringLiteral("/collections/ghost")
                          << QByteArray();
    QTest::newRow("update") << QByteArray("PATCH") << QStringLiteral("/collections/ghost")
                            << QByteArray(R"({"optimizers_config":{"indexing_threshold":1}})");
    QTest::newRow("create index")
        << QByteArray("PUT") << QStringLiteral("/collections/ghost/index")
        << QByteArray(R"({"field_name":"a","field_schema":"keyword"})");
}
void TestStoreCollections::missingCollectionIs404()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const auto r = client().request(method, path, body, {});
    QCOMPARE(r.status, 404);
    QVERIFY2(r.error().contains(QStringLiteral("Collection `ghost` doesn't exist!")),
        qPrintable(r.error()));
}

void TestStoreCollections::listsCollections()
{
    create(QStringLiteral("listed_a"), R"({"vectors":{"size":2,"distance":"Dot"}})");
    create(QStringLiteral("listed_b"), R"({"vectors":{"size":2,"distance":"Dot"}})");
    const QJsonArray list = client()
                                .get(QStringLiteral("/collections"))
                                .result()[QStringLiteral("collections")]
                                .toArray();
    for (const QString &name : {QStringLiteral("listed_a"), QStringLiteral("listed_b")})
        QVERIFY(list.contains(QJsonObject {{QStringLiteral("name"), name}}));
}

void TestStoreCollections::updateChangesConfig()
{
    create(QStringLiteral("updated"), R"({"vectors":{"size":4,"distance":"Cosine"}})");
    auto r = client().patch(QStringLiteral("/collections/updated"),
        R"({"optimizers_config":{"indexing_threshold":1234},
                                "hnsw_config":{"ef_construct":64}})");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toBool(), true);

    const QJsonObject config = client()
                                   .get(QStringLiteral("/collections/updated"))
                                   .result()[QStringLiteral("config")]
                                   .toObject();
    const QJsonObject optimizer = config[QStringLiteral("optimizer_config")].toObject();
    QCOMPARE(optimizer[QStringLiteral("indexing_threshold")].toInt(), 1234);
    QCOMPARE(optimizer[QStringLiteral("deleted_threshold")].toDouble(), 0.2);
    QCOMPARE(config[QStringLiteral("hnsw_config")][QStringLiteral("ef_construct")].toInt(), 64);
    QCOMPARE(config[QStringLiteral("hnsw_config")][QStringLiteral("m")].toInt(), 16);
    QCOMPARE(config[QStringLiteral("params")][QStringLiteral("vectors")].toObject(),
        object(R"({"size":4,"distance":"Cosine"})"));

    r = client().patch(QStringLiteral("/collections/updated"), R"({"optimizers_config":3})");
    QCOMPARE(r.status, 400);
    QVERIFY2(r.error().contains(QStringLiteral("optimizers_config")), qPrintable(r.error()));
    r = client().patch(QStringLiteral("/collections/updated"), "{\"optimizers_config\":");
    QCOMPARE(r.status, 400);
    r = client().patch(QStringLiteral("/collections/updated"), R"({"hnsw_config":{"m":true}})");
    QCOMPARE(r.status, 400);
    QVERIFY2(r.error().contains(QStringLiteral("hnsw_config.m")), qPrintable(r.error()));

    // A diff's null means "unchanged" and unknown fields are ignored, as serde does.
    r = client().patch(QStringLiteral("/collections/updated"),
        R"({"optimizers_config":{"indexing_threshold":null,"no_such_option":1},
            "params":{"on_disk_payload":false,"bogus":2}})");
    QCOMPARE(r.status, 200);
    const QJsonObject after = client()
                                  .get(QStringLiteral("/collections/updated"))
                                  .result()[QStringLiteral("config")]
                                  .toObject();
    const QJsonObject afterOptimizer = after[QStringLiteral("optimizer_config")].toObject();
    QCOMPARE(afterOptimizer[QStringLiteral("indexing_threshold")].toInt(), 1234);
    QVERIFY(!afterOptimizer.contains(QStringLiteral("no_such_option")));
    const QJsonObject afterParams = after[QStringLiteral("params")].toObject();
    QCOMPARE(afterParams[QStringLiteral("on_disk_payload")].toBool(true), false);
    QVERIFY(!afterParams.contains(QStringLiteral("bogus")));
    // The failed PATCHes before changed nothing either.
    QCOMPARE(after[QStringLiteral("hnsw_config")][QStringLiteral("m")].toInt(), 16);
}

void TestStoreCollections::deleteCollection()
{
    create(QStringLiteral("doomed"), R"({"vectors":{"size":2,"distance":"Dot"}})");
    QVERIFY(client()
                .put(QStringLiteral("/collections/doomed/points?wait=true"),
                    R"({"points":[{"id":1,"vector":[1,2]}]})")
                .status
        == 200);
    auto r = client().del(QStringLiteral("/collections/doomed"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toBool(), true);
    QVERIFY(!exists(QStringLiteral("doomed")));
    QCOMPARE(client().get(QStringLiteral("/collections/doomed")).status, 404);

    // Qdrant answers a delete of a missing collection with 200 and `false`.
    r = client().del(QStringLiteral("/collections/doomed"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result(), QJsonValue(false));

    // The name is free again, and the new collection starts empty.
    create(QStringLiteral("doomed"), R"({"vectors":{"size":2,"distance":"Dot"}})");
    QCOMPARE(client()
                 .get(QStringLiteral("/collections/doomed"))
                 .result()[QStringLiteral("points_count")]
                 .toInt(-1),
        0);
}

// Its own server and data directory: stop() and start() again on the same files.
void TestStoreCollections::everythingSurvivesRestart()
{
    MemoryStoreProcess store;
    QVERIFY2(store.start(), qPrintable(store.error()));
    auto c = std::make_unique<StoreClient>(store.port());

    QCOMPARE(c->put(QStringLiteral("/collections/durable"),
                  kDurableConfig)
                 .status,
        200);
    QCOMPARE(c->put(QStringLiteral("/collections/durable/points?wait=true"),
                  kDurablePoints)
                 .status,
        200);
    QCOMPARE(c->patch(QStringLiteral("/collections/durable"),
                  QByteArray(R"({"optimizers_config":{"indexing_threshold":777}})"))
                 .status,
        200);
    for (const IndexCase &ic : kIndexCases) {
        if (QByteArray(ic.tag) == "integer params")
            continue; // same field as "integer": the last one declared wins
        const auto r = c->put(QStringLiteral("/collections/durable/index"),
            QByteArray("{\"field_name\":\"") + ic.field + "\",\"field_schema\":" + ic.schema
                + '}');
        QVERIFY2(r.status == 200, r.body.constData());
    }
    QCOMPARE(c->post(QStringLiteral("/collections/aliases"), kDurableAliases)
                 .status,
        200);
    QCOMPARE(c->post(QStringLiteral("/collections/aliases"),
                  QByteArray(R"({"actions":[{"delete_alias":{"alias_name":"dropped"}}]})"))
                 .status,
        200);
    QCOMPARE(c->put(QStringLiteral("/collections/gone"),
                  QByteArray(R"({"vectors":{"size":2,"distance":"Dot"}})"))
                 .status,
        200);
    QCOMPARE(c->del(QStringLiteral("/collections/gone")).result().toBool(), true);
    const QJsonObject before
        = c->get(QStringLiteral("/collections/durable")).result().toObject();

    c.reset();
    store.stop();
    QVERIFY2(store.start(), qPrintable(store.error()));
    c = std::make_unique<StoreClient>(store.port()); // a new port after the restart

    const auto info = c->get(QStringLiteral("/collections/durable"));
    QVERIFY2(info.status == 200, info.body.constData());
    const QJsonObject after = info.result().toObject();
    QCOMPARE(after[QStringLiteral("config")].toObject(),
        before[QStringLiteral("config")].toObject());
    QCOMPARE(after[QStringLiteral("payload_schema")].toObject(),
        before[QStringLiteral("payload_schema")].toObject());
    QCOMPARE(after[QStringLiteral("points_count")].toInt(), 2);
    const QJsonObject config = after[QStringLiteral("config")].toObject();
    QCOMPARE(config[QStringLiteral("hnsw_config")][QStringLiteral("m")].toInt(), 24);
    QCOMPARE(config[QStringLiteral("optimizer_config")][QStringLiteral("indexing_threshold")]
                 .toInt(),
        777);
    const QJsonObject schema = after[QStringLiteral("payload_schema")].toObject();
    QCOMPARE(schema.size(), 9);
    QCOMPARE(schema[QStringLiteral("tenant")][QStringLiteral("params")].toObject(),
        object("{\"type\":\"keyword\",\"is_tenant\":true}"));
    QCOMPARE(schema[QStringLiteral("kw")][QStringLiteral("points")].toInt(), 2);

    QCOMPARE(aliasPairs(c->get(QStringLiteral("/aliases"))),
        QStringList({QStringLiteral("kept->durable")}));
    QCOMPARE(c->get(QStringLiteral("/collections/gone")).status, 404);

    const auto point = c->post(QStringLiteral("/collections/kept/points"),
        QByteArray(R"({"ids":["6f9619ff-8b86-d011-b42d-00cf4fc964ff",1],
                                              "with_vector":true})"));
    QCOMPARE(point.status, 200);
    const QJsonArray records = point.result().toArray();
    QCOMPARE(records.size(), 2);
    QCOMPARE(records[0][QStringLiteral("id")].toString(),
        QStringLiteral("6f9619ff-8b86-d011-b42d-00cf4fc964ff"));
    QCOMPARE(records[0][QStringLiteral("payload")].toObject(),
        object(R"({"kw":["b","c"],"flt":0.5})"));
    QCOMPARE(records[1][QStringLiteral("vector")].toObject(),
        object(R"({"image":[1,0,0,0],"text":[0.6,0.8]})"));
    // Writes keep working after the restart.
    QCOMPARE(c->put(QStringLiteral("/collections/durable/points?wait=true"),
                  QByteArray(R"({"points":[{"id":3,"vector":{"image":[0,0,1,0]}}]})"))
                 .status,
        200);
    QCOMPARE(c->post(QStringLiteral("/collections/durable/points/count"), QByteArray("{}"))
                 .result()[QStringLiteral("count")]
                 .toInt(),
        3);
}

#endif

QTEST_GUILESS_MAIN(TestStoreCollections)
#include "tst_store_collections.moc"
