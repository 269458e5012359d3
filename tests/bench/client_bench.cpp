// client_bench: what QdrantClient costs on top of the server, against memory-store on loopback.
//
// 1. Body writing and answer parsing alone, one thread: upsert bodies written by hand
//    (pointsbody) vs through QJsonDocument; a scroll page of vectors parsed with simdjson
//    (pointsresponse) vs QJsonDocument. The figures behind docs/decisions/0005.
// 2. Upserts of the same points (1536 floats + 12 payload fields each) by a raw-socket client
//    sending bodies built before its clock starts (2 connections) and by QdrantClient (bodies
//    written as it goes, batches of <= 4 MB, 2 in flight, wait=true), taking turns slice by
//    slice so that other load on the machine weighs on both; with the process CPU time
//    QdrantClient used per point.
// 3. Sequential top-10 queries with payload through QdrantClient: client round trip (call to
//    callback) minus the server's own `time`, and the same for the raw client for reference.
//
// Usage: client_bench [--store-bin PATH] [--out FILE] [--points N] [--queries N] [--slices N]

#include "benchutil.h"
#include "rawhttpclient.h"
#include "storeprocess.h"

#include "pointsbodywriter.h"
#include "pointsresponse.h"
#include "qdrantclient.h"
#include "servertime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

namespace {

namespace fs = std::filesystem;

constexpr int kDims = 1536;
constexpr int kLimit = 10;

struct Options
{
    std::string storeBin;
    std::string out;
    int points = 100000;
    int queries = 1000;
    int slices = 4;
};

struct Failure
{
    std::string message;
};

[[noreturn]] void die(const std::string &message)
{
    throw Failure {message};
}

/// CPU time of this process (all threads): user and system, in seconds.
struct Cpu
{
    double user = 0;
    double system = 0;
    double total() const { return user + system; }
    Cpu operator-(const Cpu &o) const { return {user - o.user, system - o.system}; }
    Cpu operator+(const Cpu &o) const { return {user + o.user, system + o.system}; }
};

Cpu cpuNow()
{
    rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    return {double(usage.ru_utime.tv_sec) + double(usage.ru_utime.tv_usec) / 1e6,
        double(usage.ru_stime.tv_sec) + double(usage.ru_stime.tv_usec) / 1e6};
}

template <typename Work> void parallelFor(qsizetype count, Work work)
{
    std::atomic<qsizetype> next {0};
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t) {
        threads.emplace_back([&] {
            for (qsizetype i; (i = next.fetch_add(1)) < count;)
                work(i);
        });
    }
    for (std::thread &t : threads)
        t.join();
}

QString uuid(std::mt19937_64 &rng)
{
    const quint64 hi = rng();
    const quint64 lo = rng();
    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 8; ++i) {
        bytes[i] = char(hi >> (56 - 8 * i));
        bytes[8 + i] = char(lo >> (56 - 8 * i));
    }
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

QString prose(std::mt19937_64 &rng, int chars)
{
    static const std::array<const char *, 20> words = {"instance", "utilization", "below",
        "threshold", "downsized", "cluster", "workload", "peak", "traffic", "reserved", "capacity",
        "savings", "spot", "interruption", "batch", "jobs", "storage", "tier", "review", "latency"};
    QString s;
    while (s.size() < chars) {
        if (!s.isEmpty())
            s += QLatin1Char(' ');
        s += QLatin1String(words[rng() % words.size()]);
    }
    return s + QLatin1Char('.');
}

/// A cost-optimisation memory as the agents write it: 1536 floats and 12 payload fields.
PointStruct makePoint(quint64 id, quint64 seed, const QStringList &customers)
{
    std::mt19937_64 rng(seed * 1'000'003 + id);
    static const std::array<const char *, 4> types
        = {"spot_migration", "reserved_instance", "right_sizing", "storage_tiering"};
    static const std::array<const char *, 3> outcomes = {"success", "failed", "rolled_back"};
    static const std::array<const char *, 3> providers = {"aws", "gcp", "azure"};
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const std::vector<float> vector = bench::embedding(rng, kDims);
    PointStruct p;
    p.id = PointId(id);
    p.vectors.insert(QString(), QList<float>(vector.begin(), vector.end()));
    p.payload = QJsonObject {
        {QStringLiteral("optimization_id"), uuid(rng)},
        {QStringLiteral("customer_id"), customers.at(qsizetype(rng() % customers.size()))},
        {QStringLiteral("optimization_type"), QLatin1String(types[rng() % types.size()])},
        {QStringLiteral("outcome"), QLatin1String(outcomes[rng() % outcomes.size()])},
        {QStringLiteral("savings_percent"), std::round(unit(rng) * 6000) / 100},
        {QStringLiteral("cost_impact"), std::round(unit(rng) * 5'000'000) / 100},
        {QStringLiteral("execution_date"),
            QStringLiteral("2025-%1-%2T10:00:00Z")
                .arg(1 + rng() % 12, 2, 10, QLatin1Char('0'))
                .arg(1 + rng() % 28, 2, 10, QLatin1Char('0'))},
        {QStringLiteral("cloud_provider"), QLatin1String(providers[rng() % providers.size()])},
        {QStringLiteral("instance_type"), QStringLiteral("m5.xlarge")},
        {QStringLiteral("decision_context"), prose(rng, 200)},
        {QStringLiteral("confidence_score"), std::round(unit(rng) * 1000) / 1000},
        {QStringLiteral("lessons_learned"), prose(rng, 120)},
    };
    return p;
}

/// The raw client's bodies for points[from, to): vectors by bench::appendFloatArray, payloads
/// by QJsonDocument, split where QdrantClient would split (the same 4 MB cap), all before any
/// clock starts.
std::vector<std::string> rawBodies(const QList<PointStruct> &points, qsizetype from, qsizetype to)
{
    std::vector<std::string> pieces(size_t(to - from));
    parallelFor(to - from, [&](qsizetype i) {
        const PointStruct &p = points.at(from + i);
        std::string &s = pieces[size_t(i)];
        s = "{\"id\":" + std::to_string(p.id.number()) + ",\"vector\":";
        const QList<float> &v = p.vectors.first();
        bench::appendFloatArray(s, std::vector<float>(v.begin(), v.end()));
        s += ",\"payload\":";
        s += QJsonDocument(p.payload).toJson(QJsonDocument::Compact).toStdString();
        s += '}';
    });
    std::vector<std::string> bodies;
    std::string body;
    for (std::string &piece : pieces) {
        if (!body.empty() && body.size() + piece.size() + 3 > size_t(pointsbody::kMaxUpsertBytes)) {
            bodies.push_back(body + "]}");
            body.clear();
        }
        body += body.empty() ? "{\"points\":[" : ",";
        body += piece;
    }
    bodies.push_back(body + "]}");
    return bodies;
}

double rawUpsert(const StoreProcess &store, const std::vector<std::string> &bodies,
    const std::string &collection)
{
    std::atomic<size_t> next {0};
    std::atomic<bool> failed {false};
    std::string failure;
    std::mutex failureMutex;
    const auto start = bench::Clock::now();
    std::vector<std::thread> threads;
    const std::string path = "/collections/" + collection + "/points?wait=true";
    for (int c = 0; c < 2; ++c) { // two connections: as many as QdrantClient keeps in flight
        threads.emplace_back([&] {
            RawHttpClient client(store.host(), store.port());
            for (size_t b; !failed && (b = next.fetch_add(1)) < bodies.size();) {
                const RawHttpClient::Response r = client.request("PUT", path, bodies[b]);
                if (r.status != 200 && !failed.exchange(true)) {
                    std::lock_guard lock(failureMutex);
                    failure = "raw upsert: HTTP " + std::to_string(r.status) + " " + client.error()
                        + r.body.substr(0, 300);
                }
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    if (failed)
        die(failure);
    return bench::millisSince(start) / 1000;
}

void expectOk(const RawHttpClient::Response &r, const std::string &what)
{
    if (r.status != 200)
        die(what + ": HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 300));
}

/// Runs the event loop until done() is called; a bench runs one phase at a time.
template <typename T, typename Start> Result<T> await(Start start)
{
    std::optional<Result<T>> result;
    QEventLoop loop;
    start([&](const Result<T> &r) {
        result = r;
        loop.quit();
    });
    if (!result)
        loop.exec();
    return *result;
}

struct BodyFigures
{
    double handPointsPerS = 0;
    double qjsonPointsPerS = 0;
    double simdjsonParsePointsPerS = 0;
    double qjsonParsePointsPerS = 0;
};

BodyFigures measureBodies(const QList<PointStruct> &points)
{
    BodyFigures f;
    const QList<PointStruct> sample = points.mid(0, std::min<qsizetype>(points.size(), 2000));
    QElapsedTimer clock;
    clock.start();
    qsizetype bytes = 0;
    for (qsizetype from = 0; from < sample.size();) {
        QByteArray body;
        from = pointsbody::upsertBatch(body, sample, from, sample.size());
        bytes += body.size();
    }
    f.handPointsPerS = double(sample.size()) / (double(clock.nsecsElapsed()) / 1e9);
    clock.restart();
    qsizetype qbytes = 0;
    for (qsizetype from = 0; from < sample.size(); from += 200) {
        QJsonArray list;
        for (qsizetype i = from; i < std::min(sample.size(), from + 200); ++i) {
            QJsonArray vector;
            for (float x : sample.at(i).vectors.first())
                vector.append(double(x));
            list.append(QJsonObject {{QStringLiteral("id"), qint64(sample.at(i).id.number())},
                {QStringLiteral("vector"), vector},
                {QStringLiteral("payload"), sample.at(i).payload}});
        }
        qbytes += QJsonDocument(QJsonObject {{QStringLiteral("points"), list}})
                      .toJson(QJsonDocument::Compact)
                      .size();
    }
    f.qjsonPointsPerS = double(sample.size()) / (double(clock.nsecsElapsed()) / 1e9);
    std::printf("body writing, %lld points: by hand %.0f points/s (%.1f MB), QJsonDocument "
                "%.0f points/s (%.1f MB)\n",
        static_cast<long long>(sample.size()), f.handPointsPerS, double(bytes) / 1e6,
        f.qjsonPointsPerS, double(qbytes) / 1e6);

    // A scroll page of 256 points with vectors and payloads, as the server would send it.
    QByteArray page = "{\"result\":{\"points\":[";
    for (qsizetype i = 0; i < 256 && i < sample.size(); ++i) {
        if (i)
            page += ',';
        pointsbody::appendPoint(page, sample.at(i));
    }
    page += "],\"next_page_offset\":null},\"status\":\"ok\",\"time\":0.01}";
    constexpr int kRepeats = 8;
    clock.restart();
    for (int r = 0; r < kRepeats; ++r) {
        if (!pointsresponse::scrollPage(page).ok())
            die("simdjson could not parse its own page");
    }
    f.simdjsonParsePointsPerS = 256.0 * kRepeats / (double(clock.nsecsElapsed()) / 1e9);
    clock.restart();
    for (int r = 0; r < kRepeats; ++r) {
        const QJsonArray list
            = QJsonDocument::fromJson(page)[QStringLiteral("result")][QStringLiteral("points")]
                  .toArray();
        QList<PointRecord> records;
        for (const QJsonValue &value : list) {
            PointRecord record;
            record.id = PointId::fromJson(value[QStringLiteral("id")]);
            record.payload = value[QStringLiteral("payload")].toObject();
            QList<float> vector;
            for (const QJsonValue &x : value[QStringLiteral("vector")].toArray())
                vector.append(float(x.toDouble()));
            record.vectors.insert(QString(), vector);
            records.append(record);
        }
    }
    f.qjsonParsePointsPerS = 256.0 * kRepeats / (double(clock.nsecsElapsed()) / 1e9);
    std::printf("parsing a page of 256 points with vectors (%.1f MB): simdjson %.0f points/s, "
                "QJsonDocument %.0f points/s\n",
        double(page.size()) / 1e6, f.simdjsonParsePointsPerS, f.qjsonParsePointsPerS);
    return f;
}

struct UpsertFigures
{
    double rawSeconds = 0;
    double clientSeconds = 0;
    Cpu rawCpu;
    Cpu clientCpu;
    double rawServerCpu = 0;
    double clientServerCpu = 0;
    int requests = 0;
    std::vector<double> sliceRatios;
};

/// Raw client and QdrantClient take turns, one slice of the points each, into two collections
/// that grow alike: whatever else the machine does then weighs on both.
UpsertFigures measureUpserts(StoreProcess &store, QdrantClient &client,
    const QList<PointStruct> &points, const std::vector<std::vector<std::string>> &rawSlices)
{
    UpsertFigures f;
    RawHttpClient control(store.host(), store.port());
    const std::string config = R"({"vectors":{"size":1536,"distance":"Cosine"}})";
    expectOk(control.request("PUT", "/collections/raw", config), "create raw");
    expectOk(control.request("PUT", "/collections/client", config), "create client");
    control.close();
    const qsizetype slices = qsizetype(rawSlices.size());
    for (qsizetype slice = 0; slice < slices; ++slice) {
        const qsizetype from = points.size() * slice / slices;
        const qsizetype to = points.size() * (slice + 1) / slices;
        Cpu cpuBefore = cpuNow();
        double serverBefore = store.cpuSeconds();
        const double rawSeconds = rawUpsert(store, rawSlices[size_t(slice)], "raw");
        f.rawSeconds += rawSeconds;
        f.rawCpu = f.rawCpu + (cpuNow() - cpuBefore);
        f.rawServerCpu += store.cpuSeconds() - serverBefore;

        const QList<PointStruct> part = points.mid(from, to - from);
        cpuBefore = cpuNow();
        serverBefore = store.cpuSeconds();
        QElapsedTimer clock;
        clock.start();
        const auto summary = await<UpsertSummary>([&](auto done) {
            return client.upsertPoints(QStringLiteral("client"), part, nullptr, {}, done);
        });
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        f.clientCpu = f.clientCpu + (cpuNow() - cpuBefore);
        f.clientServerCpu += store.cpuSeconds() - serverBefore;
        f.clientSeconds += seconds;
        if (!summary.ok())
            die("client upsert: " + summary.error().message.toStdString());
        if (summary.value().points != part.size())
            die("client upsert wrote " + std::to_string(summary.value().points) + " points");
        f.requests += summary.value().requests;
        f.sliceRatios.push_back(rawSeconds / seconds);
    }
    const auto count = await<qint64>(
        [&](auto done) { return client.count(QStringLiteral("client"), {}, nullptr, done); });
    if (!count.ok() || count.value() != points.size())
        die("count after the client upsert is wrong");
    const double n = double(points.size());
    std::printf("upsert, %lld slices: raw %.0f points/s (%.1f us user + %.1f us system per point, "
                "server %.2f cores busy); QdrantClient %.0f points/s (%.1f us user + %.1f us "
                "system per point, server %.2f cores busy; %d requests); client/raw per slice:",
        static_cast<long long>(slices), n / f.rawSeconds, f.rawCpu.user * 1e6 / n,
        f.rawCpu.system * 1e6 / n, f.rawServerCpu / f.rawSeconds, n / f.clientSeconds,
        f.clientCpu.user * 1e6 / n, f.clientCpu.system * 1e6 / n,
        f.clientServerCpu / f.clientSeconds, f.requests);
    for (double r : f.sliceRatios)
        std::printf(" %.0f%%", 100 * r);
    std::printf("\n");
    std::fflush(stdout);
    return f;
}

struct SearchFigures
{
    std::vector<double> clientOverheadMs;
    std::vector<double> rawOverheadMs;
    std::vector<double> serverMs;
};

SearchFigures measureSearches(StoreProcess &store, QdrantClient &client, int queries)
{
    SearchFigures f;
    std::mt19937_64 rng(4242);
    QList<QueryRequest> requests;
    for (int q = 0; q < queries; ++q) {
        const std::vector<float> v = bench::embedding(rng, kDims);
        QueryRequest r = QueryRequest::nearestTo(QList<float>(v.begin(), v.end()), kLimit);
        r.withPayload = PayloadSelector::all();
        requests.append(r);
    }
    double lastServerMs = -1;
    client.transport()->setRequestLogger(
        [&lastServerMs](const RequestLogEntry &e) { lastServerMs = e.serverMs; });
    // One warm-up (version, connection), then the chain: each answer starts the next query.
    QEventLoop loop;
    int index = -1;
    QElapsedTimer clock;
    std::function<void()> next = [&] {
        ++index;
        if (index >= queries) {
            loop.quit();
            return;
        }
        clock.start();
        client.query(QStringLiteral("client"), requests.at(index), nullptr,
            [&](const Result<QList<ScoredPoint>> &hits) {
                const double ms = double(clock.nsecsElapsed()) / 1e6;
                if (!hits.ok())
                    die("query: " + hits.error().message.toStdString());
                if (hits.value().size() != kLimit || hits.value().first().payload.isEmpty())
                    die("query returned the wrong hits");
                if (lastServerMs < 0)
                    die("no server time in the request log");
                f.clientOverheadMs.push_back(ms - lastServerMs);
                f.serverMs.push_back(lastServerMs);
                next();
            });
    };
    await<ServerVersion>([&](auto done) { return client.serverVersion(nullptr, done); });
    next();
    loop.exec();
    client.transport()->setRequestLogger({});

    RawHttpClient raw(store.host(), store.port());
    for (int q = 0; q < std::min(queries, 200); ++q) {
        const std::string body = pointsbody::query(requests.at(q)).toStdString();
        const auto t0 = bench::Clock::now();
        const RawHttpClient::Response r
            = raw.request("POST", "/collections/client/points/query", body);
        const double ms = bench::millisSince(t0);
        expectOk(r, "raw query");
        const double serverMs = qdrantServerTimeMs(QByteArray::fromStdString(r.body));
        f.rawOverheadMs.push_back(ms - serverMs);
    }
    return f;
}

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--store-bin" && hasValue)
            o.storeBin = argv[++i];
        else if (arg == "--out" && hasValue)
            o.out = argv[++i];
        else if (arg == "--points" && hasValue)
            o.points = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--queries" && hasValue)
            o.queries = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--slices" && hasValue)
            o.slices = std::max(1, std::atoi(argv[++i]));
        else
            die("usage: client_bench [--store-bin PATH] [--out FILE] [--points N] [--queries N] "
                "[--slices N]");
    }
    if (o.storeBin.empty()) {
        std::error_code ec;
        const fs::path self = fs::read_symlink("/proc/self/exe", ec);
        o.storeBin
            = fs::weakly_canonical(self.parent_path() / "../../server/memory-store").string();
    }
    return o;
}

void writeResults(
    const std::string &path, const std::vector<std::pair<std::string, double>> &figures)
{
    nlohmann::json results = nlohmann::json::object();
    if (std::ifstream in(path); in) {
        const nlohmann::json existing = nlohmann::json::parse(in, nullptr, false);
        if (existing.is_object())
            results = existing;
    }
    for (const auto &[key, value] : figures)
        results[key] = value;
    if (const fs::path file(path); file.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
    }
    std::ofstream out(path, std::ios::trunc);
    out << results.dump(2) << '\n';
    if (!out)
        die("cannot write " + path);
}

double rounded(double value, double scale)
{
    return std::round(value * scale) / scale;
}

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parseOptions(argc, argv);
    if (!fs::exists(options.storeBin))
        die("memory-store not found at " + options.storeBin + " (or pass --store-bin PATH)");

    const auto prepStart = bench::Clock::now();
    QStringList customers;
    std::mt19937_64 customerRng(7);
    for (int i = 0; i < 20; ++i)
        customers << uuid(customerRng);
    QList<PointStruct> points(options.points);
    parallelFor(
        points.size(), [&](qsizetype i) { points[i] = makePoint(quint64(i), 1536, customers); });
    std::vector<std::vector<std::string>> rawSlices;
    size_t rawCount = 0;
    for (int slice = 0; slice < options.slices; ++slice) {
        rawSlices.push_back(rawBodies(points, points.size() * slice / options.slices,
            points.size() * (slice + 1) / options.slices));
        rawCount += rawSlices.back().size();
    }
    std::printf("prepared %d points x %d floats + 12 fields (%zu raw bodies) in %.1f s\n",
        options.points, kDims, rawCount, bench::millisSince(prepStart) / 1000);

    const BodyFigures bodies = measureBodies(points);

    StoreProcess store;
    if (!store.start(options.storeBin))
        die("cannot start memory-store: " + store.error());
    QdrantClient client;
    client.setEndpoint(QUrl(QStringLiteral("http://%1:%2")
                                .arg(QString::fromStdString(store.host()))
                                .arg(store.port())));
    const UpsertFigures u = measureUpserts(store, client, points, rawSlices);
    rawSlices.clear(); // give back the ~2 GB before the queries
    const SearchFigures s = measureSearches(store, client, options.queries);
    store.stop();

    const double p50 = bench::percentile(s.clientOverheadMs, 50);
    const double p99 = bench::percentile(s.clientOverheadMs, 99);
    const double rawRate = double(points.size()) / u.rawSeconds;
    const double clientRate = double(points.size()) / u.clientSeconds;
    const double ratio = clientRate / rawRate;
    const double cpu = u.clientCpu.total() * 1e6 / double(points.size());
    std::printf("\n%-36s %12s   %s\n", "metric", "value", "target");
    std::printf("%-36s %12.3f   <= 1 %s\n", "search_client_overhead_p50_ms", p50,
        p50 <= 1 ? "ok" : "MISSED");
    std::printf("%-36s %12.3f   <= 3 %s\n", "search_client_overhead_p99_ms", p99,
        p99 <= 3 ? "ok" : "MISSED");
    std::printf("%-36s %12.0f\n", "raw_upsert_points_per_s", rawRate);
    std::printf("%-36s %12.0f   >= 90 %% of raw: %.0f %% %s\n", "client_upsert_points_per_s",
        clientRate, 100 * ratio, ratio >= 0.9 ? "ok" : "MISSED");
    std::printf(
        "%-36s %12.1f   <= 60 %s\n", "client_cpu_us_per_point", cpu, cpu <= 60 ? "ok" : "MISSED");
    std::printf("  (search: server p50 %.2f ms; raw client overhead p50 %.3f ms p99 %.3f ms; "
                "%d points in %d slices)\n",
        bench::percentile(s.serverMs, 50), bench::percentile(s.rawOverheadMs, 50),
        bench::percentile(s.rawOverheadMs, 99), options.points, options.slices);

    if (!options.out.empty()) {
        writeResults(options.out,
            {{"search_client_overhead_p50_ms", rounded(p50, 1000)},
                {"search_client_overhead_p99_ms", rounded(p99, 1000)},
                {"raw_upsert_points_per_s", rounded(rawRate, 1)},
                {"client_upsert_points_per_s", rounded(clientRate, 1)},
                {"client_cpu_us_per_point", rounded(cpu, 10)},
                {"client_body_handwritten_points_per_s", rounded(bodies.handPointsPerS, 1)},
                {"client_body_qjsondocument_points_per_s", rounded(bodies.qjsonPointsPerS, 1)},
                {"client_parse_simdjson_points_per_s", rounded(bodies.simdjsonParsePointsPerS, 1)},
                {"client_parse_qjsondocument_points_per_s",
                    rounded(bodies.qjsonParsePointsPerS, 1)}});
        std::printf("figures merged into %s\n", options.out.c_str());
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    try {
        return run(argc, argv);
    } catch (const Failure &failure) {
        std::fprintf(stderr, "client_bench: FAILED: %s\n", failure.message.c_str());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "client_bench: FAILED: %s\n", e.what());
    }
    return 1;
}
