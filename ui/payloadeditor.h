#pragma once

#include "payloadproblem.h"

#include <QJsonObject>
#include <QWidget>

class PayloadRawEdit;
class PayloadTreeModel;
class PayloadTreeView;
class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QToolButton;
struct AgentMemorySchema;
struct PayloadTextParse;

/// Edits one point's payload: a tree with typed editors from the collection's agent-memory
/// schema (a plain JSON tree for other collections) or raw JSON text, with undo and redo,
/// problems shown as they appear, and a diff preview (PayloadDiffDialog) before anything is
/// written. It writes nothing itself: on confirmation it emits saveRequested() and keeps the
/// edits until the owner calls setPayload() with what the server now holds.
class PayloadEditor final : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Tree, Raw };

    explicit PayloadEditor(QWidget *parent = nullptr);
    ~PayloadEditor() override;

    /// The collection the point is in; its name chooses the schema (plain, or company_{id}_).
    void setCollection(const QString &collection);
    /// The schema in use; nullptr for a plain JSON tree.
    const AgentMemorySchema *schema() const { return m_schema; }
    /// Starts editing payload as stored; clears undo and redo.
    void setPayload(const QJsonObject &payload);
    /// Keys shown read-only (the tenant key of the session's scope).
    void setReadOnlyKeys(const QStringList &paths);
    /// A read-only profile: shows the payload but allows no edit.
    void setReadOnly(bool readOnly);
    /// Payload fields masked by the presentation options: shown as "•••••" in the tree and
    /// the diff, read-only while masked (saving keeps their stored values), and no raw JSON
    /// view while the payload holds one (its text would show them).
    void setMaskedFields(const QStringList &fields);

    /// The payload as edited (in raw mode, as last applied from the text).
    QJsonObject payload() const;
    /// The payload as given to setPayload().
    QJsonObject originalPayload() const;
    /// True when there is something to save (edits, or raw text not yet applied).
    bool isModified() const;
    Mode mode() const { return m_mode; }
    /// Switches mode. Leaving raw mode applies the text as one undoable step; refused (false,
    /// the error shown and the text kept) when it is not a valid payload.
    bool setMode(Mode mode);
    /// The problems of the edited payload, and those of them that block saving (the ones the
    /// stored payload did not already have).
    QList<PayloadProblem> problems() const { return m_problems; }
    QList<PayloadProblem> blockingProblems() const { return m_blocking; }
    /// The inline message (a refused edit, a raw-JSON error); empty when none is shown.
    QString messageText() const;

    PayloadTreeModel *model() const { return m_model; }
    PayloadTreeView *treeView() const { return m_tree; }
    PayloadRawEdit *rawEdit() const { return m_raw; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }

public slots:
    /// Applies pending raw text, checks the problems, then shows the diff preview.
    void save();
    /// Back to the stored payload, as one step that can be undone.
    void revert();
    /// Undoes the last typing in raw mode, else the last edit.
    void undo();
    /// Redoes what undo() undid.
    void redo();

signals:
    /// The user confirmed the diff preview. payload is the whole edited payload; overwrite
    /// says which write was chosen: overwrite_payload(payload), or set_payload of the changed
    /// top-level keys plus delete_payload of the removed ones (PayloadDiff::writePlan()).
    void saveRequested(const QJsonObject &payload, bool overwrite);
    /// isModified() changed.
    void modifiedChanged(bool modified);

private:
    QWidget *buildToolBar();
    bool applyRawText();
    /// Back to the tree without applying the raw text: masked values never show as text.
    void leaveRawForMasking();
    /// True when the payload holds a masked value.
    bool showsMaskedValues() const;
    void rawChecked(const PayloadTextParse &parsed);
    void edited();
    void revalidate(const QJsonObject &payload, bool inTree = true);
    void showMessage(const QString &text, bool error, bool fromRaw = false);
    void clearMessage();
    void updateHeader();
    void updateActions();

    PayloadTreeModel *m_model;
    const AgentMemorySchema *m_schema = nullptr;
    QString m_collection;
    Mode m_mode = Mode::Tree;
    bool m_readOnly = false;

    QLabel *m_header = nullptr;
    QStackedWidget *m_pages = nullptr;
    PayloadTreeView *m_tree = nullptr;
    PayloadRawEdit *m_raw = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_problemsTitle = nullptr;
    QListWidget *m_problemsList = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_saveButton = nullptr;

    QActionGroup *m_modes = nullptr;
    QAction *m_treeMode = nullptr;
    QAction *m_rawMode = nullptr;
    QToolButton *m_addFieldButton = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_saveAction = nullptr;

    bool m_rawError = false;     // the raw text does not parse (as last checked)
    bool m_applyingRaw = false;  // the raw text is becoming an undo step: leave it as typed
    bool m_messageIsRaw = false; // the message shown is the raw text's error
    QList<PayloadProblem> m_problems;
    QList<PayloadProblem> m_storedProblems;
    QList<PayloadProblem> m_blocking;
};
