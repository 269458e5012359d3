#include "latencystats.h"

#include <algorithm>
#include <cmath>

namespace {

void push(QList<double> &ring, int &next, int windowSize, double value)
{
    if (ring.size() < windowSize) {
        ring.append(value);
        return;
    }
    ring[next] = value;
    next = (next + 1) % windowSize;
}

double percentile(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const double rank = std::ceil(p / 100.0 * double(sorted.size()));
    const qsizetype index = std::clamp<qsizetype>(qsizetype(rank), 1, sorted.size()) - 1;
    return sorted[index];
}

} // namespace

LatencyStats::LatencyStats(int windowSize)
    : m_windowSize(std::max(windowSize, 1))
{ }

void LatencyStats::record(const QString &operation, double clientMs, double serverMs)
{
    Window &window = m_windows[operation];
    ++window.total;
    push(window.clientMs, window.nextClient, m_windowSize, clientMs);
    if (serverMs >= 0)
        push(window.overheadMs, window.nextOverhead, m_windowSize, clientMs - serverMs);
}

LatencySummary LatencyStats::summary(const QString &operation) const
{
    LatencySummary result;
    const auto it = m_windows.constFind(operation);
    if (it == m_windows.cend())
        return result;
    QList<double> client = it->clientMs;
    std::sort(client.begin(), client.end());
    QList<double> overhead = it->overheadMs;
    std::sort(overhead.begin(), overhead.end());
    result.count = int(client.size());
    result.total = it->total;
    result.p50Ms = percentile(client, 50);
    result.p95Ms = percentile(client, 95);
    result.p99Ms = percentile(client, 99);
    result.overheadP50Ms = percentile(overhead, 50);
    result.overheadP99Ms = percentile(overhead, 99);
    return result;
}

QList<QString> LatencyStats::operations() const
{
    QList<QString> names = m_windows.keys();
    std::sort(names.begin(), names.end());
    return names;
}

void LatencyStats::clear()
{
    m_windows.clear();
}
