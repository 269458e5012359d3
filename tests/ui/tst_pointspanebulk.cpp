// The points pane's bulk edits (delete points, set and delete keys) driven as a user would,
// offscreen, against a real memory-store; what they did is checked on the server's side with a
// plain client and in the edit journal.

#include "pointspanefixture.h"

#include "bulkeditdialog.h"
#include "pointsmodel.h"

#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace pointspanetest;

class TestPointsPaneBulk : public PointsPaneFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startStore(); }
    void init() { resetCollection(); }

    void bulkDeleteCountsFirstThenDeletesExactlyThose();
    void bulkSetKeysChangesExactlyTheMatches();
    void bulkInputErrorsAndChangesKeepApplyDisabled();
    void bulkDeleteKeysRemovesThemFromTheMatches();
    void bulkWritesNothingWhenTheCountMoved();
    void readOnlyProfileDisablesBulkEdits();
};

void TestPointsPaneBulk::bulkDeleteCountsFirstThenDeletesExactlyThose()
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

void TestPointsPaneBulk::bulkSetKeysChangesExactlyTheMatches()
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

void TestPointsPaneBulk::bulkInputErrorsAndChangesKeepApplyDisabled()
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

void TestPointsPaneBulk::bulkDeleteKeysRemovesThemFromTheMatches()
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

void TestPointsPaneBulk::bulkWritesNothingWhenTheCountMoved()
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

void TestPointsPaneBulk::readOnlyProfileDisablesBulkEdits()
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

QTEST_MAIN(TestPointsPaneBulk)
#include "tst_pointspanebulk.moc"
