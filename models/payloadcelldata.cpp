#include "payloadcelldata.h"

#include "payloadnode.h"
#include "payloadtreemodel.h"
#include "payloadvalues.h"

#include <QStringList>

bool PayloadCellData::isStringList(const PayloadNode *node)
{
    if (node->type != QJsonValue::Array)
        return false;
    for (const auto &child : node->children) {
        if (child->type != QJsonValue::String)
            return false;
        const QString text = child->scalar.toString();
        if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('\n')))
            return false;
    }
    return true;
}

bool PayloadCellData::isItem(const PayloadNode *node)
{
    return node->parent && node->parent->type == QJsonValue::Array;
}

QVariant PayloadCellData::key(const PayloadNode *node, int role)
{
    // An item's position is not its data: views show it from RawValueRole, so inserting an
    // item does not change what the items after it hold.
    if (role == Qt::DisplayRole)
        return isItem(node) ? QVariant() : QVariant(node->key);
    if (role == Qt::EditRole)
        return node->key;
    if (role == PayloadTreeModel::RawValueRole)
        return isItem(node) ? QVariant(node->row()) : QVariant(node->key);
    return {};
}

QVariant PayloadCellData::value(const PayloadNode *node, int role)
{
    const int size = int(node->children.size());
    switch (role) {
    case Qt::DisplayRole:
        if (node->type == QJsonValue::Object)
            return size == 1 ? tr("{1 field}") : tr("{%1 fields}").arg(size);
        if (node->type == QJsonValue::Array)
            return size == 1 ? tr("[1 item]") : tr("[%1 items]").arg(size);
        if (node->type == QJsonValue::String) {
            // One line per row: the whole text is in the tooltip and the editor.
            QString text = node->scalar.toString();
            return text.replace(QLatin1Char('\n'), QStringLiteral(" ↵ "));
        }
        return PayloadValues::jsonText(node->toJson());
    case Qt::EditRole:
        if (node->type == QJsonValue::Null)
            return QStringLiteral("null"); // reads back as null when left as it is
        if (isStringList(node)) {
            QStringList items;
            for (const auto &child : node->children)
                items.append(child->scalar.toString());
            return items;
        }
        return node->isContainer() ? QVariant() : node->scalar.toVariant();
    case PayloadTreeModel::RawValueRole:
        if (node->type == QJsonValue::Double)
            return node->scalar.toDouble(); // one numeric type, so 9 sorts before 10.5
        return node->isContainer() ? QVariant(size) : node->scalar.toVariant();
    default:
        return {};
    }
}

QVariant PayloadCellData::type(const PayloadNode *node, int role)
{
    if (role == Qt::EditRole || role == PayloadTreeModel::RawValueRole)
        return PayloadValues::typeName(node->type);
    if (role == Qt::DisplayRole) {
        switch (node->type) {
        case QJsonValue::Null:
            return tr("null");
        case QJsonValue::Bool:
            return tr("boolean");
        case QJsonValue::Double:
            return tr("number");
        case QJsonValue::String:
            return tr("string");
        case QJsonValue::Array:
            return tr("array");
        case QJsonValue::Object:
            return tr("object");
        case QJsonValue::Undefined:
            break;
        }
    }
    return {};
}
