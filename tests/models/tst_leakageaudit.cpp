// LeakageAudit against a real memory-store: planted leaks are found with exact counts, and
// each finding's filter selects exactly the planted points (checked with a plain client).

#include "consolesession.h"
#include "leakageaudit.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString kKey = QStringLiteral("customer_id");
const QString kShared = QStringLiteral("shared_memory");
const QString kAcme = QStringLiteral("company_acme_notes");
const QString kFortyTwo = QStringLiteral("company_42_notes");

QJsonObject point(quint64 id, const QJsonValue &customer)
{
    QJsonObject payload {{QStringLiteral("text"), QStringLiteral("note %1").arg(id)}};
    if (!customer.isUndefined())
        payload.insert(kKey, customer);
    return {{QStringLiteral("id"), qint64(id)},
        {QStringLiteral("vector"), QJsonArray {double(id), 1.0}},
        {QStringLiteral("payload"), payload}};
}

QJsonArray pair(const QJsonValue &a, const QJsonValue &b)
{
    return QJsonArray {a, b};
}

} // namespace

class TestLeakageAudit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void foreignValueFilterAcceptsBothSpellingsOfTheName();
    void allTenantsFindsThePlantedLeaks();
    void eachFilterSelectsExactlyThePlantedPoints();
    void aTenantAuditsOnlyItsCollections();
    void aForeignValueOpensInsideTheTenantScope();
    void ambiguousNamesAreFindings();
    void noTenantChosenIsRefused();
    void cancelStopsAndSaysSo();

private:
    void makeCollection(const QString &name, const QJsonArray &points);
    Result<QList<LeakageFinding>> audit(const TenantScope &scope, const ConnectionProfile &profile);
    /// The ids the plain client finds with filter, sorted.
    QList<quint64> idsMatching(const QString &collection, const QJsonObject &filter);
    static const LeakageFinding *findingOf(const QList<LeakageFinding> &findings,
        const QString &collection, LeakageFinding::Kind kind);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    ConnectionProfile m_profile;
};

void TestLeakageAudit::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = std::make_unique<ConsoleSession>();
    m_profile = ConnectionProfile::create(QStringLiteral("test"), QUrl(m_store.baseUrl()));
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(m_profile, QString());
    QVERIFY(opened.wait(10000));
}

void TestLeakageAudit::makeCollection(const QString &name, const QJsonArray &points)
{
    const QString path = QStringLiteral("/collections/") + name;
    m_raw->del(path);
    QCOMPARE(m_raw->put(path, vectorsConfig(2, QStringLiteral("Dot"))).status, 200);
    QCOMPARE(m_raw
                 ->put(path + QStringLiteral("/points?wait=true"),
                     QJsonObject {{QStringLiteral("points"), points}})
                 .status,
        200);
}

void TestLeakageAudit::init()
{
    const auto listed = m_raw->get(QStringLiteral("/collections"));
    for (const QJsonValue &c :
        listed.result().toObject().value(QStringLiteral("collections")).toArray()) {
        m_raw->del(QStringLiteral("/collections/")
            + c.toObject().value(QStringLiteral("name")).toString());
    }
    // Shared: without the key 4 (missing), 5 (null), 6 ([]); several values 7 and 8.
    makeCollection(kShared,
        QJsonArray {point(1, QStringLiteral("acme")), point(2, QStringLiteral("acme")),
            point(3, QStringLiteral("globex")), point(4, QJsonValue::Undefined),
            point(5, QJsonValue::Null), point(6, QJsonArray()),
            point(7, pair(QStringLiteral("acme"), QStringLiteral("globex"))),
            point(8, pair(QStringLiteral("globex"), 42)), point(9, 42)});
    // acme's own: 3 (globex), 4 (acme and globex) and 5 ("ACME") disagree; 2 has no key.
    makeCollection(kAcme,
        QJsonArray {point(1, QStringLiteral("acme")), point(2, QJsonValue::Undefined),
            point(3, QStringLiteral("globex")),
            point(4, pair(QStringLiteral("acme"), QStringLiteral("globex"))),
            point(5, QStringLiteral("ACME"))});
    // 42's own: 42 and "42" both agree with the name; 43 and "x" do not.
    makeCollection(kFortyTwo,
        QJsonArray {point(1, 42), point(2, QStringLiteral("42")), point(3, 43),
            point(4, QStringLiteral("x"))});
}

Result<QList<LeakageFinding>> TestLeakageAudit::audit(
    const TenantScope &scope, const ConnectionProfile &profile)
{
    LeakageAudit audit;
    QSignalSpy finished(&audit, &LeakageAudit::finished);
    QSignalSpy failed(&audit, &LeakageAudit::failed);
    audit.start(m_session->client(), profile, scope);
    if (!QTest::qWaitFor([&] { return finished.size() + failed.size() > 0; }, 20000)) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = QStringLiteral("test: the audit did not end");
        return error;
    }
    if (!failed.isEmpty())
        return failed.constFirst().constFirst().value<NetError>();
    if (!audit.problems().isEmpty())
        return audit.problems().constFirst();
    return audit.findings();
}

QList<quint64> TestLeakageAudit::idsMatching(const QString &collection, const QJsonObject &filter)
{
    QJsonObject body {{QStringLiteral("limit"), 100}, {QStringLiteral("with_payload"), false}};
    if (!filter.isEmpty())
        body.insert(QStringLiteral("filter"), filter);
    const auto response
        = m_raw->post(QStringLiteral("/collections/%1/points/scroll").arg(collection), body);
    if (response.status != 200)
        qWarning("scroll: %d %s", response.status, qPrintable(response.error()));
    QList<quint64> ids;
    for (const QJsonValue &p :
        response.result().toObject().value(QStringLiteral("points")).toArray())
        ids.append(quint64(p.toObject().value(QStringLiteral("id")).toInteger()));
    std::sort(ids.begin(), ids.end());
    return ids;
}

const LeakageFinding *TestLeakageAudit::findingOf(
    const QList<LeakageFinding> &findings, const QString &collection, LeakageFinding::Kind kind)
{
    for (const LeakageFinding &finding : findings) {
        if (finding.collection == collection && finding.kind == kind)
            return &finding;
    }
    return nullptr;
}

void TestLeakageAudit::foreignValueFilterAcceptsBothSpellingsOfTheName()
{
    const QJsonObject numeric = LeakageAudit::foreignValueFilter(kKey, QStringLiteral("42"));
    const QJsonArray agreeing = numeric.value(QStringLiteral("should"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("must_not"))
                                    .toArray();
    QCOMPARE(agreeing.size(), 2);
    QVERIFY(agreeing.at(0)
                .toObject()
                .value(QStringLiteral("match"))
                .toObject()
                .value(QStringLiteral("value"))
                .isString());
    QVERIFY(agreeing.at(1)
                .toObject()
                .value(QStringLiteral("match"))
                .toObject()
                .value(QStringLiteral("value"))
                .isDouble());
    // "042" is not how the integer 42 is written: only the text agrees.
    const QJsonObject padded = LeakageAudit::foreignValueFilter(kKey, QStringLiteral("042"));
    QCOMPARE(padded.value(QStringLiteral("should"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("must_not"))
                 .toArray()
                 .size(),
        1);
}

void TestLeakageAudit::allTenantsFindsThePlantedLeaks()
{
    const auto result = audit(TenantScope::allTenants(), m_profile);
    QVERIFY2(result.ok(), errorOf(result));
    const QList<LeakageFinding> &findings = result.value();
    using K = LeakageFinding::Kind;
    QCOMPARE(findings.size(), 4); // two checks of the shared collection, one per own one
    const LeakageFinding *missing = findingOf(findings, kShared, K::MissingKey);
    QVERIFY(missing);
    QCOMPARE(missing->count, 3);
    QCOMPARE(missing->title(), QStringLiteral("Points without customer_id"));
    QVERIFY(!missing->adminOnly);
    const LeakageFinding *several = findingOf(findings, kShared, K::SeveralValues);
    QVERIFY(several);
    QCOMPARE(several->count, 2);
    const LeakageFinding *acme = findingOf(findings, kAcme, K::ForeignValue);
    QVERIFY(acme);
    QCOMPARE(acme->count, 3);
    QCOMPARE(acme->tenantId, QStringLiteral("acme"));
    QCOMPARE(acme->title(), QStringLiteral("Points whose customer_id is not acme"));
    const LeakageFinding *fortyTwo = findingOf(findings, kFortyTwo, K::ForeignValue);
    QVERIFY(fortyTwo);
    QCOMPARE(fortyTwo->count, 2);
}

void TestLeakageAudit::eachFilterSelectsExactlyThePlantedPoints()
{
    const auto result = audit(TenantScope::allTenants(), m_profile);
    QVERIFY2(result.ok(), errorOf(result));
    using K = LeakageFinding::Kind;
    const auto &findings = result.value();
    QCOMPARE(idsMatching(kShared, findingOf(findings, kShared, K::MissingKey)->filter),
        (QList<quint64> {4, 5, 6}));
    QCOMPARE(idsMatching(kShared, findingOf(findings, kShared, K::SeveralValues)->filter),
        (QList<quint64> {7, 8}));
    QCOMPARE(idsMatching(kAcme, findingOf(findings, kAcme, K::ForeignValue)->filter),
        (QList<quint64> {3, 4, 5}));
    QCOMPARE(idsMatching(kFortyTwo, findingOf(findings, kFortyTwo, K::ForeignValue)->filter),
        (QList<quint64> {3, 4}));
}

void TestLeakageAudit::aTenantAuditsOnlyItsCollections()
{
    LeakageAudit audit;
    QSignalSpy finished(&audit, &LeakageAudit::finished);
    const TenantScope acme = TenantScope::forProfile(m_profile, QStringLiteral("acme")).value();
    audit.start(m_session->client(), m_profile, acme);
    QVERIFY(finished.wait(20000));
    QCOMPARE(audit.collections(), (QStringList {kAcme, kShared}));
    using K = LeakageFinding::Kind;
    const auto &findings = audit.findings();
    QCOMPARE(findings.size(), 3);
    QVERIFY(!findingOf(findings, kFortyTwo, K::ForeignValue));
    // Only the shared points that hold acme among several values: 7, not 8.
    const LeakageFinding *several = findingOf(findings, kShared, K::SeveralValues);
    QCOMPARE(several->count, 1);
    QCOMPARE(several->tenantId, QStringLiteral("acme"));
    QCOMPARE(idsMatching(kShared, several->filter), QList<quint64> {7});
    // The tenant's scope leaves these out: they open in "All tenants" only.
    QVERIFY(several->adminOnly);
    QVERIFY(findingOf(findings, kShared, K::MissingKey)->adminOnly);
    QCOMPARE(findingOf(findings, kShared, K::MissingKey)->count, 3);
    QVERIFY(!findingOf(findings, kAcme, K::ForeignValue)->adminOnly);
    QCOMPARE(audit.leaks().size(), 3);
}

void TestLeakageAudit::aForeignValueOpensInsideTheTenantScope()
{
    const TenantScope acme = TenantScope::forProfile(m_profile, QStringLiteral("acme")).value();
    const auto result = audit(acme, m_profile);
    QVERIFY2(result.ok(), errorOf(result));
    const LeakageFinding *finding
        = findingOf(result.value(), kAcme, LeakageFinding::Kind::ForeignValue);
    QVERIFY(finding && !finding->adminOnly);
    // The jump as the points table makes it: a scroll through the tenant's own scope.
    ScrollRequest request;
    request.filter = finding->filter;
    request.limit = 100;
    const auto page = await<ScrollPage>([&](auto done) {
        ScopedPoints(m_session->client(), acme, true).scroll(kAcme, request, this, done);
    });
    QVERIFY2(page.ok(), errorOf(page));
    QList<quint64> ids;
    for (const PointRecord &p : page.value().points)
        ids.append(p.id.number());
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, (QList<quint64> {3, 4, 5}));
}

void TestLeakageAudit::ambiguousNamesAreFindings()
{
    const QString ambiguous = QStringLiteral("tenant-a-b-c");
    makeCollection(
        ambiguous, QJsonArray {point(1, QStringLiteral("a")), point(2, QStringLiteral("b"))});
    ConnectionProfile profile = m_profile;
    profile.collectionPattern = QStringLiteral("tenant-{id}-{type}");
    const auto result = audit(TenantScope::allTenants(), profile);
    QVERIFY2(result.ok(), errorOf(result));
    const LeakageFinding *finding
        = findingOf(result.value(), ambiguous, LeakageFinding::Kind::AmbiguousName);
    QVERIFY(finding);
    QCOMPARE(finding->count, 2);
    QCOMPARE(idsMatching(ambiguous, finding->filter), (QList<quint64> {1, 2}));
    // Under this pattern the company_ collections are shared ones.
    QVERIFY(findingOf(result.value(), kAcme, LeakageFinding::Kind::MissingKey));
}

void TestLeakageAudit::noTenantChosenIsRefused()
{
    const auto result = audit(TenantScope(), m_profile);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Invalid);
    QVERIFY(result.error().message.contains(QStringLiteral("No tenant is chosen")));
}

void TestLeakageAudit::cancelStopsAndSaysSo()
{
    LeakageAudit audit;
    QSignalSpy finished(&audit, &LeakageAudit::finished);
    QSignalSpy failed(&audit, &LeakageAudit::failed);
    QSignalSpy progress(&audit, &LeakageAudit::progress);
    audit.start(m_session->client(), m_profile, TenantScope::allTenants());
    QVERIFY(progress.wait(10000)); // the checks are planned; the first count is on its way
    audit.cancel();
    QVERIFY(!audit.isRunning());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.constFirst().constFirst().value<NetError>().kind, NetError::Kind::Cancelled);
    // A second audit runs to its end meanwhile; the first stays silent.
    const auto after = this->audit(TenantScope::allTenants(), m_profile);
    QVERIFY2(after.ok(), errorOf(after));
    QCOMPARE(finished.size(), 0);
    QCOMPARE(failed.size(), 1);
}

QTEST_MAIN(TestLeakageAudit)
#include "tst_leakageaudit.moc"
