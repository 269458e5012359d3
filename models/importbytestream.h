#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

/// A window over a file read in large chunks, for the import readers: what has been read and
/// not yet consumed is contiguous in memory (so a row can be parsed in place), followed by at
/// least Padding readable bytes (what simdjson needs past the end of its input).
class ImportByteStream final
{
public:
    static constexpr qsizetype ChunkBytes = 4 * 1024 * 1024;
    static constexpr qsizetype Padding = 64;

    bool open(const QString &path);
    QString errorString() const { return m_file.errorString(); }
    qint64 size() const { return m_size; }

    /// Unconsumed bytes in memory.
    const char *data() const { return m_buffer.constData() + m_pos; }
    qsizetype available() const { return m_end - m_pos; }
    /// Reads another chunk after what is available; false at the end of the file.
    bool fill();
    bool atEnd() const { return m_eof && m_pos == m_end; }
    /// The whole file has been read into memory (what is available is all there is).
    bool exhausted() const { return m_eof; }
    /// Marks n bytes as consumed.
    void consume(qsizetype n) { m_pos += n; }
    /// File offset of data().
    qint64 offset() const { return m_bufferOffset + m_pos; }

private:
    QFile m_file;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_end = 0;
    qint64 m_bufferOffset = 0; ///< file offset of m_buffer[0]
    qint64 m_size = 0;
    bool m_eof = false;
};
