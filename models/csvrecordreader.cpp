#include "csvrecordreader.h"

#include <QSet>

#include <simdjson.h>

#include <cstring>

CsvRecordReader::CsvRecordReader(const QString &path)
    : m_path(path)
{ }

CsvRecordReader::Scan CsvRecordReader::scanRow(QString &error)
{
    const char *data = m_stream.data();
    const qsizetype available = m_stream.available();
    const bool last = m_stream.exhausted();
    m_cells.clear();
    m_rowLines = 0;
    error.clear();
    if (available == 0)
        return Scan::End;
    QByteArray cell;
    bool quoted = false;   // inside quotes
    bool wasQuoted = false; // the cell began with a quote
    bool afterQuote = false; // a quoted cell closed: only a separator may follow
    qsizetype i = 0;
    for (; i < available; ++i) {
        const char c = data[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < available && data[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else if (i + 1 == available && !last) {
                    return Scan::NeedMore; // a doubled quote may straddle the chunk
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n')
                    ++m_rowLines;
                cell += c;
            }
            continue;
        }
        if (c == ',' || c == '\n') {
            if (!wasQuoted && cell.endsWith('\r') && c == '\n')
                cell.chop(1);
            m_cells.append(cell);
            cell.clear();
            wasQuoted = afterQuote = false;
            if (c == '\n') {
                ++m_rowLines;
                break;
            }
            continue;
        }
        if (afterQuote) {
            if (c == '\r' || c == ' ')
                continue;
            if (error.isEmpty())
                error = tr("text after the closing quote of cell %1").arg(m_cells.size() + 1);
            continue;
        }
        if (c == '"' && cell.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
            continue;
        }
        cell += c;
    }
    if (i == available) {
        if (!last && available <= MaxRowBytes)
            return Scan::NeedMore;
        if (quoted) {
            error = tr("a quoted cell is not closed before the end of the file");
        } else if (available > MaxRowBytes && !last) {
            error = tr("the row is longer than %1 MiB").arg(MaxRowBytes >> 20);
        }
        if (cell.endsWith('\r'))
            cell.chop(1);
        m_cells.append(cell);
        m_rowBytes = available;
    } else {
        m_rowBytes = i + 1;
    }
    if (m_cells.size() == 1 && m_cells.first().trimmed().isEmpty() && error.isEmpty())
        return Scan::Blank;
    if (error.isEmpty() && !simdjson::validate_utf8(data, size_t(m_rowBytes)))
        error = tr("the row is not valid UTF-8");
    return Scan::Row;
}

Result<bool> CsvRecordReader::open()
{
    NetError failure;
    failure.kind = NetError::Kind::LocalFile;
    if (!m_stream.open(m_path)) {
        failure.message = tr("%1 can't be read: %2").arg(m_path, m_stream.errorString());
        return failure;
    }
    m_stream.fill();
    if (m_stream.available() >= 3 && std::memcmp(m_stream.data(), "\xEF\xBB\xBF", 3) == 0)
        m_stream.consume(3);
    failure.kind = NetError::Kind::Invalid;
    QString error;
    Scan scan;
    while ((scan = scanRow(error)) == Scan::NeedMore || scan == Scan::Blank) {
        if (scan == Scan::Blank) {
            m_line += m_rowLines;
            m_stream.consume(m_rowBytes);
        } else if (!m_stream.fill()) {
            // the end: scanRow sees it as the last row next time
        }
    }
    if (scan == Scan::End) {
        failure.message = tr("%1 has no header row: there is nothing to import.").arg(m_path);
        return failure;
    }
    if (!error.isEmpty()) {
        failure.message = tr("line %1: the header row can't be read: %2").arg(m_line).arg(error);
        return failure;
    }
    QSet<QString> seen;
    for (const QByteArray &cell : std::as_const(m_cells)) {
        const QString name = QString::fromUtf8(cell).trimmed();
        if (name.isEmpty()) {
            failure.message = tr("line %1: column %2 of the header has no name")
                                  .arg(m_line)
                                  .arg(m_header.size() + 1);
            return failure;
        }
        if (seen.contains(name)) {
            failure.message = tr("line %1: the header names %2 twice").arg(m_line).arg(name);
            return failure;
        }
        seen.insert(name);
        m_header.append(name);
    }
    m_line += m_rowLines;
    m_stream.consume(m_rowBytes);
    return true;
}

bool CsvRecordReader::next(ImportRecord &record)
{
    for (;;) {
        QString error;
        const Scan scan = scanRow(error);
        if (scan == Scan::End)
            return false;
        if (scan == Scan::NeedMore) {
            m_stream.fill();
            continue;
        }
        const qint64 line = m_line;
        m_line += m_rowLines;
        if (scan == Scan::Blank) {
            m_stream.consume(m_rowBytes);
            continue;
        }
        record.line = line;
        record.readErrorLine = line;
        record.offset = m_stream.offset();
        record.endOffset = record.offset + m_rowBytes;
        record.fields = {};
        record.vectors.clear();
        record.vectorTexts.clear();
        record.vectorProblems.clear();
        record.readError = error;
        if (error.isEmpty() && m_cells.size() != m_header.size()) {
            record.readError = tr("the row has %1 cells; the header has %2")
                                   .arg(m_cells.size())
                                   .arg(m_header.size());
        }
        if (record.readError.isEmpty()) {
            for (qsizetype c = 0; c < m_cells.size(); ++c) {
                const QByteArray &cell = m_cells.at(c);
                if (cell.isEmpty())
                    continue;
                const QString &name = m_header.at(c);
                if (m_vectorFields.contains(name)) {
                    const std::string_view text(cell.constData(), size_t(cell.size()));
                    if (m_keepVectorText) {
                        // Checked without converting it when the scanner takes it.
                        qsizetype count = 0;
                        const std::string_view scanned
                            = ImportJsonRow::scannedVectorText(text, count);
                        if (!scanned.empty()) {
                            record.vectorTexts.insert(
                                name, {QByteArray(scanned.data(), qsizetype(scanned.size())),
                                       count});
                            continue;
                        }
                    }
                    QList<float> vector;
                    const QString problem = m_json.parseVector(cell, vector);
                    QByteArray kept = m_keepVectorText && problem.isEmpty()
                                          ? ImportJsonRow::vectorText(text, vector.size())
                                          : QByteArray();
                    if (!kept.isEmpty())
                        record.vectorTexts.insert(name, {std::move(kept), vector.size()});
                    else if (problem.isEmpty())
                        record.vectors.emplace(name, std::move(vector));
                    else
                        record.vectorProblems.insert(name, problem);
                } else {
                    record.fields.insert(name, QString::fromUtf8(cell));
                }
            }
        }
        m_stream.consume(m_rowBytes);
        return true;
    }
}
