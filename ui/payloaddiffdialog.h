#pragma once

#include "payloaddiff.h"

#include <QDialog>
#include <QJsonObject>
#include <QStringList>

class QLabel;
class QTextEdit;
class QPushButton;
class QRadioButton;
class QTreeWidget;

/// The preview before a payload is saved: every added, removed and changed path with its
/// stored and edited value, and the choice of how to write it, each explained in a sentence:
/// Set (merge: set_payload of the changed top-level keys, delete_payload of the removed ones)
/// or Overwrite (replace: overwrite_payload of the whole object). Shows the request bodies
/// the choice sends. Accepting it is the user's confirmation.
class PayloadDiffDialog final : public QDialog
{
    Q_OBJECT

public:
    /// maskedFields (presentation options) are shown as "•••••" in the changes and the
    /// request bodies; what is written is edited, unchanged.
    PayloadDiffDialog(const QJsonObject &stored, const QJsonObject &edited,
                      const QStringList &maskedFields = {}, QWidget *parent = nullptr);

    /// True when the user chose Overwrite (replace); false for Set (merge), the default.
    bool overwrite() const;
    void setOverwrite(bool overwrite);
    /// The summary line above the changes ("3 changes: 1 added, 1 changed, 1 removed").
    QString summaryText() const;
    /// The explanation shown for each choice.
    QString setExplanation() const;
    QString overwriteExplanation() const;
    /// The request bodies the current choice sends, as shown.
    QString requestText() const;

private:
    void fillChanges();
    void updateRequest();

    QJsonObject m_stored;
    QJsonObject m_edited;
    QStringList m_masked;
    PayloadWritePlan m_plan;
    QLabel *m_summary;
    QTreeWidget *m_changes;
    QRadioButton *m_set;
    QLabel *m_setExplanation;
    QRadioButton *m_overwrite;
    QLabel *m_overwriteExplanation;
    QTextEdit *m_request;
    QPushButton *m_save;
};
