// store_bench: what `make bench` measures of memory-store, over its Qdrant REST API.
//
// Starts memory-store as a child process on a fresh data directory, creates a 1536-dim Cosine
// collection, upserts agent-memory-like points (vector + 12 payload fields) in batches of 256
// from 2 keep-alive connections, runs sequential top-10 queries with payload, and reads the
// server's RSS. Every request body is built before the clock starts, so the figures measure the
// server, not this program's JSON writing. Prints a table and merges the figures into a flat
// JSON object (--out).
//
// Usage: store_bench [--store-bin PATH] [--out FILE] [--points N] [--queries N]
//                    [--batch N] [--connections N] [--seed N]

#include "benchharness.h"
#include "benchutil.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace {

using bench::die;

constexpr size_t kDims = 1536;
constexpr size_t kLimit = 10;
constexpr double kTargetUpsertPerS = 10000;
constexpr double kTargetSearchP50Ms = 60;

struct Options
{
    std::string storeBin;
    std::string out;
    size_t points = 100000;
    size_t queries = 500;
    size_t batch = 256;
    size_t connections = 2;
    uint64_t seed = 1536;
};

std::string uuid(std::mt19937_64 &rng)
{
    static const char hex[] = "0123456789abcdef";
    const uint64_t hi = rng();
    const uint64_t lo = rng();
    std::string s;
    s.reserve(36);
    for (int i = 0; i < 32; ++i) {
        const uint64_t word = i < 16 ? hi : lo;
        int nibble = int((word >> ((15 - i % 16) * 4)) & 0xf);
        if (i == 12)
            nibble = 4; // Version 4.
        if (i == 16)
            nibble = 8 | (nibble & 3); // RFC 4122 variant.
        if (i == 8 || i == 12 || i == 16 || i == 20)
            s.push_back('-');
        s.push_back(hex[nibble]);
    }
    return s;
}

template <size_t N>
const char *pick(std::mt19937_64 &rng, const std::array<const char *, N> &values)
{
    return values[rng() % N];
}

/// Prose of about `chars` characters from a cloud-cost vocabulary (no characters that would
/// need JSON escaping).
std::string prose(std::mt19937_64 &rng, size_t chars)
{
    static const std::array<const char *, 40> words
        = {"instance", "utilization", "was", "below", "threshold", "for", "the", "last", "thirty",
            "days", "so", "we", "downsized", "cluster", "workload", "peak", "traffic", "reserved",
            "capacity", "commitment", "savings", "plan", "covered", "baseline", "spot",
            "interruption", "rate", "acceptable", "batch", "jobs", "storage", "moved", "to",
            "infrequent", "access", "tier", "after", "review", "of", "latency"};
    std::string s;
    s.reserve(chars + 16);
    bool sentenceStart = true;
    while (s.size() < chars) {
        std::string word = words[rng() % words.size()];
        if (sentenceStart)
            word[0] = char(word[0] - 'a' + 'A');
        if (!s.empty())
            s.push_back(' ');
        s += word;
        sentenceStart = rng() % 9 == 0;
        if (sentenceStart)
            s.push_back('.');
    }
    if (s.back() != '.')
        s.push_back('.');
    return s;
}

void appendRounded(std::string &out, double value, double scale)
{
    char text[32];
    const auto r = std::to_chars(text, text + sizeof text, std::round(value * scale) / scale);
    out.append(text, r.ptr);
}

/// The payload of an agent's cost-optimisation memory: ids, keywords, numbers, a date, text.
void appendPayload(
    std::string &out, std::mt19937_64 &rng, const std::vector<std::string> &customers)
{
    static const std::array<const char *, 8> types
        = {"rightsizing", "reserved_instances", "spot_migration", "storage_tiering",
            "idle_shutdown", "autoscaling_tuning", "savings_plan", "data_transfer"};
    static const std::array<const char *, 4> outcomes
        = {"success", "partial", "failed", "rolled_back"};
    static const std::array<const char *, 3> providers = {"aws", "gcp", "azure"};
    static const std::array<const char *, 4> awsTypes
        = {"m5.xlarge", "c6i.2xlarge", "r6g.large", "t3.medium"};
    static const std::array<const char *, 4> gcpTypes
        = {"n2-standard-4", "e2-medium", "c2-standard-8", "n2d-highmem-2"};
    static const std::array<const char *, 4> azureTypes
        = {"Standard_D4s_v5", "Standard_B2ms", "Standard_E8as_v5", "Standard_F4s_v2"};
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const size_t provider = rng() % providers.size();
    const char *instance = provider == 0 ? pick(rng, awsTypes)
        : provider == 1                  ? pick(rng, gcpTypes)
                                         : pick(rng, azureTypes);
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02dZ", 2023 + int(rng() % 3),
        1 + int(rng() % 12), 1 + int(rng() % 28), int(rng() % 24), int(rng() % 60),
        int(rng() % 60));

    out += R"({"optimization_id":")";
    out += uuid(rng);
    out += R"(","customer_id":")";
    out += customers[rng() % customers.size()];
    out += R"(","optimization_type":")";
    out += pick(rng, types);
    out += R"(","outcome":")";
    out += pick(rng, outcomes);
    out += R"(","savings_percent":)";
    appendRounded(out, unit(rng) * 60, 100);
    out += R"(,"cost_impact":)";
    appendRounded(out, -5000 + unit(rng) * 55000, 100);
    out += R"(,"execution_date":")";
    out += date;
    out += R"(","cloud_provider":")";
    out += providers[provider];
    out += R"(","instance_type":")";
    out += instance;
    out += R"(","decision_context":")";
    out += prose(rng, 190 + rng() % 20);
    out += R"(","confidence_score":)";
    appendRounded(out, 0.5 + unit(rng) * 0.5, 1000);
    out += R"(,"lessons_learned":")";
    out += prose(rng, 100 + rng() % 60);
    out += R"("})";
}

/// One upsert body: {"points":[{"id":N,"vector":[...],"payload":{...}},...]}. Each batch has its
/// own seed, so the data is the same whichever thread builds it.
std::string batchBody(
    const Options &options, size_t batchIndex, const std::vector<std::string> &customers)
{
    std::mt19937_64 rng(options.seed * 1'000'003 + batchIndex);
    const size_t first = batchIndex * options.batch;
    const size_t last = std::min(options.points, first + options.batch);
    std::string body;
    body.reserve((last - first) * (kDims * 13 + 800));
    body += R"({"points":[)";
    for (size_t id = first; id < last; ++id) {
        if (id != first)
            body += ',';
        body += R"({"id":)";
        body += std::to_string(id);
        body += R"(,"vector":)";
        bench::appendFloatArray(body, bench::embedding(rng, kDims));
        body += R"(,"payload":)";
        appendPayload(body, rng, customers);
        body += '}';
    }
    body += "]}";
    return body;
}

std::string queryBody(std::mt19937_64 &rng)
{
    std::string body = R"({"query":)";
    bench::appendFloatArray(body, bench::embedding(rng, kDims));
    body += R"(,"limit":)" + std::to_string(kLimit) + R"(,"with_payload":true})";
    return body;
}

RawHttpClient::Response call(RawHttpClient &client, std::string_view method, std::string_view path,
    std::string_view body = {})
{
    RawHttpClient::Response response = client.request(method, path, body);
    if (response.status == 0)
        die(std::string(method) + " " + std::string(path) + ": " + client.error());
    return response;
}

Options parseOptions(int argc, char **argv)
{
    Options options;
    auto number = [&](int &i) -> size_t {
        if (i + 1 >= argc)
            die(std::string(argv[i]) + " needs a value");
        char *end = nullptr;
        const unsigned long long v = std::strtoull(argv[++i], &end, 10);
        if (*end != '\0')
            die(std::string("not a number: ") + argv[i]);
        return size_t(v);
    };
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--store-bin" && i + 1 < argc) {
            options.storeBin = argv[++i];
        } else if (arg == "--out" && i + 1 < argc) {
            options.out = argv[++i];
        } else if (arg == "--points") {
            options.points = number(i);
        } else if (arg == "--queries") {
            options.queries = number(i);
        } else if (arg == "--batch") {
            options.batch = std::max<size_t>(1, number(i));
        } else if (arg == "--connections") {
            options.connections = std::max<size_t>(1, number(i));
        } else if (arg == "--seed") {
            options.seed = number(i);
        } else {
            std::fprintf(stderr,
                "usage: %s [--store-bin PATH] [--out FILE] [--points N] [--queries N]\n"
                "          [--batch N] [--connections N] [--seed N]\n",
                argv[0]);
            std::exit(2);
        }
    }
    if (options.points == 0)
        die("--points must be at least 1");
    if (options.storeBin.empty())
        options.storeBin = bench::defaultStoreBin();
    return options;
}

double round2(double v, double scale)
{
    return std::round(v * scale) / scale;
}

int run(int argc, char **argv)
{
    const Options options = parseOptions(argc, argv);

    // --- Build every request body before the server is even started.
    const auto prepStart = bench::Clock::now();
    std::mt19937_64 customerRng(options.seed);
    std::vector<std::string> customers;
    customers.reserve(20);
    for (int i = 0; i < 20; ++i)
        customers.push_back(uuid(customerRng));
    const size_t batches = (options.points + options.batch - 1) / options.batch;
    std::vector<std::string> upsertBodies(batches);
    bench::parallelFor(
        batches, [&](size_t b) { upsertBodies[b] = batchBody(options, b, customers); });
    std::mt19937_64 queryRng(options.seed + 7);
    std::vector<std::string> queryBodies;
    for (size_t q = 0; q < options.queries; ++q)
        queryBodies.push_back(queryBody(queryRng));
    size_t upsertBytes = 0;
    for (const std::string &body : upsertBodies)
        upsertBytes += body.size();
    std::printf("prepared %zu upsert bodies (%zu points x %zu dims, %.0f MB) and %zu queries "
                "in %.1f s\n",
        batches, options.points, kDims, double(upsertBytes) / 1e6, options.queries,
        bench::millisSince(prepStart) / 1000);

    // --- Server.
    StoreProcess store;
    bench::startStore(store, options.storeBin);
    std::printf("memory-store pid %d listening on %s:%u, data in %s\n", int(store.pid()),
        store.host().c_str(), store.port(), store.dataDir().c_str());
    std::fflush(stdout);

    RawHttpClient control(store.host(), store.port());
    bench::createCollection(control, "bench", kDims);

    // --- Upsert: `connections` threads, each with its own keep-alive connection, taking the
    // next batch from a shared counter.
    std::vector<double> allBatchMs;
    const double cpuBeforeUpsert = store.cpuSeconds();
    const double upsertSeconds = bench::parallelUpsert(store, "bench", batches,
        options.connections,
        [&](size_t b, std::string &) -> const std::string & { return upsertBodies[b]; },
        &allBatchMs);
    const double upsertServerCpu = store.cpuSeconds() - cpuBeforeUpsert;
    const double upsertPerS = double(options.points) / upsertSeconds;
    upsertBodies = {}; // Give back the ~2 GB before the queries.

    // --- Correctness: every point is there.
    const RawHttpClient::Response countResponse
        = call(control, "POST", "/collections/bench/points/count", R"({"exact":true})");
    bench::expectOk(countResponse, "POST /collections/bench/points/count");
    const nlohmann::json countJson = nlohmann::json::parse(countResponse.body, nullptr, false);
    const auto count = countJson.is_discarded()
        ? -1
        : countJson.value("/result/count"_json_pointer, int64_t(-1));
    if (count != int64_t(options.points)) {
        die("count returned " + std::to_string(count) + ", expected "
            + std::to_string(options.points) + ": " + countResponse.body.substr(0, 300));
    }

    // --- Queries: one connection, sequential, client round trip.
    std::vector<double> searchMs;
    searchMs.reserve(options.queries);
    const double cpuBeforeSearch = store.cpuSeconds();
    const auto searchStart = bench::Clock::now();
    const size_t expectedHits = std::min(kLimit, options.points);
    RawHttpClient reader(store.host(), store.port());
    if (!reader.connect())
        die("connect: " + reader.error());
    for (size_t q = 0; q < options.queries; ++q) {
        const auto t0 = bench::Clock::now();
        const RawHttpClient::Response response
            = call(reader, "POST", "/collections/bench/points/query", queryBodies[q]);
        searchMs.push_back(bench::millisSince(t0));
        bench::expectOk(response, "POST /collections/bench/points/query");
        const nlohmann::json json = nlohmann::json::parse(response.body, nullptr, false);
        const nlohmann::json *points = nullptr;
        if (!json.is_discarded() && json.contains("result") && json["result"].is_object()
            && json["result"].contains("points"))
            points = &json["result"]["points"];
        if (!points || !points->is_array() || points->size() != expectedHits) {
            die("query " + std::to_string(q) + " returned "
                + (points && points->is_array() ? std::to_string(points->size()) : "no")
                + " points, expected " + std::to_string(expectedHits) + ": "
                + response.body.substr(0, 300));
        }
        if (!(*points)[0].contains("payload"))
            die("query " + std::to_string(q) + ": with_payload=true but no payload returned");
    }

    const double searchServerCpu = store.cpuSeconds() - cpuBeforeSearch;
    const double searchSeconds = bench::millisSince(searchStart) / 1000;
    const long rssKb = store.statusKb("VmRSS");
    const long hwmKb = store.statusKb("VmHWM");
    if (rssKb < 0)
        die("cannot read VmRSS of memory-store (pid " + std::to_string(store.pid()) + ")");
    // Our kept-alive connections would hold server threads until their idle timeout, so close
    // them before asking the server to stop.
    control.close();
    reader.close();
    const auto stopStart = bench::Clock::now();
    store.stop();
    const double stopMs = bench::millisSince(stopStart);

    const double p50 = bench::percentile(searchMs, 50);
    const double p99 = bench::percentile(searchMs, 99);
    const bench::Figures figures = {
        {"store_upsert_points_per_s", round2(upsertPerS, 10)},
        {"store_search_p50_ms", round2(p50, 1000)},
        {"store_search_p99_ms", round2(p99, 1000)},
        {"store_rss_mb", round2(double(rssKb) / 1024, 10)},
    };

    std::printf("\n%zu points x %zu dims, batches of %zu over %zu connection(s); %zu queries\n",
        options.points, kDims, options.batch, options.connections, options.queries);
    std::printf("%-28s %12s   %s\n", "metric", "value", "target");
    std::printf("%-28s %12.0f   >= %.0f %s\n", "store_upsert_points_per_s", upsertPerS,
        kTargetUpsertPerS, upsertPerS >= kTargetUpsertPerS ? "ok" : "MISSED");
    std::printf("%-28s %12.2f   <= %.0f %s\n", "store_search_p50_ms", p50, kTargetSearchP50Ms,
        p50 <= kTargetSearchP50Ms ? "ok" : "MISSED");
    std::printf("%-28s %12.2f\n", "store_search_p99_ms", p99);
    std::printf("%-28s %12.1f\n", "store_rss_mb", double(rssKb) / 1024);
    std::printf("  (upsert %.1f s, batch p50 %.1f ms p99 %.1f ms; search max %.2f ms; "
                "peak RSS %.1f MB; SIGTERM to exit %.0f ms)\n",
        upsertSeconds, bench::percentile(allBatchMs, 50), bench::percentile(allBatchMs, 99),
        bench::percentile(searchMs, 100), double(hwmKb) / 1024, stopMs);
    // Cores the server kept busy: well below the machine's count means it waited (locks, disk).
    std::printf("  (server CPU: %.2f cores busy during upsert, %.2f during search; %u cores)\n",
        upsertServerCpu / upsertSeconds, searchServerCpu / searchSeconds,
        std::thread::hardware_concurrency());

    if (!options.out.empty())
        bench::writeFigures(options.out, figures);
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    return bench::runGuarded("store_bench", [&] { return run(argc, argv); });
}
