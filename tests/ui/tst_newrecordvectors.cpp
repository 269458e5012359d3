// NewRecordDialog's free form (a collection without a schema), its choice among named vectors,
// and ReEmbedPrompt, driven as a user would, offscreen, against a real memory-store; what they
// wrote is checked on the server's side with a plain client. MC_SCREENSHOT_DIR=/some/dir also
// saves pictures of the dialog and the prompt there.

#include "newrecordfixture.h"

#include "freeformrecordeditor.h"
#include "payloadtreemodel.h"
#include "payloadtreeview.h"
#include "reembedprompt.h"
#include "schemaformfield.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace newrecordtest;

class TestNewRecordVectors : public NewRecordFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startStore(); }
    void init() { resetCollections(); }

    void unknownCollectionUsesTheFreeForm();
    void namedVectorsTakeTheOneThatFits();
    void reembedPromptReplacesTheVector();
    void reembedPromptShowsTheError();
    void screenshots();
};

void TestNewRecordVectors::unknownCollectionUsesTheFreeForm()
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

void TestNewRecordVectors::namedVectorsTakeTheOneThatFits()
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

void TestNewRecordVectors::reembedPromptReplacesTheVector()
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

void TestNewRecordVectors::reembedPromptShowsTheError()
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

void TestNewRecordVectors::screenshots()
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

QTEST_MAIN(TestNewRecordVectors)
#include "tst_newrecordvectors.moc"
