#include "histogrambins.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

// The smallest of 1, 2, 2.5, 5 times a power of ten that is at least raw.
double niceStep(double raw)
{
    if (!(raw > 0))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * power >= raw * (1 - 1e-12))
            return m * power;
    }
    return 10 * power;
}

// The next readable step after step.
double nextStep(double step)
{
    return niceStep(step * 1.0001);
}

QString number(double value)
{
    // Steps are readable numbers, so 6 significant digits print them exactly.
    const double rounded = std::abs(value) < 1e-9 ? 0.0 : value;
    return QString::number(rounded, 'g', 6);
}

} // namespace

HistogramBins HistogramBins::fixed(double lo, double step, int count, bool lastOpen)
{
    HistogramBins bins;
    bins.m_lo = lo;
    bins.m_step = step;
    bins.m_count = std::max(0, count);
    bins.m_lastOpen = lastOpen;
    return bins;
}

HistogramBins HistogramBins::fit(const QList<double> &values, int maxBins)
{
    HistogramBins bins;
    maxBins = std::max(1, maxBins);
    std::vector<double> finite;
    finite.reserve(size_t(values.size()));
    for (double v : values) {
        if (std::isfinite(v))
            finite.push_back(v);
    }
    if (finite.empty())
        return bins;
    const auto [minIt, maxIt] = std::minmax_element(finite.begin(), finite.end());
    const double min = *minIt;
    const double max = *maxIt;
    double upper = max;
    if (finite.size() >= 100) {
        auto q99It = finite.begin() + std::ptrdiff_t(double(finite.size() - 1) * 0.99);
        std::nth_element(finite.begin(), q99It, finite.end());
        const double q99 = *q99It;
        if (q99 > min && max > q99 + 3 * (q99 - min)) {
            upper = q99;
            bins.m_lastOpen = true;
        }
    }
    const double span = upper - min;
    double step = span > 0 ? niceStep(span / maxBins) : niceStep(std::max(std::abs(min), 1.0) / 10);
    for (;;) {
        // 1.2 / 0.2 is 5.999...: a rounding error must not add a bin below the lowest value.
        const double lo = std::floor(min / step + 1e-9) * step;
        double hi = std::ceil(upper / step - 1e-9) * step;
        if (bins.m_lastOpen && hi <= upper)
            hi += step; // the open bin starts above the 99th percentile
        if (hi <= lo)
            hi = lo + step;
        const int count = int(std::llround((hi - lo) / step));
        if (count <= maxBins || count <= 1) {
            bins.m_lo = lo;
            bins.m_step = step;
            bins.m_count = std::max(1, count);
            break;
        }
        step = nextStep(step);
    }
    return bins;
}

int HistogramBins::binOf(double value) const
{
    // Edges are multiples of readable steps printed to 6 digits: a value a rounding error
    // below an edge (0.3 against 3 * 0.1) is on it, and belongs to the bin above, as the
    // label's "[a, b)" says.
    const double tolerance = m_step * 1e-9;
    if (m_count == 0 || !std::isfinite(value) || value < m_lo - tolerance)
        return -1;
    int bin = std::max(0, int(std::floor((value - m_lo) / m_step)));
    if (value >= edge(bin + 1) - tolerance)
        ++bin;
    if (bin < m_count)
        return bin;
    if (m_lastOpen || value <= edge(m_count) + tolerance)
        return m_count - 1;
    return -1;
}

QString HistogramBins::label(int i) const
{
    if (m_lastOpen && i == m_count - 1)
        return QStringLiteral("≥ %1").arg(number(edge(i)));
    return QStringLiteral("%1–%2").arg(number(edge(i)), number(edge(i + 1)));
}

QList<double> HistogramBins::counts(const QList<double> &values) const
{
    QList<double> counts(m_count, 0.0);
    for (double v : values) {
        const int bin = binOf(v);
        if (bin >= 0)
            counts[bin] += 1;
    }
    return counts;
}
