#pragma once

#include <QCoreApplication>
#include <QVariant>

struct PayloadNode;

/// What PayloadTreeModel shows of one node in each of its columns, per role: the text of a
/// cell, the value its editor starts from, and the raw value views sort on. What depends on
/// the model's state (problems, read-only keys, paths) stays in the model.
class PayloadCellData final
{
    Q_DECLARE_TR_FUNCTIONS(PayloadTreeModel)

public:
    /// The key column: a member's name; an item's position only as its raw value.
    static QVariant key(const PayloadNode *node, int role);
    /// The value column: one line of text, the editor's value, the raw value to sort on.
    static QVariant value(const PayloadNode *node, int role);
    /// The type column: the JSON type's name (translated for display).
    static QVariant type(const PayloadNode *node, int role);
    /// A list of plain strings, which is edited in one line, comma-separated.
    static bool isStringList(const PayloadNode *node);
    /// An item of an array (its position is not its data).
    static bool isItem(const PayloadNode *node);
};
