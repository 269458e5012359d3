// PayloadEditor with fields masked by the presentation options, offscreen, as a presenter
// would use it: masked values shown as dots in the tree, in the problems and in the save
// preview; a double-click or F2 on one opens no editor and says why; raw JSON is off while a
// masked value is there; saving an edit of another field keeps the masked values exactly;
// turning masking off shows and frees them. Screenshots in /tmp/payloadeditor-masked-*.png.
#include "payloaddiffdialog.h"
#include "payloadeditor.h"
#include "payloadrawedit.h"
#include "payloadtreemodel.h"
#include "payloadtreeview.h"
#include "presentationoptions.h"

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QtTest>

#include <functional>

namespace {

const QString kSecret = QStringLiteral("Call Dana Whitfield on +44 20 7946 0018 first.");

QJsonObject note()
{
    return QJsonObject{
        {QStringLiteral("customer_id"), QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")},
        {QStringLiteral("context_type"), QStringLiteral("preference")},
        {QStringLiteral("topic"), QStringLiteral("rollout_strategy")},
        {QStringLiteral("content"), kSecret},
        {QStringLiteral("confidence"), 0.9},
        {QStringLiteral("priority"), QStringLiteral("high")},
        {QStringLiteral("escalation"),
         QJsonObject{{QStringLiteral("contact"), QStringLiteral("dana@northwind.example")},
                     {QStringLiteral("window"), QStringLiteral("weekends")}}},
        {QStringLiteral("source"), QStringLiteral("conversation")},
    };
}

const QStringList kMasked{QStringLiteral("content"), QStringLiteral("escalation.contact")};

/// True while an editor is open in the tree (it has the focus, as a user sees it).
bool editing(const QTreeView *tree)
{
    QWidget *focus = QApplication::focusWidget();
    return focus && focus != tree && tree->isAncestorOf(focus);
}

QModelIndex valueAt(PayloadEditor &editor, const QString &path)
{
    return editor.model()->indexForPath(path).siblingAtColumn(PayloadTreeModel::ValueColumn);
}

} // namespace

class TestPayloadEditorMasking : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PayloadEditor> m_editor;

    PayloadEditor &open(const QStringList &masked)
    {
        m_editor = std::make_unique<PayloadEditor>();
        m_editor->setCollection(QStringLiteral("customer_context"));
        m_editor->setReadOnlyKeys({QStringLiteral("customer_id")});
        m_editor->setMaskedFields(masked);
        m_editor->setPayload(note());
        m_editor->resize(760, 520);
        m_editor->show();
        m_editor->activateWindow();
        if (!QTest::qWaitForWindowActive(m_editor.get()))
            qWarning("the editor's window did not become active");
        m_editor->treeView()->expandAll();
        return *m_editor;
    }

    /// Every text the tree shows, row by row (what a viewer of the screen could read).
    static QStringList shownTexts(PayloadEditor &editor)
    {
        QStringList texts;
        const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            QAbstractItemModel *model = editor.model();
            for (int row = 0; row < model->rowCount(parent); ++row) {
                for (int column = 0; column < model->columnCount(parent); ++column) {
                    const QModelIndex at = model->index(row, column, parent);
                    texts << at.data(Qt::DisplayRole).toString()
                          << at.data(Qt::ToolTipRole).toString();
                }
                walk(model->index(row, 0, parent));
            }
        };
        walk({});
        return texts;
    }

private slots:
    void cleanup() { m_editor.reset(); }

    void showsMaskedFieldsAsDots()
    {
        PayloadEditor &editor = open(kMasked);
        const QString mask = PresentationOptions::maskText();
        QCOMPARE(valueAt(editor, QStringLiteral("content")).data().toString(), mask);
        QCOMPARE(valueAt(editor, QStringLiteral("escalation.contact")).data().toString(), mask);
        QCOMPARE(valueAt(editor, QStringLiteral("escalation.window")).data().toString(),
                 QStringLiteral("weekends"));
        const QString shown = shownTexts(editor).join(QLatin1Char('\n'));
        QVERIFY(!shown.contains(QStringLiteral("Dana")));
        QVERIFY(!shown.contains(QStringLiteral("dana@")));
        // The cell as painted: its delegate's text is the model's display text.
        PayloadTreeView *tree = editor.treeView();
        QVERIFY(tree->visualRect(valueAt(editor, QStringLiteral("content"))).isValid());
        auto *header = editor.findChild<QLabel *>(QStringLiteral("payloadHeader"));
        QVERIFY2(header->text().contains(
                     QStringLiteral("Masked by presentation options, and read-only while "
                                    "masked: content, escalation.contact.")),
                 qPrintable(header->text()));
        auto *raw = editor.findChild<QAction *>(QStringLiteral("payloadRawMode"));
        QVERIFY(!raw->isEnabled());
        QVERIFY(raw->toolTip().contains(QStringLiteral("masked")));
        QVERIFY(editor.grab().save(QStringLiteral("/tmp/payloadeditor-masked-tree.png")));
    }

    void editingAMaskedFieldSaysWhy()
    {
        PayloadEditor &editor = open(kMasked);
        PayloadTreeView *tree = editor.treeView();
        const QModelIndex content = valueAt(editor, QStringLiteral("content"));
        tree->scrollTo(content);
        const QPoint centre = tree->visualRect(content).center();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, centre);
        QVERIFY(!editing(tree));
        QVERIFY(!tree->findChild<QLineEdit *>());
        QVERIFY2(editor.messageText().contains(
                     QStringLiteral("content is masked by presentation options")),
                 qPrintable(editor.messageText()));
        QVERIFY(editor.grab().save(QStringLiteral("/tmp/payloadeditor-masked-refused.png")));

        // F2 and typing over it: nothing opens, nothing changes.
        tree->setFocus();
        tree->setCurrentIndex(valueAt(editor, QStringLiteral("escalation.contact")));
        QTest::keyClick(tree, Qt::Key_F2);
        QTest::keyClicks(tree, QStringLiteral("x"));
        QVERIFY(!editing(tree));
        QVERIFY(editor.messageText().contains(QStringLiteral("escalation.contact is masked")));
        QVERIFY(!tree->removeAction()->isEnabled());
        QTest::keyClick(tree, Qt::Key_Delete);
        QCOMPARE(editor.payload(), note());
        QVERIFY(!editor.isModified());
    }

    void savingKeepsTheMaskedValues_data()
    {
        QTest::addColumn<bool>("overwrite");
        QTest::newRow("set") << false;
        QTest::newRow("overwrite") << true;
    }

    void savingKeepsTheMaskedValues()
    {
        QFETCH(bool, overwrite);
        PayloadEditor &editor = open(kMasked);
        QSignalSpy saved(&editor, &PayloadEditor::saveRequested);
        PayloadTreeView *tree = editor.treeView();
        // Edit the object that holds a masked field, then a top-level one.
        tree->setFocus();
        tree->setCurrentIndex(valueAt(editor, QStringLiteral("escalation.window")));
        QTest::keyClick(tree, Qt::Key_F2);
        auto *line = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(line);
        line->selectAll();
        QTest::keyClicks(line, QStringLiteral("never on Fridays"));
        QTest::keyClick(line, Qt::Key_Return);
        tree->setCurrentIndex(valueAt(editor, QStringLiteral("source")));
        QTest::keyClick(tree, Qt::Key_F2);
        line = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(line);
        line->selectAll();
        QTest::keyClicks(line, QStringLiteral("explicit"));
        QTest::keyClick(line, Qt::Key_Return);
        QVERIFY(editor.isModified());

        QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("payloadSave")),
                          Qt::LeftButton);
        PayloadDiffDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = editor.findChild<PayloadDiffDialog *>()) && dialog->isVisible());
        if (overwrite) {
            auto *replace = dialog->findChild<QRadioButton *>(QStringLiteral("payloadOverwrite"));
            QTest::mouseClick(replace, Qt::LeftButton, {}, QPoint(12, replace->height() / 2));
            QVERIFY(dialog->overwrite());
        }
        // The preview sends the whole escalation object (set) or payload (overwrite): shown
        // with the masked values as dots.
        const QString request = dialog->requestText();
        QVERIFY2(request.contains(PresentationOptions::maskText()), qPrintable(request));
        QVERIFY2(!request.contains(QStringLiteral("dana@")), qPrintable(request));
        QVERIFY(!request.contains(QStringLiteral("Dana")));
        QVERIFY(request.contains(QStringLiteral("never on Fridays")));
        QVERIFY(dialog->grab().save(QStringLiteral("/tmp/payloadeditor-masked-diff-%1.png")
                                        .arg(overwrite ? QStringLiteral("overwrite")
                                                       : QStringLiteral("set"))));
        QPushButton *confirm = nullptr;
        for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
            if (button->text() == (overwrite ? QStringLiteral("Overwrite") : QStringLiteral("Set")))
                confirm = button;
        }
        QVERIFY(confirm);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QCOMPARE(saved.count(), 1);
        QJsonObject expected = note();
        QJsonObject escalation = expected.value(QStringLiteral("escalation")).toObject();
        escalation.insert(QStringLiteral("window"), QStringLiteral("never on Fridays"));
        expected.insert(QStringLiteral("escalation"), escalation);
        expected.insert(QStringLiteral("source"), QStringLiteral("explicit"));
        const QJsonObject written = saved.first().at(0).value<QJsonObject>();
        QCOMPARE(written, expected); // the masked values exactly as stored
        QCOMPARE(written.value(QStringLiteral("content")).toString(), kSecret);
        QCOMPARE(saved.first().at(1).toBool(), overwrite);
    }

    void maskingOffShowsAndFreesThem()
    {
        PayloadEditor &editor = open(kMasked);
        editor.setMaskedFields({});
        QCOMPARE(valueAt(editor, QStringLiteral("content")).data().toString(), kSecret);
        auto *raw = editor.findChild<QAction *>(QStringLiteral("payloadRawMode"));
        QVERIFY(raw->isEnabled());
        PayloadTreeView *tree = editor.treeView();
        tree->setFocus();
        tree->setCurrentIndex(valueAt(editor, QStringLiteral("content")));
        QTest::keyClick(tree, Qt::Key_F2);
        QVERIFY(editing(tree));
        QVERIFY(!editor.findChild<QLabel *>(QStringLiteral("payloadHeader"))
                     ->text()
                     .contains(QStringLiteral("Masked")));
    }

    void maskingTurnedOnLeavesRawJson()
    {
        PayloadEditor &editor = open({});
        editor.findChild<QAction *>(QStringLiteral("payloadRawMode"))->trigger();
        QCOMPARE(editor.mode(), PayloadEditor::Mode::Raw);
        QVERIFY(editor.rawEdit()->toPlainText().contains(QStringLiteral("Dana")));
        // Typing in raw JSON first: it is applied, not lost, when masking comes on.
        const QString text = editor.rawEdit()->toPlainText();
        editor.rawEdit()->setPlainText(QString(text).replace(
            QStringLiteral("\"conversation\""), QStringLiteral("\"explicit\"")));
        editor.setMaskedFields(kMasked);
        QCOMPARE(editor.mode(), PayloadEditor::Mode::Tree);
        QVERIFY(!editor.rawEdit()->toPlainText().contains(QStringLiteral("Dana")));
        QCOMPARE(editor.payload().value(QStringLiteral("source")).toString(),
                 QStringLiteral("explicit"));
        QCOMPARE(editor.payload().value(QStringLiteral("content")).toString(), kSecret);
        QVERIFY(!editor.findChild<QAction *>(QStringLiteral("payloadRawMode"))->isEnabled());
        // A new point while masked, opened in the tree.
        editor.setPayload(note());
        QCOMPARE(editor.mode(), PayloadEditor::Mode::Tree);
    }
};

QTEST_MAIN(TestPayloadEditorMasking)
#include "tst_payloadeditormasking.moc"
