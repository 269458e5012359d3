#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

/// One difference between two payloads, at a PayloadPath.
struct PayloadChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path;
    QJsonValue oldValue; ///< Undefined when Added
    QJsonValue newValue; ///< Undefined when Removed

    friend bool operator==(const PayloadChange &a, const PayloadChange &b)
    {
        return a.kind == b.kind && a.path == b.path && a.oldValue == b.oldValue
            && a.newValue == b.newValue;
    }
};

/// What each of Qdrant's two payload writes would send to turn the stored payload into the
/// edited one.
struct PayloadWritePlan
{
    QJsonObject setPayload;     ///< set_payload body: the top-level keys added or changed
    QStringList deleteKeys;     ///< delete_payload keys (paths, quoted where needed): removed
    QJsonObject overwritePayload; ///< overwrite_payload body: the whole edited payload
};

/// The difference between a stored payload and its edited copy: for the diff preview before
/// a save, and for choosing between set_payload (merge) and overwrite_payload (replace).
class PayloadDiff final
{
    Q_DECLARE_TR_FUNCTIONS(PayloadDiff)

public:
    /// The changes that turn before into after, depth first in key order. Objects are
    /// compared key by key, lists item by item (by position); a value that changes type is
    /// one change.
    static PayloadDiff between(const QJsonObject &before, const QJsonObject &after);

    /// The changes, in order.
    const QList<PayloadChange> &changes() const { return m_changes; }
    /// True when before and after are the same.
    bool isEmpty() const { return m_changes.isEmpty(); }
    /// How many changes are of kind.
    qsizetype count(PayloadChange::Kind kind) const;
    /// One line per change: "+ path: new", "- path: old", "~ path: old → new" (values as JSON).
    QString text() const;
    /// What set_payload (with delete_payload for removed keys) and overwrite_payload would send.
    PayloadWritePlan writePlan() const;

private:
    QJsonObject m_before;
    QJsonObject m_after;
    QList<PayloadChange> m_changes;
};
