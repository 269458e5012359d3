#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

/// A vector kept as the file's JSON text (the array, from '[' to ']'), to be sent as it is
/// instead of printing its floats again: checked to be `size` JSON numbers, each within the
/// range of a float.
struct ImportVectorText
{
    QByteArray text;
    qsizetype size = 0;
};

/// One row of an import file as a reader found it, before mapping and validation: the fields
/// as JSON values (CSV cells are strings), where the row starts and ends in the file, and why
/// it could not be read when it could not.
struct ImportRecord
{
    qint64 line = 0;      ///< 1-based line the row starts on
    qint64 offset = 0;    ///< byte offset of the row's first byte
    qint64 endOffset = 0; ///< byte offset just past the row (where the next read starts)
    QJsonObject fields;   ///< the row's fields, except those read as vectors
    /// Fields the reader was asked to read as vectors (ImportRecordReader::setVectorFields),
    /// straight to floats: a 1536-float array never becomes QJsonValues. Not those in
    /// `vectorTexts`.
    QHash<QString, QList<float>> vectors;
    /// Why the vector fields could not be read as numbers, by field (NaN, a string, ...).
    QHash<QString, QString> vectorProblems;
    QString readError;    ///< not empty: the row is unreadable (malformed JSON, bad UTF-8, ...)
    qint64 readErrorLine = 0; ///< the line the read error is on (a row may span lines)
    /// The row is a Qdrant point ({"id", "payload", "vector"/"vectors"}, as the console's
    /// export writes): fields are the payload's keys plus `id` and the vectors (`vector`, or
    /// `vector.NAME` for a named one; `vectors...` when the file says "vectors").
    bool pointShaped = false;
    /// With ImportRecordReader::setVectorTextKept: the vector fields kept as the file's text
    /// (such a field is not in `vectors` too). A vector whose text is much longer than its
    /// floats would print (digits beyond a float's precision, a lot of white space) is read
    /// into `vectors` instead.
    QHash<QString, ImportVectorText> vectorTexts;
};

/// Why one row of an import was not imported: where (line, the source field when one is to
/// blame) and why, in a sentence the user can act on. Written to the error report.
struct ImportRowError
{
    qint64 line = 0;
    QString field;  ///< the file's field name; empty when the row as a whole is at fault
    QString reason;

    friend bool operator==(const ImportRowError &, const ImportRowError &) = default;
};

Q_DECLARE_METATYPE(ImportRowError)
