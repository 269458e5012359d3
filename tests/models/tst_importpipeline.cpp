// ImportPipeline against memory-store: import, re-run without duplicates, pause / cancel /
// resume, stop on the first error, the error report, retries on 503 and 429 (a fault peer),
// kill -9 of the server at random moments and resume (3 runs; MC_IMPORT_SOAK_RUNS=N runs N and
// writes MC_RELIABILITY_OUT), and the bad-input corpus of tests/data/bad (EXPECTED.tsv).

#include "deterministicpointid.h"
#include "faultpeer.h"
#include "importcheckpoint.h"
#include "importerrorreport.h"
#include "importpipeline.h"
#include "importtestdata.h"
#include "localembedder.h"
#include "memorystoreprocess.h"
#include "qdrantclient.h"
#include "storeclient.h"
#include "httptransport.h"
#include "retrypolicy.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCollection = QStringLiteral("cost_optimization_knowledge");

ImportOptions optionsFor(const QString &path, int dims = 8)
{
    ImportOptions options;
    options.filePath = path;
    options.format = ImportFormat::detect(path).ok() ? ImportFormat::detect(path).value()
                                                     : ImportFormat::Kind::Jsonl;
    options.collection = kCollection;
    options.mapping = ImportMapping::suggest(
        {QStringLiteral("optimization_id"), QStringLiteral("customer_id"),
         QStringLiteral("optimization_type"), QStringLiteral("outcome"),
         QStringLiteral("savings_percent"), QStringLiteral("confidence_score"),
         QStringLiteral("decision_context"), QStringLiteral("vector")},
        agentMemorySchemaFor(kCollection), dims);
    options.batchRows = 100;
    return options;
}

} // namespace

class TestImportPipeline : public QObject
{
    Q_OBJECT

private:
    bool createCollection(int port, int dims = 8)
    {
        StoreClient client(port);
        client.del(QStringLiteral("/collections/") + kCollection);
        return client
                   .put(QStringLiteral("/collections/") + kCollection,
                        QJsonObject{{QStringLiteral("vectors"),
                                     QJsonObject{{QStringLiteral("size"), dims},
                                                 {QStringLiteral("distance"),
                                                  QStringLiteral("Cosine")}}}})
                   .status
            == 200;
    }
    qint64 count(int port)
    {
        StoreClient client(port);
        return client
            .post(QStringLiteral("/collections/%1/points/count").arg(kCollection),
                  QJsonObject{{QStringLiteral("exact"), true}})
            .result()
            .toObject()
            .value(QStringLiteral("count"))
            .toInteger(-1);
    }
    ImportSummary run(ImportPipeline &pipeline, const ImportOptions &options, int timeoutMs = 60000)
    {
        QSignalSpy finished(&pipeline, &ImportPipeline::finished);
        pipeline.start(options);
        if (!finished.wait(timeoutMs))
            return {};
        return finished.first().first().value<ImportSummary>();
    }
    QString file(const QString &name, const QByteArray &content)
    {
        QString path = m_dir.filePath(name);
        importtestdata::write(path, content);
        return path;
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

    void importsAndRerunsWithoutDuplicates()
    {
        QVERIFY(createCollection(m_store->port()));
        const QString path = file(QStringLiteral("rerun.jsonl"), importtestdata::jsonl(1000));
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(m_client, TenantScope::allTenants(), false));
        QSignalSpy progress(&pipeline, &ImportPipeline::progress);
        ImportSummary summary = run(pipeline, optionsFor(path));
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(summary.pointsWritten, 1000);
        QCOMPARE(summary.rowsFailed, 0);
        QVERIFY(summary.errorReportPath.isEmpty());
        QVERIFY(!QFile::exists(ImportCheckpoint::pathFor(path)));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), 1000);
        QCOMPARE(count(m_store->port()), 1000);
        summary = run(pipeline, optionsFor(path));
        QCOMPARE(summary.pointsWritten, 1000);
        QCOMPARE(count(m_store->port()), 1000); // the same ids: nothing twice
        StoreClient client(m_store->port());
        const QString id = DeterministicPointId::forKey(QString::fromLatin1(importtestdata::key(7))).toString();
        const auto point = client.get(QStringLiteral("/collections/%1/points/%2")
                                          .arg(kCollection, id));
        QCOMPARE(point.status, 200);
        QCOMPARE(point.result().toObject().value(QStringLiteral("payload")).toObject()
                     .value(QStringLiteral("customer_id")).toString(),
                 QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    }

    void reportsRowErrorsAndStopsOnFirst()
    {
        QVERIFY(createCollection(m_store->port()));
        QByteArray content = importtestdata::jsonl(10);
        content += "{\"optimization_id\":\"" + importtestdata::key(99) + "\",\"vector\":[1,2]}\n"; // line 11: dimension
        content += "not json\n";                                          // line 12
        content += importtestdata::row(11) + '\n';                        // line 13
        const QString path = file(QStringLiteral("errors.jsonl"), content);
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(m_client, TenantScope::allTenants(), false));
        QSignalSpy failed(&pipeline, &ImportPipeline::rowFailed);
        ImportSummary summary = run(pipeline, optionsFor(path));
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(summary.pointsWritten, 11);
        QCOMPARE(summary.rowsFailed, 2);
        QCOMPARE(failed.size(), 2);
        const auto report = ImportErrorReport::read(summary.errorReportPath);
        QVERIFY(report.ok());
        QCOMPARE(report.value().size(), 2);
        QCOMPARE(report.value().at(0).line, 11);
        QCOMPARE(report.value().at(0).field, QStringLiteral("vector"));
        QVERIFY(report.value().at(0).reason.contains(QStringLiteral("2 dimensions")));
        QCOMPARE(report.value().at(1).line, 12);
        QCOMPARE(count(m_store->port()), 11);

        QVERIFY(createCollection(m_store->port()));
        ImportOptions options = optionsFor(path);
        options.stopOnFirstError = true;
        options.resume = false;
        summary = run(pipeline, options);
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::StoppedOnError));
        QVERIFY(summary.error.message.contains(QStringLiteral("line 11")));
        QCOMPARE(count(m_store->port()), 10); // the rows before the bad one, none after
    }

    void pausesCancelsAndResumes()
    {
        QVERIFY(createCollection(m_store->port()));
        const QString path = file(QStringLiteral("pause.jsonl"), importtestdata::jsonl(5000));
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(m_client, TenantScope::allTenants(), false));
        ImportOptions options = optionsFor(path);
        options.requestsInFlight = 1;
        QSignalSpy finished(&pipeline, &ImportPipeline::finished);
        qint64 done = 0;
        connect(&pipeline, &ImportPipeline::progress, this,
                [&done](qint64 rows, qint64, double, double) { done = rows; });
        pipeline.start(options);
        QTRY_VERIFY_WITH_TIMEOUT(done >= 500, 30000);
        pipeline.pause();
        QCOMPARE(pipeline.state(), ImportPipeline::State::Paused);
        QTest::qWait(300); // the request in flight comes back; nothing new goes out
        const qint64 paused = count(m_store->port());
        QTest::qWait(300);
        QCOMPARE(count(m_store->port()), paused);
        QVERIFY(paused < 5000);
        pipeline.resume();
        QTRY_VERIFY_WITH_TIMEOUT(done >= paused + 300, 30000);
        pipeline.cancel();
        QCOMPARE(finished.size(), 1);
        const auto summary = finished.first().first().value<ImportSummary>();
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Cancelled));
        QVERIFY(QFile::exists(ImportCheckpoint::pathFor(path)));
        const auto checkpoint = ImportCheckpoint::load(path);
        QVERIFY(checkpoint.ok() && checkpoint.value());
        QVERIFY(checkpoint.value()->rowsSettled > 0);
        QVERIFY(count(m_store->port()) >= checkpoint.value()->pointsWritten);

        const ImportSummary resumed = run(pipeline, options);
        QCOMPARE(int(resumed.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(resumed.resumedFromLine, checkpoint.value()->nextLine);
        QCOMPARE(resumed.rowsRead, 5000);
        QCOMPARE(count(m_store->port()), 5000);
    }

    void staysInsideTheTenantScope()
    {
        QVERIFY(createCollection(m_store->port()));
        // Rows of two tenants; the session is scoped to the odd rows' tenant.
        const QString tenant = QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        QByteArray content = importtestdata::jsonl(20);
        QByteArray unstamped = importtestdata::row(21);
        unstamped.replace(QByteArray("\"customer_id\":\"" + tenant.toLatin1() + "\","),
                          QByteArray());
        content += unstamped + '\n';
        const QString path = file(QStringLiteral("tenant.jsonl"), content);
        const Result<TenantScope> scope
            = TenantScope::forTenant(QJsonValue(tenant), QStringLiteral("customer_id"));
        QVERIFY(scope.ok());
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(m_client, scope.value(), false));
        const ImportSummary summary = run(pipeline, optionsFor(path));
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(summary.pointsWritten, 11); // 10 odd rows and the row without a tenant key
        QCOMPARE(summary.rowsFailed, 10);
        const auto report = ImportErrorReport::read(summary.errorReportPath).value();
        QCOMPARE(report.size(), 10);
        QCOMPARE(report.first().line, 2);
        QCOMPARE(report.first().field, QStringLiteral("customer_id"));
        StoreClient client(m_store->port());
        const auto other = client.post(
            QStringLiteral("/collections/%1/points/count").arg(kCollection),
            QJsonObject{{QStringLiteral("exact"), true},
                        {QStringLiteral("filter"),
                         QJsonObject{{QStringLiteral("must_not"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("key"), QStringLiteral("customer_id")},
                                          {QStringLiteral("match"),
                                           QJsonObject{{QStringLiteral("value"), tenant}}}}}}}}});
        QCOMPARE(other.result().toObject().value(QStringLiteral("count")).toInt(-1), 0);
        QCOMPARE(count(m_store->port()), 11); // the row without a key was stamped

        // A read-only profile imports nothing.
        pipeline.setPoints(ScopedPoints(m_client, scope.value(), true));
        const ImportSummary refused = run(pipeline, optionsFor(path));
        QCOMPARE(int(refused.outcome), int(ImportSummary::Outcome::Failed));
        QVERIFY(refused.error.message.contains(QStringLiteral("read-only")));
    }

    void embedsATextField()
    {
        QVERIFY(createCollection(m_store->port(), 64));
        const QString path = file(QStringLiteral("embed.jsonl"), importtestdata::jsonl(300));
        ImportOptions options = optionsFor(path, 64);
        options.mapping.vectorSource = ImportMapping::VectorSource::Embed;
        options.mapping.vectorField.clear();
        LocalEmbedder embedder(64);
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(m_client, TenantScope::allTenants(), false));
        pipeline.setEmbedder(&embedder);
        const ImportSummary summary = run(pipeline, options);
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(count(m_store->port()), 300);
        StoreClient client(m_store->port());
        const QString id = DeterministicPointId::forKey(QString::fromLatin1(importtestdata::key(3))).toString();
        const auto point = client.get(QStringLiteral("/collections/%1/points/%2")
                                          .arg(kCollection, id));
        const QJsonArray vector = point.result().toObject().value(QStringLiteral("vector")).toArray();
        const QList<float> expected = LocalEmbedder::embedText(
            QStringLiteral("Batch job 3 moved to spot"), 64).value();
        QCOMPARE(vector.size(), 64);
        for (int i = 0; i < 64; ++i) // cosine collections store normalised vectors
            QVERIFY(qAbs(vector.at(i).toDouble() - expected.at(i)) < 1e-4);
    }

    void retriesOn503And429()
    {
        FaultPeer peer;
        QVERIFY(peer.listen());
        const QByteArray ok = "{\"result\":{\"operation_id\":1,\"status\":\"completed\"},"
                              "\"status\":\"ok\",\"time\":0.001}";
        peer.setScript({FaultPeer::respond(503, "{\"status\":{\"error\":\"busy\"}}"),
                        FaultPeer::respond(429, "{\"status\":{\"error\":\"slow down\"}}",
                                           {{"Retry-After", "1"}}),
                        FaultPeer::respond(200, ok)});
        QdrantClient client;
        client.setEndpoint(QUrl(peer.baseUrl()));
        RetryPolicy once;
        once.maxAttempts = 1; // the transport's own retries off: these are the pipeline's
        client.transport()->setRetryPolicy(once);
        const QString path = file(QStringLiteral("retry.jsonl"), importtestdata::jsonl(5));
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(&client, TenantScope::allTenants(), false));
        QElapsedTimer timer;
        timer.start();
        const ImportSummary summary = run(pipeline, optionsFor(path));
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(summary.retries, 2);
        QCOMPARE(summary.requests, 3);
        QCOMPARE(peer.requestCount(), 3);
        QVERIFY(timer.elapsed() >= 1000); // Retry-After: 1 was honoured
        QCOMPARE(peer.received().at(0).body, peer.received().at(2).body);

        // A server that keeps failing: the run fails, resumable from its checkpoint.
        peer.setScript({FaultPeer::respond(503, "{\"status\":{\"error\":\"down\"}}")});
        ImportOptions options = optionsFor(path);
        options.maxAttempts = 3;
        options.baseBackoffMs = 10;
        options.resume = false;
        const ImportSummary failed = run(pipeline, options);
        QCOMPARE(int(failed.outcome), int(ImportSummary::Outcome::Failed));
        QCOMPARE(failed.error.httpStatus, 503);
        QVERIFY(QFile::exists(ImportCheckpoint::pathFor(path)));
    }

    void badCorpus_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("imported");
        QTest::addColumn<QString>("errors");
        QFile expected(QStringLiteral(MC_BAD_CORPUS_DIR "/EXPECTED.tsv"));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        QSet<QString> listed;
        while (!expected.atEnd()) {
            const QString line = QString::fromUtf8(expected.readLine()).chopped(1);
            if (line.startsWith(QLatin1Char('#')) || line.isEmpty())
                continue;
            const QStringList cells = line.split(QLatin1Char('\t'));
            QCOMPARE(cells.size(), 4);
            listed.insert(cells.at(0));
            QTest::newRow(qPrintable(cells.at(0)))
                << QStringLiteral(MC_BAD_CORPUS_DIR "/") + cells.at(0) << cells.at(1)
                << cells.at(2).toInt() << cells.at(3);
        }
        // Every file of the corpus has its expectation.
        const QStringList files = QDir(QStringLiteral(MC_BAD_CORPUS_DIR)).entryList(QDir::Files);
        QVERIFY(files.size() >= 51);
        for (const QString &name : files)
            QVERIFY2(name == QLatin1String("EXPECTED.tsv") || listed.contains(name), qPrintable(name));
        // Large inputs are written at test time rather than kept in the repository.
        QByteArray big = importtestdata::row(1);
        big.insert(big.indexOf("\"decision_context\":\"") + 20, QByteArray(5 << 20, 'a'));
        const QString hugePayload = m_dir.filePath(QStringLiteral("huge_payload.jsonl"));
        importtestdata::write(hugePayload, big + '\n' + importtestdata::row(2) + '\n');
        QTest::newRow("huge_payload.jsonl (5 MiB, generated)")
            << hugePayload << QStringLiteral("jsonl") << 2 << QString();
        const QString hugeLine = m_dir.filePath(QStringLiteral("huge_line.jsonl"));
        {
            QFile out(hugeLine);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(importtestdata::row(1) + '\n');
            out.write("{\"decision_context\":\"");
            const QByteArray chunk(1 << 20, 'b');
            for (int i = 0; i < 65; ++i)
                out.write(chunk);
            out.write("\"}\n" + importtestdata::row(3) + '\n');
        }
        QTest::newRow("huge_line.jsonl (65 MiB line, generated)")
            << hugeLine << QStringLiteral("jsonl") << 2 << QStringLiteral("2:longer than 64 MiB");
    }

    void badCorpus()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFETCH(int, imported);
        QFETCH(QString, errors);
        // The corpus is read-only: a copy keeps the reports and checkpoints out of the tree.
        const QString copy = m_dir.filePath(QStringLiteral("corpus-") + QFileInfo(path).fileName());
        QFile::remove(copy);
        QFile::remove(ImportErrorReport::pathFor(copy));
        QFile::remove(ImportCheckpoint::pathFor(copy));
        QVERIFY(QFile::copy(path, copy));
        QVERIFY(createCollection(m_store->port()));
        const AgentMemorySchema *schema = agentMemorySchemaFor(kCollection);
        ImportOptions options;
        options.filePath = copy;
        options.format = ImportFormat::fromId(format).value();
        options.collection = kCollection;
        options.mapping.idField = QStringLiteral("optimization_id");
        options.mapping.vectorField = QStringLiteral("vector");
        options.mapping.vectorSize = 8;
        for (const SchemaField &field : schema->fields)
            options.mapping.fields.append({field.name, field.name});
        options.mapping.fields.append({QStringLiteral("config"), QStringLiteral("config")});
        options.batchRows = 64;
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(m_client, TenantScope::allTenants(), false));
        QList<ImportRowError> expected;
        for (const QString &entry : errors.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
            const qsizetype colon = entry.indexOf(QLatin1Char(':'));
            expected.append({entry.left(colon).toLongLong(), QString(), entry.mid(colon + 1)});
        }
        const bool runFails = !expected.isEmpty() && expected.first().line == 0;
        for (int round = 0; round < 2; ++round) { // the second run must not import anything twice
            options.resume = false;
            const ImportSummary summary = run(pipeline, options);
            if (runFails) {
                QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Failed));
                QVERIFY2(summary.error.message.contains(expected.first().reason),
                         qPrintable(summary.error.message));
                QCOMPARE(count(m_store->port()), 0);
                return;
            }
            QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
            QCOMPARE(summary.pointsWritten, qint64(imported));
            QCOMPARE(count(m_store->port()), qint64(imported));
            QList<ImportRowError> found;
            if (!summary.errorReportPath.isEmpty())
                found = ImportErrorReport::read(summary.errorReportPath).value();
            QStringList seen;
            for (const ImportRowError &error : found)
                seen << QString::number(error.line) + QLatin1Char(':') + error.reason;
            QVERIFY2(found.size() == expected.size(), qPrintable(seen.join(QLatin1Char('|'))));
            QCOMPARE(summary.rowsFailed, qint64(found.size()));
            for (qsizetype i = 0; i < found.size(); ++i) {
                QCOMPARE(found.at(i).line, expected.at(i).line);
                // The fragment may name the field or be part of the reason.
                const QString text = found.at(i).field + QLatin1Char(' ') + found.at(i).reason;
                QVERIFY2(text.contains(expected.at(i).reason),
                         qPrintable(found.at(i).field + QLatin1Char(' ') + found.at(i).reason));
            }
        }
    }

    void killNineAndResume()
    {
        const int runs = qEnvironmentVariableIsSet("MC_IMPORT_SOAK_RUNS")
                             ? qEnvironmentVariableIntValue("MC_IMPORT_SOAK_RUNS")
                             : 3;
        constexpr int kRows = 20000;
        const QString path = file(QStringLiteral("kill.jsonl"), importtestdata::jsonl(kRows));
        int exact = 0;
        for (int runIndex = 0; runIndex < runs; ++runIndex) {
            MemoryStoreProcess store;
            QVERIFY2(store.start(), qPrintable(store.error()));
            QVERIFY(createCollection(store.port()));
            ImportCheckpoint::remove(path);
            QdrantClient client;
            client.setEndpoint(QUrl(store.baseUrl()));
            ImportOptions options = optionsFor(path);
            auto pipeline = std::make_unique<ImportPipeline>();
            pipeline->setPoints(ScopedPoints(&client, TenantScope::allTenants(), false));
            qint64 done = 0;
            connect(pipeline.get(), &ImportPipeline::progress, this,
                    [&done](qint64 rows, qint64, double, double) { done = rows; });
            auto finished = std::make_unique<QSignalSpy>(pipeline.get(),
                                                          &ImportPipeline::finished);
            pipeline->start(options);
            // Kill at a random moment (1 to 3 times per run), once the import is under way.
            const int kills = 1 + QRandomGenerator::global()->bounded(3);
            for (int k = 0; k < kills && finished->isEmpty(); ++k) {
                const qint64 at = done + QRandomGenerator::global()->bounded(kRows / (kills + 1));
                QTRY_VERIFY_WITH_TIMEOUT(done >= at || !finished->isEmpty(), 60000);
                if (!finished->isEmpty())
                    break;
                store.kill();
                // Odd kills take the console down too (the pipeline is destroyed with the
                // requests in flight); even ones keep it retrying until the server is back.
                const bool crash = (runIndex + k) % 2 == 0;
                if (crash)
                    pipeline.reset();
                QVERIFY2(store.start(), qPrintable(store.error()));
                client.setEndpoint(QUrl(store.baseUrl())); // maybe a new port
                if (crash) {
                    pipeline = std::make_unique<ImportPipeline>();
                    pipeline->setPoints(ScopedPoints(&client, TenantScope::allTenants(), false));
                    connect(pipeline.get(), &ImportPipeline::progress, this,
                            [&done](qint64 rows, qint64, double, double) { done = rows; });
                    finished = std::make_unique<QSignalSpy>(pipeline.get(),
                                                            &ImportPipeline::finished);
                    pipeline->start(options); // resumes from the checkpoint
                }
            }
            if (finished->isEmpty())
                QVERIFY(finished->wait(120000));
            auto summary = finished->first().first().value<ImportSummary>();
            if (summary.outcome == ImportSummary::Outcome::Failed) {
                // The server was down longer than the retries: start again from the checkpoint.
                finished->clear();
                pipeline->start(options);
                QVERIFY(finished->wait(120000));
                summary = finished->first().first().value<ImportSummary>();
            }
            QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
            QCOMPARE(summary.rowsRead, kRows);
            QCOMPARE(summary.rowsFailed, 0);
            const qint64 points = count(store.port());
            // Every point's id is one of the file's (deterministic): an exact count of the
            // distinct ids means no duplicate and no lost row.
            if (points == kRows)
                ++exact;
            QCOMPARE(points, qint64(kRows));
            StoreClient check(store.port());
            for (int n : {1, kRows / 2, kRows}) {
                const QString id = DeterministicPointId::forKey(QString::fromLatin1(importtestdata::key(n)))
                                       .toString();
                QCOMPARE(check.get(QStringLiteral("/collections/%1/points/%2")
                                       .arg(kCollection, id))
                             .status,
                         200);
            }
        }
        const QString out = qEnvironmentVariable("MC_RELIABILITY_OUT");
        if (!out.isEmpty()) {
            QJsonObject results;
            QFile file(out);
            if (file.open(QIODevice::ReadOnly))
                results = QJsonDocument::fromJson(file.readAll()).object();
            file.close();
            results.insert(QStringLiteral("import_kill_runs"), runs);
            results.insert(QStringLiteral("import_kill_runs_exact"), exact);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QJsonDocument(results).toJson());
        }
    }
};

QTEST_GUILESS_MAIN(TestImportPipeline)
#include "tst_importpipeline.moc"
