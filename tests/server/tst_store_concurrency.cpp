// memory-store over real HTTP: concurrent keep-alive clients mixing writes and reads, and
// request bodies of tens of MiB.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QtTest>

#include <charconv>
#include <map>
#include <mutex>
#include <random>
#include <thread>

namespace {

constexpr int kThreads = 8;
constexpr int kRounds = 60;
constexpr int kBatch = 4;
constexpr int kDim = 16;

qint64 idOf(int thread, int round, int j)
{
    return qint64(thread) * 100000 + qint64(round) * kBatch + j;
}

QJsonArray vectorOf(qint64 id)
{
    QJsonArray v;
    for (int i = 0; i < kDim; ++i)
        v.append(double((id * 13 + i * 5) % 61 - 30) / 16.0);
    return v;
}

} // namespace

class TestStoreConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void concurrentClientsMixReadsAndWrites();
    void largeUpsertInOneRequest();

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

void TestStoreConcurrency::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_client = std::make_unique<StoreClient>(m_store.port());
    const auto r = m_client->put(QStringLiteral("/collections/mixed"),
                                 QByteArray(R"({"vectors":{"size":16,"distance":"Cosine"}})"));
    QVERIFY2(r.status == 200, r.body.constData());
}

void TestStoreConcurrency::concurrentClientsMixReadsAndWrites()
{
    // Each thread owns a keep-alive client and its own id range; QTest macros are not thread
    // safe, so threads collect failures and the test checks them after joining.
    std::mutex mutex;
    QStringList failures;
    const int port = m_store.port();
    const auto worker = [&](int thread) {
        StoreClient client(port);
        std::mt19937 random(uint32_t(thread) * 7919u + 1u);
        std::uniform_real_distribution<double> uniform(-1.0, 1.0);
        const auto fail = [&](const QString &what, const StoreClient::Response &r) {
            std::lock_guard lock(mutex);
            failures.append(QStringLiteral("thread %1: %2: HTTP %3 %4")
                                .arg(thread)
                                .arg(what)
                                .arg(r.status)
                                .arg(QString::fromUtf8(r.body.left(300))));
        };
        const QJsonObject mine{
            {QStringLiteral("must"),
             QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("thread")},
                                    {QStringLiteral("match"),
                                     QJsonObject{{QStringLiteral("value"), thread}}}}}}};
        for (int round = 0; round < kRounds; ++round) {
            QJsonArray points;
            for (int j = 0; j < kBatch; ++j) {
                const qint64 id = idOf(thread, round, j);
                points.append(QJsonObject{
                    {QStringLiteral("id"), id},
                    {QStringLiteral("vector"), vectorOf(id)},
                    {QStringLiteral("payload"), QJsonObject{{QStringLiteral("thread"), thread},
                                                            {QStringLiteral("round"), round}}}});
            }
            auto r = client.put(QStringLiteral("/collections/mixed/points?wait=true"),
                                QJsonObject{{QStringLiteral("points"), points}});
            if (r.status != 200)
                fail(QStringLiteral("upsert"), r);

            QJsonArray query;
            for (int i = 0; i < kDim; ++i)
                query.append(uniform(random));
            r = client.post(QStringLiteral("/collections/mixed/points/query"),
                            QJsonObject{{QStringLiteral("query"), query},
                                        {QStringLiteral("limit"), 5},
                                        {QStringLiteral("with_payload"), true}});
            if (r.status != 200 || r.result()[QStringLiteral("points")].toArray().isEmpty())
                fail(QStringLiteral("query"), r);

            // Read-your-writes: with wait=true this thread's points are all visible, and only
            // this thread writes them, so scroll and count are exact.
            const int expected = (round + 1) * kBatch;
            r = client.post(QStringLiteral("/collections/mixed/points/scroll"),
                            QJsonObject{{QStringLiteral("filter"), mine},
                                        {QStringLiteral("limit"), 1000}});
            if (r.status != 200
                || r.result()[QStringLiteral("points")].toArray().size() != expected)
                fail(QStringLiteral("scroll expecting %1").arg(expected), r);

            r = client.post(QStringLiteral("/collections/mixed/points/count"),
                            QJsonObject{{QStringLiteral("filter"), mine},
                                        {QStringLiteral("exact"), true}});
            if (r.status != 200 || r.result()[QStringLiteral("count")].toInt() != expected)
                fail(QStringLiteral("count expecting %1").arg(expected), r);
        }
    };

    QElapsedTimer elapsed;
    elapsed.start();
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back(worker, t);
    for (std::thread &t : threads)
        t.join();
    qInfo("%d clients x %d rounds in %lld ms", kThreads, kRounds, elapsed.elapsed());
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));

    const auto count = m_client->post(QStringLiteral("/collections/mixed/points/count"),
                                      QByteArray(R"({"exact":true})"));
    QCOMPARE(count.result()[QStringLiteral("count")].toInt(), kThreads * kRounds * kBatch);
    for (int t = 0; t < kThreads; ++t) {
        QJsonArray ids;
        for (int round = 0; round < kRounds; ++round) {
            for (int j = 0; j < kBatch; ++j)
                ids.append(idOf(t, round, j));
        }
        const auto r = m_client->post(QStringLiteral("/collections/mixed/points"),
                                      QJsonObject{{QStringLiteral("ids"), ids}});
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray got = r.result().toArray();
        QCOMPARE(got.size(), ids.size());
        for (const QJsonValue &p : got) {
            const qint64 id = p[QStringLiteral("id")].toInteger();
            QCOMPARE(p[QStringLiteral("payload")][QStringLiteral("thread")].toInt(), t);
            QCOMPARE(p[QStringLiteral("payload")][QStringLiteral("round")].toInt(),
                     int((id - qint64(t) * 100000) / kBatch));
        }
    }
}

void TestStoreConcurrency::largeUpsertInOneRequest()
{
    constexpr int kPoints = 2000;
    constexpr int kLargeDim = 1536;
    QCOMPARE(m_client->put(QStringLiteral("/collections/large"),
                           QByteArray(R"({"vectors":{"size":1536,"distance":"Dot"}})"))
                 .status,
             200);
    // Written by hand: a QJsonDocument of three million numbers would take longer to build
    // than the server takes to ingest it. Floats in shortest form read back bit-exact.
    std::mt19937 random(42);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    std::vector<float> probe;
    QByteArray body;
    body.reserve(40 << 20);
    body += R"({"points":[)";
    char buffer[32];
    for (int id = 0; id < kPoints; ++id) {
        if (id)
            body += ',';
        body += R"({"id":)" + QByteArray::number(id) + R"(,"payload":{"i":)"
                + QByteArray::number(id) + R"(},"vector":[)";
        for (int i = 0; i < kLargeDim; ++i) {
            const float x = uniform(random);
            if (id == 1234)
                probe.push_back(x);
            if (i)
                body += ',';
            const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
            body.append(buffer, end - buffer);
        }
        body += "]}";
    }
    body += "]}";
    qInfo("upsert body: %.1f MiB", double(body.size()) / (1 << 20));
    QVERIFY(body.size() > 30 << 20);
    QVERIFY(body.size() < 64 << 20);

    QElapsedTimer elapsed;
    elapsed.start();
    const auto r = m_client->put(QStringLiteral("/collections/large/points?wait=true"), body);
    qInfo("accepted in %lld ms", elapsed.elapsed());
    QVERIFY2(r.status == 200, r.body.left(500).constData());
    QCOMPARE(r.result()[QStringLiteral("status")].toString(), QStringLiteral("completed"));

    const auto count = m_client->post(QStringLiteral("/collections/large/points/count"),
                                      QByteArray("{}"));
    QCOMPARE(count.result()[QStringLiteral("count")].toInt(), kPoints);
    const auto point = m_client->get(QStringLiteral("/collections/large/points/1234"));
    QVERIFY2(point.status == 200, point.body.left(300).constData());
    const QJsonArray vector = point.result()[QStringLiteral("vector")].toArray();
    QCOMPARE(vector.size(), kLargeDim);
    for (int i = 0; i < kLargeDim; ++i)
        QCOMPARE(float(vector[i].toDouble()), probe[size_t(i)]);
    QCOMPARE(point.result()[QStringLiteral("payload")][QStringLiteral("i")].toInt(), 1234);
}

QTEST_GUILESS_MAIN(TestStoreConcurrency)
#include "tst_store_concurrency.moc"
