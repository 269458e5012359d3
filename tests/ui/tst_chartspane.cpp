// The charts pane driven as a user would, offscreen, against a real memory-store: choosing a
// chart, its split and scope with the keyboard, Draw, Cancel, the exports, and what the drawn
// charts show (series, categories, values, titles). Screenshots go to /tmp/chartspane-*.png.

#include "chartcontrols.h"
#include "chartdatasource.h"
#include "chartfixture.h"
#include "chartspane.h"
#include "consolesession.h"
#include "issuelistmodel.h"
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace chartfixture;

namespace {

// Picks an item of a combo box with the keyboard, as a user tabbing through the form would.
bool choose(QComboBox *box, const QString &text)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Home);
    for (int i = 0; i < box->count(); ++i) {
        if (box->currentText() == text || box->currentText().startsWith(text))
            return true;
        QTest::keyClick(box, Qt::Key_Down);
    }
    return box->currentText().startsWith(text);
}

// Types into an editable combo box.
void typeInto(QComboBox *box, const QString &text)
{
    box->lineEdit()->selectAll();
    QTest::keyClicks(box->lineEdit(), text);
}

double sum(const QList<double> &values)
{
    double total = 0;
    for (double v : values)
        total += v;
    return total;
}

void saveShot(QWidget &widget, const QString &name)
{
    widget.grab().save(QStringLiteral("/tmp/chartspane-%1.png").arg(name));
}

} // namespace

class TestChartsPane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void savingsHistogramSplitByOutcome();
    void scatterShowsThePointsAndTheNoChangeLine();
    void cancelKeepsAPartialChartLabelled();
    void keywordDistributionAndAMissingIndex();
    void twoTenantsAreRefusedInATenantScope();
    void twoTenantsSideBySideForAllTenants();
    void twoDateWindowsMonthly();
    void exportsPngAndCsv();
    void scopeChangeClearsTheChart();

private:
    std::unique_ptr<ConsoleSession> openSession(const QString &tenant);
    std::unique_ptr<ChartsPane> openPane(ConsoleSession *session);
    bool drawAndWait(ChartsPane &pane);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_acme;
    std::unique_ptr<ConsoleSession> m_admin;
    IssueListModel m_issues;
};

void TestChartsPane::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    QVERIFY(load(*m_raw));
    m_acme = openSession(QStringLiteral("acme"));
    m_admin = openSession(QString());
    QVERIFY(m_acme && m_admin);
}

std::unique_ptr<ConsoleSession> TestChartsPane::openSession(const QString &tenant)
{
    auto session = std::make_unique<ConsoleSession>();
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("charts"), QUrl(m_store.baseUrl()));
    profile.tenantPayloadKey = kTenantKey;
    QSignalSpy opened(session.get(), &ConsoleSession::opened);
    session->open(profile, QString());
    if (!opened.wait(10000))
        return nullptr;
    if (tenant.isEmpty())
        session->setScope(TenantScope::allTenants());
    else
        session->setScope(TenantScope::forProfile(profile, tenant).value());
    return session;
}

std::unique_ptr<ChartsPane> TestChartsPane::openPane(ConsoleSession *session)
{
    auto pane = std::make_unique<ChartsPane>(session, &m_issues);
    pane->resize(1100, 640);
    pane->show();
    if (!QTest::qWaitForWindowExposed(pane.get()))
        return nullptr;
    pane->openCollection(kCollection);
    return pane;
}

bool TestChartsPane::drawAndWait(ChartsPane &pane)
{
    QSignalSpy finished(&pane, &ChartsPane::chartFinished);
    QTest::mouseClick(pane.controls()->drawButton(), Qt::LeftButton);
    return finished.wait(20000);
}

void TestChartsPane::savingsHistogramSplitByOutcome()
{
    auto pane = openPane(m_acme.get());
    QVERIFY(pane);
    QVERIFY(pane->showsPlaceholder());
    QVERIFY(choose(pane->controls()->kindBox(), QStringLiteral("Savings % histogram")));
    QVERIFY(choose(pane->controls()->splitBox(), QStringLiteral("outcome")));
    QVERIFY(drawAndWait(*pane));
    QVERIFY(!pane->showsPlaceholder());
    QCOMPARE(pane->chartTitles(), QStringList{QStringLiteral("Savings % by outcome")});
    // failed points have no savings: only two series, and the skipped points are said.
    QCOMPARE(pane->shownSeriesNames(),
             (QStringList{QStringLiteral("rolled_back"), QStringLiteral("success")}));
    const QStringList categories = pane->shownCategories();
    QVERIFY(categories.size() >= 10 && categories.size() <= 20);
    QCOMPARE(categories.first(), QStringLiteral("-10")); // lower edges; the title says 5 wide
    QCOMPARE(sum(pane->shownValues(QStringLiteral("rolled_back"))), 90.0);
    QCOMPARE(sum(pane->shownValues(QStringLiteral("success"))), 100.0);
    QCOMPARE(pane->shownValues(QStringLiteral("success")).size(), categories.size());
    QCOMPARE(pane->coverageText(),
             QStringLiteral("300 points · 110 without a usable value, not charted"));
    QCOMPARE(pane->messageText(), QString());
    saveShot(*pane, QStringLiteral("savings"));
}

void TestChartsPane::scatterShowsThePointsAndTheNoChangeLine()
{
    auto pane = openPane(m_acme.get());
    QVERIFY(pane);
    QVERIFY(choose(pane->controls()->kindBox(), QStringLiteral("P95 before / after scatter")));
    QVERIFY(choose(pane->controls()->splitBox(), QStringLiteral("service_type")));
    QVERIFY(drawAndWait(*pane));
    QCOMPARE(pane->shownSeriesNames(),
             (QStringList{QStringLiteral("sglang"), QStringLiteral("tgi"), QStringLiteral("vllm"),
                          QStringLiteral("no change")}));
    QCOMPARE(pane->shownScatterPoints(), qint64(kAcme));
    QVERIFY(pane->shownCategories().isEmpty());
    saveShot(*pane, QStringLiteral("scatter"));
}

void TestChartsPane::cancelKeepsAPartialChartLabelled()
{
    auto pane = openPane(m_acme.get());
    QVERIFY(pane);
    pane->dataSource()->setPageSize(1); // 300 round trips
    pane->dataSource()->setProgressIntervalMs(0); // a partial chart after every page
    auto *cancel = pane->findChild<QPushButton *>(QStringLiteral("chartCancel"));
    QVERIFY(cancel && !cancel->isEnabled());
    // The user clicks Cancel when the first partial chart with "n of 300 points" shows up.
    QString seenWhileRunning;
    bool enabledWhileRunning = false;
    QMetaObject::Connection clickOnce;
    clickOnce = connect(pane->dataSource(), &ChartDataSource::progress, pane.get(),
                        [&](const ChartResult &partial) {
        if (partial.pointsTotal() < 0)
            return; // the count has not come back yet
        disconnect(clickOnce);
        QTimer::singleShot(0, pane.get(), [&] {
            seenWhileRunning = pane->coverageText();
            enabledWhileRunning = cancel->isEnabled();
            QTest::mouseClick(cancel, Qt::LeftButton);
        });
    });
    QSignalSpy finished(pane.get(), &ChartsPane::chartFinished);
    QTest::mouseClick(pane->controls()->drawButton(), Qt::LeftButton);
    QVERIFY(pane->isRunning());
    QVERIFY(!pane->controls()->drawButton()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY2(seenWhileRunning.contains(QStringLiteral(" of 300 points")),
             qPrintable(seenWhileRunning));
    QVERIFY(enabledWhileRunning);
    QVERIFY(!pane->isRunning());
    QVERIFY(pane->controls()->drawButton()->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QVERIFY2(pane->coverageText().contains(QStringLiteral("(stopped)")),
             qPrintable(pane->coverageText()));
    QVERIFY(pane->result().pointsRead() < kAcme);
}

void TestChartsPane::keywordDistributionAndAMissingIndex()
{
    auto pane = openPane(m_acme.get());
    QVERIFY(pane);
    QVERIFY(choose(pane->controls()->kindBox(), QStringLiteral("Keyword distribution")));
    auto *field = pane->findChild<QComboBox *>(QStringLiteral("chartField"));
    QVERIFY(field && field->isVisible());
    QVERIFY(!pane->controls()->splitBox()->isEnabled());
    typeInto(field, QStringLiteral("optimization_type"));
    QVERIFY(drawAndWait(*pane));
    QCOMPARE(pane->shownCategories().size(), 3);
    QCOMPARE(sum(pane->shownValues(QStringLiteral("points"))), double(kAcme));
    QCOMPARE(pane->coverageText(), QStringLiteral("300 points"));

    typeInto(field, QStringLiteral("cloud_provider")); // no index on it
    QTest::mouseClick(pane->controls()->drawButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->messageText().isEmpty(), 10000);
    QVERIFY2(pane->messageText().contains(QStringLiteral("keyword index")),
             qPrintable(pane->messageText()));
    QVERIFY(pane->showsPlaceholder());
    QVERIFY(!pane->isRunning());
}

void TestChartsPane::twoTenantsAreRefusedInATenantScope()
{
    auto pane = openPane(m_acme.get());
    QVERIFY(pane);
    QVERIFY(choose(pane->controls()->scopeBox(), QStringLiteral("Two tenants")));
    typeInto(pane->findChild<QComboBox *>(QStringLiteral("chartTenantA")), QStringLiteral("acme"));
    typeInto(pane->findChild<QComboBox *>(QStringLiteral("chartTenantB")),
             QStringLiteral("globex"));
    QTest::mouseClick(pane->controls()->drawButton(), Qt::LeftButton);
    QVERIFY(pane->messageText().contains(QStringLiteral("All tenants (admin)")));
    QVERIFY(!pane->isRunning());
    QVERIFY(pane->showsPlaceholder());
    // "All tenants" likewise.
    QVERIFY(choose(pane->controls()->scopeBox(), QStringLiteral("All tenants")));
    QTest::mouseClick(pane->controls()->drawButton(), Qt::LeftButton);
    QVERIFY(pane->messageText().contains(QStringLiteral("All tenants (admin)")));
    QVERIFY(!pane->isRunning());
}

void TestChartsPane::twoTenantsSideBySideForAllTenants()
{
    auto pane = openPane(m_admin.get());
    QVERIFY(pane);
    // The admin pane lists the tenants (facet of customer_id) in the tenant boxes.
    auto *tenantA = pane->findChild<QComboBox *>(QStringLiteral("chartTenantA"));
    QTRY_COMPARE_WITH_TIMEOUT(tenantA->count(), 2, 10000);
    QVERIFY(choose(pane->controls()->scopeBox(), QStringLiteral("Two tenants")));
    typeInto(tenantA, QStringLiteral("acme"));
    typeInto(pane->findChild<QComboBox *>(QStringLiteral("chartTenantB")),
             QStringLiteral("globex"));
    QVERIFY(choose(pane->controls()->splitBox(), QStringLiteral("outcome")));
    QVERIFY(drawAndWait(*pane));
    QCOMPARE(pane->chartTitles(), (QStringList{QStringLiteral("acme"), QStringLiteral("globex")}));
    // Each chart is titled with its tenant; the legends name the groups.
    QCOMPARE(pane->shownSeriesNames(),
             (QStringList{QStringLiteral("rolled_back"), QStringLiteral("success"),
                          QStringLiteral("success")}));
    QCOMPARE(sum(pane->shownValues(QStringLiteral("success"))), double(100 + kGlobex));
    QCOMPARE(pane->result().series.at(2).name, QStringLiteral("globex · success"));
    QCOMPARE(pane->coverageText(),
             QStringLiteral("420 points · 110 without a usable value, not charted"));
    saveShot(*pane, QStringLiteral("tenants"));
}

void TestChartsPane::twoDateWindowsMonthly()
{
    auto pane = openPane(m_acme.get());
    QVERIFY(pane);
    QVERIFY(choose(pane->controls()->kindBox(), QStringLiteral("Monthly series")));
    QVERIFY(choose(pane->controls()->splitBox(), QStringLiteral("outcome")));
    QVERIFY(choose(pane->controls()->scopeBox(), QStringLiteral("Two date windows")));
    pane->controls()->setWindows(QDate(2026, 1, 1), QDate(2026, 3, 31), QDate(2026, 4, 1),
                                 QDate(2026, 6, 30));
    QVERIFY(drawAndWait(*pane));
    QCOMPARE(pane->chartTitles(),
             (QStringList{QStringLiteral("2026-01-01 – 2026-03-31"),
                          QStringLiteral("2026-04-01 – 2026-06-30")}));
    QCOMPARE(pane->result().pointsTotal(), qint64(kAcme));
    // Six months shared by both charts: successes fall in January and April; the values are
    // the first chart's line, then the second's.
    QCOMPARE(pane->shownCategories().size(), 6);
    QCOMPARE(pane->shownValues(QStringLiteral("success")),
             (QList<double>{50, 0, 0, 0, 0, 0, 0, 0, 0, 50, 0, 0}));
    saveShot(*pane, QStringLiteral("monthly"));
}

void TestChartsPane::exportsPngAndCsv()
{
    auto pane = openPane(m_acme.get());
    QVERIFY(pane);
    QTemporaryDir dir;
    const QString csvPath = dir.filePath(QStringLiteral("savings.csv"));
    const QString pngPath = dir.filePath(QStringLiteral("savings.png"));
    QVERIFY(!pane->exportCsv(csvPath).ok()); // nothing drawn yet
    QVERIFY(!pane->exportPng(pngPath).ok());
    QVERIFY(!QFile::exists(csvPath));
    QVERIFY(drawAndWait(*pane));
    const auto csv = pane->exportCsv(csvPath);
    QVERIFY(csv.ok());
    QFile file(csvPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.first(), QByteArray("savings_percent,lower,upper,All points\r"));
    QCOMPARE(lines.size() - 2, pane->shownCategories().size()); // header, rows, final ""
    const auto png = pane->exportPng(pngPath);
    QVERIFY(png.ok());
    const QImage image(pngPath);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 300 && image.height() > 200);
    QVERIFY(!pane->exportCsv(dir.filePath(QStringLiteral("no/such/dir/x.csv"))).ok());
}

void TestChartsPane::scopeChangeClearsTheChart()
{
    auto session = openSession(QStringLiteral("acme"));
    QVERIFY(session);
    auto pane = openPane(session.get());
    QVERIFY(pane);
    QVERIFY(drawAndWait(*pane));
    QVERIFY(!pane->showsPlaceholder());
    session->setScope(TenantScope::forProfile(session->profile(), QStringLiteral("globex")).value());
    QVERIFY(pane->showsPlaceholder());
    QVERIFY(pane->coverageText().isEmpty());
    QVERIFY(drawAndWait(*pane));
    QCOMPARE(pane->result().pointsTotal(), qint64(kGlobex));
}

QTEST_MAIN(TestChartsPane)
#include "tst_chartspane.moc"
