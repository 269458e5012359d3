#pragma once

#include <QString>
#include <QStringList>

/// A place in a JSON text, for error messages that say where: line and column from 1, and
/// the character offset from 0.
struct JsonTextPosition
{
    int line = 1;
    int column = 1;
    qsizetype offset = 0;

    /// The place of a character offset in the text.
    static JsonTextPosition ofOffset(const QString &text, qsizetype offset);
    /// The place of QJsonParseError::offset, a byte offset into the text's UTF-8.
    static JsonTextPosition ofUtf8Offset(const QString &text, int utf8Offset);
    /// Where the part at `path` starts in a valid JSON text: an object member's key, an array
    /// element. Steps are object keys and array indexes in decimal (FilterTree::fromJson's
    /// `where`). When a step is not there, the place of the deepest part found.
    static JsonTextPosition ofPath(const QString &text, const QStringList &path);
};
