#include "storeprocess.h"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

StoreProcess::~StoreProcess()
{
    stop();
}

bool StoreProcess::start(const std::string &binary, int timeoutSeconds)
{
    stop();
    std::string pattern = (std::filesystem::temp_directory_path() / "memory-store-bench-XXXXXX");
    if (!::mkdtemp(pattern.data())) {
        m_error = std::string("mkdtemp: ") + std::strerror(errno);
        return false;
    }
    m_dataDir = pattern;

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        m_error = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        m_error = std::string("fork: ") + std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        return false;
    }
    if (pid == 0) {
        // A benchmark killed mid-run must not leave a server behind holding gigabytes.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(126);
        ::dup2(fds[1], STDOUT_FILENO);
        const char *argv[] = {binary.c_str(), "--host", "127.0.0.1", "--port", "0", "--data",
            m_dataDir.c_str(), nullptr};
        ::execv(binary.c_str(), const_cast<char *const *>(argv));
        std::fprintf(stderr, "cannot execute %s: %s\n", binary.c_str(), std::strerror(errno));
        ::_exit(127);
    }
    ::close(fds[1]);
    m_pid = pid;
    m_stdout = fds[0];
    if (!readListeningLine(timeoutSeconds)) {
        const std::string why = m_error;
        stop();
        m_error = why;
        return false;
    }
    const int fd = m_stdout;
    m_drain = std::thread([fd] {
        char sink[4096];
        while (::read(fd, sink, sizeof sink) > 0) { }
    });
    return true;
}

bool StoreProcess::readListeningLine(int timeoutSeconds)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    std::string text;
    for (;;) {
        // The line may come after other output; only a complete line is parsed.
        for (size_t lineEnd; (lineEnd = text.find('\n')) != std::string::npos;
             text.erase(0, lineEnd + 1)) {
            const std::string line = text.substr(0, lineEnd);
            const std::string prefix = "listening on http://";
            const size_t at = line.find(prefix);
            if (at == std::string::npos)
                continue;
            const std::string address = line.substr(at + prefix.size());
            const size_t colon = address.rfind(':');
            unsigned port = 0;
            if (colon == std::string::npos
                || std::from_chars(
                       address.data() + colon + 1, address.data() + address.size(), port)
                        .ec
                    != std::errc()
                || port == 0 || port > 65535) {
                m_error = "cannot parse the address in: " + line;
                return false;
            }
            m_host = address.substr(0, colon);
            if (m_host.size() > 2 && m_host.front() == '[')
                m_host = m_host.substr(1, m_host.size() - 2);
            m_port = uint16_t(port);
            return true;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            m_error = "no \"listening on\" line within " + std::to_string(timeoutSeconds) + " s";
            return false;
        }
        pollfd pfd {m_stdout, POLLIN, 0};
        if (::poll(&pfd, 1, int(left.count())) <= 0)
            continue;
        char buffer[4096];
        const ssize_t n = ::read(m_stdout, buffer, sizeof buffer);
        if (n <= 0) {
            int status = 0;
            ::waitpid(m_pid, &status, 0);
            m_pid = -1;
            m_error = "memory-store exited before listening ("
                + (WIFEXITED(status) ? "exit code " + std::to_string(WEXITSTATUS(status))
                                     : "signal " + std::to_string(WTERMSIG(status)))
                + ")";
            return false;
        }
        text.append(buffer, size_t(n));
    }
}

void StoreProcess::stop()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        int status = 0;
        bool reaped = false;
        for (int i = 0; i < 200 && !reaped; ++i) {
            reaped = ::waitpid(m_pid, &status, WNOHANG) == m_pid;
            if (!reaped)
                ::usleep(50'000);
        }
        if (!reaped) {
            std::fprintf(stderr, "memory-store did not stop within 10 s of SIGTERM: killing it\n");
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
        }
        m_pid = -1;
    }
    if (m_drain.joinable())
        m_drain.join();
    if (m_stdout >= 0)
        ::close(m_stdout);
    m_stdout = -1;
    if (!m_dataDir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(m_dataDir, ignored);
        m_dataDir.clear();
    }
    m_port = 0;
}

bool StoreProcess::isRunning()
{
    if (m_pid <= 0)
        return false;
    if (::waitpid(m_pid, nullptr, WNOHANG) == 0)
        return true;
    m_pid = -1; // Reaped: never signal that pid again, it may belong to someone else now.
    return false;
}

long StoreProcess::statusKb(const char *field) const
{
    if (m_pid <= 0)
        return -1;
    std::ifstream status("/proc/" + std::to_string(m_pid) + "/status");
    const std::string prefix = std::string(field) + ":";
    for (std::string line; std::getline(status, line);) {
        if (line.compare(0, prefix.size(), prefix) == 0)
            return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
    }
    return -1;
}

double StoreProcess::cpuSeconds() const
{
    if (m_pid <= 0)
        return -1;
    std::ifstream stat("/proc/" + std::to_string(m_pid) + "/stat");
    std::string text;
    std::getline(stat, text);
    // The command name (field 2) may contain spaces; the fields after its ')' are fixed.
    const size_t close = text.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream fields(text.substr(close + 2));
    std::string skip;
    for (int field = 3; field < 14; ++field)
        fields >> skip;
    long long utime = 0;
    long long stime = 0;
    fields >> utime >> stime;
    if (!fields)
        return -1;
    return double(utime + stime) / double(::sysconf(_SC_CLK_TCK));
}
