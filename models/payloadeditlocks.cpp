#include "payloadeditlocks.h"

#include "payloadnode.h"

#include <algorithm>

namespace {

const QJsonValue kAbsent(QJsonValue::Undefined);

} // namespace

bool PayloadEditLocks::isReadOnly(const PayloadNode *node) const
{
    return m_readOnly.lockOf(node) == Lock::Locked;
}

bool PayloadEditLocks::isMasked(const PayloadNode *node) const
{
    return m_masked.lockOf(node) == Lock::Locked;
}

PayloadEditLocks::Lock PayloadEditLocks::lockOf(const PayloadNode *node) const
{
    return std::max(m_readOnly.lockOf(node), m_masked.lockOf(node));
}

std::optional<QString> PayloadEditLocks::whyNotReplace(const PayloadNode *node,
                                                       const QString &path,
                                                       const QJsonValue &value) const
{
    if (isReadOnly(node))
        return tr("%1 is read-only here.").arg(path);
    if (auto masked = masking(node, path, value))
        return masked;
    if (const auto keys = PayloadReadOnlyKeys::keyPathOf(node)) {
        const QString key = m_readOnly.changedKey(*keys, node->toJson(), value);
        if (!key.isEmpty())
            return tr("%1 is read-only here: it cannot be changed or removed.").arg(key);
    }
    return std::nullopt;
}

std::optional<QString> PayloadEditLocks::whyNotRename(const PayloadNode *node,
                                                      const QString &path,
                                                      const QString &key) const
{
    if (m_readOnly.lockOf(node) != Lock::None)
        return tr("%1 is read-only here: it cannot be renamed.").arg(path);
    if (auto masked = masking(node, path, kAbsent))
        return masked;
    if (const auto keys = PayloadReadOnlyKeys::keyPathOf(node->parent)) {
        return newKey(*keys + QStringList{key}, node->toJson(),
                      tr("%1 is read-only here: no field may take its place."));
    }
    return std::nullopt;
}

std::optional<QString> PayloadEditLocks::whyNotAdd(const PayloadNode *parent,
                                                   const QString &parentPath,
                                                   const QString &key,
                                                   const QJsonValue &value) const
{
    if (isReadOnly(parent))
        return tr("%1 is read-only here.").arg(parentPath);
    if (isMasked(parent))
        return maskedText(parentPath);
    if (key.isEmpty())
        return std::nullopt;
    if (const auto keys = PayloadReadOnlyKeys::keyPathOf(parent)) {
        return newKey(*keys + QStringList{key}, value,
                      tr("%1 is read-only here: it cannot be added."));
    }
    return std::nullopt;
}

std::optional<QString> PayloadEditLocks::whyNotRemove(const PayloadNode *node,
                                                      const QString &path) const
{
    if (m_readOnly.lockOf(node) != Lock::None)
        return tr("%1 is read-only here: it cannot be removed.").arg(path);
    return masking(node, path, kAbsent);
}

std::optional<QString> PayloadEditLocks::whyNotReplacePayload(const QJsonObject &current,
                                                              const QJsonObject &payload) const
{
    const QString key = m_readOnly.changedKey({}, current, payload);
    if (!key.isEmpty())
        return tr("%1 is read-only here: it cannot be changed or removed.").arg(key);
    return std::nullopt;
}

std::optional<QString> PayloadEditLocks::masking(const PayloadNode *node, const QString &path,
                                                 const QJsonValue &newValue) const
{
    if (isMasked(node))
        return maskedText(path);
    if (const auto keys = PayloadReadOnlyKeys::keyPathOf(node)) {
        const QString masked = m_masked.changedKey(*keys, node->toJson(), newValue);
        if (!masked.isEmpty())
            return maskedText(masked);
    }
    return std::nullopt;
}

std::optional<QString> PayloadEditLocks::newKey(const QStringList &keys, const QJsonValue &value,
                                                const QString &readOnlyText) const
{
    const QString reserved = m_readOnly.changedKey(keys, kAbsent, value);
    if (!reserved.isEmpty())
        return readOnlyText.arg(reserved);
    // A field made under a masked name would be hidden and locked as soon as it exists.
    const QString masked = m_masked.changedKey(keys, kAbsent, value);
    if (!masked.isEmpty())
        return maskedText(masked);
    return std::nullopt;
}

QString PayloadEditLocks::maskedText(const QString &path)
{
    return tr("%1 is masked by presentation options: turn masking off (View → "
              "Presentation options…) to see or change it.")
        .arg(path);
}
