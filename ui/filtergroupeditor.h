#pragma once

#include "filtertree.h"

#include <QFrame>
#include <QHash>

class FilterConditionEditor;
class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;
class QVBoxLayout;

/// A group of the visual filter builder: its operator (all / any / none of), its conditions and
/// nested groups, and buttons to add to it. The root group cannot be removed.
class FilterGroupEditor final : public QFrame
{
    Q_OBJECT

public:
    explicit FilterGroupEditor(bool nested, QWidget *parent = nullptr);

    void setKnownKeys(const QStringList &keys, const QHash<QString, QString> &types);
    /// Shows this group node (its operator and children), replacing what was shown.
    void setNode(const FilterNode &group);
    /// The group as shown, unfinished conditions included.
    FilterNode node() const;

    /// Appends an empty condition and puts the focus in its key box.
    FilterConditionEditor *addCondition();
    /// Appends a group holding one empty condition, focused.
    FilterGroupEditor *addGroup();

    /// Marks each row with the problems found at its path (relative to this group); the
    /// empty-group problem marks the group itself.
    void setProblems(const QHash<QList<int>, QStringList> &problems, const QList<int> &path = {});
    /// The editor of the node at this path below the group (a FilterConditionEditor or a
    /// FilterGroupEditor), or nullptr.
    QWidget *editorAt(const QList<int> &path) const;
    int childCount() const { return int(m_children.size()); }
    /// The fields of the group and of all it holds, in the order they are shown: Tab follows
    /// it, whatever order the rows were added in.
    QList<QWidget *> tabOrder() const;

signals:
    void changed();
    void removeRequested();

private:
    void appendChild(QWidget *child);
    void removeChild(QWidget *child);
    void updateOperatorText();

    bool m_nested;
    QComboBox *m_op;
    QLabel *m_opHint;
    QLabel *m_problemIcon;
    QPushButton *m_addCondition;
    QPushButton *m_addGroup;
    QToolButton *m_remove = nullptr;
    QVBoxLayout *m_childLayout;
    QList<QWidget *> m_children;
    QStringList m_keys;
    QHash<QString, QString> m_keyTypes;
};
