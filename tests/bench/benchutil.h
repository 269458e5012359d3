#pragma once

// Small helpers shared by the benchmark programs: timing (wall and thread CPU), percentiles,
// JSON float text, and a parallel loop for building request bodies.

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double millisSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// Nearest-rank percentile (p in [0, 100]) of unsorted samples; 0 for none.
inline double percentile(std::vector<double> samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const double rank = std::ceil(p / 100.0 * double(samples.size()));
    const size_t index = size_t(std::clamp(rank, 1.0, double(samples.size()))) - 1;
    return samples[index];
}

inline double median(std::vector<double> values)
{
    return percentile(std::move(values), 50);
}

/// Appends a float in std::to_chars' shortest round-trip form, which is what a fast JSON
/// writer produces and what a parser must read back bit-exactly.
inline void appendFloat(std::string &out, float value)
{
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    out.append(text, result.ptr);
}

/// A deterministic unit-length vector that looks like an embedding: Gaussian components,
/// normalised, so values sit around +-0.025 and print with 8-9 significant digits.
inline std::vector<float> embedding(std::mt19937_64 &rng, size_t dims)
{
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> v(dims);
    double norm = 0;
    for (float &x : v) {
        x = normal(rng);
        norm += double(x) * x;
    }
    const float scale = float(1.0 / std::sqrt(norm > 0 ? norm : 1.0));
    for (float &x : v)
        x *= scale;
    return v;
}

/// Appends `[f0,f1,...]`.
inline void appendFloatArray(std::string &out, const std::vector<float> &values)
{
    out.push_back('[');
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            out.push_back(',');
        appendFloat(out, values[i]);
    }
    out.push_back(']');
}

/// CPU time of the calling thread.
class ThreadClock
{
public:
    ThreadClock() { restart(); }
    void restart() { m_start = now(); }
    double elapsedNs() const { return now() - m_start; }

private:
    static double now()
    {
        timespec t {};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e9 + double(t.tv_nsec);
    }
    double m_start = 0;
};

/// Runs `work(i)` for i in [0, count) on every hardware thread (Index: size_t, qsizetype, ...).
template <typename Index, typename Work> void parallelFor(Index count, Work work)
{
    std::atomic<Index> next {0};
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t) {
        threads.emplace_back([&] {
            for (Index i; (i = next.fetch_add(1)) < count;)
                work(i);
        });
    }
    for (std::thread &t : threads)
        t.join();
}

} // namespace bench
