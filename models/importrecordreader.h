#pragma once

#include "importformat.h"
#include "importrecord.h"
#include "result.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>

#include <memory>

/// Reads an import file row by row, streaming (memory stays bounded whatever the file's size),
/// with the line and byte range of each row. Not thread-safe: one reader per thread; the
/// import runs it on a worker. A row that cannot be read comes back with readError set and
/// reading goes on with the next row when the format allows it (JSON lines, CSV); a JSON array
/// that is broken ends with a last record carrying the error.
class ImportRecordReader
{
    Q_DECLARE_TR_FUNCTIONS(ImportRecordReader)

public:
    /// Values deeper than this are refused with a clear error rather than recursed into.
    static constexpr int MaxNestingDepth = 64;
    /// A row (a JSON line, a CSV record, an array element) longer than this is refused.
    static constexpr qint64 MaxRowBytes = 64LL * 1024 * 1024;

    virtual ~ImportRecordReader() = default;

    /// A reader of the kind for the file at path (opened by open()).
    static std::unique_ptr<ImportRecordReader> create(ImportFormat::Kind kind,
                                                      const QString &path);

    /// Fields to read as float vectors (ImportRecord::vectors) instead of JSON values; set
    /// before open(). A CSV cell is read as a JSON array text ("[0.1, 0.2]").
    void setVectorFields(const QSet<QString> &fields) { m_vectorFields = fields; }
    /// Also keep each vector's JSON text (ImportRecord::vectorTexts) for the upsert bodies.
    void setVectorTextKept(bool keep) { m_keepVectorText = keep; }
    /// Whether a JSON reader gathers fieldNames() as it goes (the default). The import does
    /// not need them: gathering costs a dozen key strings built and looked up for every row.
    void setFieldNamesNoted(bool noted) { m_noteFieldNames = noted; }
    /// Opens the file (and reads the CSV header); LocalFile or Invalid error.
    virtual Result<bool> open() = 0;
    /// The next row into record; false at the end of the file.
    virtual bool next(ImportRecord &record) = 0;
    /// Size of the file in bytes, for progress.
    virtual qint64 size() const = 0;
    /// Bytes consumed so far (the offset the next row starts at, or the end).
    virtual qint64 position() const = 0;
    /// The field names seen so far (the CSV header; for JSON, the union of keys read, unless
    /// setFieldNamesNoted(false)).
    virtual QStringList fieldNames() const { return m_fieldNames; }

protected:
    /// A JSON reader's: adds the record's fields and vectors not seen before to fieldNames().
    void noteFieldNames(const ImportRecord &record);

    QSet<QString> m_vectorFields;
    bool m_keepVectorText = false;

private:
    bool m_noteFieldNames = true;
    QStringList m_fieldNames;
    QSet<QString> m_fieldSet;
};
