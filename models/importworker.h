#pragma once

#include "agentmemoryschemas.h"
#include "importbatch.h"
#include "importoptions.h"
#include "importrecordreader.h"
#include "importrowvalidator.h"
#include "importseenids.h"
#include "pointid.h"
#include "tenantscope.h"

#include <QCoreApplication>
#include <QObject>

#include <memory>
#include <optional>

/// The reading side of an ImportPipeline, living on its worker thread: reads rows, maps and
/// validates them (ImportRowValidator), refuses a second row with an id already seen, and
/// hands out batches only when asked (produce), so the file is read no faster than the server
/// takes it. On a resume it re-reads the rows before the checkpoint without handing them out:
/// their ids must still count as seen, and their verdicts are the same as the first time.
class ImportWorker final : public QObject
{
    Q_OBJECT

public:
    /// What the worker needs; copied to its thread.
    struct Setup
    {
        ImportOptions options;
        const AgentMemorySchema *schema = nullptr;
        std::optional<TenantScope> scope;
        qint64 resumeOffset = 0; ///< rows ending at or before it are re-read, not handed out
    };

    explicit ImportWorker(Setup setup);
    ~ImportWorker() override;

    /// Reads up to `count` more batches, each announced by batchReady(); from the worker
    /// thread (queued). Does nothing after the last batch.
    void produce(int count);

signals:
    void batchReady(const ImportBatch &batch);

private:
    bool openReader(ImportBatch &failure);
    /// Adds one row to batch (or its errors); false when a stop-on-first-error stop happened.
    bool take(const ImportRecord &record, ImportBatch &batch, bool replay);

    Setup m_setup;
    std::unique_ptr<ImportRecordReader> m_reader;
    ImportRowValidator m_validator;
    ImportSeenIds m_seen;
    quint64 m_sequence = 0;
    qint64 m_nextLine = 1;
    bool m_opened = false;
    bool m_done = false;
};
