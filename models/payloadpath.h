#pragma once

#include <QString>
#include <QStringList>

#include <optional>

/// Payload paths as the console shows them and Qdrant reads them (`a.b`, `tags[2]`,
/// `"odd key".x`): validation problems, diffs and read-only keys all name nodes this way.
class PayloadPath final
{
public:
    /// The path of member key of the object at parent ("" is the payload itself); keys that
    /// are not plain (empty, dots, spaces, ...) are quoted.
    static QString member(const QString &parent, const QString &key);
    /// The path of item index of the array at parent.
    static QString item(const QString &parent, qsizetype index);
    /// The object keys a path of members names (`a."b c"` → a, b c); nullopt when it is not
    /// such a path (array steps, a quote left open, an empty step).
    static std::optional<QStringList> keys(const QString &path);
};
