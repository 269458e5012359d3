#include "payloadtreemodel.h"

#include "payloadcelldata.h"
#include "payloadnode.h"
#include "payloadpath.h"
#include "payloadtreecommand.h"
#include "payloadvalues.h"
#include "presentationoptions.h"

#include <QSet>
#include <QUndoStack>

namespace {

using Kind = PayloadTreeCommand::Kind;

NetError refused(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

} // namespace

PayloadTreeModel::PayloadTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(PayloadNode::fromJson(QJsonObject()))
    , m_stack(new QUndoStack(this))
{
}

PayloadTreeModel::~PayloadTreeModel()
{
    // Clearing the stack (here or in its own destructor) would report an index change to
    // listeners that may be half destroyed with this model; nothing is left to tell.
    m_stack->blockSignals(true);
    m_stack->clear();
}

void PayloadTreeModel::setPayload(const QJsonObject &payload)
{
    beginResetModel();
    m_stack->clear();
    m_original = payload;
    m_root = PayloadNode::fromJson(payload);
    m_problems.clear();
    endResetModel();
    updateModified();
}

QJsonObject PayloadTreeModel::payload() const
{
    return m_root->toJson().toObject();
}

void PayloadTreeModel::setReadOnlyKeys(const QStringList &paths)
{
    m_locks.setReadOnlyKeys(paths);
    if (!m_root->children.empty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void PayloadTreeModel::setMaskedFields(const QStringList &paths)
{
    if (paths == m_locks.maskedFields())
        return;
    m_locks.setMaskedFields(paths);
    if (!m_root->children.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

bool PayloadTreeModel::hasMaskedValues() const
{
    for (const QString &path : m_locks.maskedFields()) {
        if (indexForPath(path).isValid())
            return true;
    }
    return false;
}

void PayloadTreeModel::setProblems(const QList<PayloadProblem> &problems)
{
    QHash<QString, QString> next;
    for (const PayloadProblem &problem : problems) {
        QString &message = next[problem.path];
        message = message.isEmpty() ? problem.message
                                    : message + QLatin1Char('\n') + problem.message;
    }
    QSet<QString> touched;
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it)
        touched.insert(it.key());
    for (auto it = next.cbegin(); it != next.cend(); ++it)
        touched.insert(it.key());
    m_problems = next;
    for (const QString &path : std::as_const(touched)) {
        const QModelIndex at = indexForPath(path);
        if (at.isValid())
            emit dataChanged(at, at.siblingAtColumn(ColumnCount - 1));
    }
}

Result<QModelIndex> PayloadTreeModel::setValue(const QModelIndex &index, const QJsonValue &value)
{
    PayloadNode *node = nodeOf(index);
    if (!index.isValid())
        return refused(tr("Choose a field or an item to change."));
    return replaceNode(node, value, tr("Change %1").arg(pathOf(node)));
}

Result<QModelIndex> PayloadTreeModel::replaceNode(PayloadNode *node, const QJsonValue &value,
                                                  const QString &text)
{
    const QJsonValue old = node->toJson();
    const QJsonValue::Type type = value.isUndefined() ? QJsonValue::Null : value.type();
    if (old == value && node->type == type)
        return indexOf(node, ValueColumn);
    if (const auto why = m_locks.whyNotReplace(node, pathOf(node), value))
        return refused(*why);
    m_stack->push(new PayloadTreeCommand(this, Kind::ReplaceContent, rowsOf(node), 0,
                                         PayloadNode::fromJson(value, node->key), text));
    return indexOf(node, ValueColumn);
}

Result<QModelIndex> PayloadTreeModel::renameKey(const QModelIndex &index, const QString &key)
{
    PayloadNode *node = nodeOf(index);
    if (!index.isValid() || !node->parent || node->parent->type != QJsonValue::Object)
        return refused(tr("Only the fields of an object have names."));
    if (key == node->key)
        return indexOf(node, KeyColumn);
    if (key.isEmpty())
        return refused(tr("A field needs a name."));
    for (const auto &sibling : node->parent->children) {
        if (sibling->key == key) {
            return refused(tr("%1 already has a field named “%2”.")
                               .arg(ownerName(node->parent), key));
        }
    }
    if (const auto why = m_locks.whyNotRename(node, pathOf(node), key))
        return refused(*why);
    auto held = std::make_unique<PayloadNode>();
    held->key = key;
    m_stack->push(new PayloadTreeCommand(this, Kind::Rename, rowsOf(node), 0, std::move(held),
                                         tr("Rename %1 to %2").arg(pathOf(node), key)));
    return indexOf(node, KeyColumn);
}

Result<QModelIndex> PayloadTreeModel::changeType(const QModelIndex &index, QJsonValue::Type type)
{
    PayloadNode *node = nodeOf(index);
    if (!index.isValid() || type == QJsonValue::Undefined)
        return refused(tr("Choose a field or an item and a JSON type."));
    if (node->type == type)
        return indexOf(node, TypeColumn);
    const Result<QModelIndex> changed
        = replaceNode(node, PayloadValues::convert(node->toJson(), type),
                      tr("Make %1 %2").arg(pathOf(node), PayloadValues::typeName(type)));
    return changed ? Result<QModelIndex>(indexOf(node, TypeColumn)) : changed;
}

Result<QModelIndex> PayloadTreeModel::addField(const QModelIndex &object, const QString &key,
                                               const QJsonValue &value)
{
    PayloadNode *parent = nodeOf(object);
    if (parent->type != QJsonValue::Object)
        return refused(tr("Fields can only be added to an object."));
    if (key.isEmpty())
        return refused(tr("A field needs a name."));
    for (const auto &child : parent->children) {
        if (child->key == key) {
            return refused(
                tr("%1 already has a field named “%2”.").arg(ownerName(parent), key));
        }
    }
    if (const auto why = m_locks.whyNotAdd(parent, pathOf(parent), key, value))
        return refused(*why);
    const int row = int(parent->children.size());
    const QString text = tr("Add %1").arg(PayloadPath::member(pathOf(parent), key));
    m_stack->push(new PayloadTreeCommand(this, Kind::Insert, rowsOf(parent), row,
                                         PayloadNode::fromJson(value, key), text));
    return indexOf(parent->children.at(row).get(), KeyColumn);
}

Result<QModelIndex> PayloadTreeModel::insertItem(const QModelIndex &array, int row,
                                                 const QJsonValue &value)
{
    PayloadNode *parent = nodeOf(array);
    if (!array.isValid() || parent->type != QJsonValue::Array)
        return refused(tr("Items can only be added to a list."));
    if (row < 0 || row > int(parent->children.size()))
        return refused(tr("%1 has no position %2.").arg(pathOf(parent)).arg(row));
    if (const auto why = m_locks.whyNotAdd(parent, pathOf(parent), QString(), value))
        return refused(*why);
    const QString text = tr("Add %1").arg(PayloadPath::item(pathOf(parent), row));
    m_stack->push(new PayloadTreeCommand(this, Kind::Insert, rowsOf(parent), row,
                                         PayloadNode::fromJson(value), text));
    return indexOf(parent->children.at(row).get(), ValueColumn);
}

Result<QJsonValue> PayloadTreeModel::remove(const QModelIndex &index)
{
    PayloadNode *node = nodeOf(index);
    if (!index.isValid() || !node->parent)
        return refused(tr("Choose a field or an item to remove."));
    const QJsonValue value = node->toJson();
    if (const auto why = m_locks.whyNotRemove(node, pathOf(node)))
        return refused(*why);
    PayloadNode *parent = node->parent;
    m_stack->push(new PayloadTreeCommand(this, Kind::Remove, rowsOf(parent), node->row(),
                                         nullptr, tr("Remove %1").arg(pathOf(node))));
    return value;
}

Result<QJsonObject> PayloadTreeModel::replacePayload(const QJsonObject &payload,
                                                     const QString &text)
{
    const QJsonValue current = m_root->toJson();
    if (const auto why = m_locks.whyNotReplacePayload(current.toObject(), payload))
        return refused(*why);
    if (current != QJsonValue(payload)) {
        m_stack->push(new PayloadTreeCommand(this, Kind::ReplaceContent, {}, 0,
                                             PayloadNode::fromJson(payload), text));
    }
    return payload;
}

QString PayloadTreeModel::uniqueKey(const QModelIndex &object, const QString &base) const
{
    QSet<QString> taken;
    for (const auto &child : nodeOf(object)->children)
        taken.insert(child->key);
    QString key = base;
    for (int n = 2; taken.contains(key); ++n)
        key = base + QLatin1Char('_') + QString::number(n);
    return key;
}

QModelIndex PayloadTreeModel::indexForPath(const QString &path) const
{
    const PayloadNode *node = m_root.get();
    QString prefix;
    while (prefix != path) {
        const PayloadNode *next = nullptr;
        for (int row = 0; row < int(node->children.size()) && !next; ++row) {
            const PayloadNode *child = node->children.at(row).get();
            const QString childPath = node->type == QJsonValue::Array
                ? PayloadPath::item(prefix, row)
                : PayloadPath::member(prefix, child->key);
            const bool leads = path.startsWith(childPath)
                && (path.size() == childPath.size() || path.at(childPath.size()) == u'.'
                    || path.at(childPath.size()) == u'[');
            if (leads) {
                next = child;
                prefix = childPath;
            }
        }
        if (!next)
            return {};
        node = next;
    }
    return indexOf(node, KeyColumn);
}

QModelIndex PayloadTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || parent.column() > 0)
        return {};
    const PayloadNode *node = nodeOf(parent);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children.at(row).get());
}

QModelIndex PayloadTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent, KeyColumn);
}

int PayloadTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int PayloadTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PayloadTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const PayloadNode *node = nodeOf(index);
    switch (role) {
    case JsonValueRole: return QVariant::fromValue(node->toJson());
    case JsonTypeRole: return int(node->type);
    case PathRole: return pathOf(node);
    case ReadOnlyRole:
        return m_locks.lockOf(node) != Lock::None;
    case MaskedRole: return m_locks.isMasked(node);
    case ProblemRole: {
        const QString problem = m_problems.value(pathOf(node));
        if (!problem.isEmpty() && m_locks.isMasked(node)) // the message may quote the value
            return tr("The masked value has a problem: turn masking off to see it.");
        return problem.isEmpty() ? QVariant() : QVariant(problem);
    }
    case Qt::ToolTipRole: {
        if (m_locks.isMasked(node)) {
            return tr("Masked by presentation options: turn masking off (View → "
                      "Presentation options…) to see or edit it.");
        }
        const QString problem = m_problems.value(pathOf(node));
        if (!problem.isEmpty())
            return problem;
        if (m_locks.isReadOnly(node))
            return tr("Read-only here: this key keeps the point in its tenant.");
        if (index.column() == ValueColumn && node->type == QJsonValue::String)
            return node->scalar.toString();
        return {};
    }
    default: break;
    }
    switch (index.column()) {
    case KeyColumn:
        return PayloadCellData::key(node, role);
    case ValueColumn:
        if (m_locks.isMasked(node) && role != RawValueRole) // no editor ever gets the value
            return role == Qt::DisplayRole ? QVariant(PresentationOptions::maskText())
                                           : QVariant();
        return PayloadCellData::value(node, role);
    case TypeColumn:
        return PayloadCellData::type(node, role);
    default:
        return {};
    }
}

bool PayloadTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid())
        return false;
    Result<QModelIndex> result = refused(tr("This cell cannot be edited."));
    if (role == JsonValueRole) {
        result = setValue(index, value.value<QJsonValue>());
    } else if (role == Qt::EditRole) {
        switch (index.column()) {
        case KeyColumn:
            result = renameKey(index, value.toString());
            break;
        case ValueColumn: {
            const Result<QJsonValue> parsed
                = PayloadValues::fromEdit(nodeOf(index)->type, value, pathOf(nodeOf(index)));
            result = parsed ? setValue(index, parsed.value()) : parsed.error();
            break;
        }
        case TypeColumn:
            result = changeType(index, PayloadValues::typeFromName(value.toString()));
            break;
        default:
            break;
        }
    } else {
        return false;
    }
    if (!result) {
        emit editRefused(result.error().message);
        return false;
    }
    return true;
}

Qt::ItemFlags PayloadTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const PayloadNode *node = nodeOf(index);
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (!node->isContainer())
        flags |= Qt::ItemNeverHasChildren;
    const Lock lock = m_locks.lockOf(node);
    if (lock == Lock::Locked)
        return flags;
    switch (index.column()) {
    case KeyColumn:
        if (lock == Lock::None && node->parent && node->parent->type == QJsonValue::Object)
            flags |= Qt::ItemIsEditable;
        break;
    case ValueColumn:
        if (!node->isContainer() || PayloadCellData::isStringList(node))
            flags |= Qt::ItemIsEditable;
        break;
    case TypeColumn:
        if (lock == Lock::None)
            flags |= Qt::ItemIsEditable;
        break;
    default:
        break;
    }
    return flags;
}

QVariant PayloadTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Field");
    case ValueColumn: return tr("Value");
    case TypeColumn: return tr("Type");
    default: return {};
    }
}

PayloadNode *PayloadTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<PayloadNode *>(index.internalPointer()) : m_root.get();
}

QModelIndex PayloadTreeModel::indexOf(const PayloadNode *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<PayloadNode *>(node));
}

QString PayloadTreeModel::pathOf(const PayloadNode *node) const
{
    if (!node || !node->parent)
        return QString();
    const QString parent = pathOf(node->parent);
    return node->parent->type == QJsonValue::Array ? PayloadPath::item(parent, node->row())
                                                   : PayloadPath::member(parent, node->key);
}

QString PayloadTreeModel::ownerName(const PayloadNode *object) const
{
    return object == m_root.get() ? tr("The payload") : pathOf(object);
}

void PayloadTreeModel::updateModified()
{
    const bool modified = payload() != m_original;
    if (modified == m_modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

QList<int> PayloadTreeModel::rowsOf(const PayloadNode *node) const
{
    QList<int> rows;
    for (; node && node->parent; node = node->parent)
        rows.prepend(node->row());
    return rows;
}

PayloadNode *PayloadTreeModel::nodeAt(const QList<int> &rows) const
{
    PayloadNode *node = m_root.get();
    for (const int row : rows)
        node = node->children.at(row).get();
    return node;
}

void PayloadTreeModel::swapContent(PayloadNode *node, PayloadNode &other)
{
    if (node == m_root.get()) {
        beginResetModel();
        node->swapContent(other);
        endResetModel();
        return;
    }
    // Rows go and come in two steps so that views and proxies see a consistent tree.
    const QModelIndex at = indexOf(node, KeyColumn);
    std::vector<std::unique_ptr<PayloadNode>> incoming;
    incoming.swap(other.children);
    if (!node->children.empty()) {
        beginRemoveRows(at, 0, int(node->children.size()) - 1);
        other.children.swap(node->children);
        for (const auto &child : other.children)
            child->parent = &other;
        endRemoveRows();
    }
    std::swap(node->type, other.type);
    std::swap(node->scalar, other.scalar);
    if (!incoming.empty()) {
        beginInsertRows(at, 0, int(incoming.size()) - 1);
        node->children = std::move(incoming);
        for (const auto &child : node->children)
            child->parent = node;
        endInsertRows();
    }
    emit dataChanged(at, at.siblingAtColumn(ColumnCount - 1));
}

void PayloadTreeModel::swapKey(PayloadNode *node, QString &key)
{
    std::swap(node->key, key);
    const QModelIndex at = indexOf(node, KeyColumn);
    emit dataChanged(at, at.siblingAtColumn(ColumnCount - 1));
}

void PayloadTreeModel::insertNode(PayloadNode *parent, int row, std::unique_ptr<PayloadNode> node)
{
    beginInsertRows(indexOf(parent), row, row);
    node->parent = parent;
    parent->children.insert(parent->children.begin() + row, std::move(node));
    endInsertRows();
    const QModelIndex at = indexOf(parent, ValueColumn);
    if (at.isValid())
        emit dataChanged(at, at);
}

std::unique_ptr<PayloadNode> PayloadTreeModel::takeNode(PayloadNode *parent, int row)
{
    beginRemoveRows(indexOf(parent), row, row);
    std::unique_ptr<PayloadNode> node = std::move(parent->children.at(row));
    parent->children.erase(parent->children.begin() + row);
    node->parent = nullptr;
    endRemoveRows();
    const QModelIndex at = indexOf(parent, ValueColumn);
    if (at.isValid())
        emit dataChanged(at, at);
    return node;
}
