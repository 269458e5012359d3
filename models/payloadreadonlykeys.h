#pragma once

#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <optional>

struct PayloadNode;

/// The keys of a payload that an edit must leave as they are (the tenant key of a scope):
/// which nodes they lock, and whether a change would touch one.
class PayloadReadOnlyKeys final
{
public:
    enum class Lock {
        None,     ///< free to edit
        OnTheWay, ///< an object on the path to a read-only key: its other members are free
        Locked,   ///< a read-only key or inside one
    };

    /// Sets the keys as PayloadPaths of object members; other paths are ignored.
    void setPaths(const QStringList &paths);
    /// The keys as given.
    QStringList paths() const { return m_given; }
    /// How far node is locked.
    Lock lockOf(const PayloadNode *node) const;
    /// The read-only key (as a path) that writing newValue in place of oldValue at the object
    /// keys `at` would change, create or remove; empty when none would be.
    QString changedKey(const QStringList &at, const QJsonValue &oldValue,
                       const QJsonValue &newValue) const;
    /// The object keys from the root to node; nullopt below an array item.
    static std::optional<QStringList> keyPathOf(const PayloadNode *node);

private:
    QStringList m_given;
    QList<QStringList> m_paths;
};
