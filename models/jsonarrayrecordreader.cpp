#include "jsonarrayrecordreader.h"

#include <cstring>

JsonArrayRecordReader::JsonArrayRecordReader(const QString &path)
    : m_path(path)
{ }

Result<bool> JsonArrayRecordReader::open()
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
    if (!skipBlanks() || *m_stream.data() != '[') {
        failure.message = tr("line %1: a JSON array import must start with '['").arg(m_line);
        return failure;
    }
    m_stream.consume(1);
    return true;
}

bool JsonArrayRecordReader::skipBlanks()
{
    for (;;) {
        while (m_stream.available() > 0) {
            const char c = *m_stream.data();
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                return true;
            if (c == '\n')
                ++m_line;
            m_stream.consume(1);
        }
        if (!m_stream.fill())
            return false;
    }
}

bool JsonArrayRecordReader::endWith(ImportRecord &record, const QString &error)
{
    m_done = true;
    record = ImportRecord();
    record.line = m_line;
    record.readErrorLine = m_line;
    record.offset = m_stream.offset();
    record.endOffset = m_stream.size();
    record.readError = error;
    m_stream.consume(m_stream.available());
    while (m_stream.fill())
        m_stream.consume(m_stream.available());
    return true;
}

bool JsonArrayRecordReader::next(ImportRecord &record)
{
    if (m_done)
        return false;
    if (!m_pendingError.isEmpty()) {
        const QString error = m_pendingError;
        m_line = m_pendingErrorLine;
        return endWith(record, error);
    }
    if (!skipBlanks())
        return endWith(record, tr("the array is not closed: ']' is missing at the end"));
    char c = *m_stream.data();
    if (c == ']') {
        m_stream.consume(1);
        m_done = true;
        if (skipBlanks())
            return endWith(record, tr("there is text after the array's closing ']'"));
        return false;
    }
    if (!m_first) {
        if (c != ',')
            return endWith(record, tr("',' or ']' expected between the array's elements"));
        m_stream.consume(1);
        if (!skipBlanks())
            return endWith(record, tr("the array is not closed: ']' is missing at the end"));
    }
    m_first = false;
    // Find the element's end: depth back to 0 outside strings, at ',' or ']' or the end.
    const qint64 startLine = m_line;
    qsizetype scanned = 0;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    qint64 lines = 0;
    for (;;) {
        const char *data = m_stream.data();
        const qsizetype available = m_stream.available();
        qsizetype i = scanned;
        bool found = false;
        for (; i < available; ++i) {
            c = data[i];
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
                else if (c == '\n')
                    ++lines;
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    found = true; // the array's own ']'
                    break;
                }
                --depth;
            } else if (c == ',' && depth == 0) {
                found = true;
                break;
            } else if (c == '\n') {
                ++lines;
            }
        }
        if (found || (i == available && m_stream.exhausted())) {
            qsizetype length = i;
            while (length > 0 && (data[length - 1] == ' ' || data[length - 1] == '\t'
                                  || data[length - 1] == '\r' || data[length - 1] == '\n')) {
                --length;
            }
            if (!found && length == 0)
                return endWith(record, tr("the array is not closed: ']' is missing at the end"));
            record.line = startLine;
            record.offset = m_stream.offset();
            record.endOffset = record.offset + i;
            m_json.parse(data, size_t(length), true, m_vectorFields, record, m_keepVectorText);
            m_stream.consume(i);
            m_line += lines;
            if (!found && record.readError.isEmpty()) {
                // The last element is whole: it is read, and the missing ']' reported after it.
                m_pendingError = tr("the array is not closed: ']' is missing at the end");
                m_pendingErrorLine = startLine;
            } else if (!found) {
                m_done = true;
            }
            noteFieldNames(record);
            return true;
        }
        if (available > MaxRowBytes) {
            return endWith(record, tr("the element starting on line %1 is longer than %2 MiB")
                                       .arg(startLine)
                                       .arg(MaxRowBytes >> 20));
        }
        scanned = i;
        m_stream.fill(); // data moves: rescan from `scanned` in the new window
    }
}
