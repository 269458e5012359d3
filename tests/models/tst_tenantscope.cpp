#include "connectionprofile.h"
#include "tenantscope.h"

// memory-store's filter engine judges what a scoped filter selects, with Qdrant's semantics.
#include "filter.h"

#include <QtTest>

#include <functional>

namespace {

const char *const kUuid = "3f2a9c1e-0b7d-4c55-9e61-2d8f0a1b4c77";
const char *const kUuidUpper = "3F2A9C1E-0B7D-4C55-9E61-2D8F0A1B4C77";
const char *const kPointUuidA = "6a1b1f1e-1111-4c55-9e61-2d8f0a1b4c01";
const char *const kPointUuidB = "6a1b1f1e-2222-4c55-9e61-2d8f0a1b4c02";

QJsonObject object(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (!doc.isObject())
        qFatal("bad JSON in the test: %s (%s)", text.constData(), qPrintable(error.errorString()));
    return doc.object();
}

QByteArray text(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// QJsonObject → nlohmann through the JSON text, as a request body travels.
mstore::Json toStoreJson(const QJsonObject &o)
{
    return mstore::Json::parse(text(o).toStdString());
}

// The refusal's message, for QVERIFY2 (which builds its message even when the check passes).
template<typename T>
QString whyNot(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

QString uuid(const char *u)
{
    return QString::fromLatin1(u);
}

// Raw strings here never hold a backslash: moc 6.4 loses track of them and skips the class.

// Who owns a point under payload tenancy, written down by hand per point rather than computed,
// so the test does not share the scope's idea of ownership. "" = no single tenant.
struct TestPoint
{
    mstore::PointId id;
    mstore::Json payload;
    QString owner;
};

mstore::PointId numberId(uint64_t n)
{
    return mstore::PointId(n);
}

mstore::PointId uuidId(const char *u)
{
    return *mstore::PointId::fromUuid(u);
}

// Three tenants (the integer 42, the integer 7, a UUID string) and points that try to look
// like theirs.
const QList<TestPoint> &points()
{
    static const QList<TestPoint> all = [] {
        // @U and @V stand for the tenant UUID and its upper-case spelling.
        const auto p = [](mstore::PointId id, const char *payload, const char *owner) {
            const QByteArray json
                = QByteArray(payload).replace("@U", kUuid).replace("@V", kUuidUpper);
            return TestPoint{id, mstore::Json::parse(json.toStdString()),
                             QString::fromLatin1(owner)};
        };
        return QList<TestPoint>{
            p(numberId(1), R"({"customer_id": 42, "outcome": "success", "savings": 35})", "42"),
            p(numberId(2), R"({"customer_id": 42, "outcome": "failed", "tags": ["a", "b"],
                               "meta": {"customer_id": 7}})", "42"),
            p(numberId(3), R"({"customer_id": [42], "outcome": "success"})", "42"),
            p(numberId(4), R"({"customer_id": 7, "outcome": "success", "savings": 12})", "7"),
            p(numberId(5), R"({"customer_id": 7, "outcome": "rolled_back",
                               "meta": {"customer_id": 42}})", "7"),
            p(numberId(6), R"({"customer_id": "@U", "outcome": "success"})", "uuid"),
            p(numberId(7), R"({"customer_id": "42", "outcome": "success"})", "text 42"),
            p(numberId(8), R"({"customer_id": [42, 7], "outcome": "success"})", ""),
            p(numberId(9), R"({"customer_id": 42.0, "outcome": "success"})", ""),
            p(numberId(10), R"({"outcome": "success"})", ""),
            p(numberId(11), R"({"customer_id": null, "outcome": "success"})", ""),
            p(numberId(12), R"({"customer_id": {"id": 42}})", ""),
            p(numberId(13), "{\"customer_id[]\": 42, \"\\\"customer_id\\\"\": 42}", ""),
            p(numberId(14), R"({"customer_id": [[42]]})", ""),
            p(numberId(15), R"({"customer_id": "@V"})", ""),
            p(uuidId(kPointUuidA), R"({"customer_id": 7, "tags": ["a"]})", "7"),
            p(uuidId(kPointUuidB), R"({"customer_id": 42, "nested": [{"customer_id": 7}],
                                        "tags": ["b"]})", "42"),
            p(numberId(18), R"({"customer_id": []})", ""),
            p(numberId(19), R"({"customer_id": true})", ""),
            p(numberId(20), R"({"customer_id": [7, 7], "outcome": "success"})", ""),
            p(numberId(21), R"({"customer_id": 42, "customer_ids": [7], "savings": 80})", "42"),
            p(numberId(22), R"({"customer_id": ["@U"], "savings": 50})", "uuid"),
            p(numberId(23), R"({"customer_id": ["@U", 42]})", ""),
            p(numberId(24), R"({"customer_id": 7, "nested": [{"customer_id": 42}]})", "7"),
        };
    }();
    return all;
}

bool matches(const mstore::Filter &filter, const TestPoint &point)
{
    return filter.matches(mstore::PointView{point.id, point.payload, nullptr});
}

mstore::Filter parseStoreFilter(const QJsonObject &filter)
{
    return mstore::Filter::parse(toStoreJson(filter));
}

TenantScope scopeOf(const QJsonValue &tenant, const QString &key,
                    const QString &pattern = QString())
{
    CollectionPattern p;
    if (!pattern.isEmpty()) {
        auto parsed = CollectionPattern::parse(pattern);
        if (!parsed)
            qFatal("pattern: %s", qPrintable(parsed.error().message));
        p = parsed.value();
    }
    auto scope = TenantScope::forTenant(tenant, key, p);
    if (!scope)
        qFatal("scope: %s", qPrintable(scope.error().message));
    return scope.value();
}

TenantScope scope42()
{
    return scopeOf(42, QStringLiteral("customer_id"), QStringLiteral("company_{id}_{type}"));
}

TenantScope scopeUuid()
{
    return scopeOf(uuid(kUuid), QStringLiteral("customer_id"),
                   QStringLiteral("company_{id}_{type}"));
}

QString ownerOf(const TenantScope &scope)
{
    return scope.tenantValue().isString() ? QStringLiteral("uuid") : QStringLiteral("42");
}

const QString kShared = QStringLiteral("customer_context");

// The semantic check: a scoped filter selects exactly the user's selection among the tenant's
// points; so no other tenant's point, and no user condition lost. Returns a description of the
// first point that breaks it, or an empty string.
QString firstViolation(const TenantScope &scope, const QJsonObject &user,
                       const QJsonObject &scoped)
{
    const mstore::Filter userFilter = parseStoreFilter(user);
    const mstore::Filter scopedFilter = parseStoreFilter(scoped);
    const QString owner = ownerOf(scope);
    for (const TestPoint &point : points()) {
        const bool expected = matches(userFilter, point) && point.owner == owner;
        if (matches(scopedFilter, point) != expected) {
            return QStringLiteral("point %1 (owner \"%2\", payload %3): scoped filter %4 "
                                  "matches=%5, expected %6")
                .arg(QString::fromStdString(point.id.toString()), point.owner,
                     QString::fromStdString(point.payload.dump()),
                     QString::fromUtf8(text(scoped)), QVariant(!expected).toString(),
                     QVariant(expected).toString());
        }
    }
    return QString();
}

// Random Qdrant filters over the tenant key (in every spelling) and other fields.
class FilterGenerator
{
public:
    explicit FilterGenerator(quint32 seed) : m_random(seed) {}

    mstore::Json filter(int depth)
    {
        mstore::Json f = mstore::Json::object();
        const char *clauses[] = {"must", "should", "must_not"};
        for (const char *clause : clauses) {
            if (chance(45)) {
                // Qdrant also takes a single condition instead of a list.
                if (chance(15)) {
                    f[clause] = condition(depth);
                } else {
                    mstore::Json list = mstore::Json::array();
                    for (int i = bounded(4); i > 0; --i)
                        list.push_back(condition(depth));
                    f[clause] = list;
                }
            }
        }
        if (chance(25)) {
            mstore::Json list = mstore::Json::array();
            const int n = 1 + bounded(3);
            for (int i = 0; i < n; ++i)
                list.push_back(condition(depth));
            f["min_should"] = {{"conditions", list}, {"min_count", 1 + bounded(n + 1)}};
        }
        return f;
    }

private:
    bool chance(int percent) { return bounded(100) < percent; }
    int bounded(int n) { return int(m_random.bounded(quint32(n))); }

    template<typename T>
    const T &pick(const std::vector<T> &items)
    {
        return items.at(size_t(bounded(int(items.size()))));
    }

    mstore::Json value()
    {
        static const std::vector<mstore::Json> values = {42, 7, "42", "7", kUuid, kUuidUpper,
                                                         "success", "failed", "a", true, 0};
        return pick(values);
    }

    mstore::Json list()
    {
        mstore::Json ints = mstore::Json::array();
        mstore::Json strings = mstore::Json::array();
        for (int i = 1 + bounded(3); i > 0; --i) {
            static const std::vector<int> n = {42, 7, 0, 35};
            static const std::vector<std::string> s = {"42", "7", kUuid, "success", "a"};
            ints.push_back(pick(n));
            strings.push_back(pick(s));
        }
        return chance(50) ? ints : strings;
    }

    mstore::Json condition(int depth)
    {
        static const std::vector<std::string> keys = {
            "customer_id", "\"customer_id\"", "customer_id[]", "customer_id[0]",
            "meta.customer_id", "nested[].customer_id", "outcome", "savings", "tags", "tags[]",
            "customer_ids[]"};
        const int kind = bounded(depth < 4 ? 12 : 9);
        const std::string key = pick(keys);
        switch (kind) {
        case 0:
        case 1:
            return {{"key", key}, {"match", {{"value", value()}}}};
        case 2:
            return {{"key", key}, {"match", {{"any", list()}}}};
        case 3:
            return {{"key", key}, {"match", {{"except", list()}}}};
        case 4:
            return {{"key", key},
                    {"range", {{chance(50) ? "gte" : "lt", bounded(100)}}}};
        case 5:
            return {{"key", key},
                    {"values_count", {{chance(50) ? "gte" : "lt", bounded(4)}}}};
        case 6:
            return {{chance(50) ? "is_empty" : "is_null", {{"key", key}}}};
        case 7:
            return {{"key", key}, {"is_empty", chance(50)}};
        case 8: {
            static const std::vector<mstore::Json> ids = {1, 2, 3, 4, 5, 6, 7, 8, 20, 21,
                                                          kPointUuidA, kPointUuidB};
            mstore::Json list = mstore::Json::array();
            for (int i = 1 + bounded(4); i > 0; --i)
                list.push_back(pick(ids));
            return {{"has_id", list}};
        }
        case 9:
            return {{"nested", {{"key", "nested"}, {"filter", filterWithoutIds(depth + 1)}}}};
        default:
            return filter(depth + 1);
        }
    }

    // has_id is not allowed inside `nested` (Qdrant refuses it); redraw until there is none.
    mstore::Json filterWithoutIds(int depth)
    {
        for (;;) {
            mstore::Json f = filter(depth);
            if (f.dump().find("has_id") == std::string::npos)
                return f;
        }
    }

    QRandomGenerator m_random;
};

} // namespace

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

    // What the scoped filter looks like: the tenant condition, then the user's filter whole.
    void scopeFilterStructure_data()
    {
        QTest::addColumn<QJsonValue>("tenant");
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("expected");

        const QByteArray t42 = R"({"key":"customer_id","match":{"value":42}},)"
                               R"({"key":"customer_id","values_count":{"lt":2}})";
        QTest::newRow("empty") << QJsonValue(42) << QByteArray("{}")
                               << R"({"must":[)" + t42 + "]}";
        const QByteArray outcome = R"({"must":[{"key":"outcome","match":{"value":"success"}}]})";
        QTest::newRow("must") << QJsonValue(42) << outcome
                              << R"({"must":[)" + t42 + "," + outcome + "]}";
        QTest::newRow("top-level should stays inside")
            << QJsonValue(42)
            << QByteArray(R"({"should":[{"key":"customer_id","match":{"value":7}}]})")
            << R"({"must":[)" + t42
                   + R"(,{"should":[{"key":"customer_id","match":{"value":7}}]}]})";
        QTest::newRow("empty must kept") << QJsonValue(42) << QByteArray(R"({"must":[]})")
                                         << R"({"must":[)" + t42 + R"(,{"must":[]}]})";
        QTest::newRow("min_should kept")
            << QJsonValue(42)
            << QByteArray(R"({"min_should":{"conditions":[{"has_id":[4]}],"min_count":1}})")
            << R"({"must":[)" + t42
                   + R"(,{"min_should":{"conditions":[{"has_id":[4]}],"min_count":1}}]})";
        QTest::newRow("uuid tenant")
            << QJsonValue(uuid(kUuid)) << QByteArray("{}")
            << QByteArray(R"({"must":[{"key":"customer_id","match":{"value":"@U"}},)"
                          R"({"key":"customer_id","values_count":{"lt":2}}]})")
                   .replace("@U", kUuid);
        QTest::newRow("text 42 is not 42")
            << QJsonValue(QStringLiteral("42")) << QByteArray("{}")
            << QByteArray(R"({"must":[{"key":"customer_id","match":{"value":"42"}},)"
                          R"({"key":"customer_id","values_count":{"lt":2}}]})");
    }
    void scopeFilterStructure()
    {
        QFETCH(QJsonValue, tenant);
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, expected);
        const TenantScope scope = scopeOf(tenant, QStringLiteral("customer_id"));
        const auto scoped = scope.scopeFilter(kShared, object(user));
        QVERIFY2(scoped.ok(), qPrintable(whyNot(scoped)));
        QCOMPARE(text(scoped.value()), text(object(expected)));
    }

    // Filters a user could type to get out of the scope, checked structurally (the tenant
    // condition comes first and the user's filter is kept whole) and semantically (memory-store
    // evaluates them over the three tenants' points).
    void hostileFilters_data()
    {
        QTest::addColumn<QByteArray>("user");
        // True when the bare filter, unscoped, does reach another tenant's points: the row
        // really is an attempt to leave the scope.
        QTest::addColumn<bool>("leaksUnscoped");

        const auto row = [](const char *tag, const char *filter, bool leaks) {
            QTest::newRow(tag) << QByteArray(filter) << leaks;
        };
        row("nothing", "{}", true);
        row("top-level should other tenant",
            R"({"should":[{"key":"customer_id","match":{"value":7}}]})", true);
        row("should other tenant or anything",
            R"({"should":[{"key":"customer_id","match":{"value":7}},)"
            R"({"is_empty":{"key":"no_such_field"}}]})", true);
        row("should as a single condition",
            R"({"should":{"key":"customer_id","match":{"value":7}}})", true);
        row("must_not on the tenant key",
            R"({"must_not":[{"key":"customer_id","match":{"value":42}}]})", true);
        row("double negation",
            R"({"must_not":[{"must_not":[{"key":"customer_id","match":{"value":7}}]}]})", true);
        row("except the tenant", R"({"must":[{"key":"customer_id","match":{"except":[42]}}]})",
            true);
        row("any of both", R"({"must":[{"key":"customer_id","match":{"any":[42,7]}}]})", true);
        row("has_id of other tenants", R"({"must":[{"has_id":[4,5,6,7,8]}]})", true);
        row("has_id uuid of another tenant",
            R"({"should":[{"has_id":["6a1b1f1e-1111-4c55-9e61-2d8f0a1b4c01"]}]})", true);
        row("nested filter trying has_id",
            R"({"must":[{"should":[{"has_id":[4,5]},{"must_not":[{"has_id":[1]}]}]}]})", true);
        row("min_should over another tenant",
            R"({"min_should":{"conditions":[{"key":"customer_id","match":{"value":7}},)"
            R"({"has_id":[6]},{"key":"outcome","match":{"value":"success"}}],"min_count":1}})",
            true);
        row("array spelling of the key",
            R"({"should":[{"key":"customer_id[]","match":{"any":[7,42]}}]})", true);
        row("element spelling of the key",
            R"({"should":[{"key":"customer_id[0]","match":{"value":7}}]})", true);
        row("quoted key segment",
            "{\"should\":[{\"key\":\"\\\"customer_id\\\"\",\"match\":{\"value\":7}}]}", true);
        row("is_empty tenant key", R"({"should":[{"is_empty":{"key":"customer_id"}}]})", true);
        row("is_null tenant key", R"({"should":[{"is_null":{"key":"customer_id"}}]})", true);
        row("field is_empty false",
            R"({"must":[{"key":"customer_id","is_empty":false}]})", true);
        row("several values", R"({"must":[{"key":"customer_id","values_count":{"gte":2}}]})",
            true);
        row("range over every integer",
            R"({"should":[{"key":"customer_id","range":{"gte":0}}]})", true);
        row("text match on the uuid",
            R"({"should":[{"key":"customer_id","match":{"text":"3f2a"}}]})", true);
        row("nested array condition",
            R"({"must":[{"nested":{"key":"nested","filter":)"
            R"({"must":[{"key":"customer_id","match":{"value":42}}]}}}]})", true);
        row("tenant key under another object",
            R"({"must":[{"key":"meta.customer_id","match":{"value":42}}]})", true);
        row("slice of everything", R"({"must":[{"slice":{"index":0,"total":1}}]})", true);
        row("empty must", R"({"must":[]})", true);
        row("empty should", R"({"should":[]})", true);
        row("null clauses", R"({"must":null,"should":null,"must_not":null})", true);
        row("benign", R"({"must":[{"key":"outcome","match":{"value":"success"}}]})", true);
        row("own tenant only", R"({"must":[{"key":"customer_id","match":{"value":42}}]})", true);
        row("contradiction", R"({"must":[{"key":"customer_id","match":{"value":7}}]})", true);
    }
    void hostileFilters()
    {
        QFETCH(QByteArray, user);
        QFETCH(bool, leaksUnscoped);
        const QJsonObject userFilter = object(user);
        for (const TenantScope &scope : {scope42(), scopeUuid()}) {
            const auto scoped = scope.scopeFilter(kShared, userFilter);
            QVERIFY2(scoped.ok(), qPrintable(whyNot(scoped)));

            // Structure: only `must`, the tenant condition first, the user's filter last and
            // whole (never edited, never dropped).
            const QJsonObject s = scoped.value();
            QCOMPARE(s.keys(), QStringList{QStringLiteral("must")});
            const QJsonArray must = s.value(QStringLiteral("must")).toArray();
            const QJsonArray tenant = scope.tenantConditions();
            QCOMPARE(tenant.size(), 2);
            QCOMPARE(must.size(), tenant.size() + (userFilter.isEmpty() ? 0 : 1));
            for (qsizetype i = 0; i < tenant.size(); ++i)
                QCOMPARE(must.at(i), tenant.at(i));
            if (!userFilter.isEmpty())
                QCOMPARE(must.last().toObject(), userFilter);

            // Semantics, with memory-store's filter engine.
            const QString violation = firstViolation(scope, userFilter, s);
            QVERIFY2(violation.isEmpty(), qPrintable(violation));

            if (leaksUnscoped && scope.tenantValue() == QJsonValue(42)) {
                const mstore::Filter bare = parseStoreFilter(userFilter);
                bool foreign = false;
                for (const TestPoint &p : points())
                    foreign = foreign || (p.owner != ownerOf(scope) && matches(bare, p));
                QVERIFY2(foreign, "the unscoped filter should reach another tenant's point");
            }
        }
    }

    void ownTenantStillSeesItsPoints()
    {
        const auto scoped = scope42().scopeFilter(kShared, {});
        const mstore::Filter f = parseStoreFilter(scoped.value());
        QStringList seen;
        for (const TestPoint &p : points()) {
            if (matches(f, p))
                seen.append(QString::fromStdString(p.id.toString()));
        }
        QCOMPARE(seen, QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                                    uuid(kPointUuidB), QStringLiteral("21")}));
    }

    void userFilterWithOtherFieldsIsRefused_data()
    {
        QTest::addColumn<QByteArray>("user");
        QTest::newRow("a bare condition")
            << QByteArray(R"({"key":"customer_id","match":{"value":7}})");
        QTest::newRow("a has_id condition") << QByteArray(R"({"has_id":[4]})");
        QTest::newRow("a wrapped filter") << QByteArray(R"({"filter":{"must":[]}})");
        QTest::newRow("a typo") << QByteArray(R"({"must_nt":[{"has_id":[1]}]})");
    }
    void userFilterWithOtherFieldsIsRefused()
    {
        QFETCH(QByteArray, user);
        const auto shared = scope42().scopeFilter(kShared, object(user));
        QVERIFY(!shared.ok());
        QCOMPARE(shared.error().kind, NetError::Kind::Invalid);
        QVERIFY(!scope42().scopeFilter(QStringLiteral("company_42_x"), object(user)).ok());
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
        const auto row = [](const char *tag, const QString &key, QStringList keys, bool ok) {
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

    void idSelectionOnlyReachesTheTenantsPoints()
    {
        const TenantScope scope = scope42();
        const QJsonArray ids{1, 4, 6, 7, 8, uuid(kPointUuidA), uuid(kPointUuidB)};
        const auto selection = scope.scopeIdSelection(kShared, ids);
        QVERIFY(selection.ok());
        QJsonArray expectedMust = scope.tenantConditions();
        expectedMust.append(QJsonObject{{QStringLiteral("has_id"), ids}});
        QCOMPARE(selection.value(), QJsonObject({{QStringLiteral("must"), expectedMust}}));

        const mstore::Filter f = parseStoreFilter(selection.value());
        QStringList hit;
        for (const TestPoint &p : points()) {
            if (matches(f, p))
                hit.append(QString::fromStdString(p.id.toString()));
        }
        QCOMPARE(hit, QStringList({QStringLiteral("1"), uuid(kPointUuidB)}));

        QVERIFY(!scope.scopeIdSelection(kShared, {1, -1}).ok());
        QVERIFY(!scope.scopeIdSelection(kShared, {1.5}).ok());
        QVERIFY(!scope.scopeIdSelection(kShared, {true}).ok());
        QVERIFY(!scope.scopeIdSelection(kShared, {QString()}).ok());
    }

    void updateFilterKeepsOtherTenantsPoints()
    {
        const auto guard = scope42().scopeUpdateFilter(kShared);
        QVERIFY(guard.ok());
        const mstore::Filter f = parseStoreFilter(guard.value());
        for (const TestPoint &p : points())
            QCOMPARE(matches(f, p), p.owner == QLatin1String("42"));
    }

    // Random filter trees (must / should / must_not / min_should / nested over the tenant key
    // in all its spellings, other fields and ids): the scoped filter selects exactly the
    // user's selection among the tenant's own points. Set TENANTSCOPE_SEED to replay a run.
    void randomFiltersNeverLeaveTheTenant()
    {
        constexpr int Filters = 2000;
        quint32 seed = 20240611;
        if (qEnvironmentVariableIsSet("TENANTSCOPE_SEED"))
            seed = quint32(qEnvironmentVariableIntValue("TENANTSCOPE_SEED"));
        qInfo("property test: %d random filters, seed %u (TENANTSCOPE_SEED)", Filters, seed);

        FilterGenerator generator(seed);
        const TenantScope scopes[] = {scope42(), scopeUuid()};
        int leakyUnscoped = 0;
        int findOwnPoints = 0;
        for (int i = 0; i < Filters; ++i) {
            const mstore::Json generated = generator.filter(0);
            const QJsonObject user = object(QByteArray::fromStdString(generated.dump()));
            for (const TenantScope &scope : scopes) {
                const auto scoped = scope.scopeFilter(kShared, user);
                QVERIFY2(scoped.ok(), qPrintable(whyNot(scoped)));
                QString violation;
                try {
                    violation = firstViolation(scope, user, scoped.value());
                } catch (const std::exception &e) {
                    QFAIL(qPrintable(QStringLiteral("seed %1, filter %2: %3 (%4)")
                                         .arg(seed)
                                         .arg(i)
                                         .arg(QString::fromUtf8(text(user)),
                                              QString::fromUtf8(e.what()))));
                }
                QVERIFY2(violation.isEmpty(), qPrintable(QStringLiteral("seed %1, filter %2: %3 "
                                                                        "— %4")
                                                             .arg(seed)
                                                             .arg(i)
                                                             .arg(QString::fromUtf8(text(user)),
                                                                  violation)));
                if (scope.tenantValue() == QJsonValue(42)) {
                    const mstore::Filter bare = parseStoreFilter(user);
                    const mstore::Filter s = parseStoreFilter(scoped.value());
                    bool foreign = false;
                    bool own = false;
                    for (const TestPoint &p : points()) {
                        foreign = foreign || (p.owner != QLatin1String("42") && matches(bare, p));
                        own = own || matches(s, p);
                    }
                    leakyUnscoped += foreign ? 1 : 0;
                    findOwnPoints += own ? 1 : 0;
                }
            }
        }
        qInfo("%d of %d filters reach other tenants' points unscoped; scoped, %d still find some "
              "of tenant 42's points",
              leakyUnscoped, Filters, findOwnPoints);
        // The property would hold vacuously if the filters were all harmless or all empty.
        QVERIFY(leakyUnscoped > Filters / 5);
        QVERIFY(findOwnPoints > Filters / 10);
    }
};

QTEST_GUILESS_MAIN(TestTenantScope)
#include "tst_tenantscope.moc"
