#include "importwizardprobe.h"

#include "importrecordreader.h"

#include <QJsonArray>

Result<ImportPreview::Scan> ImportWizardProbe::scanAs(const QString &path,
                                                      ImportFormat::Kind format, int maxRows)
{
    std::unique_ptr<ImportRecordReader> reader = ImportRecordReader::create(format, path);
    const Result<bool> opened = reader->open();
    if (!opened.ok())
        return opened.error();
    ImportPreview::Scan scan;
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

std::optional<ImportCheckpoint> ImportWizardProbe::resumableCheckpoint(
    const ImportOptions &options, const TenantScope &scope)
{
    const Result<ImportCheckpoint::Fingerprint> print
        = ImportCheckpoint::fingerprintOf(options.filePath);
    if (!print.ok())
        return std::nullopt;
    ImportCheckpoint fresh;
    fresh.filePath = options.filePath;
    fresh.file = print.value();
    fresh.format = options.format;
    fresh.collection = options.collection;
    fresh.scope = scopeKey(scope);
    fresh.mapping = options.mapping;
    const Result<std::optional<ImportCheckpoint>> saved
        = ImportCheckpoint::load(options.filePath);
    if (!saved.ok() || !saved.value() || saved.value()->complete
        || !saved.value()->resumes(fresh))
        return std::nullopt;
    return saved.value();
}

QString ImportWizardProbe::scopeKey(const TenantScope &scope)
{
    switch (scope.mode()) {
    case TenantScope::Mode::AllTenants:
        return QStringLiteral("*");
    case TenantScope::Mode::Tenant:
        return scope.payloadKey() + QLatin1Char('=') + scope.tenantId();
    case TenantScope::Mode::None:
        break;
    }
    return {};
}
