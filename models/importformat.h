#pragma once

#include "result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

/// The shape of an import file and how it is told apart: a JSON array (`[` first), JSON lines
/// (`{` first), or CSV (anything else that is text, with a header row). The file's name
/// decides only when its content cannot (an empty file, a lone value).
class ImportFormat final
{
    Q_DECLARE_TR_FUNCTIONS(ImportFormat)

public:
    enum class Kind { Jsonl, Csv, JsonArray };

    /// Looks at the first bytes of the file (a UTF-8 BOM and leading blanks skipped); Invalid
    /// for a file that is empty, binary or none of the three, LocalFile when it can't be read.
    static Result<Kind> detect(const QString &path);
    /// The same decision for bytes already read from the start of a file named fileName.
    static Result<Kind> detectFromHead(const QByteArray &head, const QString &fileName);
    /// "JSON lines", "CSV", "JSON array", for the user.
    static QString displayName(Kind kind);
    /// "jsonl", "csv", "json-array": stable, for checkpoints.
    static QString id(Kind kind);
    /// The kind of an id(); nullopt-like Invalid error for an unknown one.
    static Result<Kind> fromId(const QString &id);
};
