#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

/// One HTTP/1.1 keep-alive connection over a plain POSIX socket, for benchmarks.
///
/// Deliberately minimal and library-free, so that every server we measure is driven by exactly
/// the same client code and the figures compare servers, not client libraries: TCP_NODELAY,
/// requests framed with Content-Length, responses read by Content-Length or chunked encoding.
/// Not thread-safe: give each benchmark thread its own instance.
class RawHttpClient
{
public:
    struct Response
    {
        int status = 0; ///< 0 when the request failed at the transport level (see error()).
        std::string body;
    };

    RawHttpClient() = default;
    RawHttpClient(std::string host, uint16_t port);
    ~RawHttpClient();
    RawHttpClient(const RawHttpClient &) = delete;
    RawHttpClient &operator=(const RawHttpClient &) = delete;

    void setTarget(std::string host, uint16_t port);
    /// Seconds a single send or receive may block; a slow server must not hang a benchmark.
    void setTimeoutSeconds(int seconds) { m_timeoutSeconds = seconds; }

    /// Opens the connection now (request() also connects lazily), so connect time stays out of
    /// the measured round trips.
    bool connect();
    void close();
    bool isConnected() const { return m_fd >= 0; }

    /// Sends one request and reads the whole response. Reconnects once when a kept-alive
    /// connection turns out to be closed by the server before any response byte arrived.
    Response request(std::string_view method, std::string_view path, std::string_view body = {},
        std::string_view contentType = "application/json");

    /// Why the last request returned status 0.
    const std::string &error() const { return m_error; }

private:
    enum class Attempt { Ok, RetryableFailure, Failure };

    Attempt requestOnce(std::string_view method, std::string_view path, std::string_view body,
        std::string_view contentType, Response &response);
    bool sendAll(const char *data, size_t size);
    /// Appends at least one byte to m_buffer; false on EOF, error or timeout.
    bool fill();
    bool readChunkedBody(size_t pos, std::string &body);
    void fail(std::string message);

    std::string m_host = "127.0.0.1";
    uint16_t m_port = 0;
    int m_fd = -1;
    int m_timeoutSeconds = 300;
    bool m_serverWantsClose = false;
    std::string m_buffer; ///< Received bytes not yet consumed (pipelining is never used).
    std::string m_head; ///< Reused request-head buffer, so requests don't allocate it.
    std::unique_ptr<char[]> m_chunk; ///< Scratch block recv() writes into.
    std::string m_error;
};
