#pragma once

#include "payloadproblem.h"

#include <QJsonObject>
#include <QWidget>

class PayloadTreeModel;
class PayloadTreeView;
class QComboBox;

/// The payload of a new record in a collection without an agent-memory schema: fields and
/// JSON values in a tree (PayloadTreeView, the payload editor's typed tree), and which of its
/// text fields the record's vector is computed from. Starts with an empty "text" field, the
/// usual name, so the common case is typing the text and saving.
class FreeFormRecordEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit FreeFormRecordEditor(QWidget *parent = nullptr);
    ~FreeFormRecordEditor() override;

    /// The payload as edited.
    QJsonObject payload() const;
    /// The top-level text field chosen to be embedded; empty when the payload has none.
    QString textField() const;
    /// The chosen field's text (trimmed); empty when there is none.
    QString embeddedText() const;
    /// Marks problems (from PayloadValidator) on the tree.
    void setProblems(const QList<PayloadProblem> &problems);

    PayloadTreeModel *model() const { return m_model; }
    PayloadTreeView *view() const { return m_view; }
    QComboBox *textFieldBox() const { return m_textField; }

signals:
    /// The payload or the chosen field changed.
    void edited();

private:
    void refreshTextFields();

    PayloadTreeModel *m_model;
    PayloadTreeView *m_view;
    QComboBox *m_textField;
};
