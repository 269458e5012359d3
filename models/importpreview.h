#pragma once

#include "agentmemoryschemas.h"
#include "importformat.h"
#include "importmapping.h"
#include "importrecord.h"
#include "result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/// The import wizard's look at a file before anything is written: its format, its fields with
/// sample rows (scan), then the first rows as they would be imported, with their errors
/// (check). Synchronous and pure (reads the file, touches no server): run it off the GUI
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

    /// One row as check() saw it.
    struct CheckedRow
    {
        qint64 line = 0;
        QString id;          ///< the point id it gets (empty when invalid)
        QJsonObject payload; ///< the mapped payload (empty when invalid)
        int vectorSize = 0;  ///< 0 when the vector is to be embedded or missing
        QList<ImportRowError> errors;
    };

    /// Detects the format and reads up to maxRows rows.
    static Result<Scan> scan(const QString &path, int maxRows = 20);
    /// Maps and validates up to maxRows rows as the import will (schema may be nullptr).
    static Result<QList<CheckedRow>> check(const QString &path, ImportFormat::Kind format,
                                           const ImportMapping &mapping,
                                           const AgentMemorySchema *schema, int maxRows = 100);
};
