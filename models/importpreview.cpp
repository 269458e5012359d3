#include "importpreview.h"

#include "importrecordreader.h"
#include "importrowvalidator.h"
#include "importseenids.h"

#include <QFileInfo>
#include <QJsonArray>

#include <optional>

Result<ImportPreview::Scan> ImportPreview::scan(const QString &path, int maxRows)
{
    const Result<ImportFormat::Kind> format = ImportFormat::detect(path);
    if (!format.ok())
        return format.error();
    return scanAs(path, format.value(), maxRows);
}

Result<ImportPreview::Scan> ImportPreview::scanAs(const QString &path, ImportFormat::Kind format,
                                                  int maxRows)
{
    std::unique_ptr<ImportRecordReader> reader = ImportRecordReader::create(format, path);
    const Result<bool> opened = reader->open();
    if (!opened.ok())
        return opened.error();
    Scan scan;
    scan.format = format;
    scan.fileSize = reader->size();
    ImportRecord record;
    for (int i = 0; i < maxRows && reader->next(record); ++i) {
        if (!record.readError.isEmpty()) {
            scan.readErrors.append({record.readErrorLine, QString(), record.readError});
            continue;
        }
        scan.samples.append(record.fields);
        scan.pointRows = scan.pointRows || record.pointShaped;
        for (auto it = record.fields.constBegin(); it != record.fields.constEnd(); ++it) {
            const QJsonArray array = it.value().toArray();
            // CSV holds a vector as JSON text in a cell.
            const bool numeric = (!array.isEmpty() && array.first().isDouble())
                || (it.value().isString()
                    && it.value().toString().trimmed().startsWith(QLatin1Char('[')));
            if (numeric && !scan.vectorCandidates.contains(it.key()))
                scan.vectorCandidates.append(it.key());
        }
    }
    scan.fields = reader->fieldNames();
    return scan;
}

Result<QList<ImportPreview::CheckedRow>> ImportPreview::check(const QString &path,
                                                              ImportFormat::Kind format,
                                                              const ImportMapping &mapping,
                                                              const AgentMemorySchema *schema,
                                                              int maxRows)
{
    return checkRows(path, format, mapping, schema, maxRows, nullptr, QString());
}

Result<QList<ImportPreview::CheckedRow>> ImportPreview::checkInScope(
    const ImportOptions &options, const TenantScope &scope, const AgentMemorySchema *schema,
    int maxRows)
{
    return checkRows(options.filePath, options.format, options.mapping, schema, maxRows, &scope,
                     options.collection);
}

Result<QList<ImportPreview::CheckedRow>> ImportPreview::checkRows(
    const QString &path, ImportFormat::Kind format, const ImportMapping &mapping,
    const AgentMemorySchema *schema, int maxRows, const TenantScope *scope,
    const QString &collection)
{
    std::unique_ptr<ImportRecordReader> reader = ImportRecordReader::create(format, path);
    QSet<QString> vectorFields;
    for (const QString &field : mapping.vectorFields())
        vectorFields.insert(field);
    reader->setVectorFields(vectorFields);
    const Result<bool> opened = reader->open();
    if (!opened.ok())
        return opened.error();
    const ImportRowValidator plain(mapping, schema);
    // The run's verdict comes from a validator scoped as ImportWorker scopes its own; the
    // unscoped one tells what the scope changed: a refusal it added, or a key it stamped.
    std::optional<ImportRowValidator> scoped;
    if (scope) {
        scoped.emplace(mapping, schema);
        scoped->setScope(*scope, collection);
    }
    ImportSeenIds seen;
    QList<CheckedRow> rows;
    ImportRecord record;
    for (int i = 0; i < maxRows && reader->next(record); ++i) {
        CheckedRow checked;
        checked.line = record.line;
        ImportRowValidator::Row row;
        const bool valid = (scoped ? *scoped : plain).prepare(record, row, checked.errors);
        // As the run's worker does: a valid row whose id an earlier row has is refused.
        const std::optional<ImportRowError> duplicate
            = valid ? seen.note(row.point.id, record.line, mapping.idField) : std::nullopt;
        if (valid && !duplicate) {
            checked.id = row.point.id.toString();
            checked.payload = row.point.payload;
            checked.vectorSize = row.point.vectors.isEmpty()
                                     ? 0
                                     : int(row.point.vectors.first().size());
        }
        if (scoped) {
            ImportRowValidator::Row unscoped;
            QList<ImportRowError> unscopedErrors;
            const bool unscopedValid = plain.prepare(record, unscoped, unscopedErrors);
            QStringList added;
            for (const ImportRowError &error : std::as_const(checked.errors)) {
                if (!unscopedErrors.contains(error))
                    added.append(error.reason);
            }
            if (!added.isEmpty()) {
                checked.tenant = Tenant::Refused;
                checked.tenantReason = added.join(QStringLiteral("; "));
            } else if (valid && unscopedValid) {
                checked.tenant = unscoped.point.payload == row.point.payload ? Tenant::Kept
                                                                             : Tenant::Stamped;
            }
        }
        if (duplicate)
            checked.errors.append(*duplicate);
        rows.append(checked);
    }
    return rows;
}
