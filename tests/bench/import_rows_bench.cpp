// import_rows_bench: what one row of import_bench's file costs the import's client side, stage
// by stage, on one thread and without a server (docs/decisions/0008-import-pipeline.md):
//
//   import_rows_read_us      ImportRecordReader::next: the file read, the vector text checked,
//                            the rest of the row parsed (JSONL, simdjson)
//   import_rows_prepare_us   ImportRowValidator::prepare: the mapping, the UUIDv5 id, the
//                            payload checked against cost_optimization_knowledge
//   import_rows_body_us      pointsbody::upsertBatch: the request body, 200 points at a time
//
// Each figure is the median over the passes of the thread's CPU time per row. The file has
// the same rows as import_bench's (12 payload fields, 1536 floats).
//
// Usage: import_rows_bench [--rows N] [--passes N] [--out FILE]

#include "agentmemoryschemas.h"
#include "benchresults.h"
#include "benchutil.h"
#include "importbenchrows.h"
#include "importformat.h"
#include "importrecordreader.h"
#include "importrowvalidator.h"
#include "pointsbodywriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

namespace {

using namespace importbench;

struct Pass
{
    double read = 0;
    double prepare = 0;
    double body = 0;
    int rows = 0;
    qint64 bytes = 0;
};

/// One import of the file's rows without sending them; -1 rows when a row fails.
Pass runPass(const QString &path, const ImportMapping &mapping, const AgentMemorySchema *schema)
{
    Pass pass;
    const auto reader = ImportRecordReader::create(ImportFormat::Kind::Jsonl, path);
    QSet<QString> vectorFields;
    for (const QString &field : mapping.vectorFields())
        vectorFields.insert(field);
    reader->setVectorFields(vectorFields);
    reader->setVectorTextKept(true); // as ImportWorker reads
    reader->setFieldNamesNoted(false);
    if (!reader->open().ok())
        return {.rows = -1};
    const ImportRowValidator validator(mapping, schema);
    ImportRecord record;
    QList<PointStruct> points;
    QByteArray body;
    body.reserve(pointsbody::kMaxUpsertBytes + (1 << 16));
    const auto writeBody = [&] {
        const bench::ThreadClock clock;
        for (qsizetype from = 0; from < points.size();)
            from = pointsbody::upsertBatch(body, points, from, points.size());
        pass.body += clock.elapsedNs() / 1e3;
        pass.bytes += body.size();
        body.truncate(0); // keeps the capacity, as the upload's reused buffers do
        points.clear();
    };
    for (;;) {
        bench::ThreadClock clock;
        const bool more = reader->next(record);
        pass.read += clock.elapsedNs() / 1e3;
        if (!more)
            break;
        clock.restart();
        ImportRowValidator::Row row;
        QList<ImportRowError> errors;
        const bool valid = validator.prepare(record, row, errors);
        pass.prepare += clock.elapsedNs() / 1e3;
        if (!valid) {
            // cppcheck-suppress invalidPrintfArgType_sint ; qlonglong is long long (not long)
            std::fprintf(stderr, "line %lld: %s\n", qlonglong(record.line),
                         qPrintable(errors.value(0).reason));
            return {.rows = -1};
        }
        points.append(std::move(row.point));
        ++pass.rows;
        if (points.size() == 200)
            writeBody();
    }
    writeBody();
    return pass;
}

} // namespace

int main(int argc, char *argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCoreApplication app(argc, argv);
    int rows = 20'000;
    int passes = 5;
    QString out;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QStringLiteral("--rows"))
            rows = std::max(100, args.at(++i).toInt());
        else if (args.at(i) == QStringLiteral("--passes"))
            passes = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QStringLiteral("--out"))
            out = args.at(++i);
    }

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rows.jsonl"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        std::mt19937_64 rng(42);
        for (int n = 0; n < rows; ++n) {
            const std::string line = lineOf(payloadOf(n + 1), bench::embedding(rng, kDims));
            file.write(line.data(), qint64(line.size()));
        }
    }

    const QString collection = QStringLiteral("cost_optimization_knowledge");
    const AgentMemorySchema *schema = agentMemorySchemaFor(collection);
    QStringList fields;
    for (const SchemaField &field : schema->fields)
        fields << field.name;
    fields << QStringLiteral("vector");
    const ImportMapping mapping = ImportMapping::suggest(fields, schema, kDims);

    std::vector<double> read, prepare, body;
    for (int p = 0; p < passes; ++p) {
        const Pass pass = runPass(path, mapping, schema);
        if (pass.rows != rows) {
            std::fprintf(stderr, "pass %d: %d of %d rows\n", p, pass.rows, rows);
            return 1;
        }
        read.push_back(pass.read / double(rows));
        prepare.push_back(pass.prepare / double(rows));
        body.push_back(pass.body / double(rows));
        std::printf("pass %d: read %.2f, prepare %.2f, body %.2f us/row (%.0f bytes/row)\n", p,
                    read.back(), prepare.back(), body.back(), double(pass.bytes) / rows);
    }
    const double total = bench::median(read) + bench::median(prepare) + bench::median(body);
    std::printf("\n%-28s %10s\n", "figure (median of passes)", "us/row");
    std::printf("%-28s %10.2f\n", "import_rows_read_us", bench::median(read));
    std::printf("%-28s %10.2f\n", "import_rows_prepare_us", bench::median(prepare));
    std::printf("%-28s %10.2f\n", "import_rows_body_us", bench::median(body));
    std::printf("%-28s %10.2f\n", "import_rows_total_us", total);
    if (!out.isEmpty()) {
        const std::string error = bench::mergeResults(
            out.toStdString(), {{"import_rows_read_us", bench::median(read)},
                                {"import_rows_prepare_us", bench::median(prepare)},
                                {"import_rows_body_us", bench::median(body)},
                                {"import_rows_total_us", total}});
        if (!error.empty()) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
    }
    return 0;
}
