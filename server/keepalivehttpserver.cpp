#include "keepalivehttpserver.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mstore {

namespace {

using Clock = std::chrono::steady_clock;

/// poll() for `events` for up to `timeout`, retrying on EINTR with what is left of it. Returns
/// the revents (0 on timeout), or -1 on error.
int waitFor(socket_t sock, short events, Clock::duration timeout)
{
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd p {sock, events, 0};
        const int n = ::poll(&p, 1, int(std::max<std::int64_t>(0, left.count())));
        if (n > 0)
            return p.revents;
        if (n == 0)
            return 0;
        if (errno != EINTR)
            return -1;
    }
}

void numericAddress(const sockaddr_storage &address, socklen_t length, std::string &ip, int &port)
{
    char host[NI_MAXHOST];
    char service[NI_MAXSERV];
    if (::getnameinfo(reinterpret_cast<const sockaddr *>(&address), length, host, sizeof host,
            service, sizeof service, NI_NUMERICHOST | NI_NUMERICSERV)
        == 0) {
        ip = host;
        port = std::atoi(service);
    }
}

/// One connection's socket as httplib reads and writes it, with the read and write timeouts
/// the server was given (as httplib's own SocketStream), and one read buffer for the
/// connection's whole life: bytes of a pipelined next request are kept, not dropped.
class ConnectionStream final : public httplib::Stream
{
public:
    ConnectionStream(socket_t sock, Clock::duration readTimeout, Clock::duration writeTimeout)
        : m_sock(sock)
        , m_readTimeout(readTimeout)
        , m_writeTimeout(writeTimeout)
        , m_buffer(kBufferSize)
    { }

    bool hasBuffered() const { return m_offset < m_size; }

    bool is_readable() const override
    {
        return hasBuffered() || waitFor(m_sock, POLLIN, m_readTimeout) > 0;
    }

    bool is_writable() const override
    {
        const int ready = waitFor(m_sock, POLLOUT, m_writeTimeout);
        if (ready <= 0 || (ready & (POLLERR | POLLHUP)))
            return false;
        // As httplib does: a peer that has closed (EOF waiting to be read) gets no answer.
        pollfd p {m_sock, POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0)
            return true;
        char byte;
        return ::recv(m_sock, &byte, 1, MSG_PEEK) > 0;
    }

    ssize_t read(char *ptr, size_t size) override
    {
        if (!hasBuffered()) {
            // httplib reads headers a byte at a time and bodies 4 KiB at a time: serve both
            // from one large recv().
            if (size >= kBufferSize)
                return is_readable() ? recvSome(ptr, size) : -1;
            if (!is_readable())
                return -1;
            const ssize_t n = recvSome(m_buffer.data(), kBufferSize);
            if (n <= 0)
                return n;
            m_offset = 0;
            m_size = size_t(n);
        }
        const size_t count = std::min(size, m_size - m_offset);
        std::memcpy(ptr, m_buffer.data() + m_offset, count);
        m_offset += count;
        return ssize_t(count);
    }

    ssize_t write(const char *ptr, size_t size) override
    {
        if (!is_writable())
            return -1;
        for (;;) {
            const ssize_t n = ::send(m_sock, ptr, size, MSG_NOSIGNAL);
            if (n >= 0 || errno != EINTR)
                return n;
        }
    }
    using httplib::Stream::write;

    void get_remote_ip_and_port(std::string &ip, int &port) const override
    {
        sockaddr_storage address {};
        socklen_t length = sizeof address;
        if (::getpeername(m_sock, reinterpret_cast<sockaddr *>(&address), &length) == 0)
            numericAddress(address, length, ip, port);
    }

    void get_local_ip_and_port(std::string &ip, int &port) const override
    {
        sockaddr_storage address {};
        socklen_t length = sizeof address;
        if (::getsockname(m_sock, reinterpret_cast<sockaddr *>(&address), &length) == 0)
            numericAddress(address, length, ip, port);
    }

    socket_t socket() const override { return m_sock; }

private:
    static constexpr size_t kBufferSize = 64 * 1024;

    ssize_t recvSome(char *into, size_t size)
    {
        for (;;) {
            const ssize_t n = ::recv(m_sock, into, size, 0);
            if (n >= 0 || errno != EINTR)
                return n;
        }
    }

    socket_t m_sock;
    Clock::duration m_readTimeout;
    Clock::duration m_writeTimeout;
    std::vector<char> m_buffer;
    size_t m_offset = 0;
    size_t m_size = 0;
};

/// A connection held in memory: reads come from the request bytes, writes go to a string.
class InProcessStream final : public httplib::Stream
{
public:
    explicit InProcessStream(std::string_view input) : m_input(input) { }

    bool atEnd() const { return m_input.empty(); }
    std::string &output() { return m_output; }

    bool is_readable() const override { return !m_input.empty(); }
    bool is_writable() const override { return true; }

    ssize_t read(char *ptr, size_t size) override
    {
        const size_t count = std::min(size, m_input.size());
        std::memcpy(ptr, m_input.data(), count);
        m_input.remove_prefix(count);
        return ssize_t(count);
    }

    ssize_t write(const char *ptr, size_t size) override
    {
        m_output.append(ptr, size);
        return ssize_t(size);
    }
    using httplib::Stream::write;

    void get_remote_ip_and_port(std::string &ip, int &port) const override
    {
        ip = "127.0.0.1";
        port = 0;
    }

    void get_local_ip_and_port(std::string &ip, int &port) const override
    {
        ip = "127.0.0.1";
        port = 0;
    }

    socket_t socket() const override { return INVALID_SOCKET; }

private:
    std::string_view m_input;
    std::string m_output;
};

} // namespace

std::string KeepAliveHttpServer::serveInProcess(std::string_view requests)
{
    InProcessStream stream(requests);
    for (size_t left = keep_alive_max_count_; left > 0 && !stream.atEnd(); --left) {
        bool closed = false;
        if (!process_request(stream, left == 1, closed, nullptr) || closed)
            break;
    }
    return std::move(stream.output());
}

bool KeepAliveHttpServer::process_and_close_socket(socket_t sock)
{
    using std::chrono::microseconds;
    using std::chrono::seconds;
    ConnectionStream stream(sock, seconds(read_timeout_sec_) + microseconds(read_timeout_usec_),
        seconds(write_timeout_sec_) + microseconds(write_timeout_usec_));
    // Waits until the next request starts or the connection has been idle for the keep-alive
    // timeout. In slices of 100 ms only to notice stop(), which closes the listening socket
    // and then waits for every connection's thread.
    const auto nextRequest = [&] {
        if (stream.hasBuffered())
            return true;
        const auto idleUntil = Clock::now() + seconds(keep_alive_timeout_sec_);
        while (svr_sock_ != INVALID_SOCKET) {
            const auto left = idleUntil - Clock::now();
            if (left <= Clock::duration::zero())
                return false;
            const int ready = waitFor(sock, POLLIN,
                std::min<Clock::duration>(left, std::chrono::milliseconds(100)));
            if (ready != 0)
                return ready > 0; // a request, or EOF or an error that reading will report
        }
        return false;
    };
    bool ok = false;
    for (size_t left = keep_alive_max_count_; left > 0 && nextRequest(); --left) {
        bool closed = false;
        ok = process_request(stream, left == 1, closed, nullptr);
        if (!ok || closed)
            break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
}

} // namespace mstore
