#pragma once

#include "payloadreadonlykeys.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

struct PayloadNode;

/// What the payload editor's edits may not touch, and why: the read-only keys (the scope's
/// tenant key) and the fields masked by presentation options, which are locked while they
/// are masked. Each whyNot… answers one kind of edit with the message to show, or nullopt
/// when the edit may go ahead. Paths are the nodes' PayloadPaths, given by the model.
class PayloadEditLocks final
{
    Q_DECLARE_TR_FUNCTIONS(PayloadEditLocks)

public:
    using Lock = PayloadReadOnlyKeys::Lock;

    void setReadOnlyKeys(const QStringList &paths) { m_readOnly.setPaths(paths); }
    QStringList readOnlyKeys() const { return m_readOnly.paths(); }
    void setMaskedFields(const QStringList &paths) { m_masked.setPaths(paths); }
    QStringList maskedFields() const { return m_masked.paths(); }

    /// The node is a read-only key or inside one.
    bool isReadOnly(const PayloadNode *node) const;
    /// The node is a masked field or inside one.
    bool isMasked(const PayloadNode *node) const;
    /// The stronger of the two locks on node.
    Lock lockOf(const PayloadNode *node) const;

    /// Replacing node's value (or type) with value.
    std::optional<QString> whyNotReplace(const PayloadNode *node, const QString &path,
                                         const QJsonValue &value) const;
    /// Renaming the object member node to key.
    std::optional<QString> whyNotRename(const PayloadNode *node, const QString &path,
                                        const QString &key) const;
    /// Adding value to the container parent: as member key of an object, or (key empty) as
    /// an item of an array.
    std::optional<QString> whyNotAdd(const PayloadNode *parent, const QString &parentPath,
                                     const QString &key, const QJsonValue &value) const;
    /// Removing node.
    std::optional<QString> whyNotRemove(const PayloadNode *node, const QString &path) const;
    /// Replacing the whole payload current with payload (raw JSON, revert): only read-only
    /// keys count, since a revert only brings stored values back.
    std::optional<QString> whyNotReplacePayload(const QJsonObject &current,
                                                const QJsonObject &payload) const;

private:
    /// Why masking refuses to let newValue replace node (Undefined: remove or rename it).
    std::optional<QString> masking(const PayloadNode *node, const QString &path,
                                   const QJsonValue &newValue) const;
    /// Why value may not appear at the object keys `keys` (a member added or renamed to
    /// there): a read-only key (readOnlyText, with %1 for it) or a masked one.
    std::optional<QString> newKey(const QStringList &keys, const QJsonValue &value,
                                  const QString &readOnlyText) const;
    static QString maskedText(const QString &path);

    PayloadReadOnlyKeys m_readOnly;
    PayloadReadOnlyKeys m_masked; ///< locks the masked fields as read-only keys are locked
};
