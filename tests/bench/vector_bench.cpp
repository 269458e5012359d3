// vector_bench: the distance kernels and the exact vector search of memory-store
// (docs/decisions/0002-exact-vector-search.md).
//
//   vector_bench [--rows 100000] [--dim 1536] [--limit 10] [--reps 30]
//
// Prints four tables: ns per vector pair for each kernel (both vectors in L1, so this is the
// arithmetic cost), search latency over rows x dim (memory bandwidth bound) for one thread and
// for the parallel split at each SIMD level, the same while another thread keeps a core busy
// (as the console's UI or a compiler would), and the crossover where splitting starts to pay.

#include "distance.h"
#include "exactvectorindex.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace mstore;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// Nearest-rank percentile of unsorted samples.
double percentile(std::vector<double> samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const double rank = std::ceil(p / 100.0 * double(samples.size()));
    return samples[size_t(std::clamp(rank, 1.0, double(samples.size()))) - 1];
}

/// xorshift64*: filling 150M floats with <random> would take longer than the benchmark.
struct Rng
{
    uint64_t state = 0x9E3779B97F4A7C15ull;
    float next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        const uint64_t x = state * 0x2545F4914F6CDD1Dull;
        return float(x >> 40) / float(1 << 24) * 2.0f - 1.0f; // [-1, 1)
    }
};

std::vector<float> unitVector(Rng &rng, size_t dim)
{
    std::vector<float> v(dim);
    for (float &x : v)
        x = rng.next();
    normalize(v.data(), dim);
    return v;
}

std::vector<SimdLevel> supportedLevels()
{
    std::vector<SimdLevel> levels;
    for (SimdLevel level : {SimdLevel::Scalar, SimdLevel::Avx2, SimdLevel::Avx512}) {
        if (level <= bestSimdLevel())
            levels.push_back(level);
    }
    return levels;
}

volatile float g_sink; // keeps the compiler from dropping the measured calls

void kernelTable(size_t dim)
{
    std::printf(
        "\n## Kernels: ns per %zu-dim pair, both vectors in L1 (median of 7 runs)\n\n", dim);
    std::printf("| kernel   | Dot / Cosine | Euclid | Manhattan |\n");
    std::printf("|----------|-------------:|-------:|----------:|\n");
    Rng rng;
    const std::vector<float> a = unitVector(rng, dim), b = unitVector(rng, dim);
    const size_t iterations = std::max<size_t>(1000, 200'000'000 / std::max<size_t>(dim, 1));
    for (SimdLevel level : supportedLevels()) {
        std::printf("| %-8s ", simdLevelName(level));
        for (Distance d : {Distance::Dot, Distance::Euclid, Distance::Manhattan}) {
            const ScoreFunction f = scoreFunction(level, d);
            std::vector<double> runs;
            for (int run = 0; run < 7; ++run) {
                float sum = 0;
                const auto start = Clock::now();
                for (size_t i = 0; i < iterations; ++i)
                    sum += f(a.data(), b.data(), dim);
                runs.push_back(msSince(start) * 1e6 / double(iterations));
                g_sink = sum;
            }
            std::printf("| %*.1f ",
                d == Distance::Dot          ? 12
                    : d == Distance::Euclid ? 6
                                            : 9,
                percentile(runs, 50));
        }
        std::printf("|\n");
    }
}

struct Latency
{
    double p50;
    double p99;
};

Latency measureSearch(const ExactVectorIndex &index, const std::vector<std::vector<float>> &queries,
    size_t limit, int reps)
{
    for (int i = 0; i < 2; ++i) // warm-up
        g_sink = index.search(queries[0].data(), limit, RowFilter(), std::nullopt)[0].score;
    std::vector<double> samples;
    for (int i = 0; i < reps; ++i) {
        const auto start = Clock::now();
        const auto result = index.search(
            queries[size_t(i) % queries.size()].data(), limit, RowFilter(), std::nullopt);
        samples.push_back(msSince(start));
        g_sink = result[0].score;
    }
    return {percentile(samples, 50), percentile(samples, 99)};
}

double threadSpawnMicros()
{
    std::vector<double> samples;
    for (int i = 0; i < 200; ++i) {
        const auto start = Clock::now();
        std::thread t([] { g_sink = 1.0f; });
        t.join();
        samples.push_back(msSince(start) * 1000.0);
    }
    return percentile(samples, 50);
}

} // namespace

int main(int argc, char **argv)
{
    size_t rows = 100000, dim = 1536, limit = 10;
    int reps = 30;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const long value = std::strtol(argv[i + 1], nullptr, 10);
        if (value <= 0) {
            std::fprintf(stderr, "bad value for %s\n", flag.c_str());
            return 2;
        }
        if (flag == "--rows")
            rows = size_t(value);
        else if (flag == "--dim")
            dim = size_t(value);
        else if (flag == "--limit")
            limit = size_t(value);
        else if (flag == "--reps")
            reps = int(value);
        else {
            std::fprintf(
                stderr, "usage: %s [--rows N] [--dim D] [--limit K] [--reps R]\n", argv[0]);
            return 2;
        }
    }
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    std::printf("# vector_bench: CPU supports up to %s, default kernels %s, %u hardware threads\n",
        simdLevelName(bestSimdLevel()), simdLevelName(defaultSimdLevel()), hw);

    kernelTable(dim);

    // The collection: unit vectors (Cosine), filled row by row as upserts would.
    Rng rng;
    ExactVectorIndex index(dim, Distance::Cosine);
    {
        std::vector<float> v(dim);
        for (size_t row = 0; row < rows; ++row) {
            for (float &x : v)
                x = rng.next();
            normalize(v.data(), dim);
            index.set(uint32_t(row), v.data());
        }
    }
    std::vector<std::vector<float>> queries;
    queries.reserve(8);
    for (int i = 0; i < 8; ++i)
        queries.push_back(unitVector(rng, dim));

    const double megabytes = double(rows) * double(dim) * sizeof(float) / 1e6;
    std::printf("\n## Search: %zu rows x %zu dims (%.0f MB), Cosine, top %zu, %d searches\n\n",
        rows, dim, megabytes, limit, reps);
    std::printf("| kernel   | threads | p50 ms | p99 ms | GB/s at p50 |\n");
    std::printf("|----------|--------:|-------:|-------:|------------:|\n");
    for (SimdLevel level : supportedLevels()) {
        index.setSimdLevel(level);
        for (unsigned threads : {1u, 0u}) {
            index.setMaxThreads(threads);
            const Latency l = measureSearch(index, queries, limit, reps);
            std::printf("| %-8s | %7u | %6.2f | %6.2f | %11.1f |\n", simdLevelName(level),
                threads ? threads : hw, l.p50, l.p99, megabytes / 1e3 / (l.p50 / 1e3));
        }
    }
    index.setSimdLevel(defaultSimdLevel());

    // The same with one more thread than cores spinning: a worker then gets a core only part
    // of the time, which is what the block-claiming split is for.
    std::printf(
        "\n## Search while 1 other thread spins (%s)\n\n", simdLevelName(defaultSimdLevel()));
    std::printf("| threads | p50 ms | p99 ms |\n");
    std::printf("|--------:|-------:|-------:|\n");
    {
        std::atomic<bool> stop = false;
        std::thread spinner([&stop] {
            unsigned x = 1;
            while (!stop.load(std::memory_order_relaxed))
                x = x * 1664525u + 1013904223u;
            g_sink = float(x);
        });
        for (unsigned threads : {1u, 0u}) {
            index.setMaxThreads(threads);
            const Latency l = measureSearch(index, queries, limit, reps);
            std::printf("| %7u | %6.2f | %6.2f |\n", threads ? threads : hw, l.p50, l.p99);
        }
        stop = true;
        spinner.join();
    }
    index.setMaxThreads(0);

    // Where does a second thread start to pay? Smaller indexes of the same vectors, split
    // regardless of size versus never.
    std::printf("\n## Crossover (%s, top %zu): std::thread start+join %.1f us\n\n",
        simdLevelName(defaultSimdLevel()), limit, threadSpawnMicros());
    std::printf("| rows   | floats scanned | 1 thread p50 ms | %u threads p50 ms |\n", hw);
    std::printf("|-------:|---------------:|----------------:|-----------------:|\n");
    for (size_t n :
        {size_t(250), size_t(500), size_t(1000), size_t(2000), size_t(5000), size_t(20000)}) {
        if (n > rows)
            break;
        ExactVectorIndex small(dim, Distance::Cosine);
        for (size_t row = 0; row < n; ++row)
            small.set(uint32_t(row), index.vector(uint32_t(row)));
        small.setMaxThreads(1);
        const Latency one = measureSearch(small, queries, limit, std::max(reps, 50));
        small.setMaxThreads(0);
        small.setMinFloatsPerThread(1);
        const Latency split = measureSearch(small, queries, limit, std::max(reps, 50));
        std::printf("| %6zu | %14zu | %15.3f | %16.3f |\n", n, n * dim, one.p50, split.p50);
    }
    return 0;
}
