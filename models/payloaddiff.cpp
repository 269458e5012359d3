#include "payloaddiff.h"

#include "payloadpath.h"
#include "payloadvalues.h"

#include <QJsonArray>
#include <QSet>

namespace {

void compare(const QJsonValue &before, const QJsonValue &after, const QString &path,
             QList<PayloadChange> &changes)
{
    using Kind = PayloadChange::Kind;
    if (before.isObject() && after.isObject()) {
        const QJsonObject a = before.toObject();
        const QJsonObject b = after.toObject();
        // Keys of both, in QJsonObject's (sorted) order, so the diff reads like the payload.
        QStringList keys = a.keys();
        for (const QString &key : b.keys()) {
            if (!a.contains(key))
                keys.append(key);
        }
        std::sort(keys.begin(), keys.end());
        for (const QString &key : std::as_const(keys)) {
            const QString at = PayloadPath::member(path, key);
            if (!b.contains(key))
                changes.append({Kind::Removed, at, a.value(key), QJsonValue::Undefined});
            else if (!a.contains(key))
                changes.append({Kind::Added, at, QJsonValue::Undefined, b.value(key)});
            else
                compare(a.value(key), b.value(key), at, changes);
        }
        return;
    }
    if (before.isArray() && after.isArray()) {
        const QJsonArray a = before.toArray();
        const QJsonArray b = after.toArray();
        for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
            const QString at = PayloadPath::item(path, i);
            if (i >= b.size())
                changes.append({Kind::Removed, at, a.at(i), QJsonValue::Undefined});
            else if (i >= a.size())
                changes.append({Kind::Added, at, QJsonValue::Undefined, b.at(i)});
            else
                compare(a.at(i), b.at(i), at, changes);
        }
        return;
    }
    // 1 and 1.0 are the same JSON number, but "1" and 1 are not the same value.
    if (before.type() != after.type() || before != after)
        changes.append({Kind::Changed, path, before, after});
}

} // namespace

PayloadDiff PayloadDiff::between(const QJsonObject &before, const QJsonObject &after)
{
    PayloadDiff diff;
    diff.m_before = before;
    diff.m_after = after;
    compare(before, after, QString(), diff.m_changes);
    return diff;
}

qsizetype PayloadDiff::count(PayloadChange::Kind kind) const
{
    return std::count_if(m_changes.begin(), m_changes.end(),
                         [kind](const PayloadChange &change) { return change.kind == kind; });
}

QString PayloadDiff::text() const
{
    QStringList lines;
    for (const PayloadChange &change : m_changes) {
        const QString before = PayloadValues::jsonText(change.oldValue);
        const QString after = PayloadValues::jsonText(change.newValue);
        switch (change.kind) {
        case PayloadChange::Kind::Added:
            lines.append(QStringLiteral("+ ") + change.path + QStringLiteral(": ") + after);
            break;
        case PayloadChange::Kind::Removed:
            lines.append(QStringLiteral("- ") + change.path + QStringLiteral(": ") + before);
            break;
        case PayloadChange::Kind::Changed:
            lines.append(QStringLiteral("~ ") + change.path + QStringLiteral(": ") + before
                         + QStringLiteral(" → ") + after);
            break;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

PayloadWritePlan PayloadDiff::writePlan() const
{
    PayloadWritePlan plan;
    plan.overwritePayload = m_after;
    for (auto it = m_after.begin(); it != m_after.end(); ++it) {
        const QJsonValue old = m_before.value(it.key());
        if (old.isUndefined() || old.type() != it.value().type() || old != it.value())
            plan.setPayload.insert(it.key(), it.value());
    }
    for (auto it = m_before.begin(); it != m_before.end(); ++it) {
        // A top-level key with a dot would name a nested key in delete_payload: quote it.
        if (!m_after.contains(it.key()))
            plan.deleteKeys.append(PayloadPath::member(QString(), it.key()));
    }
    return plan;
}
