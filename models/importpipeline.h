#pragma once

#include "importcheckpoint.h"
#include "importoptions.h"
#include "importrecord.h"
#include "scopedpoints.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>

class Embedder;
class QThread;
class ImportWorker;
struct ImportBatch;

/// Runs an import: a worker thread reads, maps and validates rows into batches (and keeps
/// going only as far as the requests in flight allow: memory stays bounded); batches are
/// embedded when the mapping says so, then written through ScopedPoints::upsert (stamped with
/// the tenant key, ids of other tenants refused) with a bounded number of requests in flight,
/// retried with full-jitter backoff on transient errors (network, timeout, 429 honouring
/// Retry-After, 5xx). The checkpoint next to the file advances only over batches the server
/// acknowledged, in file order, so start() after a crash, a kill -9 of the server or a
/// cancel resumes exactly; deterministic ids make whatever is sent twice harmless. Rows that
/// can't be imported go to the error report next to the file. Lives on the GUI thread and
/// never blocks it.
class ImportPipeline final : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Running, Paused, Finishing };

    explicit ImportPipeline(QObject *parent = nullptr);
    ~ImportPipeline() override;

    /// The gateway points are written through (a new one, e.g. for a new endpoint after a
    /// server restart, takes effect for the next request; a run in progress keeps going).
    void setPoints(const ScopedPoints &points);
    /// The embedder of an Embed mapping (the profile's, from EmbedderFactory); not owned.
    void setEmbedder(Embedder *embedder);

    /// Starts (or resumes, see ImportOptions::resume) an import; ends in finished(). Refused
    /// with finished(Failed) from the event loop when the options can't run or one is running.
    void start(const ImportOptions &options);
    /// Sends no new request; those in flight finish and are checkpointed.
    void pause();
    /// Goes on after pause().
    void resume();
    /// Stops: requests in flight are abandoned (not counted), the checkpoint keeps what was
    /// acknowledged; finished(Cancelled).
    void cancel();

    /// The checkpoint start(options) would resume from when its points go through scope: the
    /// saved one of the same file content, collection, scope, format and mapping, not
    /// complete; nullopt when there is none. Reads files only (the import wizard asks first).
    static std::optional<ImportCheckpoint> resumableCheckpoint(const ImportOptions &options,
                                                               const TenantScope &scope);

    State state() const { return m_state; }
    bool isRunning() const { return m_state != State::Idle; }

signals:
    /// The run began; resumedFromLine 0 for a fresh start.
    void started(qint64 resumedFromLine);
    /// At most ~10 times a second: rows settled (written or failed) of about rowsTotal (an
    /// estimate from the bytes read until the end is known), their rate over the last seconds,
    /// and the seconds left at that rate (-1 unknown).
    void progress(qint64 rowsDone, qint64 rowsTotal, double rowsPerSecond, double etaSeconds);
    /// A row could not be imported (also written to the error report).
    void rowFailed(const ImportRowError &error);
    void stateChanged(ImportPipeline::State state);
    /// The run ended (exactly once per start()).
    void finished(const ImportSummary &summary);

private:
    struct Pending;
    struct Range;
    /// Asks the worker for more batches while fewer than the window are waiting.
    void requestBatches();
    void onBatchReady(const ImportBatch &batch);
    /// Sends queued ranges while fewer than requestsInFlight are out and not paused.
    void pump();
    void sendRange(quint64 sequence, Range range);
    void upsertRange(quint64 sequence, Range range);
    void onRangeFailed(quint64 sequence, Range range, const NetError &error);
    void onRangeDone(quint64 sequence);
    void reportRow(const ImportRowError &error);
    /// Moves the checkpoint over the settled batches at the front; saves it when due.
    void advanceCheckpoint(bool force);
    void emitProgress(bool force);
    void maybeFinish();
    void finish(ImportSummary::Outcome outcome, const NetError &error = {});
    void stopWorker();
    void setState(State state);
    void refuseStart(const NetError &error);

    ScopedPoints m_points;
    QPointer<Embedder> m_embedder;
    ImportOptions m_options;
    State m_state = State::Idle;
    QThread *m_thread = nullptr;
    ImportWorker *m_worker = nullptr;
    std::map<quint64, std::unique_ptr<Pending>> m_pending; ///< by sequence, in file order
    int m_requested = 0;      ///< batches asked of the worker and not yet delivered
    int m_inFlight = 0;       ///< ranges being embedded or written
    bool m_readerDone = false;
    bool m_stopping = false;  ///< stop-on-first-error: nothing more is sent
    NetError m_stopError;
    std::unique_ptr<struct ImportCheckpoint> m_checkpoint;
    std::unique_ptr<class ImportErrorReport> m_report;
    ImportSummary m_summary;
    QElapsedTimer m_clock;
    qint64 m_lastSaveMs = -1;
    qint64 m_lastProgressMs = -1;
    QList<QPair<qint64, qint64>> m_rateSamples; ///< (ms, rows settled) for the rate
    qint64 m_rowsSettled = 0; ///< this run and before, in settled batches
    qint64 m_bytesSettled = 0; ///< this run, in settled batches
    qint64 m_bytesAtStart = 0; ///< where this run began
    qint64 m_bytesTotal = 0;
    int m_generation = 0;     ///< bumped when a run ends: late answers are dropped
    QThreadPool m_saver;      ///< one thread: checkpoint files written in order, off the GUI
};
