#pragma once

#include <QHash>
#include <QList>
#include <QString>

/// Percentiles of one operation's recent latencies.
struct LatencySummary
{
    int count = 0; ///< samples in the window (at most LatencyStats::windowSize())
    qint64 total = 0; ///< samples ever recorded
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    /// Client time minus the server's own `time`: what the network and the client cost.
    /// Zero when no sample of the window carried a server time.
    double overheadP50Ms = 0;
    double overheadP99Ms = 0;
};

/// Client-side latency per operation over a bounded window of the most recent samples, so a
/// long session neither grows memory nor hides today's slowness behind yesterday's average.
class LatencyStats final
{
public:
    explicit LatencyStats(int windowSize = 512);

    /// Records one completed request; serverMs < 0 when the server did not report its time.
    void record(const QString &operation, double clientMs, double serverMs = -1);
    /// Nearest-rank percentiles of the operation's window; all zero for an unknown operation.
    LatencySummary summary(const QString &operation) const;
    /// Operations seen so far, sorted.
    QList<QString> operations() const;
    void clear();
    int windowSize() const { return m_windowSize; }

private:
    struct Window
    {
        QList<double> clientMs; ///< ring buffer
        QList<double> overheadMs; ///< ring buffer, only samples with a server time
        int nextClient = 0;
        int nextOverhead = 0;
        qint64 total = 0;
    };

    int m_windowSize;
    QHash<QString, Window> m_windows;
};
