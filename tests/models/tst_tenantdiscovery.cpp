// TenantDiscovery against a real memory-store: tenants from collection names and from the
// tenant key (facet where an index allows it, a bounded scroll sample where not), with their
// JSON types kept.

#include "consolesession.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "storeclient.h"
#include "tenantdiscovery.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString kKey = QStringLiteral("customer_id");

QJsonObject point(quint64 id, const QJsonValue &customer)
{
    QJsonObject payload {{QStringLiteral("text"), QStringLiteral("note %1").arg(id)}};
    if (!customer.isUndefined())
        payload.insert(kKey, customer);
    return {{QStringLiteral("id"), qint64(id)},
        {QStringLiteral("vector"), QJsonArray {double(id), 1.0}},
        {QStringLiteral("payload"), payload}};
}

const TenantDiscoveryResult::KeyScan *scanOf(
    const TenantDiscoveryResult &result, const QString &collection)
{
    for (const auto &scan : result.scans) {
        if (scan.collection == collection)
            return &scan;
    }
    return nullptr;
}

// The count of a tenant in a collection, -1 when it has none there; sampled in *sampled.
qint64 countIn(
    const TenantDiscoveryResult::Tenant *tenant, const QString &collection, bool *sampled = nullptr)
{
    if (!tenant)
        return -1;
    for (const auto &count : tenant->pointCounts) {
        if (count.collection == collection) {
            if (sampled)
                *sampled = count.sampled;
            return count.count;
        }
    }
    return -1;
}

} // namespace

class TestTenantDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void valuesAtFollowsPathsAndArrays();
    void tenantsFromNamesAndFromTheKey();
    void facetOnAnIndexIsExact();
    void withoutAnIndexItSamplesAndSaysSo();
    void sampleIsBoundedAndReportsProgress();
    void integerAndTextTenantsStayDistinct();
    void integerIndexLeavesTextToTheSample();
    void namesOnlyWithoutAPayloadKey();
    void keyOnlyWithoutAPattern();
    void aMalformedPatternFails();
    void aTenantKeyThroughAnArrayFails();
    void cancelStopsAndSaysSo();

private:
    void makeCollection(
        const QString &name, const QJsonArray &points, const QString &index = QString());
    Result<TenantDiscoveryResult> discover(
        const ConnectionProfile &profile, const TenantKeyScan::Options &options = {});

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    ConnectionProfile m_profile;
};

void TestTenantDiscovery::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = std::make_unique<ConsoleSession>();
    m_profile = ConnectionProfile::create(QStringLiteral("test"), QUrl(m_store.baseUrl()));
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(m_profile, QString());
    QVERIFY(opened.wait(10000));
}

void TestTenantDiscovery::makeCollection(
    const QString &name, const QJsonArray &points, const QString &index)
{
    const QString path = QStringLiteral("/collections/") + name;
    QCOMPARE(m_raw->put(path, vectorsConfig(2, QStringLiteral("Dot"))).status, 200);
    if (!index.isEmpty()) {
        const QJsonObject body {
            {QStringLiteral("field_name"), kKey}, {QStringLiteral("field_schema"), index}};
        QCOMPARE(m_raw->put(path + QStringLiteral("/index?wait=true"), body).status, 200);
    }
    if (!points.isEmpty()) {
        QCOMPARE(m_raw
                     ->put(path + QStringLiteral("/points?wait=true"),
                         QJsonObject {{QStringLiteral("points"), points}})
                     .status,
            200);
    }
}

void TestTenantDiscovery::init()
{
    const auto listed = m_raw->get(QStringLiteral("/collections"));
    const QJsonArray existing
        = listed.result().toObject().value(QStringLiteral("collections")).toArray();
    for (const QJsonValue &c : existing) {
        m_raw->del(QStringLiteral("/collections/")
            + c.toObject().value(QStringLiteral("name")).toString());
    }
    // No index: 3 acme, 2 globex, 2 × 42, 1 × "42", one without the key, one shared by acme
    // and 7, and two values that cannot be tenants (true, 4.5).
    makeCollection(QStringLiteral("shared_memory"),
        QJsonArray {point(1, QStringLiteral("acme")), point(2, QStringLiteral("acme")),
            point(3, QStringLiteral("acme")), point(4, QStringLiteral("globex")),
            point(5, QStringLiteral("globex")), point(6, 42), point(7, 42),
            point(8, QStringLiteral("42")), point(9, QJsonValue::Undefined),
            point(10, QJsonArray {QStringLiteral("acme"), 7}), point(11, true), point(12, 4.5)});
    // A keyword index: the facet sees the text values; the integer 42 only a sample finds.
    makeCollection(QStringLiteral("shared_indexed"),
        QJsonArray {point(1, QStringLiteral("acme")), point(2, QStringLiteral("acme")),
            point(3, QStringLiteral("initech")), point(4, 42), point(5, QJsonValue::Undefined)},
        QStringLiteral("keyword"));
    // A keyword index and nothing but text: the facet alone.
    makeCollection(QStringLiteral("shared_clean"),
        QJsonArray {point(1, QStringLiteral("acme")), point(2, QStringLiteral("globex")),
            point(3, QStringLiteral("globex"))},
        QStringLiteral("keyword"));
    for (const QString &own : {QStringLiteral("company_acme_notes"),
             QStringLiteral("company_acme_costs"), QStringLiteral("company_9_notes"),
             QStringLiteral("company_10_notes"), QStringLiteral("company_42_notes")}) {
        makeCollection(own, QJsonArray {point(1, QStringLiteral("someone"))});
    }
}

Result<TenantDiscoveryResult> TestTenantDiscovery::discover(
    const ConnectionProfile &profile, const TenantKeyScan::Options &options)
{
    TenantDiscovery discovery;
    discovery.setOptions(options);
    QSignalSpy finished(&discovery, &TenantDiscovery::finished);
    QSignalSpy failed(&discovery, &TenantDiscovery::failed);
    discovery.start(m_session->client(), profile);
    if (!QTest::qWaitFor([&] { return finished.size() + failed.size() > 0; }, 20000)) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = QStringLiteral("test: discovery did not end");
        return error;
    }
    if (!failed.isEmpty())
        return failed.constFirst().constFirst().value<NetError>();
    if (finished.size() != 1 || discovery.isRunning()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = QStringLiteral("test: finished %1 times").arg(finished.size());
        return error;
    }
    return discovery.result();
}

void TestTenantDiscovery::valuesAtFollowsPathsAndArrays()
{
    const QJsonObject payload {
        {QStringLiteral("customer_id"), QJsonArray {QStringLiteral("a"), 7, QStringLiteral("a")}},
        {QStringLiteral("meta"),
            QJsonArray {QJsonObject {{QStringLiteral("owner"), QStringLiteral("x")}},
                QJsonObject {{QStringLiteral("owner"), QJsonArray {QStringLiteral("y")}}},
                QJsonObject {{QStringLiteral("owner"), QJsonValue::Null}}}},
        {QStringLiteral("nested"), QJsonArray {QJsonArray {1, 2}}},
    };
    QCOMPARE(TenantKeyScan::valuesAt(payload, {QStringLiteral("customer_id")}),
        (QList<QJsonValue> {QStringLiteral("a"), 7}));
    QCOMPARE(TenantKeyScan::valuesAt(payload, {QStringLiteral("meta"), QStringLiteral("owner")}),
        (QList<QJsonValue> {QStringLiteral("x"), QStringLiteral("y")}));
    QVERIFY(TenantKeyScan::valuesAt(payload, {QStringLiteral("nested")}).isEmpty());
    QVERIFY(TenantKeyScan::valuesAt(payload, {QStringLiteral("missing")}).isEmpty());
}

void TestTenantDiscovery::tenantsFromNamesAndFromTheKey()
{
    // Discovery reads across tenants whatever the session's scope is.
    m_session->setScope(TenantScope::forProfile(m_profile, QStringLiteral("acme")).value());
    const auto result = discover(m_profile);
    QVERIFY2(result.ok(), errorOf(result));
    const TenantDiscoveryResult &r = result.value();

    QStringList labels;
    for (const auto &tenant : r.tenants)
        labels.append(tenant.value.isString() ? QLatin1Char('"') + tenant.id() + QLatin1Char('"')
                                              : tenant.id());
    // Sorted as a person reads ids (9 before 10); the integer 42 before the text "42".
    QCOMPARE(labels.join(QLatin1Char(' ')),
        QStringLiteral("7 \"9\" \"10\" 42 \"42\" \"acme\" \"globex\" \"initech\""));
    QCOMPARE(r.sharedCollections,
        (QStringList {QStringLiteral("shared_clean"), QStringLiteral("shared_indexed"),
            QStringLiteral("shared_memory")}));
    QVERIFY(r.problems.isEmpty());

    const auto *acme = r.find(QStringLiteral("acme"));
    QVERIFY(acme);
    QVERIFY(acme->foundByName);
    QVERIFY(acme->foundByKey);
    QCOMPARE(acme->collections,
        (QStringList {QStringLiteral("company_acme_costs"), QStringLiteral("company_acme_notes")}));
    QCOMPARE(countIn(acme, QStringLiteral("shared_memory")), 4); // 3 + the one shared with 7
    QCOMPARE(countIn(acme, QStringLiteral("shared_indexed")), 2);
    QCOMPARE(countIn(acme, QStringLiteral("shared_clean")), 1);
    QCOMPARE(acme->sharedPoints(), 7);

    const auto *nine = r.find(QStringLiteral("9"));
    QVERIFY(nine);
    QVERIFY(nine->foundByName);
    QVERIFY(!nine->foundByKey);
    QCOMPARE(nine->collections, QStringList {QStringLiteral("company_9_notes")});
    QVERIFY(nine->pointCounts.isEmpty());
    QVERIFY(!r.find(9)); // found by name only: the text "9"

    const auto *initech = r.find(QStringLiteral("initech"));
    QVERIFY(initech);
    QVERIFY(!initech->foundByName);
    QVERIFY(initech->collections.isEmpty());

    // The own collections of "someone" are not searched for the key: no tenant "someone".
    QVERIFY(!r.find(QStringLiteral("someone")));
    // true and 4.5 cannot be tenants; they are counted, not listed.
    QCOMPARE(scanOf(r, QStringLiteral("shared_memory"))->unusableValues, 2);
}

void TestTenantDiscovery::facetOnAnIndexIsExact()
{
    const auto result = discover(m_profile);
    QVERIFY2(result.ok(), errorOf(result));
    const auto *clean = scanOf(result.value(), QStringLiteral("shared_clean"));
    QVERIFY(clean);
    QCOMPARE(clean->indexType, QStringLiteral("keyword"));
    QVERIFY(clean->usedFacet);
    QVERIFY(!clean->usedSample());
    QCOMPARE(clean->description(), QStringLiteral("facet on the keyword index"));
    bool sampled = true;
    QCOMPARE(countIn(result.value().find(QStringLiteral("globex")), QStringLiteral("shared_clean"),
                 &sampled),
        2);
    QVERIFY(!sampled);
}

void TestTenantDiscovery::withoutAnIndexItSamplesAndSaysSo()
{
    const auto result = discover(m_profile);
    QVERIFY2(result.ok(), errorOf(result));
    const TenantDiscoveryResult &r = result.value();
    QVERIFY(r.sampled());
    const auto *memory = scanOf(r, QStringLiteral("shared_memory"));
    QVERIFY(memory);
    QVERIFY(!memory->usedFacet);
    QVERIFY(memory->indexType.isEmpty());
    // 11 points carry the key; the sample read them all.
    QCOMPARE(memory->sampleFrom, 11);
    QCOMPARE(memory->sampled, 11);
    QVERIFY(!memory->sampleIsPartial());
    QCOMPARE(memory->description(), QStringLiteral("no index; sampled (11 of 11 points)"));
    bool sampled = false;
    QCOMPARE(
        countIn(r.find(QStringLiteral("globex")), QStringLiteral("shared_memory"), &sampled), 2);
    QVERIFY(sampled);
    QVERIFY(r.find(QStringLiteral("globex"))->sampled());
    QVERIFY(!r.find(QStringLiteral("9"))->sampled());
}

void TestTenantDiscovery::sampleIsBoundedAndReportsProgress()
{
    TenantKeyScan::Options options;
    options.pageSize = 2;
    options.sampleBound = 4;
    TenantDiscovery discovery;
    discovery.setOptions(options);
    QSignalSpy finished(&discovery, &TenantDiscovery::finished);
    QSignalSpy progress(&discovery, &TenantDiscovery::progress);
    discovery.start(m_session->client(), m_profile);
    QVERIFY(finished.wait(20000));
    const auto *memory = scanOf(discovery.result(), QStringLiteral("shared_memory"));
    QVERIFY(memory);
    QCOMPARE(memory->sampled, 4);
    QCOMPARE(memory->sampleFrom, 11);
    QVERIFY(memory->sampleIsPartial());
    QCOMPARE(memory->description(), QStringLiteral("no index; sampled (4 of 11 points)"));
    // Ids 1..4 in id order: acme ×3, globex ×1.
    QCOMPARE(
        countIn(discovery.result().find(QStringLiteral("acme")), QStringLiteral("shared_memory")),
        3);
    QVERIFY(!progress.isEmpty());
    const QList<QVariant> &last = progress.constLast();
    QCOMPARE(last.at(0).toInt(), 3); // every shared collection read
    QCOMPARE(last.at(1).toInt(), 3);
    QCOMPARE(last.at(2).toLongLong(), 4 + 1); // 4 here, 1 from shared_indexed's leftover
}

void TestTenantDiscovery::integerAndTextTenantsStayDistinct()
{
    const auto result = discover(m_profile);
    QVERIFY2(result.ok(), errorOf(result));
    const TenantDiscoveryResult &r = result.value();
    const auto *integer = r.find(42);
    const auto *text = r.find(QStringLiteral("42"));
    QVERIFY(integer);
    QVERIFY(text);
    QVERIFY(integer != text);
    QVERIFY(integer->value.isDouble());
    QVERIFY(text->value.isString());
    QCOMPARE(countIn(integer, QStringLiteral("shared_memory")), 2);
    QCOMPARE(countIn(text, QStringLiteral("shared_memory")), 1);
    // The keyword index holds no integer: the 42 there was found by the sample that follows
    // the facet, and says so.
    bool sampled = false;
    QCOMPARE(countIn(integer, QStringLiteral("shared_indexed"), &sampled), 1);
    QVERIFY(sampled);
    QCOMPARE(countIn(text, QStringLiteral("shared_indexed")), -1);
    const auto *indexed = scanOf(r, QStringLiteral("shared_indexed"));
    QVERIFY(indexed->usedFacet);
    QCOMPARE(indexed->sampleFrom, 1);
    QCOMPARE(indexed->description(),
        QStringLiteral("facet on the keyword index; sampled (1 of 1 points)"));
    // company_42_notes is named after "42", and both tenants' scopes cover it.
    QCOMPARE(integer->collections, QStringList {QStringLiteral("company_42_notes")});
    QCOMPARE(text->collections, QStringList {QStringLiteral("company_42_notes")});
    // 7 was only ever an integer (in [acme, 7]).
    QVERIFY(r.find(7));
    QVERIFY(!r.find(QStringLiteral("7")));
}

void TestTenantDiscovery::integerIndexLeavesTextToTheSample()
{
    makeCollection(QStringLiteral("shared_numbers"),
        QJsonArray {point(1, 42), point(2, 42), point(3, 5), point(4, QStringLiteral("42"))},
        QStringLiteral("integer"));
    const auto result = discover(m_profile);
    QVERIFY2(result.ok(), errorOf(result));
    const TenantDiscoveryResult &r = result.value();
    bool sampled = true;
    QCOMPARE(countIn(r.find(42), QStringLiteral("shared_numbers"), &sampled), 2);
    QVERIFY(!sampled);
    QCOMPARE(countIn(r.find(5), QStringLiteral("shared_numbers"), &sampled), 1);
    QVERIFY(!sampled);
    QCOMPARE(countIn(r.find(QStringLiteral("42")), QStringLiteral("shared_numbers"), &sampled), 1);
    QVERIFY(sampled);
    QCOMPARE(scanOf(r, QStringLiteral("shared_numbers"))->indexType, QStringLiteral("integer"));
}

void TestTenantDiscovery::namesOnlyWithoutAPayloadKey()
{
    ConnectionProfile profile = m_profile;
    profile.tenantPayloadKey.clear();
    const auto result = discover(profile);
    QVERIFY2(result.ok(), errorOf(result));
    QVERIFY(result.value().scans.isEmpty());
    QStringList ids;
    for (const auto &tenant : result.value().tenants)
        ids.append(tenant.id());
    QCOMPARE(ids,
        (QStringList {QStringLiteral("9"), QStringLiteral("10"), QStringLiteral("42"),
            QStringLiteral("acme")}));
}

void TestTenantDiscovery::keyOnlyWithoutAPattern()
{
    ConnectionProfile profile = m_profile;
    profile.collectionPattern.clear();
    const auto result = discover(profile);
    QVERIFY2(result.ok(), errorOf(result));
    const TenantDiscoveryResult &r = result.value();
    // Every collection is shared now, the companies' own included: "someone" is a tenant.
    QCOMPARE(r.sharedCollections.size(), 8);
    QVERIFY(r.find(QStringLiteral("someone")));
    QCOMPARE(r.find(QStringLiteral("someone"))->pointCounts.size(), 5);
    QVERIFY(!r.find(QStringLiteral("9")));
    for (const auto &tenant : r.tenants)
        QVERIFY(!tenant.foundByName);
}

void TestTenantDiscovery::aMalformedPatternFails()
{
    ConnectionProfile profile = m_profile;
    profile.collectionPattern = QStringLiteral("company_{tenant}");
    const auto result = discover(profile);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Invalid);
    QVERIFY2(result.error().message.contains(QStringLiteral("{tenant}")),
        qPrintable(result.error().message));
}

void TestTenantDiscovery::aTenantKeyThroughAnArrayFails()
{
    ConnectionProfile profile = m_profile;
    profile.tenantPayloadKey = QStringLiteral("owners[].id");
    const auto result = discover(profile);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Invalid);
    QCOMPARE(result.error().message,
        QStringLiteral("The tenant payload key \"owners[].id\" is not a path of object keys."));
}

void TestTenantDiscovery::cancelStopsAndSaysSo()
{
    TenantDiscovery discovery;
    QSignalSpy finished(&discovery, &TenantDiscovery::finished);
    QSignalSpy failed(&discovery, &TenantDiscovery::failed);
    discovery.start(m_session->client(), m_profile);
    QVERIFY(discovery.isRunning());
    // Let it get into the collections, then stop it.
    QSignalSpy progress(&discovery, &TenantDiscovery::progress);
    QVERIFY(progress.wait(10000));
    discovery.cancel();
    QVERIFY(!discovery.isRunning());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.constFirst().constFirst().value<NetError>().kind, NetError::Kind::Cancelled);
    // Nothing arrives late: a second discovery runs to its end meanwhile.
    const auto after = discover(m_profile);
    QVERIFY2(after.ok(), errorOf(after));
    QCOMPARE(finished.size(), 0);
    QCOMPARE(failed.size(), 1);
}

QTEST_MAIN(TestTenantDiscovery)
#include "tst_tenantdiscovery.moc"
