#pragma once

#include "qdrantcallhandle.h"
#include "scopedpoints.h"

#include <QDialog>
#include <QJsonObject>
#include <QPointer>
#include <QStringList>

class InlineMessage;
class PointCuration;
class QButtonGroup;
class QLabel;
class QLineEdit;
class QListWidget;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;

/// Bulk actions on every point that matches the points table's filter, inside the session's
/// tenant scope: set payload keys (merged), delete payload keys, or delete the points. Apply
/// stays disabled until a dry run (a count through the same scope and filter) has said how
/// many points of which tenant it will touch, and again whenever the action or its input
/// changes. Deleting asks once more; right before the write the points are counted again, and
/// when the number moved the dialog shows the new one and waits for another Apply. Errors and
/// results show in the dialog. Every write goes through PointCuration (the edit journal keeps
/// each point's payload before the edit) and so through ScopedPoints, which intersects the
/// filter with the scope and refuses writes of a read-only profile.
class BulkEditDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Action { SetKeys, DeleteKeys, DeletePoints };
    Q_ENUM(Action)

    /// filter is the user's filter (the scope is added by points, which counts); curation
    /// writes (not owned); knownKeys are offered for deletion.
    BulkEditDialog(const ScopedPoints &points, PointCuration *curation, const QString &collection,
        const QJsonObject &filter, const QStringList &knownKeys, QWidget *parent = nullptr);
    ~BulkEditDialog() override;

    void setAction(Action action);
    Action action() const { return m_action; }

    /// The points the last dry run counted; -1 when there is no valid dry run.
    qint64 dryRunCount() const { return m_dryRunCount; }
    /// What the dry run found ("This will change 312 points of tenant acme.").
    QString dryRunText() const;
    /// The dialog's error or result line.
    QString messageText() const;

    QRadioButton *actionButton(Action action) const;
    QPlainTextEdit *payloadEdit() const { return m_payload; }
    QListWidget *keysList() const { return m_keys; }
    QLineEdit *otherKeysEdit() const { return m_otherKeys; }
    QPushButton *dryRunButton() const { return m_dryRunButton; }
    QPushButton *applyButton() const { return m_applyButton; }
    /// The "are you sure" box of a destructive Apply, while it is open.
    QMessageBox *confirmation() const { return m_confirmation; }

public slots:
    /// Counts the points the action would touch; enables Apply when there are some.
    void runDryRun();
    /// Applies the action (after a confirmation for deletions and a fresh count).
    void apply();

signals:
    /// The dry run counted the points.
    void dryRunFinished(qint64 count);
    /// The action was applied to that many points (the count right before the write).
    void applied(BulkEditDialog::Action action, qint64 points);

private:
    QWidget *buildSetPage();
    QWidget *buildDeleteKeysPage(const QStringList &knownKeys);
    QString scopeText() const;
    QString pointsText(qint64 count) const;
    QString describe(qint64 count) const;
    /// The action's input, checked locally and by the scope; an error message or empty.
    QString validationError();
    void invalidateDryRun();
    void recountThenWrite();
    void write(qint64 count);
    void setBusy(bool busy);
    void refreshButtons();

    ScopedPoints m_points;
    QPointer<PointCuration> m_curation;
    QString m_collection;
    QJsonObject m_filter;
    Action m_action = Action::SetKeys;
    QJsonObject m_setPayload; ///< the checked input of SetKeys
    QStringList m_deleteKeys; ///< the checked input of DeleteKeys
    qint64 m_dryRunCount = -1;
    bool m_busy = false;
    bool m_writing = false; ///< a write was sent and has not answered
    QdrantCallHandle m_call;

    QButtonGroup *m_actions;
    QStackedWidget *m_pages;
    QPlainTextEdit *m_payload;
    QListWidget *m_keys;
    QLineEdit *m_otherKeys;
    QLabel *m_dryRun;
    InlineMessage *m_message;
    QPushButton *m_dryRunButton;
    QPushButton *m_applyButton;
    QPushButton *m_closeButton;
    QMessageBox *m_confirmation = nullptr;
};
