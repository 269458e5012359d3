// memory-store over real HTTP: exists and aliases as Qdrant 1.19 has them. Alias create,
// rename and delete, their errors, lookups that are no errors, names that clash, reads and
// writes through an alias, and a deleted collection taking its aliases with it.
// Plain literals where a raw string would hold `//`, an unbalanced bracket or an odd number
// of quotes: Qt 6.4's moc mis-lexes those and then finds no test class.
#include "storefixture.h"

using namespace StoreJson;

class TestStoreAliases : public StoreFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(startStore(), qPrintable(storeError())); }

    void existsAnswersForCollectionsAndAliases_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("expected");
        QTest::newRow("collection") << QStringLiteral("exists_c") << true;
        QTest::newRow("alias") << QStringLiteral("exists_alias") << true;
        QTest::newRow("missing") << QStringLiteral("exists_missing") << false;
    }
    void existsAnswersForCollectionsAndAliases()
    {
        QFETCH(QString, name);
        QFETCH(bool, expected);
        if (!exists(QStringLiteral("exists_c"))) {
            create(QStringLiteral("exists_c"), R"({"vectors":{"size":2,"distance":"Dot"}})");
            QCOMPARE(aliasActions(R"([{"create_alias":{"collection_name":"exists_c",
                                      "alias_name":"exists_alias"}}])")
                         .status,
                200);
        }
        const auto r = client().get(QStringLiteral("/collections/%1/exists").arg(name));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result().toObject(), QJsonObject({{QStringLiteral("exists"), expected}}));
    }

    void aliasLifecycle()
    {
        create(QStringLiteral("aliased"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        create(QStringLiteral("other"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        auto r = aliasActions(R"([
            {"create_alias":{"collection_name":"aliased","alias_name":"first"}},
            {"create_alias":{"collection_name":"aliased","alias_name":"second"}},
            {"create_alias":{"collection_name":"other","alias_name":"third"}}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result().toBool(), true);

        QCOMPARE(aliasPairs(client().get(QStringLiteral("/collections/aliased/aliases"))),
            QStringList({QStringLiteral("first->aliased"), QStringLiteral("second->aliased")}));
        const QStringList all = aliasPairs(client().get(QStringLiteral("/aliases")));
        for (const QString &pair : {QStringLiteral("first->aliased"),
                 QStringLiteral("second->aliased"), QStringLiteral("third->other")})
            QVERIFY2(all.contains(pair), qPrintable(all.join(QLatin1Char(' '))));

        // Rename: the old name goes, the new one points at the same collection.
        r = aliasActions(
            R"([{"rename_alias":{"old_alias_name":"first","new_alias_name":"renamed"}}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(aliasPairs(client().get(QStringLiteral("/collections/aliased/aliases"))),
            QStringList({QStringLiteral("renamed->aliased"), QStringLiteral("second->aliased")}));
        QCOMPARE(client().get(QStringLiteral("/collections/first")).status, 404);

        // Delete.
        r = aliasActions(R"([{"delete_alias":{"alias_name":"second"}}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(aliasPairs(client().get(QStringLiteral("/collections/aliased/aliases"))),
            QStringList({QStringLiteral("renamed->aliased")}));

        // Creating an existing alias re-points it, as in Qdrant.
        r = aliasActions(
            R"([{"create_alias":{"collection_name":"other","alias_name":"renamed"}}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(aliasPairs(client().get(QStringLiteral("/collections/other/aliases"))),
            QStringList({QStringLiteral("renamed->other"), QStringLiteral("third->other")}));
    }

    void aliasErrors_data()
    {
        QTest::addColumn<QByteArray>("actions");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("rename missing alias")
            << QByteArray(R"([{"rename_alias":{"old_alias_name":"nobody","new_alias_name":"x"}}])")
            << 404 << QStringLiteral("Alias nobody does not exist");
        QTest::newRow("alias of missing collection")
            << QByteArray(R"([{"create_alias":{"collection_name":"ghost","alias_name":"boo"}}])")
            << 404 << QStringLiteral("Collection `ghost` doesn't exist!");
        QTest::newRow("alias named like a collection")
            << QByteArray(R"([{"create_alias":{"collection_name":"alias_errors",
                              "alias_name":"alias_errors"}}])")
            << 409 << QStringLiteral("already exists");
        QTest::newRow("missing field")
            << QByteArray(R"([{"create_alias":{"collection_name":"alias_errors"}}])") << 400
            << QStringLiteral("alias_name");
        QTest::newRow("unknown action")
            << QByteArray(R"([{"make_alias":{}}])") << 400 << QStringLiteral("create_alias");
        QTest::newRow("actions not a list")
            << QByteArray(R"({"x":1})") << 400 << QStringLiteral("actions");
    }
    void aliasErrors()
    {
        QFETCH(QByteArray, actions);
        QFETCH(int, status);
        QFETCH(QString, message);
        if (!exists(QStringLiteral("alias_errors")))
            create(QStringLiteral("alias_errors"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        const auto r = aliasActions(actions);
        QCOMPARE(r.status, status);
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
    }

    // Qdrant deletes aliases idempotently and lists aliases by name without checking that the
    // collection exists: neither is an error.
    void aliasLookupsThatAreNoErrors()
    {
        auto r = aliasActions(R"([{"delete_alias":{"alias_name":"never_was"}}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result().toBool(), true);
        r = client().get(QStringLiteral("/collections/ghost/aliases"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result().toObject(), QJsonObject({{QStringLiteral("aliases"), QJsonArray()}}));
    }

    void collectionNamedLikeAnAliasIsRejected()
    {
        create(QStringLiteral("alias_owner"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        QCOMPARE(aliasActions(R"([{"create_alias":{"collection_name":"alias_owner",
                                  "alias_name":"taken_name"}}])")
                     .status,
            200);
        // Qdrant: 400 "Can't create collection with name ... Alias with the same name ..."
        const auto r = client().put(QStringLiteral("/collections/taken_name"),
            QByteArray(R"({"vectors":{"size":2,"distance":"Dot"}})"));
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(QStringLiteral("Alias with the same name already exists")),
            qPrintable(r.error()));
        // Deleting by the alias name deletes nothing: Qdrant does not resolve aliases there.
        const auto d = client().del(QStringLiteral("/collections/taken_name"));
        QCOMPARE(d.status, 200);
        QCOMPARE(d.result(), QJsonValue(false));
        QVERIFY(exists(QStringLiteral("alias_owner")));
    }

    void aliasResolvesForReadsAndWrites()
    {
        create(QStringLiteral("behind"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        QCOMPARE(aliasActions(R"([{"create_alias":{"collection_name":"behind",
                                  "alias_name":"front"}}])")
                     .status,
            200);
        auto r = client().put(QStringLiteral("/collections/front/points?wait=true"),
            R"({"points":[{"id":1,"vector":[1,2],"payload":{"via":"alias"}},
                                            {"id":2,"vector":[3,4]}]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(client()
                     .get(QStringLiteral("/collections/behind"))
                     .result()[QStringLiteral("points_count")]
                     .toInt(),
            2);
        r = client().get(QStringLiteral("/collections/front"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result()[QStringLiteral("points_count")].toInt(), 2);
        r = client().post(QStringLiteral("/collections/front/points/count"), QByteArray("{}"));
        QCOMPARE(r.result()[QStringLiteral("count")].toInt(), 2);
        r = client().get(QStringLiteral("/collections/front/points/1"));
        QCOMPARE(r.result()[QStringLiteral("payload")].toObject(), object(R"({"via":"alias"})"));
        r = client().put(QStringLiteral("/collections/front/index"),
            R"({"field_name":"via","field_schema":"keyword"})");
        QCOMPARE(r.status, 200);
        QVERIFY(client()
                    .get(QStringLiteral("/collections/behind"))
                    .result()[QStringLiteral("payload_schema")]
                    .toObject()
                    .contains(QStringLiteral("via")));
        r = client().post(
            QStringLiteral("/collections/front/points/delete?wait=true"), R"({"points":[2]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(client()
                     .get(QStringLiteral("/collections/behind"))
                     .result()[QStringLiteral("points_count")]
                     .toInt(),
            1);
        // The alias list is by exact target name: Qdrant does not resolve an alias there.
        QCOMPARE(aliasPairs(client().get(QStringLiteral("/collections/behind/aliases"))),
            QStringList({QStringLiteral("front->behind")}));
        const auto viaAlias = client().get(QStringLiteral("/collections/front/aliases"));
        QCOMPARE(viaAlias.status, 200);
        QCOMPARE(aliasPairs(viaAlias), QStringList());
    }

    void deletingCollectionDropsItsAliases()
    {
        create(QStringLiteral("short_lived"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        create(QStringLiteral("long_lived"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        QCOMPARE(aliasActions(R"([
            {"create_alias":{"collection_name":"short_lived","alias_name":"sl1"}},
            {"create_alias":{"collection_name":"short_lived","alias_name":"sl2"}},
            {"create_alias":{"collection_name":"long_lived","alias_name":"ll"}}])")
                     .status,
            200);
        QCOMPARE(client().del(QStringLiteral("/collections/short_lived")).result().toBool(), true);
        const QStringList all = aliasPairs(client().get(QStringLiteral("/aliases")));
        QVERIFY(!all.contains(QStringLiteral("sl1->short_lived")));
        QVERIFY(!all.contains(QStringLiteral("sl2->short_lived")));
        QVERIFY(all.contains(QStringLiteral("ll->long_lived")));
        QVERIFY(!exists(QStringLiteral("sl1")));
        // A new collection of the old name does not inherit them.
        create(QStringLiteral("short_lived"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        QCOMPARE(aliasPairs(client().get(QStringLiteral("/collections/short_lived/aliases"))),
            QStringList());
    }
};

QTEST_GUILESS_MAIN(TestStoreAliases)
#include "tst_store_aliases.moc"
