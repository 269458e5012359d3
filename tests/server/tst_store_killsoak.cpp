// memory-store durability under kill -9 with two writers: each run starts a store on a fresh
// data directory, two clients upsert, overwrite and delete points (integer ids and UUIDs,
// wait=true and wait=false) while the store is killed at a random moment; the restarted store
// must hold every acknowledged write exactly, keep acknowledged deletes deleted, and hold each
// unacknowledged request either whole or not at all. 3 runs here; MC_STORE_KILL_RUNS=N runs N
// (`make soak`: 50) and MC_RELIABILITY_OUT merges store_kill_runs, store_kill_acked_lost and
// store_kill_acked_writes into that JSON file. MC_STORE_KILL_SEED=S replays a printed seed.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QUuid>
#include <QtTest>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace {

const QString kCollection = QStringLiteral("killsoak");
constexpr int kDim = 32;
constexpr int kClients = 2;
// Commits of 64 KiB pages: ~500 of them fill the 64 MiB WAL and start a checkpoint, so the
// later kills also land during and after checkpoints.
constexpr int kMaxKillAfterAcks = 1200;

// The point ids each client owns: client 0 integers, client 1 UUIDs (both key encodings).
QString pointKey(int client, int n)
{
    if (client == 0)
        return QString::number(1000000 + n);
    static const QUuid space
        = QUuid::fromString(QStringLiteral("6f1c2a8e-4b1d-4f0e-9a55-3c7d2e9b8f10"));
    return QUuid::createUuidV5(space, QStringLiteral("killsoak-%1").arg(n))
        .toString(QUuid::WithoutBraces);
}

QJsonValue idJson(int client, const QString &key)
{
    return client == 0 ? QJsonValue(key.toLongLong()) : QJsonValue(key);
}

// Deterministic content of the point `key` as written by operation `op` of `client`, so the
// expected state needs only "which operation wrote it last".
QJsonObject payloadFor(int client, int op, const QString &key)
{
    return {{QStringLiteral("client"), client}, {QStringLiteral("op"), op},
        {QStringLiteral("text"),
            QStringLiteral("client %1 op %2 wrote %3 ✓").arg(client).arg(op).arg(key)},
        {QStringLiteral("tags"),
            QJsonArray {QStringLiteral("t%1").arg(op % 5), QStringLiteral("c%1").arg(client)}},
        {QStringLiteral("even"), op % 2 == 0}};
}

QJsonArray vectorFor(int client, int op, const QString &key)
{
    // FNV-1a over the key, op and client: values are multiples of 1/256 in [-2, 2), exact in
    // float32 and in JSON, so a reloaded vector compares equal, not merely close.
    quint32 h = 2166136261u;
    const QByteArray bytes
        = key.toLatin1() + '/' + QByteArray::number(op) + '/' + QByteArray::number(client) + '/';
    QJsonArray vector;
    for (int i = 0; i < kDim; ++i) {
        const QByteArray element = bytes + QByteArray::number(i);
        for (char c : element) {
            h ^= quint8(c);
            h *= 16777619u;
        }
        vector.append(double(int(h % 1024) - 512) / 256.0);
    }
    return vector;
}

struct Operation
{
    bool remove = false; ///< delete request, else upsert
    bool wait = false; ///< ?wait=true ("completed") or not ("acknowledged")
    std::vector<QString> keys; ///< the points the request writes or deletes
};

// What one client sent, in order. Each client sends one request at a time and stops at the
// first one without a 200, so the acknowledged requests are a prefix and at most the request
// after it is in doubt.
struct ClientLog
{
    std::vector<Operation> operations;
    size_t acknowledged = 0;
    int stopStatus = -1; ///< status of the request that stopped the client (0 = no reply)
    QString stopBody;
};

/// key -> the operation that wrote it last; absent = never written or deleted.
using ExpectedState = std::map<QString, int>;

void apply(ExpectedState &state, const Operation &operation, int index)
{
    for (const QString &key : operation.keys) {
        if (operation.remove)
            state.erase(key);
        else
            state[key] = index;
    }
}

Operation nextOperation(
    QRandomGenerator &random, int client, int &nextId, std::vector<QString> &touched)
{
    Operation op;
    op.wait = random.bounded(2) == 0;
    const int kind = touched.empty() ? 0 : int(random.bounded(100));
    std::set<QString> keys;
    if (kind < 80) {
        // 60%: new points only; 20%: overwrites of earlier points (live or deleted) too.
        const int fresh = kind < 60 ? int(random.bounded(1, 21)) : int(random.bounded(0, 5));
        for (int i = 0; i < fresh; ++i) {
            const QString key = pointKey(client, nextId++);
            keys.insert(key);
            touched.push_back(key);
        }
        const int old = kind < 60 ? 0 : int(random.bounded(1, 9));
        for (int i = 0; i < old; ++i)
            keys.insert(touched[random.bounded(int(touched.size()))]);
    } else {
        // 20%: deletes of earlier points.
        const int count = int(random.bounded(1, 6));
        for (int i = 0; i < count; ++i)
            keys.insert(touched[random.bounded(int(touched.size()))]);
        op.remove = true;
    }
    op.keys.assign(keys.begin(), keys.end());
    return op;
}

QByteArray requestBody(int client, int index, const Operation &op)
{
    QJsonArray points;
    for (const QString &key : op.keys) {
        if (op.remove) {
            points.append(idJson(client, key));
        } else {
            points.append(QJsonObject {{QStringLiteral("id"), idJson(client, key)},
                {QStringLiteral("vector"), vectorFor(client, index, key)},
                {QStringLiteral("payload"), payloadFor(client, index, key)}});
        }
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("points"), points}})
        .toJson(QJsonDocument::Compact);
}

struct StoredPoint
{
    QJsonObject payload;
    QJsonArray vector;
};

// Every point of the collection by client (from its payload), through scroll pages.
std::optional<std::map<QString, StoredPoint>> readAll(
    StoreClient &client, int clientIndex, QStringList &problems)
{
    std::map<QString, StoredPoint> points;
    QJsonValue offset;
    const QJsonObject ofClient {{QStringLiteral("key"), QStringLiteral("client")},
        {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), clientIndex}}}};
    do {
        QJsonObject body {{QStringLiteral("limit"), 1000}, {QStringLiteral("with_payload"), true},
            {QStringLiteral("with_vector"), true},
            {QStringLiteral("filter"),
                QJsonObject {{QStringLiteral("must"), QJsonArray {ofClient}}}}};
        if (!offset.isNull() && !offset.isUndefined())
            body.insert(QStringLiteral("offset"), offset);
        const auto r
            = client.post(QStringLiteral("/collections/%1/points/scroll").arg(kCollection), body);
        if (r.status != 200) {
            problems << QStringLiteral("scroll failed (%1): %2")
                            .arg(r.status)
                            .arg(QString::fromUtf8(r.body));
            return std::nullopt;
        }
        const QJsonArray page = r.result()[QStringLiteral("points")].toArray();
        for (qsizetype i = 0; i < page.size(); ++i) {
            const QJsonObject p = page.at(i).toObject();
            const QJsonValue id = p[QStringLiteral("id")];
            const QString key = id.isString() ? id.toString() : QString::number(id.toInteger());
            points[key]
                = {p[QStringLiteral("payload")].toObject(), p[QStringLiteral("vector")].toArray()};
        }
        offset = r.result()[QStringLiteral("next_page_offset")];
    } while (!offset.isNull() && !offset.isUndefined());
    return points;
}

bool holds(const ExpectedState &state, int client, const QString &key,
    const std::map<QString, StoredPoint> &actual)
{
    const auto want = state.find(key);
    const auto got = actual.find(key);
    if (want == state.end() || got == actual.end())
        return (want == state.end()) == (got == actual.end());
    if (got->second.payload != payloadFor(client, want->second, key))
        return false;
    // The store keeps float32 and prints the shortest text that reads back as the same float
    // (1.99609375 comes back as 1.9960938), so compare as floats: still exact.
    const QJsonArray sent = vectorFor(client, want->second, key);
    const QJsonArray &stored = got->second.vector;
    if (stored.size() != sent.size())
        return false;
    for (qsizetype i = 0; i < sent.size(); ++i) {
        if (float(stored[i].toDouble(1e9)) != float(sent[i].toDouble()))
            return false;
    }
    return true;
}

struct Verdict
{
    int lost = 0; ///< acknowledged point writes (upserts or deletes) not there
    int ackedWrites = 0; ///< acknowledged point writes checked
    bool doubtfulApplied = false;
    QStringList problems;
};

// Compares one client's points with the acknowledged prefix of its log (state A) and with A
// plus the request in doubt (state B).
Verdict verifyClient(int client, const ClientLog &log, const std::map<QString, StoredPoint> &actual)
{
    Verdict v;
    ExpectedState acked;
    std::set<QString> ackedKeys;
    for (size_t i = 0; i < log.acknowledged; ++i) {
        apply(acked, log.operations[i], int(i));
        v.ackedWrites += int(log.operations[i].keys.size());
        ackedKeys.insert(log.operations[i].keys.begin(), log.operations[i].keys.end());
    }
    ExpectedState withDoubt = acked;
    std::set<QString> doubtKeys;
    if (log.operations.size() > log.acknowledged) {
        const Operation &doubt = log.operations[log.acknowledged];
        apply(withDoubt, doubt, int(log.acknowledged));
        doubtKeys.insert(doubt.keys.begin(), doubt.keys.end());
    }
    std::set<QString> keys = ackedKeys;
    keys.insert(doubtKeys.begin(), doubtKeys.end());
    for (const auto &[key, point] : actual)
        keys.insert(key);

    int onlyA = 0;
    int onlyB = 0;
    for (const QString &key : keys) {
        const bool a = holds(acked, client, key, actual);
        const bool b = holds(withDoubt, client, key, actual);
        if (a && !b)
            ++onlyA;
        if (b && !a)
            ++onlyB;
        if (a || b)
            continue;
        const auto got = actual.find(key);
        const QString shown = got == actual.end()
            ? QStringLiteral("absent")
            : QString::fromUtf8(QJsonDocument(got->second.payload).toJson(QJsonDocument::Compact));
        if (ackedKeys.count(key)) {
            ++v.lost;
            if (v.problems.size() < 5) {
                const auto want = acked.find(key);
                v.problems << QStringLiteral("client %1: acknowledged %2 of %3 lost, found %4")
                                  .arg(client)
                                  .arg(want == acked.end()
                                          ? QStringLiteral("delete")
                                          : QStringLiteral("op %1 value").arg(want->second))
                                  .arg(key, shown);
            }
        } else if (!doubtKeys.count(key)) {
            v.problems << QStringLiteral("client %1: point %2 was never written: %3")
                              .arg(client)
                              .arg(key, shown);
        }
    }
    if (onlyA > 0 && onlyB > 0)
        v.problems << QStringLiteral("client %1: request %2 half applied (%3 of its points "
                                     "old, %4 new)")
                          .arg(client)
                          .arg(log.acknowledged)
                          .arg(onlyA)
                          .arg(onlyB);
    v.doubtfulApplied = onlyB > 0;
    return v;
}

} // namespace

class TestStoreKillSoak : public QObject
{
    Q_OBJECT

private slots:
    void acknowledgedWritesOfTwoClientsSurviveKillNine();

private:
    void runOnce(int run, quint32 seed);
    void writeFigures(int runs);

    int m_lost = 0;
    int m_doubtApplied = 0; ///< requests in flight at the kill that were committed
    int m_doubtNotApplied = 0; ///< and those that were not
    int m_afterCheckpoint = 0; ///< runs whose kill came after at least one WAL checkpoint
    qint64 m_ackedWrites = 0;
    QStringList m_problems;
};

void TestStoreKillSoak::acknowledgedWritesOfTwoClientsSurviveKillNine()
{
    const int runs = qEnvironmentVariableIsSet("MC_STORE_KILL_RUNS")
        ? qEnvironmentVariableIntValue("MC_STORE_KILL_RUNS")
        : 3;
    QVERIFY(runs > 0);
    const quint32 seed = qEnvironmentVariableIsSet("MC_STORE_KILL_SEED")
        ? quint32(qEnvironmentVariable("MC_STORE_KILL_SEED").toUInt())
        : QRandomGenerator::global()->generate();
    qInfo("store kill soak: %d runs, seed %u (MC_STORE_KILL_SEED=%u replays the workload)", runs,
        seed, seed);
    QElapsedTimer elapsed;
    elapsed.start();
    for (int run = 0; run < runs; ++run)
        runOnce(run, seed + quint32(run));
    qInfo("store kill soak: %d runs in %.1f s, %lld acknowledged point writes, %d lost; "
          "requests in flight at the kill: %d committed, %d not; %d kills after a checkpoint",
        runs, double(elapsed.elapsed()) / 1000.0, m_ackedWrites, m_lost, m_doubtApplied,
        m_doubtNotApplied, m_afterCheckpoint);
    writeFigures(runs);
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
    QCOMPARE(m_lost, 0);
}

void TestStoreKillSoak::runOnce(int run, quint32 seed)
{
    const auto fail = [&](const QString &what) {
        m_problems << QStringLiteral("run %1 (seed %2): %3").arg(run).arg(seed).arg(what);
    };
    QRandomGenerator random(seed);
    MemoryStoreProcess store; // a fresh data directory, kept across the restart below
    if (!store.start())
        return fail(QStringLiteral("first start: ") + store.error());
    {
        StoreClient setup(store.port());
        // Dot keeps vectors as sent (Cosine would normalise them).
        const QJsonObject vectors {
            {QStringLiteral("size"), kDim}, {QStringLiteral("distance"), QStringLiteral("Dot")}};
        const QJsonObject config {{QStringLiteral("vectors"), vectors}};
        const auto created = setup.put(QStringLiteral("/collections/") + kCollection, config);
        const auto indexed
            = setup.put(QStringLiteral("/collections/%1/index?wait=true").arg(kCollection),
                QJsonObject {{QStringLiteral("field_name"), QStringLiteral("client")},
                    {QStringLiteral("field_schema"), QStringLiteral("integer")}});
        if (created.status != 200 || indexed.status != 200)
            return fail(QStringLiteral("setup: ") + QString::fromUtf8(created.body + indexed.body));
    }

    // The main file grows only when a checkpoint copies the WAL into it: its size before
    // the writers and at the kill tells whether this kill came after a checkpoint.
    const QString mainFile = store.dataDir() + QStringLiteral("/store.sqlite");
    const qint64 sizeBefore = QFileInfo(mainFile).size();
    const int killAfter = int(random.bounded(1, kMaxKillAfterAcks + 1));
    const int jitterUs = int(random.bounded(0, 3000));
    std::mutex mutex;
    std::condition_variable progressed;
    std::array<ClientLog, kClients> logs;
    int ackedTotal = 0;
    int running = kClients;
    std::atomic<bool> stop = false;
    std::vector<std::thread> writers;
    const int port = store.port();
    for (int c = 0; c < kClients; ++c) {
        const quint32 clientSeed = seed * 2654435761u + quint32(c) + 1;
        writers.emplace_back([&, c, clientSeed] {
            QRandomGenerator ops(clientSeed);
            StoreClient client(port);
            int nextId = 0;
            std::vector<QString> touched;
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
            ClientLog &log = logs[size_t(c)];
            while (!stop && std::chrono::steady_clock::now() < deadline) {
                Operation op = nextOperation(ops, c, nextId, touched);
                const int index = int(log.operations.size());
                const QByteArray body = requestBody(c, index, op);
                const QString path
                    = QStringLiteral("/collections/%1/points%2?wait=%3")
                          .arg(kCollection, op.remove ? QStringLiteral("/delete") : QString(),
                              op.wait ? QStringLiteral("true") : QStringLiteral("false"));
                const QString expected
                    = op.wait ? QStringLiteral("completed") : QStringLiteral("acknowledged");
                const bool remove = op.remove;
                {
                    std::lock_guard lock(mutex);
                    log.operations.push_back(std::move(op));
                }
                const auto r = remove ? client.post(path, body) : client.put(path, body);
                const bool acked = r.status == 200
                    && r.result()[QStringLiteral("status")].toString() == expected;
                std::lock_guard lock(mutex);
                if (!acked) {
                    log.stopStatus = r.status;
                    log.stopBody = QString::fromUtf8(r.body.left(300));
                    break;
                }
                ++log.acknowledged;
                ++ackedTotal;
                progressed.notify_all();
            }
            std::lock_guard lock(mutex);
            --running;
            progressed.notify_all();
        });
    }
    {
        std::unique_lock lock(mutex);
        progressed.wait_for(lock, std::chrono::seconds(30),
            [&] { return ackedTotal >= killAfter || running == 0; });
    }
    // A random moment inside whatever request is in flight: parsing, committing, replying.
    std::this_thread::sleep_for(std::chrono::microseconds(jitterUs));
    store.kill();
    stop = true;
    for (std::thread &writer : writers)
        writer.join();
    const bool checkpointed = QFileInfo(mainFile).size() > sizeBefore;
    m_afterCheckpoint += checkpointed ? 1 : 0;

    for (int c = 0; c < kClients; ++c) {
        const ClientLog &log = logs[size_t(c)];
        // -1: stopped between requests; 0: its request got no reply (the kill).
        if (log.stopStatus > 0)
            fail(QStringLiteral("client %1 stopped with %2 before the kill: %3")
                     .arg(c)
                     .arg(log.stopStatus)
                     .arg(log.stopBody));
    }
    if (!store.start())
        return fail(QStringLiteral("restart after kill -9: ") + store.error());

    StoreClient check(store.port());
    int points = 0;
    QStringList doubt;
    for (int c = 0; c < kClients; ++c) {
        const auto actual = readAll(check, c, m_problems);
        if (!actual)
            return fail(QStringLiteral("cannot read back client %1").arg(c));
        const Verdict v = verifyClient(c, logs[size_t(c)], *actual);
        m_lost += v.lost;
        m_ackedWrites += v.ackedWrites;
        for (const QString &p : v.problems)
            fail(p);
        points += int(actual->size());
        if (logs[size_t(c)].operations.size() > logs[size_t(c)].acknowledged)
            ++(v.doubtfulApplied ? m_doubtApplied : m_doubtNotApplied);
        doubt << QStringLiteral("c%1 %2 acked%3")
                     .arg(c)
                     .arg(logs[size_t(c)].acknowledged)
                     .arg(logs[size_t(c)].operations.size() > logs[size_t(c)].acknowledged
                             ? (v.doubtfulApplied ? QStringLiteral(" +1 applied")
                                                  : QStringLiteral(" +1 not applied"))
                             : QString());
        if (v.lost)
            qWarning("run %d client %d: %d acknowledged point writes lost", run, c, v.lost);
    }
    // Nothing outside the two clients' points, and the counts agree with what was read.
    const auto count = check.post(QStringLiteral("/collections/%1/points/count").arg(kCollection),
        QJsonObject {{QStringLiteral("exact"), true}});
    if (count.result()[QStringLiteral("count")].toInt(-1) != points)
        fail(QStringLiteral("count says %1, the clients' points are %2")
                 .arg(QString::fromUtf8(count.body))
                 .arg(points));
    // The reloaded store takes writes again.
    const auto after
        = check.put(QStringLiteral("/collections/%1/points?wait=true").arg(kCollection),
            requestBody(0, 999999, Operation {false, true, {pointKey(0, 999999)}}));
    if (after.status != 200)
        fail(QStringLiteral("write after restart: ") + QString::fromUtf8(after.body));
    qInfo("run %d seed %u: kill after %d acks (+%d us)%s; %s; %d points reloaded", run, seed,
        killAfter, jitterUs, checkpointed ? " after a checkpoint" : "",
        qPrintable(doubt.join(QStringLiteral(", "))), points);
}

void TestStoreKillSoak::writeFigures(int runs)
{
    const QString out = qEnvironmentVariable("MC_RELIABILITY_OUT");
    if (out.isEmpty())
        return;
    // Merged into the file: the import soak writes its own keys there too.
    QJsonObject results;
    QFile existing(out);
    if (existing.open(QIODevice::ReadOnly))
        results = QJsonDocument::fromJson(existing.readAll()).object();
    existing.close();
    results.insert(QStringLiteral("store_kill_runs"), runs);
    results.insert(QStringLiteral("store_kill_acked_lost"), m_lost);
    results.insert(QStringLiteral("store_kill_acked_writes"), m_ackedWrites);
    QSaveFile file(out);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.errorString()));
    file.write(QJsonDocument(results).toJson());
    QVERIFY2(file.commit(), qPrintable(file.errorString()));
}

QTEST_GUILESS_MAIN(TestStoreKillSoak)
#include "tst_store_killsoak.moc"
