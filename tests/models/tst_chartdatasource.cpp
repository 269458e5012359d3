// ChartDataSource against a real memory-store: what a chart counts is exactly the scope's
// points (checked against the plain client), progress says n of N, cancel keeps a labelled
// partial chart, other tenants' cohorts need "All tenants", date windows and facets.

#include "chartcohort.h"
#include "chartdatasource.h"
#include "chartfixture.h"
#include "consolesession.h"
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace chartfixture;

namespace {

double sum(const QList<double> &values)
{
    double total = 0;
    for (double v : values)
        total += v;
    return total;
}

double seriesSum(const ChartResult &result)
{
    double total = 0;
    for (const ChartSeriesData &series : result.series)
        total += sum(series.values) + double(series.points.size());
    return total;
}

} // namespace

class TestChartDataSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void savingsHistogramReadsOnlyTheTenantsPoints();
    void splitSeriesAddUpPerGroup();
    void progressSaysNofNAndCancelKeepsAPartialChart();
    void scatterAndMonthlyCountEveryUsablePoint();
    void keywordDistributionIsTheScopedFacet();
    void facetWithoutAnIndexFails();
    void otherTenantsNeedAllTenants();
    void twoTenantsSideBySide();
    void twoDateWindowsCountTheirPoints();

private:
    std::unique_ptr<ConsoleSession> openSession(const QJsonValue &tenant);
    /// Runs spec over cohorts and waits for finished().
    ChartResult run(const ChartSpec &spec, const QList<ChartCohort> &cohorts, int pageSize = 64);
    qint64 serverCount(const QJsonObject &filter);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_acme;
    std::unique_ptr<ConsoleSession> m_admin;
};

void TestChartDataSource::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    QVERIFY(load(*m_raw));
    m_acme = openSession(QStringLiteral("acme"));
    m_admin = openSession(QJsonValue());
    QVERIFY(m_acme && m_admin);
}

std::unique_ptr<ConsoleSession> TestChartDataSource::openSession(const QJsonValue &tenant)
{
    auto session = std::make_unique<ConsoleSession>();
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("charts"), QUrl(m_store.baseUrl()));
    profile.tenantPayloadKey = kTenantKey;
    QSignalSpy opened(session.get(), &ConsoleSession::opened);
    session->open(profile, QString());
    if (!opened.wait(10000))
        return nullptr;
    if (tenant.isUndefined() || tenant.isNull()) {
        session->setScope(TenantScope::allTenants());
    } else {
        const auto scope = TenantScope::forProfile(profile, tenant);
        if (!scope)
            return nullptr;
        session->setScope(scope.value());
    }
    return session;
}

qint64 TestChartDataSource::serverCount(const QJsonObject &filter)
{
    const auto response = m_raw->post(
        QStringLiteral("/collections/") + kCollection + QStringLiteral("/points/count"),
        QJsonObject{{QStringLiteral("filter"), filter}, {QStringLiteral("exact"), true}});
    return response.result().toObject().value(QStringLiteral("count")).toInteger(-1);
}

ChartResult TestChartDataSource::run(const ChartSpec &spec, const QList<ChartCohort> &cohorts,
                                     int pageSize)
{
    ChartDataSource source;
    source.setPageSize(pageSize);
    QSignalSpy finished(&source, &ChartDataSource::finished);
    QSignalSpy failed(&source, &ChartDataSource::failed);
    source.start(spec, cohorts);
    if (!finished.wait(20000)) {
        if (!failed.isEmpty())
            qWarning() << failed.first().first().value<NetError>().message;
        return ChartResult();
    }
    return finished.first().first().value<ChartResult>();
}

void TestChartDataSource::savingsHistogramReadsOnlyTheTenantsPoints()
{
    const auto cohort = ChartCohort::current(*m_acme, kCollection);
    QVERIFY(cohort.ok());
    ChartSpec spec; // savings histogram, no split
    const ChartResult result = run(spec, {cohort.value()});
    QCOMPARE(result.cohorts.size(), 1);
    QCOMPARE(result.cohorts.first().total, kAcme);
    QCOMPARE(result.cohorts.first().read, kAcme);
    QCOMPARE(result.cohorts.first().skipped, acmeSavingsSkipped());
    QVERIFY(!result.isPartial());
    QCOMPARE(seriesSum(result), double(kAcme - acmeSavingsSkipped()));
    // globex's 500..619 would have stretched the bins.
    QVERIFY(result.binEdges.first() >= -10);
    QVERIFY(result.binEdges.last() <= 70);
    QCOMPARE(result.binEdges.size(), result.categories.size() + 1);
}

void TestChartDataSource::splitSeriesAddUpPerGroup()
{
    ChartSpec spec;
    spec.splitKey = QStringLiteral("outcome");
    const ChartResult result = run(spec, {ChartCohort::current(*m_acme, kCollection).value()});
    // failed points have no savings: no series for them.
    QCOMPARE(result.series.size(), 2);
    QCOMPARE(result.series.at(0).name, QStringLiteral("rolled_back"));
    QCOMPARE(result.series.at(1).name, QStringLiteral("success"));
    int successes = 0, rolledBack = 0;
    for (int i = 0; i < kAcme; ++i) {
        const QJsonObject p = payload(QStringLiteral("acme"), i);
        if (!p.value(QStringLiteral("savings_percent")).isDouble())
            continue;
        (p.value(QStringLiteral("outcome")).toString() == QStringLiteral("success") ? successes
                                                                                    : rolledBack)++;
    }
    QCOMPARE(sum(result.series.at(1).values), double(successes));
    QCOMPARE(sum(result.series.at(0).values), double(rolledBack));
}

void TestChartDataSource::progressSaysNofNAndCancelKeepsAPartialChart()
{
    ChartDataSource source;
    source.setPageSize(2); // 150 round trips
    source.setProgressIntervalMs(0); // a partial chart after every page, however fast
    QSignalSpy finished(&source, &ChartDataSource::finished);
    ChartResult partial;
    // Cancel when the first partial chart arrives, as a user watching it would.
    QMetaObject::Connection once;
    once = connect(&source, &ChartDataSource::progress, this, [&](const ChartResult &p) {
        if (p.pointsTotal() < 0)
            return; // the count has not come back yet
        disconnect(once);
        partial = p;
        source.cancel();
    });
    source.start(ChartSpec(), {ChartCohort::current(*m_acme, kCollection).value()});
    QVERIFY(source.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY(partial.isPartial());
    QVERIFY(partial.pointsRead() > 0);
    QVERIFY(partial.pointsRead() < kAcme);
    QCOMPARE(partial.pointsTotal(), kAcme);
    QVERIFY2(partial.coverageText().contains(QStringLiteral(" of 300 points")),
             qPrintable(partial.coverageText()));
    QVERIFY(!source.isRunning());
    const ChartResult stopped = finished.first().first().value<ChartResult>();
    QVERIFY(stopped.cancelled);
    QVERIFY(stopped.isPartial());
    QVERIFY(stopped.pointsRead() < kAcme);
    QVERIFY(stopped.coverageText().contains(QStringLiteral("(stopped)")));
    QCOMPARE(seriesSum(stopped), double(stopped.pointsRead() - stopped.pointsSkipped()));
    // Nothing arrives after the end.
    QTest::qWait(200);
    QCOMPARE(finished.size(), 1);
}

void TestChartDataSource::scatterAndMonthlyCountEveryUsablePoint()
{
    const ChartCohort cohort = ChartCohort::current(*m_acme, kCollection).value();
    ChartSpec scatter;
    scatter.kind = ChartSpec::Kind::LatencyScatter;
    scatter.splitKey = QStringLiteral("service_type");
    const ChartResult points = run(scatter, {cohort});
    QCOMPARE(points.series.size(), 3);
    QCOMPARE(seriesSum(points), double(kAcme));
    QCOMPARE(points.series.last().name, QStringLiteral("vllm"));
    QVERIFY(points.series.last().points.contains(QPointF(200, 100)));

    ChartSpec monthly;
    monthly.kind = ChartSpec::Kind::MonthlySeries;
    const ChartResult months = run(monthly, {cohort});
    QCOMPARE(months.categories.size(), 6);
    QCOMPARE(months.categories.first(), QStringLiteral("2026-01"));
    QCOMPARE(months.series.size(), 1);
    QCOMPARE(months.series.first().values, QList<double>(6, 50.0));
}

void TestChartDataSource::keywordDistributionIsTheScopedFacet()
{
    ChartSpec spec;
    spec.kind = ChartSpec::Kind::KeywordDistribution;
    spec.valueKey = QStringLiteral("optimization_type");
    const ChartResult result = run(spec, {ChartCohort::current(*m_acme, kCollection).value()});
    QCOMPARE(result.categories.size(), 3);
    QCOMPARE(result.series.size(), 1);
    for (qsizetype i = 0; i < result.categories.size(); ++i) {
        const QJsonObject filter{
            {QStringLiteral("must"),
             QJsonArray{QJsonObject{{QStringLiteral("key"), kTenantKey},
                                    {QStringLiteral("match"),
                                     QJsonObject{{QStringLiteral("value"), QStringLiteral("acme")}}}},
                        QJsonObject{{QStringLiteral("key"), QStringLiteral("optimization_type")},
                                    {QStringLiteral("match"),
                                     QJsonObject{{QStringLiteral("value"),
                                                  result.categories.at(i)}}}}}}};
        QCOMPARE(result.series.first().values.at(i), double(serverCount(filter)));
    }
    QCOMPARE(sum(result.series.first().values), double(kAcme));
    QCOMPARE(result.coverageText(), QStringLiteral("300 points"));
}

void TestChartDataSource::facetWithoutAnIndexFails()
{
    ChartSpec spec;
    spec.kind = ChartSpec::Kind::KeywordDistribution;
    spec.valueKey = QStringLiteral("cloud_provider");
    ChartDataSource source;
    QSignalSpy failed(&source, &ChartDataSource::failed);
    source.start(spec, {ChartCohort::current(*m_acme, kCollection).value()});
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.first().first().value<NetError>().message.contains(
        QStringLiteral("Index required")));
    QVERIFY(!source.isRunning());
}

void TestChartDataSource::otherTenantsNeedAllTenants()
{
    const auto refused = ChartCohort::tenant(*m_acme, kCollection, QStringLiteral("globex"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, NetError::Kind::Invalid);
    QVERIFY(refused.error().message.contains(QStringLiteral("All tenants")));
    QVERIFY(!ChartCohort::tenant(*m_acme, kCollection, QStringLiteral("acme")).ok());
    QVERIFY(!ChartCohort::allTenants(*m_acme, kCollection).ok());
    // Admin: every tenant's points.
    const auto all = ChartCohort::allTenants(*m_admin, kCollection);
    QVERIFY(all.ok());
    const ChartResult result = run(ChartSpec(), {all.value()});
    QCOMPARE(result.pointsTotal(), kAcme + kGlobex);
    QCOMPARE(result.pointsRead(), kAcme + kGlobex);
    QVERIFY(result.binEdges.last() >= 619);
}

void TestChartDataSource::twoTenantsSideBySide()
{
    const auto acme = ChartCohort::tenant(*m_admin, kCollection, QStringLiteral("acme"));
    const auto globex = ChartCohort::tenant(*m_admin, kCollection, QStringLiteral("globex"));
    QVERIFY(acme.ok() && globex.ok());
    QVERIFY(acme.value().points.isReadOnly());
    const ChartResult result = run(ChartSpec(), {acme.value(), globex.value()});
    QCOMPARE(result.cohorts.size(), 2);
    QCOMPARE(result.cohorts.at(0).label, QStringLiteral("acme"));
    QCOMPARE(result.cohorts.at(0).total, kAcme);
    QCOMPARE(result.cohorts.at(1).total, kGlobex);
    QCOMPARE(result.series.size(), 2);
    QCOMPARE(result.series.at(0).name, QStringLiteral("acme"));
    QCOMPARE(result.series.at(1).name, QStringLiteral("globex"));
    QCOMPARE(sum(result.series.at(0).values), double(kAcme - acmeSavingsSkipped()));
    QCOMPARE(sum(result.series.at(1).values), double(kGlobex));
    // Shared bins: both series over the same categories.
    QCOMPARE(result.series.at(0).values.size(), result.categories.size());
    QCOMPARE(result.series.at(1).values.size(), result.categories.size());
}

void TestChartDataSource::twoDateWindowsCountTheirPoints()
{
    const ChartCohort base = ChartCohort::current(*m_acme, kCollection).value();
    const QString date = QStringLiteral("execution_date");
    const ChartCohort first = base.window(QDate(2026, 1, 1), QDate(2026, 2, 28), date);
    const ChartCohort second = base.window(QDate(2026, 3, 10), QDate(2026, 3, 10), date);
    ChartSpec spec;
    spec.kind = ChartSpec::Kind::MonthlySeries;
    const ChartResult result = run(spec, {first, second});
    QCOMPARE(result.cohorts.at(0).total, 100);
    QCOMPARE(result.cohorts.at(1).total, 50); // the whole day of 10 March
    QCOMPARE(result.cohorts.at(0).label, QStringLiteral("2026-01-01 – 2026-02-28"));
    QCOMPARE(result.categories,
             (QStringList{QStringLiteral("2026-01"), QStringLiteral("2026-02"),
                          QStringLiteral("2026-03")}));
    QCOMPARE(result.series.at(0).values, (QList<double>{50, 50, 0}));
    QCOMPARE(result.series.at(1).values, (QList<double>{0, 0, 50}));
    // The window is inside the tenant condition: globex's March points are not counted.
    const QJsonObject scoped{
        {QStringLiteral("must"),
         QJsonArray{ChartCohort::windowFilter(QDate(2026, 3, 10), QDate(2026, 3, 10), date)}}};
    QCOMPARE(serverCount(scoped), 50 + kGlobex / 6);
}

QTEST_MAIN(TestChartDataSource)
#include "tst_chartdatasource.moc"
