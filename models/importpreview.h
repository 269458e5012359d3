#pragma once

#include "agentmemoryschemas.h"
#include "importformat.h"
#include "importmapping.h"
#include "importoptions.h"
#include "importrecord.h"
#include "result.h"
#include "tenantscope.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/// The import wizard's look at a file before anything is written: its format, its fields with
/// sample rows (scan), then the first rows as they would be imported, with their errors
/// (check), and in a tenant scope what the scope does to each row's tenant key (checkInScope,
/// with the same ImportRowValidator::setScope the run's worker uses, so the preview's verdicts
/// are the run's). Synchronous and pure (reads the file, touches no server): run it off the GUI
/// thread, e.g. QtConcurrent::run(&ImportPreview::scan, path, 20).
class ImportPreview final
{
    Q_DECLARE_TR_FUNCTIONS(ImportPreview)

public:
    /// What scan() found.
    struct Scan
    {
        ImportFormat::Kind format = ImportFormat::Kind::Jsonl;
        QStringList fields;            ///< in order of first appearance
        QStringList vectorCandidates;  ///< fields whose sample values are numeric arrays
        QList<QJsonObject> samples;    ///< the first readable rows, as read
        QList<ImportRowError> readErrors; ///< rows among them that could not be read
        /// Rows are Qdrant points (id, payload, vectors): fields are the payload's keys plus
        /// `id` and the vectors; pass it to ImportMapping::suggest.
        bool pointRows = false;
        qint64 fileSize = 0;
    };

    /// What the run's tenant scope does with a row's tenant key (TenantScope::stampPayload).
    enum class Tenant {
        Unknown,  ///< not scoped (no scope given), or the row fails before the key matters
        Kept,     ///< unchanged: the row holds this tenant, or the scope leaves it as it is
        Stamped,  ///< the row has no tenant key: the run writes this tenant's into it
        Refused,  ///< the key holds another tenant (or is malformed): the run refuses the row
    };

    /// One row as check() saw it.
    struct CheckedRow
    {
        qint64 line = 0;
        QString id;          ///< the point id it gets (empty when invalid)
        QJsonObject payload; ///< the mapped payload, stamped in a scope (empty when invalid)
        int vectorSize = 0;  ///< 0 when the vector is to be embedded or missing
        QList<ImportRowError> errors; ///< a Refused row's refusal among them
        Tenant tenant = Tenant::Unknown;
        QString tenantReason; ///< Refused: why, as the run's error report will say it
    };

    /// Detects the format and reads up to maxRows rows.
    static Result<Scan> scan(const QString &path, int maxRows = 20);
    /// scan() with the format given instead of detected (the user overrode the detection).
    static Result<Scan> scanAs(const QString &path, ImportFormat::Kind format, int maxRows = 20);
    /// Maps and validates up to maxRows rows as the import will (schema may be nullptr), with
    /// no tenant scope: CheckedRow::tenant stays Unknown.
    static Result<QList<CheckedRow>> check(const QString &path, ImportFormat::Kind format,
                                           const ImportMapping &mapping,
                                           const AgentMemorySchema *schema, int maxRows = 100);
    /// check() as ImportPipeline::start(options) will run it in scope: each row stamped or
    /// refused by the tenant key exactly as the run's worker does, with the verdict per row.
    static Result<QList<CheckedRow>> checkInScope(const ImportOptions &options,
                                                  const TenantScope &scope,
                                                  const AgentMemorySchema *schema,
                                                  int maxRows = 100);

private:
    static Result<QList<CheckedRow>> checkRows(const QString &path, ImportFormat::Kind format,
                                               const ImportMapping &mapping,
                                               const AgentMemorySchema *schema, int maxRows,
                                               const TenantScope *scope,
                                               const QString &collection);
};
