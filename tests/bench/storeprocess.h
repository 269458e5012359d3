#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <thread>

/// memory-store running as a child process for a benchmark: a fresh data directory, a free
/// loopback port (--port 0), and the address taken from its `listening on http://HOST:PORT`
/// line. The destructor stops the server and removes the data directory, so a benchmark that
/// fails half-way leaves nothing behind.
class StoreProcess
{
public:
    StoreProcess() = default;
    ~StoreProcess();
    StoreProcess(const StoreProcess &) = delete;
    StoreProcess &operator=(const StoreProcess &) = delete;

    /// Starts `binary` and waits up to timeoutSeconds for its "listening on" line.
    bool start(const std::string &binary, int timeoutSeconds = 60);
    /// SIGTERM, then SIGKILL after a grace period; removes the data directory.
    void stop();

    const std::string &host() const { return m_host; }
    uint16_t port() const { return m_port; }
    pid_t pid() const { return m_pid; }
    const std::string &dataDir() const { return m_dataDir; }
    /// Why start() failed.
    const std::string &error() const { return m_error; }

    /// A field of /proc/PID/status in kB (VmRSS, VmHWM, ...); -1 when unavailable.
    long statusKb(const char *field) const;
    /// CPU time (user + system) the child has used so far, in seconds; -1 when unavailable.
    /// Compared with wall time it tells whether the server was busy or waiting.
    double cpuSeconds() const;
    /// True while the child has not exited.
    bool isRunning();

private:
    bool readListeningLine(int timeoutSeconds);

    pid_t m_pid = -1;
    int m_stdout = -1;
    std::string m_host;
    uint16_t m_port = 0;
    std::string m_dataDir;
    std::string m_error;
    /// Keeps reading the child's stdout, so that it never blocks on a full pipe.
    std::thread m_drain;
};
