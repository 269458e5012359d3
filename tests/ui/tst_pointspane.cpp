// The points table driven as a user would, offscreen, against a real memory-store; what the
// bulk edits did is checked on the server's side with a plain client.

#include "bulkeditdialog.h"
#include "columnchooser.h"
#include "consolesession.h"
#include "editjournal.h"
#include "filterbuilder.h"
#include "memorystoreprocess.h"
#include "pointcuration.h"
#include "pointsmodel.h"
#include "pointspane.h"
#include "storeclient.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCollection = QStringLiteral("pane_points");
const QString kTenantKey = QStringLiteral("customer_id");
constexpr int kAcme = 250;
constexpr int kGlobex = 60;

QJsonObject match(const QString &key, const QJsonValue &value)
{
    return {{QStringLiteral("key"), key},
        {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), value}}}};
}

QJsonObject mustAll(const QJsonArray &conditions)
{
    return {{QStringLiteral("must"), conditions}};
}

QJsonArray makePoints(quint64 firstId, int count, const QString &tenant)
{
    QJsonArray points;
    for (int i = 0; i < count; ++i) {
        const quint64 id = firstId + quint64(i);
        points.append(QJsonObject {
            {QStringLiteral("id"), qint64(id)},
            {QStringLiteral("vector"), QJsonArray {double(id) / 8.0, 0.25, -1.5}},
            {QStringLiteral("payload"),
                QJsonObject {{kTenantKey, tenant}, {QStringLiteral("rank"), i % 9},
                    {QStringLiteral("text"), QStringLiteral("memory %1").arg(id)},
                    {QStringLiteral("outcome"),
                        i % 2 ? QStringLiteral("success") : QStringLiteral("failed")}}},
        });
    }
    return points;
}

} // namespace

class TestPointsPane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void showsRowsAndTheCount();
    void scrollingFetchesMore();
    void columnChooserHidesAColumn();
    void headerClickSortsWhereAnIndexAllows();
    void filterBuilderFiltersTheTable();
    void showVectorReadsItOnDemand();
    void activatingARowGivesTheWholePayload();
    void bulkDeleteCountsFirstThenDeletesExactlyThose();
    void bulkSetKeysChangesExactlyTheMatches();
    void bulkInputErrorsAndChangesKeepApplyDisabled();
    void bulkDeleteKeysRemovesThemFromTheMatches();
    void bulkWritesNothingWhenTheCountMoved();
    void scopeChangeShowsTheNewTenant();
    void readOnlyProfileDisablesBulkEdits();

private:
    /// Server-side count of the points that match filter (no scope: the plain truth).
    qint64 serverCount(const QJsonObject &filter);
    std::unique_ptr<ConsoleSession> openSession(bool readOnly);
    /// A shown pane on the test collection with its first page loaded.
    std::unique_ptr<PointsPane> openPane(ConsoleSession *session);
    void clickHeader(PointsPane &pane, int column);

    /// The journal's records of one operation on the test collection.
    QList<EditJournalRecord> journalled(const QString &operation) const;

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    QTemporaryDir m_journalDir;
    std::unique_ptr<EditJournal> m_journal;
    std::unique_ptr<PointCuration> m_curation; ///< the last opened pane's
};

void TestPointsPane::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = openSession(false);
    QVERIFY(m_session);
}

void TestPointsPane::init()
{
    m_curation.reset();
    m_journal = std::make_unique<EditJournal>(m_journalDir.filePath(
        QString::fromLatin1(QTest::currentTestFunction()) + QStringLiteral(".jsonl")));
    m_raw->del(QStringLiteral("/collections/") + kCollection);
    const QJsonObject config {{QStringLiteral("vectors"),
        QJsonObject {
            {QStringLiteral("size"), 3}, {QStringLiteral("distance"), QStringLiteral("Dot")}}}};
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kCollection, config).status, 200);
    QJsonArray points = makePoints(1, kAcme, QStringLiteral("acme"));
    for (const QJsonValue &point : makePoints(1000, kGlobex, QStringLiteral("globex")))
        points.append(point);
    QCOMPARE(m_raw
                 ->put(QStringLiteral("/collections/") + kCollection
                         + QStringLiteral("/points?wait=true"),
                     QJsonObject {{QStringLiteral("points"), points}})
                 .status,
        200);
    const auto index = m_raw->put(
        QStringLiteral("/collections/") + kCollection + QStringLiteral("/index?wait=true"),
        QJsonObject {{QStringLiteral("field_name"), QStringLiteral("rank")},
            {QStringLiteral("field_schema"), QStringLiteral("integer")}});
    QCOMPARE(index.status, 200);
}

qint64 TestPointsPane::serverCount(const QJsonObject &filter)
{
    const auto response = m_raw->post(
        QStringLiteral("/collections/") + kCollection + QStringLiteral("/points/count"),
        QJsonObject {{QStringLiteral("filter"), filter}, {QStringLiteral("exact"), true}});
    return response.result().toObject().value(QStringLiteral("count")).toInteger(-1);
}

std::unique_ptr<ConsoleSession> TestPointsPane::openSession(bool readOnly)
{
    auto session = std::make_unique<ConsoleSession>();
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("test"), QUrl(m_store.baseUrl()));
    profile.readOnly = readOnly;
    QSignalSpy opened(session.get(), &ConsoleSession::opened);
    session->open(profile, QString());
    if (!opened.wait(10000))
        return nullptr;
    const auto scope = TenantScope::forProfile(profile, QStringLiteral("acme"));
    if (!scope.ok())
        return nullptr;
    session->setScope(scope.value());
    return session;
}

std::unique_ptr<PointsPane> TestPointsPane::openPane(ConsoleSession *session)
{
    m_curation = std::make_unique<PointCuration>(session, m_journal.get());
    auto pane = std::make_unique<PointsPane>(session, m_curation.get());
    pane->resize(1000, 700);
    pane->show();
    pane->openCollection(kCollection);
    if (!QTest::qWaitFor([&] { return pane->model()->rowCount() == 100; }, 10000))
        return nullptr;
    return pane;
}

QList<EditJournalRecord> TestPointsPane::journalled(const QString &operation) const
{
    QList<EditJournalRecord> found;
    const auto read = EditJournal::read(m_journal->filePath());
    if (!read.ok())
        return found;
    for (const EditJournalRecord &record : read.value().records) {
        if (record.collection == kCollection && record.operation == operation)
            found.append(record);
    }
    return found;
}

void TestPointsPane::clickHeader(PointsPane &pane, int column)
{
    QHeaderView *header = pane.table()->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(column) + 10, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
}

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

void TestPointsPane::bulkDeleteCountsFirstThenDeletesExactlyThose()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    const QJsonObject rank3 = mustAll({match(QStringLiteral("rank"), 3)});
    pane->setFilter(rank3);
    const qint64 acmeRank3 = serverCount(
        mustAll({match(kTenantKey, QStringLiteral("acme")), match(QStringLiteral("rank"), 3)}));
    const qint64 globexRank3 = serverCount(
        mustAll({match(kTenantKey, QStringLiteral("globex")), match(QStringLiteral("rank"), 3)}));
    QVERIFY(acmeRank3 > 0 && globexRank3 > 0);
    QTRY_COMPARE(pane->model()->totalCount(), acmeRank3);

    QVERIFY(pane->bulkEditAction()->isEnabled());
    pane->bulkEditAction()->trigger();
    BulkEditDialog *dialog = pane->bulkEditDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTest::mouseClick(dialog->actionButton(BulkEditDialog::Action::DeletePoints), Qt::LeftButton);
    QCOMPARE(dialog->action(), BulkEditDialog::Action::DeletePoints);
    QVERIFY(!dialog->applyButton()->isEnabled()); // no dry run yet

    QSignalSpy counted(dialog, &BulkEditDialog::dryRunFinished);
    QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
    QVERIFY(counted.wait(10000));
    QCOMPARE(dialog->dryRunText(),
        QStringLiteral("This will delete %1 points of tenant acme.")
            .arg(QLocale().toString(acmeRank3)));
    QVERIFY(dialog->applyButton()->isEnabled());
    QCOMPARE(serverCount(rank3), acmeRank3 + globexRank3); // a dry run changes nothing

    QSignalSpy applied(dialog, &BulkEditDialog::applied);
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->confirmation());
    QMessageBox *box = dialog->confirmation();
    QVERIFY(box->text().contains(QLocale().toString(acmeRank3)));
    auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmBulkButton"));
    QVERIFY(confirm);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QVERIFY(applied.wait(10000));
    QCOMPARE(applied.constFirst().at(1).toLongLong(), acmeRank3);

    // Exactly those: acme's rank 3 gone, the rest of acme and all of globex still there.
    QCOMPARE(serverCount(mustAll(
                 {match(kTenantKey, QStringLiteral("acme")), match(QStringLiteral("rank"), 3)})),
        qint64(0));
    QCOMPARE(serverCount(mustAll({match(kTenantKey, QStringLiteral("acme"))})),
        qint64(kAcme) - acmeRank3);
    QCOMPARE(serverCount(mustAll({match(kTenantKey, QStringLiteral("globex"))})), qint64(kGlobex));
    QVERIFY(dialog->messageText().contains(QLocale().toString(acmeRank3)));
    QVERIFY(!dialog->applyButton()->isEnabled());
    QTRY_COMPARE(pane->model()->totalCount(), qint64(0)); // the pane read again

    // The journal keeps each deleted point with its payload, so it can be restored by hand.
    const QList<EditJournalRecord> deleted = journalled(QStringLiteral("delete_points"));
    QCOMPARE(deleted.size(), acmeRank3);
    for (const EditJournalRecord &record : deleted) {
        QVERIFY(!record.pointId.isNull());
        QCOMPARE(record.before.toObject().value(kTenantKey).toString(), QStringLiteral("acme"));
        QCOMPARE(record.before.toObject().value(QStringLiteral("rank")).toInt(), 3);
        QVERIFY(record.after.isNull());
    }
}

void TestPointsPane::bulkSetKeysChangesExactlyTheMatches()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    pane->setFilter(mustAll({match(QStringLiteral("rank"), 4)}));
    pane->bulkEditAction()->trigger();
    BulkEditDialog *dialog = pane->bulkEditDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->action(), BulkEditDialog::Action::SetKeys);
    dialog->payloadEdit()->setFocus();
    QTest::keyClicks(dialog->payloadEdit(), QStringLiteral("{\"reviewed\": true}"));
    QSignalSpy counted(dialog, &BulkEditDialog::dryRunFinished);
    QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
    QVERIFY(counted.wait(10000));
    const qint64 expected = serverCount(
        mustAll({match(kTenantKey, QStringLiteral("acme")), match(QStringLiteral("rank"), 4)}));
    QCOMPARE(dialog->dryRunText(),
        QStringLiteral("This will change %1 points of tenant acme.")
            .arg(QLocale().toString(expected)));
    QSignalSpy applied(dialog, &BulkEditDialog::applied);
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QVERIFY(applied.wait(10000));
    QVERIFY(!dialog->confirmation()); // setting keys is not destructive: no question
    const QJsonObject reviewed = mustAll({match(QStringLiteral("reviewed"), true)});
    QCOMPARE(serverCount(reviewed), expected);
    QCOMPARE(serverCount(mustAll({match(QStringLiteral("reviewed"), true),
                 match(kTenantKey, QStringLiteral("acme")), match(QStringLiteral("rank"), 4)})),
        expected);
    const QList<EditJournalRecord> changed = journalled(QStringLiteral("set_payload"));
    QCOMPARE(changed.size(), expected);
    for (const EditJournalRecord &record : changed) {
        QVERIFY(!record.before.toObject().contains(QStringLiteral("reviewed")));
        QCOMPARE(record.after.toObject().value(QStringLiteral("reviewed")), QJsonValue(true));
    }
}

void TestPointsPane::bulkInputErrorsAndChangesKeepApplyDisabled()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    pane->bulkEditAction()->trigger();
    BulkEditDialog *dialog = pane->bulkEditDialog();
    QVERIFY(dialog);
    // Broken JSON: the dry run says where, and nothing is counted.
    QTest::keyClicks(dialog->payloadEdit(), QStringLiteral("{\"reviewed\": tru"));
    QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
    QVERIFY(dialog->messageText().startsWith(QStringLiteral("Line 1")));
    QVERIFY(!dialog->applyButton()->isEnabled());
    // Changing the tenant key is refused by the scope before anything is sent.
    dialog->payloadEdit()->setPlainText(QStringLiteral("{\"customer_id\": \"globex\"}"));
    QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
    QVERIFY(!dialog->messageText().isEmpty());
    QCOMPARE(dialog->dryRunCount(), qint64(-1));
    QVERIFY(!dialog->applyButton()->isEnabled());
    // A valid dry run, then another action: Apply waits for a new dry run.
    QTest::mouseClick(dialog->actionButton(BulkEditDialog::Action::DeleteKeys), Qt::LeftButton);
    const auto items = dialog->keysList()->findItems(QStringLiteral("outcome"), Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    items.constFirst()->setCheckState(Qt::Checked);
    QSignalSpy counted(dialog, &BulkEditDialog::dryRunFinished);
    QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
    QVERIFY(counted.wait(10000));
    QVERIFY(dialog->applyButton()->isEnabled());
    QVERIFY(dialog->dryRunText().contains(QStringLiteral("outcome")));
    QTest::mouseClick(dialog->actionButton(BulkEditDialog::Action::DeletePoints), Qt::LeftButton);
    QVERIFY(!dialog->applyButton()->isEnabled());
    QCOMPARE(serverCount({}), qint64(kAcme + kGlobex));
}

void TestPointsPane::bulkDeleteKeysRemovesThemFromTheMatches()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    const QJsonObject rank5 = mustAll({match(QStringLiteral("rank"), 5)});
    pane->setFilter(rank5);
    pane->bulkEditAction()->trigger();
    BulkEditDialog *dialog = pane->bulkEditDialog();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->actionButton(BulkEditDialog::Action::DeleteKeys), Qt::LeftButton);
    const auto items = dialog->keysList()->findItems(QStringLiteral("outcome"), Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    items.constFirst()->setCheckState(Qt::Checked);
    QTest::keyClicks(dialog->otherKeysEdit(), QStringLiteral("text"));
    QSignalSpy counted(dialog, &BulkEditDialog::dryRunFinished);
    QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
    QVERIFY(counted.wait(10000));
    const QJsonObject acmeRank5
        = mustAll({match(kTenantKey, QStringLiteral("acme")), match(QStringLiteral("rank"), 5)});
    const qint64 expected = serverCount(acmeRank5);
    QVERIFY(dialog->dryRunText().contains(QLocale().toString(expected)));
    QSignalSpy applied(dialog, &BulkEditDialog::applied);
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->confirmation());
    QTest::mouseClick(
        dialog->confirmation()->findChild<QPushButton *>(QStringLiteral("confirmBulkButton")),
        Qt::LeftButton);
    QVERIFY(applied.wait(10000));
    // acme's rank 5 points lost both keys; every other point kept them.
    const QJsonObject hasOutcome {{QStringLiteral("must_not"),
        QJsonArray {QJsonObject {{QStringLiteral("is_empty"),
            QJsonObject {{QStringLiteral("key"), QStringLiteral("outcome")}}}}}}};
    QCOMPARE(serverCount(hasOutcome), qint64(kAcme + kGlobex) - expected);
    QCOMPARE(
        serverCount({{QStringLiteral("must"), QJsonArray {acmeRank5, hasOutcome}}}), qint64(0));
    const auto point = m_raw->get(QStringLiteral("/collections/") + kCollection
        + QStringLiteral("/points/6")); // rank 5, acme
    const QJsonObject payload
        = point.result().toObject().value(QStringLiteral("payload")).toObject();
    QVERIFY(!payload.contains(QStringLiteral("text")));
    QCOMPARE(payload.value(kTenantKey).toString(), QStringLiteral("acme"));
}

void TestPointsPane::bulkWritesNothingWhenTheCountMoved()
{
    auto pane = openPane(m_session.get());
    QVERIFY(pane);
    pane->setFilter(mustAll({match(QStringLiteral("rank"), 6)}));
    pane->bulkEditAction()->trigger();
    BulkEditDialog *dialog = pane->bulkEditDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->payloadEdit(), QStringLiteral("{\"reviewed\": true}"));
    QSignalSpy counted(dialog, &BulkEditDialog::dryRunFinished);
    QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
    QVERIFY(counted.wait(10000));
    const qint64 before = dialog->dryRunCount();
    // Another client adds a matching point between the dry run and Apply.
    const QJsonObject extra {{QStringLiteral("id"), 5000},
        {QStringLiteral("vector"), QJsonArray {1, 1, 1}},
        {QStringLiteral("payload"),
            QJsonObject {{kTenantKey, QStringLiteral("acme")}, {QStringLiteral("rank"), 6}}}};
    QCOMPARE(m_raw
                 ->put(QStringLiteral("/collections/") + kCollection
                         + QStringLiteral("/points?wait=true"),
                     QJsonObject {{QStringLiteral("points"), QJsonArray {extra}}})
                 .status,
        200);
    QSignalSpy applied(dialog, &BulkEditDialog::applied);
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->messageText().contains(QStringLiteral("changed since the dry run")));
    QCOMPARE(applied.size(), 0);
    QCOMPARE(dialog->dryRunCount(), before + 1);
    QCOMPARE(serverCount(mustAll({match(QStringLiteral("reviewed"), true)})), qint64(0));
    // The new number is shown; Apply now writes it.
    QVERIFY(dialog->dryRunText().contains(QLocale().toString(before + 1)));
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QVERIFY(applied.wait(10000));
    QCOMPARE(serverCount(mustAll({match(QStringLiteral("reviewed"), true)})), before + 1);
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

void TestPointsPane::readOnlyProfileDisablesBulkEdits()
{
    auto readOnly = openSession(true);
    QVERIFY(readOnly);
    auto pane = openPane(readOnly.get());
    QVERIFY(pane);
    QVERIFY(!pane->bulkEditAction()->isEnabled());
    QVERIFY(pane->bulkEditAction()->toolTip().contains(QStringLiteral("read-only")));
    pane->openBulkEdit();
    QVERIFY(!pane->bulkEditDialog());
    // Reading still works.
    QVERIFY(pane->reloadAction()->isEnabled());
    QTRY_COMPARE(pane->model()->totalCount(), qint64(kAcme));
}

QTEST_MAIN(TestPointsPane)
#include "tst_pointspane.moc"
