#pragma once

#include "agentmemoryschemas.h"

#include <QJsonValue>
#include <QWidget>

class InlineMessage;
class QCheckBox;

/// One field of a new record's form, with the editor its schema type calls for: a combo box
/// for fixed choices and booleans, a spin box within the field's range, a date-time editor
/// (UTC), several lines for embedded text, a JSON box for objects, one keyword per comma or
/// line for lists, and a line for the rest. A field that is left empty (or unticked, for the
/// editors that always hold a value) is left out of the payload. What the field's problem is
/// (its input cannot be read, or the validator refused its value) shows under the editor.
class SchemaFormField final : public QWidget
{
    Q_OBJECT

public:
    /// embedded: the collection's vector is computed from this field.
    SchemaFormField(const SchemaField &field, bool embedded, QWidget *parent = nullptr);
    ~SchemaFormField() override;

    const SchemaField &field() const { return m_field; }
    bool isEmbedded() const { return m_embedded; }
    /// The value for the payload; Undefined when the field is left out or its input cannot
    /// be read (inputProblem() says why).
    QJsonValue value() const;
    /// Why the input is not a value of the field's type ("abc" for a number, JSON that is not
    /// an object); empty when it is one or the field is empty.
    QString inputProblem() const;
    /// Shows a problem under the editor; an empty text hides it.
    void setProblem(const QString &text);
    QString problem() const;

    /// The widget that takes the input: QComboBox, QDoubleSpinBox, QDateTimeEdit,
    /// QPlainTextEdit or QLineEdit.
    QWidget *editor() const { return m_editor; }
    /// The tick that puts a spin box's or date-time's value into the payload; nullptr for the
    /// editors that can be left empty.
    QCheckBox *includeBox() const { return m_include; }
    /// What the field is, for its tooltip: type, notes, range, choices.
    QString help() const;

signals:
    /// The user changed the input.
    void edited();

private:
    enum class Kind { Choice, Boolean, Range, Number, DateTime, Lines, Object, List, Line };
    static Kind kindFor(const SchemaField &field, bool embedded);
    QWidget *makeEditor();
    QString editorText() const;

    SchemaField m_field;
    bool m_embedded;
    Kind m_kind;
    QWidget *m_editor = nullptr;
    QCheckBox *m_include = nullptr;
    InlineMessage *m_problem;
};
