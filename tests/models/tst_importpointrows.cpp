// Qdrant-shaped rows ({"id", "payload", "vector"}) through ImportPipeline against memory-store:
// a PointsExporter export of one collection imported into another keeps ids, payloads and
// vectors (unnamed and named), a re-run adds nothing, and the bundled demo file imports with
// its decision_context embedded under a tenant scope.

#include "agentmemoryschemas.h"
#include "demodataset.h"
#include "importpipeline.h"
#include "importpreview.h"
#include "localembedder.h"
#include "memorystoreprocess.h"
#include "pointsexporter.h"
#include "qdrantclient.h"
#include "storeclient.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

namespace {

const QString kKnowledge = QStringLiteral("cost_optimization_knowledge");
const QString kTenantA = QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
const QString kTenantB = QStringLiteral("2c5f39cb-3fb2-42e3-994f-1127e4ddb538");

QJsonObject payloadOf(int n)
{
    return QJsonObject{
        {QStringLiteral("optimization_id"),
         QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'))},
        {QStringLiteral("customer_id"), n % 2 ? kTenantA : kTenantB},
        {QStringLiteral("optimization_type"), QStringLiteral("spot_migration")},
        {QStringLiteral("outcome"), QStringLiteral("success")},
        {QStringLiteral("savings_percent"), n % 60},
        {QStringLiteral("confidence_score"), 0.5},
        {QStringLiteral("decision_context"), QStringLiteral("Batch job %1 moved to spot").arg(n)}};
}

QJsonArray vectorOf(int n, int dims)
{
    QJsonArray vector;
    for (int d = 0; d < dims; ++d)
        vector.append(double((n * 31 + d * 7) % 97) / 97.0 + 0.01);
    return vector;
}

/// The point's id as the store writes it, as text (integers and UUIDs alike).
QString idText(const QJsonValue &id)
{
    return id.isString() ? id.toString() : QString::number(id.toInteger());
}

} // namespace

class TestImportPointRows : public QObject
{
    Q_OBJECT

private:
    bool create(const QString &collection, const QJsonObject &vectors)
    {
        StoreClient client(m_store->port());
        client.del(QStringLiteral("/collections/") + collection);
        return client.put(QStringLiteral("/collections/") + collection,
                          QJsonObject{{QStringLiteral("vectors"), vectors}})
                   .status
            == 200;
    }
    static QJsonObject vectorParams(int size)
    {
        return QJsonObject{{QStringLiteral("size"), size},
                           {QStringLiteral("distance"), QStringLiteral("Cosine")}};
    }
    /// Every point of a collection by its id's text, with payload and vectors.
    QHash<QString, QJsonObject> points(const QString &collection)
    {
        StoreClient client(m_store->port());
        const auto page = client.post(
            QStringLiteral("/collections/%1/points/scroll").arg(collection),
            QJsonObject{{QStringLiteral("limit"), 10000},
                        {QStringLiteral("with_payload"), true},
                        {QStringLiteral("with_vector"), true}});
        QHash<QString, QJsonObject> out;
        for (const QJsonValue &point :
             page.result().toObject().value(QStringLiteral("points")).toArray())
            out.insert(idText(point.toObject().value(QStringLiteral("id"))), point.toObject());
        return out;
    }
    bool exportTo(const QString &collection, const QString &path)
    {
        PointsExporter exporter;
        std::optional<bool> ok;
        QEventLoop loop;
        connect(&exporter, &PointsExporter::finished, this, [&](const Result<qint64> &written) {
            ok = written.ok();
            loop.quit();
        });
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        PointsExporter::Options options;
        options.format = PointsExporter::Format::Jsonl;
        options.withVectors = true;
        exporter.start(ScopedPoints(m_client, TenantScope::allTenants(), false), collection, {},
                       path, options);
        if (!ok)
            loop.exec();
        return ok.value_or(false);
    }
    ImportSummary run(ImportPipeline &pipeline, const ImportOptions &options)
    {
        QSignalSpy finished(&pipeline, &ImportPipeline::finished);
        pipeline.start(options);
        if (!finished.wait(60000))
            return {};
        return finished.first().first().value<ImportSummary>();
    }
    /// Options for importing path into collection as the wizard first suggests them.
    ImportOptions suggested(const QString &path, const QString &collection, int size)
    {
        const auto scan = ImportPreview::scan(path);
        if (!scan.ok())
            return {};
        ImportOptions options;
        options.filePath = path;
        options.format = scan.value().format;
        options.collection = collection;
        options.mapping = ImportMapping::suggest(scan.value().fields,
                                                 agentMemorySchemaFor(collection), size,
                                                 scan.value().pointRows);
        options.batchRows = 100;
        return options;
    }
    static void compareVectors(const QJsonArray &actual, const QJsonArray &expected)
    {
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < actual.size(); ++i)
            QVERIFY(qAbs(actual.at(i).toDouble() - expected.at(i).toDouble()) < 1e-5);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MemoryStoreProcess> m_store;
    QdrantClient *m_client = nullptr;

private slots:
    void initTestCase()
    {
        m_store = std::make_unique<MemoryStoreProcess>();
        QVERIFY2(m_store->start(), qPrintable(m_store->error()));
        m_client = new QdrantClient(this);
        m_client->setEndpoint(QUrl(m_store->baseUrl()));
    }

    void exportImportRoundTrips()
    {
        const QString source = QStringLiteral("knowledge_export_source");
        QVERIFY(create(source, vectorParams(8)));
        QVERIFY(create(kKnowledge, vectorParams(8)));
        QJsonArray upserts;
        for (int n = 1; n <= 250; ++n) {
            // Integer ids and UUIDs, as a real collection may hold both.
            const QJsonValue id = n % 3 ? QJsonValue(n * 10)
                                        : QJsonValue(QStringLiteral("5a1c0000-0000-4000-8000-%1")
                                                         .arg(n, 12, 10, QLatin1Char('0')));
            upserts.append(QJsonObject{{QStringLiteral("id"), id},
                                       {QStringLiteral("payload"), payloadOf(n)},
                                       {QStringLiteral("vector"), vectorOf(n, 8)}});
        }
        StoreClient client(m_store->port());
        QCOMPARE(client.put(QStringLiteral("/collections/%1/points?wait=true").arg(source),
                            QJsonObject{{QStringLiteral("points"), upserts}})
                     .status,
                 200);
        const QString path = m_dir.filePath(QStringLiteral("export.jsonl"));
        QVERIFY(exportTo(source, path));

        const ImportOptions options = suggested(path, kKnowledge, 8);
        QCOMPARE(options.mapping.idField, QStringLiteral("id"));
        QCOMPARE(options.mapping.vectorField, QStringLiteral("vector"));
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(m_client, TenantScope::allTenants(), false));
        ImportSummary summary = run(pipeline, options);
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(summary.rowsFailed, 0);
        QCOMPARE(summary.pointsWritten, 250);

        const QHash<QString, QJsonObject> before = points(source);
        QHash<QString, QJsonObject> after = points(kKnowledge);
        QCOMPARE(before.size(), 250);
        QCOMPARE(QSet<QString>(after.keyBegin(), after.keyEnd()),
                 QSet<QString>(before.keyBegin(), before.keyEnd()));
        for (auto it = before.constBegin(); it != before.constEnd(); ++it) {
            const QJsonObject imported = after.value(it.key());
            QCOMPARE(imported.value(QStringLiteral("payload")).toObject(),
                     it.value().value(QStringLiteral("payload")).toObject());
            compareVectors(imported.value(QStringLiteral("vector")).toArray(),
                           it.value().value(QStringLiteral("vector")).toArray());
        }

        summary = run(pipeline, options); // the same file again: the same ids, nothing added
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(summary.pointsWritten, 250);
        after = points(kKnowledge);
        QCOMPARE(after.size(), 250);
    }

    void exportImportNamedVectors()
    {
        const QString source = QStringLiteral("named_export_source");
        const QString target = QStringLiteral("named_import_target");
        const QJsonObject vectors{{QStringLiteral("text"), vectorParams(8)},
                                  {QStringLiteral("image"), vectorParams(4)}};
        QVERIFY(create(source, vectors));
        QVERIFY(create(target, vectors));
        QJsonArray upserts;
        for (int n = 1; n <= 40; ++n)
            upserts.append(QJsonObject{
                {QStringLiteral("id"), n},
                {QStringLiteral("payload"), payloadOf(n)},
                {QStringLiteral("vector"), QJsonObject{{QStringLiteral("text"), vectorOf(n, 8)},
                                                       {QStringLiteral("image"),
                                                        vectorOf(n + 1, 4)}}}});
        StoreClient client(m_store->port());
        QCOMPARE(client.put(QStringLiteral("/collections/%1/points?wait=true").arg(source),
                            QJsonObject{{QStringLiteral("points"), upserts}})
                     .status,
                 200);
        const QString path = m_dir.filePath(QStringLiteral("named.jsonl"));
        QVERIFY(exportTo(source, path));

        const auto scan = ImportPreview::scan(path);
        QVERIFY(scan.ok());
        QVERIFY(scan.value().vectorCandidates.contains(QStringLiteral("vector.text")));
        QVERIFY(scan.value().vectorCandidates.contains(QStringLiteral("vector.image")));
        ImportOptions options = suggested(path, target, 8);
        options.mapping.vectorField = QStringLiteral("vector.text");
        options.mapping.vectorName = QStringLiteral("text");
        for (const ImportMapping::Field &field : std::as_const(options.mapping.fields))
            QVERIFY(!field.source.startsWith(QLatin1String("vector")));
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(m_client, TenantScope::allTenants(), false));
        const ImportSummary summary = run(pipeline, options);
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(summary.pointsWritten, 40);
        const QHash<QString, QJsonObject> before = points(source);
        const QHash<QString, QJsonObject> after = points(target);
        QCOMPARE(after.size(), 40);
        for (auto it = before.constBegin(); it != before.constEnd(); ++it) {
            const QJsonObject imported = after.value(it.key());
            QCOMPARE(imported.value(QStringLiteral("payload")).toObject(),
                     it.value().value(QStringLiteral("payload")).toObject());
            const auto textOf = [](const QJsonObject &point) {
                return point.value(QStringLiteral("vector")).toObject()
                    .value(QStringLiteral("text")).toArray();
            };
            compareVectors(textOf(imported), textOf(it.value()));
        }
    }

    void demoFileEmbedsUnderATenant()
    {
        QVERIFY(DemoDataset::load(DemoDataset::bundledPath()).ok()); // links the resources in
        const QString path = m_dir.filePath(QStringLiteral("cost_optimization_knowledge.jsonl"));
        QVERIFY(QFile::copy(DemoDataset::bundledPath()
                                + QStringLiteral("/cost_optimization_knowledge.jsonl"),
                            path));
        QFile demo(path);
        QVERIFY(demo.open(QIODevice::ReadOnly));
        QHash<QString, QJsonObject> rows; // the file's id → payload, of the first row's tenant
        QString tenant;
        qint64 total = 0;
        while (!demo.atEnd()) {
            const QJsonObject row = QJsonDocument::fromJson(demo.readLine()).object();
            const QJsonObject payload = row.value(QStringLiteral("payload")).toObject();
            if (row.isEmpty())
                continue;
            ++total;
            if (tenant.isEmpty())
                tenant = payload.value(QStringLiteral("customer_id")).toString();
            if (payload.value(QStringLiteral("customer_id")).toString() == tenant)
                rows.insert(row.value(QStringLiteral("id")).toString(), payload);
        }
        QVERIFY(!rows.isEmpty());
        QVERIFY(rows.size() < total);

        QVERIFY(create(kKnowledge, vectorParams(64)));
        const ImportOptions options = suggested(path, kKnowledge, 64);
        QCOMPARE(int(options.mapping.vectorSource), int(ImportMapping::VectorSource::Embed));
        const Result<TenantScope> scope
            = TenantScope::forTenant(QJsonValue(tenant), QStringLiteral("customer_id"));
        QVERIFY(scope.ok());
        LocalEmbedder embedder(64);
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(m_client, scope.value(), false));
        pipeline.setEmbedder(&embedder);
        ImportSummary summary = run(pipeline, options);
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(summary.pointsWritten, rows.size());
        QCOMPARE(summary.rowsFailed, total - rows.size()); // the other tenants' rows

        const AgentMemorySchema *schema = agentMemorySchemaFor(kKnowledge);
        QHash<QString, QJsonObject> stored = points(kKnowledge);
        QCOMPARE(stored.size(), rows.size());
        for (auto it = rows.constBegin(); it != rows.constEnd(); ++it) {
            QVERIFY2(stored.contains(it.key()), qPrintable(it.key())); // the file's id kept
            const QJsonObject point = stored.value(it.key());
            QCOMPARE(point.value(QStringLiteral("payload")).toObject(), it.value());
            const QList<float> expected
                = LocalEmbedder::embedText(schema->embeddedText(it.value()), 64).value();
            QVERIFY(schema->embeddedText(it.value())
                        .contains(it.value().value(QStringLiteral("decision_context")).toString()));
            const QJsonArray vector = point.value(QStringLiteral("vector")).toArray();
            QCOMPARE(vector.size(), 64);
            for (int i = 0; i < 64; ++i)
                QVERIFY(qAbs(vector.at(i).toDouble() - expected.at(i)) < 1e-4);
        }

        summary = run(pipeline, options);
        QCOMPARE(summary.pointsWritten, rows.size());
        QCOMPARE(points(kKnowledge).size(), rows.size()); // a re-run adds nothing
    }
};

QTEST_GUILESS_MAIN(TestImportPointRows)
#include "tst_importpointrows.moc"
