#include "httpresponseparser.h"

#include <algorithm>

namespace {

constexpr qsizetype kMaxHeadSize = 64 * 1024;
constexpr qsizetype kMaxLineSize = 8 * 1024;

/// Moves one CRLF-terminated line (without the CRLF) from data[offset...] into `line`.
/// Returns false while the line is incomplete (what there is stays in `line`).
bool takeLine(const QByteArray &data, qsizetype &offset, QByteArray &line)
{
    const qsizetype end = data.indexOf('\n', offset);
    if (end < 0) {
        line.append(data.constData() + offset, data.size() - offset);
        offset = data.size();
        return false;
    }
    line.append(data.constData() + offset, end - offset);
    offset = end + 1;
    if (line.endsWith('\r'))
        line.chop(1);
    return true;
}

} // namespace

void HttpResponseParser::reset(bool headRequest)
{
    *this = HttpResponseParser();
    m_headRequest = headRequest;
}

bool HttpResponseParser::fail(QByteArray message)
{
    m_state = State::Failed;
    m_error = std::move(message);
    return false;
}

bool HttpResponseParser::feed(QByteArray &data)
{
    if (!data.isEmpty())
        m_started = true;
    qsizetype offset = 0;
    while (offset < data.size() || m_state == State::Head) {
        switch (m_state) {
        case State::Head: {
            // Look for the blank line across what came before and what is new.
            const qsizetype before = m_head.size();
            m_head.append(data.constData() + offset, data.size() - offset);
            const qsizetype end = m_head.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            if (end < 0) {
                if (m_head.size() > kMaxHeadSize)
                    return fail("response head too large");
                data.clear();
                return true;
            }
            const qsizetype consumed = end + 4 - before;
            m_head.truncate(end + 4);
            offset += consumed;
            if (!parseHead())
                return false;
            if (m_state == State::Head && offset >= data.size()) {
                data.clear();
                return true; // an interim 1xx response; the real one follows
            }
            break;
        }
        case State::Body: {
            const qsizetype n = std::min<qint64>(m_remaining, data.size() - offset);
            m_body.append(data.constData() + offset, n);
            offset += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = State::Done;
            break;
        }
        case State::ChunkSize: {
            if (!takeLine(data, offset, m_line)) {
                if (m_line.size() > kMaxLineSize)
                    return fail("chunk size line too long");
                break;
            }
            const qsizetype semicolon = m_line.indexOf(';');
            bool ok = false;
            const qint64 size = m_line.left(semicolon < 0 ? m_line.size() : semicolon)
                                    .trimmed()
                                    .toLongLong(&ok, 16);
            m_line.clear();
            if (!ok || size < 0)
                return fail("malformed chunk size");
            if (size == 0) {
                m_state = State::Trailers;
            } else {
                m_remaining = size;
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            const qsizetype n = std::min<qint64>(m_remaining, data.size() - offset);
            m_body.append(data.constData() + offset, n);
            offset += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd:
            if (!takeLine(data, offset, m_line))
                break;
            if (!m_line.isEmpty())
                return fail("chunk not followed by CRLF");
            m_state = State::ChunkSize;
            break;
        case State::Trailers:
            if (!takeLine(data, offset, m_line)) {
                if (m_line.size() > kMaxLineSize)
                    return fail("trailer line too long");
                break;
            }
            if (m_line.isEmpty())
                m_state = State::Done;
            m_line.clear();
            break;
        case State::UntilClose:
            m_body.append(data.constData() + offset, data.size() - offset);
            offset = data.size();
            break;
        case State::Done:
        case State::Failed:
            data.remove(0, offset);
            return m_state == State::Done;
        }
    }
    data.clear();
    return true;
}

bool HttpResponseParser::parseHead()
{
    const QList<QByteArray> lines = m_head.split('\n');
    m_head.clear();
    const QByteArray statusLine = lines.value(0).trimmed();
    // "HTTP/1.1 200 OK"
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine.at(8) != ' ')
        return fail("malformed status line: " + statusLine.left(80));
    bool ok = false;
    m_status = statusLine.mid(9, 3).toInt(&ok);
    if (!ok || m_status < 100 || m_status > 999)
        return fail("malformed status code: " + statusLine.left(80));
    m_keepAlive = statusLine.startsWith("HTTP/1.1");
    if (m_status < 200 && m_status != 101) { // >= 100: checked above
        m_status = 0; // 100 Continue and friends: the final response follows
        return true;
    }

    m_headers.clear();
    bool chunked = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail("malformed header line");
        QByteArray name = line.left(colon).trimmed();
        QByteArray value = line.mid(colon + 1).trimmed();
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            m_contentLength = value.toLongLong(&ok);
            if (!ok || m_contentLength < 0)
                return fail("malformed Content-Length");
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            chunked = value.toLower().contains("chunked");
        } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            const QByteArray lower = value.toLower();
            if (lower.contains("close"))
                m_keepAlive = false;
            else if (lower.contains("keep-alive"))
                m_keepAlive = true;
        }
        m_headers.append({std::move(name), std::move(value)});
    }

    if (m_headRequest || m_status == 204 || m_status == 304) {
        m_state = State::Done;
    } else if (chunked) {
        m_state = State::ChunkSize;
    } else if (m_contentLength >= 0) {
        m_remaining = m_contentLength;
        // Capped: a Content-Length is a claim, not yet memory worth reserving.
        m_body.reserve(std::min<qint64>(m_contentLength, 16 * 1024 * 1024));
        m_state = m_contentLength == 0 ? State::Done : State::Body;
    } else {
        m_keepAlive = false; // the end of the body is the end of the connection
        m_state = State::UntilClose;
    }
    return true;
}

void HttpResponseParser::finishOnClose()
{
    if (m_state == State::UntilClose)
        m_state = State::Done;
}
