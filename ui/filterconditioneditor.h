#pragma once

#include "filtertree.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QToolButton;

/// One row of the visual filter builder: a payload key (known keys offered, any key typed),
/// an operator, and value editors that fit the operator and the key's type.
class FilterConditionEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit FilterConditionEditor(QWidget *parent = nullptr);

    /// The keys offered in the key box, and their types (keyword, integer, float, bool,
    /// datetime, text, uuid, ...), which pick the operator and value type for a new key.
    void setKnownKeys(const QStringList &keys, const QHash<QString, QString> &types);
    void setCondition(const FilterCondition &condition);
    /// The condition as the row shows it, unfinished parts included (validate() names them).
    FilterCondition condition() const;

    /// Marks the row with the problems validate() found in it; an empty list clears the mark.
    void setProblems(const QStringList &problems);
    QStringList problems() const { return m_problems; }

    /// Puts the keyboard focus in the key box (or the value, when there is no key).
    void focusFirstField();
    /// The row's fields in the order Tab visits them.
    QList<QWidget *> tabOrder() const;

signals:
    void changed();
    void removeRequested();

private:
    enum class ValueType { Text, Integer, Bool };

    void buildOperators();
    void onKeyEdited();
    void onOperatorChosen();
    void showEditorsFor(FilterCondition::Kind kind);
    void setValueType(ValueType type);
    FilterCondition::Kind kind() const;
    ValueType valueType() const;
    QString keyType(const QString &key) const;
    QJsonValue singleValue() const;
    QJsonArray listValues(bool ids) const;
    QJsonValue boundValue(const QLineEdit *edit) const;
    void setBounds(const FilterBounds &bounds, FilterCondition::Kind kind);
    void updatePlaceholders();
    void updateValidators();

    QComboBox *m_key;
    QComboBox *m_operator;
    QComboBox *m_valueType;
    QLineEdit *m_value;
    QComboBox *m_boolValue;
    QComboBox *m_lowerOp;
    QLineEdit *m_lower;
    QComboBox *m_upperOp;
    QLineEdit *m_upper;
    QLabel *m_problemIcon;
    QToolButton *m_remove;
    QHBoxLayout *m_layout;
    int m_fillerIndex = 0;

    QHash<QString, QString> m_keyTypes;
    QStringList m_problems;
    bool m_operatorChosen = false; // the user picked an operator: a new key keeps it
    bool m_updating = false;
};
