// memory-store over real HTTP: what the server acknowledged survives kill -9, and a clean
// restart reloads collections, points, vectors, payload indexes and aliases.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QtTest>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace {

constexpr int kDim = 8;
constexpr int kBatch = 25;
constexpr int kRounds = 3;

QJsonObject payloadFor(int round, qint64 id)
{
    return {{QStringLiteral("round"), round},
            {QStringLiteral("seq"), id},
            {QStringLiteral("text"), QStringLiteral("point %1 of round %2").arg(id).arg(round)}};
}

QByteArray upsertBody(int round, qint64 firstId, int count)
{
    QJsonArray points;
    for (qint64 id = firstId; id < firstId + count; ++id) {
        QJsonArray vector;
        for (int i = 0; i < kDim; ++i)
            vector.append(double((id * 31 + i * 7) % 97) / 8.0);
        points.append(QJsonObject{{QStringLiteral("id"), id},
                                  {QStringLiteral("vector"), vector},
                                  {QStringLiteral("payload"), payloadFor(round, id)}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("points"), points}})
        .toJson(QJsonDocument::Compact);
}

// Empty when every acknowledged point is stored with its payload and the count is plausible
// (at least the acknowledged points; at most one unacknowledged batch per round more).
QString verifyAcknowledged(StoreClient &client, const std::map<qint64, int> &acknowledged)
{
    std::vector<qint64> ids;
    ids.reserve(acknowledged.size());
    for (const auto &[id, round] : acknowledged)
        ids.push_back(id);
    for (size_t begin = 0; begin < ids.size(); begin += 250) {
        QJsonArray chunk;
        for (size_t i = begin; i < std::min(ids.size(), begin + 250); ++i)
            chunk.append(ids[i]);
        const auto r = client.post(QStringLiteral("/collections/durable/points"),
                                   QJsonObject{{QStringLiteral("ids"), chunk},
                                               {QStringLiteral("with_payload"), true}});
        if (r.status != 200)
            return QStringLiteral("retrieve failed: %1").arg(QString::fromUtf8(r.body));
        std::map<qint64, QJsonObject> found;
        for (const QJsonValue &p : r.result().toArray())
            found[p[QStringLiteral("id")].toInteger()] = p[QStringLiteral("payload")].toObject();
        for (const QJsonValue &id : chunk) {
            const auto it = found.find(id.toInteger());
            if (it == found.end())
                return QStringLiteral("acknowledged point %1 is lost").arg(id.toInteger());
            const QJsonObject expected = payloadFor(acknowledged.at(id.toInteger()),
                                                    id.toInteger());
            if (it->second != expected)
                return QStringLiteral("point %1 has payload %2")
                    .arg(id.toInteger())
                    .arg(QString::fromUtf8(QJsonDocument(it->second).toJson()));
        }
    }
    const auto count = client.post(QStringLiteral("/collections/durable/points/count"),
                                   QByteArray(R"({"exact":true})"));
    const qint64 n = count.result()[QStringLiteral("count")].toInteger(-1);
    const qint64 acked = qint64(acknowledged.size());
    if (n < acked || n > acked + kRounds * kBatch)
        return QStringLiteral("count %1 with %2 acknowledged points").arg(n).arg(acked);
    return {};
}

} // namespace

class TestStoreDurability : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void acknowledgedWritesSurviveKill();
    void cleanRestartReloadsEverything();

private:
    MemoryStoreProcess m_store;
};

void TestStoreDurability::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    StoreClient client(m_store.port());
    const auto r = client.put(QStringLiteral("/collections/durable"),
                              QByteArray(R"({"vectors":{"size":8,"distance":"Dot"}})"));
    QVERIFY2(r.status == 200, r.body.constData());
}

void TestStoreDurability::acknowledgedWritesSurviveKill()
{
    QElapsedTimer elapsed;
    elapsed.start();
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("kill schedule seed %u", seed);
    QRandomGenerator random(seed);

    std::map<qint64, int> acknowledged; // id -> round that wrote it
    for (int round = 0; round < kRounds; ++round) {
        // A writer thread upserts batches with wait=true as fast as it can and records what
        // was acknowledged; after a random number of acknowledged batches this thread kills
        // the server, usually while the next batch is in flight.
        std::mutex mutex;
        std::condition_variable progressed;
        std::vector<qint64> ackedIds;
        int ackedBatches = 0;
        int lastStatus = -1;
        const int killAfter = int(random.bounded(3, 15));
        const int port = m_store.port();
        std::thread writer([&, round, port] {
            StoreClient client(port);
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
            for (int batch = 0; batch < 2000 && std::chrono::steady_clock::now() < deadline;
                 ++batch) {
                const qint64 first = qint64(round) * 1000000 + qint64(batch) * kBatch;
                const auto r = client.put(QStringLiteral("/collections/durable/points?wait=true"),
                                          upsertBody(round, first, kBatch));
                std::lock_guard lock(mutex);
                lastStatus = r.status;
                if (r.status != 200)
                    break; // the server is gone: this batch was not acknowledged
                for (qint64 id = first; id < first + kBatch; ++id)
                    ackedIds.push_back(id);
                ++ackedBatches;
                progressed.notify_all();
            }
            progressed.notify_all();
        });
        {
            std::unique_lock lock(mutex);
            progressed.wait_for(lock, std::chrono::seconds(5), [&] {
                return ackedBatches >= killAfter || (lastStatus > 0 && lastStatus != 200);
            });
        }
        m_store.kill();
        writer.join();
        QVERIFY2(ackedBatches >= killAfter,
                 qPrintable(QStringLiteral("round %1: only %2 batches acknowledged, status %3")
                                .arg(round)
                                .arg(ackedBatches)
                                .arg(lastStatus)));
        QCOMPARE(lastStatus, 0); // the writer stopped because the connection died
        for (qint64 id : ackedIds)
            acknowledged[id] = round;

        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        StoreClient client(m_store.port());
        const QString error = verifyAcknowledged(client, acknowledged);
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("round %1: ").arg(round) + error));
    }
    QVERIFY2(elapsed.elapsed() < 20000, qPrintable(QString::number(elapsed.elapsed())));
}

void TestStoreDurability::cleanRestartReloadsEverything()
{
    MemoryStoreProcess store;
    QVERIFY2(store.start(), qPrintable(store.error()));
    auto client = std::make_unique<StoreClient>(store.port());

    const QByteArray config = R"({"vectors":{"text":{"size":4,"distance":"Cosine"},
                                             "image":{"size":3,"distance":"Euclid"}},
                                  "hnsw_config":{"m":32},"on_disk_payload":false})";
    QCOMPARE(client->put(QStringLiteral("/collections/reload"), config).status, 200);
    QCOMPARE(client->put(QStringLiteral("/collections/plain"),
                         QByteArray(R"({"vectors":{"size":2,"distance":"Manhattan"}})"))
                 .status,
             200);
    const QByteArray points = R"({"points":[
        {"id":1,"vector":{"text":[1,2,3,4],"image":[0.5,-0.25,3]},
         "payload":{"city":"Oslo","n":1,"tags":["a","b"],"price":1.5,
                    "nested":{"k":[1,{"x":null}]}}},
        {"id":2,"vector":{"text":[0.1,0.2,0.3,0.4]},"payload":{"city":"Rome","n":2}},
        {"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","vector":{"image":[1,1,1]},
         "payload":{"city":"Oslo","n":3,"unicode":"héllo ✓"}},
        {"id":4,"vector":{"text":[4,3,2,1],"image":[0,0,0]},"payload":{"n":4}}
    ]})";
    QCOMPARE(client->put(QStringLiteral("/collections/reload/points?wait=true"), points).status,
             200);
    // Later operations must be replayed too, not just the first upsert.
    QCOMPARE(client->post(QStringLiteral("/collections/reload/points/delete?wait=true"),
                          QByteArray(R"({"points":[4]})"))
                 .status,
             200);
    QCOMPARE(client->post(QStringLiteral("/collections/reload/points/payload?wait=true"),
                          QByteArray(R"({"points":[2],"payload":{"added":true}})"))
                 .status,
             200);
    QCOMPARE(client->put(QStringLiteral("/collections/plain/points?wait=true"),
                         QByteArray(R"({"points":[{"id":9,"vector":[0.125,-8]}]})"))
                 .status,
             200);
    QCOMPARE(client->put(QStringLiteral("/collections/reload/index?wait=true"),
                         QByteArray(R"({"field_name":"city","field_schema":"keyword"})"))
                 .status,
             200);
    QCOMPARE(client->put(QStringLiteral("/collections/reload/index?wait=true"),
                         QByteArray(R"({"field_name":"n","field_schema":{"type":"integer",
                                        "lookup":true,"range":true}})"))
                 .status,
             200);
    const QByteArray aliases = R"({"actions":[
        {"create_alias":{"collection_name":"reload","alias_name":"rl"}},
        {"create_alias":{"collection_name":"plain","alias_name":"pl"}}]})";
    QCOMPARE(client->post(QStringLiteral("/collections/aliases"), aliases).status, 200);

    // Everything a client can observe, before and after the restart.
    const auto snapshot = [](StoreClient &c) {
        QJsonObject s;
        for (const char *name : {"reload", "plain"}) {
            const QString collection = QString::fromLatin1(name);
            QJsonObject info = c.get(QStringLiteral("/collections/") + collection)
                                   .result()
                                   .toObject();
            s[collection + QStringLiteral("/config")] = info[QStringLiteral("config")];
            s[collection + QStringLiteral("/schema")] = info[QStringLiteral("payload_schema")];
            s[collection + QStringLiteral("/count")] = info[QStringLiteral("points_count")];
            s[collection + QStringLiteral("/points")] =
                c.post(QStringLiteral("/collections/%1/points/scroll").arg(collection),
                       QByteArray(R"({"limit":100,"with_payload":true,"with_vector":true})"))
                    .result()[QStringLiteral("points")];
        }
        s[QStringLiteral("aliases")] = c.get(QStringLiteral("/aliases")).result();
        s[QStringLiteral("collections")] = c.get(QStringLiteral("/collections")).result();
        return s;
    };
    const QJsonObject before = snapshot(*client);
    QCOMPARE(before[QStringLiteral("reload/count")].toInt(), 3);
    QCOMPARE(before[QStringLiteral("reload/points")].toArray().size(), 3);
    QCOMPARE(before[QStringLiteral("aliases")][QStringLiteral("aliases")].toArray().size(), 2);
    QVERIFY(before[QStringLiteral("reload/schema")].toObject().contains(QStringLiteral("n")));

    client.reset();
    store.stop();
    QVERIFY2(store.start(), qPrintable(store.error()));
    client = std::make_unique<StoreClient>(store.port());
    const QJsonObject after = snapshot(*client);
    for (auto it = before.begin(); it != before.end(); ++it) {
        const QByteArray shown = QJsonDocument(QJsonArray{after[it.key()]}).toJson();
        QVERIFY2(after[it.key()] == it.value(),
                 qPrintable(it.key() + QStringLiteral(": ") + QString::fromUtf8(shown)));
    }

    // The reloaded store keeps working: aliases resolve, writes continue past old versions.
    const auto count = client->post(QStringLiteral("/collections/rl/points/count"),
                                    QByteArray(R"({"filter":{"must":[
                                        {"key":"city","match":{"value":"Oslo"}}]}})"));
    QCOMPARE(count.result()[QStringLiteral("count")].toInt(), 2);
    const auto upsert = client->put(QStringLiteral("/collections/pl/points?wait=true"),
                                    QByteArray(R"({"points":[{"id":10,"vector":[1,1]}]})"));
    QCOMPARE(upsert.status, 200);
    const auto query = client->post(QStringLiteral("/collections/plain/points/query"),
                                    QByteArray(R"({"query":[1,1],"limit":2})"));
    QCOMPARE(query.status, 200);
    const QJsonArray hits = query.result()[QStringLiteral("points")].toArray();
    QCOMPARE(hits.size(), 2);
    QCOMPARE(hits[0][QStringLiteral("id")].toInt(), 10);
    QVERIFY(hits[0][QStringLiteral("version")].toInteger()
            > hits[1][QStringLiteral("version")].toInteger());
}

QTEST_GUILESS_MAIN(TestStoreDurability)
#include "tst_store_durability.moc"
