#pragma once

#include <QJsonValue>
#include <QString>

#include <memory>
#include <vector>

/// One node of an edited payload: an object member, an array item or the payload itself.
/// Unlike QJsonObject it keeps its children in the order they are shown, so an undone removal
/// puts a field back in the row it came from.
struct PayloadNode
{
    QString key;                                ///< member name; empty for items and the root
    QJsonValue::Type type = QJsonValue::Null;   ///< Object and Array have children
    QJsonValue scalar;                          ///< the value of a null, bool, number or string
    std::vector<std::unique_ptr<PayloadNode>> children;
    PayloadNode *parent = nullptr;

    /// A tree for value (objects and arrays become children), named key.
    static std::unique_ptr<PayloadNode> fromJson(const QJsonValue &value,
                                                 const QString &key = QString());
    /// The value this node and its children stand for.
    QJsonValue toJson() const;
    /// True for objects and arrays.
    bool isContainer() const
    {
        return type == QJsonValue::Object || type == QJsonValue::Array;
    }
    /// The row of this node under its parent; 0 for the root.
    int row() const;
    /// Moves children (and type and scalar) of other into this node and this node's into
    /// other; keys stay. Parent pointers of the moved children are fixed.
    void swapContent(PayloadNode &other);
};
