// KeepAliveHttpServer: httplib's routes served over its own keep-alive loop. Requests after an
// idle pause, pipelined requests, a 4 MB body, the keep-alive timeout, the peer's address, and
// a stop() that does not wait out an idle connection.

#include "keepalivehttpserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <cstring>
#include <string>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace mstore;

namespace {

/// The server on a free loopback port, listening in its own thread while the object lives.
class RunningServer
{
public:
    explicit RunningServer(time_t keepAliveSeconds = 5)
    {
        m_server.set_keep_alive_max_count(1000);
        m_server.set_keep_alive_timeout(keepAliveSeconds);
        m_server.set_tcp_nodelay(true);
        m_server.Get("/echo", [](const httplib::Request &q, httplib::Response &r) {
            r.set_content(q.get_param_value("text"), "text/plain");
        });
        m_server.Get("/peer", [](const httplib::Request &q, httplib::Response &r) {
            r.set_content(q.remote_addr, "text/plain");
        });
        m_server.Post("/size", [](const httplib::Request &q, httplib::Response &r) {
            size_t sum = 0;
            for (const char c : q.body)
                sum += static_cast<unsigned char>(c);
            r.set_content(std::to_string(q.body.size()) + " " + std::to_string(sum), "text/plain");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~RunningServer() { stop(); }

    int port() const { return m_port; }
    void stop()
    {
        m_server.stop();
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    KeepAliveHttpServer m_server;
    int m_port = 0;
    std::thread m_thread;
};

/// A blocking client socket with a 10 s limit on every wait, so that a failure never hangs.
class Connection
{
public:
    explicit Connection(int port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(uint16_t(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~Connection() { ::close(m_fd); }

    bool connected() const { return m_connected; }

    bool send(const std::string &bytes)
    {
        for (size_t at = 0; at < bytes.size();) {
            const ssize_t n = ::send(m_fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            at += size_t(n);
        }
        return true;
    }

    /// The body of the next response; empty with `closed` set when the server closed first.
    std::string readResponse(bool *closed = nullptr)
    {
        if (closed)
            *closed = false;
        for (;;) {
            const size_t headEnd = m_pending.find("\r\n\r\n");
            if (headEnd != std::string::npos) {
                const size_t at = m_pending.find("Content-Length: ");
                const size_t length = at < headEnd ? std::stoul(m_pending.substr(at + 16)) : 0;
                if (m_pending.size() >= headEnd + 4 + length) {
                    std::string body = m_pending.substr(headEnd + 4, length);
                    m_pending.erase(0, headEnd + 4 + length);
                    return body;
                }
            }
            if (!readMore()) {
                if (closed)
                    *closed = true;
                return {};
            }
        }
    }

    /// Whether the server closes the connection within `ms`.
    bool closedWithin(int ms)
    {
        pollfd p {m_fd, POLLIN, 0};
        if (::poll(&p, 1, ms) <= 0)
            return false;
        char byte;
        return ::recv(m_fd, &byte, 1, 0) <= 0;
    }

private:
    bool readMore()
    {
        pollfd p {m_fd, POLLIN, 0};
        if (::poll(&p, 1, 10000) <= 0)
            return false;
        char buffer[65536];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return false;
        m_pending.append(buffer, size_t(n));
        return true;
    }

    int m_fd = -1;
    bool m_connected = false;
    std::string m_pending;
};

std::string get(const std::string &target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
}

} // namespace

class TestKeepAliveHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void servesRequestsAfterIdlePauses();
    void answersPipelinedRequests();
    void readsLargeBodies();
    void closesIdleConnectionAfterTimeout();
    void knowsThePeersAddress();
    void stopDoesNotWaitForIdleConnections();
};

void TestKeepAliveHttpServer::servesRequestsAfterIdlePauses()
{
    // Pauses longer than httplib's 10 ms polls, on one connection.
    RunningServer server;
    Connection c(server.port());
    QVERIFY(c.connected());
    for (const char *text : {"a", "b", "c", "d"}) {
        QVERIFY(c.send(get(std::string("/echo?text=").append(text))));
        QCOMPARE(c.readResponse(), std::string(text));
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
}

void TestKeepAliveHttpServer::answersPipelinedRequests()
{
    // Three requests in one segment: the bytes of the second and third, read along with the
    // first, must not be lost between requests.
    RunningServer server;
    Connection c(server.port());
    QVERIFY(c.send(get("/echo?text=one") + get("/echo?text=two") + get("/echo?text=three")));
    QCOMPARE(c.readResponse(), std::string("one"));
    QCOMPARE(c.readResponse(), std::string("two"));
    QCOMPARE(c.readResponse(), std::string("three"));
}

void TestKeepAliveHttpServer::readsLargeBodies()
{
    // 4 MB (an upsert batch) and then a small request on the same connection.
    RunningServer server;
    Connection c(server.port());
    std::string body(4'000'000, '\0');
    size_t sum = 0;
    for (size_t i = 0; i < body.size(); ++i) {
        body[i] = char('a' + i % 26);
        sum += static_cast<unsigned char>(body[i]);
    }
    QVERIFY(c.send("POST /size HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                   "Content-Length: "
        + std::to_string(body.size()) + "\r\n\r\n" + body));
    QCOMPARE(c.readResponse(), std::to_string(body.size()) + " " + std::to_string(sum));
    QVERIFY(c.send(get("/echo?text=after")));
    QCOMPARE(c.readResponse(), std::string("after"));
}

void TestKeepAliveHttpServer::closesIdleConnectionAfterTimeout()
{
    RunningServer server(1);
    Connection c(server.port());
    QVERIFY(c.send(get("/echo?text=x")));
    QCOMPARE(c.readResponse(), std::string("x"));
    QVERIFY(!c.closedWithin(500)); // still open well inside the second
    QVERIFY(c.closedWithin(3000));
}

void TestKeepAliveHttpServer::knowsThePeersAddress()
{
    RunningServer server;
    Connection c(server.port());
    QVERIFY(c.send(get("/peer")));
    QCOMPARE(c.readResponse(), std::string("127.0.0.1"));
}

void TestKeepAliveHttpServer::stopDoesNotWaitForIdleConnections()
{
    // httplib 0.11's own loop let stop() wait out the keep-alive timeout (here 30 s).
    RunningServer server(30);
    Connection c(server.port());
    QVERIFY(c.send(get("/echo?text=x")));
    QCOMPARE(c.readResponse(), std::string("x"));
    QElapsedTimer clock;
    clock.start();
    server.stop();
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(c.closedWithin(1000));
}

QTEST_GUILESS_MAIN(TestKeepAliveHttpServer)
#include "tst_keepalivehttpserver.moc"
