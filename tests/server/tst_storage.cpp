// Tests of mstore::Storage: round trips, id order, upsert/delete semantics, reopening.
// Damaged files and SIGKILL durability: tst_storage_failures.

#include "storagetestdata.h"

#include <QCoreApplication>

#include <random>
#include <set>

using namespace storagetest;

class TstStorage : public QObject, private StorageFixture
{
    Q_OBJECT

private slots:
    void init() { openFresh(); }
    void cleanup() { close(); }

    void createsDirectoryAndFile()
    {
        m_storage.reset();
        const std::string nested = dirPath() + "/a/b";
        Storage storage(nested);
        QCOMPARE(bytes(storage.path()), bytes(nested + "/store.sqlite"));
        QVERIFY(QFile::exists(QString::fromStdString(storage.path())));
    }

    void collectionsRoundTrip()
    {
        Storage &s = *m_storage;
        QVERIFY(s.loadCollections().empty());
        const Json metaA = Json::parse(js("{'vectors':{'size':4,'distance':'Cosine'},'n':1.5}"));
        const Json metaB = Json::parse(js("{'vectors':{'v':{'size':2,'distance':'Dot'}}}"));
        s.putCollection("a", metaA);
        s.putCollection("b", metaB);
        s.putCollection("ünïcode collection", Json::object());

        for (int pass = 0; pass < 2; ++pass) {
            const auto loaded = pass == 0 ? s.loadCollections() : reopen().loadCollections();
            QCOMPARE(loaded.size(), size_t(3));
            QCOMPARE(bytes(loaded.at("a").dump()), bytes(metaA.dump()));
            QCOMPARE(bytes(loaded.at("b").dump()), bytes(metaB.dump()));
            QVERIFY(loaded.at("ünïcode collection").empty());
        }
    }

    void putCollectionReplacesMetaAndKeepsPoints()
    {
        Storage &s = *m_storage;
        s.putCollection("a", Json{{"v", 1}});
        write(s, "a", {makePoint(PointId(1), 1, "{}", {{"", {1.0f}}})});
        s.putCollection("a", Json{{"v", 2}});
        QCOMPARE(s.loadCollections().at("a").at("v").get<int>(), 2);
        QCOMPARE(loadAll(s, "a").size(), size_t(1));
        QCOMPARE(reopen().loadCollections().at("a").at("v").get<int>(), 2);
    }

    void aliasesRoundTrip()
    {
        Storage &s = *m_storage;
        QVERIFY(s.loadAliases().empty());
        const std::map<std::string, std::string> aliases = {{"x", "a"}, {"y", "a"}, {"z", "b"}};
        s.putAliases(aliases);
        QVERIFY(s.loadAliases() == aliases);
        QVERIFY(reopen().loadAliases() == aliases);

        // putAliases replaces the whole table.
        m_storage->putAliases({{"w", "c"}});
        QVERIFY((m_storage->loadAliases() == std::map<std::string, std::string>{{"w", "c"}}));
        m_storage->putAliases({});
        QVERIFY(reopen().loadAliases().empty());
    }

    void pointRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("vectorShape");

        // vectorShape: 0 = unnamed, 1 = named, 2 = named + unnamed, 3 = none, 4 = empty vector
        QTest::newRow("integer id") << QByteArray("42") << json("{'a':1}") << 0;
        QTest::newRow("zero id") << QByteArray("0") << json("{'a':1}") << 0;
        QTest::newRow("max id") << QByteArray("18446744073709551615") << QByteArray("{}") << 0;
        QTest::newRow("uuid id") << QByteArray("550e8400-e29b-41d4-a716-446655440000")
                                 << json("{'text':'hello'}") << 0;
        QTest::newRow("uuid ff") << QByteArray("ffffffff-ffff-ffff-ffff-ffffffffffff")
                                 << QByteArray("{}") << 0;
        QTest::newRow("named vectors") << QByteArray("7") << json("{'k':[1,2]}") << 1;
        QTest::newRow("named + unnamed") << QByteArray("8") << QByteArray("{}") << 2;
        QTest::newRow("no vectors") << QByteArray("9") << QByteArray("{}") << 3;
        QTest::newRow("empty vector") << QByteArray("10") << QByteArray("{}") << 4;
        QTest::newRow("empty payload") << QByteArray("11") << QByteArray() << 0;
        QTest::newRow("unicode payload")
            << QByteArray("12") << json("{'t':'ünïcødé ✓ 😀','q':'\\'quoted\\''}") << 1;
    }

    void pointRoundTrip()
    {
        QFETCH(QByteArray, id);
        QFETCH(QByteArray, payload);
        QFETCH(int, vectorShape);

        const auto pointId = PointId::fromText(id.toStdString());
        QVERIFY(pointId);
        Vectors vectors;
        const std::vector<float> values = {0.0f, -1.5f, 3.25e-12f, 1e30f, -0.0f, 0.1f};
        if (vectorShape == 0 || vectorShape == 2)
            vectors[""] = values;
        if (vectorShape == 1 || vectorShape == 2) {
            vectors["image"] = {1.0f, 2.0f};
            vectors["text-ünï"] = values;
        }
        if (vectorShape == 4)
            vectors["sparse-ish"] = {};
        const PersistedPoint written =
            makePoint(*pointId, 0xfedcba9876543210ULL, payload.toStdString(), vectors);

        m_storage->putCollection("c", Json::object());
        write(*m_storage, "c", {written});

        for (int pass = 0; pass < 2; ++pass) {
            Storage &s = pass == 0 ? *m_storage : reopen();
            const auto points = loadAll(s, "c");
            QCOMPARE(points.size(), size_t(1));
            const PersistedPoint &p = points.front();
            QCOMPARE(idText(p.id), id);
            QVERIFY(p.id == *pointId);
            QCOMPARE(p.version, written.version);
            QCOMPARE(bytes(p.payloadJson), payload);
            QCOMPARE(p.vectors.size(), vectors.size());
            for (const auto &[name, v] : vectors) {
                QVERIFY2(p.vectors.count(name), name.c_str());
                // Bitwise: -0.0 and denormals must survive as they are.
                QCOMPARE(p.vectors.at(name).size(), v.size());
                QVERIFY(v.empty()
                        || std::memcmp(p.vectors.at(name).data(), v.data(), v.size() * 4) == 0);
            }
        }
    }

    void loadsInIdOrder_data()
    {
        QTest::addColumn<QByteArrayList>("ids");
        // Big-endian keys: a little-endian or textual encoding would put 256 before 255 or
        // 10 before 9.
        QTest::newRow("integers") << QByteArrayList{"256", "9", "10", "255", "0", "4294967296",
                                                    "18446744073709551615", "1", "65535"};
        QTest::newRow("uuids") << QByteArrayList{"ffffffff-0000-0000-0000-000000000000",
                                                 "00000000-0000-0000-0000-000000000001",
                                                 "80000000-0000-0000-0000-000000000000",
                                                 "00000000-0000-0000-0000-000000000000",
                                                 "7fffffff-ffff-ffff-ffff-ffffffffffff"};
        QTest::newRow("mixed, integers first")
            << QByteArrayList{"00000000-0000-0000-0000-000000000000", "18446744073709551615",
                              "5", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "0"};
    }

    void loadsInIdOrder()
    {
        QFETCH(QByteArrayList, ids);
        std::vector<PersistedPoint> points;
        std::vector<PointId> expected;
        for (const QByteArray &text : ids) {
            const auto id = PointId::fromText(text.toStdString());
            QVERIFY(id);
            points.push_back(makePoint(*id, 1, "{}", {{"", {1.0f}}}));
            expected.push_back(*id);
        }
        std::sort(expected.begin(), expected.end());

        m_storage->putCollection("c", Json::object());
        // Two writes, so that neither insertion order nor batch boundaries can explain it.
        const size_t half = points.size() / 2;
        write(*m_storage, "c", {points.begin() + long(half), points.end()});
        write(*m_storage, "c", {points.begin(), points.begin() + long(half)});

        for (int pass = 0; pass < 2; ++pass) {
            Storage &s = pass == 0 ? *m_storage : reopen();
            const auto loaded = loadAll(s, "c");
            QCOMPARE(loaded.size(), expected.size());
            for (size_t i = 0; i < expected.size(); ++i)
                QCOMPARE(idText(loaded[i].id), idText(expected[i]));
        }
    }

    void largeBatchInIdOrder()
    {
        // 2,000 random ids of both kinds through batches of 256, as the server writes them.
        std::mt19937_64 rng(7);
        std::set<PointId> ids;
        while (ids.size() < 2000) {
            if (rng() % 2) {
                ids.insert(PointId(rng() % 100000));
            } else {
                char hex[33];
                std::snprintf(hex, sizeof hex, "%016llx%016llx", (unsigned long long)rng(),
                              (unsigned long long)rng());
                ids.insert(*PointId::fromUuid(hex));
            }
        }
        std::vector<PersistedPoint> points;
        points.reserve(ids.size());
        for (const PointId &id : ids)
            points.push_back(makePoint(id, 1, "{}", {{"", {float(points.size())}}}));
        std::shuffle(points.begin(), points.end(), rng);

        m_storage->putCollection("c", Json::object());
        for (size_t i = 0; i < points.size(); i += 256) {
            const size_t end = std::min(i + 256, points.size());
            write(*m_storage, "c", {points.begin() + long(i), points.begin() + long(end)});
        }
        const auto loaded = loadAll(reopen(), "c");
        QCOMPARE(loaded.size(), ids.size());
        auto it = ids.begin();
        for (const PersistedPoint &p : loaded)
            QCOMPARE(idText(p.id), idText(*it++));
    }

    void upsertReplacesRow()
    {
        Storage &s = *m_storage;
        s.putCollection("c", Json::object());
        write(s, "c",
              {makePoint(PointId(1), 1, js("{'old':true,'x':1}"),
                         {{"a", {1.0f, 2.0f}}, {"b", {3.0f}}}),
               makePoint(PointId(2), 1, js("{'keep':1}"), {{"a", {9.0f}}})});
        // The full row is replaced: vector "b" and the old payload must be gone.
        write(s, "c", {makePoint(PointId(1), 2, js("{'new':true}"), {{"a", {5.0f, 6.0f}}})});

        for (int pass = 0; pass < 2; ++pass) {
            const auto points = loadAll(pass == 0 ? s : reopen(), "c");
            QCOMPARE(idList(points), QByteArray("1,2"));
            QCOMPARE(points[0].version, uint64_t(2));
            QCOMPARE(bytes(points[0].payloadJson), json("{'new':true}"));
            QCOMPARE(points[0].vectors.size(), size_t(1));
            QVERIFY((points[0].vectors.at("a") == std::vector<float>{5.0f, 6.0f}));
            QCOMPARE(bytes(points[1].payloadJson), json("{'keep':1}"));
        }
    }

    void deleteRemovesRows()
    {
        Storage &s = *m_storage;
        s.putCollection("c", Json::object());
        std::vector<PersistedPoint> points;
        for (uint64_t i = 0; i < 10; ++i)
            points.push_back(makePoint(PointId(i), 1, "{}", {{"", {float(i)}}}));
        const PointId u = uuid("11111111-2222-3333-4444-555555555555");
        points.push_back(makePoint(u, 1, "{}", {}));
        write(s, "c", points);

        // Deleting an id that does not exist is not an error.
        write(s, "c", {}, {PointId(3), PointId(7), u, PointId(12345)});
        QCOMPARE(idList(loadAll(s, "c")), QByteArray("0,1,2,4,5,6,8,9"));

        // Upserts and deletes in one call: the upsert of 20 stays, 0 goes; an id in both
        // ends up deleted.
        write(s, "c",
              {makePoint(PointId(20), 1, "{}", {}), makePoint(PointId(21), 1, "{}", {})},
              {PointId(0), PointId(21)});
        QCOMPARE(idList(loadAll(reopen(), "c")), QByteArray("1,2,4,5,6,8,9,20"));
    }

    void writeToUnknownCollectionThrows()
    {
        const PersistedPoint p = makePoint(PointId(1), 1, "{}", {});
        bool threw = false;
        try {
            write(*m_storage, "missing", {p});
        } catch (const std::runtime_error &e) {
            threw = true;
            QVERIFY2(std::string(e.what()).find("missing") != std::string::npos, e.what());
        }
        QVERIFY(threw);
        // Reading or clearing an unknown collection is simply empty.
        QVERIFY(loadAll(*m_storage, "missing").empty());
        m_storage->clearPoints("missing");
        m_storage->dropCollection("missing");
    }

    void dropCollectionRemovesPoints()
    {
        Storage &s = *m_storage;
        s.putCollection("a", Json::object());
        s.putCollection("b", Json::object());
        std::vector<PersistedPoint> points;
        for (uint64_t i = 0; i < 100; ++i)
            points.push_back(makePoint(PointId(i), 1, "{}", {{"", {float(i)}}}));
        write(s, "a", points);
        write(s, "b", {points.begin(), points.begin() + 5});

        s.dropCollection("a");
        QCOMPARE(s.loadCollections().count("a"), size_t(0));
        QVERIFY(loadAll(s, "a").empty());
        QCOMPARE(loadAll(s, "b").size(), size_t(5));

        // A collection created after the drop (which may reuse the internal id) starts empty.
        s.putCollection("c", Json::object());
        s.putCollection("a", Json::object());
        QVERIFY(loadAll(s, "c").empty());
        QVERIFY(loadAll(s, "a").empty());

        m_storage.reset();
        // The rows themselves are gone, not just hidden.
        QCOMPARE(rawCount(dbFile(), "SELECT count(*) FROM points"), qint64(5));
        Storage &r = reopen();
        QCOMPARE(r.loadCollections().size(), size_t(3));
        QCOMPARE(loadAll(r, "b").size(), size_t(5));
        QVERIFY(loadAll(r, "a").empty());
    }

    void clearPointsKeepsCollection()
    {
        Storage &s = *m_storage;
        s.putCollection("a", Json{{"k", 1}});
        s.putCollection("b", Json::object());
        write(s, "a", {makePoint(PointId(1), 1, "{}", {}), makePoint(PointId(2), 1, "{}", {})});
        write(s, "b", {makePoint(PointId(1), 1, "{}", {})});
        s.clearPoints("a");
        QVERIFY(loadAll(s, "a").empty());
        QCOMPARE(loadAll(s, "b").size(), size_t(1));

        Storage &r = reopen();
        QCOMPARE(r.loadCollections().at("a").at("k").get<int>(), 1);
        QVERIFY(loadAll(r, "a").empty());
        // The collection is still writable.
        write(r, "a", {makePoint(PointId(3), 1, "{}", {})});
        QCOMPARE(idList(loadAll(r, "a")), QByteArray("3"));
    }

    void reopenAfterCloseAndCheckpoint()
    {
        Storage &s = *m_storage;
        s.putCollection("a", Json{{"size", 3}});
        s.putAliases({{"alias", "a"}});
        write(s, "a", {makePoint(PointId(1), 5, js("{'x':1}"), {{"", {1.0f, 2.0f, 3.0f}}})});
        s.checkpoint();
        write(s, "a", {makePoint(PointId(2), 6, js("{'x':2}"), {{"", {4.0f, 5.0f, 6.0f}}})});

        Storage &r = reopen();
        QCOMPARE(r.loadCollections().size(), size_t(1));
        QCOMPARE(bytes(r.loadAliases().at("alias")), QByteArray("a"));
        const auto points = loadAll(r, "a");
        QCOMPARE(idList(points), QByteArray("1,2"));
        QCOMPARE(points[1].version, uint64_t(6));
        // Writes after a reopen go to the same collection.
        write(r, "a", {makePoint(PointId(3), 7, "{}", {})});
        QCOMPARE(idList(loadAll(reopen(), "a")), QByteArray("1,2,3"));
    }
};

QTEST_GUILESS_MAIN(TstStorage)
#include "tst_storage.moc"
