// NewRecordDialog and ReEmbedPrompt driven as a user would, offscreen, against a real
// memory-store: what they wrote (payload, tenant key, vector) is checked on the server's side
// with a plain client. MC_SCREENSHOT_DIR=/some/dir also saves pictures of them there.

#include "consolesession.h"
#include "editjournal.h"
#include "embedder.h"
#include "freeformrecordeditor.h"
#include "localembedder.h"
#include "memorystoreprocess.h"
#include "newrecorddialog.h"
#include "payloadtreemodel.h"
#include "payloadtreeview.h"
#include "pointcuration.h"
#include "reembedprompt.h"
#include "schemaformfield.h"
#include "storeclient.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace {

const QString kTenant = QStringLiteral("8c6f3a52-5d0e-4c57-9a1e-2b7d4f1e9a10");
const QString kOther = QStringLiteral("1b0e8d3c-77aa-4f3e-8a52-c0ffee000002");
const QString kCustomer = QStringLiteral("customer_context");
const QString kCost = QStringLiteral("cost_optimization_knowledge");
const QString kPerformance = QStringLiteral("performance_patterns");
const QString kNotes = QStringLiteral("notes");
constexpr int kSize = 64;

QJsonObject collectionConfig(int size)
{
    return {{QStringLiteral("vectors"),
        QJsonObject {{QStringLiteral("size"), size},
            {QStringLiteral("distance"), QStringLiteral("Cosine")}}}};
}

// The vector the console must have written for text: the lexical embedder's, not any other.
void compareVector(const QJsonArray &stored, const QString &text)
{
    const QList<float> expected = LocalEmbedder::embedText(text, kSize).value();
    QCOMPARE(stored.size(), qsizetype(kSize));
    for (int i = 0; i < kSize; ++i)
        QVERIFY2(qAbs(stored.at(i).toDouble() - double(expected.at(i))) < 1e-6,
            qPrintable(QStringLiteral("component %1").arg(i)));
}

} // namespace

class TestNewRecordDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void formFollowsTheSchema();
    void typedRecordIsSavedUnderTheTenant();
    void invalidValuesKeepSaveDisabled();
    void adminScopeAsksForTheTenantKey();
    void wrongDimensionNamesBothNumbersAndWritesNothing();
    void serverRefusalKeepsTheForm();
    void refusesToOpen();
    void unknownCollectionUsesTheFreeForm();
    void namedVectorsTakeTheOneThatFits();
    void reembedPromptReplacesTheVector();
    void reembedPromptShowsTheError();
    void screenshots();

private:
    std::unique_ptr<ConsoleSession> openSession(
        int dimensions = kSize, bool readOnly = false, const QString &tenant = kTenant);
    std::unique_ptr<NewRecordDialog> openDialog(ConsoleSession *session, const QString &name);
    QJsonArray serverPoints(const QString &collection);
    QJsonObject serverPoint(const QString &collection, const QString &id);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    QTemporaryDir m_dir;
    std::unique_ptr<EditJournal> m_journal;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<PointCuration> m_curation;
};

void TestNewRecordDialog::initTestCase()
{
    QLocale::setDefault(QLocale::c()); // "0.8" is typed with a point
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_journal = std::make_unique<EditJournal>(m_dir.filePath(QStringLiteral("journal.jsonl")));
}

void TestNewRecordDialog::init()
{
    for (const QString &name : {kCustomer, kCost, kPerformance, kNotes}) {
        m_raw->del(QStringLiteral("/collections/") + name);
        QCOMPARE(m_raw->put(QStringLiteral("/collections/") + name, collectionConfig(kSize)).status,
            200);
    }
    m_session = openSession();
    QVERIFY(m_session);
    m_curation = std::make_unique<PointCuration>(m_session.get(), m_journal.get());
}

std::unique_ptr<ConsoleSession> TestNewRecordDialog::openSession(
    int dimensions, bool readOnly, const QString &tenant)
{
    auto session = std::make_unique<ConsoleSession>();
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("records"), QUrl(m_store.baseUrl()));
    profile.embedderDimensions = dimensions;
    profile.readOnly = readOnly;
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

std::unique_ptr<NewRecordDialog> TestNewRecordDialog::openDialog(
    ConsoleSession *session, const QString &name)
{
    auto dialog = std::make_unique<NewRecordDialog>(session, m_curation.get(), nullptr, name);
    dialog->show();
    dialog->activateWindow();
    if (!QTest::qWaitForWindowActive(dialog.get()))
        return nullptr;
    if (!QTest::qWaitFor([&dialog] { return dialog->isReady(); }, 10000))
        return nullptr;
    return dialog;
}

QJsonArray TestNewRecordDialog::serverPoints(const QString &collection)
{
    const auto page = m_raw->post(QStringLiteral("/collections/%1/points/scroll").arg(collection),
        QJsonObject {{QStringLiteral("limit"), 100}, {QStringLiteral("with_payload"), true},
            {QStringLiteral("with_vector"), true}});
    return page.result().toObject().value(QStringLiteral("points")).toArray();
}

QJsonObject TestNewRecordDialog::serverPoint(const QString &collection, const QString &id)
{
    return m_raw->get(QStringLiteral("/collections/%1/points/%2").arg(collection, id))
        .result()
        .toObject();
}

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

void TestNewRecordDialog::unknownCollectionUsesTheFreeForm()
{
    auto dialog = openDialog(m_session.get(), kNotes);
    QVERIFY(dialog);
    QVERIFY(!dialog->schema());
    FreeFormRecordEditor *form = dialog->freeForm();
    QVERIFY(form);
    QCOMPARE(form->textField(), QStringLiteral("text"));
    QVERIFY(!dialog->saveButton()->isEnabled());

    // Type the text into the tree's value cell, as a user would: select it, F2, type, Enter.
    PayloadTreeView *view = form->view();
    const auto editValue = [view, form](const QString &key, const QString &text) {
        const QModelIndex value
            = form->model()->indexForPath(key).siblingAtColumn(PayloadTreeModel::ValueColumn);
        view->setFocus();
        view->setCurrentIndex(value);
        QTest::keyClick(view, Qt::Key_F2);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits a Return from the event loop.
        QTRY_COMPARE(form->payload().value(key).toString(), text);
    };
    editValue(QStringLiteral("text"), QStringLiteral("Deploys only from the release branch"));
    QTRY_VERIFY(dialog->saveButton()->isEnabled());

    // A second text field, chosen as the one to embed.
    QTest::mouseClick(
        form->findChild<QToolButton *>(QStringLiteral("payloadAddFieldButton")), Qt::LeftButton);
    auto *keyEditor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(keyEditor);
    keyEditor->selectAll();
    QTest::keyClicks(keyEditor, QStringLiteral("summary"));
    QTest::keyClick(keyEditor, Qt::Key_Return);
    QTRY_VERIFY(form->payload().contains(QStringLiteral("summary")));
    editValue(QStringLiteral("summary"), QStringLiteral("release branch only"));
    QComboBox *textField = form->textFieldBox();
    QCOMPARE(textField->count(), 2);
    QTest::keyClicks(textField, QStringLiteral("sum"));
    QCOMPARE(form->textField(), QStringLiteral("summary"));
    QCOMPARE(dialog->embeddedText(), QStringLiteral("release branch only"));

    // A tenant key of another tenant is the scope's to refuse, before anything is sent.
    QTest::mouseClick(
        form->findChild<QToolButton *>(QStringLiteral("payloadAddFieldButton")), Qt::LeftButton);
    keyEditor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(keyEditor);
    keyEditor->selectAll();
    QTest::keyClicks(keyEditor, QStringLiteral("customer_id"));
    QTest::keyClick(keyEditor, Qt::Key_Return);
    QTRY_VERIFY(form->payload().contains(QStringLiteral("customer_id")));
    editValue(QStringLiteral("customer_id"), kOther);
    QVERIFY(!dialog->saveButton()->isEnabled());
    QVERIFY2(dialog->hintText().contains(kOther), qPrintable(dialog->hintText()));
    view->setCurrentIndex(form->model()->indexForPath(QStringLiteral("customer_id")));
    QTest::mouseClick(
        form->findChild<QToolButton *>(QStringLiteral("payloadRemoveButton")), Qt::LeftButton);
    QTRY_VERIFY(dialog->saveButton()->isEnabled());

    QSignalSpy saved(dialog.get(), &NewRecordDialog::recordSaved);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    const QJsonArray points = serverPoints(kNotes);
    QCOMPARE(points.size(), 1);
    const QJsonObject point = points.first().toObject();
    QCOMPARE(point.value(QStringLiteral("payload")).toObject(),
        (QJsonObject {
            {QStringLiteral("text"), QStringLiteral("Deploys only from the release branch")},
            {QStringLiteral("summary"), QStringLiteral("release branch only")},
            {QStringLiteral("customer_id"), kTenant}}));
    compareVector(
        point.value(QStringLiteral("vector")).toArray(), QStringLiteral("release branch only"));
}

void TestNewRecordDialog::namedVectorsTakeTheOneThatFits()
{
    const QString named = QStringLiteral("named_notes");
    m_raw->del(QStringLiteral("/collections/") + named);
    const QJsonObject vectors {{QStringLiteral("image"),
                                   QJsonObject {{QStringLiteral("size"), 512},
                                       {QStringLiteral("distance"), QStringLiteral("Dot")}}},
        {QStringLiteral("text"),
            QJsonObject {{QStringLiteral("size"), kSize},
                {QStringLiteral("distance"), QStringLiteral("Cosine")}}}};
    QCOMPARE(m_raw
                 ->put(QStringLiteral("/collections/") + named,
                     QJsonObject {{QStringLiteral("vectors"), vectors}})
                 .status,
        200);
    auto dialog = openDialog(m_session.get(), named);
    QVERIFY(dialog);
    QVERIFY(dialog->vectorBox()->isVisible());
    QCOMPARE(dialog->vectorBox()->count(), 2);
    QCOMPARE(dialog->vectorName(), QStringLiteral("text"));
    QCOMPARE(dialog->messageText(), QString());

    // Choosing the other vector: its size does not fit, and the dialog says so.
    QTest::keyClick(dialog->vectorBox(), Qt::Key_Up);
    QCOMPARE(dialog->vectorName(), QStringLiteral("image"));
    QVERIFY2(
        dialog->messageText().contains(QStringLiteral("512")), qPrintable(dialog->messageText()));
    QTest::keyClick(dialog->vectorBox(), Qt::Key_Down);
    QCOMPARE(dialog->vectorName(), QStringLiteral("text"));
    QCOMPARE(dialog->messageText(), QString());

    FreeFormRecordEditor *form = dialog->freeForm();
    form->view()->setFocus();
    form->view()->setCurrentIndex(form->model()
                                      ->indexForPath(QStringLiteral("text"))
                                      .siblingAtColumn(PayloadTreeModel::ValueColumn));
    QTest::keyClick(form->view(), Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("Named vectors work too"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(dialog->saveButton()->isEnabled());
    QSignalSpy saved(dialog.get(), &NewRecordDialog::recordSaved);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    const QJsonObject point = serverPoint(named, saved.first().at(1).value<PointId>().toString());
    compareVector(
        point.value(QStringLiteral("vector")).toObject().value(QStringLiteral("text")).toArray(),
        QStringLiteral("Named vectors work too"));
    m_raw->del(QStringLiteral("/collections/") + named);
}

void TestNewRecordDialog::reembedPromptReplacesTheVector()
{
    QJsonArray oneHot;
    for (int i = 0; i < kSize; ++i)
        oneHot.append(i == 3 ? 1.0 : 0.0);
    const QJsonObject before {{QStringLiteral("customer_id"), kTenant},
        {QStringLiteral("content"), QStringLiteral("old note")}};
    QJsonObject after = before;
    after.insert(QStringLiteral("content"), QStringLiteral("Prefers reserved instances now"));
    QCOMPARE(
        m_raw
            ->put(QStringLiteral("/collections/%1/points?wait=true").arg(kCustomer),
                QJsonObject {{QStringLiteral("points"),
                    QJsonArray {QJsonObject {{QStringLiteral("id"), 7},
                        {QStringLiteral("vector"), oneHot}, {QStringLiteral("payload"), after}}}}})
            .status,
        200);

    QWidget pane;
    auto *layout = new QVBoxLayout(&pane);
    ReEmbedPrompt prompt(m_session.get(), m_curation.get(), nullptr, &pane);
    layout->addWidget(&prompt);
    layout->addStretch(1);
    pane.resize(640, 120);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QVERIFY(!prompt.isVisible());

    // An edit that leaves the embedded text alone offers nothing.
    QJsonObject retitled = before;
    retitled.insert(QStringLiteral("topic"), QStringLiteral("x"));
    QVERIFY(!prompt.offer(kCustomer, PointId(7), before, retitled));
    QVERIFY(!prompt.isVisible());

    QVERIFY(prompt.offer(kCustomer, PointId(7), before, after));
    QVERIFY(prompt.isVisible());
    QCOMPARE(prompt.messageText(),
        QStringLiteral("The text this point's vector is computed from "
                       "changed. Re-embed now?"));
    QSignalSpy reembedded(&prompt, &ReEmbedPrompt::reembedded);
    QTest::mouseClick(prompt.reembedButton(), Qt::LeftButton);
    QVERIFY(prompt.isBusy());
    QVERIFY(reembedded.wait(10000));
    QVERIFY(!prompt.isVisible());
    compareVector(
        serverPoint(kCustomer, QStringLiteral("7")).value(QStringLiteral("vector")).toArray(),
        QStringLiteral("Prefers reserved instances now"));

    // Dismiss hides the bar and changes nothing.
    QVERIFY(prompt.offer(kCustomer, PointId(7), after, before));
    QSignalSpy dismissed(&prompt, &ReEmbedPrompt::dismissed);
    QTest::mouseClick(prompt.dismissButton(), Qt::LeftButton);
    QCOMPARE(dismissed.size(), 1);
    QVERIFY(!prompt.isVisible());
    compareVector(
        serverPoint(kCustomer, QStringLiteral("7")).value(QStringLiteral("vector")).toArray(),
        QStringLiteral("Prefers reserved instances now"));
}

void TestNewRecordDialog::reembedPromptShowsTheError()
{
    QJsonArray oneHot;
    for (int i = 0; i < kSize; ++i)
        oneHot.append(i == 5 ? 1.0 : 0.0);
    const QJsonObject payload {{QStringLiteral("customer_id"), kTenant},
        {QStringLiteral("content"), QStringLiteral("new text")}};
    QCOMPARE(m_raw
                 ->put(QStringLiteral("/collections/%1/points?wait=true").arg(kCustomer),
                     QJsonObject {{QStringLiteral("points"),
                         QJsonArray {QJsonObject {{QStringLiteral("id"), 9},
                             {QStringLiteral("vector"), oneHot},
                             {QStringLiteral("payload"), payload}}}}})
                 .status,
        200);
    auto wide = openSession(1536);
    QVERIFY(wide);
    PointCuration curation(wide.get(), m_journal.get());
    ReEmbedPrompt prompt(wide.get(), &curation, nullptr);
    prompt.show();
    prompt.offerText(kCustomer, PointId(9), QStringLiteral("new text"));
    QSignalSpy failed(&curation, &PointCuration::failed);
    QTest::mouseClick(prompt.reembedButton(), Qt::LeftButton);
    QVERIFY(failed.wait(10000));
    QVERIFY(!prompt.isBusy());
    QVERIFY(prompt.isVisible());
    QVERIFY2(prompt.messageText().startsWith(QStringLiteral("The vector was not replaced"))
            && prompt.messageText().contains(QStringLiteral("1536"))
            && prompt.messageText().contains(QStringLiteral("64")),
        qPrintable(prompt.messageText()));
    QCOMPARE(prompt.reembedButton()->text(), QStringLiteral("T&ry again"));
    QCOMPARE(serverPoint(kCustomer, QStringLiteral("9")).value(QStringLiteral("vector")).toArray(),
        oneHot);
}

void TestNewRecordDialog::screenshots()
{
    const QString dir = qEnvironmentVariable("MC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set MC_SCREENSHOT_DIR to save pictures of the dialog and the prompt");
    for (const QString &name : {kCustomer, kCost, kPerformance, kNotes}) {
        auto dialog = openDialog(m_session.get(), name);
        QVERIFY(dialog);
        if (dialog->schema()) {
            const QString embedded = dialog->schema()->embeddedFields.first();
            QTest::keyClicks(dialog->field(embedded)->editor(),
                QStringLiteral("Batch workloads tolerate interruption"));
        }
        if (SchemaFormField *score = dialog->field(QStringLiteral("savings_percent")))
            QTest::keyClicks(score->editor(), QStringLiteral("35%"));
        QVERIFY(dialog->grab().save(dir + QStringLiteral("/newrecord_%1.png").arg(name)));
    }
    auto wide = openSession(1536);
    QVERIFY(wide);
    PointCuration curation(wide.get(), m_journal.get());
    auto dialog = std::make_unique<NewRecordDialog>(wide.get(), &curation, nullptr, kCustomer);
    dialog->show();
    QTRY_VERIFY(dialog->isReady());
    QVERIFY(dialog->grab().save(dir + QStringLiteral("/newrecord_wrongdimension.png")));

    QWidget pane;
    auto *layout = new QVBoxLayout(&pane);
    ReEmbedPrompt prompt(wide.get(), &curation, nullptr, &pane);
    layout->addWidget(&prompt);
    layout->addStretch(1);
    pane.resize(640, 120);
    pane.show();
    prompt.offerText(kCustomer, PointId(1), QStringLiteral("x"));
    QVERIFY(prompt.grab().save(dir + QStringLiteral("/reembedprompt.png")));
    QSignalSpy failed(&curation, &PointCuration::failed);
    QTest::mouseClick(prompt.reembedButton(), Qt::LeftButton);
    QVERIFY(failed.wait(10000));
    // The wrapped error makes the bar taller once the layout has run.
    QTRY_COMPARE(prompt.height(), prompt.heightForWidth(prompt.width()));
    QVERIFY(prompt.grab().save(dir + QStringLiteral("/reembedprompt_error.png")));
}

QTEST_MAIN(TestNewRecordDialog)
#include "tst_newrecorddialog.moc"
