#include "payloadreadonlykeys.h"

#include "payloadnode.h"
#include "payloadpath.h"

#include <QJsonObject>

namespace {

// The value at the object keys inside value; Undefined when it is not there.
QJsonValue valueAt(QJsonValue value, const QStringList &keys)
{
    for (const QString &key : keys) {
        if (!value.isObject())
            return QJsonValue(QJsonValue::Undefined);
        value = value.toObject().value(key);
    }
    return value;
}

bool startsWith(const QStringList &list, const QStringList &prefix)
{
    return prefix.size() <= list.size() && list.mid(0, prefix.size()) == prefix;
}

} // namespace

void PayloadReadOnlyKeys::setPaths(const QStringList &paths)
{
    m_given = paths;
    m_paths.clear();
    for (const QString &path : paths) {
        if (const std::optional<QStringList> keys = PayloadPath::keys(path))
            m_paths.append(*keys);
    }
}

PayloadReadOnlyKeys::Lock PayloadReadOnlyKeys::lockOf(const PayloadNode *node) const
{
    if (m_paths.isEmpty() || !node || !node->parent)
        return Lock::None;
    // Below an array item the nearest keyed ancestor decides: inside a read-only value all
    // is read-only, elsewhere nothing (read-only keys have no array steps).
    const PayloadNode *keyed = node;
    while (keyed && !keyPathOf(keyed))
        keyed = keyed->parent;
    const QStringList keys = keyPathOf(keyed).value_or(QStringList());
    for (const QStringList &path : m_paths) {
        if (!keys.isEmpty() && startsWith(keys, path))
            return Lock::Locked;
    }
    if (keyed != node)
        return Lock::None;
    for (const QStringList &path : m_paths) {
        if (path.size() > keys.size() && startsWith(path, keys))
            return Lock::OnTheWay;
    }
    return Lock::None;
}

QString PayloadReadOnlyKeys::changedKey(const QStringList &at, const QJsonValue &oldValue,
                                        const QJsonValue &newValue) const
{
    for (const QStringList &path : m_paths) {
        bool changed = false;
        if (startsWith(at, path))
            changed = oldValue != newValue; // at or inside the read-only value
        else if (startsWith(path, at))
            changed = valueAt(oldValue, path.mid(at.size()))
                != valueAt(newValue, path.mid(at.size()));
        if (changed) {
            QString text;
            for (const QString &key : path)
                text = PayloadPath::member(text, key);
            return text;
        }
    }
    return QString();
}

std::optional<QStringList> PayloadReadOnlyKeys::keyPathOf(const PayloadNode *node)
{
    QStringList keys;
    for (; node && node->parent; node = node->parent) {
        if (node->parent->type != QJsonValue::Object)
            return std::nullopt;
        keys.prepend(node->key);
    }
    return keys;
}
