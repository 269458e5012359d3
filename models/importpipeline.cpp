#include "importpipeline.h"

#include "agentmemoryschemas.h"
#include "dimensioncheck.h"
#include "embedder.h"
#include "importcheckpoint.h"
#include "importerrorreport.h"
#include "importworker.h"

#include <QRandomGenerator>
#include <QThread>

struct ImportPipeline::Range
{
    qsizetype from = 0;
    qsizetype to = 0;
    int attempts = 0;
    bool embedded = false;
};

struct ImportPipeline::Pending
{
    ImportBatch batch;
    QList<Range> queued;
    int outstanding = 0; ///< ranges sent, or waiting for a retry
    qint64 pointsWritten = 0;
    qint64 rowsRefused = 0; ///< single points the server refused
    QList<QdrantCallHandle> calls;
    bool done() const { return queued.isEmpty() && outstanding == 0; }
};

namespace {

NetError makeError(NetError::Kind kind, const QString &message)
{
    NetError error;
    error.kind = kind;
    error.message = message;
    return error;
}

/// Worth another attempt: the server may well take the same request a moment later.
bool isTransient(const NetError &error)
{
    switch (error.kind) {
    case NetError::Kind::Network:
    case NetError::Kind::Timeout:
        return true;
    case NetError::Kind::Http:
        return error.httpStatus == 429 || error.httpStatus == 408 || error.httpStatus >= 500;
    default:
        return false;
    }
}

/// Refusals that concern the whole import (no collection, no access), not a row.
bool isFatal(const NetError &error)
{
    return error.kind == NetError::Kind::Http
        && (error.httpStatus == 401 || error.httpStatus == 403 || error.httpStatus == 404);
}

QString scopeKey(const TenantScope &scope)
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

/// A checkpoint at the start of options' file as it is now, in scope.
ImportCheckpoint freshCheckpoint(const ImportOptions &options, const TenantScope &scope,
                                 const ImportCheckpoint::Fingerprint &print)
{
    ImportCheckpoint fresh;
    fresh.filePath = options.filePath;
    fresh.file = print;
    fresh.format = options.format;
    fresh.collection = options.collection;
    fresh.scope = scopeKey(scope);
    fresh.mapping = options.mapping;
    return fresh;
}

/// The saved checkpoint a run that would start at fresh may resume from.
std::optional<ImportCheckpoint> savedResuming(const ImportCheckpoint &fresh)
{
    const Result<std::optional<ImportCheckpoint>> saved = ImportCheckpoint::load(fresh.filePath);
    if (!saved.ok() || !saved.value() || saved.value()->complete
        || !saved.value()->resumes(fresh))
        return std::nullopt;
    return saved.value();
}

} // namespace

std::optional<ImportCheckpoint> ImportPipeline::resumableCheckpoint(const ImportOptions &options,
                                                                    const TenantScope &scope)
{
    const Result<ImportCheckpoint::Fingerprint> print
        = ImportCheckpoint::fingerprintOf(options.filePath);
    if (!print.ok())
        return std::nullopt;
    return savedResuming(freshCheckpoint(options, scope, print.value()));
}

ImportPipeline::ImportPipeline(QObject *parent)
    : QObject(parent)
{
    m_saver.setMaxThreadCount(1);
}

ImportPipeline::~ImportPipeline()
{
    ++m_generation;
    for (auto &[sequence, pending] : m_pending) {
        for (const QdrantCallHandle &call : pending->calls)
            call.cancel();
    }
    stopWorker();
    if (m_state != State::Idle && m_checkpoint) {
        advanceCheckpoint(true);
        if (m_report)
            m_report->flush();
    }
}

void ImportPipeline::setPoints(const ScopedPoints &points)
{
    m_points = points;
}

void ImportPipeline::setEmbedder(Embedder *embedder)
{
    m_embedder = embedder;
}

void ImportPipeline::refuseStart(const NetError &error)
{
    ImportSummary summary;
    summary.outcome = ImportSummary::Outcome::Failed;
    summary.error = error;
    QMetaObject::invokeMethod(
        this, [this, summary] { emit finished(summary); }, Qt::QueuedConnection);
}

void ImportPipeline::start(const ImportOptions &options)
{
    if (m_state != State::Idle)
        return refuseStart(makeError(NetError::Kind::Invalid, tr("An import is already running.")));
    const QStringList problems = options.mapping.problems();
    if (!problems.isEmpty())
        return refuseStart(makeError(NetError::Kind::Invalid, problems.join(QLatin1Char(' '))));
    if (!m_points.client())
        return refuseStart(makeError(NetError::Kind::Invalid, tr("There is no connection.")));
    if (m_points.isReadOnly())
        return refuseStart(makeError(NetError::Kind::Invalid,
                                     tr("This connection is read-only: nothing can be imported.")));
    if (options.mapping.vectorSource == ImportMapping::VectorSource::Embed && !m_embedder)
        return refuseStart(makeError(NetError::Kind::Invalid,
                                     tr("The mapping embeds a text but there is no embedder.")));
    if (options.mapping.vectorSource == ImportMapping::VectorSource::Embed) {
        const VectorTarget target{options.collection, options.mapping.vectorName,
                                  options.mapping.vectorSize};
        if (auto refusal = checkEmbedderDimension(*m_embedder, target))
            return refuseStart(*refusal);
    }
    if (!m_points.scope().coversCollection(options.collection))
        return refuseStart(makeError(NetError::Kind::Invalid,
                                     tr("%1 is outside this tenant's scope.")
                                         .arg(options.collection)));
    const Result<ImportCheckpoint::Fingerprint> print
        = ImportCheckpoint::fingerprintOf(options.filePath);
    if (!print.ok())
        return refuseStart(print.error());

    m_options = options;
    m_options.batchRows = std::max(1, m_options.batchRows);
    m_options.requestsInFlight = std::max(1, m_options.requestsInFlight);
    m_options.maxAttempts = std::max(1, m_options.maxAttempts);
    auto fresh = std::make_unique<ImportCheckpoint>(
        freshCheckpoint(options, m_points.scope(), print.value()));
    m_summary = ImportSummary();
    if (options.resume) {
        if (std::optional<ImportCheckpoint> saved = savedResuming(*fresh)) {
            fresh = std::make_unique<ImportCheckpoint>(std::move(*saved));
            m_summary.resumedFromLine = fresh->nextLine;
        }
    }
    m_checkpoint = std::move(fresh);
    m_report = std::make_unique<ImportErrorReport>();
    const Result<bool> reportOpen = m_report->open(
        ImportErrorReport::pathFor(options.filePath),
        m_summary.resumedFromLine > 0 ? m_checkpoint->nextLine : 0);
    if (!reportOpen.ok()) {
        m_report.reset();
        m_checkpoint.reset();
        return refuseStart(reportOpen.error());
    }

    ImportWorker::Setup setup;
    setup.options = m_options;
    setup.schema = agentMemorySchemaFor(options.collection);
    setup.scope = m_points.scope();
    setup.resumeOffset = m_summary.resumedFromLine > 0 ? m_checkpoint->nextOffset : 0;
    m_worker = new ImportWorker(setup);
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("import reader"));
    m_worker->moveToThread(m_thread);
    const int generation = ++m_generation;
    connect(m_worker, &ImportWorker::batchReady, this,
            [this, generation](const ImportBatch &batch) {
                if (generation == m_generation)
                    onBatchReady(batch);
            },
            Qt::QueuedConnection);
    m_thread->start();

    m_pending.clear();
    m_requested = 0;
    m_inFlight = 0;
    m_readerDone = false;
    m_stopping = false;
    m_stopError = NetError();
    m_rowsSettled = m_checkpoint->rowsSettled;
    m_bytesAtStart = m_checkpoint->nextOffset;
    m_bytesSettled = 0;
    m_bytesTotal = print.value().size;
    m_rateSamples.clear();
    m_clock.start();
    m_lastSaveMs = -1;
    m_lastProgressMs = -1;
    setState(State::Running);
    emit started(m_summary.resumedFromLine);
    requestBatches();
}

void ImportPipeline::pause()
{
    if (m_state != State::Running)
        return;
    setState(State::Paused);
    advanceCheckpoint(true);
}

void ImportPipeline::resume()
{
    if (m_state != State::Paused)
        return;
    setState(State::Running);
    pump();
    requestBatches();
    maybeFinish();
}

void ImportPipeline::cancel()
{
    if (m_state == State::Idle)
        return;
    finish(ImportSummary::Outcome::Cancelled,
           makeError(NetError::Kind::Cancelled, tr("The import was cancelled.")));
}

void ImportPipeline::requestBatches()
{
    if (!m_worker || m_readerDone || m_state == State::Idle)
        return;
    // Batches read ahead of the requests: enough to keep every request slot busy, no more.
    const int window = m_options.requestsInFlight + 2;
    const int want = window - int(m_pending.size()) - m_requested;
    if (want <= 0)
        return;
    m_requested += want;
    ImportWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, want] { worker->produce(want); },
                              Qt::QueuedConnection);
}

void ImportPipeline::onBatchReady(const ImportBatch &batch)
{
    m_requested = std::max(0, m_requested - 1);
    if (!batch.failure.isEmpty())
        return finish(ImportSummary::Outcome::Failed,
                      makeError(NetError::Kind::LocalFile, batch.failure));
    m_bytesTotal = batch.bytesTotal;
    auto pending = std::make_unique<Pending>();
    pending->batch = batch;
    for (const ImportRowError &error : batch.errors)
        reportRow(error);
    if (!batch.points.isEmpty())
        pending->queued.append(Range{0, batch.points.size(), 0, false});
    if (batch.stoppedOnError && !batch.errors.isEmpty()) {
        m_stopError = makeError(NetError::Kind::Invalid,
                                tr("line %1: %2")
                                    .arg(batch.errors.first().line)
                                    .arg(batch.errors.first().reason));
    }
    if (batch.last) {
        m_readerDone = true;
        m_requested = 0;
    }
    m_pending.emplace(batch.sequence, std::move(pending));
    pump();
    advanceCheckpoint(false);
    requestBatches();
    emitProgress(false);
    maybeFinish();
}

void ImportPipeline::pump()
{
    if (m_state != State::Running || m_stopping)
        return;
    for (auto &[sequence, pending] : m_pending) {
        while (!pending->queued.isEmpty() && m_inFlight < m_options.requestsInFlight) {
            const Range range = pending->queued.takeFirst();
            ++pending->outstanding;
            ++m_inFlight;
            sendRange(sequence, range);
            if (m_state == State::Idle)
                return; // finished synchronously (cannot happen today; kept safe)
        }
        if (m_inFlight >= m_options.requestsInFlight)
            return;
    }
}

void ImportPipeline::sendRange(quint64 sequence, Range range)
{
    Pending *pending = m_pending.at(sequence).get();
    if (m_options.mapping.vectorSource != ImportMapping::VectorSource::Embed || range.embedded)
        return upsertRange(sequence, range);
    if (!m_embedder) {
        m_inFlight--;
        pending->outstanding--;
        return finish(ImportSummary::Outcome::Failed,
                      makeError(NetError::Kind::Invalid, tr("The embedder is gone.")));
    }
    EmbedCall *call = m_embedder->embed(
        pending->batch.texts.mid(range.from, range.to - range.from));
    const int generation = m_generation;
    connect(call, &EmbedCall::finished, this,
            [this, generation, sequence, range](const Result<Embeddings> &result) mutable {
                if (generation != m_generation || !m_pending.count(sequence))
                    return;
                if (!result.ok())
                    return onRangeFailed(sequence, range, result.error());
                const VectorTarget target{m_options.collection, m_options.mapping.vectorName,
                                          m_options.mapping.vectorSize};
                if (auto refusal = checkVectorDimensions(result.value(), target))
                    return onRangeFailed(sequence, range, *refusal);
                Pending *owner = m_pending.at(sequence).get();
                for (qsizetype i = range.from; i < range.to; ++i) {
                    owner->batch.points[i].vectors.insert(m_options.mapping.vectorName,
                                                          result.value().at(i - range.from));
                }
                range.embedded = true;
                upsertRange(sequence, range);
            });
}

void ImportPipeline::upsertRange(quint64 sequence, Range range)
{
    Pending *pending = m_pending.at(sequence).get();
    ++m_summary.requests;
    const int generation = m_generation;
    pending->calls.append(m_points.upsert(
        m_options.collection, pending->batch.points.mid(range.from, range.to - range.from), this,
        [](qint64, qint64) {},
        [this, generation, sequence, range](const Result<UpsertSummary> &result) {
            if (generation != m_generation || !m_pending.count(sequence))
                return;
            if (!result.ok())
                return onRangeFailed(sequence, range, result.error());
            Pending *owner = m_pending.at(sequence).get();
            owner->pointsWritten += range.to - range.from;
            --owner->outstanding;
            --m_inFlight;
            onRangeDone(sequence);
        }));
}

void ImportPipeline::onRangeFailed(quint64 sequence, Range range, const NetError &error)
{
    Pending *pending = m_pending.at(sequence).get();
    --m_inFlight;
    if (isTransient(error)) {
        if (++range.attempts >= m_options.maxAttempts) {
            --pending->outstanding;
            NetError failure = error;
            failure.message = tr("%1 (gave up after %n attempts)", nullptr, range.attempts)
                                  .arg(error.message);
            return finish(ImportSummary::Outcome::Failed, failure);
        }
        // Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))], at least Retry-After.
        const qint64 ceiling = std::min<qint64>(
            m_options.maxBackoffMs, qint64(m_options.baseBackoffMs) << std::min(range.attempts - 1, 20));
        int delay = int(QRandomGenerator::global()->bounded(ceiling + 1));
        if (error.retryAfterMs >= 0)
            delay = std::max(delay, error.retryAfterMs);
        ++m_summary.retries;
        const int generation = m_generation;
        QTimer::singleShot(delay, this, [this, generation, sequence, range] {
            if (generation != m_generation || !m_pending.count(sequence))
                return;
            Pending *owner = m_pending.at(sequence).get();
            --owner->outstanding;
            owner->queued.prepend(range);
            pump();
        });
        return;
    }
    --pending->outstanding;
    if (error.kind == NetError::Kind::Cancelled || isFatal(error))
        return finish(ImportSummary::Outcome::Failed, error);
    if (range.to - range.from > 1) {
        // Refused as a whole: halve it until the rows at fault are alone.
        const qsizetype middle = range.from + (range.to - range.from) / 2;
        pending->queued.prepend(Range{middle, range.to, 0, range.embedded});
        pending->queued.prepend(Range{range.from, middle, 0, range.embedded});
        return pump();
    }
    ++pending->rowsRefused;
    const QString why = error.serverMessage.isEmpty() ? error.message : error.serverMessage;
    reportRow({pending->batch.lines.at(range.from), QString(),
               tr("the point was refused: %1").arg(why)});
    if (m_options.stopOnFirstError) {
        m_stopping = true;
        m_stopError = makeError(NetError::Kind::Invalid,
                                tr("line %1: %2")
                                    .arg(pending->batch.lines.at(range.from))
                                    .arg(why));
    }
    onRangeDone(sequence);
}

void ImportPipeline::onRangeDone(quint64 sequence)
{
    Q_UNUSED(sequence);
    advanceCheckpoint(false);
    pump();
    requestBatches();
    emitProgress(false);
    maybeFinish();
}

void ImportPipeline::reportRow(const ImportRowError &error)
{
    if (m_report)
        m_report->append(error);
    emit rowFailed(error);
}

void ImportPipeline::advanceCheckpoint(bool force)
{
    if (!m_checkpoint)
        return;
    bool moved = false;
    while (!m_pending.empty() && m_pending.begin()->second->done()) {
        const Pending &front = *m_pending.begin()->second;
        const ImportBatch &batch = front.batch;
        m_checkpoint->nextOffset = batch.endOffset;
        m_checkpoint->nextLine = batch.endLine;
        m_checkpoint->rowsSettled += batch.rows;
        m_checkpoint->pointsWritten += front.pointsWritten;
        m_checkpoint->rowsFailed += batch.rows - batch.points.size() + front.rowsRefused;
        m_rowsSettled = m_checkpoint->rowsSettled;
        m_bytesSettled += batch.endOffset - batch.beginOffset;
        m_pending.erase(m_pending.begin());
        moved = true;
    }
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    if (!force && (!moved || (m_lastSaveMs >= 0 && now - m_lastSaveMs < 250)))
        return;
    // The report first: once the checkpoint moves past a row, its errors must be on disk.
    if (m_report)
        m_report->flush();
    m_checkpoint->updated = QDateTime::currentDateTimeUtc();
    // Disk work stays off the GUI thread (a rename can wait on the disk while memory-store
    // writes its WAL); one saver thread keeps the saves in order. A failed save only makes a
    // resume start earlier.
    if (force) {
        m_saver.waitForDone();
        m_checkpoint->save();
    } else {
        m_saver.start([checkpoint = *m_checkpoint] { checkpoint.save(); });
    }
    m_lastSaveMs = now;
}

void ImportPipeline::emitProgress(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!force && m_lastProgressMs >= 0 && now - m_lastProgressMs < 100)
        return;
    m_lastProgressMs = now;
    m_rateSamples.append({now, m_rowsSettled});
    while (m_rateSamples.size() > 2 && now - m_rateSamples.at(1).first >= 3000)
        m_rateSamples.removeFirst();
    const auto &[firstMs, firstRows] = m_rateSamples.first();
    const double seconds = double(now - firstMs) / 1000.0;
    const double rate = seconds > 0.05 ? double(m_rowsSettled - firstRows) / seconds : 0.0;
    qint64 total = -1;
    if (m_readerDone && m_pending.empty())
        total = m_rowsSettled;
    else if (m_checkpoint && m_checkpoint->nextOffset > 0 && m_bytesTotal > 0)
        total = qint64(double(m_rowsSettled) * double(m_bytesTotal)
                       / double(m_checkpoint->nextOffset));
    const double eta = total >= 0 && rate > 0 ? double(total - m_rowsSettled) / rate : -1.0;
    emit progress(m_rowsSettled, total, rate, eta);
}

void ImportPipeline::maybeFinish()
{
    if (m_state == State::Idle)
        return;
    if (m_stopping && m_inFlight == 0)
        return finish(ImportSummary::Outcome::StoppedOnError, m_stopError);
    if (m_readerDone && m_pending.empty() && m_inFlight == 0) {
        finish(m_stopError.message.isEmpty() ? ImportSummary::Outcome::Completed
                                             : ImportSummary::Outcome::StoppedOnError,
               m_stopError);
    }
}

void ImportPipeline::finish(ImportSummary::Outcome outcome, const NetError &error)
{
    if (m_state == State::Idle)
        return;
    ++m_generation; // answers still on their way are dropped
    for (auto &[sequence, pending] : m_pending) {
        for (const QdrantCallHandle &call : pending->calls)
            call.cancel();
    }
    stopWorker();
    advanceCheckpoint(true);
    m_summary.outcome = outcome;
    m_summary.error = error;
    m_summary.elapsedMs = m_clock.elapsed();
    m_summary.rowsRead = m_checkpoint->rowsSettled;
    m_summary.pointsWritten = m_checkpoint->pointsWritten;
    m_summary.rowsFailed = m_checkpoint->rowsFailed;
    if (outcome == ImportSummary::Outcome::Completed) {
        m_checkpoint->complete = true;
        ImportCheckpoint::remove(m_options.filePath);
    } else {
        m_summary.checkpointPath = ImportCheckpoint::pathFor(m_options.filePath);
    }
    m_report->close();
    if (m_report->count() > 0)
        m_summary.errorReportPath = m_report->path();
    emitProgress(true);
    m_pending.clear();
    m_inFlight = 0;
    m_requested = 0;
    m_report.reset();
    m_checkpoint.reset();
    setState(State::Idle);
    emit finished(m_summary);
}

void ImportPipeline::stopWorker()
{
    if (!m_thread)
        return;
    m_thread->requestInterruption();
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
    delete m_thread;
    m_worker = nullptr;
    m_thread = nullptr;
}

void ImportPipeline::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
