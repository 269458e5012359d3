// http_layer_bench: which HTTP server library should memory-store be built on?
//
// Runs the same POST /echo route (simdjson parses the body, counts the numbers, answers a small
// JSON object) on QHttpServer and on cpp-httplib's thread-pool Server, and drives both with the
// same raw-socket keep-alive client (rawhttpclient.h) over loopback. See
// docs/decisions/0001-http-layer.md for what the figures decided.
//
// Usage: http_layer_bench [--rounds N] [--seconds S] [--no-qt] [--no-httplib] [--qt-futures]
//   --qt-futures adds QHttpServer with QFuture responses from QtConcurrent::run; it crashed
//   Qt 6.4.2 here, so it is opt-in.

#include "benchutil.h"
#include "rawhttpclient.h"

#include <httplib.h>
#include <simdjson.h>

#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <latch>
#include <map>
#include <memory>
#include <thread>
#include <tuple>

namespace {

constexpr size_t kMaxPayload = 64u * 1024 * 1024;
constexpr size_t kLargeBodyBytes = 32u * 1024 * 1024;

struct EchoResult
{
    bool ok = false;
    std::string json;
};

size_t countNumbers(simdjson::dom::element element)
{
    switch (element.type()) {
    case simdjson::dom::element_type::ARRAY: {
        size_t n = 0;
        simdjson::dom::array array;
        if (element.get_array().get(array))
            return 0;
        for (simdjson::dom::element child : array)
            n += countNumbers(child);
        return n;
    }
    case simdjson::dom::element_type::OBJECT: {
        size_t n = 0;
        simdjson::dom::object object;
        if (element.get_object().get(object))
            return 0;
        for (simdjson::dom::key_value_pair field : object)
            n += countNumbers(field.value);
        return n;
    }
    case simdjson::dom::element_type::DOUBLE:
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
        return 1;
    default:
        return 0;
    }
}

/// The route under test, identical for both servers: real JSON parsing work per request, so the
/// comparison shows whether a library lets several requests' parsing use several cores.
EchoResult echo(const char *data, size_t size)
{
    // One parser per server thread: it keeps its buffers, as a real server's would.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (const auto error = parser.parse(data, size, true).get(root)) {
        return {false, std::string(R"({"error":")") + simdjson::error_message(error) + "\"}"};
    }
    return {true, R"({"floats":)" + std::to_string(countNumbers(root)) + "}"};
}

/// A server started for one scenario; stop() shuts it down and joins its threads.
struct RunningServer
{
    uint16_t port = 0;
    std::function<void()> stop;
};

RunningServer startHttplib(size_t poolThreads)
{
    auto server = std::make_shared<httplib::Server>();
    if (poolThreads > 0) {
        // cpp-httplib serves one connection per pool thread for the connection's whole keep-alive
        // life, so the pool must be at least as large as the number of concurrent clients.
        server->new_task_queue = [poolThreads] { return new httplib::ThreadPool(poolThreads); };
    }
    server->set_keep_alive_max_count(1'000'000);
    server->set_tcp_nodelay(true);
    server->set_payload_max_length(kMaxPayload);
    server->Post("/echo", [](const httplib::Request &request, httplib::Response &response) {
        const EchoResult result = echo(request.body.data(), request.body.size());
        response.status = result.ok ? 200 : 400;
        response.set_content(result.json, "application/json");
    });
    const int port = server->bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        std::fprintf(stderr, "cpp-httplib: cannot bind\n");
        std::exit(2);
    }
    auto thread = std::make_shared<std::thread>([server] { server->listen_after_bind(); });
    // The socket already listens (bind_to_any_port); wait for the accept loop too.
    while (!server->is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return {uint16_t(port), [server, thread] {
                server->stop();
                thread->join();
            }};
}

QHttpServerResponse echoResponse(const QByteArray &body)
{
    const EchoResult result = echo(body.constData(), size_t(body.size()));
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
        QByteArray::fromStdString(result.json),
        result.ok ? QHttpServerResponse::StatusCode::Ok
                  : QHttpServerResponse::StatusCode::BadRequest);
}

/// QHttpServer in a QThread of its own with its event loop, like it would be in a server
/// process; the benchmark's client threads stay outside Qt. With `concurrent`, the route returns
/// a QFuture from QtConcurrent::run (supported since Qt 6.4), so the parsing runs on
/// QThreadPool's threads instead of the event loop's.
RunningServer startQt(bool concurrent)
{
    auto thread = std::make_shared<QThread>();
    thread->start();
    auto *context = new QObject;
    context->moveToThread(thread.get());
    QHttpServer *server = nullptr;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        context,
        [&] {
            server = new QHttpServer;
            if (concurrent) {
                server->route(QStringLiteral("/echo"), QHttpServerRequest::Method::Post,
                    [](const QHttpServerRequest &request) {
                        return QtConcurrent::run(
                            [body = request.body()] { return echoResponse(body); });
                    });
            } else {
                server->route(QStringLiteral("/echo"), QHttpServerRequest::Method::Post,
                    [](const QHttpServerRequest &request) { return echoResponse(request.body()); });
            }
            port = server->listen(QHostAddress::LocalHost, 0);
        },
        Qt::BlockingQueuedConnection);
    if (port == 0) {
        std::fprintf(stderr, "QHttpServer: cannot listen\n");
        std::exit(2);
    }
    return {port, [thread, context, server] {
                QMetaObject::invokeMethod(
                    context, [server] { delete server; }, Qt::BlockingQueuedConnection);
                thread->quit();
                thread->wait();
                delete context;
            }};
}

/// A search-sized request without the vector: what every small call costs the HTTP layer.
constexpr long kSmallBodyNumbers = 5;
std::string smallBody()
{
    return R"({"vector":[0.125,-0.5,0.75,0.25],"limit":10})";
}

std::string vectorBody(std::mt19937_64 &rng, size_t dims)
{
    std::string body = R"({"vector":)";
    bench::appendFloatArray(body, bench::embedding(rng, dims));
    body += "}";
    return body;
}

/// {"points":[{"id":N,"vector":[...]},...]}, shaped like an upsert.
std::string batchBody(std::mt19937_64 &rng, size_t points, size_t dims)
{
    std::string body = R"({"points":[)";
    for (size_t i = 0; i < points; ++i) {
        if (i)
            body += ',';
        body += R"({"id":)" + std::to_string(i) + R"(,"vector":)";
        bench::appendFloatArray(body, bench::embedding(rng, dims));
        body += '}';
    }
    body += "]}";
    return body;
}

/// About `bytes` of {"vector":[...]}; returns the body and how many floats it holds.
std::pair<std::string, long> largeBody(std::mt19937_64 &rng, size_t bytes)
{
    std::string body = R"({"vector":[)";
    body.reserve(bytes + 64);
    long count = 0;
    const std::vector<float> pool = bench::embedding(rng, 4096);
    while (body.size() + 16 < bytes) {
        if (count)
            body.push_back(',');
        bench::appendFloat(body, pool[size_t(count) % pool.size()]);
        ++count;
    }
    body += "]}";
    return {std::move(body), count};
}

long floatsInReply(const std::string &reply)
{
    const size_t at = reply.find(R"("floats":)");
    if (at == std::string::npos)
        return -1;
    long n = -1;
    std::from_chars(reply.data() + at + 9, reply.data() + reply.size(), n);
    return n;
}

struct LoadResult
{
    std::vector<double> latenciesMs; ///< Every request completed within the window.
    double seconds = 0;
    size_t requests = 0;
    size_t starvedConnections = 0; ///< Connections that got no answer inside the window.
    size_t failures = 0;
    size_t reconnects = 0;
};

/// `connections` keep-alive clients, each sending `body` back to back, either `perConnection`
/// requests each or (perConnection == 0) until `seconds` have passed.
LoadResult runLoad(uint16_t port, size_t connections, const std::string &body, size_t perConnection,
    double seconds, long expectFloats)
{
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (size_t i = 0; i < connections; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>("127.0.0.1", port));
        clients.back()->setTimeoutSeconds(60);
        if (!clients.back()->connect()) {
            std::fprintf(stderr, "connect: %s\n", clients.back()->error().c_str());
            std::exit(2);
        }
    }
    std::vector<std::vector<double>> latencies(connections);
    std::vector<size_t> failures(connections, 0);
    std::vector<size_t> reconnects(connections, 0);
    std::latch ready(ptrdiff_t(connections) + 1);
    // Set by this thread just before it arrives at the latch, which orders the write before
    // every client thread's reads.
    bench::Clock::time_point start;
    bench::Clock::time_point deadline;
    std::vector<std::thread> threads;
    threads.reserve(connections);
    for (size_t c = 0; c < connections; ++c) {
        threads.emplace_back([&, c] {
            RawHttpClient &client = *clients[c];
            latencies[c].reserve(perConnection ? perConnection : 100'000);
            ready.arrive_and_wait();
            for (size_t i = 0; perConnection == 0 || i < perConnection; ++i) {
                const auto t0 = bench::Clock::now();
                if (perConnection == 0 && t0 >= deadline)
                    break;
                const RawHttpClient::Response response = client.request("POST", "/echo", body);
                const auto t1 = bench::Clock::now();
                if (!client.isConnected())
                    ++reconnects[c];
                if (response.status != 200 || floatsInReply(response.body) != expectFloats) {
                    if (failures[c]++ == 0) {
                        std::fprintf(stderr, "request failed: status %d %s %.200s\n",
                            response.status, client.error().c_str(), response.body.c_str());
                    }
                    continue;
                }
                if (perConnection == 0 && t1 > deadline)
                    break; // Answered after the window: not part of the figure.
                latencies[c].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            }
            // Free the server's worker for this connection at once.
            client.close();
        });
    }
    start = bench::Clock::now();
    deadline = start
        + std::chrono::duration_cast<bench::Clock::duration>(
            std::chrono::duration<double>(seconds));
    ready.arrive_and_wait();
    for (std::thread &t : threads)
        t.join();
    LoadResult result;
    const double elapsed = bench::millisSince(start) / 1000.0;
    result.seconds = perConnection ? elapsed : std::min(elapsed, seconds);
    for (size_t c = 0; c < connections; ++c) {
        result.requests += latencies[c].size();
        result.failures += failures[c];
        result.reconnects += reconnects[c];
        if (latencies[c].empty())
            ++result.starvedConnections;
        result.latenciesMs.insert(
            result.latenciesMs.end(), latencies[c].begin(), latencies[c].end());
    }
    return result;
}

/// Every request body, built once before any clock starts.
struct Bodies
{
    std::string small;
    std::string medium; ///< One 1536-float vector, ~19 KB.
    std::string batch; ///< An upsert-sized batch: 256 points x 1536 floats, ~5 MB.
    long batchNumbers = 0;
    std::string large; ///< ~32 MiB.
    long largeFloats = 0;
};

/// One round of every scenario against one server; metric name -> value.
std::map<std::string, double> runScenarios(uint16_t port, double seconds, const Bodies &bodies)
{
    std::map<std::string, double> m;
    // Warm-up: connections, parser buffers, caches.
    runLoad(port, 1, bodies.small, 300, 0, kSmallBodyNumbers);

    LoadResult r = runLoad(port, 1, bodies.small, 5000, 0, kSmallBodyNumbers);
    m["small 1 conn p50 ms"] = bench::percentile(r.latenciesMs, 50);
    m["small 1 conn p99 ms"] = bench::percentile(r.latenciesMs, 99);
    m["failures"] += double(r.failures);
    m["reconnects"] += double(r.reconnects);

    r = runLoad(port, 8, bodies.small, 1000, 0, kSmallBodyNumbers);
    m["small 8 conn p50 ms"] = bench::percentile(r.latenciesMs, 50);
    m["small 8 conn p99 ms"] = bench::percentile(r.latenciesMs, 99);
    m["failures"] += double(r.failures);
    m["reconnects"] += double(r.reconnects);

    r = runLoad(port, 2, bodies.medium, 0, seconds, 1536);
    m["1536-float 2 conn req/s"] = double(r.requests) / r.seconds;
    m["1536-float 2 conn MB/s"]
        = double(r.requests) * double(bodies.medium.size()) / r.seconds / 1e6;
    m["1536-float 2 conn p50 ms"] = bench::percentile(r.latenciesMs, 50);
    m["failures"] += double(r.failures);
    m["reconnects"] += double(r.reconnects);

    // What an upsert of 256 points costs the layer: here parsing dominates, so this is where
    // a second core can help.
    r = runLoad(port, 2, bodies.batch, 0, seconds, bodies.batchNumbers);
    m["5 MB batch 2 conn req/s"] = double(r.requests) / r.seconds;
    m["5 MB batch 2 conn MB/s"]
        = double(r.requests) * double(bodies.batch.size()) / r.seconds / 1e6;
    m["failures"] += double(r.failures);
    m["reconnects"] += double(r.reconnects);

    // Small requests while another connection uploads 5 MB batches: does a search wait
    // behind someone else's upsert?
    {
        std::atomic<bool> stop {false};
        std::atomic<size_t> uploads {0};
        std::thread uploader([&] {
            RawHttpClient client("127.0.0.1", port);
            client.setTimeoutSeconds(60);
            while (!stop.load()) {
                if (client.request("POST", "/echo", bodies.batch).status == 200)
                    ++uploads;
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        r = runLoad(port, 1, bodies.small, 0, seconds, kSmallBodyNumbers);
        stop = true;
        uploader.join();
        m["small during uploads p50 ms"] = bench::percentile(r.latenciesMs, 50);
        m["small during uploads p99 ms"] = bench::percentile(r.latenciesMs, 99);
        m["failures"] += double(r.failures);
        m["reconnects"] += double(r.reconnects);
    }

    std::vector<double> largeMs;
    size_t accepted = 0;
    for (int i = 0; i < 3; ++i) {
        RawHttpClient client("127.0.0.1", port);
        client.setTimeoutSeconds(120);
        client.connect();
        const auto t0 = bench::Clock::now();
        const RawHttpClient::Response response = client.request("POST", "/echo", bodies.large);
        const double ms = bench::millisSince(t0);
        if (response.status == 200 && floatsInReply(response.body) == bodies.largeFloats) {
            ++accepted;
            largeMs.push_back(ms);
        } else if (i == 0) {
            std::fprintf(stderr, "32 MiB body not accepted: status %d %s %.200s\n", response.status,
                client.error().c_str(), response.body.c_str());
        }
    }
    m["32 MiB accepted (of 3)"] = double(accepted);
    m["32 MiB round trip ms"] = accepted ? bench::median(largeMs) : -1;

    r = runLoad(port, 16, bodies.small, 0, seconds, kSmallBodyNumbers);
    m["small 16 conn req/s"] = double(r.requests) / r.seconds;
    m["small 16 conn p99 ms"] = bench::percentile(r.latenciesMs, 99);
    m["16 conn starved conns"] = double(r.starvedConnections);
    m["failures"] += double(r.failures);
    m["reconnects"] += double(r.reconnects);
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int rounds = 3;
    double seconds = 3;
    bool withQt = true;
    bool withQtFutures = false;
    bool withHttplib = true;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--rounds" && i + 1 < argc) {
            rounds = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--seconds" && i + 1 < argc) {
            seconds = std::max(0.2, std::atof(argv[++i]));
        } else if (arg == "--no-qt") {
            withQt = false;
        } else if (arg == "--qt-futures") {
            withQtFutures = true;
        } else if (arg == "--no-httplib") {
            withHttplib = false;
        } else {
            std::fprintf(stderr,
                "usage: %s [--rounds N] [--seconds S] [--no-qt] [--no-httplib] [--qt-futures]\n",
                argv[0]);
            return 2;
        }
    }

    std::mt19937_64 rng(20240601);
    Bodies bodies;
    bodies.small = smallBody();
    bodies.medium = vectorBody(rng, 1536);
    bodies.batch = batchBody(rng, 256, 1536);
    bodies.batchNumbers = 256 * (1536 + 1);
    std::tie(bodies.large, bodies.largeFloats) = largeBody(rng, kLargeBodyBytes);
    std::printf("bodies: small %zu B, 1536-float %zu B, batch %zu B, large %zu B (%ld floats); "
                "%d round(s), %.1f s windows, %u hardware threads\n",
        bodies.small.size(), bodies.medium.size(), bodies.batch.size(), bodies.large.size(),
        bodies.largeFloats, rounds, seconds, std::thread::hardware_concurrency());
    // The route's own cost without any HTTP, to tell parsing from transport in the table.
    for (const auto &[name, body] : {std::pair {"1536-float", &bodies.medium},
             std::pair {"5 MB batch", &bodies.batch}, std::pair {"32 MiB", &bodies.large}}) {
        std::vector<double> ms;
        for (int i = 0; i < 7; ++i) {
            const auto t0 = bench::Clock::now();
            echo(body->data(), body->size());
            ms.push_back(bench::millisSince(t0));
        }
        std::printf(
            "echo route alone, %s: %.3f ms (median of 7, one core)\n", name, bench::median(ms));
    }

    struct Candidate
    {
        std::string name;
        std::function<RunningServer()> start;
    };
    std::vector<Candidate> candidates;
    if (withQt)
        candidates.push_back({"QHttpServer 6.4", [] { return startQt(false); }});
    // Off by default: on Qt 6.4.2 this variant crashes (see the decision record).
    if (withQtFutures)
        candidates.push_back({"QHttpServer+QtConc", [] { return startQt(true); }});
    if (withHttplib) {
        candidates.push_back({"httplib pool=32", [] { return startHttplib(32); }});
        candidates.push_back({"httplib default", [] { return startHttplib(0); }});
    }

    // name -> metric -> one value per round; rounds interleave the servers so that a burst of
    // load from other processes hits all of them alike.
    std::map<std::string, std::map<std::string, std::vector<double>>> values;
    std::vector<std::string> metricOrder;
    for (int round = 0; round < rounds; ++round) {
        for (const Candidate &candidate : candidates) {
            std::printf("round %d/%d: %s ...\n", round + 1, rounds, candidate.name.c_str());
            std::fflush(stdout);
            RunningServer server = candidate.start();
            const auto m = runScenarios(server.port, seconds, bodies);
            server.stop();
            for (const auto &[metric, value] : m) {
                values[candidate.name][metric].push_back(value);
                if (std::find(metricOrder.begin(), metricOrder.end(), metric) == metricOrder.end())
                    metricOrder.push_back(metric);
            }
        }
    }

    const char *order[] = {"small 1 conn p50 ms", "small 1 conn p99 ms", "small 8 conn p50 ms",
        "small 8 conn p99 ms", "1536-float 2 conn req/s", "1536-float 2 conn MB/s",
        "1536-float 2 conn p50 ms", "5 MB batch 2 conn req/s", "5 MB batch 2 conn MB/s",
        "small during uploads p50 ms", "small during uploads p99 ms", "32 MiB accepted (of 3)",
        "32 MiB round trip ms", "small 16 conn req/s", "small 16 conn p99 ms",
        "16 conn starved conns", "failures", "reconnects"};
    std::printf("\nmedian of %d round(s)\n%-26s", rounds, "metric");
    for (const Candidate &candidate : candidates)
        std::printf(" %18s", candidate.name.c_str());
    std::printf("\n");
    for (const char *metric : order) {
        std::printf("%-26s", metric);
        for (const Candidate &candidate : candidates) {
            const double v = bench::median(values[candidate.name][metric]);
            std::printf(" %18.*f", v >= 100 ? 0 : 3, v);
        }
        std::printf("\n");
    }
    if (rounds > 1) {
        std::printf("\nper-round values, in the column order above (noise check):\n");
        for (const char *metric : order) {
            std::printf("%-26s", metric);
            for (const Candidate &candidate : candidates) {
                std::printf(" |");
                for (double v : values[candidate.name][metric])
                    std::printf(" %.*f", v >= 100 ? 0 : 3, v);
            }
            std::printf("\n");
        }
    }
    return 0;
}
