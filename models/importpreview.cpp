#include "importpreview.h"

#include "importrecordreader.h"
#include "importrowvalidator.h"

#include <QFileInfo>
#include <QJsonArray>

Result<ImportPreview::Scan> ImportPreview::scan(const QString &path, int maxRows)
{
    const Result<ImportFormat::Kind> format = ImportFormat::detect(path);
    if (!format.ok())
        return format.error();
    std::unique_ptr<ImportRecordReader> reader = ImportRecordReader::create(format.value(), path);
    const Result<bool> opened = reader->open();
    if (!opened.ok())
        return opened.error();
    Scan scan;
    scan.format = format.value();
    scan.fileSize = reader->size();
    ImportRecord record;
    QStringList numericArrays;
    for (int i = 0; i < maxRows && reader->next(record); ++i) {
        if (!record.readError.isEmpty()) {
            scan.readErrors.append({record.readErrorLine, QString(), record.readError});
            continue;
        }
        scan.samples.append(record.fields);
        scan.pointRows = scan.pointRows || record.pointShaped;
        for (auto it = record.fields.constBegin(); it != record.fields.constEnd(); ++it) {
            const QJsonArray array = it.value().toArray();
            if (!array.isEmpty() && array.first().isDouble() && !numericArrays.contains(it.key()))
                numericArrays.append(it.key());
            if (it.value().isString() && it.value().toString().startsWith(QLatin1Char('['))
                && !numericArrays.contains(it.key()))
                numericArrays.append(it.key()); // CSV: a vector as JSON text
        }
    }
    scan.fields = reader->fieldNames();
    scan.vectorCandidates = numericArrays;
    return scan;
}

Result<QList<ImportPreview::CheckedRow>> ImportPreview::check(const QString &path,
                                                              ImportFormat::Kind format,
                                                              const ImportMapping &mapping,
                                                              const AgentMemorySchema *schema,
                                                              int maxRows)
{
    std::unique_ptr<ImportRecordReader> reader = ImportRecordReader::create(format, path);
    QSet<QString> vectorFields;
    for (const QString &field : mapping.vectorFields())
        vectorFields.insert(field);
    reader->setVectorFields(vectorFields);
    const Result<bool> opened = reader->open();
    if (!opened.ok())
        return opened.error();
    const ImportRowValidator validator(mapping, schema);
    QList<CheckedRow> rows;
    ImportRecord record;
    for (int i = 0; i < maxRows && reader->next(record); ++i) {
        CheckedRow checked;
        checked.line = record.line;
        ImportRowValidator::Row row;
        if (validator.prepare(record, row, checked.errors)) {
            checked.id = row.point.id.toString();
            checked.payload = row.point.payload;
            checked.vectorSize = row.point.vectors.isEmpty()
                                     ? 0
                                     : int(row.point.vectors.first().size());
        }
        rows.append(checked);
    }
    return rows;
}
