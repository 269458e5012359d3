#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <utility>

/// Incremental HTTP/1.1 response parser for the plain-HTTP client: status line, headers, and a
/// body framed by Content-Length, chunked transfer coding, or the end of the connection.
/// Feed it what the socket delivers; it never blocks and never copies the body twice.
class HttpResponseParser final
{
public:
    enum class State {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done,
        Failed
    };

    /// `headRequest`: the response to a HEAD has no body whatever its headers say.
    void reset(bool headRequest = false);
    /// Consumes bytes; returns false once the response is malformed (see errorString()).
    /// Bytes after a complete response are left in `data` (servers must not send them).
    bool feed(QByteArray &data);
    /// The peer closed the connection: completes a body framed by the connection's end.
    void finishOnClose();

    State state() const { return m_state; }
    bool isDone() const { return m_state == State::Done; }
    bool isFailed() const { return m_state == State::Failed; }
    /// True once any byte of the response arrived.
    bool hasStarted() const { return m_started; }
    int status() const { return m_status; }
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }
    QByteArray takeBody() { return std::exchange(m_body, {}); }
    qint64 bodySize() const { return m_body.size(); }
    /// Content-Length when the server sent one, else -1.
    qint64 contentLength() const { return m_contentLength; }
    /// False when the server asked to close (Connection: close, HTTP/1.0) or framed the body
    /// by closing.
    bool keepAlive() const { return m_keepAlive; }
    QByteArray errorString() const { return m_error; }

private:
    bool parseHead();
    bool fail(QByteArray message);

    State m_state = State::Head;
    bool m_headRequest = false;
    bool m_started = false;
    bool m_keepAlive = true;
    int m_status = 0;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0;
    QByteArray m_head;
    QByteArray m_line;
    QByteArray m_body;
    QByteArray m_error;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};
