#include "importbytestream.h"

#include <cstring>

bool ImportByteStream::open(const QString &path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly))
        return false;
    m_size = m_file.size();
    // Uninitialized: zero-filling touched all 4 MiB (a thousand page faults) for any file,
    // however small; fill() zeroes the padding after what it reads.
    m_buffer = QByteArray(ChunkBytes + Padding, Qt::Uninitialized);
    std::memset(m_buffer.data(), 0, size_t(Padding));
    return true;
}

bool ImportByteStream::fill()
{
    if (m_eof)
        return false;
    // Keep what is unconsumed at the start; grow when a single row is larger than a chunk.
    const qsizetype kept = m_end - m_pos;
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.constData() + m_pos, size_t(kept));
        m_bufferOffset += m_pos;
        m_pos = 0;
        m_end = kept;
    }
    if (m_buffer.size() - Padding - m_end < ChunkBytes / 2)
        m_buffer.resize(m_end + ChunkBytes + Padding);
    const qint64 room = m_buffer.size() - Padding - m_end;
    const qint64 got = m_file.read(m_buffer.data() + m_end, room);
    if (got <= 0) {
        m_eof = true;
        return false;
    }
    m_end += got;
    std::memset(m_buffer.data() + m_end, 0, size_t(Padding));
    return true;
}
