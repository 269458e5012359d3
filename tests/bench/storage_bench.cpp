// storage_bench: how fast mstore::Storage persists points and reloads them.
//
// Writes N points (default 100,000 x 1536 float32 + a 12-field ~600-byte JSON payload) in
// batches of 256 writePoints calls, as memory-store does for an upsert, then closes, reopens
// and streams every point back. Numbers and the tuning they led to:
// docs/decisions/0003-storage-sqlite-wal.md.
//
//   storage_bench [--points N] [--dims D] [--batch B] [--ids int|uuid] [--dir DIR] [--keep]

#include "storage.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace mstore;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of this thread: on a shared machine wall time also counts other processes'
// turns, CPU time does not (nor does waiting for the disk).
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

uint64_t splitmix(uint64_t &state)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

PointId makeId(uint64_t n, bool uuid)
{
    if (!uuid)
        return PointId(n);
    // Random-looking UUIDs, so that the index receives them out of order as real ones do.
    uint64_t state = n;
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", (unsigned long long)splitmix(state),
                  (unsigned long long)splitmix(state));
    return *PointId::fromUuid(text);
}

// A 12-field payload of about 600 bytes, shaped like an agent memory.
std::string makePayload(uint64_t n, uint64_t &rng)
{
    static const char *const kWords[] = {"the", "user", "prefers", "dark", "mode", "and",
                                         "short", "answers", "about", "rust", "deploy",
                                         "friday", "meeting", "notes", "project", "alpha"};
    std::string text;
    while (text.size() < 280) {
        if (!text.empty())
            text.push_back(' ');
        text += kWords[splitmix(rng) % std::size(kWords)];
    }
    char buf[1024];
    const int size = std::snprintf(
        buf, sizeof buf,
        R"({"text":"%s","user_id":"user-%llu","agent_id":"agent-%llu","run_id":"run-%llu",)"
        R"("memory_type":"episodic","created_at":"2024-05-%02lluT12:%02llu:%02lluZ",)"
        R"("updated_at":"2024-06-%02lluT08:%02llu:%02lluZ","importance":0.%03llu,)"
        R"("access_count":%llu,"tags":["work","preferences","tag-%llu"],"source":"chat",)"
        R"("hash":"%016llx%016llx"})",
        text.c_str(), (unsigned long long)(n % 97), (unsigned long long)(n % 13),
        (unsigned long long)(n / 1000), (unsigned long long)(1 + n % 28),
        (unsigned long long)(n % 60), (unsigned long long)(n * 7 % 60),
        (unsigned long long)(1 + n % 28), (unsigned long long)(n * 3 % 60),
        (unsigned long long)(n * 11 % 60), (unsigned long long)(splitmix(rng) % 1000),
        (unsigned long long)(n % 50), (unsigned long long)(n % 20),
        (unsigned long long)splitmix(rng), (unsigned long long)splitmix(rng));
    return std::string(buf, size_t(size));
}

uintmax_t directorySize(const std::filesystem::path &dir)
{
    uintmax_t total = 0;
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_regular_file())
            total += entry.file_size();
    }
    return total;
}

[[noreturn]] void usage()
{
    std::fprintf(stderr, "usage: storage_bench [--points N] [--dims D] [--batch B] "
                         "[--ids int|uuid] [--dir DIR] [--keep]\n");
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    uint64_t points = 100000;
    size_t dims = 1536;
    size_t batch = 256;
    bool uuids = false;
    bool keep = false;
    std::string dir;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--points" && hasValue)
            points = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--dims" && hasValue)
            dims = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--batch" && hasValue)
            batch = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--ids" && hasValue)
            uuids = std::strcmp(argv[++i], "uuid") == 0;
        else if (arg == "--dir" && hasValue)
            dir = argv[++i];
        else if (arg == "--keep")
            keep = true;
        else
            usage();
    }
    if (batch == 0 || dims == 0)
        usage();

    bool madeDir = false;
    if (dir.empty()) {
        std::string templ = (std::filesystem::temp_directory_path() / "storage_bench.XXXXXX");
        if (!mkdtemp(templ.data())) {
            std::perror("mkdtemp");
            return 1;
        }
        dir = templ;
        madeDir = true;
    }

    std::printf("storage_bench: %llu points x %zu dims, batches of %zu, %s ids, in %s\n",
                (unsigned long long)points, dims, batch, uuids ? "uuid" : "integer", dir.c_str());

    double writeSeconds = 0;
    double writeCpuSeconds = 0;
    double checkpointSeconds = 0;
    double closeSeconds = 0;
    size_t payloadBytes = 0;
    const auto wallStart = Clock::now();
    try {
        auto storage = std::make_unique<Storage>(dir);
        storage->putCollection("bench",
                               Json{{"vectors", {{"size", dims}, {"distance", "Cosine"}}}});

        std::vector<PersistedPoint> rows(batch);
        std::vector<const PersistedPoint *> pointers;
        uint64_t rng = 42;
        uint64_t done = 0;
        uint64_t reportedAt = 0;
        double reportedSeconds = 0;
        std::printf("%10s %12s %12s\n", "points", "points/s", "(interval)");
        while (done < points) {
            // Building the batch is the client's work and stays outside the measurement.
            const size_t n = size_t(std::min<uint64_t>(batch, points - done));
            pointers.clear();
            for (size_t i = 0; i < n; ++i) {
                PersistedPoint &p = rows[i];
                p.id = makeId(done + i, uuids);
                p.version = done + i + 1;
                p.payloadJson = makePayload(done + i, rng);
                payloadBytes += p.payloadJson.size();
                std::vector<float> &v = p.vectors[""];
                v.resize(dims);
                for (float &f : v)
                    f = float(int64_t(splitmix(rng) >> 40) - (int64_t(1) << 23)) / float(1 << 23);
                pointers.push_back(&p);
            }
            const auto start = Clock::now();
            const double cpuStart = threadCpuSeconds();
            storage->writePoints("bench", pointers, {});
            writeCpuSeconds += threadCpuSeconds() - cpuStart;
            writeSeconds += secondsSince(start);
            done += n;
            if (done - reportedAt >= points / 10 || done == points) {
                std::printf("%10llu %12.0f %12.0f\n", (unsigned long long)done,
                            double(done) / writeSeconds,
                            double(done - reportedAt) / (writeSeconds - reportedSeconds));
                reportedAt = done;
                reportedSeconds = writeSeconds;
            }
        }

        const auto checkpointStart = Clock::now();
        storage->checkpoint();
        checkpointSeconds = secondsSince(checkpointStart);
        const auto closeStart = Clock::now();
        storage.reset();
        closeSeconds = secondsSince(closeStart);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "storage_bench: %s\n", e.what());
        return 1;
    }
    const double wallSeconds = secondsSince(wallStart);
    const uintmax_t fileBytes = directorySize(dir);

    double openSeconds = 0;
    double loadSeconds = 0;
    uint64_t loaded = 0;
    double checksum = 0;
    try {
        const auto openStart = Clock::now();
        Storage storage(dir);
        const auto collections = storage.loadCollections();
        openSeconds = secondsSince(openStart);
        const auto loadStart = Clock::now();
        storage.loadPoints("bench", [&](PersistedPoint &&p) {
            ++loaded;
            checksum += p.vectors[""].front(); // keeps the decode from being optimised away
        });
        loadSeconds = secondsSince(loadStart);
        (void)collections;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "storage_bench: %s\n", e.what());
        return 1;
    }

    const double rowBytes
        = double(dims * 4) + double(payloadBytes) / double(std::max<uint64_t>(points, 1));
    std::printf("\nwrite      %10.0f points/s  %8.1f MB/s of rows  (%.2f s in writePoints, "
                "%.2f s wall incl. generating)\n",
                double(points) / writeSeconds, double(points) * rowBytes / writeSeconds / 1e6,
                writeSeconds, wallSeconds);
    std::printf("write cpu  %10.2f s in writePoints (%.0f points per CPU second)\n",
                writeCpuSeconds, double(points) / writeCpuSeconds);
    std::printf("checkpoint %10.2f s (TRUNCATE, after the last batch); close %.2f s\n",
                checkpointSeconds, closeSeconds);
    std::printf("files      %10.1f MB on disk (%.0f bytes per point; payload %.0f bytes)\n",
                double(fileBytes) / 1e6, double(fileBytes) / double(std::max<uint64_t>(points, 1)),
                double(payloadBytes) / double(std::max<uint64_t>(points, 1)));
    std::printf("reopen     %10.3f s (open + loadCollections; warm OS page cache)\n", openSeconds);
    std::printf("load       %10.2f s  %10.0f points/s  (%llu points streamed, checksum %.3f)\n",
                loadSeconds, double(loaded) / loadSeconds, (unsigned long long)loaded, checksum);

    if (loaded != points) {
        std::fprintf(stderr, "storage_bench: loaded %llu points, wrote %llu\n",
                     (unsigned long long)loaded, (unsigned long long)points);
        return 1;
    }
    if (madeDir && !keep)
        std::filesystem::remove_all(dir);
    return 0;
}
