#pragma once

#include "payloadeditlocks.h"
#include "payloadproblem.h"
#include "result.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <memory>

class QUndoStack;
class PayloadTreeCommand;
struct PayloadNode;

/// An editable tree over a point's payload (nested objects and arrays) with the columns key,
/// value and type. It edits a copy: every change is a QUndoCommand on undoStack(), so undo
/// and redo restore the tree exactly (values, types and rows), and payload() is what the
/// user has made of it. Read-only keys (the tenant key of a scope) cannot be changed,
/// renamed or removed, nor can the objects that lead to them. Masked fields (presentation
/// options, for demos) show PresentationOptions::maskText() and are locked the same way while
/// masked, so a value nobody can see is never changed by accident; payload() keeps them.
class PayloadTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, ///< for sorting: key or item index, scalar, or size
        JsonValueRole,                   ///< the node as a QJsonValue (set: replace it)
        JsonTypeRole,                    ///< QJsonValue::Type as int
        PathRole,                        ///< the PayloadPath of the node
        ReadOnlyRole,                    ///< bool: a read-only key or on the way to one
        ProblemRole,                     ///< the validation message at this node, if any
        MaskedRole,                      ///< bool: shown masked (PresentationOptions)
    };

    explicit PayloadTreeModel(QObject *parent = nullptr);
    ~PayloadTreeModel() override;

    /// Starts editing a copy of payload; clears the undo stack.
    void setPayload(const QJsonObject &payload);
    /// The payload as edited.
    QJsonObject payload() const;
    /// The payload as last given to setPayload().
    QJsonObject originalPayload() const { return m_original; }
    /// True when payload() differs from originalPayload().
    bool isModified() const { return m_modified; }
    /// The stack every edit goes through; owned by the model.
    QUndoStack *undoStack() const { return m_stack; }

    /// Keys (PayloadPaths of object members, e.g. the scope's tenant key) that must not be
    /// changed, renamed or removed, nor created by an edit.
    void setReadOnlyKeys(const QStringList &paths);
    /// The read-only keys as given.
    QStringList readOnlyKeys() const { return m_locks.readOnlyKeys(); }
    /// Masks these payload fields (PayloadPaths of object members) in what is shown, and
    /// locks them against edits while they are masked; the payload is unchanged.
    void setMaskedFields(const QStringList &paths);
    /// The masked fields as given.
    QStringList maskedFields() const { return m_locks.maskedFields(); }
    /// True when the payload as edited holds a value of a masked field.
    bool hasMaskedValues() const;
    /// Shows problems (from PayloadValidator) on the nodes at their paths (ProblemRole).
    void setProblems(const QList<PayloadProblem> &problems);

    /// Replaces the value of a node (any type, containers too) as one undoable step.
    Result<QModelIndex> setValue(const QModelIndex &index, const QJsonValue &value);
    /// Renames an object member; refuses an empty name and one its object already has.
    Result<QModelIndex> renameKey(const QModelIndex &index, const QString &key);
    /// Converts a node to another JSON type, keeping what can be kept ("42" → 42, 7 → [7]).
    Result<QModelIndex> changeType(const QModelIndex &index, QJsonValue::Type type);
    /// Adds a member at the end of the object at index (invalid: the payload itself).
    Result<QModelIndex> addField(const QModelIndex &object, const QString &key,
                                 const QJsonValue &value);
    /// Inserts an item into the array at index before row (row = size: appends).
    Result<QModelIndex> insertItem(const QModelIndex &array, int row, const QJsonValue &value);
    /// Removes a member or an item; returns what was removed.
    Result<QJsonValue> remove(const QModelIndex &index);
    /// Replaces the whole payload as one undoable step named text (raw-JSON edits, revert);
    /// refuses a payload that changes a read-only key.
    Result<QJsonObject> replacePayload(const QJsonObject &payload, const QString &text);

    /// A member name not yet used in the object at index: base, base_2, base_3, ...
    QString uniqueKey(const QModelIndex &object, const QString &base) const;
    /// The node a PayloadPath names, or an invalid index (column KeyColumn).
    QModelIndex indexForPath(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    /// isModified() changed.
    void modifiedChanged(bool modified);
    /// An edit through setData() was refused; message says why.
    void editRefused(const QString &message);

private:
    friend class PayloadTreeCommand;
    using Lock = PayloadEditLocks::Lock;

    PayloadNode *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const PayloadNode *node, int column = KeyColumn) const;
    QString pathOf(const PayloadNode *node) const;
    QString ownerName(const PayloadNode *object) const;
    Result<QModelIndex> replaceNode(PayloadNode *node, const QJsonValue &value,
                                    const QString &text);
    void updateModified();

    // The primitives the commands call; each emits the model's signals.
    QList<int> rowsOf(const PayloadNode *node) const;
    PayloadNode *nodeAt(const QList<int> &rows) const;
    void swapContent(PayloadNode *node, PayloadNode &other);
    void swapKey(PayloadNode *node, QString &key);
    void insertNode(PayloadNode *parent, int row, std::unique_ptr<PayloadNode> node);
    std::unique_ptr<PayloadNode> takeNode(PayloadNode *parent, int row);

    std::unique_ptr<PayloadNode> m_root;
    QJsonObject m_original;
    QUndoStack *m_stack;
    PayloadEditLocks m_locks;
    QHash<QString, QString> m_problems;
    bool m_modified = false;
};
