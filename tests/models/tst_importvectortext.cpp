// The import sends each vector as the file wrote it (ImportRecord::vectorTexts, then
// PointStruct::vectorTexts) instead of parsing it to floats and printing them again: the text
// kept is the file's, byte for byte, in all three formats and in Qdrant-shaped rows; it is kept
// only when asked (the preview is unchanged) and only when every number was checked; NaN,
// Infinity, numbers beyond a float, strings and wrong dimensions are still refused with their
// line; and memory-store stores the numbers the text says.

#include "deterministicpointid.h"
#include "flatrowvectors.h"
#include "importjsonrow.h"
#include "importpipeline.h"
#include "importrecordreader.h"
#include "importrowvalidator.h"
#include "importtestdata.h"
#include "memorystoreprocess.h"
#include "qdrantclient.h"
#include "storeclient.h"
#include "vectortextscanner.h"

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>

namespace {

const QString kCollection = QStringLiteral("cost_optimization_knowledge");

/// A schema-valid row n with the given vector text (and 8 dims expected).
QByteArray rowWith(int n, const QByteArray &vectorText)
{
    QByteArray row = importtestdata::row(n, 0);
    row.replace(QByteArray("\"vector\":[]"), QByteArray("\"vector\":" + vectorText));
    return row;
}

/// What the text's numbers are as floats, as the reader reads them (strtod, then float).
QList<float> floatsOf(const QByteArray &text)
{
    QList<float> out;
    QByteArray inner = text.trimmed();
    inner = inner.mid(1, inner.size() - 2).trimmed();
    if (inner.isEmpty())
        return out;
    for (const QByteArray &part : inner.split(','))
        out.append(float(std::strtod(part.trimmed().constData(), nullptr)));
    return out;
}

ImportMapping mappingFor(int dims)
{
    return ImportMapping::suggest(
        {QStringLiteral("optimization_id"), QStringLiteral("customer_id"),
         QStringLiteral("optimization_type"), QStringLiteral("outcome"),
         QStringLiteral("savings_percent"), QStringLiteral("confidence_score"),
         QStringLiteral("decision_context"), QStringLiteral("vector")},
        agentMemorySchemaFor(kCollection), dims);
}

} // namespace

class TestImportVectorText : public QObject
{
    Q_OBJECT

private:
    QString file(const QString &name, const QByteArray &content)
    {
        QString path = m_dir.filePath(name);
        importtestdata::write(path, content);
        return path;
    }
    QList<ImportRecord> readAll(ImportFormat::Kind kind, const QString &path, const QString &field,
                                bool keep = true)
    {
        auto reader = ImportRecordReader::create(kind, path);
        reader->setVectorFields({field});
        reader->setVectorTextKept(keep);
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
    void keepsTheFileText_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QByteArray>("text");
        const QByteArray odd("[ 0.5 , -1e-3,2,-0, 1.0E+1 ,3.4028234e38,\t0.25,-7.5e-45 ]");
        const auto jsonl = int(ImportFormat::Kind::Jsonl);
        QTest::newRow("jsonl") << jsonl << QByteArray("{\"a\":\"x\",\"v\":" + odd + ",\"b\":1}\n")
                               << "v" << odd;
        QTest::newRow("jsonl last field, CRLF")
            << jsonl << QByteArray("{\"v\":[1,2],\"z\":[3,4]}\r\n") << "z" << QByteArray("[3,4]");
        QTest::newRow("escaped key") << jsonl << QByteArray("{\"v\\u0065c\":[0.125]}\n")
                                     << "vec" << QByteArray("[0.125]");
        QTest::newRow("point, unnamed")
            << jsonl << QByteArray("{\"id\":1,\"payload\":{\"k\":\"v\"},\"vector\":" + odd + "}\n")
            << "vector" << odd;
        QTest::newRow("point, named")
            << jsonl
            << QByteArray("{\"id\":1,\"vector\":{\"text\":[1.5,2]},\"payload\":{\"k\":1}}\n")
            << "vector.text" << QByteArray("[1.5,2]");
        QTest::newRow("point, vectors with the empty name")
            << jsonl << QByteArray("{\"payload\":{},\"vectors\":{\"\":[ 3 ]},\"id\":2}\n")
            << "vectors" << QByteArray("[ 3 ]");
        QTest::newRow("point, vector field in the payload")
            << jsonl << QByteArray("{\"id\":1,\"payload\":{\"emb\":[0.5, 1]}}\n") << "emb"
            << QByteArray("[0.5, 1]");
        QTest::newRow("array, across lines")
            << int(ImportFormat::Kind::JsonArray)
            << QByteArray("[\n {\"v\": [\n  0.5,\n  -1\n ]\n },\n {\"v\": [2]}\n]\n") << "v"
            << QByteArray("[\n  0.5,\n  -1\n ]");
        QTest::newRow("csv")
            << int(ImportFormat::Kind::Csv) << QByteArray("id,v\n1,\"[0.5, -1e-3]\"\n") << "v"
            << QByteArray("[0.5, -1e-3]");
    }
    void keepsTheFileText()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, content);
        QFETCH(QString, field);
        QFETCH(QByteArray, text);
        const QString path = file(QStringLiteral("keep.txt"), content);
        const QList<ImportRecord> records = readAll(ImportFormat::Kind(kind), path, field);
        QVERIFY(!records.isEmpty());
        const ImportRecord &record = records.first();
        QVERIFY2(record.readError.isEmpty(), qPrintable(record.readError));
        QCOMPARE(record.vectorTexts.value(field).text, text);
        QVERIFY(!record.vectors.contains(field)); // one representation: the text
        // Not asked: no text (the preview reads this way), the same numbers as floats.
        const QList<ImportRecord> plain
            = readAll(ImportFormat::Kind(kind), path, field, false);
        QVERIFY(plain.first().vectorTexts.isEmpty());
        QCOMPARE(plain.first().vectors.value(field), floatsOf(text));
        QCOMPARE(record.vectorTexts.value(field).size, floatsOf(text).size());
    }

    void longTextIsPrintedAgain()
    {
        // 17 digits a component (a double exporter): more text than a float needs.
        QByteArray text = "[";
        for (int i = 0; i < 8; ++i)
            text += (i ? "," : "") + QByteArray("0.012345678901234567");
        text += ']';
        const QString path = file(QStringLiteral("long.jsonl"), "{\"v\":" + text + "}\n");
        const QList<ImportRecord> records = readAll(ImportFormat::Kind::Jsonl, path,
                                                    QStringLiteral("v"));
        QCOMPARE(records.size(), 1);
        QVERIFY(records.first().vectorTexts.isEmpty());
        QCOMPARE(records.first().vectors.value(QStringLiteral("v")).size(), 8);
        QCOMPARE(ImportJsonRow::vectorText(" [1, 2] ", 2), QByteArray("[1, 2]"));
        QVERIFY(ImportJsonRow::vectorText("[1, 2", 2).isEmpty());
        QVERIFY(ImportJsonRow::vectorText("[1,                                     2]", 2)
                    .isEmpty());
    }

    void sameRecordsEitherWay_data()
    {
        QTest::addColumn<QString>("path");
        const QDir bad(QStringLiteral(MC_BAD_CORPUS_DIR));
        for (const QString &name : bad.entryList({QStringLiteral("*.jsonl"),
                                                  QStringLiteral("*.json"),
                                                  QStringLiteral("*.csv")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << bad.filePath(name);
        // Vectors the scanner leaves to the full parse, next to ones it takes.
        QByteArray mixed;
        const QList<QByteArray> vectors{
            "[1e38,0,0]", "[9.9e37,-9.9e37,0]", "[12345678901234567890123,1,2]",
            "[-99999999999999999999999999999999999999,1,2]", "[18446744073709551616,1,2]",
            "[1234567890123456789012345678901234567.5,0,0]", "[]", "[0.5,1e-60,-0]", "[1E+2,2e-0,3.25E1]",
            "[-0.0e5,0e99999999999,0.000000000001e49]", "[01,2,3]", "[1.,2,3]", "[.5,2,3]",
            "[1,2,]", "[,1]", "[ ]", "[1 2]", "[+1,2,3]", "[1,2,3", "[1,\"2\",3]",
            "[1,true,3]", "[[1],2,3]", "{\"a\":1}", "[0.1,-Infinity,1]", "[1e999,0,0]"};
        for (qsizetype i = 0; i < vectors.size(); ++i) {
            mixed += "{\"id\":" + QByteArray::number(i) + ",\"vector\":" + vectors.at(i)
                     + ",\"n\":" + QByteArray::number(i) + "}\n";
            mixed += "{\"id\":" + QByteArray::number(100 + i) + ",\"payload\":{\"k\":1},"
                     "\"vector\":" + vectors.at(i) + "}\n";
        }
        QTest::newRow("scanner edges") << file(QStringLiteral("edges.jsonl"), mixed);
        // What the flat-row walk steps over on its way to the vector (FlatRowVectors).
        QTest::newRow("flat rows") << file(
            QStringLiteral("flat.jsonl"),
            "{\"note\":\"a \\\"vector\\\":[9,9] b\",\"vector\":[3,4]}\n"
            "{\"s\":\"\\\\\",\"vector\":[1,2],\"t\":\"]}\"}\n"
            "{\"o\":{\"vector\":[9],\"q\":\"}\"},\"a\":[[\"x\"],{\"y\":\"]\"}],\"vector\":[1]}\n"
            " { \"n\" : -1.5e3 , \"b\" : true , \"z\" : null , \"vector\" : [ 1 , 2 ] } \n"
            "{\"vec\\u0074or\":[1,2]}\n"
            "{\"vector\":[1,2]} x\n"
            "{\"a\":1 \"vector\":[1,2]}\n"
            "{\"vector\":[1,2],}\n"
            "{\"vector\":[1,2]\n"
            "{\"a\":\"open,\"vector\":[1,2]}\n"
            "{\"vector\":[1,2],\"payload\":{\"k\":1}}\n"
            "{\"vector\":[1,2],\"payload\":\"text\",\"id\":3}\n"
            "{\"payload\":{\"k\":1},\"vector\":{\"\":[5,6]}}\n"
            "{\"vector\":[1,2]],\"a\":1}\n"
            "{\"vector\":[1,2],\"a\":[1,2}\n"
            "{}\n[1,2]\n\"vector\"\n");
        QTest::newRow("vector twice") << file(QStringLiteral("twice.jsonl"),
                                              "{\"vector\":[1,2],\"vector\":[3,4]}\n"
                                              "{\"id\":1,\"payload\":{\"vector\":[1]},"
                                              "\"vector\":[2]}\n");
    }
    void sameRecordsEitherWay()
    {
        // Kept as text or read as floats, a row reads the same: the fields, the problems and
        // the error; a kept text has the floats' count and says the same numbers.
        QFETCH(QString, path);
        const auto kind = path.endsWith(QLatin1String(".csv"))    ? ImportFormat::Kind::Csv
                          : path.endsWith(QLatin1String(".json")) ? ImportFormat::Kind::JsonArray
                                                                  : ImportFormat::Kind::Jsonl;
        const QString field = QStringLiteral("vector");
        const QList<ImportRecord> kept = readAll(kind, path, field);
        const QList<ImportRecord> plain = readAll(kind, path, field, false);
        QCOMPARE(kept.size(), plain.size());
        for (qsizetype i = 0; i < kept.size(); ++i) {
            const ImportRecord &a = kept.at(i);
            const ImportRecord &b = plain.at(i);
            QCOMPARE(a.line, b.line);
            QCOMPARE(a.readError, b.readError);
            QCOMPARE(a.readErrorLine, b.readErrorLine);
            QCOMPARE(a.fields, b.fields);
            QCOMPARE(a.vectorProblems, b.vectorProblems);
            QCOMPARE(a.pointShaped, b.pointShaped);
            for (auto it = b.vectors.cbegin(); it != b.vectors.cend(); ++it) {
                if (a.vectors.contains(it.key())) {
                    QCOMPARE(a.vectors.value(it.key()), it.value());
                    continue;
                }
                const ImportVectorText text = a.vectorTexts.value(it.key());
                QCOMPARE(text.size, it.value().size());
                QCOMPARE(floatsOf(text.text), it.value());
            }
            QCOMPARE(a.vectors.size() + a.vectorTexts.size(), b.vectors.size());
        }
    }

    // The flat-row walk takes a row only when it is sure of it; anything else is left to the
    // On Demand walk (sameRecordsEitherWay shows the records come out the same either way).
    void flatWalkTakesOnlyWhatItIsSureOf_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QStringList>("found"); // name=text of each span; empty: not taken
        const auto found = [](const char *text) { return QStringList{QString::fromUtf8(text)}; };
        QTest::newRow("plain") << QByteArray("{\"a\":\"x\",\"vector\":[1,2.5]}")
                               << found("vector=[1,2.5]");
        QTest::newRow("blanks") << QByteArray(" { \"vector\" : [ 1 ,2 ] , \"n\" : null } ")
                                << found("vector=[ 1 ,2 ]");
        QTest::newRow("quote in a string")
            << QByteArray("{\"s\":\"a\\\"vector\\\":[9]\",\"vector\":[3]}")
            << found("vector=[3]");
        QTest::newRow("backslash ends a string")
            << QByteArray("{\"s\":\"\\\\\",\"vector\":[3]}") << found("vector=[3]");
        QTest::newRow("nested values")
            << QByteArray("{\"o\":{\"vector\":[9],\"q\":\"}\"},\"a\":[[1],\"]\"],\"vector\":[]}")
            << found("vector=[]");
        QTest::newRow("vector twice") << QByteArray("{\"vector\":[1],\"vector\":[2]}")
                                      << QStringList{QStringLiteral("vector=[1]"),
                                                     QStringLiteral("vector=[2]")};
        QTest::newRow("no vector") << QByteArray("{\"a\":1}") << QStringList();
        QTest::newRow("escaped key") << QByteArray("{\"vec\\u0074or\":[1]}") << QStringList();
        QTest::newRow("a point") << QByteArray("{\"payload\":{},\"vector\":[1]}")
                                 << QStringList();
        QTest::newRow("named vectors") << QByteArray("{\"vector\":{\"a\":[1]}}") << QStringList();
        QTest::newRow("a string in the vector") << QByteArray("{\"vector\":[1,\"2\"]}")
                                                << QStringList();
        QTest::newRow("after the row") << QByteArray("{\"vector\":[1]} x") << QStringList();
        QTest::newRow("no comma") << QByteArray("{\"a\":1 \"vector\":[1]}") << QStringList();
        QTest::newRow("open string") << QByteArray("{\"a\":\"x,\"vector\":[1]}")
                                     << QStringList();
        QTest::newRow("unclosed") << QByteArray("{\"vector\":[1,2]") << QStringList();
        QTest::newRow("not an object") << QByteArray("[1,2]") << QStringList();
    }
    void flatWalkTakesOnlyWhatItIsSureOf()
    {
        QFETCH(QByteArray, row);
        QFETCH(QStringList, found);
        QList<FlatRowVectors::Span> spans;
        const bool taken = FlatRowVectors::find(row.constData(), size_t(row.size()),
                                                {QStringLiteral("vector")}, spans);
        QCOMPARE(taken && !spans.isEmpty(), !found.isEmpty());
        if (!taken)
            return;
        QStringList got;
        for (const FlatRowVectors::Span &span : std::as_const(spans)) {
            got << span.name + QLatin1Char('=')
                       + QString::fromUtf8(span.text.data(), qsizetype(span.text.size()));
            QCOMPARE(span.count, VectorTextScanner::count(span.text));
        }
        QCOMPARE(got, found);
    }

    void badNumbersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("vector");
        QTest::addColumn<QString>("reason"); // a part of the row error's reason
        QTest::newRow("NaN") << QByteArray("[0.1,NaN,0,0,0,0,0,0]") << "NaN and Infinity";
        QTest::newRow("Infinity") << QByteArray("[0.1,0,0,0,0,0,0,-Infinity]")
                                  << "NaN and Infinity";
        QTest::newRow("1e999") << QByteArray("[0.1,0,0,0,0,0,0,1e999]") << "malformed or out of";
        QTest::newRow("beyond a float") << QByteArray("[0.1,0,0,0,0,0,0,3.5e38]")
                                        << "beyond the range of a float";
        QTest::newRow("string") << QByteArray("[0.1,\"0\",0,0,0,0,0,0]") << "component 2";
        QTest::newRow("null") << QByteArray("[0.1,0,null,0,0,0,0,0]") << "component 3";
        QTest::newRow("nested") << QByteArray("[[0.1],0,0,0,0,0,0,0]") << "component 1";
        QTest::newRow("7 dims") << QByteArray("[0.1,0,0,0,0,0,0]") << "has 7 dimensions";
        QTest::newRow("9 dims") << QByteArray("[0.1,0,0,0,0,0,0,0,0]") << "has 9 dimensions";
    }
    void badNumbersAreRefused()
    {
        QFETCH(QByteArray, vector);
        QFETCH(QString, reason);
        const QByteArray good = "[0.5,0,0,0,0,0,0,1]";
        const QString path = file(QStringLiteral("bad.jsonl"),
                                  rowWith(1, good) + '\n' + rowWith(2, vector) + '\n');
        const QList<ImportRecord> records = readAll(ImportFormat::Kind::Jsonl, path,
                                                    QStringLiteral("vector"));
        QCOMPARE(records.size(), 2);
        ImportRowValidator validator(mappingFor(8), agentMemorySchemaFor(kCollection));
        ImportRowValidator::Row row;
        QList<ImportRowError> errors;
        QVERIFY(validator.prepare(records.at(0), row, errors));
        QCOMPARE(row.point.vectorTexts.value(QString()), good);
        QVERIFY(row.point.vectors.isEmpty()); // one representation: the text
        QVERIFY(!validator.prepare(records.at(1), row, errors));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().line, 2);
        QVERIFY2(errors.first().reason.contains(reason), qPrintable(errors.first().reason));
    }

    void serverStoresWhatTheTextSays()
    {
        MemoryStoreProcess store;
        QVERIFY2(store.start(), qPrintable(store.error()));
        StoreClient admin(store.port());
        // Dot: stored as sent (a cosine collection would normalise).
        QCOMPARE(admin.put(QStringLiteral("/collections/") + kCollection,
                           QJsonObject{{QStringLiteral("vectors"),
                                        QJsonObject{{QStringLiteral("size"), 8},
                                                    {QStringLiteral("distance"),
                                                     QStringLiteral("Dot")}}}})
                     .status,
                 200);
        QList<QByteArray> texts{
            "[ 0.5 , -1e-3,2,-0, 1.0E+1 ,3.4028234e38,\t0.25,-7.5e-45 ]",
            "[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8]",
            "[1,2,3,4,5,6,7,8]",
            // Re-printed (too long to keep): the same numbers either way.
            "[0.012345678901234567,0.1,0.2,0.3,0.4,0.5,0.6,0.70000000000000000001]"};
        QByteArray content;
        for (qsizetype i = 0; i < texts.size(); ++i)
            content += rowWith(int(i + 1), texts.at(i)) + '\n';
        content += rowWith(9, "[0.1,NaN,0,0,0,0,0,0]") + '\n';
        content += rowWith(10, "[0.1,0,0]") + '\n';
        QdrantClient client;
        client.setEndpoint(QUrl(store.baseUrl()));
        ImportPipeline pipeline;
        pipeline.setPoints(ScopedPoints(&client, TenantScope::allTenants(), false));
        ImportOptions options;
        options.filePath = file(QStringLiteral("server.jsonl"), content);
        options.format = ImportFormat::Kind::Jsonl;
        options.collection = kCollection;
        options.mapping = mappingFor(8);
        QSignalSpy finished(&pipeline, &ImportPipeline::finished);
        QSignalSpy failed(&pipeline, &ImportPipeline::rowFailed);
        pipeline.start(options);
        QVERIFY(finished.wait(60000));
        const auto summary = finished.first().first().value<ImportSummary>();
        QCOMPARE(summary.pointsWritten, texts.size());
        QCOMPARE(summary.rowsFailed, 2);
        QCOMPARE(failed.size(), 2);
        QCOMPARE(failed.at(0).first().value<ImportRowError>().line, 5);
        QCOMPARE(failed.at(1).first().value<ImportRowError>().line, 6);
        for (qsizetype i = 0; i < texts.size(); ++i) {
            const QString id
                = DeterministicPointId::forKey(QString::fromLatin1(importtestdata::key(int(i + 1))))
                      .toString();
            const QJsonArray stored = admin.get(QStringLiteral("/collections/%1/points/%2")
                                                    .arg(kCollection, id))
                                          .result()
                                          .toObject()
                                          .value(QStringLiteral("vector"))
                                          .toArray();
            const QList<float> expected = floatsOf(texts.at(i));
            QCOMPARE(stored.size(), expected.size());
            for (qsizetype d = 0; d < expected.size(); ++d)
                QCOMPARE(float(stored.at(d).toDouble()), expected.at(d));
        }
    }
};

QTEST_GUILESS_MAIN(TestImportVectorText)
#include "tst_importvectortext.moc"
