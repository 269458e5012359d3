#include "tenantscopetestutil.h"

#include <functional>

using namespace tenantscopetest;

// Raw strings here never hold a backslash: moc 6.4 loses track of them and skips the class.

namespace {

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

// What TenantScope's filters select: the scoped filter's structure, filters a user could type
// to get out of the scope, id selections and update guards, and random filter trees, each
// judged against points whose owner is written down by hand.
class TestTenantScopeFilters : public QObject
{
    Q_OBJECT

private slots:
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
            const QJsonObject &s = scoped.value();
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

QTEST_GUILESS_MAIN(TestTenantScopeFilters)
#include "tst_tenantscope_filters.moc"
