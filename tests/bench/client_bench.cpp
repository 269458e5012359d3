// client_bench: what QdrantClient costs on top of the server, against memory-store on loopback.
//
// 1. Body writing and answer parsing alone, one thread: the floats by std::to_chars and by
//    floattext (docs/decisions/0006); upsert bodies written by hand (pointsbody) vs through
//    QJsonDocument; a scroll page of vectors parsed with simdjson (pointsresponse) vs
//    QJsonDocument. The figures behind docs/decisions/0005.
// 2. Upserts of the same points (1536 floats + 12 payload fields each), three clients taking
//    turns slice by slice into three collections that grow alike, so that other load on the
//    machine weighs on all of them: a raw-socket client (tests/bench/rawhttpclient.h, two
//    connections) sending bodies built before its clock starts (the server's ceiling); the
//    same raw client writing its bodies as it sends them, its floats by floattext::write as
//    QdrantClient's (the minimal client doing the same job: raw_upsert_points_per_s); and
//    QdrantClient (bodies of <= 4 MB written on the thread pool, 2 in flight, wait=true), with
//    the process CPU per point.
// 3. Sequential top-10 queries with payload through QdrantClient: client round trip (call to
//    callback) minus the server's own `time`, each followed by the same query from the raw
//    client for reference; then the slowest queries of both, side by side.
//
// Usage: client_bench [--store-bin PATH] [--out FILE] [--points N] [--queries N] [--slices N]

#include "benchharness.h"
#include "benchutil.h"
#include "clientbenchbodies.h"
#include "clientbenchdata.h"

#include "floattext.h"
#include "pointsbodywriter.h"
#include "pointsresponse.h"
#include "qdrantclient.h"
#include "servertime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <numeric>

namespace {

using namespace clientbench;
using bench::die;
using bench::expectOk;

constexpr int kLimit = 10;

struct Options
{
    std::string storeBin;
    std::string out;
    int points = 100000;
    int queries = 1000;
    int slices = 4;
};

/// One slice of the points as the raw clients send it: the batch boundaries (the same 4 MB cap
/// as QdrantClient) and the bodies, built before any clock starts.
struct RawSlice
{
    std::vector<std::pair<qsizetype, qsizetype>> ranges;
    std::vector<std::string> bodies;
};

/// `{"id":N,"vector":[...],"payload":{...}}`. The floats by floattext::write, std::to_chars'
/// text at about half its cost: the fastest writer there is here, as QdrantClient uses, so that
/// the comparison is of the clients and not of their float formatters.
void appendRawPoint(std::string &out, const PointStruct &p, const std::string &payload)
{
    out += "{\"id\":";
    out += std::to_string(p.id.number());
    out += ",\"vector\":[";
    const QList<float> &v = p.vectors.first();
    for (qsizetype k = 0; k < v.size(); ++k) {
        if (k)
            out += ',';
        char text[floattext::kRoom];
        out.append(text, floattext::write(text, v.at(k)));
    }
    out += "],\"payload\":";
    out += payload;
    out += '}';
}

RawSlice rawSlice(const QList<PointStruct> &points, const std::vector<std::string> &payloads,
    qsizetype from, qsizetype to)
{
    std::vector<std::string> pieces(size_t(to - from));
    parallelFor(to - from, [&](qsizetype i) {
        appendRawPoint(pieces[size_t(i)], points.at(from + i), payloads[size_t(from + i)]);
    });
    RawSlice slice;
    std::string body;
    qsizetype first = from;
    for (qsizetype i = from; i < to; ++i) {
        const std::string &piece = pieces[size_t(i - from)];
        if (!body.empty() && body.size() + piece.size() + 3 > size_t(pointsbody::kMaxUpsertBytes)) {
            slice.bodies.push_back(body + "]}");
            slice.ranges.emplace_back(first, i);
            body.clear();
            first = i;
        }
        body += body.empty() ? "{\"points\":[" : ",";
        body += piece;
    }
    slice.bodies.push_back(body + "]}");
    slice.ranges.emplace_back(first, to);
    return slice;
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

/// One contender's totals over all slices.
struct Contender
{
    explicit Contender(const char *label)
        : name(label)
    { }
    const char *name;
    double seconds = 0;
    Cpu cpu;
    double serverCpu = 0;
    double pointsPerS(qsizetype n) const { return double(n) / seconds; }
    double cpuUsPerPoint(qsizetype n) const { return cpu.total() * 1e6 / double(n); }
};

struct UpsertFigures
{
    Contender prebuilt {"raw, prebuilt bodies"};
    Contender raw {"raw, writing its bodies"};
    Contender client {"QdrantClient"};
    int requests = 0;
    std::vector<double> sliceRatios; ///< client / raw writing its bodies
};

/// Times work() as one contender's turn: wall time, this process's CPU, the server's CPU.
template <typename Work> double turn(StoreProcess &store, Contender &c, Work work)
{
    const Cpu cpuBefore = cpuNow();
    const double serverBefore = store.cpuSeconds();
    const auto start = bench::Clock::now();
    work();
    const double seconds = bench::millisSince(start) / 1000;
    c.seconds += seconds;
    c.cpu = c.cpu + (cpuNow() - cpuBefore);
    c.serverCpu += store.cpuSeconds() - serverBefore;
    return seconds;
}

/// Three clients take turns, one slice of the points each, into three collections that grow
/// alike, so that whatever else the machine does weighs on all of them: the raw client with
/// bodies built beforehand (the server's ceiling), the raw client writing its bodies as it
/// sends them (the minimal client doing the same job), and QdrantClient.
UpsertFigures measureUpserts(StoreProcess &store, QdrantClient &client,
    const QList<PointStruct> &points, const std::vector<std::string> &payloads,
    const std::vector<RawSlice> &rawSlices)
{
    UpsertFigures f;
    RawHttpClient control(store.host(), store.port());
    for (const char *name : {"prebuilt", "raw", "client"})
        bench::createCollection(control, name, kDims);
    control.close();
    // The raw client on two keep-alive connections: as many as QdrantClient keeps in flight.
    for (const RawSlice &slice : rawSlices) {
        turn(store, f.prebuilt, [&] {
            bench::parallelUpsert(store, "prebuilt", slice.bodies.size(), 2,
                [&](size_t b, std::string &) -> const std::string & { return slice.bodies[b]; });
        });
        const double rawSeconds = turn(store, f.raw, [&] {
            bench::parallelUpsert(store, "raw", slice.ranges.size(), 2,
                [&](size_t b, std::string &body) -> const std::string & {
                    body.clear();
                    body += "{\"points\":[";
                    for (qsizetype i = slice.ranges[b].first; i < slice.ranges[b].second; ++i) {
                        if (i != slice.ranges[b].first)
                            body += ',';
                        appendRawPoint(body, points.at(i), payloads[size_t(i)]);
                    }
                    body += "]}";
                    return body;
                });
        });
        const qsizetype from = slice.ranges.front().first;
        const QList<PointStruct> part = points.mid(from, slice.ranges.back().second - from);
        const double clientSeconds = turn(store, f.client, [&] {
            const auto summary = await<UpsertSummary>([&](auto done) {
                return client.upsertPoints(QStringLiteral("client"), part, nullptr, {}, done);
            });
            if (!summary.ok())
                die("client upsert: " + summary.error().message.toStdString());
            if (summary.value().points != part.size())
                die("client upsert wrote " + std::to_string(summary.value().points) + " points");
            f.requests += summary.value().requests;
        });
        f.sliceRatios.push_back(rawSeconds / clientSeconds);
    }
    const auto count = await<qint64>(
        [&](auto done) { return client.count(QStringLiteral("client"), {}, nullptr, done); });
    if (!count.ok() || count.value() != points.size())
        die("count after the client upsert is wrong");
    const qsizetype n = points.size();
    std::printf("upsert of %lld points in %zu slices (%d client requests):\n",
        static_cast<long long>(n), rawSlices.size(), f.requests);
    for (const Contender *c : {&f.prebuilt, &f.raw, &f.client}) {
        std::printf("  %-26s %7.0f points/s  %5.1f us user + %4.1f us system per point  "
                    "server %.2f cores busy\n",
            c->name, c->pointsPerS(n), c->cpu.user * 1e6 / double(n),
            c->cpu.system * 1e6 / double(n), c->serverCpu / c->seconds);
    }
    std::printf("  QdrantClient / raw writing, per slice:");
    for (double r : f.sliceRatios)
        std::printf(" %.0f%%", 100 * r);
    std::printf("\n");
    std::fflush(stdout);
    return f;
}

struct SearchFigures
{
    std::vector<double> clientOverheadMs;
    /// The part of clientOverheadMs before and after the transport: writing the body, parsing
    /// the answer, the posted callback.
    std::vector<double> clientWorkMs;
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
    double lastTransportMs = -1;
    client.transport()->setRequestLogger([&](const RequestLogEntry &e) {
        lastServerMs = e.serverMs;
        lastTransportMs = e.clientMs;
    });
    await<ServerVersion>([&](auto done) { return client.serverVersion(nullptr, done); });
    // Query by query, QdrantClient then the raw client with the same body, so that both meet
    // the same moments of the machine. Each client answer starts the next pair (no nested
    // event loop): the raw query runs inside the callback, blocking, as a bench may.
    RawHttpClient raw(store.host(), store.port());
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
                f.clientWorkMs.push_back(ms - lastTransportMs);
                f.serverMs.push_back(lastServerMs);

                const std::string body = pointsbody::query(requests.at(index)).toStdString();
                const auto t0 = bench::Clock::now();
                const RawHttpClient::Response r
                    = raw.request("POST", "/collections/client/points/query", body);
                const double rawMs = bench::millisSince(t0);
                expectOk(r, "raw query");
                f.rawOverheadMs.push_back(
                    rawMs - qdrantServerTimeMs(QByteArray::fromStdString(r.body)));
                next();
            });
    };
    next();
    loop.exec();
    client.transport()->setRequestLogger({});
    return f;
}

/// The slowest client queries beside the raw query that followed each: a tail that both clients
/// share comes from the server or the machine, one the raw client does not see from the client.
void printSearchTail(const SearchFigures &f)
{
    std::vector<size_t> order(f.clientOverheadMs.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(),
        [&](size_t a, size_t b) { return f.clientOverheadMs[a] > f.clientOverheadMs[b]; });
    std::printf("slowest client queries (overhead ms; server ms; the raw query after it):");
    for (size_t k = 0; k < std::min<size_t>(12, order.size()); ++k) {
        const size_t i = order[k];
        std::printf("%s#%zu %.2f (%.1f; raw %.2f)", k % 4 ? "  " : "\n  ", i,
            f.clientOverheadMs[i], f.serverMs[i], f.rawOverheadMs[i]);
    }
    const auto over = [](const std::vector<double> &v, double ms) {
        return std::count_if(v.begin(), v.end(), [ms](double x) { return x > ms; });
    };
    std::printf("\n  over 1 / 2 / 3 ms: client %ld / %ld / %ld, raw %ld / %ld / %ld of %zu\n",
        long(over(f.clientOverheadMs, 1)), long(over(f.clientOverheadMs, 2)),
        long(over(f.clientOverheadMs, 3)), long(over(f.rawOverheadMs, 1)),
        long(over(f.rawOverheadMs, 2)), long(over(f.rawOverheadMs, 3)),
        f.clientOverheadMs.size());
    std::printf("  QdrantClient's own work around the transport (body, answer, callback): "
                "p50 %.3f ms, p99 %.3f ms\n",
        bench::percentile(f.clientWorkMs, 50), bench::percentile(f.clientWorkMs, 99));
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
    if (o.storeBin.empty())
        o.storeBin = bench::defaultStoreBin();
    return o;
}

double rounded(double value, double scale)
{
    return std::round(value * scale) / scale;
}

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parseOptions(argc, argv);

    const auto prepStart = bench::Clock::now();
    QStringList customers;
    std::mt19937_64 customerRng(7);
    for (int i = 0; i < 20; ++i)
        customers << uuid(customerRng);
    QList<PointStruct> points(options.points);
    parallelFor(
        points.size(), [&](qsizetype i) { points[i] = makePoint(quint64(i), 1536, customers); });
    std::vector<std::string> payloads(size_t(points.size()));
    parallelFor(points.size(), [&](qsizetype i) {
        payloads[size_t(i)]
            = QJsonDocument(points.at(i).payload).toJson(QJsonDocument::Compact).toStdString();
    });
    std::vector<RawSlice> rawSlices;
    size_t rawCount = 0;
    for (int slice = 0; slice < options.slices; ++slice) {
        rawSlices.push_back(rawSlice(points, payloads, points.size() * slice / options.slices,
            points.size() * (slice + 1) / options.slices));
        rawCount += rawSlices.back().bodies.size();
    }
    std::printf("prepared %d points x %d floats + 12 fields (%zu raw bodies) in %.1f s\n",
        options.points, kDims, rawCount, bench::millisSince(prepStart) / 1000);

    const BodyFigures bodies = measureBodies(points);

    StoreProcess store;
    bench::startStore(store, options.storeBin);
    QdrantClient client;
    client.setEndpoint(QUrl(QStringLiteral("http://%1:%2")
                                .arg(QString::fromStdString(store.host()))
                                .arg(store.port())));
    const UpsertFigures u = measureUpserts(store, client, points, payloads, rawSlices);
    rawSlices.clear(); // give back the ~2 GB before the queries
    const SearchFigures s = measureSearches(store, client, options.queries);
    store.stop();
    printSearchTail(s);

    const double p50 = bench::percentile(s.clientOverheadMs, 50);
    const double p99 = bench::percentile(s.clientOverheadMs, 99);
    const qsizetype n = points.size();
    const double rawRate = u.raw.pointsPerS(n);
    const double clientRate = u.client.pointsPerS(n);
    const double ratio = clientRate / rawRate;
    const double cpu = u.client.cpuUsPerPoint(n);
    std::printf("\n%-36s %12s   %s\n", "metric", "value", "target");
    std::printf("%-36s %12.3f   <= 1 %s\n", "search_client_overhead_p50_ms", p50,
        p50 <= 1 ? "ok" : "MISSED");
    std::printf("%-36s %12.3f   <= 3 %s\n", "search_client_overhead_p99_ms", p99,
        p99 <= 3 ? "ok" : "MISSED");
    std::printf("%-36s %12.0f   (bodies prebuilt: %.0f; client at %.0f %% of that)\n",
        "raw_upsert_points_per_s", rawRate, u.prebuilt.pointsPerS(n),
        100 * clientRate / u.prebuilt.pointsPerS(n));
    std::printf("%-36s %12.0f   >= 90 %% of raw: %.0f %% %s\n", "client_upsert_points_per_s",
        clientRate, 100 * ratio, ratio >= 0.9 ? "ok" : "MISSED");
    std::printf(
        "%-36s %12.1f   <= 60 %s\n", "client_cpu_us_per_point", cpu, cpu <= 60 ? "ok" : "MISSED");
    std::printf("  (search: server p50 %.2f ms; raw client overhead p50 %.3f ms p99 %.3f ms; "
                "%d points in %d slices)\n",
        bench::percentile(s.serverMs, 50), bench::percentile(s.rawOverheadMs, 50),
        bench::percentile(s.rawOverheadMs, 99), options.points, options.slices);

    if (!options.out.empty()) {
        bench::writeFigures(options.out,
            {{"search_client_overhead_p50_ms", rounded(p50, 1000)},
                {"search_client_overhead_p99_ms", rounded(p99, 1000)},
                {"raw_upsert_points_per_s", rounded(rawRate, 1)},
                {"client_upsert_points_per_s", rounded(clientRate, 1)},
                {"client_cpu_us_per_point", rounded(cpu, 10)},
                {"raw_prebuilt_upsert_points_per_s", rounded(u.prebuilt.pointsPerS(n), 1)},
                {"raw_cpu_us_per_point", rounded(u.raw.cpuUsPerPoint(n), 10)},
                {"search_raw_overhead_p50_ms",
                    rounded(bench::percentile(s.rawOverheadMs, 50), 1000)},
                {"search_raw_overhead_p99_ms",
                    rounded(bench::percentile(s.rawOverheadMs, 99), 1000)},
                {"client_float_to_chars_ns", rounded(bodies.toCharsNsPerFloat, 10)},
                {"client_float_floattext_ns", rounded(bodies.floatTextNsPerFloat, 10)},
                {"client_body_handwritten_points_per_s", rounded(bodies.handPointsPerS, 1)},
                {"client_body_qjsondocument_points_per_s", rounded(bodies.qjsonPointsPerS, 1)},
                {"client_parse_simdjson_points_per_s", rounded(bodies.simdjsonParsePointsPerS, 1)},
                {"client_parse_qjsondocument_points_per_s",
                    rounded(bodies.qjsonParsePointsPerS, 1)}});
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    return bench::runGuarded("client_bench", [&] { return run(argc, argv); });
}
