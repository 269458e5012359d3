#include "rawhttpclient.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace {

constexpr size_t kRecvChunk = 256 * 1024;

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return (x | 0x20) == (y | 0x20);
    });
}

bool containsIgnoreCase(std::string_view haystack, std::string_view needle)
{
    if (needle.size() > haystack.size())
        return false;
    for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        if (equalsIgnoreCase(haystack.substr(i, needle.size()), needle))
            return true;
    }
    return false;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

} // namespace

RawHttpClient::RawHttpClient(std::string host, uint16_t port)
    : m_host(std::move(host))
    , m_port(port)
{ }

RawHttpClient::~RawHttpClient()
{
    close();
}

void RawHttpClient::setTarget(std::string host, uint16_t port)
{
    close();
    m_host = std::move(host);
    m_port = port;
}

bool RawHttpClient::connect()
{
    close();
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo *found = nullptr;
    const std::string port = std::to_string(m_port);
    if (const int rc = ::getaddrinfo(m_host.c_str(), port.c_str(), &hints, &found); rc != 0) {
        fail("cannot resolve " + m_host + ": " + gai_strerror(rc));
        return false;
    }
    for (addrinfo *ai = found; ai; ai = ai->ai_next) {
        const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            m_fd = fd;
            break;
        }
        ::close(fd);
    }
    ::freeaddrinfo(found);
    if (m_fd < 0) {
        fail("cannot connect to " + m_host + ":" + port + ": " + std::strerror(errno));
        return false;
    }
    // Small requests must not wait for Nagle + delayed ACK (40 ms stalls on loopback).
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval tv {};
    tv.tv_sec = m_timeoutSeconds;
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    m_buffer.clear();
    m_serverWantsClose = false;
    return true;
}

void RawHttpClient::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_buffer.clear();
}

void RawHttpClient::fail(std::string message)
{
    m_error = std::move(message);
}

RawHttpClient::Response RawHttpClient::request(std::string_view method, std::string_view path,
    std::string_view body, std::string_view contentType)
{
    Response response;
    m_error.clear();
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = isConnected() && !m_serverWantsClose;
        if (!reused && !connect())
            return response;
        const Attempt result = requestOnce(method, path, body, contentType, response);
        if (result == Attempt::Ok)
            return response;
        close();
        // Only a connection we had kept alive may have been closed under us; a fresh one
        // failing is a real error.
        if (result == Attempt::Failure || !reused)
            break;
    }
    response.status = 0;
    response.body.clear();
    return response;
}

RawHttpClient::Attempt RawHttpClient::requestOnce(std::string_view method, std::string_view path,
    std::string_view body, std::string_view contentType, Response &response)
{
    m_head.clear();
    m_head.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ");
    m_head.append(m_host).append(":").append(std::to_string(m_port));
    m_head.append("\r\nConnection: keep-alive\r\nAccept: */*\r\n");
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        m_head.append("Content-Type: ").append(contentType).append("\r\n");
        m_head.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    }
    m_head.append("\r\n");

    // Head and small bodies in one segment; large bodies are sent from where they are,
    // without copying megabytes.
    if (body.size() <= 16 * 1024) {
        m_head.append(body);
        if (!sendAll(m_head.data(), m_head.size()))
            return Attempt::RetryableFailure;
    } else if (!sendAll(m_head.data(), m_head.size()) || !sendAll(body.data(), body.size())) {
        return Attempt::RetryableFailure;
    }

    // Status line and headers.
    size_t headEnd;
    while ((headEnd = m_buffer.find("\r\n\r\n")) == std::string::npos) {
        const bool nothingYet = m_buffer.empty();
        if (!fill())
            return nothingYet ? Attempt::RetryableFailure : Attempt::Failure;
    }
    const std::string_view head(m_buffer.data(), headEnd);
    const size_t lineEnd = head.find("\r\n");
    const std::string_view statusLine = head.substr(0, lineEnd);
    if (statusLine.size() < 12 || statusLine.substr(0, 5) != "HTTP/") {
        fail("malformed status line: " + std::string(statusLine.substr(0, 80)));
        return Attempt::Failure;
    }
    int status = 0;
    std::from_chars(statusLine.data() + 9, statusLine.data() + 12, status);
    const bool http10 = statusLine.substr(0, 8) == "HTTP/1.0";

    bool chunked = false;
    bool haveLength = false;
    size_t contentLength = 0;
    m_serverWantsClose = http10;
    size_t pos = lineEnd == std::string_view::npos ? head.size() : lineEnd + 2;
    while (pos < head.size()) {
        size_t next = head.find("\r\n", pos);
        if (next == std::string_view::npos)
            next = head.size();
        const std::string_view line = head.substr(pos, next - pos);
        pos = next + 2;
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trim(line.substr(colon + 1));
        if (equalsIgnoreCase(name, "content-length")) {
            haveLength = true;
            std::from_chars(value.data(), value.data() + value.size(), contentLength);
        } else if (equalsIgnoreCase(name, "transfer-encoding")) {
            chunked = containsIgnoreCase(value, "chunked");
        } else if (equalsIgnoreCase(name, "connection")) {
            if (containsIgnoreCase(value, "close"))
                m_serverWantsClose = true;
            else if (containsIgnoreCase(value, "keep-alive"))
                m_serverWantsClose = false;
        }
    }

    response.status = status;
    response.body.clear();
    const size_t bodyStart = headEnd + 4;
    const bool noBody = method == "HEAD" || status == 204 || status == 304 || status / 100 == 1;
    if (noBody) {
        m_buffer.erase(0, bodyStart);
    } else if (chunked) {
        if (!readChunkedBody(bodyStart, response.body))
            return Attempt::Failure;
    } else if (haveLength) {
        // Read straight into the body: a 32 MiB response must not be copied around.
        response.body.resize(contentLength);
        const size_t buffered = std::min(contentLength, m_buffer.size() - bodyStart);
        std::memcpy(response.body.data(), m_buffer.data() + bodyStart, buffered);
        m_buffer.erase(0, bodyStart + buffered);
        size_t have = buffered;
        while (have < contentLength) {
            const ssize_t n = ::recv(m_fd, response.body.data() + have, contentLength - have, 0);
            if (n <= 0) {
                fail(n == 0 ? "connection closed inside a response body"
                            : std::string("recv: ") + std::strerror(errno));
                return Attempt::Failure;
            }
            have += size_t(n);
        }
    } else {
        // No framing: the body runs until the server closes the connection.
        while (fill()) { }
        response.body.assign(m_buffer, bodyStart);
        m_buffer.clear();
        m_serverWantsClose = true;
    }
    if (m_serverWantsClose)
        close();
    return Attempt::Ok;
}

bool RawHttpClient::readChunkedBody(size_t pos, std::string &body)
{
    for (;;) {
        size_t lineEnd;
        while ((lineEnd = m_buffer.find("\r\n", pos)) == std::string::npos) {
            if (!fill()) {
                fail("connection closed inside a chunked body");
                return false;
            }
        }
        size_t chunkSize = 0;
        std::from_chars(m_buffer.data() + pos, m_buffer.data() + lineEnd, chunkSize, 16);
        pos = lineEnd + 2;
        if (chunkSize == 0) {
            // Trailers (normally none) end with an empty line.
            size_t end;
            while ((end = m_buffer.find("\r\n", pos)) != pos) {
                if (end != std::string::npos) {
                    pos = end + 2;
                    continue;
                }
                if (!fill()) {
                    fail("connection closed inside chunked trailers");
                    return false;
                }
            }
            m_buffer.erase(0, pos + 2);
            return true;
        }
        while (m_buffer.size() < pos + chunkSize + 2) {
            if (!fill()) {
                fail("connection closed inside a chunk");
                return false;
            }
        }
        body.append(m_buffer, pos, chunkSize);
        pos += chunkSize + 2;
    }
}

bool RawHttpClient::sendAll(const char *data, size_t size)
{
    while (size > 0) {
        // MSG_NOSIGNAL: a server closing a kept-alive connection must not SIGPIPE the bench.
        const ssize_t n = ::send(m_fd, data, size, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail(std::string("send: ") + std::strerror(errno));
            return false;
        }
        data += n;
        size -= size_t(n);
    }
    return true;
}

bool RawHttpClient::fill()
{
    // Into a scratch block first: growing m_buffer by resize() would zero-fill the whole
    // block on every receive, which shows up in microsecond latencies.
    if (!m_chunk)
        m_chunk = std::make_unique_for_overwrite<char[]>(kRecvChunk);
    ssize_t n;
    do {
        n = ::recv(m_fd, m_chunk.get(), kRecvChunk, 0);
    } while (n < 0 && errno == EINTR);
    if (n > 0)
        m_buffer.append(m_chunk.get(), size_t(n));
    if (n == 0) {
        fail("connection closed by the server");
        return false;
    }
    if (n < 0) {
        fail(errno == EAGAIN || errno == EWOULDBLOCK
                ? std::string("receive timed out")
                : std::string("recv: ") + std::strerror(errno));
        return false;
    }
    return true;
}
