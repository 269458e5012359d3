// PayloadEditor, offscreen: edit a point's payload as a user would (type, pick, undo, raw
// JSON, save through the diff preview) and check what is shown and what is emitted.
#include "payloaddiffdialog.h"
#include "payloadeditor.h"
#include "payloadrawedit.h"
#include "payloadtreemodel.h"
#include "payloadtreeview.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTextBlock>
#include <QUndoStack>
#include <QtTest>

namespace {

const QString kTenant = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");

QJsonObject note()
{
    return QJsonObject{
        {QStringLiteral("customer_id"), kTenant},
        {QStringLiteral("context_type"), QStringLiteral("preference")},
        {QStringLiteral("topic"), QStringLiteral("rollout_strategy")},
        {QStringLiteral("content"),
            QStringLiteral("Prefers 10% then 25%, 50%, 100% rollouts with a 24-hour validation.")},
        {QStringLiteral("confidence"), 0.9},
        {QStringLiteral("created_at"), QStringLiteral("2024-05-01T12:00:00Z")},
        {QStringLiteral("priority"), QStringLiteral("high")},
        {QStringLiteral("applies_to_agents"),
            QJsonArray{QStringLiteral("performance_agent"), QStringLiteral("cost_agent")}},
        {QStringLiteral("source"), QStringLiteral("conversation")},
    };
}

template <typename T> T *find(const QObject &parent, const char *name)
{
    return parent.findChild<T *>(QString::fromLatin1(name));
}

} // namespace

class TestPayloadEditor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PayloadEditor> m_editor;

    PayloadEditor &open(const QString &collection, const QJsonObject &payload)
    {
        m_editor = std::make_unique<PayloadEditor>();
        m_editor->setCollection(collection);
        m_editor->setPayload(payload);
        m_editor->resize(720, 520);
        m_editor->show();
        m_editor->activateWindow();
        if (!QTest::qWaitForWindowActive(m_editor.get()))
            qWarning("the editor's window did not become active");
        return *m_editor;
    }

    // Selects the value of a field and opens its editor with F2, as a user would.
    QWidget *openEditor(PayloadEditor &editor, const QString &path)
    {
        PayloadTreeView *tree = editor.treeView();
        const QModelIndex index
            = editor.model()->indexForPath(path).siblingAtColumn(PayloadTreeModel::ValueColumn);
        if (!index.isValid())
            return nullptr;
        tree->setFocus();
        tree->setCurrentIndex(index);
        QTest::keyClick(tree, Qt::Key_F2);
        QWidget *focused = QApplication::focusWidget();
        return focused && focused != tree ? focused : nullptr;
    }

    static void shoot(QWidget *widget, const char *name)
    {
        const QString dir = qEnvironmentVariable("MC_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(widget->grab().save(dir + QLatin1Char('/') + QString::fromLatin1(name)));
    }

private slots:
    void cleanup() { m_editor.reset(); }

    void schemaFieldsGetTypedEditors()
    {
        PayloadEditor &editor = open(QStringLiteral("company_42_customer_context"), note());
        QVERIFY(find<QLabel>(editor, "payloadHeader")
                    ->text()
                    .contains(QStringLiteral("customer_context schema")));

        auto *choice = qobject_cast<QComboBox *>(openEditor(editor, QStringLiteral("priority")));
        QVERIFY(choice);
        QCOMPARE(choice->count(), 4);
        QCOMPARE(choice->currentText(), QStringLiteral("high"));
        QTest::keyClick(choice, Qt::Key_Escape);

        auto *score
            = qobject_cast<QDoubleSpinBox *>(openEditor(editor, QStringLiteral("confidence")));
        QVERIFY(score);
        QCOMPARE(score->minimum(), 0.0);
        QCOMPARE(score->maximum(), 1.0);
        QCOMPARE(score->value(), 0.9);
        QTest::keyClick(score, Qt::Key_Escape);

        auto *date
            = qobject_cast<QDateTimeEdit *>(openEditor(editor, QStringLiteral("created_at")));
        QVERIFY(date);
        QCOMPARE(date->dateTime(), QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
        QTest::keyClick(date, Qt::Key_Escape);

        auto *list
            = qobject_cast<QLineEdit *>(openEditor(editor, QStringLiteral("applies_to_agents")));
        QVERIFY(list);
        QCOMPARE(list->text(), QStringLiteral("performance_agent, cost_agent"));
        QTest::keyClick(list, Qt::Key_Escape);
        QCOMPARE(editor.model()->undoStack()->count(), 0); // looking changes nothing
        shoot(&editor, "payloadeditor.png");
    }

    void openingAnEditorChangesNothing()
    {
        // Values a typed editor cannot show as they are: out of range, a date in another
        // offset, a choice the schema does not have. Open each, leave with Enter.
        QJsonObject stored = note();
        stored.insert(QStringLiteral("confidence"), 1.5);
        stored.insert(QStringLiteral("created_at"), QStringLiteral("2024-05-01T14:00:00.5+02:00"));
        stored.insert(QStringLiteral("priority"), QStringLiteral("urgent"));
        PayloadEditor &editor = open(QStringLiteral("customer_context"), stored);
        for (const char *field : {"confidence", "created_at", "priority", "topic", "content"}) {
            QWidget *opened = openEditor(editor, QString::fromLatin1(field));
            QVERIFY2(opened, field);
            if (qstrcmp(field, "confidence") == 0)
                QVERIFY(qobject_cast<QLineEdit *>(opened)); // no spin box to clamp 1.5
            if (qstrcmp(field, "created_at") == 0)
                QVERIFY(qobject_cast<QDateTimeEdit *>(opened)); // shown in UTC, seconds only
            if (qstrcmp(field, "priority") == 0) {
                QCOMPARE(qobject_cast<QComboBox *>(opened)->currentText(),
                    QStringLiteral("urgent (not a choice)"));
            }
            const QPointer<QWidget> closed = opened;
            QTest::keyClick(opened, Qt::Key_Return);
            QTRY_VERIFY(closed.isNull()); // committed and closed
        }
        QCOMPARE(editor.payload(), stored);
        QCOMPARE(editor.model()->undoStack()->count(), 0);
    }

    void editAValueByTypingThenUndoAndRedo()
    {
        PayloadEditor &editor = open(QStringLiteral("customer_context"), note());
        QSignalSpy modified(&editor, &PayloadEditor::modifiedChanged);
        auto *line = qobject_cast<QLineEdit *>(openEditor(editor, QStringLiteral("topic")));
        QVERIFY(line);
        line->selectAll();
        QTest::keyClicks(line, QStringLiteral("pricing"));
        QTest::keyClick(line, Qt::Key_Return);

        const QModelIndex topic = editor.model()->indexForPath(QStringLiteral("topic"));
        QTRY_COMPARE(topic.siblingAtColumn(1).data().toString(), QStringLiteral("pricing"));
        QCOMPARE(
            editor.payload().value(QStringLiteral("topic")).toString(), QStringLiteral("pricing"));
        QVERIFY(editor.isModified());
        QCOMPARE(modified.count(), 1);
        QVERIFY(find<QPushButton>(editor, "payloadSave")->isEnabled());

        QTest::keyClick(editor.treeView(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(topic.siblingAtColumn(1).data().toString(), QStringLiteral("rollout_strategy"));
        QCOMPARE(editor.payload(), note());
        QVERIFY(!editor.isModified());
        QVERIFY(!find<QPushButton>(editor, "payloadSave")->isEnabled());

        QTest::keyClick(editor.treeView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(topic.siblingAtColumn(1).data().toString(), QStringLiteral("pricing"));
    }

    void pickAChoiceAndATypedNumber()
    {
        PayloadEditor &editor = open(QStringLiteral("customer_context"), note());
        auto *choice = qobject_cast<QComboBox *>(openEditor(editor, QStringLiteral("priority")));
        QVERIFY(choice);
        QTest::keyClick(choice, Qt::Key_Down); // high → critical
        QTest::keyClick(choice, Qt::Key_Return);
        QTRY_COMPARE(editor.payload().value(QStringLiteral("priority")).toString(),
            QStringLiteral("critical"));

        auto *score
            = qobject_cast<QDoubleSpinBox *>(openEditor(editor, QStringLiteral("confidence")));
        QVERIFY(score);
        score->selectAll();
        QTest::keyClicks(score, QStringLiteral("0.35"));
        QTest::keyClick(score, Qt::Key_Return);
        QTRY_COMPARE(editor.payload().value(QStringLiteral("confidence")).toDouble(), 0.35);

        auto *list
            = qobject_cast<QLineEdit *>(openEditor(editor, QStringLiteral("applies_to_agents")));
        QVERIFY(list);
        list->selectAll();
        QTest::keyClicks(list, QStringLiteral("cost_agent,  app_agent ,"));
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_COMPARE(editor.payload().value(QStringLiteral("applies_to_agents")),
            QJsonValue(QJsonArray{QStringLiteral("cost_agent"), QStringLiteral("app_agent")}));
        QCOMPARE(editor.model()->undoStack()->count(), 3);
    }

    void aRefusedEditSaysWhyInline()
    {
        PayloadEditor &editor
            = open(QStringLiteral("images"), QJsonObject{{QStringLiteral("n"), 3}});
        auto *line = qobject_cast<QLineEdit *>(openEditor(editor, QStringLiteral("n")));
        QVERIFY(line);
        line->selectAll();
        QTest::keyClicks(line, QStringLiteral("three"));
        QTest::keyClick(line, Qt::Key_Return);
        QTRY_COMPARE(editor.messageText(), QStringLiteral("“three” is not a number."));
        QCOMPARE(editor.payload().value(QStringLiteral("n")), QJsonValue(3));
    }

    void rawModeShowsWhereTheJsonIsBroken()
    {
        PayloadEditor &editor = open(QStringLiteral("customer_context"), note());
        editor.findChild<QAction *>(QStringLiteral("payloadRawMode"))->trigger();
        QCOMPARE(editor.mode(), PayloadEditor::Mode::Raw);
        PayloadRawEdit *raw = editor.rawEdit();
        QTRY_VERIFY(raw->hasFocus());
        QVERIFY(raw->toPlainText().contains(QStringLiteral("\"topic\": \"rollout_strategy\"")));

        // Delete the closing brace, as a slip of the finger would.
        QTest::keyClick(raw, Qt::Key_End, Qt::ControlModifier);
        QTest::keyClick(raw, Qt::Key_Backspace);
        QTest::keyClick(raw, Qt::Key_Backspace);
        // The object is left open at the end of the last line: that is where it points.
        // The object is left open after the last field: that is where it points.
        const QTextBlock last = raw->document()->find(QStringLiteral("rollout_strategy")).block();
        QTRY_VERIFY(!editor.messageText().isEmpty());
        QCOMPARE(editor.messageText(),
            QStringLiteral("Line %1, column %2: unterminated object")
                .arg(last.blockNumber() + 1)
                .arg(last.length()));
        QVERIFY(!find<QPushButton>(editor, "payloadSave")->isEnabled());

        // Switching back refuses and keeps the text; nothing was lost.
        const QString broken = raw->toPlainText();
        editor.findChild<QAction *>(QStringLiteral("payloadTreeMode"))->trigger();
        QCOMPARE(editor.mode(), PayloadEditor::Mode::Raw);
        QCOMPARE(raw->toPlainText(), broken);
        QVERIFY(editor.messageText().startsWith(QStringLiteral("Line ")));
        shoot(&editor, "payloadeditor-raw-error.png");

        // Undo the typing, then make a real edit in raw mode.
        QTest::keyClick(raw, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(raw, Qt::Key_Z, Qt::ControlModifier);
        QTRY_VERIFY(editor.messageText().isEmpty());
        QTextCursor cursor = raw->document()->find(QStringLiteral("rollout_strategy"));
        QVERIFY(!cursor.isNull());
        raw->setTextCursor(cursor);
        QTest::keyClicks(raw, QStringLiteral("pricing"));
        editor.findChild<QAction *>(QStringLiteral("payloadTreeMode"))->trigger();
        QCOMPARE(editor.mode(), PayloadEditor::Mode::Tree);
        QCOMPARE(
            editor.payload().value(QStringLiteral("topic")).toString(), QStringLiteral("pricing"));
        // The raw edit is one step: one undo takes it back whole.
        QCOMPARE(editor.model()->undoStack()->count(), 1);
        QTest::keyClick(editor.treeView(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor.payload(), note());
    }

    void rawModeUndoGoesOnToEarlierEdits()
    {
        PayloadEditor &editor = open(QStringLiteral("customer_context"), note());
        QVERIFY(editor.model()->setData(
            editor.model()->indexForPath(QStringLiteral("topic")).siblingAtColumn(1),
            QStringLiteral("pricing")));
        QVERIFY(editor.setMode(PayloadEditor::Mode::Raw));
        PayloadRawEdit *raw = editor.rawEdit();
        QVERIFY(raw->toPlainText().contains(QStringLiteral("pricing")));
        QTest::keyClick(raw, Qt::Key_Z, Qt::ControlModifier); // no typing: the tree edit
        QVERIFY(raw->toPlainText().contains(QStringLiteral("rollout_strategy")));
        QCOMPARE(editor.payload(), note());
        QTest::keyClick(raw, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(raw->toPlainText().contains(QStringLiteral("pricing")));
    }

    void newProblemsBlockSavingOldOnesDoNot()
    {
        QJsonObject stored = note();
        stored.insert(QStringLiteral("created_at"), QStringLiteral("2024-05-01T12:00:00"));
        PayloadEditor &editor = open(QStringLiteral("customer_context"), stored);
        auto *problems = find<QListWidget>(editor, "payloadProblems");
        QVERIFY(problems->isVisible());
        QCOMPARE(problems->count(), 1);
        QVERIFY(problems->item(0)->text().endsWith(QStringLiteral("(already stored)")));
        QVERIFY(editor.blockingProblems().isEmpty());

        QVERIFY(editor.setMode(PayloadEditor::Mode::Raw));
        PayloadRawEdit *raw = editor.rawEdit();
        raw->setTextCursor(raw->document()->find(QStringLiteral("0.9")));
        QTest::keyClicks(raw, QStringLiteral("1.5"));
        QTRY_COMPARE(problems->count(), 2);
        QCOMPARE(editor.blockingProblems().size(), 1);
        QCOMPARE(editor.blockingProblems().first().message,
            QStringLiteral("1.5 is above the maximum, 1."));
        QVERIFY(!find<QPushButton>(editor, "payloadSave")->isEnabled());
        QCOMPARE(find<QLabel>(editor, "payloadProblemsTitle")->text(),
            QStringLiteral("1 problem to fix before saving:"));

        // Back in the tree, the problem is on its row.
        QVERIFY(editor.setMode(PayloadEditor::Mode::Tree));
        const QModelIndex confidence = editor.model()->indexForPath(QStringLiteral("confidence"));
        QCOMPARE(confidence.data(PayloadTreeModel::ProblemRole).toString(),
            QStringLiteral("1.5 is above the maximum, 1."));
        editor.treeView()->setCurrentIndex(confidence.siblingAtColumn(1));
        editor.save(); // Ctrl+S says why
        QCOMPARE(
            editor.messageText(), QStringLiteral("Fix the problems listed below before saving."));
        QVERIFY(!editor.findChild<PayloadDiffDialog *>());
        shoot(&editor, "payloadeditor-problems.png");
    }

    void saveShowsTheDiffAndEmitsTheChoice_data()
    {
        QTest::addColumn<bool>("overwrite");
        QTest::newRow("set (merge)") << false;
        QTest::newRow("overwrite (replace)") << true;
    }

    void saveShowsTheDiffAndEmitsTheChoice()
    {
        QFETCH(bool, overwrite);
        PayloadEditor &editor = open(QStringLiteral("customer_context"), note());
        editor.setReadOnlyKeys({QStringLiteral("customer_id")});
        QSignalSpy saved(&editor, &PayloadEditor::saveRequested);
        QVERIFY(editor.model()->setData(
            editor.model()->indexForPath(QStringLiteral("priority")).siblingAtColumn(1),
            QStringLiteral("low")));
        QVERIFY(
            editor.model()->remove(editor.model()->indexForPath(QStringLiteral("source"))).ok());
        QJsonObject expected = note();
        expected.insert(QStringLiteral("priority"), QStringLiteral("low"));
        expected.remove(QStringLiteral("source"));

        QTest::mouseClick(find<QPushButton>(editor, "payloadSave"), Qt::LeftButton);
        PayloadDiffDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = editor.findChild<PayloadDiffDialog *>()) && dialog->isVisible());
        QCOMPARE(dialog->summaryText(), QStringLiteral("2 changes: 0 added, 1 changed, 1 removed"));
        QCOMPARE(dialog->setExplanation(),
            QStringLiteral("Writes only the 1 field you changed or added and deletes the 1 "
                           "field you removed; every other field stays as it is on the "
                           "server, including any that another agent changed since you "
                           "opened this point."));
        QVERIFY(dialog->overwriteExplanation().startsWith(
            QStringLiteral("Replaces the whole payload with the 8 fields shown in the editor")));
        QCOMPARE(dialog->requestText(),
            QStringLiteral("set_payload     {\"priority\":\"low\"}\n"
                           "delete_payload  [\"source\"]"));
        shoot(dialog, "payloaddiffdialog.png");
        if (overwrite) {
            // On its label, where a user clicks (the row is wider than what reacts).
            auto *replace = find<QRadioButton>(*dialog, "payloadOverwrite");
            QTest::mouseClick(replace, Qt::LeftButton, {}, QPoint(12, replace->height() / 2));
            QVERIFY(dialog->overwrite());
            QVERIFY(dialog->requestText().startsWith(QStringLiteral("overwrite_payload  {")));
        }
        QVERIFY(saved.isEmpty());
        QPushButton *confirm = nullptr;
        for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
            if (button->text() == (overwrite ? QStringLiteral("Overwrite") : QStringLiteral("Set")))
                confirm = button;
        }
        QVERIFY(confirm);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.first().at(0).value<QJsonObject>(), expected);
        QCOMPARE(saved.first().at(1).toBool(), overwrite);
        QTRY_VERIFY(!editor.findChild<PayloadDiffDialog *>()); // closed and gone
        QVERIFY(editor.isModified()); // until the owner hands back what the server holds
    }

    void cancellingTheDiffSendsNothing()
    {
        PayloadEditor &editor = open(QStringLiteral("customer_context"), note());
        QSignalSpy saved(&editor, &PayloadEditor::saveRequested);
        QVERIFY(editor.model()->addField({}, QStringLiteral("examples"), QStringLiteral("x")).ok());
        editor.save();
        PayloadDiffDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = editor.findChild<PayloadDiffDialog *>()) && dialog->isVisible());
        dialog->reject();
        QTRY_VERIFY(!editor.findChild<PayloadDiffDialog *>());
        QVERIFY(saved.isEmpty());
        QVERIFY(editor.isModified());
    }

    void theTenantKeyIsReadOnly()
    {
        PayloadEditor &editor = open(QStringLiteral("customer_context"), note());
        editor.setReadOnlyKeys({QStringLiteral("customer_id")});
        QVERIFY(find<QLabel>(editor, "payloadHeader")
                    ->text()
                    .contains(QStringLiteral("customer_id is read-only")));
        const QModelIndex tenant = editor.model()->indexForPath(QStringLiteral("customer_id"));
        editor.treeView()->setFocus();
        editor.treeView()->setCurrentIndex(tenant.siblingAtColumn(1));
        QTest::keyClick(editor.treeView(), Qt::Key_F2);
        QCOMPARE(QApplication::focusWidget(), editor.treeView()); // no editor opened
        QVERIFY(!editor.treeView()->removeAction()->isEnabled());
        QTest::keyClick(editor.treeView(), Qt::Key_Delete);
        QCOMPARE(editor.payload(), note());
        shoot(&editor, "payloadeditor-tenant.png");

        // Nor can raw JSON change it.
        QVERIFY(editor.setMode(PayloadEditor::Mode::Raw));
        PayloadRawEdit *raw = editor.rawEdit();
        raw->setTextCursor(raw->document()->find(kTenant));
        QTest::keyClicks(raw, QStringLiteral("someone-else"));
        QVERIFY(!editor.setMode(PayloadEditor::Mode::Tree));
        QCOMPARE(editor.messageText(),
            QStringLiteral("customer_id is read-only here: it cannot be changed or removed."));
        QCOMPARE(editor.payload(), note());
    }

    void addFieldsFromTheSchemaAndItemsToLists()
    {
        PayloadEditor &editor = open(QStringLiteral("customer_context"), note());
        QMenu *menu = editor.treeView()->schemaFieldsMenu();
        emit menu->aboutToShow();
        QStringList offered;
        for (QAction *action : menu->actions())
            offered.append(action->text());
        QCOMPARE(offered,
            (QStringList{QStringLiteral("updated_at (datetime)"),
                QStringLiteral("examples (text)"), QStringLiteral("exceptions (text)")}));
        menu->actions().first()->trigger();
        QVERIFY(editor.payload().contains(QStringLiteral("updated_at")));
        QVERIFY(editor.problems().isEmpty()); // starts valid: now, in UTC
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);

        const QModelIndex agents
            = editor.model()->indexForPath(QStringLiteral("applies_to_agents[1]"));
        editor.treeView()->setCurrentIndex(agents);
        editor.treeView()->addItemAction()->trigger();
        auto *line = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(line);
        QTest::keyClicks(line, QStringLiteral("app_agent"));
        QTest::keyClick(line, Qt::Key_Return);
        QTRY_COMPARE(editor.payload().value(QStringLiteral("applies_to_agents")),
            QJsonValue(QJsonArray{QStringLiteral("performance_agent"),
                QStringLiteral("cost_agent"), QStringLiteral("app_agent")}));

        editor.treeView()->setCurrentIndex(QModelIndex());
        editor.treeView()->addFieldAction()->trigger();
        line = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(line);
        QCOMPARE(line->text(), QStringLiteral("new_field"));
        line->selectAll();
        QTest::keyClicks(line, QStringLiteral("reviewed_by"));
        QTest::keyClick(line, Qt::Key_Return);
        QTRY_VERIFY(editor.payload().contains(QStringLiteral("reviewed_by")));

        // Revert is one more step, and undoing it brings every edit back.
        const QJsonObject edited = editor.payload();
        editor.revert();
        QCOMPARE(editor.payload(), note());
        editor.undo();
        QCOMPARE(editor.payload(), edited);
    }

    void unknownCollectionsGetAPlainJsonTree()
    {
        const QJsonObject payload {{QStringLiteral("priority"), QStringLiteral("urgent")},
            {QStringLiteral("when"), QStringLiteral("yesterday")}};
        PayloadEditor &editor = open(QStringLiteral("images"), payload);
        QCOMPARE(find<QLabel>(editor, "payloadHeader")->text(),
            QStringLiteral("No agent-memory schema for images: a plain JSON tree."));
        QVERIFY(editor.problems().isEmpty());
        QVERIFY(qobject_cast<QLineEdit *>(openEditor(editor, QStringLiteral("priority"))));
        QVERIFY(editor.treeView()->schemaFieldsMenu()->actions().isEmpty());
    }

    void aReadOnlyProfileEditsNothing()
    {
        PayloadEditor &editor = open(QStringLiteral("customer_context"), note());
        editor.setReadOnly(true);
        QVERIFY(!openEditor(editor, QStringLiteral("topic")));
        QVERIFY(!editor.treeView()->addFieldAction()->isEnabled());
        QVERIFY(!find<QPushButton>(editor, "payloadSave")->isEnabled());
        QVERIFY(editor.setMode(PayloadEditor::Mode::Raw));
        QVERIFY(editor.rawEdit()->isReadOnly());
    }
};

QTEST_MAIN(TestPayloadEditor)
#include "tst_payloadeditor.moc"
