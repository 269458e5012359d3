// floattext_exhaustive: floattext::write against std::to_chars for all 2^32 float bit patterns.
// Not a ctest (minutes of CPU on two cores); run it after touching net/floattext.cpp:
//   floattext_exhaustive [--threads N]
// Prints the mismatches (at most 20) and exits 1 if there was any.

#include "floattext.h"

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char **argv)
{
    unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--threads" && i + 1 < argc) {
            threads = unsigned(std::max(1, std::atoi(argv[++i])));
        } else {
            std::fprintf(stderr, "usage: floattext_exhaustive [--threads N]\n");
            return 2;
        }
    }
    constexpr std::uint64_t kPatterns = std::uint64_t(1) << 32;
    constexpr std::uint64_t kChunk = std::uint64_t(1) << 24;
    std::atomic<std::uint64_t> nextChunk {0};
    std::atomic<std::uint64_t> mismatches {0};
    std::atomic<std::uint64_t> chunksDone {0};
    std::mutex printMutex;
    const auto start = std::chrono::steady_clock::now();

    const auto work = [&] {
        for (std::uint64_t chunk; (chunk = nextChunk.fetch_add(1)) < kPatterns / kChunk;) {
            for (std::uint64_t b = chunk * kChunk; b < (chunk + 1) * kChunk; ++b) {
                const auto bits = std::uint32_t(b);
                float value;
                std::memcpy(&value, &bits, sizeof value);
                char expected[64];
                const char *expectedEnd
                    = std::to_chars(expected, expected + sizeof expected, value).ptr;
                char actual[floattext::kRoom];
                const char *actualEnd = floattext::write(actual, value);
                const auto length = size_t(expectedEnd - expected);
                if (size_t(actualEnd - actual) == length
                    && std::memcmp(expected, actual, length) == 0) {
                    continue;
                }
                if (mismatches.fetch_add(1) < 20) {
                    std::lock_guard lock(printMutex);
                    std::printf("%08x: to_chars \"%.*s\", floattext \"%.*s\"\n", unsigned(bits),
                        int(length), expected, int(actualEnd - actual), actual);
                }
            }
            const std::uint64_t done = chunksDone.fetch_add(1) + 1;
            if (done % 32 == 0) {
                std::lock_guard lock(printMutex);
                std::printf("%3llu / 256 chunks\n", static_cast<unsigned long long>(done));
                std::fflush(stdout);
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(work);
    for (std::thread &t : pool)
        t.join();

    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%llu bit patterns, %llu mismatches, %.0f s on %u threads\n",
        static_cast<unsigned long long>(kPatterns),
        static_cast<unsigned long long>(mismatches.load()), seconds, threads);
    return mismatches == 0 ? 0 : 1;
}
