#pragma once

#include <QJsonArray>
#include <QStringList>

/// The list of values in one line edit of the filter builder: items separated by commas;
/// an item in double quotes keeps its commas and spaces (\" and \\ inside quotes).
struct FilterValueList
{
    /// The items of the text; unquoted items are trimmed, empty unquoted items dropped.
    static QStringList split(const QString &text);
    /// The text of these values (strings quoted when they need it, integers as numbers).
    static QString format(const QJsonArray &values);
};
