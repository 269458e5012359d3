// The import's pure parts: format detection, the three readers (lines, offsets, row errors),
// mapping, row validation, deterministic ids, checkpoint and error report files.

#include "deterministicpointid.h"
#include "importcheckpoint.h"
#include "importerrorreport.h"
#include "importformat.h"
#include "importmapping.h"
#include "importpreview.h"
#include "importrecordreader.h"
#include "importrowvalidator.h"
#include "importtestdata.h"

#include <QTemporaryDir>
#include <QTest>

class TestImportReaders : public QObject
{
    Q_OBJECT

private:
    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        importtestdata::write(path, content);
        return path;
    }
    QList<ImportRecord> readAll(ImportFormat::Kind kind, const QString &path,
                                const QSet<QString> &vectors = {})
    {
        auto reader = ImportRecordReader::create(kind, path);
        reader->setVectorFields(vectors);
        QList<ImportRecord> records;
        if (!reader->open().ok())
            return records;
        ImportRecord record;
        while (reader->next(record))
            records.append(record);
        return records;
    }
    QTemporaryDir m_dir;

private slots:
    void detectsFormats_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind"); // -1: refused
        QTest::newRow("jsonl") << QByteArray("{\"a\":1}\n") << "x.jsonl" << 0;
        QTest::newRow("array") << QByteArray("\xEF\xBB\xBF  [ {} ]") << "x.json" << 2;
        QTest::newRow("csv") << QByteArray("a,b\n1,2\n") << "x.csv" << 1;
        QTest::newRow("empty") << QByteArray() << "x.jsonl" << -1;
        QTest::newRow("blank") << QByteArray("\n \n") << "x.csv" << -1;
        QTest::newRow("binary") << QByteArray("a\0b", 3) << "x.csv" << -1;
        QTest::newRow("json scalar") << QByteArray("42") << "x.json" << -1;
    }
    void detectsFormats()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, name);
        QFETCH(int, kind);
        const Result<ImportFormat::Kind> result = ImportFormat::detectFromHead(head, name);
        QCOMPARE(result.ok(), kind >= 0);
        if (kind >= 0)
            QCOMPARE(int(result.value()), kind);
        else
            QVERIFY(!result.error().message.isEmpty());
    }

    void jsonlLinesOffsetsAndErrors()
    {
        const QByteArray content = "{\"a\":1}\n\n{\"a\":2,}\r\n{\"a\":3,\"v\":[1,2.5]}";
        const QString path = file(QStringLiteral("l.jsonl"), content);
        const QList<ImportRecord> records
            = readAll(ImportFormat::Kind::Jsonl, path, {QStringLiteral("v")});
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).line, 1);
        QCOMPARE(records.at(0).fields.value(QStringLiteral("a")).toInt(), 1);
        QCOMPARE(records.at(0).endOffset, 8);
        QCOMPARE(records.at(1).line, 3);
        QVERIFY(records.at(1).readError.contains(QStringLiteral("not valid JSON")));
        QCOMPARE(records.at(2).line, 4);
        QCOMPARE(records.at(2).vectors.value(QStringLiteral("v")), (QList<float>{1.0f, 2.5f}));
        QCOMPARE(records.at(2).endOffset, content.size());
    }

    void jsonlNamesNanDuplicatesDepthAndUtf8()
    {
        QByteArray deep = "{\"a\":";
        for (int i = 0; i < 100; ++i)
            deep += '[';
        for (int i = 0; i < 100; ++i)
            deep += ']';
        deep += "}";
        const QString path = file(QStringLiteral("bad.jsonl"),
                                  "{\"v\":[NaN]}\n{\"a\":1,\"a\":2}\n" + deep
                                      + "\n{\"a\":\"\xff\"}\n[1]\n{\"v\":[1,\"x\"]}\n");
        const QList<ImportRecord> records
            = readAll(ImportFormat::Kind::Jsonl, path, {QStringLiteral("v")});
        QCOMPARE(records.size(), 6);
        QVERIFY(records.at(0).readError.contains(QStringLiteral("NaN")));
        QVERIFY(records.at(1).readError.contains(QStringLiteral("twice")));
        QVERIFY(records.at(2).readError.contains(QStringLiteral("nested deeper")));
        QVERIFY(records.at(3).readError.contains(QStringLiteral("UTF-8")));
        QVERIFY(records.at(4).readError.contains(QStringLiteral("not an object")));
        QVERIFY(records.at(5).vectorProblems.value(QStringLiteral("v"))
                    .contains(QStringLiteral("component 2")));
    }

    void csvQuotesRaggedRowsAndVectors()
    {
        const QByteArray content = "id,text,v\n1,\"a, \"\"quoted\"\"\nline\",\"[1,2]\"\n"
                                   "2,short\n\n3,plain,[3]\n";
        const QString path = file(QStringLiteral("c.csv"), content);
        const QList<ImportRecord> records
            = readAll(ImportFormat::Kind::Csv, path, {QStringLiteral("v")});
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).line, 2);
        QCOMPARE(records.at(0).fields.value(QStringLiteral("text")).toString(),
                 QStringLiteral("a, \"quoted\"\nline"));
        QCOMPARE(records.at(0).vectors.value(QStringLiteral("v")), (QList<float>{1, 2}));
        QCOMPARE(records.at(1).line, 4);
        QVERIFY(records.at(1).readError.contains(QStringLiteral("2 cells")));
        QCOMPARE(records.at(2).line, 6);
        QCOMPARE(records.at(2).vectors.value(QStringLiteral("v")), (QList<float>{3}));
    }

    void jsonArrayElementsAndBrokenEnd()
    {
        const QString path = file(QStringLiteral("a.json"),
                                  "[\n {\"a\":1,\n  \"s\":\"x,]}\"},\n {\"a\":},\n {\"a\":3}\n]\n");
        const QList<ImportRecord> records = readAll(ImportFormat::Kind::JsonArray, path);
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).line, 2);
        QCOMPARE(records.at(0).fields.value(QStringLiteral("s")).toString(),
                 QStringLiteral("x,]}"));
        QCOMPARE(records.at(1).line, 4);
        QVERIFY(!records.at(1).readError.isEmpty());
        QCOMPARE(records.at(2).line, 5);
        QVERIFY(records.at(2).readError.isEmpty());

        const QString open = file(QStringLiteral("open.json"), "[{\"a\":1},\n{\"a\":2}");
        const QList<ImportRecord> cut = readAll(ImportFormat::Kind::JsonArray, open);
        QCOMPARE(cut.size(), 3); // the last element is whole: read, then the missing ']'
        QVERIFY(cut.at(1).readError.isEmpty());
        QCOMPARE(cut.at(2).line, 2);
        QVERIFY(cut.at(2).readError.contains(QStringLiteral("not closed")));
    }

    void deterministicIds()
    {
        const PointId a = DeterministicPointId::forKey(QStringLiteral("opt-1"));
        QVERIFY(a.isUuid());
        QCOMPARE(a, DeterministicPointId::forKey(QStringLiteral("opt-1")));
        QVERIFY(a != DeterministicPointId::forKey(QStringLiteral("opt-2")));
        QCOMPARE(a.uuid().version(), QUuid::Sha1);
        // Fixed forever: a changed namespace would duplicate every re-imported point.
        QCOMPARE(DeterministicPointId::importNamespace().toString(QUuid::WithoutBraces),
                 QStringLiteral("6f1c5a3e-8d2b-4e7a-9c41-0b6d3f2a9e57"));
        QVERIFY(DeterministicPointId::forKey(QString()).isNull());
    }

    void validatesRows()
    {
        const AgentMemorySchema *schema
            = agentMemorySchemaFor(QStringLiteral("cost_optimization_knowledge"));
        QVERIFY(schema);
        ImportMapping mapping = ImportMapping::suggest(
            {QStringLiteral("optimization_id"), QStringLiteral("customer_id"),
             QStringLiteral("outcome"), QStringLiteral("confidence_score"),
             QStringLiteral("vector")},
            schema, 3);
        QCOMPARE(mapping.idField, QStringLiteral("optimization_id"));
        QCOMPARE(mapping.vectorField, QStringLiteral("vector"));
        QVERIFY(mapping.problems().isEmpty());
        QCOMPARE(ImportMapping::fromJson(mapping.toJson()).value(), mapping);
        const ImportRowValidator validator(mapping, schema);

        ImportRecord record;
        record.line = 7;
        record.fields = QJsonObject{{QStringLiteral("optimization_id"), QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")},
                                    {QStringLiteral("customer_id"),
                                     QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427")},
                                    {QStringLiteral("outcome"), QStringLiteral("success")},
                                    {QStringLiteral("confidence_score"), 0.5}};
        record.vectors.insert(QStringLiteral("vector"), {1, 2, 3});
        ImportRowValidator::Row row;
        QList<ImportRowError> errors;
        QVERIFY2(validator.prepare(record, row, errors),
                 qPrintable(errors.value(0).field + QLatin1Char(' ') + errors.value(0).reason));
        QCOMPARE(row.point.id, DeterministicPointId::forKey(QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")));
        QCOMPARE(row.point.vectors.value(QString()), (QList<float>{1, 2, 3}));

        ImportRecord bad = record;
        bad.fields.insert(QStringLiteral("outcome"), QStringLiteral("maybe"));
        bad.fields.insert(QStringLiteral("confidence_score"), 3);
        bad.fields.remove(QStringLiteral("optimization_id"));
        bad.vectors.insert(QStringLiteral("vector"), {1, 2});
        errors.clear();
        QVERIFY(!validator.prepare(bad, row, errors));
        QStringList fields;
        for (const ImportRowError &error : errors) {
            QCOMPARE(error.line, 7);
            fields << error.field;
        }
        QVERIFY2(fields.contains(QStringLiteral("optimization_id")), qPrintable(fields.join(QLatin1Char(','))));
        QVERIFY(fields.contains(QStringLiteral("vector")));
        QVERIFY(fields.contains(QStringLiteral("outcome")));
        QVERIFY(fields.contains(QStringLiteral("confidence_score")));
    }

    void checkpointAndReportFiles()
    {
        const QString path = file(QStringLiteral("cp.jsonl"), importtestdata::jsonl(3));
        ImportCheckpoint checkpoint;
        checkpoint.filePath = path;
        checkpoint.file = ImportCheckpoint::fingerprintOf(path).value();
        checkpoint.collection = QStringLiteral("c");
        checkpoint.mapping.idField = QStringLiteral("optimization_id");
        checkpoint.nextOffset = 10;
        checkpoint.nextLine = 2;
        checkpoint.rowsSettled = 1;
        QVERIFY(checkpoint.save().ok());
        const auto loaded = ImportCheckpoint::load(path);
        QVERIFY(loaded.ok() && loaded.value());
        QVERIFY(loaded.value()->resumes(checkpoint));
        importtestdata::write(path, importtestdata::jsonl(4));
        ImportCheckpoint changed = checkpoint;
        changed.file = ImportCheckpoint::fingerprintOf(path).value();
        QVERIFY(!loaded.value()->resumes(changed));

        ImportErrorReport report;
        QVERIFY(report.open(ImportErrorReport::pathFor(path)).ok());
        report.append({3, QStringLiteral("a"), QStringLiteral("tab\there\nand \\ line")});
        report.append({9, QString(), QStringLiteral("later")});
        report.close();
        QCOMPARE(ImportErrorReport::read(report.path()).value().size(), 2);
        QCOMPARE(ImportErrorReport::read(report.path()).value().first().reason,
                 QStringLiteral("tab\there\nand \\ line"));
        QVERIFY(report.open(report.path(), 5).ok()); // a resume at line 5 keeps line 3
        report.close();
        QCOMPARE(ImportErrorReport::read(report.path()).value(),
                 (QList<ImportRowError>{{3, QStringLiteral("a"),
                                         QStringLiteral("tab\there\nand \\ line")}}));
    }

    void previewScansAndChecks()
    {
        const QString path = file(QStringLiteral("p.jsonl"), importtestdata::jsonl(5));
        const auto scan = ImportPreview::scan(path, 3);
        QVERIFY(scan.ok());
        QCOMPARE(scan.value().samples.size(), 3);
        QVERIFY(scan.value().vectorCandidates.contains(QStringLiteral("vector")));
        const AgentMemorySchema *schema
            = agentMemorySchemaFor(QStringLiteral("cost_optimization_knowledge"));
        const ImportMapping mapping = ImportMapping::suggest(scan.value().fields, schema, 8);
        const auto rows = ImportPreview::check(path, scan.value().format, mapping, schema, 10);
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().size(), 5);
        for (const auto &row : rows.value())
            QVERIFY2(row.errors.isEmpty(), qPrintable(row.errors.value(0).reason));
    }
};

QTEST_GUILESS_MAIN(TestImportReaders)
#include "tst_importreaders.moc"
