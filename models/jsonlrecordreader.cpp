#include "jsonlrecordreader.h"

#include <cstring>

JsonlRecordReader::JsonlRecordReader(const QString &path)
    : m_path(path)
{ }

Result<bool> JsonlRecordReader::open()
{
    if (!m_stream.open(m_path)) {
        NetError error;
        error.kind = NetError::Kind::LocalFile;
        error.message = tr("%1 can't be read: %2").arg(m_path, m_stream.errorString());
        return error;
    }
    m_stream.fill();
    if (m_stream.available() >= 3 && std::memcmp(m_stream.data(), "\xEF\xBB\xBF", 3) == 0)
        m_stream.consume(3);
    return true;
}

bool JsonlRecordReader::next(ImportRecord &record)
{
    for (;;) {
        const char *data = m_stream.data();
        const qsizetype available = m_stream.available();
        const auto *newline = static_cast<const char *>(std::memchr(data, '\n', size_t(available)));
        qsizetype length = 0;
        qsizetype consumed = 0;
        if (newline) {
            length = newline - data;
            consumed = length + 1;
        } else if (available <= MaxRowBytes && m_stream.fill()) {
            continue;
        } else if (available == 0) {
            return false;
        } else if (available > MaxRowBytes) {
            // A line too long to hold: report it and skip to its end without keeping it.
            record = ImportRecord();
            record.line = m_line;
            record.readErrorLine = m_line;
            record.offset = m_stream.offset();
            record.readError = tr("the line is longer than %1 MiB").arg(MaxRowBytes >> 20);
            for (;;) {
                const char *from = m_stream.data();
                const auto *end = static_cast<const char *>(
                    std::memchr(from, '\n', size_t(m_stream.available())));
                if (end) {
                    m_stream.consume(end - from + 1);
                    break;
                }
                m_stream.consume(m_stream.available());
                if (!m_stream.fill())
                    break;
            }
            ++m_line;
            record.endOffset = m_stream.offset();
            return true;
        } else {
            length = available; // the last line, without a line break
            consumed = available;
        }
        const qint64 line = m_line++;
        qsizetype trimmed = length;
        while (trimmed > 0 && (data[trimmed - 1] == '\r' || data[trimmed - 1] == ' '
                               || data[trimmed - 1] == '\t'))
            --trimmed;
        qsizetype start = 0;
        while (start < trimmed && (data[start] == ' ' || data[start] == '\t'))
            ++start;
        if (start == trimmed) {
            m_stream.consume(consumed);
            continue;
        }
        record.line = line;
        record.offset = m_stream.offset();
        record.endOffset = record.offset + consumed;
        if (length > MaxRowBytes) {
            const qint64 offset = record.offset;
            record = ImportRecord();
            record.line = line;
            record.offset = offset;
            record.endOffset = offset + consumed;
            record.readError = tr("the line is longer than %1 MiB").arg(MaxRowBytes >> 20);
            record.readErrorLine = line;
            m_stream.consume(consumed);
            return true;
        }
        m_json.parse(data + start, size_t(trimmed - start), true, m_vectorFields, record,
                     m_keepVectorText);
        m_stream.consume(consumed);
        noteFieldNames(record);
        return true;
    }
}
