// NewRecordDialog driven as a user would, offscreen, against a real memory-store: the form a
// schema gives, what it writes (payload, tenant key, vector, checked on the server's side with a
// plain client), and what it refuses. The free form, named vectors and ReEmbedPrompt are in
// tst_newrecordvectors.

#include "newrecordfixture.h"

#include "schemaformfield.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace newrecordtest;

class TestNewRecordDialog : public NewRecordFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startStore(); }
    void init() { resetCollections(); }

    void formFollowsTheSchema();
    void typedRecordIsSavedUnderTheTenant();
    void invalidValuesKeepSaveDisabled();
    void adminScopeAsksForTheTenantKey();
    void wrongDimensionNamesBothNumbersAndWritesNothing();
    void serverRefusalKeepsTheForm();
    void refusesToOpen();
};

void TestNewRecordDialog::formFollowsTheSchema()
{
    auto dialog = openDialog(m_session.get(), kCustomer);
    QVERIFY(dialog);
    QVERIFY(dialog->schema());
    QVERIFY(!dialog->field(QStringLiteral("customer_id"))); // the scope stamps it
    QVERIFY2(dialog->tenantText().contains(QStringLiteral("Saved under tenant ") + kTenant),
        qPrintable(dialog->tenantText()));
    QCOMPARE(
        dialog->embedderText(), QStringLiteral("Embedding with: lexical, offline · 64 dimensions"));
    QCOMPARE(dialog->messageText(), QString());

    auto *type = qobject_cast<QComboBox *>(dialog->field(QStringLiteral("context_type"))->editor());
    QVERIFY(type);
    QCOMPARE(type->count(), 4); // (not set) and the three choices
    QCOMPARE(type->itemText(3), QStringLiteral("historical_note"));
    auto *confidence
        = qobject_cast<QDoubleSpinBox *>(dialog->field(QStringLiteral("confidence"))->editor());
    QVERIFY(confidence);
    QCOMPARE(confidence->minimum(), 0.0);
    QCOMPARE(confidence->maximum(), 1.0);
    QVERIFY(!confidence->isEnabled()); // not set until ticked
    QVERIFY(qobject_cast<QDateTimeEdit *>(dialog->field(QStringLiteral("created_at"))->editor()));
    QVERIFY(qobject_cast<QPlainTextEdit *>(dialog->field(QStringLiteral("content"))->editor()));
    QVERIFY(qobject_cast<QPlainTextEdit *>(
        dialog->field(QStringLiteral("applies_to_agents"))->editor()));
    QVERIFY(qobject_cast<QLineEdit *>(dialog->field(QStringLiteral("topic"))->editor()));

    // Nothing to embed yet: Save waits for the content, and says so.
    QVERIFY(!dialog->saveButton()->isEnabled());
    QVERIFY2(dialog->hintText().contains(QStringLiteral("Write content")),
        qPrintable(dialog->hintText()));
}

void TestNewRecordDialog::typedRecordIsSavedUnderTheTenant()
{
    auto dialog = openDialog(m_session.get(), kCustomer);
    QVERIFY(dialog);
    const QString note = QStringLiteral("Prefers 10% then 25% then 50% rollouts with a day of "
                                        "validation between steps");
    QTest::keyClicks(dialog->field(QStringLiteral("content"))->editor(), note);
    auto *type = static_cast<QComboBox *>(dialog->field(QStringLiteral("context_type"))->editor());
    QTest::keyClicks(type, QStringLiteral("pref"));
    QCOMPARE(type->currentText(), QStringLiteral("preference"));
    QTest::keyClicks(
        dialog->field(QStringLiteral("topic"))->editor(), QStringLiteral("rollout_strategy"));
    SchemaFormField *confidence = dialog->field(QStringLiteral("confidence"));
    QTest::mouseClick(confidence->includeBox(), Qt::LeftButton);
    auto *spin = static_cast<QDoubleSpinBox *>(confidence->editor());
    QVERIFY(spin->isEnabled());
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("0.85"));
    QWidget *agents = dialog->field(QStringLiteral("applies_to_agents"))->editor();
    QTest::keyClicks(agents, QStringLiteral("performance_agent, cost_agent"));
    QTest::keyClick(agents, Qt::Key_Return); // one per line works as well as commas
    QTest::keyClicks(agents, QStringLiteral("application_agent"));
    QTRY_VERIFY(dialog->saveButton()->isEnabled());
    QCOMPARE(dialog->hintText(), QString());

    QSignalSpy saved(dialog.get(), &NewRecordDialog::recordSaved);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    QVERIFY(!dialog->isVisible()); // closed on recordCreated
    QCOMPARE(dialog->result(), int(QDialog::Accepted));

    const PointId id = saved.first().at(1).value<PointId>();
    const QJsonObject point = serverPoint(kCustomer, id.toString());
    const QJsonObject payload = point.value(QStringLiteral("payload")).toObject();
    QCOMPARE(payload.value(QStringLiteral("customer_id")).toString(), kTenant);
    QCOMPARE(payload.value(QStringLiteral("content")).toString(), note);
    QCOMPARE(
        payload.value(QStringLiteral("context_type")).toString(), QStringLiteral("preference"));
    QCOMPARE(payload.value(QStringLiteral("topic")).toString(), QStringLiteral("rollout_strategy"));
    QCOMPARE(payload.value(QStringLiteral("confidence")).toDouble(), 0.85);
    QCOMPARE(payload.value(QStringLiteral("applies_to_agents")).toArray(),
        (QJsonArray {QStringLiteral("performance_agent"), QStringLiteral("cost_agent"),
            QStringLiteral("application_agent")}));
    QVERIFY(payload.value(QStringLiteral("created_at")).toString().endsWith(u'Z'));
    QVERIFY(!payload.contains(QStringLiteral("priority"))); // left "(not set)"
    compareVector(point.value(QStringLiteral("vector")).toArray(), note);
    QCOMPARE(serverPoints(kCustomer).size(), 1);
}

void TestNewRecordDialog::invalidValuesKeepSaveDisabled()
{
    auto dialog = openDialog(m_session.get(), kCost);
    QVERIFY(dialog);
    QVERIFY(!dialog->field(QStringLiteral("customer_id")));
    QTest::keyClicks(dialog->field(QStringLiteral("decision_context"))->editor(),
        QStringLiteral("Batch jobs tolerate interruption; moved them to spot"));
    QTRY_VERIFY(dialog->saveButton()->isEnabled());

    SchemaFormField *savings = dialog->field(QStringLiteral("savings_percent"));
    QTest::keyClicks(savings->editor(), QStringLiteral("35%"));
    QVERIFY(!dialog->saveButton()->isEnabled());
    QCOMPARE(savings->problem(), QStringLiteral("“35%” is not a number."));
    QCOMPARE(dialog->hintText(), QStringLiteral("Fix the marked fields to save: savings_percent."));

    SchemaFormField *optimization = dialog->field(QStringLiteral("optimization_id"));
    QTest::keyClicks(optimization->editor(), QStringLiteral("opt-17"));
    QVERIFY2(optimization->problem().contains(QStringLiteral("is not a UUID")),
        qPrintable(optimization->problem()));
    QCOMPARE(dialog->hintText(),
        QStringLiteral("Fix the marked fields to save: optimization_id, "
                       "savings_percent."));
    QVERIFY(!dialog->saveButton()->isEnabled());

    // Fixing them: the problems go, Save comes back.
    auto *savingsEdit = static_cast<QLineEdit *>(savings->editor());
    QTest::keyClick(savingsEdit, Qt::Key_Backspace);
    QCOMPARE(savingsEdit->text(), QStringLiteral("35"));
    static_cast<QLineEdit *>(optimization->editor())->clear();
    QTest::mouseClick(optimization->findChild<QToolButton *>(), Qt::LeftButton); // "New"
    QVERIFY(!QUuid::fromString(static_cast<QLineEdit *>(optimization->editor())->text()).isNull());
    QTRY_VERIFY(dialog->saveButton()->isEnabled());
    QCOMPARE(savings->problem(), QString());
    QCOMPARE(dialog->payload().value(QStringLiteral("savings_percent")).toDouble(), 35.0);

    // An object that is not JSON, in performance_patterns.
    auto performance = openDialog(m_session.get(), kPerformance);
    QVERIFY(performance);
    QTest::keyClicks(performance->field(QStringLiteral("problem_description"))->editor(),
        QStringLiteral("P95 latency doubles under bursty load"));
    SchemaFormField *config = performance->field(QStringLiteral("config_changes"));
    QTest::keyClicks(config->editor(), QStringLiteral("{\"max_num_seqs\": 128"));
    QVERIFY(!performance->saveButton()->isEnabled());
    QVERIFY2(config->problem().startsWith(QStringLiteral("Not a JSON object")),
        qPrintable(config->problem()));
    QTest::keyClicks(config->editor(), QStringLiteral("}"));
    QTRY_VERIFY(performance->saveButton()->isEnabled());
    QCOMPARE(performance->payload().value(QStringLiteral("config_changes")).toObject(),
        (QJsonObject {{QStringLiteral("max_num_seqs"), 128}}));
    QCOMPARE(serverPoints(kCost).size() + serverPoints(kPerformance).size(), 0);
}

void TestNewRecordDialog::adminScopeAsksForTheTenantKey()
{
    auto admin = openSession(kSize, false, QString());
    QVERIFY(admin);
    PointCuration curation(admin.get(), m_journal.get());
    NewRecordDialog dialog(admin.get(), &curation, nullptr, kCustomer);
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    QVERIFY2(dialog.tenantText().startsWith(QStringLiteral("All tenants (admin)")),
        qPrintable(dialog.tenantText()));
    SchemaFormField *tenant = dialog.field(QStringLiteral("customer_id"));
    QVERIFY(tenant); // nothing stamps it: the user writes it, and must
    QTest::keyClicks(dialog.field(QStringLiteral("content"))->editor(),
        QStringLiteral("Never migrate during quarter close"));
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY2(
        tenant->problem().startsWith(QStringLiteral("Required")), qPrintable(tenant->problem()));
    QTest::keyClicks(tenant->editor(), kOther);
    QTRY_VERIFY(dialog.saveButton()->isEnabled());
    QSignalSpy saved(&dialog, &NewRecordDialog::recordSaved);
    QTest::keyClick(&dialog, Qt::Key_Return); // Save is the default button
    QVERIFY(saved.wait(10000));
    const QJsonArray points = serverPoints(kCustomer);
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.first()
                 .toObject()
                 .value(QStringLiteral("payload"))
                 .toObject()
                 .value(QStringLiteral("customer_id"))
                 .toString(),
        kOther);
}

void TestNewRecordDialog::wrongDimensionNamesBothNumbersAndWritesNothing()
{
    auto wide = openSession(1536);
    QVERIFY(wide);
    PointCuration curation(wide.get(), m_journal.get());
    NewRecordDialog dialog(wide.get(), &curation, nullptr, kCustomer);
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    QCOMPARE(dialog.embedderText(),
        QStringLiteral("Embedding with: lexical, offline · 1536 dimensions"));
    QTest::keyClicks(dialog.field(QStringLiteral("content"))->editor(),
        QStringLiteral("Wants weekly cost reports"));
    QTRY_VERIFY(!dialog.messageText().isEmpty());
    QVERIFY2(dialog.messageText().contains(QStringLiteral("1536"))
            && dialog.messageText().contains(QStringLiteral("64")),
        qPrintable(dialog.messageText()));
    QVERIFY(!dialog.saveButton()->isEnabled());
    dialog.save(); // even when asked directly, nothing goes out
    QVERIFY(!dialog.isSaving());
    QCOMPARE(serverPoints(kCustomer).size(), 0);
}

void TestNewRecordDialog::serverRefusalKeepsTheForm()
{
    // The collection is recreated with another size after the dialog read it: the check at
    // Save time (PointCuration's) refuses, names both sizes, and the typed text stays.
    auto dialog = openDialog(m_session.get(), kCustomer);
    QVERIFY(dialog);
    const QString note = QStringLiteral("Asked for no changes on Fridays");
    QTest::keyClicks(dialog->field(QStringLiteral("content"))->editor(), note);
    QTRY_VERIFY(dialog->saveButton()->isEnabled());
    m_raw->del(QStringLiteral("/collections/") + kCustomer);
    QCOMPARE(
        m_raw->put(QStringLiteral("/collections/") + kCustomer, collectionConfig(32)).status, 200);
    QSignalSpy failed(m_curation.get(), &PointCuration::failed);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(dialog->isSaving());
    QVERIFY(!dialog->saveButton()->isEnabled());
    QVERIFY(failed.wait(10000));
    QVERIFY(!dialog->isSaving());
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->messageText().startsWith(QStringLiteral("Nothing was saved"))
            && dialog->messageText().contains(QStringLiteral("64"))
            && dialog->messageText().contains(QStringLiteral("32")),
        qPrintable(dialog->messageText()));
    QCOMPARE(static_cast<QPlainTextEdit *>(dialog->field(QStringLiteral("content"))->editor())
                 ->toPlainText(),
        note);
    QCOMPARE(serverPoints(kCustomer).size(), 0);
}

void TestNewRecordDialog::refusesToOpen()
{
    auto readOnly = openSession(kSize, true);
    QVERIFY(readOnly);
    const QString why = NewRecordDialog::refusal(readOnly.get(), kCustomer);
    QVERIFY2(why.contains(QStringLiteral("read-only")), qPrintable(why));
    PointCuration curation(readOnly.get(), m_journal.get());
    NewRecordDialog dialog(readOnly.get(), &curation, nullptr, kCustomer);
    QSignalSpy refused(&dialog, &NewRecordDialog::openRefused);
    dialog.show();
    QCOMPARE(refused.size(), 1);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.exec(), int(QDialog::Rejected));
    QCOMPARE(refused.size(), 2);

    auto noTenant = std::make_unique<ConsoleSession>();
    NewRecordDialog unconnected(noTenant.get(), &curation, nullptr, kCustomer);
    unconnected.show();
    QVERIFY(!unconnected.isVisible());
    QVERIFY(NewRecordDialog::refusal(noTenant.get(), kCustomer)
                .startsWith(QStringLiteral("Not connected")));
    m_session->setScope(TenantScope());
    QVERIFY(NewRecordDialog::refusal(m_session.get(), kCustomer)
                .startsWith(QStringLiteral("Choose a tenant")));
}

QTEST_MAIN(TestNewRecordDialog)
#include "tst_newrecorddialog.moc"
