// The request-log, Issues and edit-journal docks, offscreen, driven as a user would: rows
// show, the filter narrows them, Ctrl+Shift+C puts a redacted curl command on the clipboard,
// a double-click or Enter on an issue jumps to its cause, the journal filters and exports.
// With MC_SCREENSHOT_DIR set, each dock is also saved as a PNG there for a human to look at.
#include "editjournal.h"
#include "editjournalmodel.h"
#include "issuelistmodel.h"
#include "issuesdock.h"
#include "journaldock.h"
#include "requestlogdock.h"
#include "requestlogmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

namespace {

const QString Secret = QStringLiteral("mc-test-secret-dock-4711");

RequestLogEntry logEntry(const QByteArray &method, const QString &path, int status,
    const QByteArray &body = {})
{
    HttpRequest request;
    request.method = method;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:6333") + path);
    request.body = body;
    request.headers = {{"api-key", Secret.toUtf8()}};
    request.operation = QStringLiteral("test");
    RequestLogEntry entry = RequestLogEntry::describing(request);
    entry.status = status;
    entry.clientMs = 3.2;
    entry.serverMs = status > 0 ? 0.8 : -1;
    entry.responseBytes = status > 0 ? 512 : 0;
    if (status == 0)
        entry.error = QString::fromLatin1(method) + u' ' + path + QStringLiteral(": timeout");
    return entry;
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MC_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

QPoint rowCenter(QAbstractItemView *view, int row)
{
    return view->visualRect(view->model()->index(row, 1)).center();
}

} // namespace

class TestLogDocks : public QObject
{
    Q_OBJECT

private slots:
    void requestLogShowsAndFilters();
    void copyAsCurlIsRedacted();
    void issuesJumpToCause();
    void journalFiltersAndExports();
};

void TestLogDocks::requestLogShowsAndFilters()
{
    RequestLogModel model;
    RequestLogDock dock(&model);
    dock.resize(900, 300);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    model.append(logEntry("GET", QStringLiteral("/collections"), 200));
    model.append(logEntry("POST", QStringLiteral("/collections/company_42_cost_optimization_"
                                                 "knowledge/points/scroll"),
        200, "{\"limit\":100,\"with_payload\":true}"));
    model.append(logEntry("PUT", QStringLiteral("/collections/memories/points"), 0, "{}"));
    model.append(logEntry("GET", QStringLiteral("/collections/gone"), 404));
    QTableView *view = dock.view();
    QCOMPARE(view->model()->rowCount(), 4);
    auto cell = [view](int row, int column) {
        return view->model()->index(row, column).data().toString();
    };
    QCOMPARE(cell(1, RequestLogModel::MethodColumn), QStringLiteral("POST"));
    QCOMPARE(cell(2, RequestLogModel::StatusColumn), QStringLiteral("—"));
    QCOMPARE(cell(3, RequestLogModel::StatusColumn), QStringLiteral("404"));
    QVERIFY(cell(2, RequestLogModel::ErrorColumn).contains(QStringLiteral("timeout")));
    const auto *footer = dock.findChild<QLabel *>(QStringLiteral("requestLogFooter"));
    QVERIFY2(footer->text().startsWith(QStringLiteral("Requests: 4 · last ")),
        qPrintable(footer->text()));
    saveScreenshot(&dock, QStringLiteral("requestlogdock"));

    QTest::keyClicks(dock.filterEdit(), QStringLiteral("scroll"));
    QCOMPARE(view->model()->rowCount(), 1);
    QVERIFY(cell(0, RequestLogModel::PathColumn).endsWith(QStringLiteral("/points/scroll")));
    QVERIFY(footer->text().startsWith(QStringLiteral("Requests: 1 of 4")));
    dock.filterEdit()->clear();
    QCOMPARE(view->model()->rowCount(), 4);

    QTest::mouseClick(dock.findChild<QPushButton *>(QStringLiteral("requestLogClear")),
        Qt::LeftButton);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(view->model()->rowCount(), 0);
}

void TestLogDocks::copyAsCurlIsRedacted()
{
    RequestLogModel model;
    RequestLogDock dock(&model);
    dock.resize(900, 300);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    model.append(logEntry("GET", QStringLiteral("/collections"), 200));
    model.append(logEntry("POST", QStringLiteral("/collections/a b/points/scroll"), 200,
        "{\"filter\":{\"must\":[{\"key\":\"note\",\"match\":{\"text\":\"it's\"}}]}}"));
    QApplication::clipboard()->clear();
    QTableView *view = dock.view();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, 1));
    QCOMPARE(view->currentIndex().row(), 1);
    QVERIFY(dock.copyCurlAction()->isEnabled());
    // The action is on the view's context menu and answers Ctrl+Shift+C.
    QVERIFY(view->actions().contains(dock.copyCurlAction()));
    QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(!QApplication::clipboard()->text().isEmpty());
    const QString copied = QApplication::clipboard()->text();
    const QString start = QStringLiteral(
        "curl -X 'POST' 'http://127.0.0.1:6333/collections/a%20b/points/scroll'");
    QVERIFY2(copied.startsWith(start), qPrintable(copied));
    QVERIFY2(copied.contains(QStringLiteral("-H 'api-key: <redacted>'")), qPrintable(copied));
    QVERIFY2(copied.contains(QStringLiteral("it'\\''s")), qPrintable(copied));
    QVERIFY(!copied.contains(Secret));
    const auto *footer = dock.findChild<QLabel *>(QStringLiteral("requestLogFooter"));
    QVERIFY2(footer->text().contains(QStringLiteral("<redacted>")), qPrintable(footer->text()));

    // Two selected rows: two commands, in the order shown.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, rowCenter(view, 0));
    QCOMPARE(view->selectionModel()->selectedRows().size(), 2);
    dock.copyCurlAction()->trigger();
    const QStringList commands = QApplication::clipboard()->text().split(QStringLiteral("\n\n"));
    QCOMPARE(commands.size(), 2);
    QCOMPARE(commands.at(0), QStringLiteral("curl 'http://127.0.0.1:6333/collections' \\\n"
                                            "  -H 'api-key: <redacted>'"));
}

void TestLogDocks::issuesJumpToCause()
{
    IssueListModel model;
    IssuesDock dock(&model);
    dock.resize(800, 240);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QCOMPARE(dock.windowTitle(), QStringLiteral("Issues"));
    saveScreenshot(&dock, QStringLiteral("issuesdock-empty"));

    IssueCause cause;
    cause.collection = QStringLiteral("company_42_cost_optimization_knowledge");
    cause.pointId = PointId(42);
    cause.pane = QStringLiteral("points");
    model.addIssue(IssueListModel::Severity::Warning, QStringLiteral("Tenants"),
        QStringLiteral("No keyword index on customer_id: tenants sampled with scroll"));
    model.addIssue(IssueListModel::Severity::Error,
        QStringLiteral("Points · company_42_cost_optimization_knowledge"),
        QStringLiteral("POST /collections/company_42_cost_optimization_knowledge/points/scroll: "
                       "no complete answer within 30 s"),
        cause);
    model.addIssue(IssueListModel::Severity::Error,
        QStringLiteral("Points · company_42_cost_optimization_knowledge"),
        QStringLiteral("POST /collections/company_42_cost_optimization_knowledge/points/scroll: "
                       "no complete answer within 30 s"),
        cause);
    QCOMPARE(dock.windowTitle(), QStringLiteral("Issues (2)"));
    QTreeView *view = dock.view();
    QVERIFY(view->isVisible());
    QCOMPARE(view->model()->index(1, IssueListModel::CountColumn).data().toString(),
        QStringLiteral("×2"));
    saveScreenshot(&dock, QStringLiteral("issuesdock"));

    QSignalSpy activated(&dock, &IssuesDock::causeActivated);
    // No cause, nowhere to jump.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, 0));
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, 0));
    QVERIFY(!dock.jumpAction()->isEnabled());
    QCOMPARE(activated.size(), 0);

    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, 1));
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, 1));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).value<IssueCause>(), cause);
    QVERIFY(dock.jumpAction()->isEnabled());

    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).at(0).value<IssueCause>(), cause);

    QTest::mouseClick(dock.findChild<QPushButton *>(QStringLiteral("issuesClear")),
        Qt::LeftButton);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(dock.windowTitle(), QStringLiteral("Issues"));
    QVERIFY(dock.findChild<QLabel *>(QStringLiteral("issuesEmpty"))->isVisible());
}

void TestLogDocks::journalFiltersAndExports()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EditJournal journal(dir.filePath(QStringLiteral("edits.jsonl")));
    const QUuid production = QUuid::createUuid();
    const QUuid staging = QUuid::createUuid();
    auto add = [&](const QUuid &profile, const QString &collection, quint64 id) {
        EditJournalRecord record;
        record.profileId = profile;
        record.profileName
            = profile == production ? QStringLiteral("production") : QStringLiteral("staging");
        record.collection = collection;
        record.pointId = PointId(id);
        record.operation = QStringLiteral("set_payload");
        record.before = QJsonObject {{QStringLiteral("outcome"), QStringLiteral("failed")},
            {QStringLiteral("savings_percent"), 12.5}};
        record.after = QJsonObject {{QStringLiteral("outcome"), QStringLiteral("success")},
            {QStringLiteral("savings_percent"), 18}};
        QVERIFY(journal.append(record).ok());
    };
    add(production, QStringLiteral("company_42_cost_optimization_knowledge"), 1);
    add(production, QStringLiteral("company_42_customer_context"), 2);
    add(staging, QStringLiteral("company_42_cost_optimization_knowledge"), 3);
    EditJournalModel model(&journal);
    JournalDock dock(&model);
    dock.resize(1000, 260);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QSignalSpy reloaded(&model, &EditJournalModel::reloaded);
    QTest::mouseClick(dock.findChild<QPushButton *>(QStringLiteral("journalReload")),
        Qt::LeftButton);
    QVERIFY(reloaded.wait(10000));
    QCOMPARE(dock.view()->model()->rowCount(), 3);
    QCOMPARE(dock.profileFilter()->count(), 3); // all, production, staging
    QCOMPARE(dock.collectionFilter()->count(), 3);
    QCOMPARE(dock.statusText(), QStringLiteral("Edits: 3"));
    const QModelIndex change = dock.view()->model()->index(0, EditJournalModel::ChangeColumn);
    QCOMPARE(change.data().toString(),
        QStringLiteral("outcome: \"failed\" → \"success\"; savings_percent: 12.5 → 18"));
    QVERIFY(change.data(Qt::ToolTipRole).toString().contains(QStringLiteral("\"failed\"")));
    QVERIFY(dock.view()->isColumnHidden(EditJournalModel::BeforeColumn));
    QVERIFY(!dock.view()->isColumnHidden(EditJournalModel::ChangeColumn));
    saveScreenshot(&dock, QStringLiteral("journaldock"));

    // Pick "staging" as a user would: open the list, move down to it, press Enter.
    dock.profileFilter()->setFocus();
    const int stagingIndex = dock.profileFilter()->findText(QStringLiteral("staging"));
    QVERIFY(stagingIndex > 0);
    for (int i = 0; i < stagingIndex; ++i)
        QTest::keyClick(dock.profileFilter(), Qt::Key_Down);
    QTRY_COMPARE(dock.view()->model()->rowCount(), 1);
    QCOMPARE(dock.statusText(), QStringLiteral("Edits: 1 of 3"));

    const QString target = dir.filePath(QStringLiteral("export.jsonl"));
    QSignalSpy exported(&dock, &JournalDock::exported);
    dock.exportTo(target);
    QVERIFY(exported.wait(10000));
    QCOMPARE(exported.at(0).at(0).toLongLong(), 1);
    const auto read = EditJournal::read(target);
    QVERIFY(read.ok());
    QCOMPARE(read.value().records.size(), 1);
    QCOMPARE(read.value().records.at(0).profileId, staging);
    QVERIFY2(dock.statusText().contains(QStringLiteral("(edits: 1)")),
        qPrintable(dock.statusText()));

    // An export that cannot be written says so inline.
    QSignalSpy failed(&dock, &JournalDock::exportFailed);
    dock.exportTo(dir.filePath(QStringLiteral("missing/folder/x.jsonl")));
    QVERIFY(failed.wait(10000));
    QVERIFY(dock.statusText().contains(QStringLiteral("Cannot write")));
}

QTEST_MAIN(TestLogDocks)
#include "tst_logdocks.moc"
