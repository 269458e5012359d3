#pragma once

#include "importformat.h"
#include "importmapping.h"
#include "neterror.h"

#include <QMetaType>
#include <QString>

/// What ImportPipeline::start() is to do: which file, into which collection, mapped how, and
/// how hard to push. The defaults are the measured ones (docs/decisions/0008).
struct ImportOptions
{
    QString filePath;
    ImportFormat::Kind format = ImportFormat::Kind::Jsonl;
    QString collection;
    ImportMapping mapping;
    int batchRows = 256;        ///< rows per upsert request (one ≤ 4 MB body at 1536 dims)
    int requestsInFlight = 3;   ///< upsert requests waiting for the server at once
    bool stopOnFirstError = false; ///< stop at the first row that can't be imported
    bool resume = true;         ///< continue from a matching checkpoint when there is one
    int maxAttempts = 8;        ///< per batch, the first included, on transient errors
    int baseBackoffMs = 200;    ///< full-jitter backoff ceiling before the first retry
    int maxBackoffMs = 10000;   ///< cap of that ceiling
};

/// How an import ended.
struct ImportSummary
{
    enum class Outcome {
        Completed,      ///< every row settled (written, or in the error report)
        StoppedOnError, ///< stopOnFirstError: the rows before the first bad one are written
        Cancelled,      ///< cancel(): the checkpoint allows resuming
        Failed,         ///< the server kept failing (or refused): resumable from the checkpoint
    };
    Outcome outcome = Outcome::Completed;
    qint64 rowsRead = 0;      ///< rows settled, this run and the run(s) it resumed
    qint64 pointsWritten = 0; ///< points the server acknowledged
    qint64 rowsFailed = 0;    ///< rows in the error report
    qint64 requests = 0;      ///< upsert requests of this run, retries included
    qint64 retries = 0;       ///< of those, repeats after a transient error
    qint64 resumedFromLine = 0; ///< 0 for a fresh start
    qint64 elapsedMs = 0;     ///< this run
    QString errorReportPath;  ///< empty when there were no row errors
    QString checkpointPath;   ///< empty when the import completed (the checkpoint is removed)
    NetError error;           ///< Failed: why; StoppedOnError: the first row's reason
};

Q_DECLARE_METATYPE(ImportSummary)
