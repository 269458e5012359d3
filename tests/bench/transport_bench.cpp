// transport_bench: the console's HTTP client against memory-store on loopback
// (docs/decisions/0004-qnam-small-body-stall.md).
//
// Clients, all on one keep-alive connection per stream:
//   qnam          HttpTransport with the plain client off: QNetworkAccessManager 6.4 as is
//   qnam+nodelay  the same, with TCP_NODELAY forced onto QNAM's socket from outside (the fd is
//                 found in /proc/self/fd by its peer port): tells whether Nagle is the cause
//   plain         HttpTransport as shipped: own HTTP/1.1 client on QTcpSocket, TCP_NODELAY,
//                 head and body in one write
//   raw           RawHttpClient: blocking POSIX socket, TCP_NODELAY (the floor)
//
// Scenarios: POST bodies of 1, 15, 17, 19 and 64 KiB (a points/count whose filter carries
// padding, so the server does almost nothing); a 1536-dim top-10 query; upserts of batches of
// 64 points x 1536 floats (1.2 MB), one at a time for latency and with --in-flight requests (2)
// for throughput. Latency is "client round trip minus the server's own `time`" (the client's
// overhead). Rounds interleave the clients, every other round in reverse order; the table shows
// medians over rounds, and the upsert share is the median of per-round plain/raw ratios. Bodies
// are built before the clocks start.
//
// Usage: transport_bench [--store-bin PATH] [--out FILE] [--rounds N] [--requests N]
//                        [--upsert-seconds S] [--only latency|upsert]
//                        [--clients qnam,qnam+nodelay,plain,raw] [--in-flight N]

#include "benchharness.h"
#include "benchutil.h"

#include "httptransport.h"
#include "servertime.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>

namespace {

using bench::die;

constexpr size_t kDims = 1536;

struct Options
{
    std::string storeBin;
    std::string out;
    int rounds = 3;
    int requests = 100;
    double upsertSeconds = 3;
    bool latency = true;
    bool upsert = true;
    std::string clients = "qnam,qnam+nodelay,plain,raw";
    int inFlight = 2;
};

enum class Client { Qnam, QnamNoDelay, Plain, Raw };
const char *clientName(Client c)
{
    switch (c) {
    case Client::Qnam:
        return "qnam";
    case Client::QnamNoDelay:
        return "qnam+nodelay";
    case Client::Plain:
        return "plain";
    case Client::Raw:
        return "raw";
    }
    return "?";
}

/// Sets TCP_NODELAY on every TCP socket of this process connected to `port`: the only way to
/// reach the socket QNetworkAccessManager keeps to itself. A measurement probe, not a fix.
int forceNoDelayTowards(uint16_t port)
{
    int changed = 0;
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return 0;
    while (dirent *entry = ::readdir(dir)) {
        const int fd = std::atoi(entry->d_name);
        if (fd <= 2)
            continue;
        sockaddr_storage peer {};
        socklen_t length = sizeof peer;
        if (::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &length) != 0)
            continue;
        uint16_t peerPort = 0;
        if (peer.ss_family == AF_INET)
            peerPort = ntohs(reinterpret_cast<sockaddr_in *>(&peer)->sin_port);
        else if (peer.ss_family == AF_INET6)
            peerPort = ntohs(reinterpret_cast<sockaddr_in6 *>(&peer)->sin6_port);
        if (peerPort != port)
            continue;
        const int one = 1;
        if (::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0)
            ++changed;
    }
    ::closedir(dir);
    return changed;
}

/// CPU time (user + system) of this process so far, in ms.
double processCpuMs()
{
    rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

struct Samples
{
    std::vector<double> clientMs;
    std::vector<double> overheadMs; ///< client minus server time
};

/// One stream of sequential requests through an HttpTransport, driven by its own event loop
/// (this is main's only loop: nothing is nested).
Samples runTransport(HttpTransport &transport, const std::vector<HttpRequest> &requests, int count)
{
    Samples samples;
    QEventLoop loop;
    std::function<void()> next;
    bench::Clock::time_point start;
    next = [&] {
        if (int(samples.clientMs.size()) == count) {
            loop.quit();
            return;
        }
        const HttpRequest &request = requests[samples.clientMs.size() % requests.size()];
        start = bench::Clock::now();
        HttpCall *call = transport.send(request);
        QObject::connect(call, &HttpCall::finished, &loop, [&](const Result<HttpResponse> &result) {
            const double ms = bench::millisSince(start);
            if (!result.ok())
                die("request failed: " + result.error().message.toStdString());
            if (result.value().status != 200)
                die("HTTP " + std::to_string(result.value().status) + ": "
                    + result.value().body.left(300).toStdString());
            samples.clientMs.push_back(ms);
            const double server = qdrantServerTimeMs(result.value().body);
            samples.overheadMs.push_back(server >= 0 ? ms - server : ms);
            next();
        });
    };
    QTimer::singleShot(0, &loop, next);
    loop.exec();
    return samples;
}

Samples runRaw(RawHttpClient &client, const char *method, const std::string &path,
    const std::vector<std::string> &bodies, int count)
{
    Samples samples;
    for (int i = 0; i < count; ++i) {
        const std::string &body = bodies[size_t(i) % bodies.size()];
        const auto start = bench::Clock::now();
        const RawHttpClient::Response response = client.request(method, path, body);
        const double ms = bench::millisSince(start);
        if (response.status != 200)
            die("raw: HTTP " + std::to_string(response.status) + " " + client.error());
        const QByteArray bytes = QByteArray::fromStdString(response.body);
        const double server = qdrantServerTimeMs(bytes);
        samples.clientMs.push_back(ms);
        samples.overheadMs.push_back(server >= 0 ? ms - server : ms);
    }
    return samples;
}

/// A points/count request padded to `size` bytes: the server parses it and counts nothing
/// (the padded value matches no point), so the round trip is almost all transport.
std::string paddedCountBody(size_t size)
{
    const std::string head = R"({"exact":true,"filter":{"must":[{"key":"pad","match":{"value":")";
    const std::string tail = R"("}}]}})";
    const size_t padding = size > head.size() + tail.size() ? size - head.size() - tail.size() : 0;
    return head + std::string(padding, 'p') + tail;
}

std::string queryBody(std::mt19937_64 &rng)
{
    std::string body = R"({"query":)";
    bench::appendFloatArray(body, bench::embedding(rng, kDims));
    body += R"(,"limit":10,"with_payload":true})";
    return body;
}

std::string upsertBody(std::mt19937_64 &rng, size_t firstId, size_t count)
{
    std::string body = R"({"points":[)";
    for (size_t i = 0; i < count; ++i) {
        if (i)
            body += ',';
        body += R"({"id":)" + std::to_string(firstId + i) + R"(,"vector":)";
        bench::appendFloatArray(body, bench::embedding(rng, kDims));
        body += R"(,"payload":{"customer_id":"c)" + std::to_string(i % 7)
            + R"(","outcome":"success","savings_percent":12.5}})";
    }
    body += "]}";
    return body;
}

Options parseOptions(int argc, char **argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--store-bin" && hasValue)
            options.storeBin = argv[++i];
        else if (arg == "--out" && hasValue)
            options.out = argv[++i];
        else if (arg == "--rounds" && hasValue)
            options.rounds = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--requests" && hasValue)
            options.requests = std::max(10, std::atoi(argv[++i]));
        else if (arg == "--upsert-seconds" && hasValue)
            options.upsertSeconds = std::max(0.5, std::atof(argv[++i]));
        else if (arg == "--in-flight" && hasValue)
            options.inFlight = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--clients" && hasValue)
            options.clients = argv[++i];
        else if (arg == "--only" && hasValue) {
            const std::string only = argv[++i];
            options.latency = only == "latency";
            options.upsert = only == "upsert";
        } else {
            std::fprintf(stderr,
                "usage: %s [--store-bin PATH] [--out FILE] [--rounds N] "
                "[--requests N] [--upsert-seconds S] [--only latency|upsert]\n"
                "          [--clients qnam,qnam+nodelay,plain,raw] [--in-flight N]\n",
                argv[0]);
            std::exit(2);
        }
    }
    if (options.storeBin.empty())
        options.storeBin = bench::defaultStoreBin();
    return options;
}

HttpRequest postRequest(const StoreProcess &store, const std::string &path, const std::string &body,
    const char *operation)
{
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("http://%1:%2%3")
                           .arg(QString::fromStdString(store.host()))
                           .arg(store.port())
                           .arg(QString::fromStdString(path)));
    request.body = QByteArray::fromStdString(body);
    request.operation = QString::fromLatin1(operation);
    return request;
}

/// Upserts with two requests in flight for `seconds`; returns points per second.
double upsertRateTransport(HttpTransport &transport, const std::vector<HttpRequest> &batches,
    size_t pointsPerBatch, double seconds, int parallel)
{
    QEventLoop loop;
    size_t done = 0;
    size_t sent = 0;
    int inFlight = 0;
    const auto start = bench::Clock::now();
    bool stopping = false;
    std::function<void()> launch;
    launch = [&] {
        HttpCall *call = transport.send(batches[sent++ % batches.size()]);
        ++inFlight;
        QObject::connect(call, &HttpCall::finished, &loop, [&](const Result<HttpResponse> &result) {
            --inFlight;
            if (!result.ok() || result.value().status != 200)
                die("upsert failed");
            ++done;
            if (bench::millisSince(start) >= seconds * 1000)
                stopping = true;
            if (!stopping)
                launch();
            else if (inFlight == 0)
                loop.quit();
        });
    };
    QTimer::singleShot(0, &loop, [&] {
        for (int i = 0; i < parallel; ++i)
            launch();
    });
    loop.exec();
    return double(done * pointsPerBatch) / (bench::millisSince(start) / 1000);
}

double upsertRateRaw(const StoreProcess &store, const std::string &path,
    const std::vector<std::string> &batches, size_t pointsPerBatch, double seconds, int parallel)
{
    std::atomic<size_t> done {0};
    std::atomic<size_t> next {0};
    const auto start = bench::Clock::now();
    std::vector<std::thread> threads;
    threads.reserve(size_t(parallel));
    for (int t = 0; t < parallel; ++t) {
        threads.emplace_back([&] {
            RawHttpClient client(store.host(), store.port());
            while (bench::millisSince(start) < seconds * 1000) {
                const auto response
                    = client.request("PUT", path, batches[next.fetch_add(1) % batches.size()]);
                if (response.status != 200)
                    return;
                ++done;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    return double(done * pointsPerBatch) / (bench::millisSince(start) / 1000);
}

/// Merges the figures into the results file, each to 4 significant digits (round-to-round
/// noise is larger than that).
void writeResults(const std::string &path, const std::map<std::string, double> &figures)
{
    bench::Figures rounded;
    for (const auto &[key, value] : figures) {
        char text[64];
        std::snprintf(text, sizeof text, "%.4g", value);
        rounded.emplace_back(key, std::strtod(text, nullptr));
    }
    bench::writeFigures(path, rounded);
}

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parseOptions(argc, argv);

    // --- Bodies first.
    std::mt19937_64 rng(1536);
    const std::vector<size_t> sizes = {1024, 15 * 1024, 17 * 1024, 19 * 1024, 64 * 1024};
    std::vector<std::string> countBodies;
    countBodies.reserve(sizes.size());
    for (size_t size : sizes)
        countBodies.push_back(paddedCountBody(size));
    std::vector<std::string> queries;
    queries.reserve(64);
    for (int i = 0; i < 64; ++i)
        queries.push_back(queryBody(rng));
    constexpr size_t kBatch = 64;
    std::vector<std::string> batches;
    batches.reserve(8);
    for (size_t i = 0; i < 8; ++i)
        batches.push_back(upsertBody(rng, i * kBatch, kBatch));

    StoreProcess store;
    bench::startStore(store, options.storeBin);
    {
        RawHttpClient setup(store.host(), store.port());
        bench::createCollection(setup, "bench", kDims);
    }
    bench::parallelUpsert(store, "bench", batches.size(), 1,
        [&](size_t b, std::string &) -> const std::string & { return batches[b]; });
    std::printf("memory-store %s:%u, 1536-dim collection with %zu points; %d rounds, %d "
                "requests per cell\n",
        store.host().c_str(), store.port(), batches.size() * kBatch, options.rounds,
        options.requests);

    std::vector<Client> clients;
    for (Client c : {Client::Qnam, Client::QnamNoDelay, Client::Plain, Client::Raw}) {
        const std::string list = "," + options.clients + ",";
        if (list.find("," + std::string(clientName(c)) + ",") != std::string::npos)
            clients.push_back(c);
    }
    if (clients.empty())
        die("--clients names none of qnam, qnam+nodelay, plain, raw");
    // results[scenario][client] = per-round {p50, p99} of overhead
    std::map<std::string, std::map<Client, std::vector<std::pair<double, double>>>> results;
    std::map<Client, std::vector<double>> upsertRates;
    std::map<Client, std::vector<std::pair<double, double>>> upsertCpu; // client, server ms

    const std::string countPath = "/collections/bench/points/count";
    const std::string queryPath = "/collections/bench/points/query";
    const std::string upsertPath = "/collections/bench/points?wait=true";

    for (int round = 0; round < options.rounds; ++round) {
        // Odd rounds run the clients in reverse, so that no client always follows the same one
        // (the store's WAL checkpoints and the machine's load drift over time).
        std::vector<Client> order = clients;
        if (round % 2)
            std::reverse(order.begin(), order.end());
        for (Client client : order) {
            // A fresh transport (and so a fresh connection) per client and round.
            HttpTransport transport;
            transport.setPlainHttpEnabled(client == Client::Plain);
            RawHttpClient raw(store.host(), store.port());
            auto measure = [&](const std::string &path, const std::vector<std::string> &bodies,
                               int count, const char *method = "POST") {
                if (client == Client::Raw)
                    return runRaw(raw, method, path, bodies, count);
                std::vector<HttpRequest> requests;
                for (const std::string &body : bodies) {
                    requests.push_back(postRequest(store, path, body, "bench"));
                    requests.back().method = method;
                }
                return runTransport(transport, requests, count);
            };
            // Warm-up: opens the connection (and lets the probe find QNAM's socket).
            measure(countPath, {countBodies[0]}, 5);
            if (client == Client::QnamNoDelay && forceNoDelayTowards(store.port()) == 0)
                die("found no socket towards the server to set TCP_NODELAY on");
            for (size_t s = 0; options.latency && s < sizes.size(); ++s) {
                const Samples samples = measure(countPath, {countBodies[s]}, options.requests);
                results["POST " + std::to_string(sizes[s] / 1024) + " KiB"][client].push_back(
                    {bench::percentile(samples.overheadMs, 50),
                        bench::percentile(samples.overheadMs, 99)});
            }
            if (options.latency) {
                const Samples query = measure(queryPath, queries, options.requests * 3);
                results["query 1536-dim top 10"][client].push_back(
                    {bench::percentile(query.overheadMs, 50),
                        bench::percentile(query.overheadMs, 99)});
            }
            if (!options.upsert) {
                std::fprintf(stderr, "round %d %s done\n", round + 1, clientName(client));
                continue;
            }
            // One upsert at a time: the client's own cost per 1.2 MB request.
            const Samples upsertOne = measure(upsertPath, batches, 20, "PUT");
            results["upsert 64x1536, 1 in flight"][client].push_back(
                {bench::percentile(upsertOne.overheadMs, 50),
                    bench::percentile(upsertOne.overheadMs, 99)});

            std::vector<HttpRequest> requests;
            for (const std::string &batch : batches) {
                HttpRequest request = postRequest(store, upsertPath, batch, "upsert");
                request.method = "PUT";
                requests.push_back(request);
            }
            const double cpuBefore = processCpuMs();
            const double storeCpuBefore = store.cpuSeconds() * 1000;
            if (client == Client::Raw) {
                upsertRates[client].push_back(upsertRateRaw(
                    store, upsertPath, batches, kBatch, options.upsertSeconds, options.inFlight));
            } else {
                if (client == Client::QnamNoDelay) {
                    // The second connection opens during the run; set it on what exists.
                    forceNoDelayTowards(store.port());
                }
                upsertRates[client].push_back(upsertRateTransport(
                    transport, requests, kBatch, options.upsertSeconds, options.inFlight));
            }
            upsertCpu[client].push_back(
                {processCpuMs() - cpuBefore, store.cpuSeconds() * 1000 - storeCpuBefore});
            std::fprintf(stderr, "round %d %s done\n", round + 1, clientName(client));
        }
    }

    // --- Table: medians over rounds.
    std::map<std::string, double> figures;
    std::printf("\nclient overhead = round trip - server `time`, ms: p50 / p99 (median of %d "
                "rounds)\n",
        options.rounds);
    std::printf("%-24s", "scenario");
    for (Client c : clients)
        std::printf(" %18s", clientName(c));
    std::printf("\n");
    for (const auto &[scenario, byClient] : results) {
        std::printf("%-24s", scenario.c_str());
        for (Client c : clients) {
            std::vector<double> p50s, p99s;
            for (const auto &[p50, p99] : byClient.at(c)) {
                p50s.push_back(p50);
                p99s.push_back(p99);
            }
            const double p50 = bench::median(p50s);
            const double p99 = bench::median(p99s);
            std::printf("   %7.3f / %7.3f", p50, p99);
            std::string key = "transport_" + std::string(clientName(c)) + "_" + scenario;
            for (char &ch : key) {
                if (!std::isalnum(static_cast<unsigned char>(ch)))
                    ch = '_';
            }
            figures[key + "_p50_ms"] = p50;
            figures[key + "_p99_ms"] = p99;
        }
        std::printf("\n");
    }
    if (!options.upsert) {
        if (!options.out.empty())
            writeResults(options.out, figures);
        return 0;
    }
    std::printf("%-24s", "upsert 64x1536, points/s");
    for (Client c : clients) {
        const double rate = bench::median(upsertRates[c]);
        std::printf(" %18.0f", rate);
        figures["transport_" + std::string(clientName(c)) + "_upsert_points_per_s"] = rate;
    }
    std::printf("\n");
    for (const auto &[c, rates] : upsertRates) {
        std::printf("  upsert rounds %-13s", clientName(c));
        for (double r : rates)
            std::printf(" %8.0f", r);
        std::printf("\n");
    }
    for (const auto &[c, cpu] : upsertCpu) {
        std::printf("  upsert CPU ms, this process/store %-10s", clientName(c));
        for (const auto &[mine, theirs] : cpu)
            std::printf(" %6.0f/%6.0f", mine, theirs);
        std::printf("\n");
    }
    if (upsertRates.count(Client::Plain) && upsertRates.count(Client::Raw)) {
        // Per round, plain and raw ran next to each other: their ratio cancels the drift.
        std::vector<double> shares;
        for (size_t r = 0; r < upsertRates[Client::Plain].size(); ++r)
            shares.push_back(upsertRates[Client::Plain][r] / upsertRates[Client::Raw][r]);
        const double plainShare = bench::median(shares);
        std::printf(
            "plain upsert rate / raw (median of per-round ratios): %.1f %%\n", plainShare * 100);
        figures["transport_plain_upsert_share_of_raw"] = plainShare;
    }
    if (!options.out.empty())
        writeResults(options.out, figures);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    return bench::runGuarded("transport_bench", [&] { return run(argc, argv); });
}
