#include "payloadtreeview.h"

#include "agentmemoryschemas.h"
#include "payloadtreemodel.h"
#include "payloadvaluedelegate.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QMenu>

namespace {

constexpr QAbstractItemView::EditTriggers kEditTriggers = QAbstractItemView::DoubleClicked
    | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed
    | QAbstractItemView::SelectedClicked;

QJsonValue::Type typeAt(const QModelIndex &index)
{
    return QJsonValue::Type(index.data(PayloadTreeModel::JsonTypeRole).toInt());
}

// What a field the user adds from the schema starts as: valid where it can be.
QJsonValue defaultFor(const SchemaField &field)
{
    if (!field.choices.isEmpty())
        return field.choices.first();
    if (field.type == u"float" || field.type == u"integer")
        return field.minimum.value_or(0.0);
    if (field.type == u"bool")
        return false;
    if (field.type == u"datetime")
        return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    if (field.type == u"object")
        return QJsonObject();
    if (field.type.endsWith(QLatin1String("[]")))
        return QJsonArray();
    return QString();
}

QJsonValue defaultOfType(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Double: return 0;
    case QJsonValue::Bool: return false;
    case QJsonValue::Object: return QJsonObject();
    case QJsonValue::Array: return QJsonArray();
    case QJsonValue::Null: return QJsonValue(QJsonValue::Null);
    default: return QString();
    }
}

} // namespace

PayloadTreeView::PayloadTreeView(PayloadTreeModel *model, QWidget *parent)
    : QTreeView(parent)
    , m_model(model)
    , m_delegate(new PayloadValueDelegate(this))
    , m_addField(new QAction(tr("Add field"), this))
    , m_addItem(new QAction(tr("Add item"), this))
    , m_remove(new QAction(tr("Remove"), this))
    , m_schemaFields(new QMenu(this))
{
    setModel(model);
    setItemDelegate(m_delegate);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setEditTriggers(kEditTriggers);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(PayloadTreeModel::KeyColumn, QHeaderView::Interactive);
    header()->setSectionResizeMode(PayloadTreeModel::ValueColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(PayloadTreeModel::TypeColumn,
                                   QHeaderView::ResizeToContents);

    m_addField->setObjectName(QStringLiteral("payloadAddField"));
    m_addField->setToolTip(tr("Add a field to the selected object (or to the payload)"));
    m_addField->setShortcut(QKeySequence(Qt::Key_Insert));
    m_addItem->setObjectName(QStringLiteral("payloadAddItem"));
    m_addItem->setToolTip(tr("Add an item to the selected list"));
    m_addItem->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Insert));
    m_remove->setObjectName(QStringLiteral("payloadRemove"));
    m_remove->setToolTip(tr("Remove the selected field or item"));
    m_remove->setShortcut(QKeySequence::Delete);
    for (QAction *action : {m_addField, m_addItem, m_remove}) {
        action->setShortcutContext(Qt::WidgetShortcut); // an open editor keeps its keys
        addAction(action);
    }
    connect(m_addField, &QAction::triggered, this, &PayloadTreeView::addField);
    connect(m_addItem, &QAction::triggered, this, &PayloadTreeView::addItem);
    connect(m_remove, &QAction::triggered, this, &PayloadTreeView::removeCurrent);
    connect(m_schemaFields, &QMenu::aboutToShow, this, &PayloadTreeView::fillSchemaMenu);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        // A new payload, or one replaced as raw JSON: show its first level open.
        expandToDepth(0);
        updateActions();
    });
    connect(model, &QAbstractItemModel::dataChanged, this, &PayloadTreeView::updateActions);
    updateActions();
}

void PayloadTreeView::setSchema(const AgentMemorySchema *schema)
{
    m_schema = schema;
    m_delegate->setSchema(schema);
}

void PayloadTreeView::setEditable(bool editable)
{
    m_editable = editable;
    setEditTriggers(editable ? kEditTriggers : QAbstractItemView::NoEditTriggers);
    updateActions();
}

void PayloadTreeView::commitEditor()
{
    if (state() != QAbstractItemView::EditingState)
        return;
    // Moving the current index away commits and closes the editor open on it.
    const QPersistentModelIndex current = currentIndex();
    setCurrentIndex(QModelIndex());
    setCurrentIndex(current);
}

void PayloadTreeView::addField()
{
    commitEditor();
    const QModelIndex object = objectFor(currentIndex());
    const Result<QModelIndex> added = m_model->addField(
        object, m_model->uniqueKey(object, QStringLiteral("new_field")), QString());
    if (!added) {
        emit editRefused(added.error().message);
        return;
    }
    if (object.isValid())
        expand(object);
    beginEditing(added.value()); // its name first
}

void PayloadTreeView::addItem()
{
    commitEditor();
    const QModelIndex current = currentIndex().siblingAtColumn(PayloadTreeModel::KeyColumn);
    QModelIndex list;
    int row = 0;
    if (current.isValid() && typeAt(current) == QJsonValue::Array) {
        list = current;
        row = m_model->rowCount(list);
    } else if (current.parent().isValid() && typeAt(current.parent()) == QJsonValue::Array) {
        list = current.parent();
        row = current.row() + 1;
    } else {
        emit editRefused(tr("Select a list, or one of its items, to add an item to it."));
        return;
    }
    // A new item is like its neighbours: a list of keywords gets an empty keyword.
    QJsonValue value = QString();
    if (m_model->rowCount(list) > 0)
        value = defaultOfType(typeAt(m_model->index(std::max(row - 1, 0), 0, list)));
    const Result<QModelIndex> added = m_model->insertItem(list, row, value);
    if (!added) {
        emit editRefused(added.error().message);
        return;
    }
    expand(list);
    beginEditing(added.value());
}

void PayloadTreeView::removeCurrent()
{
    commitEditor();
    const QModelIndex current = currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    const QPersistentModelIndex parent = current.parent();
    const Result<QJsonValue> removed = m_model->remove(current);
    if (!removed) {
        emit editRefused(removed.error().message);
        return;
    }
    const int rows = m_model->rowCount(parent);
    setCurrentIndex(rows > 0 ? m_model->index(std::min(row, rows - 1), 0, parent)
                             : QModelIndex(parent));
}

void PayloadTreeView::updateActions()
{
    const QModelIndex current = currentIndex();
    const bool inList = current.isValid()
        && (typeAt(current) == QJsonValue::Array
            || (current.parent().isValid() && typeAt(current.parent()) == QJsonValue::Array));
    m_addField->setEnabled(m_editable);
    m_addItem->setEnabled(m_editable && inList);
    m_remove->setEnabled(m_editable && current.isValid()
                         && !current.data(PayloadTreeModel::ReadOnlyRole).toBool());
}

void PayloadTreeView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTreeView::currentChanged(current, previous);
    updateActions();
}

bool PayloadTreeView::edit(const QModelIndex &index, EditTrigger trigger, QEvent *event)
{
    // Only what the user did to edit (not a programmatic check) earns the explanation.
    const bool byUser = trigger != QAbstractItemView::NoEditTriggers
        && (trigger == QAbstractItemView::AllEditTriggers || (editTriggers() & trigger));
    if (m_editable && byUser && index.isValid()
        && index.siblingAtColumn(PayloadTreeModel::ValueColumn)
               .data(PayloadTreeModel::MaskedRole)
               .toBool()) {
        const QString path = index.data(PayloadTreeModel::PathRole).toString();
        emit editRefused(tr("%1 is masked by presentation options: turn masking off (View → "
                            "Presentation options…) to see or edit it.")
                             .arg(path));
        return false;
    }
    return QTreeView::edit(index, trigger, event);
}

void PayloadTreeView::fillSchemaMenu()
{
    m_schemaFields->clear();
    if (!m_schema)
        return;
    const QJsonObject payload = m_model->payload();
    for (const SchemaField &field : m_schema->fields) {
        if (payload.contains(field.name) || m_model->readOnlyKeys().contains(field.name))
            continue;
        QAction *add = m_schemaFields->addAction(tr("%1 (%2)").arg(field.name, field.type));
        add->setToolTip(field.notes);
        const QString name = field.name;
        connect(add, &QAction::triggered, this, [this, name] { addSchemaField(name); });
    }
    if (m_schemaFields->isEmpty())
        m_schemaFields->addAction(tr("Every field of the schema is here"))->setEnabled(false);
}

void PayloadTreeView::addSchemaField(const QString &name)
{
    const SchemaField *field = m_schema ? m_schema->field(name) : nullptr;
    if (!field)
        return;
    commitEditor();
    const Result<QModelIndex> added = m_model->addField({}, field->name, defaultFor(*field));
    if (!added) {
        emit editRefused(added.error().message);
        return;
    }
    beginEditing(added.value().siblingAtColumn(PayloadTreeModel::ValueColumn));
}

void PayloadTreeView::beginEditing(const QModelIndex &index)
{
    setCurrentIndex(index);
    scrollTo(index);
    setFocus();
    if (m_model->flags(index) & Qt::ItemIsEditable)
        edit(index);
}

QModelIndex PayloadTreeView::objectFor(QModelIndex index) const
{
    index = index.siblingAtColumn(PayloadTreeModel::KeyColumn);
    while (index.isValid() && typeAt(index) != QJsonValue::Object)
        index = index.parent();
    return index;
}
