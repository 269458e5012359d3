// The bundled demo dataset (valid against the agent-memory schemas, both tenancy layouts) and
// DemoSeeder against a real memory-store: what the server holds afterwards is read back with a
// plain client; the marker keeps a second run, a store with the user's data and a user who
// deleted the demo from being seeded; --reseed-demo replaces only the demo collections.

#include "connectionprofile.h"
#include "demodataset.h"
#include "demoseeder.h"
#include "localembedder.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

// The embedded profile's embedder: what main() seeds with.
int embeddedDimension()
{
    return ConnectionProfile::embeddedDefault().embedderDimensions;
}

} // namespace

class TestDemoSeeder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void datasetIsValidAndVaried();
    void datasetLoadRefusesBadInput();
    void seedsAnEmptyStore();
    void vectorsAreTheEmbeddedTexts();
    void secondRunDoesNothing();
    void deletedDemoIsNotSeededAgain();
    void storeWithUserDataIsLeftAlone();
    void reseedReplacesOnlyTheDemoCollections();
    void serverDownFailsWithoutMarker();

private:
    DemoSeedReport runSeeder(const QString &dataDir, DemoSeeder::Mode mode,
                             const QUrl &url = {});
    QStringList serverCollections();
    qint64 serverCount(const QString &collection, const QJsonObject &filter = {});

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    DemoDataset m_dataset;
};

void TestDemoSeeder::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    const Result<DemoDataset> loaded = DemoDataset::load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    m_dataset = loaded.value();
}

void TestDemoSeeder::init()
{
    for (const QString &name : serverCollections())
        QCOMPARE(m_raw->del(QStringLiteral("/collections/") + name).status, 200);
}

DemoSeedReport TestDemoSeeder::runSeeder(const QString &dataDir, DemoSeeder::Mode mode,
                                         const QUrl &url)
{
    DemoSeeder seeder;
    QSignalSpy finished(&seeder, &DemoSeeder::finished);
    QSignalSpy progressed(&seeder, &DemoSeeder::progressed);
    if (!seeder.start(url.isEmpty() ? QUrl(m_store.baseUrl()) : url, dataDir,
                      embeddedDimension(), mode))
        return {};
    if (!finished.wait(30000))
        return {};
    // Exactly one report, and the seeder no longer runs once it came.
    if (finished.size() != 1 || seeder.isRunning())
        return {};
    auto report = finished.takeFirst().constFirst().value<DemoSeedReport>();
    if (report.succeeded() && progressed.isEmpty())
        return {};
    return report;
}

QStringList TestDemoSeeder::serverCollections()
{
    QStringList names;
    const QJsonArray list = m_raw->get(QStringLiteral("/collections"))
                                .result()
                                .toObject()
                                .value(QStringLiteral("collections"))
                                .toArray();
    for (const QJsonValue &c : list)
        names.append(c.toObject().value(QStringLiteral("name")).toString());
    names.sort();
    return names;
}

qint64 TestDemoSeeder::serverCount(const QString &collection, const QJsonObject &filter)
{
    QJsonObject body{{QStringLiteral("exact"), true}};
    if (!filter.isEmpty())
        body.insert(QStringLiteral("filter"), filter);
    const StoreClient::Response response = m_raw->post(
        QStringLiteral("/collections/%1/points/count").arg(collection), body);
    if (response.status != 200)
        return -1;
    return response.result().toObject().value(QStringLiteral("count")).toInteger(-1);
}

void TestDemoSeeder::datasetIsValidAndVaried()
{
    const QStringList problems = m_dataset.problems();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 5).join(QLatin1Char('\n'))));
    QCOMPARE(m_dataset.collectionTypes(),
             QStringList({QStringLiteral("cost_optimization_knowledge"),
                          QStringLiteral("performance_patterns"),
                          QStringLiteral("customer_context")}));
    QVERIFY(m_dataset.tenants().size() >= 3);
    QVERIFY(m_dataset.records().size() >= 300);
    QVERIFY(m_dataset.records().size() <= 450);

    // Both tenancy layouts, and every tenant has records of every type.
    int shared = 0;
    int own = 0;
    for (const DemoDataset::Tenant &tenant : m_dataset.tenants()) {
        (tenant.ownCollections ? own : shared) += 1;
        QVERIFY(!QUuid(tenant.customerId).isNull());
        for (const QString &type : m_dataset.collectionTypes()) {
            int n = 0;
            for (const DemoDataset::Record &r : m_dataset.records())
                n += r.collectionType == type
                     && r.payload.value(QStringLiteral("customer_id")) == tenant.customerId;
            QVERIFY2(n >= 9, qPrintable(tenant.name + QLatin1Char(' ') + type));
        }
    }
    QVERIFY(shared >= 3);
    QVERIFY(own >= 1);
    QCOMPARE(m_dataset.collectionNames().size(), 3 + 3 * own);

    // Unique ids; every outcome and provider; savings only on success; dates over 18 months;
    // texts mostly distinct (not one template repeated).
    QSet<QString> ids;
    QSet<QString> outcomes;
    QSet<QString> providers;
    QSet<QString> months;
    QSet<QString> texts;
    for (const DemoDataset::Record &r : m_dataset.records()) {
        ids.insert(r.collectionType + r.id.toString());
        texts.insert(DemoDataset::embeddedText(r.collectionType, r.payload));
        if (r.collectionType != QLatin1String("cost_optimization_knowledge"))
            continue;
        const QString outcome = r.payload.value(QStringLiteral("outcome")).toString();
        outcomes.insert(outcome);
        providers.insert(r.payload.value(QStringLiteral("cloud_provider")).toString());
        months.insert(r.payload.value(QStringLiteral("execution_date")).toString().left(7));
        const double savings = r.payload.value(QStringLiteral("savings_percent")).toDouble();
        QCOMPARE(savings > 0, outcome == QLatin1String("success"));
        if (outcome != QLatin1String("success"))
            QVERIFY(!r.payload.value(QStringLiteral("lessons_learned")).toString().isEmpty());
    }
    QCOMPARE(ids.size(), m_dataset.records().size());
    QCOMPARE(outcomes.size(), 3);
    QCOMPARE(providers.size(), 3);
    QVERIFY2(months.size() >= 16, qPrintable(QString::number(months.size())));
    QVERIFY(texts.size() > m_dataset.records().size() * 9 / 10);
}

void TestDemoSeeder::datasetLoadRefusesBadInput()
{
    QTemporaryDir dir;
    QFile::copy(DemoDataset::bundledPath() + QStringLiteral("/manifest.json"),
                dir.filePath(QStringLiteral("manifest.json")));
    for (const QString &type : m_dataset.collectionTypes()) {
        QFile file(dir.filePath(type + QStringLiteral(".jsonl")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(type == QLatin1String("performance_patterns")
                       ? "{\"id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"payload\":{}}\n"
                       : "\n");
    }
    Result<DemoDataset> bad = DemoDataset::load(dir.path());
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().kind, NetError::Kind::Decode);
    QVERIFY2(bad.error().message.contains(QStringLiteral("line 1")),
             qPrintable(bad.error().message));

    Result<DemoDataset> missing = DemoDataset::load(dir.filePath(QStringLiteral("nowhere")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, NetError::Kind::LocalFile);
}

void TestDemoSeeder::seedsAnEmptyStore()
{
    QTemporaryDir dataDir;
    const DemoSeedReport report = runSeeder(dataDir.path(), DemoSeeder::Mode::FirstRun);
    QVERIFY2(report.succeeded(), qPrintable(report.error.message));
    QCOMPARE(report.points, qint64(m_dataset.records().size()));
    QCOMPARE(report.collections, int(m_dataset.collectionNames().size()));
    QVERIFY(DemoSeeder::isMarked(dataDir.path()));
    qInfo("seeded %lld points into %d collections in %lld ms", report.points,
          report.collections, report.elapsedMs);

    QStringList expected = m_dataset.collectionNames();
    expected.sort();
    QCOMPARE(serverCollections(), expected);
    for (const QString &name : m_dataset.collectionNames()) {
        const QList<DemoDataset::Record> records = m_dataset.recordsFor(name);
        QVERIFY(!records.isEmpty());
        QCOMPARE(serverCount(name), qint64(records.size()));
        // Per tenant: each tenant's count is what the dataset holds for it.
        for (const DemoDataset::Tenant &tenant : m_dataset.tenants()) {
            qint64 n = 0;
            for (const DemoDataset::Record &r : records)
                n += r.payload.value(QStringLiteral("customer_id")) == tenant.customerId;
            QCOMPARE(serverCount(name, matchFilter(QStringLiteral("customer_id"),
                                                   tenant.customerId)),
                     n);
        }
        const QJsonObject info = m_raw->get(QStringLiteral("/collections/") + name)
                                     .result()
                                     .toObject();
        const QJsonObject vectors = info.value(QStringLiteral("config")).toObject()
                                        .value(QStringLiteral("params")).toObject()
                                        .value(QStringLiteral("vectors")).toObject();
        QCOMPARE(vectors.value(QStringLiteral("size")).toInt(), embeddedDimension());
        const QJsonObject tenantIndex = info.value(QStringLiteral("payload_schema")).toObject()
                                            .value(QStringLiteral("customer_id")).toObject();
        QCOMPARE(tenantIndex.value(QStringLiteral("data_type")).toString(),
                 QStringLiteral("keyword"));
        QVERIFY(tenantIndex.value(QStringLiteral("params")).toObject()
                    .value(QStringLiteral("is_tenant")).toBool());
    }
}

void TestDemoSeeder::vectorsAreTheEmbeddedTexts()
{
    QTemporaryDir dataDir;
    QVERIFY(runSeeder(dataDir.path(), DemoSeeder::Mode::FirstRun).succeeded());
    // One record of each collection: its stored vector is the LocalEmbedder's vector of its
    // embedded text (performance_patterns with "Solution: "), not anything made up.
    for (const QString &name : m_dataset.collectionNames()) {
        const DemoDataset::Record record = m_dataset.recordsFor(name).constLast();
        const QJsonObject point = m_raw->get(QStringLiteral("/collections/%1/points/%2")
                                                 .arg(name, record.id.toString()))
                                      .result()
                                      .toObject();
        const QJsonArray stored = point.value(QStringLiteral("vector")).toArray();
        QCOMPARE(stored.size(), embeddedDimension());
        const QString text = DemoDataset::embeddedText(record.collectionType, record.payload);
        if (record.collectionType == QLatin1String("performance_patterns"))
            QVERIFY(text.contains(QStringLiteral("\n\nSolution: ")));
        const Result<QList<float>> expected = LocalEmbedder::embedText(text, embeddedDimension());
        QVERIFY(expected.ok());
        for (int i = 0; i < stored.size(); ++i)
            QVERIFY(std::abs(stored.at(i).toDouble() - expected.value().at(i)) < 1e-6);
        QCOMPARE(point.value(QStringLiteral("payload")).toObject(), record.payload);
    }
}

void TestDemoSeeder::secondRunDoesNothing()
{
    QTemporaryDir dataDir;
    QVERIFY(runSeeder(dataDir.path(), DemoSeeder::Mode::FirstRun).succeeded());
    const QString shared = m_dataset.collectionTypes().constFirst();
    const qint64 before = serverCount(shared);
    const DemoSeedReport again = runSeeder(dataDir.path(), DemoSeeder::Mode::FirstRun);
    QCOMPARE(again.outcome, DemoSeedReport::Outcome::AlreadySeeded);
    QCOMPARE(again.points, 0);
    QCOMPARE(serverCount(shared), before);
}

void TestDemoSeeder::deletedDemoIsNotSeededAgain()
{
    QTemporaryDir dataDir;
    QVERIFY(runSeeder(dataDir.path(), DemoSeeder::Mode::FirstRun).succeeded());
    for (const QString &name : m_dataset.collectionNames())
        QCOMPARE(m_raw->del(QStringLiteral("/collections/") + name).status, 200);
    const DemoSeedReport report = runSeeder(dataDir.path(), DemoSeeder::Mode::FirstRun);
    QCOMPARE(report.outcome, DemoSeedReport::Outcome::AlreadySeeded);
    QCOMPARE(serverCollections(), QStringList());
}

void TestDemoSeeder::storeWithUserDataIsLeftAlone()
{
    QCOMPARE(m_raw->put(QStringLiteral("/collections/my_notes"),
                        vectorsConfig(8, QStringLiteral("Cosine")))
                 .status,
             200);
    QTemporaryDir dataDir;
    const DemoSeedReport report = runSeeder(dataDir.path(), DemoSeeder::Mode::FirstRun);
    QCOMPARE(report.outcome, DemoSeedReport::Outcome::StoreNotEmpty);
    QCOMPARE(serverCollections(), QStringList{QStringLiteral("my_notes")});
    // Decided once: emptying the store later does not bring the demo in.
    QVERIFY(DemoSeeder::isMarked(dataDir.path()));
}

void TestDemoSeeder::reseedReplacesOnlyTheDemoCollections()
{
    QTemporaryDir dataDir;
    QVERIFY(runSeeder(dataDir.path(), DemoSeeder::Mode::FirstRun).succeeded());
    const QString shared = m_dataset.collectionTypes().constFirst();
    // A user's edit in a demo collection and a collection of the user's own.
    QCOMPARE(m_raw->post(QStringLiteral("/collections/%1/points/delete?wait=true").arg(shared),
                         QJsonObject{{QStringLiteral("points"),
                                      QJsonArray{m_dataset.recordsFor(shared)
                                                     .constFirst()
                                                     .id.toJson()}}})
                 .status,
             200);
    QCOMPARE(m_raw->put(QStringLiteral("/collections/my_notes"),
                        vectorsConfig(8, QStringLiteral("Cosine")))
                 .status,
             200);
    const DemoSeedReport report = runSeeder(dataDir.path(), DemoSeeder::Mode::Reseed);
    QVERIFY2(report.succeeded(), qPrintable(report.error.message));
    QCOMPARE(serverCount(shared), qint64(m_dataset.recordsFor(shared).size()));
    QVERIFY(serverCollections().contains(QStringLiteral("my_notes")));
}

void TestDemoSeeder::serverDownFailsWithoutMarker()
{
    // A port nobody listens on: bound, then closed.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    QTemporaryDir dataDir;
    const DemoSeedReport report
        = runSeeder(dataDir.path(), DemoSeeder::Mode::FirstRun,
                    QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    QCOMPARE(report.outcome, DemoSeedReport::Outcome::Failed);
    QVERIFY2(report.error.message.startsWith(QStringLiteral("Loading the demo data failed")),
             qPrintable(report.error.message));
    QVERIFY(!DemoSeeder::isMarked(dataDir.path()));
}

QTEST_GUILESS_MAIN(TestDemoSeeder)
#include "tst_demoseeder.moc"
