#include "filtergroupeditor.h"

#include "filterconditioneditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

FilterGroupEditor::FilterGroupEditor(bool nested, QWidget *parent)
    : QFrame(parent)
    , m_nested(nested)
    , m_op(new QComboBox(this))
    , m_opHint(new QLabel(this))
    , m_problemIcon(new QLabel(this))
    , m_addCondition(new QPushButton(tr("Add condition"), this))
    , m_addGroup(new QPushButton(tr("Add group"), this))
    , m_childLayout(new QVBoxLayout)
{
    m_op->setObjectName(QStringLiteral("groupOperator"));
    m_problemIcon->setObjectName(QStringLiteral("groupProblemIcon"));
    m_addCondition->setObjectName(QStringLiteral("addCondition"));
    m_addGroup->setObjectName(QStringLiteral("addGroup"));
    if (nested) {
        // A nested group is boxed so that what it joins is plain to see.
        setFrameShape(QFrame::StyledPanel);
        setFrameShadow(QFrame::Plain);
        setAutoFillBackground(true);
        setBackgroundRole(QPalette::AlternateBase);
    }
    m_op->addItem(tr("All of"), int(FilterNode::Op::All));
    m_op->addItem(tr("Any of"), int(FilterNode::Op::Any));
    m_op->addItem(tr("None of"), int(FilterNode::Op::None));
    m_op->setItemData(0, tr("Every condition must hold (AND, Qdrant's must)."), Qt::ToolTipRole);
    m_op->setItemData(1, tr("At least one condition must hold (OR, should)."), Qt::ToolTipRole);
    m_op->setItemData(2, tr("No condition may hold (NOT, must_not)."), Qt::ToolTipRole);
    m_op->setAccessibleName(nested ? tr("Group operator") : tr("Filter operator"));
    m_opHint->setForegroundRole(QPalette::PlaceholderText);
    m_problemIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    m_problemIcon->hide();
    m_addCondition->setToolTip(tr("Add a condition to this group"));
    m_addGroup->setToolTip(tr("Add a group with its own AND / OR / NOT inside this one"));
    for (QPushButton *button : {m_addCondition, m_addGroup})
        button->setAutoDefault(false);

    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    header->addWidget(m_op);
    header->addWidget(m_opHint);
    header->addStretch(1);
    header->addWidget(m_problemIcon);
    header->addWidget(m_addCondition);
    header->addWidget(m_addGroup);
    if (nested) {
        m_remove = new QToolButton(this);
        m_remove->setObjectName(QStringLiteral("removeGroup"));
        m_remove->setText(QStringLiteral("✕"));
        m_remove->setAutoRaise(true);
        m_remove->setToolTip(tr("Remove this group and what it holds"));
        m_remove->setAccessibleName(tr("Remove group"));
        header->addWidget(m_remove);
        connect(m_remove, &QToolButton::clicked, this, &FilterGroupEditor::removeRequested);
    }

    m_childLayout->setSpacing(4);
    // Children are indented under the operator that joins them.
    m_childLayout->setContentsMargins(nested ? 16 : 0, 0, 0, 0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(nested ? QMargins(6, 4, 4, 6) : QMargins());
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addLayout(m_childLayout);

    connect(m_op, &QComboBox::currentIndexChanged, this, [this] {
        updateOperatorText();
        emit changed();
    });
    connect(m_addCondition, &QPushButton::clicked, this, [this] { addCondition(); });
    connect(m_addGroup, &QPushButton::clicked, this, [this] { addGroup(); });
    updateOperatorText();
}

void FilterGroupEditor::updateOperatorText()
{
    const auto op = FilterNode::Op(m_op->currentData().toInt());
    m_opHint->setText(op == FilterNode::Op::All ? tr("these conditions (AND)")
            : op == FilterNode::Op::Any         ? tr("these conditions (OR)")
                                                : tr("these conditions (NOT)"));
}

void FilterGroupEditor::setKnownKeys(const QStringList &keys,
    const QHash<QString, QString> &types)
{
    m_keys = keys;
    m_keyTypes = types;
    for (QWidget *child : std::as_const(m_children)) {
        if (auto *condition = qobject_cast<FilterConditionEditor *>(child))
            condition->setKnownKeys(keys, types);
        else
            static_cast<FilterGroupEditor *>(child)->setKnownKeys(keys, types);
    }
}

void FilterGroupEditor::setNode(const FilterNode &group)
{
    for (QWidget *child : std::as_const(m_children))
        delete child;
    m_children.clear();
    {
        const QSignalBlocker blocker(m_op);
        m_op->setCurrentIndex(m_op->findData(int(group.op)));
    }
    updateOperatorText();
    for (const FilterNode &child : group.children) {
        if (child.isGroup) {
            auto *editor = new FilterGroupEditor(true, this);
            editor->setKnownKeys(m_keys, m_keyTypes);
            editor->setNode(child);
            appendChild(editor);
        } else {
            auto *editor = new FilterConditionEditor(this);
            editor->setKnownKeys(m_keys, m_keyTypes);
            editor->setCondition(child.condition);
            appendChild(editor);
        }
    }
}

FilterNode FilterGroupEditor::node() const
{
    FilterNode group = FilterNode::group(FilterNode::Op(m_op->currentData().toInt()));
    for (QWidget *child : m_children) {
        if (auto *condition = qobject_cast<FilterConditionEditor *>(child))
            group.children.append(FilterNode::leaf(condition->condition()));
        else
            group.children.append(static_cast<FilterGroupEditor *>(child)->node());
    }
    return group;
}

FilterConditionEditor *FilterGroupEditor::addCondition()
{
    auto *editor = new FilterConditionEditor(this);
    editor->setKnownKeys(m_keys, m_keyTypes);
    appendChild(editor);
    editor->focusFirstField();
    emit changed();
    return editor;
}

FilterGroupEditor *FilterGroupEditor::addGroup()
{
    auto *group = new FilterGroupEditor(true, this);
    group->setKnownKeys(m_keys, m_keyTypes);
    appendChild(group);
    // A new group starts with a condition to fill in, so it is never empty by accident.
    const QSignalBlocker blocker(group);
    group->addCondition();
    emit changed();
    return group;
}

void FilterGroupEditor::appendChild(QWidget *child)
{
    m_children.append(child);
    m_childLayout->addWidget(child);
    if (auto *condition = qobject_cast<FilterConditionEditor *>(child)) {
        connect(condition, &FilterConditionEditor::changed, this, &FilterGroupEditor::changed);
        connect(condition, &FilterConditionEditor::removeRequested, this,
            [this, child] { removeChild(child); });
    } else {
        auto *group = static_cast<FilterGroupEditor *>(child);
        connect(group, &FilterGroupEditor::changed, this, &FilterGroupEditor::changed);
        connect(group, &FilterGroupEditor::removeRequested, this,
            [this, child] { removeChild(child); });
    }
}

void FilterGroupEditor::removeChild(QWidget *child)
{
    const qsizetype index = m_children.indexOf(child);
    if (index < 0)
        return;
    m_children.removeAt(index);
    // The focus goes to the row that takes its place, else to the previous one, else to the
    // group's own "Add condition", so the keyboard never loses its place.
    QWidget *next = index < m_children.size() ? m_children.at(index)
        : index > 0                           ? m_children.at(index - 1)
                                              : nullptr;
    child->hide();
    child->deleteLater();
    if (auto *condition = qobject_cast<FilterConditionEditor *>(next))
        condition->focusFirstField();
    else if (next)
        next->setFocus(Qt::OtherFocusReason);
    else
        m_addCondition->setFocus(Qt::OtherFocusReason);
    emit changed();
}

void FilterGroupEditor::setProblems(const QHash<QList<int>, QStringList> &problems,
    const QList<int> &path)
{
    const QStringList own = problems.value(path);
    m_problemIcon->setVisible(!own.isEmpty());
    m_problemIcon->setToolTip(own.join(u'\n'));
    for (int i = 0; i < m_children.size(); ++i) {
        const QList<int> childPath = QList<int>(path) << i;
        if (auto *condition = qobject_cast<FilterConditionEditor *>(m_children.at(i)))
            condition->setProblems(problems.value(childPath));
        else
            static_cast<FilterGroupEditor *>(m_children.at(i))->setProblems(problems, childPath);
    }
}

QList<QWidget *> FilterGroupEditor::tabOrder() const
{
    QList<QWidget *> order = {m_op, m_addCondition, m_addGroup};
    if (m_remove)
        order.append(m_remove);
    for (QWidget *child : m_children) {
        if (auto *condition = qobject_cast<FilterConditionEditor *>(child))
            order += condition->tabOrder();
        else
            order += static_cast<FilterGroupEditor *>(child)->tabOrder();
    }
    return order;
}

QWidget *FilterGroupEditor::editorAt(const QList<int> &path) const
{
    if (path.isEmpty())
        return const_cast<FilterGroupEditor *>(this);
    const int index = path.first();
    if (index < 0 || index >= m_children.size())
        return nullptr;
    QWidget *child = m_children.at(index);
    if (path.size() == 1)
        return child;
    auto *group = qobject_cast<FilterGroupEditor *>(child);
    return group ? group->editorAt(path.mid(1)) : nullptr;
}
