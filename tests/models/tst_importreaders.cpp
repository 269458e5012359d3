// The import's pure parts: format detection, the three readers (lines, offsets, row errors),
// mapping, row validation, deterministic ids, checkpoint and error report files; rows shaped
// like Qdrant points (the console's export, the demo data) read as their payload's fields.

#include "demodataset.h"
#include "deterministicpointid.h"
#include "importcheckpoint.h"
#include "importerrorreport.h"
#include "importformat.h"
#include "importmapping.h"
#include "importpreview.h"
#include "importrecordreader.h"
#include "importrowvalidator.h"
#include "importtestdata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

class TestImportReaders : public QObject
{
    Q_OBJECT

private:
    QString file(const QString &name, const QByteArray &content)
    {
        QString path = m_dir.filePath(name);
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
    /// A Qdrant point row as the export writes it (compact JSON, one line).
    static QByteArray pointRow(const QJsonValue &id, const QJsonObject &payload,
                               const QString &vectorKey = QString(),
                               const QJsonValue &vector = QJsonValue())
    {
        QJsonObject row{{QStringLiteral("id"), id}, {QStringLiteral("payload"), payload}};
        if (!vectorKey.isEmpty())
            row.insert(vectorKey, vector);
        return QJsonDocument(row).toJson(QJsonDocument::Compact);
    }
    static QJsonObject payloadOf(int n)
    {
        return QJsonObject{
            {QStringLiteral("optimization_id"), QString::fromLatin1(importtestdata::key(n))},
            {QStringLiteral("customer_id"), QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427")},
            {QStringLiteral("optimization_type"), QStringLiteral("spot_migration")},
            {QStringLiteral("outcome"), QStringLiteral("success")},
            {QStringLiteral("decision_context"), QStringLiteral("Row %1 moved to spot").arg(n)}};
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

    // The payload is the mapped fields only, under their targets, with CSV text typed: the same
    // whether every field keeps its name (the row's fields are reused) or one is renamed.
    void payloadIsTheMappedFieldsTyped()
    {
        const AgentMemorySchema *schema
            = agentMemorySchemaFor(QStringLiteral("cost_optimization_knowledge"));
        QVERIFY(schema);
        ImportMapping mapping = ImportMapping::suggest(
            {QStringLiteral("optimization_id"), QStringLiteral("outcome"),
             QStringLiteral("confidence_score"), QStringLiteral("vector")},
            schema, 2);
        ImportRecord record;
        record.line = 3;
        const QString id = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
        record.fields = QJsonObject{
            {QStringLiteral("optimization_id"), id},
            {QStringLiteral("outcome"), QStringLiteral("success")},
            {QStringLiteral("confidence_score"), QStringLiteral(" 0.75 ")},
            {QStringLiteral("note"), QStringLiteral("not mapped")}};
        record.vectors.insert(QStringLiteral("vector"), {1, 2});
        const QJsonObject expected{{QStringLiteral("optimization_id"), id},
                                   {QStringLiteral("outcome"), QStringLiteral("success")},
                                   {QStringLiteral("confidence_score"), 0.75}};
        ImportRowValidator::Row row;
        QList<ImportRowError> errors;
        QVERIFY2(ImportRowValidator(mapping, schema).prepare(record, row, errors),
                 qPrintable(errors.value(0).field + QLatin1Char(' ') + errors.value(0).reason));
        QCOMPARE(row.point.payload, expected);
        QCOMPARE(record.fields.value(QStringLiteral("confidence_score")),
                 QStringLiteral(" 0.75 ")); // the record itself is left as it was

        record.fields.remove(QStringLiteral("note"));
        QVERIFY(ImportRowValidator(mapping, schema).prepare(record, row, errors));
        QCOMPARE(row.point.payload, expected);

        record.fields.insert(QStringLiteral("result"),
                             record.fields.take(QStringLiteral("outcome")));
        for (ImportMapping::Field &field : mapping.fields) {
            if (field.target == QStringLiteral("outcome"))
                field.source = QStringLiteral("result");
        }
        QVERIFY(ImportRowValidator(mapping, schema).prepare(record, row, errors));
        QCOMPARE(row.point.payload, expected);

        record.fields.insert(QStringLiteral("confidence_score"), QStringLiteral("high"));
        QVERIFY(!ImportRowValidator(mapping, schema).prepare(record, row, errors));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().field, QStringLiteral("confidence_score"));
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
    void previewRefusesDuplicateIdsAsTheRunDoes()
    {
        // Rows 1, 2, then row 1's key again: the third would overwrite the first's point.
        const QString path
            = file(QStringLiteral("dup.jsonl"),
                   importtestdata::row(1) + '\n' + importtestdata::row(2) + '\n'
                       + importtestdata::row(1) + '\n');
        const AgentMemorySchema *schema
            = agentMemorySchemaFor(QStringLiteral("cost_optimization_knowledge"));
        const auto scan = ImportPreview::scan(path);
        QVERIFY(scan.ok());
        const ImportMapping mapping = ImportMapping::suggest(scan.value().fields, schema, 8);
        QCOMPARE(mapping.idField, QStringLiteral("optimization_id"));
        const auto rows = ImportPreview::check(path, scan.value().format, mapping, schema);
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().size(), 3);
        QVERIFY(rows.value().at(0).errors.isEmpty());
        QVERIFY(rows.value().at(1).errors.isEmpty());
        const ImportPreview::CheckedRow &third = rows.value().at(2);
        QVERIFY(third.id.isEmpty());
        QCOMPARE(third.errors.size(), 1);
        QCOMPARE(third.errors.first().line, 3);
        QCOMPARE(third.errors.first().field, QStringLiteral("optimization_id"));
        QVERIFY2(third.errors.first().reason.startsWith(QStringLiteral("duplicate id: line 1 ")),
                 qPrintable(third.errors.first().reason));
    }

    void pointRowsReadPayloadFieldsAndVectors()
    {
        const QString uuid = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
        const QByteArray content
            = pointRow(7, payloadOf(1), QStringLiteral("vector"), QJsonArray{1, 2, 3}) + '\n'
            + pointRow(uuid, payloadOf(2), QStringLiteral("vector"),
                       QJsonObject{{QStringLiteral("text"), QJsonArray{4, 5}},
                                   {QStringLiteral("image"), QJsonArray{6}}})
            + '\n'
            + pointRow(9, payloadOf(3), QStringLiteral("vectors"),
                       QJsonObject{{QStringLiteral("text"), QJsonArray{7, 8}}})
            + '\n' + pointRow(10, payloadOf(4)) + '\n';
        const QSet<QString> vectors{QStringLiteral("vector"), QStringLiteral("vector.text"),
                                    QStringLiteral("vectors.text")};
        const QString jsonlPath = file(QStringLiteral("points.jsonl"), content);
        QByteArray array = content.trimmed();
        array.replace('\n', ",\n");
        const QString arrayPath = file(QStringLiteral("points.json"), "[" + array + "]");
        for (const auto &[kind, path] :
             {std::pair{ImportFormat::Kind::Jsonl, jsonlPath},
              std::pair{ImportFormat::Kind::JsonArray, arrayPath}}) {
            const QList<ImportRecord> records = readAll(kind, path, vectors);
            QCOMPARE(records.size(), 4);
            for (const ImportRecord &record : records) {
                QVERIFY2(record.readError.isEmpty(), qPrintable(record.readError));
                QVERIFY(record.pointShaped);
                QVERIFY(!record.fields.contains(QStringLiteral("payload")));
                QVERIFY(record.fields.value(QStringLiteral("decision_context")).isString());
            }
            QCOMPARE(records.at(0).fields.value(QStringLiteral("id")).toInt(), 7);
            QCOMPARE(records.at(0).vectors.value(QStringLiteral("vector")),
                     (QList<float>{1, 2, 3}));
            QCOMPARE(records.at(1).fields.value(QStringLiteral("id")).toString(), uuid);
            QCOMPARE(records.at(1).vectors.value(QStringLiteral("vector.text")),
                     (QList<float>{4, 5}));
            // A named vector nobody asked for as a vector stays a JSON value.
            QCOMPARE(records.at(1).fields.value(QStringLiteral("vector.image")).toArray(),
                     (QJsonArray{6}));
            QCOMPARE(records.at(2).vectors.value(QStringLiteral("vectors.text")),
                     (QList<float>{7, 8}));
            QVERIFY(records.at(3).vectors.isEmpty());
            auto reader = ImportRecordReader::create(kind, path);
            QVERIFY(reader->open().ok());
            ImportRecord record;
            while (reader->next(record)) { }
            const QStringList names = reader->fieldNames();
            QVERIFY(names.contains(QStringLiteral("decision_context")));
            QVERIFY(names.contains(QStringLiteral("id")));
            QVERIFY(!names.contains(QStringLiteral("payload")));
            // The import does not gather them.
            reader = ImportRecordReader::create(kind, path);
            reader->setFieldNamesNoted(false);
            QVERIFY(reader->open().ok());
            while (reader->next(record)) { }
            QVERIFY(reader->fieldNames().isEmpty());
        }
    }

    void pointShapeIsRecognisedRowByRow()
    {
        const QByteArray flat = "{\"id\":1,\"payload\":\"text\"}";
        const QByteArray extraKey = "{\"id\":2,\"payload\":{\"a\":1},\"score\":0.5}";
        const QByteArray twice = "{\"id\":3,\"payload\":{\"a\":1},\"payload\":{\"b\":2}}";
        const QByteArray clash = "{\"id\":4,\"payload\":{\"id\":\"x\"}}";
        const QByteArray vectorClash = "{\"id\":5,\"payload\":{\"vector\":[1]},\"vector\":[2]}";
        const QByteArray nullVector = "{\"id\":6,\"payload\":{\"a\":1},\"vector\":null}";
        const QString path = file(QStringLiteral("mixed.jsonl"),
                                  flat + '\n' + extraKey + '\n' + twice + '\n' + clash + '\n'
                                      + vectorClash + '\n' + nullVector + '\n');
        const QList<ImportRecord> records = readAll(ImportFormat::Kind::Jsonl, path);
        QCOMPARE(records.size(), 6);
        // Not a point: read as it is, keys as fields.
        QVERIFY(!records.at(0).pointShaped);
        QCOMPARE(records.at(0).fields.value(QStringLiteral("payload")).toString(),
                 QStringLiteral("text"));
        QVERIFY(!records.at(1).pointShaped);
        QVERIFY(records.at(1).fields.value(QStringLiteral("payload")).isObject());
        QVERIFY(records.at(1).fields.contains(QStringLiteral("score")));
        QCOMPARE(records.at(2).readError, QStringLiteral("the field payload appears twice"));
        QCOMPARE(records.at(3).readError,
                 QStringLiteral("the payload key id has the same name as the point's id; "
                                "rename one of them in the file"));
        QVERIFY(records.at(4).readError.contains(QStringLiteral("point's vector")));
        QVERIFY(records.at(5).pointShaped);
        QVERIFY(records.at(5).readError.isEmpty());
        QVERIFY(!records.at(5).fields.contains(QStringLiteral("vector")));
    }

    void pointRowsScanSuggestAndValidate()
    {
        const AgentMemorySchema *schema
            = agentMemorySchemaFor(QStringLiteral("cost_optimization_knowledge"));
        QVERIFY(schema);
        const QString uuid = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
        QJsonObject flat = payloadOf(4);
        flat.insert(QStringLiteral("id"), 12);
        flat.insert(QStringLiteral("vector"), QJsonArray{1, 1, 1});
        const QByteArray content
            = pointRow(uuid, payloadOf(1), QStringLiteral("vector"), QJsonArray{1, 2, 3}) + '\n'
            + pointRow(QStringLiteral("not-an-id"), payloadOf(2), QStringLiteral("vector"),
                       QJsonArray{3, 2, 1})
            + '\n'
            + pointRow(QJsonValue(), payloadOf(3), QStringLiteral("vector"), QJsonArray{0, 0, 1})
            + '\n' + QJsonDocument(flat).toJson(QJsonDocument::Compact) + '\n';
        const QString path = file(QStringLiteral("scan-points.jsonl"), content);
        const auto scan = ImportPreview::scan(path);
        QVERIFY(scan.ok());
        QVERIFY(scan.value().pointRows);
        QVERIFY(scan.value().fields.contains(QStringLiteral("decision_context")));
        QVERIFY(!scan.value().fields.contains(QStringLiteral("payload")));
        QCOMPARE(scan.value().vectorCandidates, QStringList{QStringLiteral("vector")});

        const ImportMapping mapping = ImportMapping::suggest(scan.value().fields, schema, 3,
                                                             scan.value().pointRows);
        QCOMPARE(int(mapping.idSource), int(ImportMapping::IdSource::FileId));
        QCOMPARE(mapping.idField, QStringLiteral("id"));
        QCOMPARE(mapping.fallbackKeyField, QStringLiteral("optimization_id"));
        QCOMPARE(mapping.vectorField, QStringLiteral("vector"));
        QVERIFY(mapping.problems().isEmpty());
        QCOMPARE(ImportMapping::fromJson(mapping.toJson()).value(), mapping);
        for (const ImportMapping::Field &field : mapping.fields) {
            QVERIFY(field.source != QLatin1String("id"));
            QVERIFY(field.source != QLatin1String("vector"));
        }

        const auto rows = ImportPreview::check(path, scan.value().format, mapping, schema);
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().size(), 4);
        for (const auto &row : rows.value()) {
            QVERIFY2(row.errors.isEmpty(), qPrintable(row.errors.value(0).reason));
            QCOMPARE(row.vectorSize, 3);
            QVERIFY(row.payload.value(QStringLiteral("decision_context")).isString());
            QVERIFY(!row.payload.contains(QStringLiteral("id")));
        }
        QCOMPARE(rows.value().at(0).id, uuid); // the file's id is kept
        // Not a Qdrant id, or none: the natural key's UUIDv5, the same on every run.
        QCOMPARE(rows.value().at(1).id,
                 DeterministicPointId::forKey(QString::fromLatin1(importtestdata::key(2)))
                     .toString());
        QCOMPARE(rows.value().at(2).id,
                 DeterministicPointId::forKey(QString::fromLatin1(importtestdata::key(3)))
                     .toString());
        QCOMPARE(rows.value().at(3).id, QStringLiteral("12")); // a flat row reads the same way

        // Without a natural key to fall back on, a row without a valid id is a row error.
        ImportMapping strict = mapping;
        strict.fallbackKeyField.clear();
        const auto strictRows = ImportPreview::check(path, scan.value().format, strict, schema);
        QVERIFY(strictRows.value().at(0).errors.isEmpty());
        QCOMPARE(strictRows.value().at(1).errors.value(0).reason,
                 QStringLiteral("the id must be an unsigned integer or a UUID"));
        QCOMPARE(strictRows.value().at(2).errors.value(0).reason,
                 QStringLiteral("the id field id is missing or empty"));

        // A flat file keeps its old suggestion (optimization_id as the natural key).
        const ImportMapping flatMapping
            = ImportMapping::suggest(scan.value().fields, schema, 3, false);
        QCOMPARE(int(flatMapping.idSource), int(ImportMapping::IdSource::NaturalKey));
        QCOMPARE(flatMapping.idField, QStringLiteral("optimization_id"));
    }

    void demoFileScansAsPayloadFields()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo.jsonl"));
        QFile::remove(path);
        QVERIFY(DemoDataset::load(DemoDataset::bundledPath()).ok()); // links the resources in
        QVERIFY(QFile::copy(DemoDataset::bundledPath()
                                + QStringLiteral("/cost_optimization_knowledge.jsonl"),
                            path));
        const auto scan = ImportPreview::scan(path);
        QVERIFY(scan.ok());
        QVERIFY(scan.value().pointRows);
        QVERIFY(scan.value().readErrors.isEmpty());
        QVERIFY(scan.value().fields.contains(QStringLiteral("decision_context")));
        QVERIFY(scan.value().vectorCandidates.isEmpty());
        const AgentMemorySchema *schema
            = agentMemorySchemaFor(QStringLiteral("cost_optimization_knowledge"));
        const ImportMapping mapping = ImportMapping::suggest(scan.value().fields, schema, 64,
                                                             true);
        QCOMPARE(int(mapping.vectorSource), int(ImportMapping::VectorSource::Embed));
        const auto rows = ImportPreview::check(path, scan.value().format, mapping, schema, 20);
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().size(), 20);
        for (const auto &row : rows.value())
            QVERIFY2(row.errors.isEmpty(), qPrintable(row.errors.value(0).reason));
    }
};

QTEST_GUILESS_MAIN(TestImportReaders)
#include "tst_importreaders.moc"
