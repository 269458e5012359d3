// The points table driven as a user would, offscreen, against a real memory-store: rows,
// the count, scrolling, columns, sorting, the filter builder, a vector on demand, the whole
// payload of a row and a change of tenant. The bulk edits are in tst_pointspanebulk.

#include "pointspanefixture.h"

#include "columnchooser.h"
#include "filterbuilder.h"
#include "pointsmodel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace pointspanetest;

class TestPointsPane : public PointsPaneFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startStore(); }
    void init() { resetCollection(); }

    void showsRowsAndTheCount();
    void scrollingFetchesMore();
    void columnChooserHidesAColumn();
    void headerClickSortsWhereAnIndexAllows();
    void filterBuilderFiltersTheTable();
    void showVectorReadsItOnDemand();
    void activatingARowGivesTheWholePayload();
    void scopeChangeShowsTheNewTenant();
};

void TestPointsPane::showsRowsAndTheCount()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    QTableView *table = pane->table();
    // The table shows rows: the first visible one is point 1.
    const QModelIndex first = table->indexAt(QPoint(5, 5));
    QVERIFY(first.isValid());
    QCOMPARE(first.data().toString(), QStringLiteral("1"));
    QTRY_COMPARE(pane->countText(),
        QStringLiteral("%1 points match · 100 loaded").arg(QLocale().toString(kAcme)));
    // An unknown collection: the columns are the keys found in the pages.
    QStringList headers;
    for (int column = 0; column < table->model()->columnCount(); ++column)
        headers.append(table->model()->headerData(column, Qt::Horizontal).toString());
    QCOMPARE(headers,
        (QStringList {QStringLiteral("id"), kTenantKey, QStringLiteral("outcome"),
            QStringLiteral("rank"), QStringLiteral("text")}));
    QCOMPARE(pane->messageText(), QString());
}

void TestPointsPane::scrollingFetchesMore()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    QTableView *table = pane->table();
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, 0));
    // Ctrl+End, as a user jumps to the last row: the view asks for the next page.
    QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
    QTRY_COMPARE(pane->model()->rowCount(), 200);
    QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
    QTRY_COMPARE(pane->model()->rowCount(), kAcme);
    QTRY_COMPARE(
        pane->countText(), QStringLiteral("%1 points match").arg(QLocale().toString(kAcme)));
    QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(table->currentIndex().row(), kAcme - 1);
    QCOMPARE(table->currentIndex().siblingAtColumn(0).data().toString(), QString::number(kAcme));
}

void TestPointsPane::columnChooserHidesAColumn()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    QVERIFY(pane->model()->columns().contains(QStringLiteral("text")));
    pane->columnsAction()->trigger();
    ColumnChooser *chooser = pane->columnChooser();
    QVERIFY(chooser);
    QTRY_VERIFY(chooser->isVisible());
    QListWidget *list = chooser->list();
    const QList<QListWidgetItem *> found
        = list->findItems(QStringLiteral("text"), Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.constFirst()->checkState(), Qt::Checked);
    list->setFocus();
    list->setCurrentItem(found.constFirst());
    QTest::keyClick(list, Qt::Key_Space);
    QCOMPARE(found.constFirst()->checkState(), Qt::Unchecked);
    auto *buttons = chooser->findChild<QDialogButtonBox *>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!pane->model()->columns().contains(QStringLiteral("text")));
    QHeaderView *header = pane->table()->horizontalHeader();
    for (int column = 0; column < header->count(); ++column)
        QVERIFY(pane->table()->model()->headerData(column, Qt::Horizontal).toString()
            != QStringLiteral("text"));
    QCOMPARE(pane->model()->rowCount(), 100); // the rows stay: nothing to read again

    // The header's context menu shows it again (at the end).
    emit header->customContextMenuRequested(QPoint(10, 5));
    QMenu *menu = pane->findChild<QMenu *>(QStringLiteral("columnsMenu"));
    QVERIFY(menu);
    QTRY_VERIFY(menu->isVisible());
    QAction *textAction = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->text() == QStringLiteral("text"))
            textAction = action;
    }
    QVERIFY(textAction);
    // NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage): QVERIFY above returns when it is null
    QVERIFY(!textAction->isChecked());
    textAction->trigger();
    QCOMPARE(pane->model()->columns().constLast(), QStringLiteral("text"));
    QTRY_COMPARE(
        pane->model()->index(0, pane->model()->columnOf(QStringLiteral("text"))).data().toString(),
        QStringLiteral("memory 1"));
    menu->close();
}

void TestPointsPane::headerClickSortsWhereAnIndexAllows()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    PointsModel *model = pane->model();
    const int rank = model->columnOf(QStringLiteral("rank"));
    const int text = model->columnOf(QStringLiteral("text"));
    // The header says why text cannot sort, once the collection's indexes are known.
    QTRY_VERIFY(model->whyNotSortable(rank).isEmpty());
    QVERIFY(model->whyNotSortable(text).contains(QStringLiteral("no index")));
    QCOMPARE(model->headerData(text, Qt::Horizontal, Qt::ToolTipRole).toString(),
        model->whyNotSortable(text));
    clickHeader(*pane, text);
    QVERIFY(pane->messageText().contains(QStringLiteral("text")));
    QVERIFY(model->order().isById());
    QCOMPARE(pane->table()->horizontalHeader()->sortIndicatorSection(), 0);

    clickHeader(*pane, rank);
    QCOMPARE(model->order().key, QStringLiteral("rank"));
    QTRY_COMPARE(model->rowCount(), 100);
    QCOMPARE(pane->table()->horizontalHeader()->sortIndicatorSection(), rank);
    QCOMPARE(model->index(0, rank).data().toString(), QStringLiteral("0"));
    QCOMPARE(model->index(99, rank).data().toString(), QStringLiteral("3"));
    QVERIFY(pane->countText().contains(QStringLiteral("sorted by rank")));

    clickHeader(*pane, rank); // again: the other way
    QCOMPARE(model->order().direction, Qt::DescendingOrder);
    QTRY_COMPARE(model->rowCount(), 100);
    QCOMPARE(model->index(0, rank).data().toString(), QStringLiteral("8"));
    QCOMPARE(pane->table()->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
}

void TestPointsPane::filterBuilderFiltersTheTable()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    const QJsonObject filter
        = mustAll({match(QStringLiteral("outcome"), QStringLiteral("success"))});
    pane->filterBuilder()->setFilter(filter);
    QVERIFY(pane->filterBuilder()->apply());
    QCOMPARE(pane->filter(), filter);
    const qint64 expected = serverCount(mustAll({match(kTenantKey, QStringLiteral("acme")),
        match(QStringLiteral("outcome"), QStringLiteral("success"))}));
    QTRY_COMPARE(pane->model()->totalCount(), expected);
    QTRY_COMPARE(pane->model()->rowCount(), 100);
    const int outcome = pane->model()->columnOf(QStringLiteral("outcome"));
    for (int row = 0; row < pane->model()->rowCount(); ++row) {
        QCOMPARE(pane->model()->index(row, outcome).data().toString(), QStringLiteral("success"));
    }
    pane->filterBuilder()->clear();
    QVERIFY(pane->filter().isEmpty());
    QTRY_COMPARE(pane->model()->totalCount(), qint64(kAcme));
}

void TestPointsPane::showVectorReadsItOnDemand()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    QVERIFY(!pane->showVectorAction()->isEnabled());
    QTableView *table = pane->table();
    const QRect cell = table->visualRect(table->model()->index(3, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(table->currentIndex().row(), 3);
    QVERIFY(pane->showVectorAction()->isEnabled());
    pane->showVectorAction()->trigger();
    // Point 4: [4/8, 0.25, -1.5]
    QTRY_COMPARE(pane->vectorText(), QStringLiteral("[0.5, 0.25, -1.5]"));
}

void TestPointsPane::activatingARowGivesTheWholePayload()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    QSignalSpy activated(pane.get(), &PointsPane::pointActivated);
    QTableView *table = pane->table();

    const QRect cell = table->visualRect(table->model()->index(6, 1));
    // A double-click, as the platform sends it: a click, then the double-click.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTRY_COMPARE(activated.size(), 1);
    QCOMPARE(activated.constFirst().at(0).toString(), kCollection);
    QCOMPARE(activated.constFirst().at(1).value<PointId>(), PointId(7));
    const QJsonObject payload = activated.constFirst().at(2).toJsonObject();
    const auto server
        = m_raw->get(QStringLiteral("/collections/") + kCollection + QStringLiteral("/points/7"));
    QCOMPARE(payload, server.result().toObject().value(QStringLiteral("payload")).toObject());

    // Enter on the current row opens it too; with only some keys loaded the whole payload
    // is read first.
    pane->model()->setColumns({QStringLiteral("rank")});
    pane->reload();
    QTRY_COMPARE(pane->model()->rowCount(), 100);
    QCOMPARE(pane->model()->index(8, 0).data(PointsModel::FullPayloadRole).toBool(), false);
    table->setFocus();
    table->setCurrentIndex(table->model()->index(8, 0));
    QTest::keyClick(table, Qt::Key_Return);
    QTRY_COMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).at(1).value<PointId>(), PointId(9));
    QCOMPARE(activated.at(1).at(2).toJsonObject().value(QStringLiteral("text")).toString(),
        QStringLiteral("memory 9"));
}

void TestPointsPane::scopeChangeShowsTheNewTenant()
{
    auto session = openSession(false);
    QVERIFY(session);
    auto pane = openPane(session.get());
    QVERIFY(pane);
    // No tenant chosen: nothing is read, and the pane says why.
    session->setScope(TenantScope());
    QCOMPARE(pane->model()->rowCount(), 0);
    QVERIFY(pane->messageText().contains(QStringLiteral("Choose a tenant")));
    QVERIFY(!pane->bulkEditAction()->isEnabled());
    // Another tenant: its points only.
    session->setScope(
        TenantScope::forProfile(session->profile(), QStringLiteral("globex")).value());
    QTRY_COMPARE(pane->model()->totalCount(), qint64(kGlobex));
    QTRY_COMPARE(pane->model()->rowCount(), kGlobex);
    for (int row = 0; row < pane->model()->rowCount(); ++row)
        QVERIFY(pane->model()->pointId(row).number() >= 1000);
    QCOMPARE(pane->messageText(), QString());
    QVERIFY(pane->bulkEditAction()->isEnabled());
}

QTEST_MAIN(TestPointsPane)
#include "tst_pointspane.moc"
