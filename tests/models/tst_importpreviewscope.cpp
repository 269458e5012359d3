// ImportPreview::checkInScope: each row's tenant verdict (kept, stamped, refused) as the run's
// tenant scope gives it, data-driven over scopes and rows; then the preview of a file with
// rows of another tenant against the real run through ImportPipeline and memory-store: the
// rows the preview refuses are exactly the run's error report, its valid rows the points
// written, stamped with the tenant.

#include "deterministicpointid.h"
#include "importerrorreport.h"
#include "importpipeline.h"
#include "importpreview.h"
#include "importtestdata.h"
#include "memorystoreprocess.h"
#include "qdrantclient.h"
#include "storeclient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCollection = QStringLiteral("cost_optimization_knowledge");
const QString kTenant = QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
const QString kOther = QStringLiteral("2c5f39cb-3fb2-42e3-994f-1127e4ddb538");
const QString kKey = QStringLiteral("customer_id");

/// A row with optimization_id key(n) and an 8-dim vector; customer_id as given (undefined:
/// none). Not random: made from n.
QByteArray rowWith(int n, const QJsonValue &customer)
{
    QJsonObject object{{QStringLiteral("optimization_id"), QString::fromLatin1(
                                                               importtestdata::key(n))},
                       {QStringLiteral("outcome"), QStringLiteral("success")},
                       {QStringLiteral("decision_context"),
                        QStringLiteral("Batch job %1 moved to spot").arg(n)}};
    if (!customer.isUndefined())
        object.insert(kKey, customer);
    QJsonArray vector;
    for (int d = 0; d < 8; ++d)
        vector.append(double((n * 31 + d * 7) % 97) / 97.0 + 0.01);
    object.insert(QStringLiteral("vector"), vector);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

ImportOptions optionsFor(const QString &path, const QString &collection = kCollection)
{
    ImportOptions options;
    options.filePath = path;
    options.format = ImportFormat::Kind::Jsonl;
    options.collection = collection;
    options.mapping = ImportMapping::suggest(
        {QStringLiteral("optimization_id"), kKey, QStringLiteral("outcome"),
         QStringLiteral("decision_context"), QStringLiteral("vector")},
        agentMemorySchemaFor(collection), 8);
    options.batchRows = 4; // several batches, so the refused rows fall in different ones
    return options;
}

TenantScope tenantScope(const QJsonValue &tenant)
{
    return TenantScope::forTenant(tenant, kKey, CollectionPattern::parse(
                                                    QStringLiteral("company_{id}_{type}"))
                                                    .value())
        .value();
}

} // namespace

Q_DECLARE_METATYPE(ImportPreview::Tenant)

class TestImportPreviewScope : public QObject
{
    Q_OBJECT

private:
    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(ImportErrorReport::pathFor(path));
        QFile::remove(ImportCheckpoint::pathFor(path));
        return importtestdata::write(path, content) ? path : QString();
    }

    QTemporaryDir m_dir;

private slots:
    void verdictPerRow_data()
    {
        QTest::addColumn<TenantScope>("scope");
        QTest::addColumn<QString>("collection");
        QTest::addColumn<QJsonValue>("customer");
        QTest::addColumn<ImportPreview::Tenant>("tenant");
        QTest::addColumn<bool>("valid");

        using T = ImportPreview::Tenant;
        const QJsonValue none(QJsonValue::Undefined);
        QTest::newRow("no key: stamped") << tenantScope(kTenant) << kCollection << none
                                         << T::Stamped << true;
        QTest::newRow("this tenant: kept")
            << tenantScope(kTenant) << kCollection << QJsonValue(kTenant) << T::Kept << true;
        QTest::newRow("another tenant: refused")
            << tenantScope(kTenant) << kCollection << QJsonValue(kOther) << T::Refused << false;
        QTest::newRow("42 is not \"42\": refused")
            << tenantScope(42) << QStringLiteral("shared") << QJsonValue(QStringLiteral("42"))
            << T::Refused << false;
        QTest::newRow("a list of tenants: refused")
            << tenantScope(kTenant) << kCollection << QJsonValue(QJsonArray{kTenant, kOther})
            << T::Refused << false;
        QTest::newRow("own collection: kept as it is")
            << tenantScope(42) << QStringLiteral("company_42_cost_optimization_knowledge")
            << QJsonValue(kOther) << T::Kept << true;
        QTest::newRow("all tenants: kept")
            << TenantScope::allTenants() << kCollection << QJsonValue(kOther) << T::Kept << true;
    }

    void verdictPerRow()
    {
        QFETCH(TenantScope, scope);
        QFETCH(QString, collection);
        QFETCH(QJsonValue, customer);
        QFETCH(ImportPreview::Tenant, tenant);
        QFETCH(bool, valid);
        const QString path = file(QStringLiteral("verdict.jsonl"), rowWith(1, customer) + '\n');
        const auto rows = ImportPreview::checkInScope(optionsFor(path, collection), scope,
                                                      agentMemorySchemaFor(collection));
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().size(), 1);
        const ImportPreview::CheckedRow &row = rows.value().first();
        QCOMPARE(row.line, 1);
        QCOMPARE(int(row.tenant), int(tenant));
        QCOMPARE(row.errors.isEmpty(), valid);
        if (tenant == ImportPreview::Tenant::Refused) {
            QVERIFY(!row.tenantReason.isEmpty());
            QCOMPARE(row.errors.first().field, kKey); // the run's error report names the key
            QCOMPARE(row.errors.first().reason, row.tenantReason);
        }
        if (tenant == ImportPreview::Tenant::Stamped)
            QCOMPARE(row.payload.value(kKey), scope.tenantValue());
        // Without a scope the preview says nothing about tenants.
        const auto plain = ImportPreview::check(path, ImportFormat::Kind::Jsonl,
                                                optionsFor(path, collection).mapping,
                                                agentMemorySchemaFor(collection));
        QVERIFY(plain.ok());
        QCOMPARE(int(plain.value().first().tenant), int(ImportPreview::Tenant::Unknown));
    }

    void refusalAlongsideOtherErrors()
    {
        // A row of another tenant with a bad outcome: both reasons, the tenant's marked.
        QByteArray line = rowWith(1, kOther);
        line.replace("\"success\"", "\"maybe\"");
        const QString path = file(QStringLiteral("both.jsonl"), line + '\n');
        const auto rows = ImportPreview::checkInScope(optionsFor(path), tenantScope(kTenant),
                                                      agentMemorySchemaFor(kCollection));
        QVERIFY(rows.ok());
        const ImportPreview::CheckedRow &row = rows.value().first();
        QCOMPARE(int(row.tenant), int(ImportPreview::Tenant::Refused));
        QCOMPARE(row.errors.size(), 2);
        QVERIFY2(row.tenantReason.contains(kOther), qPrintable(row.tenantReason));
        QVERIFY(!row.tenantReason.contains(QStringLiteral("maybe")));
    }

    void previewEqualsTheRun()
    {
        MemoryStoreProcess store;
        QVERIFY2(store.start(), qPrintable(store.error()));
        StoreClient raw(store.port());
        QCOMPARE(raw.put(QStringLiteral("/collections/") + kCollection,
                         QJsonObject{{QStringLiteral("vectors"),
                                      QJsonObject{{QStringLiteral("size"), 8},
                                                  {QStringLiteral("distance"),
                                                   QStringLiteral("Cosine")}}}})
                     .status,
                 200);
        // 20 rows: every third of another tenant, every fourth without a key, the rest this
        // tenant's.
        QByteArray content;
        for (int n = 1; n <= 20; ++n) {
            const QJsonValue customer = n % 3 == 0 ? QJsonValue(kOther)
                : n % 4 == 0                       ? QJsonValue(QJsonValue::Undefined)
                                                   : QJsonValue(kTenant);
            content += rowWith(n, customer) + '\n';
        }
        const QString path = file(QStringLiteral("mixed.jsonl"), content);
        const ImportOptions options = optionsFor(path);
        const TenantScope scope = tenantScope(kTenant);
        const auto rows = ImportPreview::checkInScope(options, scope,
                                                      agentMemorySchemaFor(kCollection));
        QVERIFY(rows.ok());
        QList<qint64> refusedLines;
        QList<qint64> stampedLines;
        int valid = 0;
        for (const ImportPreview::CheckedRow &row : rows.value()) {
            if (row.tenant == ImportPreview::Tenant::Refused)
                refusedLines << row.line;
            if (row.tenant == ImportPreview::Tenant::Stamped)
                stampedLines << row.line;
            valid += row.errors.isEmpty() ? 1 : 0;
        }
        QCOMPARE(refusedLines, (QList<qint64>{3, 6, 9, 12, 15, 18}));
        QCOMPARE(stampedLines, (QList<qint64>{4, 8, 16, 20}));
        QCOMPARE(valid, 14);

        QdrantClient client;
        client.setEndpoint(QUrl(store.baseUrl()));
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(&client, scope, false));
        QSignalSpy finished(&pipeline, &ImportPipeline::finished);
        pipeline.start(options);
        QVERIFY(finished.wait(30000));
        const ImportSummary summary = finished.first().first().value<ImportSummary>();
        QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
        QCOMPARE(summary.pointsWritten, qint64(valid));
        QCOMPARE(summary.rowsFailed, qint64(refusedLines.size()));
        const auto report = ImportErrorReport::read(summary.errorReportPath);
        QVERIFY(report.ok());
        QList<qint64> reportedLines;
        for (const ImportRowError &error : report.value()) {
            reportedLines << error.line;
            const auto previewed = std::find_if(
                rows.value().cbegin(), rows.value().cend(),
                [&](const ImportPreview::CheckedRow &row) { return row.line == error.line; });
            QVERIFY(previewed != rows.value().cend());
            QCOMPARE(error.reason, previewed->tenantReason); // the same words
        }
        QCOMPARE(reportedLines, refusedLines);
        for (qint64 line : stampedLines) {
            const QString id
                = DeterministicPointId::forKey(QString::fromLatin1(importtestdata::key(int(line))))
                      .toString();
            const QJsonObject point
                = raw.get(QStringLiteral("/collections/%1/points/%2").arg(kCollection, id))
                      .result()
                      .toObject();
            QCOMPARE(point.value(QStringLiteral("payload")).toObject().value(kKey).toString(),
                     kTenant);
        }
    }
};

QTEST_GUILESS_MAIN(TestImportPreviewScope)
#include "tst_importpreviewscope.moc"
