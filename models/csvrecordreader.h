#pragma once

#include "importbytestream.h"
#include "importjsonrow.h"
#include "importrecordreader.h"

/// CSV (RFC 4180): a header row names the fields; cells separated by commas, quoted with
/// double quotes (a quote doubled inside), line breaks allowed inside quotes. Cells are read as
/// strings (an empty cell is a missing field; the validator converts text to the schema's
/// types); a vector cell holds a JSON array text. A row whose cell count differs from the
/// header's is a row error, and reading goes on.
class CsvRecordReader final : public ImportRecordReader
{
public:
    explicit CsvRecordReader(const QString &path);

    Result<bool> open() override;
    bool next(ImportRecord &record) override;
    qint64 size() const override { return m_stream.size(); }
    qint64 position() const override { return m_stream.offset(); }
    QStringList fieldNames() const override { return m_header; }

private:
    enum class Scan { Row, Blank, NeedMore, End };
    /// Splits the row at the stream's position into m_cells; sets m_rowBytes, m_rowLines.
    Scan scanRow(QString &error);

    QString m_path;
    ImportByteStream m_stream;
    ImportJsonRow m_json;
    QStringList m_header;
    QList<QByteArray> m_cells;
    qsizetype m_rowBytes = 0;
    qint64 m_rowLines = 0;
    qint64 m_line = 1;
};
