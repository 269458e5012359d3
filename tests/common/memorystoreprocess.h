#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

/// A memory-store child process on a free loopback port, for integration tests.
/// The binary comes from $MC_STORE_BIN (set by ctest). The data directory is a temporary
/// folder that outlives restarts, so durability tests can kill -9 and start again.
class MemoryStoreProcess
{
public:
    explicit MemoryStoreProcess(QStringList extraArgs = {});
    ~MemoryStoreProcess();

    /// Starts the server and waits for its "listening on" line. Returns false (see error())
    /// when it does not come up within the timeout.
    bool start(int timeoutMs = 10000);
    /// SIGKILL: no shutdown, no flush; what was acknowledged must survive.
    void kill();
    /// SIGTERM and wait.
    void stop();

    int port() const { return m_port; }
    QString baseUrl() const;
    QString dataDir() const { return m_dataDir.path(); }
    QString error() const { return m_error; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }

private:
    QStringList m_extraArgs;
    QTemporaryDir m_dataDir;
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
    QString m_error;
};
