// import_bench: the import pipeline of issue 5 against the raw-socket client, on one
// memory-store.
//
//   import_raw_upsert_points_per_s  (raw_upsert_points_per_s of this run; named apart from
//                             client_bench's) the points of the file, already in memory, sent by the bench's
//                             raw-socket client (2 keep-alive connections, bodies written with
//                             floattext as QdrantClient writes them, 200 points a request),
//                             with the ids the import gives them (UUIDv5 of optimization_id,
//                             computed before the clock starts), so that the server stores
//                             the same points for both; --raw-ids int sends 1..N instead;
//                             the two take turns, a slice of the points each (--slices)
//   import_points_per_s       the same points from a JSONL file (1536 floats + 12 payload
//                             fields a row) through ImportPipeline: read and parsed (simdjson),
//                             validated against cost_optimization_knowledge, UUIDv5 ids,
//                             written through ScopedPoints with its checkpoint and report
//   import_max_gui_stall_ms   the longest late tick of a 1 ms timer on the GUI thread during
//                             that import (an event-loop watchdog); beside it the same
//                             watchdog for 3 s with nothing running (import_idle_gui_stall_ms):
//                             what the machine's load alone costs
//   VM steal ms               the time the hypervisor gave this VM's CPUs to others during each
//                             contender's slices: a run that lost much more on one side than on
//                             the other was decided by the machine
//
// Usage: import_bench [--points N] [--batch N] [--in-flight N] [--slices N] [--raw-ids uuid|int]
// [--out FILE]; memory-store from MC_STORE_BIN. Prints a table; merges the figures into FILE
// (a flat JSON object).

#include "benchutil.h"
#include "deterministicpointid.h"
#include "importbenchrows.h"
#include "importpipeline.h"
#include "memorystoreprocess.h"
#include "qdrantclient.h"
#include "rawhttpclient.h"
#include "storeclient.h"
#include "threadclocks.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <random>
#include <thread>

namespace {

using namespace importbench;

struct Options
{
    int points = 100'000;
    int batch = 200;
    int inFlight = 3;
    int slices = 4;
    bool rawIntegerIds = false;
    QString out;
};

bool createCollection(StoreClient &client, const QString &name)
{
    client.del(QStringLiteral("/collections/") + name);
    return client
               .put(QStringLiteral("/collections/") + name,
                    QJsonObject{{QStringLiteral("vectors"),
                                 QJsonObject{{QStringLiteral("size"), kDims},
                                             {QStringLiteral("distance"),
                                              QStringLiteral("Cosine")}}}})
               .status
        == 200;
}

/// The raw client: 2 threads with a keep-alive connection each take the next batch and write
/// its body as they go; ids[i] is point i's id as JSON. Returns seconds, or -1 on a failure.
double rawUpsert(int port, const std::vector<std::string> &ids,
                 const std::vector<std::vector<float>> &vectors,
                 const std::vector<std::string> &payloads, int batch, size_t from, size_t to)
{
    const size_t batches = (to - from + size_t(batch) - 1) / size_t(batch);
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> threads;
    threads.reserve(2);
    for (int c = 0; c < 2; ++c) {
        threads.emplace_back([&] {
            RawHttpClient client("127.0.0.1", uint16_t(port));
            // cppcheck-suppress variableScope ; one buffer for every batch keeps its capacity
            std::string body;
            for (size_t b; !failed && (b = next.fetch_add(1)) < batches;) {
                body = "{\"points\":[";
                const size_t begin = from + b * size_t(batch);
                const size_t end = std::min(to, begin + size_t(batch));
                for (size_t i = begin; i < end; ++i) {
                    if (i > begin)
                        body += ',';
                    body += "{\"id\":" + ids[i] + ",\"vector\":";
                    appendVector(body, vectors[i]);
                    body += ",\"payload\":" + payloads[i] + '}';
                }
                body += "]}";
                const auto r = client.request("PUT", "/collections/raw_cost/points?wait=true",
                                              body);
                if (r.status != 200) {
                    std::fprintf(stderr, "raw upsert: HTTP %d %s\n", r.status,
                                 r.body.substr(0, 200).c_str());
                    failed = true;
                }
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    return failed ? -1 : double(timer.nsecsElapsed()) / 1e9;
}

/// CPU seconds (user + system) this process has used: the client's side of each contender.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// CPU seconds (user + system) process pid has used, from /proc (the server's side); -1 when
/// it cannot be read.
double cpuSecondsOf(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    // The fields after the command (which may hold spaces), from its closing parenthesis:
    // state is the 3rd field of the line, utime the 14th and stime the 15th.
    const QByteArray line = file.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong())
        / double(sysconf(_SC_CLK_TCK));
}

/// Milliseconds the hypervisor ran something else on this VM's CPUs (steal, summed over all
/// CPUs, from /proc/stat in 10 ms ticks); -1 when it cannot be read. Time stolen from a thread
/// counts as neither its CPU nor its wait for a core, so a "blocked" stall with no voluntary
/// switch is this.
double machineStealMs()
{
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    // "cpu  user nice system idle iowait irq softirq steal ..."
    const QList<QByteArray> fields = file.readLine().simplified().split(' ');
    if (fields.size() < 9 || fields.at(0) != "cpu")
        return -1;
    return fields.at(8).toDouble() * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

double loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return file.readAll().split(' ').value(0).toDouble();
}

} // namespace

int main(int argc, char *argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCoreApplication app(argc, argv);
    Options options;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QStringLiteral("--points"))
            options.points = std::max(100, args.at(++i).toInt());
        else if (args.at(i) == QStringLiteral("--batch"))
            options.batch = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QStringLiteral("--in-flight"))
            options.inFlight = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QStringLiteral("--slices"))
            options.slices = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QStringLiteral("--raw-ids"))
            options.rawIntegerIds = args.at(++i) == QStringLiteral("int");
        else if (args.at(i) == QStringLiteral("--out"))
            options.out = args.at(++i);
    }

    // The file and the same points in memory (not random between runs: a fixed seed).
    QTemporaryDir dir;
    const auto sliceBegin = [&options](int slice) {
        return size_t(qint64(options.points) * slice / options.slices);
    };
    std::vector<std::vector<float>> vectors(size_t(options.points));
    std::vector<std::string> payloads(size_t(options.points));
    std::vector<std::string> ids(size_t(options.points));
    {
        std::mt19937_64 rng(42);
        QFile file;
        qint64 bytes = 0;
        // cppcheck-suppress variableScope ; one buffer for every point keeps its capacity
        std::string line;
        for (int n = 0; n < options.points; ++n) {
            for (int slice = 0; slice < options.slices; ++slice) {
                if (size_t(n) == sliceBegin(slice)) {
                    bytes += file.size();
                    file.close();
                    file.setFileName(dir.filePath(QStringLiteral("slice%1.jsonl").arg(slice)));
                    if (!file.open(QIODevice::WriteOnly))
                        return 1;
                }
            }
            vectors[size_t(n)] = bench::embedding(rng, kDims);
            payloads[size_t(n)] = payloadOf(n + 1);
            ids[size_t(n)] = options.rawIntegerIds
                ? std::to_string(n + 1)
                : '"'
                    + DeterministicPointId::forKey(QString::fromStdString(optimizationIdOf(n + 1)))
                          .toString()
                          .toStdString()
                    + '"';
            line = lineOf(payloads[size_t(n)], vectors[size_t(n)]);
            file.write(line.data(), qint64(line.size()));
        }
        bytes += file.size();
        file.close();
        std::printf("wrote %d rows in %d files, %.0f MB\n", options.points, options.slices,
                    double(bytes) / 1e6);
    }

    MemoryStoreProcess store;
    if (!store.start(30000)) {
        std::fprintf(stderr, "memory-store: %s\n", qPrintable(store.error()));
        return 1;
    }
    StoreClient admin(store.port());
    if (!createCollection(admin, QStringLiteral("raw_cost"))
        || !createCollection(admin, QStringLiteral("cost_optimization_knowledge")))
        return 1;
    const double loadBefore = loadAverage();

    QdrantClient client;
    client.setEndpoint(QUrl(store.baseUrl()));
    ImportOptions import;
    import.format = ImportFormat::Kind::Jsonl;
    import.collection = QStringLiteral("cost_optimization_knowledge");
    const AgentMemorySchema *schema = agentMemorySchemaFor(import.collection);
    QStringList fields;
    for (const SchemaField &field : schema->fields)
        fields << field.name;
    fields << QStringLiteral("vector");
    import.mapping = ImportMapping::suggest(fields, schema, kDims);
    import.batchRows = options.batch;
    import.requestsInFlight = options.inFlight;
    import.resume = false;

    // The watchdog: a 1 ms timer's longest gap beyond its period, while an import runs, and
    // how the GUI thread spent that gap (its own CPU, waiting for a core, or neither).
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    const ThreadClocks guiClocks;
    ThreadClocks::Sample last;
    double maxStall = 0;
    double maxStallAtMs = 0;
    ThreadClocks::Sample stallFrom;
    ThreadClocks::Sample stallTo;
    QElapsedTimer sliceTimer;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const ThreadClocks::Sample now = guiClocks.sample();
        const double gap = last.wallNs ? double(now.wallNs - last.wallNs) / 1e6 - 1.0 : 0.0;
        if (gap > maxStall) {
            maxStall = gap;
            maxStallAtMs = double(sliceTimer.nsecsElapsed()) / 1e6;
            stallFrom = last;
            stallTo = now;
        }
        last = now;
    });

    // The same watchdog with nothing to do, for as long as an import slice takes about: what
    // the machine's load alone costs the GUI thread (the scheduler's delays).
    tick.start(1);
    sliceTimer.start();
    QTest::qWait(3000);
    tick.stop();
    const double idleStall = maxStall;
    maxStall = 0;
    last = {};

    // The two clients take turns, one slice each, into two collections that grow alike, so
    // that whatever else the machine does weighs on both.
    double rawSeconds = 0;
    double importSeconds = 0;
    double rawCpu = 0;
    double importCpu = 0;
    double rawStoreCpu = 0;
    double importStoreCpu = 0;
    double rawSteal = 0;
    double importSteal = 0;
    qint64 requests = 0;
    for (int slice = 0; slice < options.slices; ++slice) {
        const size_t from = sliceBegin(slice);
        const size_t to = sliceBegin(slice + 1);
        double cpu = cpuSeconds();
        double storeCpu = cpuSecondsOf(store.pid());
        double steal = machineStealMs();
        const double raw = rawUpsert(store.port(), ids, vectors, payloads, options.batch, from, to);
        if (raw < 0)
            return 1;
        rawSeconds += raw;
        rawCpu += cpuSeconds() - cpu;
        rawStoreCpu += cpuSecondsOf(store.pid()) - storeCpu;
        rawSteal += machineStealMs() - steal;
        cpu = cpuSeconds();
        storeCpu = cpuSecondsOf(store.pid());
        steal = machineStealMs();

        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(&client, TenantScope::allTenants(), false));
        import.filePath = dir.filePath(QStringLiteral("slice%1.jsonl").arg(slice));
        QSignalSpy finished(&pipeline, &ImportPipeline::finished);
        sliceTimer.start();
        last = {};
        tick.start(1);
        pipeline.start(import);
        if (!finished.wait(3600 * 1000))
            return 1;
        tick.stop();
        importCpu += cpuSeconds() - cpu;
        importStoreCpu += cpuSecondsOf(store.pid()) - storeCpu;
        importSteal += machineStealMs() - steal;
        const double seconds = double(sliceTimer.nsecsElapsed()) / 1e9;
        importSeconds += seconds;
        const auto summary = finished.first().first().value<ImportSummary>();
        if (summary.outcome != ImportSummary::Outcome::Completed
            || summary.pointsWritten != qint64(to - from)) {
            // cppcheck-suppress invalidPrintfArgType_sint ; qlonglong is long long (not long)
            std::fprintf(stderr, "import: outcome %d, %lld points, %s\n", int(summary.outcome),
                         qlonglong(summary.pointsWritten), qPrintable(summary.error.message));
            return 1;
        }
        requests += summary.requests;
        std::printf("slice %d: %zu points, raw %.1f s (%.0f/s), import %.1f s (%.0f/s)\n", slice,
                    to - from, raw, double(to - from) / raw, seconds,
                    double(to - from) / seconds);
    }
    // The comparison is only fair if both wrote the same points: the import's collection
    // must hold the raw client's last id.
    if (!options.rawIntegerIds) {
        const QString lastId = QString::fromStdString(ids.back()).remove(QLatin1Char('"'));
        if (admin.get(QStringLiteral("/collections/cost_optimization_knowledge/points/") + lastId)
                .status
            != 200) {
            std::fprintf(stderr, "import: point %s is missing; the ids differ\n",
                         qPrintable(lastId));
            return 1;
        }
    }
    const double rawRate = options.points / rawSeconds;
    const double importRate = options.points / importSeconds;
    const double loadAfter = loadAverage();

    std::printf("\n%-32s %12s %12s\n", "import figure", "value", "target");
    std::printf("%-32s %12.0f %12s\n", "import_raw_upsert_points_per_s", rawRate, "");
    std::printf("%-32s %12.0f %12s\n", "import_points_per_s", importRate, ">= 90 % raw");
    std::printf("%-32s %11.1f%% %12s\n", "import / raw", 100.0 * importRate / rawRate, ">= 90 %");
    std::printf("%-32s %12.1f %12s\n", "import_max_gui_stall_ms", maxStall, "<= 50");
    std::printf("%-32s %12.1f %12s\n", "idle_max_gui_stall_ms (3 s)", idleStall, "");
    std::printf("%-32s %12.1f %12s\n", "client CPU us/point, raw", rawCpu * 1e6 / options.points,
                "");
    std::printf("%-32s %12.1f %12s\n", "client CPU us/point, import",
                importCpu * 1e6 / options.points, "");
    std::printf("%-32s %12.1f %12s\n", "server CPU us/point, raw",
                rawStoreCpu * 1e6 / options.points, "");
    std::printf("%-32s %12.1f %12s\n", "server CPU us/point, import",
                importStoreCpu * 1e6 / options.points, "");
    std::printf("%-32s %12.0f %12s\n", "VM steal ms, raw", rawSteal, "");
    std::printf("%-32s %12.0f %12s\n", "VM steal ms, import", importSteal, "");
    // cppcheck-suppress invalidPrintfArgType_sint ; qlonglong is long long (not long)
    std::printf("(%d points in %d slices, %d dims, batch %d, %d in flight, %lld requests, "
                "raw ids %s, longest stall %.0f ms into its slice, imports %.0f ms in all, "
                "load average %.2f before, %.2f after)\n",
                options.points, options.slices, kDims, options.batch, options.inFlight,
                qlonglong(requests), options.rawIntegerIds ? "1..N" : "as the import's",
                maxStallAtMs, importSeconds * 1000, loadBefore, loadAfter);
    const double stallWallMs = double(stallTo.wallNs - stallFrom.wallNs) / 1e6;
    const double stallCpuMs = double(stallTo.cpuNs - stallFrom.cpuNs) / 1e6;
    const double stallDelayMs = double(stallTo.runDelayNs - stallFrom.runDelayNs) / 1e6;
    std::printf("(the longest stall, tick to tick: wall %.1f ms, GUI thread CPU %.1f, preempted "
                "%.1f, blocked %.1f; switches %ld voluntary, %ld preempted)\n",
                stallWallMs, stallCpuMs, stallDelayMs,
                std::max(0.0, stallWallMs - stallCpuMs - stallDelayMs),
                stallTo.voluntary - stallFrom.voluntary,
                stallTo.involuntary - stallFrom.involuntary);
    if (!options.out.isEmpty()) {
        QJsonObject results;
        QFile file(options.out);
        if (file.open(QIODevice::ReadOnly))
            results = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        results.insert(QStringLiteral("import_points"), options.points);
        results.insert(QStringLiteral("import_raw_upsert_points_per_s"), rawRate);
        results.insert(QStringLiteral("import_points_per_s"), importRate);
        results.insert(QStringLiteral("import_vs_raw_percent"), 100.0 * importRate / rawRate);
        results.insert(QStringLiteral("import_max_gui_stall_ms"), maxStall);
        results.insert(QStringLiteral("import_idle_gui_stall_ms"), idleStall);
        results.insert(QStringLiteral("import_vm_steal_ms_raw"), rawSteal);
        results.insert(QStringLiteral("import_vm_steal_ms_import"), importSteal);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(QJsonDocument(results).toJson());
    }
    return 0;
}
