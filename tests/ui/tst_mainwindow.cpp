// The main window on the embedded memory-store, offscreen, as a user sees it.
#include "collectionbrowser.h"
#include "collectionlistmodel.h"
#include "connectionprofilestore.h"
#include "connectionstatus.h"
#include "consolesession.h"
#include "embeddedstore.h"
#include "issuelistmodel.h"
#include "leakageauditview.h"
#include "mainwindow.h"
#include "pointsmodel.h"
#include "pointspane.h"
#include "payloadeditor.h"
#include "pointsworkspace.h"
#include "searchpane.h"
#include "searchresultmodel.h"
#include "qdranttestutil.h"
#include "secretstore.h"
#include "snapshotspanel.h"

#include <QDockWidget>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

namespace {

/// A main window on a fresh embedded store, connected, with the session open.
struct OpenConsole
{
    QTemporaryDir data;
    EmbeddedStore store {data.path()};
    ConnectionProfileStore profiles {data.filePath(QStringLiteral("connections.ini"))};
    SecretStore secrets {QStringLiteral("memory-console-test")};
    ConsoleSession session;
    MainWindow window {&session, &profiles, &secrets};
    ConnectionProfile profile = ConnectionProfile::embeddedDefault();

    /// Starts the store and opens the session; the reason when it did not.
    QString open()
    {
        if (!store.start())
            return store.error();
        profile.url = store.url();
        QSignalSpy opened(&session, &ConsoleSession::opened);
        session.open(profile, QString());
        return opened.wait(5000) ? QString() : QStringLiteral("the session did not open");
    }

    /// Creates a collection of dims-sized vectors holding points; the reason when it failed.
    QString addCollection(const QString &name, int dims, const QString &distance,
                          const QList<PointStruct> &points)
    {
        const auto created = await<bool>([&](auto done) {
            session.client()->createCollection(name, vectorsConfig(dims, distance), &window, done);
        });
        if (!created.ok())
            return created.error().message;
        const auto upserted = await<UpsertSummary>([&](auto done) {
            session.client()->upsertPoints(name, points, &window, {}, done);
        });
        return upserted.ok() ? QString() : upserted.error().message;
    }
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsoleTests"));
    }

    void showsTheEmbeddedStoreItIsConnectedTo()
    {
        QTemporaryDir data;
        EmbeddedStore store(data.path());
        QVERIFY2(store.start(), qPrintable(store.error()));
        QVERIFY(store.url().port() > 0);

        ConnectionProfileStore profiles(data.filePath(QStringLiteral("connections.ini")));
        SecretStore secrets(QStringLiteral("memory-console-test"));
        ConsoleSession session;
        MainWindow window(&session, &profiles, &secrets);
        window.setEmbeddedServerUrl(store.url());
        window.setEmbeddedSnapshotFolder(data.filePath(QStringLiteral("snapshots")));
        ConnectionProfile profile = ConnectionProfile::embeddedDefault();
        profile.url = store.url();
        session.open(profile, QString());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ConnectionStatus *status = window.connectionStatus();
        QTRY_VERIFY_WITH_TIMEOUT(status->serverText().contains(QStringLiteral("Qdrant API 1.19.0")),
                                 5000);
        QVERIFY(status->serverText().contains(store.url().toString()));
        QCOMPARE(status->tenantText(), session.scope().badgeText());
        // The version request went through the request log, which shows its latency.
        QTRY_VERIFY_WITH_TIMEOUT(status->latencyText().contains(QStringLiteral("ms")), 5000);
        QVERIFY(window.windowTitle().contains(profile.name));
        // Restore reads snapshots where the embedded store keeps them.
        auto *snapshots = window.findChild<SnapshotsPanel *>();
        QVERIFY(snapshots);
        QCOMPARE(snapshots->serverSnapshotFolder(), data.filePath(QStringLiteral("snapshots")));

        const QString shot = qEnvironmentVariable("MC_SCREENSHOT_DIR");
        if (!shot.isEmpty())
            QVERIFY(window.grab().save(shot + QStringLiteral("/mainwindow.png")));
    }

    void opensACollectionsPointsFromTheCollectionsPane()
    {
        OpenConsole console;
        QString error = console.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = console.addCollection(QStringLiteral("notes"), 4, QStringLiteral("Dot"),
                                      testPoints(30, 4));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ConsoleSession &session = console.session;
        MainWindow &window = console.window;
        session.setScope(TenantScope::allTenants());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *browser = window.findChild<CollectionBrowser *>(QStringLiteral("collections"));
        QVERIFY(browser);
        QTRY_COMPARE_WITH_TIMEOUT(browser->model()->rowCount(), 1, 5000);
        QTableView *table = browser->table();
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        auto *points = window.findChild<PointsWorkspace *>(QStringLiteral("points"));
        QVERIFY(points);
        QTRY_COMPARE_WITH_TIMEOUT(window.panes()->currentWidget(), points, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(points->pointsPane()->model()->rowCount(), 30, 5000);
        // The panes' burst of requests (count, info, scroll, snapshots, aliases at once) is
        // answered at once: none waits for a keep-alive worker of the embedded store.
        auto *log = window.findChild<QAbstractItemModel *>(QStringLiteral("requestLogModel"));
        QVERIFY(log);
        QVERIFY(log->rowCount() >= 10);
        for (int row = 0; row < log->rowCount(); ++row) {
            const double ms = log->index(row, 4).data(Qt::UserRole).toDouble();
            QVERIFY2(ms < 2500, qPrintable(log->index(row, 2).data().toString()
                                           + QStringLiteral(" took %1 ms").arg(ms)));
        }
        // A collection is open: a record can be added to it.
        QTRY_VERIFY_WITH_TIMEOUT(points->newRecordAction()->isEnabled(), 5000);

        const QString shot = qEnvironmentVariable("MC_SCREENSHOT_DIR");
        if (!shot.isEmpty())
            QVERIFY(window.grab().save(shot + QStringLiteral("/mainwindow-points.png")));
    }

    void aLeakOnlyAdminCanSeeOpensInAllTenants()
    {
        // 12 points of acme, 5 with no customer_id: only All tenants can open those 5.
        QList<PointStruct> points = testPoints(17, 4);
        for (int i = 0; i < 12; ++i)
            points[i].payload.insert(QStringLiteral("customer_id"), QStringLiteral("acme"));
        for (int i = 12; i < 17; ++i)
            points[i].payload.remove(QStringLiteral("customer_id"));
        OpenConsole console;
        QString error = console.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = console.addCollection(QStringLiteral("shared_notes"), 4, QStringLiteral("Dot"),
                                      points);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ConsoleSession &session = console.session;
        MainWindow &window = console.window;
        const ConnectionProfile &profile = console.profile;
        session.setScope(TenantScope::forProfile(profile, QStringLiteral("acme")).value());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *leakageDock = window.findChild<QDockWidget *>(QStringLiteral("leakageDock"));
        QVERIFY(leakageDock);
        leakageDock->toggleViewAction()->trigger();
        auto *audit = window.findChild<LeakageAuditView *>();
        QVERIFY(audit);
        QSignalSpy ended(audit, &LeakageAuditView::auditEnded);
        QTest::mouseClick(audit->findChild<QPushButton *>(QStringLiteral("runAudit")),
                          Qt::LeftButton);
        QVERIFY(ended.wait(10000));
        QTreeWidget *findings = audit->findingsView();
        QCOMPARE(findings->topLevelItemCount(), 1);
        QVERIFY(findings->topLevelItem(0)->text(3).contains(QStringLiteral("admin")));
        findings->setFocus();
        findings->setCurrentItem(findings->topLevelItem(0));
        QTest::keyClick(findings, Qt::Key_Return);

        // The window switched to All tenants (visibly) and shows exactly the 5 points.
        QVERIFY(session.scope().isAdmin());
        QCOMPARE(window.connectionStatus()->tenantText(), TenantScope::allTenants().badgeText());
        auto *workspace = window.findChild<PointsWorkspace *>(QStringLiteral("points"));
        QTRY_COMPARE_WITH_TIMEOUT(window.panes()->currentWidget(), workspace, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(workspace->pointsPane()->model()->totalCount(), qint64(5), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(workspace->pointsPane()->model()->rowCount(), 5, 5000);
    }

    void findSimilarGoesToSearchAndAHitOpensInTheEditor()
    {
        OpenConsole console;
        QString error = console.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString notes = QStringLiteral("notes");
        error = console.addCollection(notes, 4, QStringLiteral("Cosine"), testPoints(20, 4));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ConsoleSession &session = console.session;
        MainWindow &window = console.window;
        session.setScope(TenantScope::allTenants());
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window)); // shortcuts need the active window

        // Points: the first row, then Find similar (Ctrl+Shift+F) shows its neighbours.
        PointsWorkspace *workspace = window.pointsWorkspace();
        window.panes()->setCurrentWidget(workspace);
        workspace->openCollection(notes);
        QTableView *table = workspace->pointsPane()->table();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 20, 5000);
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, 0));
        const PointId first = workspace->pointsPane()->model()->pointId(0);
        QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        SearchPane *search = window.searchPane();
        QTRY_COMPARE_WITH_TIMEOUT(window.panes()->currentWidget(), search, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(search->resultModel()->rowCount() > 0, 5000);
        for (const ScoredPoint &hit : search->resultModel()->hits())
            QVERIFY(hit.id != first); // the point itself is left out

        // A hit opened from the search goes to the payload editor beside the table.
        const PointId best = search->resultModel()->hit(0).id;
        search->resultsTable()->setFocus();
        search->resultsTable()->setCurrentIndex(search->resultModel()->index(0, 0));
        search->openCurrent();
        QTRY_COMPARE_WITH_TIMEOUT(window.panes()->currentWidget(), workspace, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(workspace->editor()->isEnabled(), 5000);
        QCOMPARE(workspace->editor()->originalPayload(),
                 search->resultModel()->hit(0).payload);
        QVERIFY(!best.isNull());
    }

    void saysWhenTheServerIsNotThereAndListsTheIssue()
    {
        QTemporaryDir data;
        ConnectionProfileStore profiles(data.filePath(QStringLiteral("connections.ini")));
        SecretStore secrets(QStringLiteral("memory-console-test"));
        ConsoleSession session;
        MainWindow window(&session, &profiles, &secrets);
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        session.open(ConnectionProfile::create(QStringLiteral("Nowhere"),
                                               QUrl(QStringLiteral("http://127.0.0.1:1"))),
                     QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            window.connectionStatus()->serverText().contains(QStringLiteral("not reachable")),
            5000);
        QTRY_COMPARE_WITH_TIMEOUT(window.issues()->rowCount(), 1, 5000);
        auto *issuesDock = window.findChild<QDockWidget *>(QStringLiteral("issuesDock"));
        QVERIFY(issuesDock);
        QVERIFY(!issuesDock->isHidden());
    }

    void embeddedStoreReportsAnUnusableDataFolder()
    {
        EmbeddedStore store(QStringLiteral("/proc/memory-console-cannot-write-here"));
        QVERIFY(!store.start());
        QVERIFY(!store.error().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
