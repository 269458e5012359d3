#include "payloadeditor.h"

#include "agentmemoryschemas.h"
#include "payloaddiffdialog.h"
#include "payloadrawedit.h"
#include "payloadtext.h"
#include "payloadtreemodel.h"
#include "payloadvalidator.h"
#include "payloadtreeview.h"
#include "presentationoptions.h"

#include <QAction>
#include <QActionGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

bool contains(const QList<PayloadProblem> &problems, const PayloadProblem &problem)
{
    return std::find(problems.begin(), problems.end(), problem) != problems.end();
}

} // namespace

PayloadEditor::PayloadEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new PayloadTreeModel(this))
    , m_header(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_tree(new PayloadTreeView(m_model, this))
    , m_raw(new PayloadRawEdit(this))
    , m_message(new QLabel(this))
    , m_problemsTitle(new QLabel(this))
    , m_problemsList(new QListWidget(this))
    , m_revertButton(new QPushButton(tr("Re&vert"), this))
    , m_saveButton(new QPushButton(tr("&Save…"), this))
{
    m_tree->setObjectName(QStringLiteral("payloadTree"));
    m_raw->setObjectName(QStringLiteral("payloadRaw"));
    m_pages->addWidget(m_tree);
    m_pages->addWidget(m_raw);

    m_header->setObjectName(QStringLiteral("payloadHeader"));
    m_header->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("payloadMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    m_problemsTitle->setObjectName(QStringLiteral("payloadProblemsTitle"));
    m_problemsList->setObjectName(QStringLiteral("payloadProblems"));
    m_problemsList->setMaximumHeight(m_problemsList->fontMetrics().lineSpacing() * 5);
    m_problemsList->setWordWrap(true);
    m_problemsTitle->hide();
    m_problemsList->hide();
    m_saveButton->setObjectName(QStringLiteral("payloadSave"));
    m_revertButton->setObjectName(QStringLiteral("payloadRevert"));
    m_saveButton->setDefault(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_revertButton);
    buttons->addStretch(1);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildToolBar());
    layout->addWidget(m_header);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_problemsTitle);
    layout->addWidget(m_problemsList);
    layout->addLayout(buttons);

    QUndoStack *stack = m_model->undoStack();
    connect(stack, &QUndoStack::indexChanged, this, &PayloadEditor::edited);
    connect(m_model, &PayloadTreeModel::editRefused, this,
            [this](const QString &message) { showMessage(message, true); });
    connect(m_model, &PayloadTreeModel::modifiedChanged, this, [this] {
        emit modifiedChanged(isModified());
        updateActions();
    });
    connect(m_tree, &PayloadTreeView::editRefused, this,
            [this](const QString &message) { showMessage(message, true); });
    connect(m_raw, &QPlainTextEdit::textChanged, this, &PayloadEditor::updateActions);
    connect(m_raw, &PayloadRawEdit::checked, this, &PayloadEditor::rawChecked);
    connect(m_raw, &PayloadRawEdit::undoPastTyping, this, &PayloadEditor::undo);
    connect(m_raw, &PayloadRawEdit::redoPastTyping, this, &PayloadEditor::redo);
    connect(m_raw->document(), &QTextDocument::undoAvailable, this,
            &PayloadEditor::updateActions);
    connect(m_raw->document(), &QTextDocument::redoAvailable, this,
            &PayloadEditor::updateActions);
    connect(m_problemsList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QModelIndex at = m_model->indexForPath(item->data(Qt::UserRole).toString());
        if (at.isValid() && setMode(Mode::Tree)) {
            m_tree->setCurrentIndex(at.siblingAtColumn(PayloadTreeModel::ValueColumn));
            m_tree->setFocus();
        }
    });
    connect(m_saveButton, &QPushButton::clicked, this, &PayloadEditor::save);
    connect(m_revertButton, &QPushButton::clicked, this, &PayloadEditor::revert);

    updateHeader();
    revalidate(QJsonObject());
    updateActions();
}

PayloadEditor::~PayloadEditor()
{
    // The model outlives this object's own members while QWidget deletes the children: it
    // must not call back into a half-destroyed editor.
    disconnect(m_model, nullptr, this, nullptr);
    disconnect(m_model->undoStack(), nullptr, this, nullptr);
}

QWidget *PayloadEditor::buildToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_modes = new QActionGroup(this);
    m_treeMode = m_modes->addAction(tr("Tree"));
    m_rawMode = m_modes->addAction(tr("Raw JSON"));
    m_treeMode->setObjectName(QStringLiteral("payloadTreeMode"));
    m_rawMode->setObjectName(QStringLiteral("payloadRawMode"));
    for (QAction *mode : {m_treeMode, m_rawMode})
        mode->setCheckable(true);
    m_treeMode->setChecked(true);
    m_treeMode->setToolTip(tr("Edit field by field, with editors from the schema"));
    m_rawMode->setToolTip(tr("Edit the payload as JSON text"));
    connect(m_treeMode, &QAction::triggered, this, [this] { setMode(Mode::Tree); });
    connect(m_rawMode, &QAction::triggered, this, [this] { setMode(Mode::Raw); });
    bar->addActions(m_modes->actions());
    bar->addSeparator();

    m_addFieldButton = new QToolButton(bar);
    m_addFieldButton->setDefaultAction(m_tree->addFieldAction());
    bar->addWidget(m_addFieldButton);
    bar->addAction(m_tree->addItemAction());
    bar->addAction(m_tree->removeAction());
    bar->addSeparator();

    m_undo = bar->addAction(tr("Undo"), this, &PayloadEditor::undo);
    m_undo->setObjectName(QStringLiteral("payloadUndo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = bar->addAction(tr("Redo"), this, &PayloadEditor::redo);
    m_redo->setObjectName(QStringLiteral("payloadRedo"));
    QList<QKeySequence> redoKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Redo)) {
        if (!redoKeys.contains(key))
            redoKeys.append(key);
    }
    m_redo->setShortcuts(redoKeys);
    m_saveAction = new QAction(tr("Save"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &PayloadEditor::save);
    for (QAction *action : {m_undo, m_redo, m_saveAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    return bar;
}

void PayloadEditor::setCollection(const QString &collection)
{
    m_collection = collection;
    m_schema = agentMemorySchemaFor(collection);
    m_tree->setSchema(m_schema);
    m_addFieldButton->setMenu(m_schema ? m_tree->schemaFieldsMenu() : nullptr);
    m_addFieldButton->setPopupMode(m_schema ? QToolButton::MenuButtonPopup
                                            : QToolButton::DelayedPopup);
    m_storedProblems = PayloadValidator::validate(m_model->originalPayload(), m_schema);
    updateHeader();
    revalidate(m_model->payload());
}

void PayloadEditor::setPayload(const QJsonObject &payload)
{
    m_model->setPayload(payload);
    m_storedProblems = PayloadValidator::validate(payload, m_schema);
    if (m_mode == Mode::Raw && showsMaskedValues())
        leaveRawForMasking();
    else if (m_mode == Mode::Raw)
        m_raw->showPayload(payload);
    m_tree->resizeColumnToContents(PayloadTreeModel::KeyColumn);
    clearMessage();
    revalidate(payload);
    updateHeader();
    updateActions();
}

void PayloadEditor::setReadOnlyKeys(const QStringList &paths)
{
    m_model->setReadOnlyKeys(paths);
    updateHeader();
}

void PayloadEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_tree->setEditable(!readOnly);
    m_raw->setReadOnly(readOnly);
    updateHeader();
    updateActions();
}

void PayloadEditor::setMaskedFields(const QStringList &fields)
{
    m_model->setMaskedFields(fields);
    // Valid raw text is applied first, so no typing is lost; text that does not parse can't
    // be kept on screen either.
    if (m_mode == Mode::Raw && showsMaskedValues()) {
        const bool applied = setMode(Mode::Tree);
        leaveRawForMasking(); // the hidden text must not keep the values either
        if (!applied) {
            showMessage(tr("The raw JSON was not applied (it does not parse): masked fields "
                           "are never shown as text."),
                        true);
        }
    }
    revalidate(m_model->payload());
    updateHeader();
    updateActions();
}

bool PayloadEditor::showsMaskedValues() const
{
    return m_model->hasMaskedValues();
}

void PayloadEditor::leaveRawForMasking()
{
    m_mode = Mode::Tree;
    m_rawError = false;
    if (m_messageIsRaw)
        clearMessage();
    m_raw->showPayload(QJsonObject()); // the hidden text must not keep the values either
    m_pages->setCurrentWidget(m_tree);
    m_treeMode->setChecked(true);
    updateActions();
}

QJsonObject PayloadEditor::payload() const
{
    return m_model->payload();
}

QJsonObject PayloadEditor::originalPayload() const
{
    return m_model->originalPayload();
}

bool PayloadEditor::isModified() const
{
    return m_model->isModified() || (m_mode == Mode::Raw && m_raw->isPending());
}

bool PayloadEditor::setMode(Mode mode)
{
    if (mode == m_mode)
        return true;
    if (mode == Mode::Tree) {
        if (!applyRawText()) {
            m_rawMode->setChecked(true);
            return false;
        }
        m_mode = Mode::Tree;
        m_rawError = false;
        if (m_messageIsRaw)
            clearMessage();
        m_pages->setCurrentWidget(m_tree);
        m_treeMode->setChecked(true);
        revalidate(m_model->payload());
        m_tree->setFocus();
    } else {
        m_tree->commitEditor();
        m_mode = Mode::Raw;
        m_raw->showPayload(m_model->payload());
        m_pages->setCurrentWidget(m_raw);
        m_rawMode->setChecked(true);
        m_raw->setFocus();
    }
    updateActions();
    return true;
}

QString PayloadEditor::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void PayloadEditor::save()
{
    m_tree->commitEditor();
    if (m_readOnly || !applyRawText())
        return;
    if (!m_model->isModified()) {
        showMessage(tr("Nothing to save: the payload is as stored."), false);
        return;
    }
    revalidate(m_model->payload());
    if (!m_blocking.isEmpty()) {
        showMessage(tr("Fix the problems listed below before saving."), true);
        return;
    }
    const QJsonObject edited = m_model->payload();
    auto *dialog = new PayloadDiffDialog(m_model->originalPayload(), edited,
                                         m_model->maskedFields(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, edited] { emit saveRequested(edited, dialog->overwrite()); });
    dialog->open();
}

void PayloadEditor::revert()
{
    m_tree->commitEditor();
    // Valid text not yet applied becomes a step first, so undo brings it back too.
    if (m_mode == Mode::Raw && m_raw->isPending() && m_raw->parse().payload)
        applyRawText();
    m_model->replacePayload(m_model->originalPayload(), tr("Revert"));
    if (m_mode == Mode::Raw)
        m_raw->showPayload(m_model->payload());
    clearMessage();
}

void PayloadEditor::undo()
{
    if (m_readOnly)
        return;
    if (m_mode == Mode::Raw && m_raw->document()->isUndoAvailable()) {
        m_raw->undo();
        return;
    }
    m_tree->commitEditor();
    m_model->undoStack()->undo();
}

void PayloadEditor::redo()
{
    if (m_readOnly)
        return;
    if (m_mode == Mode::Raw && m_raw->document()->isRedoAvailable()) {
        m_raw->redo();
        return;
    }
    m_tree->commitEditor();
    m_model->undoStack()->redo();
}

bool PayloadEditor::applyRawText()
{
    if (m_mode != Mode::Raw || !m_raw->isPending())
        return true;
    const PayloadTextParse parsed = m_raw->parse();
    if (!parsed.payload) {
        m_rawError = true;
        m_raw->markError(parsed, true);
        showMessage(parsed.message, true, true);
        m_raw->setFocus();
        updateActions();
        return false;
    }
    m_applyingRaw = true;
    const Result<QJsonObject> replaced
        = m_model->replacePayload(*parsed.payload, tr("Edit as raw JSON"));
    m_applyingRaw = false;
    if (!replaced) {
        showMessage(replaced.error().message, true);
        return false;
    }
    m_raw->markApplied();
    m_rawError = false;
    updateActions();
    return true;
}

void PayloadEditor::rawChecked(const PayloadTextParse &parsed)
{
    if (m_mode != Mode::Raw)
        return;
    m_rawError = !parsed.payload;
    if (!parsed.payload) {
        showMessage(parsed.message, true, true);
    } else {
        if (m_messageIsRaw)
            clearMessage();
        revalidate(*parsed.payload, false);
    }
    updateActions();
}

void PayloadEditor::edited()
{
    if (m_mode == Mode::Raw && !m_applyingRaw)
        m_raw->showPayload(m_model->payload());
    if (!m_messageIsRaw)
        clearMessage();
    revalidate(m_model->payload());
    updateHeader();
    updateActions();
}

void PayloadEditor::revalidate(const QJsonObject &payload, bool inTree)
{
    m_problems = PayloadValidator::validate(payload, m_schema);
    m_blocking.clear();
    for (const PayloadProblem &problem : std::as_const(m_problems)) {
        if (!contains(m_storedProblems, problem))
            m_blocking.append(problem);
    }
    if (inTree)
        m_model->setProblems(m_problems);

    m_problemsList->clear();
    const QColor red(0xd9, 0x3a, 0x3a);
    for (const PayloadProblem &problem : std::as_const(m_problems)) {
        const bool stored = !contains(m_blocking, problem);
        // A problem's message may quote the value: not for a masked one.
        const bool masked
            = PresentationOptions::isInsideMasked(problem.path, m_model->maskedFields());
        QString text = (problem.path.isEmpty() ? tr("Payload") : problem.path)
            + QStringLiteral(": ")
            + (masked ? tr("the masked value has a problem (turn masking off to see it).")
                      : problem.message);
        if (stored)
            text += QLatin1Char(' ') + tr("(already stored)");
        auto *item = new QListWidgetItem(text, m_problemsList);
        item->setData(Qt::UserRole, problem.path);
        item->setForeground(stored ? palette().color(QPalette::Disabled, QPalette::Text) : red);
    }
    if (!m_blocking.isEmpty()) {
        m_problemsTitle->setText(m_blocking.size() == 1
                                     ? tr("1 problem to fix before saving:")
                                     : tr("%1 problems to fix before saving:")
                                           .arg(m_blocking.size()));
    } else {
        m_problemsTitle->setText(tr("Problems already in the stored payload (they do not "
                                    "block saving):"));
    }
    m_problemsTitle->setVisible(!m_problems.isEmpty());
    m_problemsList->setVisible(!m_problems.isEmpty());
}

void PayloadEditor::showMessage(const QString &text, bool error, bool fromRaw)
{
    QPalette colours = palette();
    if (error)
        colours.setColor(QPalette::WindowText, QColor(0xd9, 0x3a, 0x3a));
    m_message->setPalette(colours);
    m_message->setText(text);
    m_message->show();
    m_messageIsRaw = fromRaw;
}

void PayloadEditor::clearMessage()
{
    m_message->clear();
    m_message->hide();
    m_messageIsRaw = false;
}

void PayloadEditor::updateHeader()
{
    QString text;
    if (m_schema)
        text = tr("Typed fields from the %1 schema.").arg(m_schema->collectionType);
    else if (!m_collection.isEmpty())
        text = tr("No agent-memory schema for %1: a plain JSON tree.").arg(m_collection);
    else
        text = tr("A plain JSON tree.");
    const QStringList keys = m_model->readOnlyKeys();
    if (!keys.isEmpty()) {
        text += QLatin1Char(' ')
            + tr("%1 is read-only: it keeps the point in its tenant.")
                  .arg(keys.join(QStringLiteral(", ")));
    }
    if (m_readOnly)
        text += QLatin1Char(' ') + tr("Read-only profile: nothing can be changed.");
    QStringList masked;
    for (const QString &field : m_model->maskedFields()) {
        if (m_model->indexForPath(field).isValid())
            masked.append(field);
    }
    if (!masked.isEmpty()) {
        text += QLatin1Char(' ')
            + tr("Masked by presentation options, and read-only while masked: %1.")
                  .arg(masked.join(QStringLiteral(", ")));
    }
    m_header->setText(text);
}

void PayloadEditor::updateActions()
{
    const bool editable = !m_readOnly;
    const bool tree = m_mode == Mode::Tree;
    m_tree->setEditable(editable && tree);
    m_addFieldButton->setEnabled(editable && tree);
    const bool masked = showsMaskedValues();
    m_rawMode->setEnabled(!masked || !tree);
    m_rawMode->setToolTip(masked ? tr("Raw JSON would show the fields masked by the "
                                      "presentation options: turn masking off to use it")
                                 : tr("Edit the payload as JSON text"));

    const QUndoStack *stack = m_model->undoStack();
    const bool typingUndo = !tree && m_raw->document()->isUndoAvailable();
    const bool typingRedo = !tree && m_raw->document()->isRedoAvailable();
    m_undo->setEnabled(editable && (typingUndo || stack->canUndo()));
    m_redo->setEnabled(editable && (typingRedo || stack->canRedo()));
    m_undo->setToolTip(typingUndo         ? tr("Undo typing")
                       : stack->canUndo() ? tr("Undo: %1").arg(stack->undoText())
                                          : tr("Nothing to undo"));
    m_redo->setToolTip(typingRedo         ? tr("Redo typing")
                       : stack->canRedo() ? tr("Redo: %1").arg(stack->redoText())
                                          : tr("Nothing to redo"));

    const bool modified = isModified();
    m_saveButton->setEnabled(editable && modified && m_blocking.isEmpty()
                             && !(m_mode == Mode::Raw && m_rawError));
    m_saveAction->setEnabled(editable && modified); // Ctrl+S says why when it cannot save
    m_revertButton->setEnabled(editable && modified);
}
