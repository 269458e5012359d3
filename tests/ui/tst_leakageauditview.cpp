// The leakage audit panel offscreen against a real memory-store: run it with a click, read
// the findings it lists, activate one and follow the jump it asks for.

#include "consolesession.h"
#include "leakageauditview.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

namespace {

QJsonObject point(quint64 id, const QJsonValue &customer)
{
    QJsonObject payload {{QStringLiteral("text"), QStringLiteral("note %1").arg(id)}};
    if (!customer.isUndefined())
        payload.insert(QStringLiteral("customer_id"), customer);
    return {{QStringLiteral("id"), qint64(id)},
        {QStringLiteral("vector"), QJsonArray {double(id), 1.0}},
        {QStringLiteral("payload"), payload}};
}

} // namespace

class TestLeakageAuditView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listsTheLeaksOfAllTenants();
    void activatingAFindingAsksToOpenItsPoints();
    void aTenantSeesWhatOnlyAdminCanOpen();
    void aNewScopeDropsTheFindings();
    void noTenantChosenSaysSo();

private:
    void makeCollection(const QString &name, const QJsonArray &points);
    void runAndWait();
    QStringList rows() const;

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    ConnectionProfile m_profile;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<LeakageAuditView> m_view;
};

void TestLeakageAuditView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_profile = ConnectionProfile::create(QStringLiteral("test"), QUrl(m_store.baseUrl()));
    makeCollection(QStringLiteral("shared_memory"),
        QJsonArray {point(1, QStringLiteral("acme")), point(2, QJsonValue::Undefined),
            point(3, QJsonValue::Undefined),
            point(4, QJsonArray {QStringLiteral("acme"), QStringLiteral("globex")})});
    makeCollection(QStringLiteral("company_acme_notes"),
        QJsonArray {point(1, QStringLiteral("acme")), point(2, QStringLiteral("globex"))});
}

void TestLeakageAuditView::makeCollection(const QString &name, const QJsonArray &points)
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

void TestLeakageAuditView::init()
{
    m_session = std::make_unique<ConsoleSession>();
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(m_profile, QString());
    QVERIFY(opened.wait(10000));
    m_view = std::make_unique<LeakageAuditView>(m_session.get());
    m_view->resize(760, 300);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestLeakageAuditView::cleanup()
{
    m_view.reset();
    m_session.reset();
}

void TestLeakageAuditView::runAndWait()
{
    QSignalSpy ended(m_view.get(), &LeakageAuditView::auditEnded);
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("runAudit")), Qt::LeftButton);
    QVERIFY(ended.wait(10000));
}

QStringList TestLeakageAuditView::rows() const
{
    QStringList out;
    QTreeWidget *tree = m_view->findingsView();
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree->topLevelItem(i);
        out.append(item->text(0) + QLatin1Char('|') + item->text(1) + QLatin1Char('|')
            + item->text(2) + QLatin1Char('|') + item->text(3));
    }
    return out;
}

void TestLeakageAuditView::listsTheLeaksOfAllTenants()
{
    m_session->setScope(TenantScope::allTenants());
    runAndWait();
    QCOMPARE(rows(),
        (QStringList {
            QStringLiteral("company_acme_notes|Points whose customer_id is not acme|1|This scope"),
            QStringLiteral("shared_memory|Points without customer_id|2|This scope"),
            QStringLiteral("shared_memory|Points with several customer_id values|1|This scope"),
        }));
    QCOMPARE(m_view->statusText(), QStringLiteral("3 findings (4 points) in 2 collections."));
    // The first finding is selected and explained.
    QVERIFY(m_view->findChild<QLabel *>(QStringLiteral("auditExplanation"))
                ->text()
                .contains(QStringLiteral("named after tenant acme")));
    const QString dir = qEnvironmentVariable("MC_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        // Layouts settle on posted events, as the event loop would before the next paint.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QVERIFY(m_view->grab().save(dir + QStringLiteral("/leakageauditview.png")));
    }
}

void TestLeakageAuditView::activatingAFindingAsksToOpenItsPoints()
{
    m_session->setScope(TenantScope::allTenants());
    runAndWait();
    QSignalSpy jump(m_view.get(), &LeakageAuditView::jumpRequested);
    QTreeWidget *tree = m_view->findingsView();
    tree->setFocus();
    tree->setCurrentItem(tree->topLevelItem(1));
    QTest::keyClick(tree, Qt::Key_Return);
    QTRY_COMPARE(jump.size(), 1);
    QCOMPARE(jump.at(0).at(0).toString(), QStringLiteral("shared_memory"));
    QCOMPARE(jump.at(0).at(2).toBool(), false); // admin already sees them
    // The filter opens exactly those points.
    ScrollRequest request;
    request.filter = jump.at(0).at(1).toJsonObject();
    request.limit = 10;
    const auto page = await<ScrollPage>([&](auto done) {
        m_session->points().scroll(QStringLiteral("shared_memory"), request, this, done);
    });
    QVERIFY2(page.ok(), errorOf(page));
    QCOMPARE(page.value().points.size(), 2);
    QCOMPARE(page.value().points.at(0).id.number(), 2u);
    QCOMPARE(page.value().points.at(1).id.number(), 3u);

    // "Show points" does the same for the selected finding.
    tree->setCurrentItem(tree->topLevelItem(0));
    QTest::mouseClick(
        m_view->findChild<QPushButton *>(QStringLiteral("showAuditPoints")), Qt::LeftButton);
    QCOMPARE(jump.size(), 2);
    QCOMPARE(jump.at(1).at(0).toString(), QStringLiteral("company_acme_notes"));
}

void TestLeakageAuditView::aTenantSeesWhatOnlyAdminCanOpen()
{
    m_session->setScope(TenantScope::forProfile(m_profile, QStringLiteral("acme")).value());
    runAndWait();
    QCOMPARE(rows(),
        (QStringList {
            QStringLiteral("company_acme_notes|Points whose customer_id is not acme|1|This scope"),
            QStringLiteral("shared_memory|Points without customer_id|2|"
                           "All tenants (admin) only"),
            QStringLiteral("shared_memory|Points shared by tenant acme and others|1|"
                           "All tenants (admin) only"),
        }));
    // Opening a finding the tenant cannot see asks for All tenants; one it can see does not.
    QSignalSpy jump(m_view.get(), &LeakageAuditView::jumpRequested);
    QTreeWidget *tree = m_view->findingsView();
    tree->setFocus();
    tree->setCurrentItem(tree->topLevelItem(1));
    QTest::keyClick(tree, Qt::Key_Return);
    tree->setCurrentItem(tree->topLevelItem(0));
    QTest::keyClick(tree, Qt::Key_Return);
    QTRY_COMPARE(jump.size(), 2);
    QCOMPARE(jump.at(0).at(0).toString(), QStringLiteral("shared_memory"));
    QCOMPARE(jump.at(0).at(2).toBool(), true);
    QCOMPARE(jump.at(1).at(0).toString(), QStringLiteral("company_acme_notes"));
    QCOMPARE(jump.at(1).at(2).toBool(), false);
}

void TestLeakageAuditView::aNewScopeDropsTheFindings()
{
    m_session->setScope(TenantScope::allTenants());
    runAndWait();
    QCOMPARE(m_view->findingsView()->topLevelItemCount(), 3);
    m_session->setScope(TenantScope::forProfile(m_profile, QStringLiteral("acme")).value());
    QCOMPARE(m_view->findingsView()->topLevelItemCount(), 0);
    QCOMPARE(m_view->statusText(),
        QStringLiteral("The scope changed: run the audit again for the new one."));
}

void TestLeakageAuditView::noTenantChosenSaysSo()
{
    QCOMPARE(m_session->scope().mode(), TenantScope::Mode::None);
    runAndWait();
    QVERIFY2(m_view->statusText().startsWith(QStringLiteral("The audit could not run: No tenant "
                                                            "is chosen")),
        qPrintable(m_view->statusText()));
    QVERIFY(m_view->findChild<QPushButton *>(QStringLiteral("runAudit"))->isEnabled());
}

QTEST_MAIN(TestLeakageAuditView)
#include "tst_leakageauditview.moc"
