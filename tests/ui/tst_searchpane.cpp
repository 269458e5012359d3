// The search pane driven as a user would, offscreen, against a real memory-store holding two
// tenants' agent memory (lexically embedded): typing a question and pressing Enter shows the
// tenant's hits and a summary that answers it. MC_SCREENSHOT_DIR=/some/dir saves pictures.

#include "consolesession.h"
#include "filterbuilder.h"
#include "goldenqueries.h"
#include "goldenqueriespanel.h"
#include "jsonfile.h"
#include "memorystoreprocess.h"
#include "savedqueries.h"
#include "scorehistogram.h"
#include "searchform.h"
#include "searchhistory.h"
#include "searchpane.h"
#include "searchresultmodel.h"
#include "searchtestdata.h"
#include "storeclient.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace SearchTestData;

class TestSearchPane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void typingAQuestionAndEnterShowsTheTenantsHits();
    void performanceQuestionSaysWhatWorked();
    void customerQuestionShowsTheNote();
    void thresholdAndFilterNarrowTheHits();
    void findSimilarFromARow();
    void enterOnARowOpensThePoint();
    void historyAndSavedQueriesRunAgain();
    void goldenQueryShowsRankChangesAfterAnImport();
    void goldenQueriesRunAgainWhenAnImportFinishes();
    void dimensionMismatchShowsInline();

private:
    /// A shown pane on session with the collections listed and collection chosen.
    std::unique_ptr<SearchPane> openPane(ConsoleSession *session, const QString &collection);
    /// Types text into the query box and presses Enter; waits for the search to end.
    bool ask(SearchPane &pane, const QString &text);
    /// Saves the hits shown as a golden query named name, through the panel; its row or -1.
    int saveGolden(SearchPane &pane, const QString &name);
    /// Writes the cost record with this id again with another decision, as an import would.
    bool rewriteDecision(const PointId &id);
    void screenshot(QWidget &widget, const QString &name);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
};

void TestSearchPane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QDir(JsonFile::searchFolder()).removeRecursively();
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = openSession(m_store.baseUrl(), kAcme);
    QVERIFY(m_session);
}

void TestSearchPane::init()
{
    QVERIFY(writeCollection(*m_raw, kCost, costRecords()));
    QVERIFY(writeCollection(*m_raw, kPerformance, performanceRecords()));
    QVERIFY(writeCollection(*m_raw, kCustomer, customerRecords()));
}

std::unique_ptr<SearchPane> TestSearchPane::openPane(
    ConsoleSession *session, const QString &collection)
{
    auto pane = std::make_unique<SearchPane>(session, nullptr);
    pane->resize(1280, 720);
    pane->show();
    QComboBox *collections = pane->form()->collectionCombo();
    if (!QTest::qWaitFor([&] { return collections->findText(collection) >= 0; }, 10000))
        return nullptr;
    collections->setCurrentIndex(collections->findText(collection));
    return pane;
}

bool TestSearchPane::ask(SearchPane &pane, const QString &text)
{
    QLineEdit *edit = pane.form()->queryEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QSignalSpy finished(&pane, &SearchPane::searchFinished);
    QTest::keyClick(edit, Qt::Key_Return);
    return finished.wait(20000);
}

int TestSearchPane::saveGolden(SearchPane &pane, const QString &name)
{
    pane.sideTabs()->setCurrentWidget(pane.goldenPanel());
    GoldenQueriesPanel *panel = pane.goldenPanel();
    QTest::keyClicks(panel->nameEdit(), name);
    if (!panel->saveButton()->isEnabled())
        return -1;
    QTest::mouseClick(panel->saveButton(), Qt::LeftButton);
    GoldenQueries *golden = pane.goldenQueries();
    const int row = golden->rowCount() - 1;
    return row >= 0 && golden->golden(row).name == name ? row : -1;
}

bool TestSearchPane::rewriteDecision(const PointId &id)
{
    Record changed;
    for (const Record &record : costRecords()) {
        if (PointId(record.id) == id)
            changed = record;
    }
    changed.text = QStringLiteral("Negotiated an enterprise discount with the vendor");
    return upsert(*m_raw, kCost, {changed});
}

void TestSearchPane::screenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MC_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestSearchPane::typingAQuestionAndEnterShowsTheTenantsHits()
{
    auto pane = openPane(m_session.get(), kCost);
    QVERIFY(pane);
    QLineEdit *edit = pane->form()->queryEdit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("migrate batch processing to spot instances"));
    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(pane->resultModel()->rowCount(), 6, 20000);
    qInfo("Enter to rows shown: %lld ms", clock.elapsed());

    QTableView *table = pane->resultsTable();
    QSet<quint64> shown;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex id = table->model()->index(row, SearchResultModel::IdColumn);
        shown.insert(id.data().toString().toULongLong());
        QVERIFY(table->visualRect(id).isValid());
    }
    QCOMPARE(shown, (QSet<quint64> {1, 2, 3, 4, 5, 6})); // no globex point
    const QModelIndex first = table->indexAt(QPoint(5, 5));
    QVERIFY(first.isValid());
    QCOMPARE(first.data().toString(), QStringLiteral("1")); // rank 1 is shown first
    QTRY_VERIFY(pane->statusText().startsWith(QStringLiteral("6 hits in ")));
    QVERIFY(pane->statusText().contains(QStringLiteral("unnamed vector, Cosine")));

    // The summary card answers "what worked for similar customers?".
    const QString summary = pane->summaryText();
    QVERIFY2(summary.startsWith(QStringLiteral("6 similar cases: 4 succeeded (median 30% "
                                               "savings)")),
        qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("1 failed")));
    QVERIFY(summary.contains(QStringLiteral("1 rolled back")));
    QVERIFY2(summary.contains(QStringLiteral("\u201ccheckpoint every 10 minutes\u201d (2)")),
        qPrintable(summary));
    int binned = 0;
    for (int count : pane->histogram()->bins())
        binned += count;
    QCOMPARE(binned, 6);
    QCOMPARE(pane->messageText(), QString());
    screenshot(*pane, QStringLiteral("searchpane-cost"));
}

void TestSearchPane::performanceQuestionSaysWhatWorked()
{
    auto pane = openPane(m_session.get(), kPerformance);
    QVERIFY(pane);
    QVERIFY(ask(*pane, QStringLiteral("what optimisations fixed high P95 latency before?")));
    QCOMPARE(pane->resultModel()->rowCount(), 5);
    const QString summary = pane->summaryText();
    QVERIFY2(summary.startsWith(QStringLiteral("5 similar cases, median ")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("KV cache tuning worked in 2 of them")),
        qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("Common side effects: \u201chigher gpu memory use\u201d"
                                            " (2)")));
    QCOMPARE(pane->resultModel()->fields().at(1), QStringLiteral("optimization_applied"));
    screenshot(*pane, QStringLiteral("searchpane-performance"));
}

void TestSearchPane::customerQuestionShowsTheNote()
{
    auto pane = openPane(m_session.get(), kCustomer);
    QVERIFY(pane);
    QVERIFY(ask(*pane, QStringLiteral("what is this customer's risk tolerance?")));
    const QString summary = pane->summaryText();
    QVERIFY2(summary.contains(QStringLiteral("Best match: Risk tolerance is low: prefers a 10% "
                                             "to 25% to 50% to 100% rollout")),
        qPrintable(summary));
    QVERIFY(!summary.contains(QStringLiteral("ships straight")));
    QVERIFY(summary.startsWith(QStringLiteral("4 notes: 2 preference")));
    screenshot(*pane, QStringLiteral("searchpane-customer"));
}

void TestSearchPane::thresholdAndFilterNarrowTheHits()
{
    auto pane = openPane(m_session.get(), kCost);
    QVERIFY(pane);
    QVERIFY(ask(*pane, QStringLiteral("spot instances for batch processing")));
    QCOMPARE(pane->resultModel()->rowCount(), 6);
    const float third = pane->resultModel()->hit(2).score;
    const float fourth = pane->resultModel()->hit(3).score;
    QVERIFY(third > fourth);

    QTest::mouseClick(pane->form()->thresholdCheck(), Qt::LeftButton, {},
        QPoint(5, pane->form()->thresholdCheck()->height() / 2));
    QVERIFY(pane->form()->thresholdSpin()->isEnabled());
    pane->form()->thresholdSpin()->setValue((double(third) + double(fourth)) / 2);
    QSignalSpy finished(pane.get(), &SearchPane::searchFinished);
    QTest::mouseClick(pane->form()->searchButton(), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(pane->resultModel()->rowCount(), 3);
    QVERIFY(pane->statusText().contains(QStringLiteral("min score")));

    // A filter applied in the builder searches again at once.
    pane->form()->thresholdCheck()->setChecked(false);
    QTest::mouseClick(pane->form()->filterToggle(), Qt::LeftButton);
    QVERIFY(pane->form()->filterBuilder()->isVisible());
    pane->form()->filterBuilder()->setMode(FilterBuilder::Mode::RawJson);
    pane->form()->filterBuilder()->setFilter({{QStringLiteral("must"),
        QJsonArray {QJsonObject {{QStringLiteral("key"), QStringLiteral("outcome")},
            {QStringLiteral("match"),
                QJsonObject {{QStringLiteral("value"), QStringLiteral("success")}}}}}}});
    QVERIFY(pane->form()->filterBuilder()->apply());
    QVERIFY(finished.wait(20000));
    QCOMPARE(pane->resultModel()->rowCount(), 4);
    for (const ScoredPoint &hit : pane->resultModel()->hits())
        QCOMPARE(
            hit.payload.value(QStringLiteral("outcome")).toString(), QStringLiteral("success"));
    QVERIFY(pane->summaryText().startsWith(QStringLiteral("4 similar cases: 4 succeeded")));
    screenshot(*pane, QStringLiteral("searchpane-filter"));
}

void TestSearchPane::findSimilarFromARow()
{
    auto pane = openPane(m_session.get(), kCost);
    QVERIFY(pane);
    QVERIFY(ask(*pane, QStringLiteral("reserved instances database tier")));
    QTableView *table = pane->resultsTable();
    const PointId best = pane->resultModel()->hit(0).id;
    QCOMPARE(best, PointId(4));
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, 0));
    QSignalSpy finished(pane.get(), &SearchPane::searchFinished);
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(finished.wait(20000));
    QVERIFY2(pane->statusText().contains(QStringLiteral("similar to 4")),
        qPrintable(pane->statusText()));
    QCOMPARE(pane->resultModel()->rowCount(), 5);
    for (const ScoredPoint &hit : pane->resultModel()->hits()) {
        QVERIFY(hit.id != best);
        QCOMPARE(hit.payload.value(kTenantKey).toString(), kAcme);
    }
    // Ctrl+F goes back to the question.
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(pane->form()->queryEdit()->hasFocus());
    QCOMPARE(pane->form()->queryEdit()->selectedText(),
        QStringLiteral("reserved instances database tier"));
}

void TestSearchPane::enterOnARowOpensThePoint()
{
    auto pane = openPane(m_session.get(), kCost);
    QVERIFY(pane);
    QVERIFY(ask(*pane, QStringLiteral("right-size web servers")));
    QSignalSpy opened(pane.get(), &SearchPane::openPointRequested);
    QTableView *table = pane->resultsTable();
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, SearchResultModel::IdColumn));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), kCost);
    QCOMPARE(opened.at(0).at(1).value<PointId>(), PointId(5));
    QCOMPARE(opened.at(0).at(2).toJsonObject().value(QStringLiteral("optimization_type")),
        QJsonValue(QStringLiteral("right_sizing")));
}

void TestSearchPane::historyAndSavedQueriesRunAgain()
{
    auto pane = openPane(m_session.get(), kCost);
    QVERIFY(pane);
    QVERIFY(ask(*pane, QStringLiteral("analytics cluster")));
    QVERIFY(ask(*pane, QStringLiteral("web servers traffic")));
    SearchHistory *history = pane->history();
    QVERIFY(history->rowCount() >= 2);
    QCOMPARE(history->query(0).text, QStringLiteral("web servers traffic"));
    QCOMPARE(history->query(1).text, QStringLiteral("analytics cluster"));

    // Saved under a name, from the Saved tab.
    pane->sideTabs()->setCurrentIndex(1);
    QTest::keyClicks(pane->saveNameEdit(), QStringLiteral("web servers"));
    QTest::keyClick(pane->saveNameEdit(), Qt::Key_Return);
    const int row = pane->savedQueries()->rowOf(QStringLiteral("web servers"));
    QVERIFY(row >= 0);
    QVERIFY(pane->messageText().contains(QStringLiteral("web servers")));

    // A second pane on the same profile reads both from the files.
    auto again = openPane(m_session.get(), kCost);
    QVERIFY(again);
    QCOMPARE(again->history()->query(0).text, QStringLiteral("web servers traffic"));
    QVERIFY(again->savedQueries()->rowOf(QStringLiteral("web servers")) >= 0);

    // Activating the older history entry runs it again.
    QListView *view = again->historyView();
    again->sideTabs()->setCurrentIndex(0);
    view->setFocus();
    view->setCurrentIndex(again->history()->index(1));
    QSignalSpy finished(again.get(), &SearchPane::searchFinished);
    QTest::keyClick(view, Qt::Key_Return);
    QVERIFY(finished.wait(20000));
    QCOMPARE(again->form()->queryEdit()->text(), QStringLiteral("analytics cluster"));
    QCOMPARE(again->resultModel()->hit(0).id, PointId(6));
}

void TestSearchPane::goldenQueryShowsRankChangesAfterAnImport()
{
    auto pane = openPane(m_session.get(), kCost);
    QVERIFY(pane);
    pane->form()->limitSpin()->setValue(3);
    QVERIFY(ask(*pane, QStringLiteral("batch processing on spot instances")));
    QCOMPARE(pane->resultModel()->rowCount(), 3);
    const PointId best = pane->resultModel()->hit(0).id;

    const int row = saveGolden(*pane, QStringLiteral("spot batch"));
    QVERIFY(row >= 0);
    GoldenQueries *golden = pane->goldenQueries();
    GoldenQueriesPanel *panel = pane->goldenPanel();
    QCOMPARE(golden->golden(row).expectedIds.size(), 3);

    // An import rewrites the best hit's decision; the golden query sees it move.
    QVERIFY(rewriteDecision(best));
    QTest::mouseClick(panel->runAllButton(), Qt::LeftButton);
    const QModelIndex lastRun = golden->index(row, GoldenQueries::LastRunColumn);
    QTRY_VERIFY_WITH_TIMEOUT(lastRun.data().toString() != QStringLiteral("not run yet"), 20000);
    QVERIFY2(
        lastRun.data(GoldenQueries::ChangedRole).toBool(), qPrintable(lastRun.data().toString()));
    QVERIFY2(lastRun.data().toString().contains(QStringLiteral("moved"))
            || lastRun.data().toString().contains(QStringLiteral("missing")),
        qPrintable(lastRun.data().toString()));
    QTRY_VERIFY(panel->messageText().contains(QStringLiteral("1 changed")));
    screenshot(*pane, QStringLiteral("searchpane-golden"));
}

void TestSearchPane::goldenQueriesRunAgainWhenAnImportFinishes()
{
    auto pane = openPane(m_session.get(), kCost);
    QVERIFY(pane);
    pane->form()->limitSpin()->setValue(3);
    QVERIFY(ask(*pane, QStringLiteral("batch processing on spot instances")));
    const PointId best = pane->resultModel()->hit(0).id;
    const int row = saveGolden(*pane, QStringLiteral("after an import"));
    QVERIFY(row >= 0);
    GoldenQueries *golden = pane->goldenQueries();
    GoldenQueriesPanel *panel = pane->goldenPanel();
    const QModelIndex lastRun = golden->index(row, GoldenQueries::LastRunColumn);
    const QString notRun = lastRun.data().toString();

    // No golden query searches the collection an import wrote to: nothing runs.
    QVERIFY(rewriteDecision(best));
    pane->rerunGoldenQueriesAfterImport(kPerformance);
    QTest::qWait(300);
    QCOMPARE(lastRun.data().toString(), notRun);
    QVERIFY(!panel->messageText().contains(QStringLiteral("An import")));

    // An import into the golden query's collection runs them without a click.
    pane->rerunGoldenQueriesAfterImport(kCost);
    QVERIFY2(panel->messageText().contains(QStringLiteral("An import into %1").arg(kCost)),
        qPrintable(panel->messageText()));
    QTRY_VERIFY_WITH_TIMEOUT(lastRun.data().toString() != notRun, 20000);
    QVERIFY2(
        lastRun.data(GoldenQueries::ChangedRole).toBool(), qPrintable(lastRun.data().toString()));
    QTRY_VERIFY(panel->messageText().startsWith(QStringLiteral("Ran ")));
}

void TestSearchPane::dimensionMismatchShowsInline()
{
    auto session = openSession(m_store.baseUrl(), kAcme, 32);
    QVERIFY(session);
    auto pane = openPane(session.get(), kCost);
    QVERIFY(pane);
    QSignalSpy failed(pane.get(), &SearchPane::requestFailed);
    QLineEdit *edit = pane->form()->queryEdit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("spot instances"));
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(failed.wait(20000));
    QVERIFY2(pane->messageText().startsWith(QStringLiteral("Search failed: ")),
        qPrintable(pane->messageText()));
    QVERIFY(pane->messageText().contains(QStringLiteral("32-dimensional")));
    QVERIFY(pane->messageText().contains(QStringLiteral("expects 64")));
    QCOMPARE(pane->resultModel()->rowCount(), 0);
    QCOMPARE(edit->text(), QStringLiteral("spot instances")); // nothing typed is lost
    screenshot(*pane, QStringLiteral("searchpane-error"));
}

QTEST_MAIN(TestSearchPane)
#include "tst_searchpane.moc"
