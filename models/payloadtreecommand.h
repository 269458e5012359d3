#pragma once

#include <QList>
#include <QUndoCommand>

#include <memory>

class PayloadTreeModel;
struct PayloadNode;

/// One edit of a PayloadTreeModel. Each kind is its own inverse up to a swap: the command
/// holds what is not in the tree (the new content before redo, the old one after), so undo
/// and redo move nodes back and forth and restore them exactly. The target is a list of rows
/// from the root, valid because the stack replays edits in order.
class PayloadTreeCommand final : public QUndoCommand
{
public:
    enum class Kind {
        ReplaceContent, ///< target: the node; held: its other type, scalar and children
        Rename,         ///< target: the node; held->key: its other key
        Insert,         ///< target: the parent; held: the node to insert at row
        Remove,         ///< target: the parent; the node at row is held while removed
    };

    /// An edit of model; held is the new content (ReplaceContent, Rename, Insert) or null.
    PayloadTreeCommand(PayloadTreeModel *model, Kind kind, QList<int> target, int row,
                       std::unique_ptr<PayloadNode> held, const QString &text);
    ~PayloadTreeCommand() override;

    /// Applies the edit.
    void redo() override;
    /// Takes the edit back.
    void undo() override;

private:
    void swap();
    void insert();
    void take();

    PayloadTreeModel *m_model;
    Kind m_kind;
    QList<int> m_target;
    int m_row;
    std::unique_ptr<PayloadNode> m_held;
};
