#pragma once

#include "importbytestream.h"
#include "importjsonrow.h"
#include "importrecordreader.h"

/// A JSON array of objects, streamed: the elements are found by their brackets (strings and
/// escapes respected) and each one parsed alone, so a file of any size is read in bounded
/// memory and a malformed element is a row error while the others are read. An array that is
/// not closed, or text after it, ends the reading with a last record carrying the error.
class JsonArrayRecordReader final : public ImportRecordReader
{
public:
    explicit JsonArrayRecordReader(const QString &path);

    Result<bool> open() override;
    bool next(ImportRecord &record) override;
    qint64 size() const override { return m_stream.size(); }
    qint64 position() const override { return m_stream.offset(); }

private:
    /// Skips blanks (counting lines); false when the stream ends first.
    bool skipBlanks();
    /// A record that carries only an error at the current position; ends the reading.
    bool endWith(ImportRecord &record, const QString &error);

    QString m_path;
    ImportByteStream m_stream;
    ImportJsonRow m_json;
    qint64 m_line = 1;
    bool m_done = false;
    QString m_pendingError; ///< reported by the next call (after a last, whole element)
    qint64 m_pendingErrorLine = 0;
    bool m_first = true; ///< no element read yet: no comma expected
};
