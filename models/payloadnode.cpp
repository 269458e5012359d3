#include "payloadnode.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

std::unique_ptr<PayloadNode> PayloadNode::fromJson(const QJsonValue &value, const QString &key)
{
    auto node = std::make_unique<PayloadNode>();
    node->key = key;
    node->type = value.type() == QJsonValue::Undefined ? QJsonValue::Null : value.type();
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        node->children.reserve(object.size());
        for (auto it = object.begin(); it != object.end(); ++it) {
            node->children.push_back(fromJson(it.value(), it.key()));
            node->children.back()->parent = node.get();
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        node->children.reserve(array.size());
        for (const QJsonValue &item : array) {
            node->children.push_back(fromJson(item));
            node->children.back()->parent = node.get();
        }
    } else if (node->type != QJsonValue::Null) {
        node->scalar = value;
    }
    return node;
}

QJsonValue PayloadNode::toJson() const
{
    if (type == QJsonValue::Object) {
        QJsonObject object;
        for (const auto &child : children)
            object.insert(child->key, child->toJson());
        return object;
    }
    if (type == QJsonValue::Array) {
        QJsonArray array;
        for (const auto &child : children)
            array.append(child->toJson());
        return array;
    }
    return type == QJsonValue::Null ? QJsonValue(QJsonValue::Null) : scalar;
}

int PayloadNode::row() const
{
    if (!parent)
        return 0;
    const auto &siblings = parent->children;
    const auto it = std::find_if(siblings.begin(), siblings.end(),
                                 [this](const auto &child) { return child.get() == this; });
    return int(it - siblings.begin());
}

void PayloadNode::swapContent(PayloadNode &other)
{
    std::swap(type, other.type);
    std::swap(scalar, other.scalar);
    children.swap(other.children);
    for (const auto &child : children)
        child->parent = this;
    for (const auto &child : other.children)
        child->parent = &other;
}
