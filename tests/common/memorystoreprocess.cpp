#include "memorystoreprocess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

MemoryStoreProcess::MemoryStoreProcess(QStringList extraArgs) : m_extraArgs(std::move(extraArgs))
{}

MemoryStoreProcess::~MemoryStoreProcess()
{
    stop();
}

QString MemoryStoreProcess::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

bool MemoryStoreProcess::start(int timeoutMs)
{
    const QString binary = qEnvironmentVariable("MC_STORE_BIN");
    if (binary.isEmpty()) {
        m_error = QStringLiteral("MC_STORE_BIN is not set (run the test through ctest)");
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    QStringList args = {QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"), QStringLiteral("0"),
                        QStringLiteral("--data"), m_dataDir.path()};
    args += m_extraArgs;
    m_process->start(binary, args);
    if (!m_process->waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(binary, m_process->errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on http://[^:]+:(\\d+)"));
    QByteArray out;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(deadline.remainingTime())))
            break;
        out += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_port = match.captured(1).toInt();
            return true;
        }
    }
    m_error = QStringLiteral("memory-store did not report a port; stderr: %1")
                  .arg(QString::fromUtf8(m_process->readAllStandardError()));
    return false;
}

void MemoryStoreProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    m_process.reset();
}

void MemoryStoreProcess::stop()
{
    if (!m_process)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000))
        m_process->kill();
    m_process->waitForFinished(5000);
    m_process.reset();
}
