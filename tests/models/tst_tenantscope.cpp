#include "tenantscopetestutil.h"

using namespace tenantscopetest;

// Raw strings here never hold a backslash: moc 6.4 loses track of them and skips the class.

// TenantScope as a value: construction, modes, the collections a tenant reaches, and the
// payloads it may write. What its filters select: tst_tenantscope_filters.
class TestTenantScope : public QObject
{
    Q_OBJECT

private slots:
    void construction_data()
    {
        QTest::addColumn<QJsonValue>("tenant");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("valid");

        const QString key = QStringLiteral("customer_id");
        const QString pattern = QStringLiteral("company_{id}_{type}");
        QTest::newRow("integer") << QJsonValue(42) << key << pattern << true;
        QTest::newRow("uuid") << QJsonValue(uuid(kUuid)) << key << QString() << true;
        QTest::newRow("text") << QJsonValue(QStringLiteral("acme")) << key << QString() << true;
        QTest::newRow("integral double") << QJsonValue(42.0) << key << QString() << true;
        QTest::newRow("nested key") << QJsonValue(42) << QStringLiteral("metadata.customer_id")
                                    << QString() << true;
        QTest::newRow("quoted key") << QJsonValue(42) << QStringLiteral("\"customer id\"")
                                    << QString() << true;
        QTest::newRow("pattern only") << QJsonValue(42) << QString() << pattern << true;
        QTest::newRow("combined, id unfit for pattern")
            << QJsonValue(QStringLiteral("acme corp")) << key << pattern << true;

        QTest::newRow("empty text") << QJsonValue(QString()) << key << QString() << false;
        QTest::newRow("fraction") << QJsonValue(4.5) << key << QString() << false;
        QTest::newRow("bool") << QJsonValue(true) << key << QString() << false;
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << key << QString() << false;
        QTest::newRow("array") << QJsonValue(QJsonArray{42}) << key << QString() << false;
        QTest::newRow("no strategy") << QJsonValue(42) << QString() << QString() << false;
        QTest::newRow("array key") << QJsonValue(42) << QStringLiteral("customer_id[]")
                                   << QString() << false;
        QTest::newRow("indexed key") << QJsonValue(42) << QStringLiteral("ids[0]") << QString()
                                     << false;
        QTest::newRow("malformed key") << QJsonValue(42) << QStringLiteral("a..b") << QString()
                                       << false;
        QTest::newRow("space in unquoted key") << QJsonValue(42) << QStringLiteral("customer id")
                                               << QString() << false;
        QTest::newRow("pattern only, id unfit")
            << QJsonValue(QStringLiteral("a_b")) << QString() << pattern << false;
    }

    void construction()
    {
        QFETCH(QJsonValue, tenant);
        QFETCH(QString, key);
        QFETCH(QString, pattern);
        QFETCH(bool, valid);
        CollectionPattern p;
        if (!pattern.isEmpty())
            p = CollectionPattern::parse(pattern).value();
        const auto scope = TenantScope::forTenant(tenant, key, p);
        QCOMPARE(scope.ok(), valid);
        if (valid) {
            QCOMPARE(scope.value().mode(), TenantScope::Mode::Tenant);
            QVERIFY(!scope.value().isAdmin());
        } else {
            QCOMPARE(scope.error().kind, NetError::Kind::Invalid);
            QVERIFY(!scope.error().message.isEmpty());
        }
    }

    void integerTenantStaysAnInteger()
    {
        const TenantScope scope = scopeOf(42.0, QStringLiteral("customer_id"));
        const QByteArray json = text(scope.scopeFilter(kShared, {}).value());
        QVERIFY2(json.contains("\"value\":42}"), json.constData());
    }

    void modesAndBadges()
    {
        const TenantScope none;
        QCOMPARE(none.mode(), TenantScope::Mode::None);
        QVERIFY(!none.isAdmin());
        QCOMPARE(none.badgeText(), QStringLiteral("No tenant chosen"));

        const TenantScope admin = TenantScope::allTenants();
        QVERIFY(admin.isAdmin());
        QCOMPARE(admin.badgeText(), QStringLiteral("All tenants (admin)"));

        QCOMPARE(scopeOf(42, QStringLiteral("customer_id")).badgeText(),
                 QStringLiteral("Tenant 42 · customer_id"));
        QCOMPARE(scopeOf(QStringLiteral("acme"), QString(), QStringLiteral("company_{id}_{type}"))
                     .badgeText(),
                 QStringLiteral("Tenant acme · company_{id}_{type}"));
        QCOMPARE(scope42().badgeText(),
                 QStringLiteral("Tenant 42 · customer_id, company_{id}_{type}"));
    }

    void fromTheProfilesSettings()
    {
        ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("prod"),
                                                              QUrl(QStringLiteral("http://x")));
        const auto scope = TenantScope::forProfile(profile, 42);
        QVERIFY(scope.ok());
        QCOMPARE(scope.value(), scope42());
        QCOMPARE(scope.value().payloadKey(), QStringLiteral("customer_id"));
        QCOMPARE(scope.value().collectionPattern().text(), QStringLiteral("company_{id}_{type}"));

        profile.tenantPayloadKey.clear();
        const auto byCollection = TenantScope::forProfile(profile, 42);
        QVERIFY(byCollection.ok());
        QVERIFY(byCollection.value().payloadKey().isEmpty());
        QVERIFY(!byCollection.value().coversCollection(kShared));

        profile.collectionPattern = QStringLiteral("company_{x}");
        QVERIFY(!TenantScope::forProfile(profile, 42).ok());
    }

    void equality()
    {
        QCOMPARE(TenantScope::allTenants(), TenantScope::allTenants());
        QCOMPARE(TenantScope(), TenantScope());
        QVERIFY(!(TenantScope() == TenantScope::allTenants()));
        QCOMPARE(scope42(), scope42());
        // The integer 42 and the text "42" are different tenants.
        QVERIFY(!(scope42() == scopeOf(QStringLiteral("42"), QStringLiteral("customer_id"),
                                       QStringLiteral("company_{id}_{type}"))));
        QVERIFY(!(scope42() == scopeOf(42, QStringLiteral("company_id"),
                                       QStringLiteral("company_{id}_{type}"))));
        QVERIFY(!(scope42() == scopeOf(42, QStringLiteral("customer_id"))));
        QVERIFY(!(scope42() == TenantScope::allTenants()));
    }

    void noTenantRefusesEverything()
    {
        const TenantScope none;
        QVERIFY(!none.scopeFilter(kShared, {}).ok());
        QCOMPARE(none.scopeFilter(kShared, {}).error().kind, NetError::Kind::Invalid);
        QVERIFY(!none.mapCollection(kShared).ok());
        QVERIFY(!none.collectionForType(kShared).ok());
        QVERIFY(!none.stampPayload(kShared, {}).ok());
        QVERIFY(!none.scopeIdSelection(kShared, {1}).ok());
        QVERIFY(!none.scopeUpdateFilter(kShared).ok());
        QVERIFY(!none.checkPayloadEdit(kShared, {}, TenantScope::PayloadEdit::Set).ok());
        QVERIFY(!none.checkPayloadKeyDeletion(kShared, {QStringLiteral("x")}).ok());
        QVERIFY(!none.clearedPayload(kShared).ok());
        QVERIFY(!none.checkCollectionOperation(kShared).ok());
        QVERIFY(!none.coversCollection(kShared));
    }

    void adminPassesRequestsUnchanged()
    {
        const TenantScope admin = TenantScope::allTenants();
        const QJsonObject user
            = object(R"({"should":[{"key":"customer_id","match":{"value":7}}]})");
        QCOMPARE(admin.scopeFilter(QStringLiteral("company_7_x"), user).value(), user);
        QCOMPARE(admin.mapCollection(QStringLiteral("company_7_x")).value(),
                 QStringLiteral("company_7_x"));
        QVERIFY(!admin.collectionForType(QStringLiteral("x")).ok());
        const QJsonObject payload = object(R"({"customer_id":7})");
        QCOMPARE(admin.stampPayload(kShared, payload).value(), payload);
        QCOMPARE(admin.checkPayloadEdit(kShared, payload, TenantScope::PayloadEdit::Overwrite)
                     .value(),
                 payload);
        QCOMPARE(admin.checkPayloadKeyDeletion(kShared, {QStringLiteral("customer_id")}).value(),
                 QStringList{QStringLiteral("customer_id")});
        QCOMPARE(admin.scopeIdSelection(kShared, {1, 2}).value(),
                 object(R"({"must":[{"has_id":[1,2]}]})"));
        QCOMPARE(admin.scopeUpdateFilter(kShared).value(), QJsonObject());
        QVERIFY(admin.checkCollectionOperation(kShared).ok());
        QVERIFY(admin.tenantConditions().isEmpty());
    }

    void collections_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("collection");
        QTest::addColumn<QString>("placement"); // own, shared or refused

        const QString key = QStringLiteral("customer_id");
        const QString def = QStringLiteral("company_{id}_{type}");
        const auto row = [](const char *tag, const QString &key, const QString &pattern,
                            const char *collection, const char *placement) {
            QTest::newRow(tag) << key << pattern << QString::fromUtf8(collection)
                               << QString::fromUtf8(placement);
        };
        row("own collection", key, def, "company_42_customer_context", "own");
        row("other tenant's collection", key, def, "company_7_customer_context", "refused");
        row("tenant 420 is not 42", key, def, "company_420_x", "refused");
        row("tenant 4 is not 42", key, def, "company_4_2_x", "refused");
        row("shared collection", key, def, "customer_context", "shared");
        row("looks close", key, def, "company_42", "shared");
        row("case differs", key, def, "Company_7_x", "shared");
        row("empty name", key, def, "", "refused");
        row("pattern only, shared", QString(), def, "customer_context", "refused");
        row("pattern only, own", QString(), def, "company_42_x", "own");
        row("pattern only, other", QString(), def, "company_7_x", "refused");
        row("key only", key, QString(), "company_7_x", "shared");
        row("ambiguous name", key, QStringLiteral("company-{id}-{type}"), "company-42-7-x",
            "refused");
    }

    void collections()
    {
        QFETCH(QString, key);
        QFETCH(QString, pattern);
        QFETCH(QString, collection);
        QFETCH(QString, placement);
        const TenantScope scope = scopeOf(42, key, pattern);
        const QJsonObject user = object(R"({"must":[{"key":"outcome","match":{"value":"x"}}]})");
        const auto filter = scope.scopeFilter(collection, user);
        const auto ids = scope.scopeIdSelection(collection, {1});
        const auto update = scope.scopeUpdateFilter(collection);
        const auto operation = scope.checkCollectionOperation(collection);
        QCOMPARE(scope.coversCollection(collection), placement != QLatin1String("refused"));
        if (placement == QLatin1String("refused")) {
            QVERIFY(!filter.ok());
            QCOMPARE(filter.error().kind, NetError::Kind::Invalid);
            QVERIFY(!filter.error().message.isEmpty());
            QVERIFY(!ids.ok());
            QVERIFY(!update.ok());
            QVERIFY(!operation.ok());
            QVERIFY(!scope.stampPayload(collection, {}).ok());
            QVERIFY(!scope.checkPayloadEdit(collection, {}, TenantScope::PayloadEdit::Set).ok());
            QVERIFY(!scope.checkPayloadKeyDeletion(collection, {}).ok());
        } else if (placement == QLatin1String("own")) {
            QCOMPARE(filter.value(), user);
            QCOMPARE(ids.value(), object(R"({"must":[{"has_id":[1]}]})"));
            QCOMPARE(update.value(), QJsonObject());
            QCOMPARE(operation.value(), collection);
            // The company's own collection may hold its customers' ids: left as they are.
            const QJsonObject payload = object(R"({"customer_id":7})");
            QCOMPARE(scope.stampPayload(collection, payload).value(), payload);
            QCOMPARE(scope.clearedPayload(collection).value(), QJsonObject());
        } else {
            QCOMPARE(filter.value().value(QStringLiteral("must")).toArray().size(), 3);
            QCOMPARE(update.value(),
                     QJsonObject({{QStringLiteral("must"), scope.tenantConditions()}}));
            QVERIFY(!operation.ok());
            QCOMPARE(scope.clearedPayload(collection).value(), object(R"({"customer_id":42})"));
        }
    }

    void mapCollection_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected"); // empty: refused

        const QString key = QStringLiteral("customer_id");
        const QString def = QStringLiteral("company_{id}_{type}");
        const auto row = [](const char *tag, const QString &key, const QString &pattern,
                            const char *name, const char *expected) {
            QTest::newRow(tag) << key << pattern << QString::fromUtf8(name)
                               << QString::fromUtf8(expected);
        };
        row("type → own collection", QString(), def, "customer_context",
            "company_42_customer_context");
        row("own name kept", QString(), def, "company_42_customer_context",
            "company_42_customer_context");
        row("other tenant refused", QString(), def, "company_7_customer_context", "");
        row("unfit type refused", QString(), def, "a b", "");
        row("no {type}: nothing to map", QString(), QStringLiteral("tenant_{id}"), "x", "");
        row("no {type}: own kept", QString(), QStringLiteral("tenant_{id}"), "tenant_42",
            "tenant_42");
        row("combined: shared name kept", key, def, "customer_context", "customer_context");
        row("combined: own kept", key, def, "company_42_x", "company_42_x");
        row("combined: other refused", key, def, "company_7_x", "");
        row("key only: kept", key, QString(), "company_7_x", "company_7_x");
    }

    void mapCollection()
    {
        QFETCH(QString, key);
        QFETCH(QString, pattern);
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const auto mapped = scopeOf(42, key, pattern).mapCollection(name);
        QCOMPARE(mapped.ok(), !expected.isEmpty());
        if (mapped.ok())
            QCOMPARE(mapped.value(), expected);
        else
            QCOMPARE(mapped.error().kind, NetError::Kind::Invalid);
    }

    void collectionForType()
    {
        const TenantScope scope = scope42();
        QCOMPARE(scope.collectionForType(QStringLiteral("customer_context")).value(),
                 QStringLiteral("company_42_customer_context"));
        QVERIFY(!scope.collectionForType(QString()).ok());
        QVERIFY(!scopeOf(42, QStringLiteral("customer_id")).collectionForType(kShared).ok());
        // Tenant "acme corp" has no collections under this pattern.
        QVERIFY(!scopeOf(QStringLiteral("acme corp"), QStringLiteral("customer_id"),
                         QStringLiteral("company_{id}_{type}"))
                     .collectionForType(kShared)
                     .ok());
    }

    void stampPayload_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QByteArray>("expected"); // empty: refused

        const QString key = QStringLiteral("customer_id");
        const QString nested = QStringLiteral("metadata.customer_id");
        const auto row = [](const char *tag, const QString &key, const char *payload,
                            const char *expected) {
            QTest::newRow(tag) << key << QByteArray(payload) << QByteArray(expected);
        };
        row("missing → set", key, R"({"content":"x"})", R"({"content":"x","customer_id":42})");
        row("empty → set", key, "{}", R"({"customer_id":42})");
        row("same → kept", key, R"({"customer_id":42})", R"({"customer_id":42})");
        row("other tenant", key, R"({"customer_id":7})", "");
        row("text 42", key, R"({"customer_id":"42"})", "");
        row("fraction", key, R"({"customer_id":42.5})", "");
        row("array with the tenant", key, R"({"customer_id":[42]})", "");
        row("array with both", key, R"({"customer_id":[42,7]})", "");
        row("null", key, R"({"customer_id":null})", "");
        row("object", key, R"({"customer_id":{"id":42}})", "");
        row("a key that merely looks alike", key, "{\"\\\"customer_id\\\"\":7,\"customer_id[]\":7}",
            "{\"\\\"customer_id\\\"\":7,\"customer_id[]\":7,\"customer_id\":42}");
        row("nested: created", nested, R"({"content":"x"})",
            R"({"content":"x","metadata":{"customer_id":42}})");
        row("nested: merged", nested, R"({"metadata":{"source":"chat"}})",
            R"({"metadata":{"source":"chat","customer_id":42}})");
        row("nested: same kept", nested, R"({"metadata":{"customer_id":42}})",
            R"({"metadata":{"customer_id":42}})");
        row("nested: other tenant", nested, R"({"metadata":{"customer_id":7}})", "");
        row("nested: not an object", nested, R"({"metadata":"x"})", "");
        row("nested: array on the way", nested, R"({"metadata":[{"customer_id":42}]})", "");
        row("nested: top-level key is not it", nested, R"({"customer_id":7})",
            R"({"customer_id":7,"metadata":{"customer_id":42}})");
        row("quoted key with a space", QStringLiteral("\"customer id\""), "{}",
            R"({"customer id":42})");
    }

    void stampPayload()
    {
        QFETCH(QString, key);
        QFETCH(QByteArray, payload);
        QFETCH(QByteArray, expected);
        const TenantScope scope = scopeOf(42, key);
        const auto stamped = scope.stampPayload(kShared, object(payload));
        QCOMPARE(stamped.ok(), !expected.isEmpty());
        if (!stamped.ok()) {
            QCOMPARE(stamped.error().kind, NetError::Kind::Invalid);
            return;
        }
        QCOMPARE(text(stamped.value()), text(object(expected)));
        // What the scope writes, the scope can read back.
        const mstore::Filter own = parseStoreFilter(scope.scopeFilter(kShared, {}).value());
        const TestPoint written{mstore::PointId(99), toStoreJson(stamped.value()), QString()};
        QVERIFY(matches(own, written));
        // And another tenant cannot.
        const TenantScope other = scopeOf(7, key);
        QVERIFY(!matches(parseStoreFilter(other.scopeFilter(kShared, {}).value()), written));
    }

    void checkPayloadEdit_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("overwrite");
        QTest::addColumn<QString>("atKey");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QByteArray>("expected"); // empty: refused

        const QString key = QStringLiteral("customer_id");
        const QString nested = QStringLiteral("metadata.customer_id");
        const auto row = [](const char *tag, const QString &key, bool overwrite, const char *at,
                            const char *payload, const char *expected) {
            QTest::newRow(tag) << key << overwrite << QString::fromUtf8(at) << QByteArray(payload)
                               << QByteArray(expected);
        };
        row("set other fields", key, false, "", R"({"outcome":"failed"})",
            R"({"outcome":"failed"})");
        row("set same tenant", key, false, "", R"({"customer_id":42,"a":1})",
            R"({"customer_id":42,"a":1})");
        row("set moves to another tenant", key, false, "", R"({"customer_id":7})", "");
        row("set removes with null", key, false, "", R"({"customer_id":null})", "");
        row("set to an array", key, false, "", R"({"customer_id":[42,7]})", "");
        row("overwrite is stamped", key, true, "", R"({"outcome":"failed"})",
            R"({"outcome":"failed","customer_id":42})");
        row("overwrite to another tenant", key, true, "", R"({"customer_id":7})", "");
        row("overwrite at a key", key, true, "other", R"({"a":1})", "");
        row("set at another key", key, false, "config", R"({"customer_id":7})",
            R"({"customer_id":7})");
        row("set at the tenant key", key, false, "customer_id", R"({"a":1})", "");
        row("set at the quoted tenant key", key, false, "\"customer_id\"", R"({"a":1})", "");
        row("set inside the tenant key", key, false, "customer_id.x", R"({"a":1})", "");
        row("set through the key as an array", key, false, "customer_id[]", R"({"a":1})", "");
        row("set at an invalid path", key, false, "a..b", R"({"a":1})", "");
        row("nested: set top-level object", nested, false, "",
            R"({"metadata":{"source":"chat"}})",
            R"({"metadata":{"source":"chat","customer_id":42}})");
        row("nested: set other", nested, false, "", R"({"content":"x"})", R"({"content":"x"})");
        row("nested: set the object to a text", nested, false, "", R"({"metadata":"x"})", "");
        row("nested: set at the parent", nested, false, "metadata", R"({"source":"chat"})",
            R"({"source":"chat"})");
        row("nested: set at the parent, key inside", nested, false, "metadata",
            R"({"customer_id":7})", "");
        row("nested: set at the parent, same", nested, false, "metadata",
            R"({"customer_id":42})", R"({"customer_id":42})");
        row("nested: set at a sibling", nested, false, "metadata.extra", R"({"customer_id":7})",
            R"({"customer_id":7})");
        row("nested: set through an array step", nested, false, "metadata[]",
            R"({"source":"x"})", "");
    }

    void checkPayloadEdit()
    {
        QFETCH(QString, key);
        QFETCH(bool, overwrite);
        QFETCH(QString, atKey);
        QFETCH(QByteArray, payload);
        QFETCH(QByteArray, expected);
        const auto edit = overwrite ? TenantScope::PayloadEdit::Overwrite
                                    : TenantScope::PayloadEdit::Set;
        const auto checked = scopeOf(42, key).checkPayloadEdit(kShared, object(payload), edit,
                                                               atKey);
        QCOMPARE(checked.ok(), !expected.isEmpty());
        if (checked.ok())
            QCOMPARE(text(checked.value()), text(object(expected)));
        else
            QCOMPARE(checked.error().kind, NetError::Kind::Invalid);
    }

    void checkPayloadKeyDeletion_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<bool>("allowed");

        const QString key = QStringLiteral("customer_id");
        const QString nested = QStringLiteral("metadata.customer_id");
        const auto row = [](const char *tag, const QString &key, const QStringList &keys, bool ok) {
            QTest::newRow(tag) << key << keys << ok;
        };
        row("other keys", key, {QStringLiteral("outcome"), QStringLiteral("tags[]")}, true);
        row("similar name", key, {QStringLiteral("customer_id_old")}, true);
        row("the tenant key", key, {QStringLiteral("outcome"), QStringLiteral("customer_id")},
            false);
        row("quoted", key, {QStringLiteral("\"customer_id\"")}, false);
        row("as an array", key, {QStringLiteral("customer_id[]")}, false);
        row("inside", key, {QStringLiteral("customer_id.x")}, false);
        row("not a path", key, {QStringLiteral("a..b")}, false);
        row("nested: the parent", nested, {QStringLiteral("metadata")}, false);
        row("nested: the parent as array", nested, {QStringLiteral("metadata[]")}, false);
        row("nested: the key", nested, {QStringLiteral("metadata.\"customer_id\"")}, false);
        row("nested: a sibling", nested, {QStringLiteral("metadata.source")}, true);
        row("nested: top-level look-alike", nested, {QStringLiteral("customer_id")}, true);
    }

    void checkPayloadKeyDeletion()
    {
        QFETCH(QString, key);
        QFETCH(QStringList, keys);
        QFETCH(bool, allowed);
        const auto checked = scopeOf(42, key).checkPayloadKeyDeletion(kShared, keys);
        QCOMPARE(checked.ok(), allowed);
        if (allowed)
            QCOMPARE(checked.value(), keys);
        else
            QCOMPARE(checked.error().kind, NetError::Kind::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestTenantScope)
#include "tst_tenantscope.moc"
