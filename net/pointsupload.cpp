#include "pointsupload.h"

#include "pointsbodywriter.h"
#include "qdrantresponse.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMap>
#include <QSet>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("QdrantClient", text);
}

/// One request body: points[first, end).
struct Batch
{
    QByteArray body;
    qsizetype first = 0;
    qsizetype end = 0;
};

/// What one job on the thread pool wrote: the bodies of one range of points (more than one
/// when the range turned out bigger than the byte cap).
struct Written
{
    QList<Batch> batches;
    qsizetype bytesPerPoint = 0; ///< measured by the first job, to plan the others
    bool duplicates = false; ///< only the first job looks (at all the points)
};

/// Writing a body costs about as much CPU as the server spends taking it in (the floats are
/// most of it), so bodies are written on the thread pool, in parallel and ahead of the
/// requests, and the GUI thread only sends them.
struct Upload : std::enable_shared_from_this<Upload>
{
    static constexpr int kMaxWriters = 2;

    QdrantCall *call = nullptr;
    std::function<HttpRequest(QByteArray)> makeRequest;
    QList<PointStruct> points;
    int maxInFlight = 2;
    std::function<void(qint64, qint64)> progress;
    QdrantDone<UpsertSummary> done;

    qsizetype pointsPerRange = 0; ///< 0 until the first job has measured a point
    qsizetype planned = 0; ///< points handed to jobs so far
    int rangesPlanned = 0;
    int writers = 0;
    QMap<int, Written> written; ///< by range number, until sent in order
    int nextRange = 0; ///< the range whose bodies go next
    QList<Batch> sendable; ///< bodies of ranges < nextRange not yet sent
    int inFlight = 0;
    int batchesSent = 0;
    UpsertSummary summary;
    QElapsedTimer sinceProgress;
    /// Bodies sent before, kept for reuse once the transport lets go of them: a fresh 4 MB
    /// buffer costs a thousand page faults, as much system time as sending it.
    QList<QByteArray> buffers;

    void pump();
    QByteArray takeBuffer();
    void startWriter();
    void sendBatch(Batch batch);
    void onBatchDone(const Batch &batch, const HttpResponse &response);
    void reportProgress(bool last);
    qsizetype bodiesAhead() const;
};

bool hasDuplicateIds(const QList<PointStruct> &points)
{
    QSet<PointId> seen;
    seen.reserve(points.size());
    for (const PointStruct &point : points) {
        const qsizetype before = seen.size();
        seen.insert(point.id);
        if (seen.size() == before)
            return true;
    }
    return false;
}

qsizetype Upload::bodiesAhead() const
{
    qsizetype count = sendable.size() + writers;
    for (const Written &w : written)
        count += w.batches.size();
    return count;
}

void Upload::pump()
{
    // Bodies go out in the order of the points, whichever job finished first.
    while (written.contains(nextRange)) {
        sendable += written.take(nextRange).batches;
        ++nextRange;
    }
    while (!sendable.isEmpty() && inFlight < maxInFlight)
        sendBatch(sendable.takeFirst());
    // The first job measures a point for planning the others, so it runs alone.
    while ((rangesPlanned == 0 || pointsPerRange > 0) && planned < points.size()
        && writers < kMaxWriters && bodiesAhead() < maxInFlight + kMaxWriters) {
        startWriter();
    }
    if (writers == 0 && written.isEmpty() && sendable.isEmpty() && inFlight == 0
        && planned >= points.size()) {
        reportProgress(true);
        call->finish([done = done, summary = summary] { done(summary); });
    }
}

void Upload::startWriter()
{
    const int range = rangesPlanned++;
    const qsizetype from = planned;
    // The first range ends where the byte cap says; later ones are planned a little under it
    // from the measured size, and split again should a range still not fit.
    const qsizetype to
        = range == 0 ? points.size() : std::min(points.size(), from + pointsPerRange);
    ++writers;
    if (range > 0)
        planned = to;
    // On Qt's global pool, at normal priority: the server waits for these bodies.
    call->runOffThread<Written>(
        nullptr,
        [points = points, from, to, first = range == 0, buffer = takeBuffer()]() mutable {
            Written out;
            qsizetype at = from;
            do {
                Batch batch;
                batch.first = at;
                batch.body = std::exchange(buffer, QByteArray());
                batch.body.reserve(pointsbody::kMaxUpsertBytes + (1 << 16));
                at = batch.end = pointsbody::upsertBatch(batch.body, points, at, to);
                if (first)
                    out.bytesPerPoint = batch.body.size() / std::max<qsizetype>(1, at - from);
                out.batches.append(std::move(batch));
            } while (!first && at < to);
            out.duplicates = first && hasDuplicateIds(points);
            return out;
        },
        [self = shared_from_this(), range](Written &&out) {
            --self->writers;
            if (range == 0) {
                self->planned = out.batches.constLast().end;
                self->pointsPerRange = std::max<qsizetype>(1,
                    pointsbody::kMaxUpsertBytes * 9 / 10
                        / std::max<qsizetype>(1, out.bytesPerPoint));
                // An id twice: strictly one request after the other, so the last one wins.
                if (out.duplicates)
                    self->maxInFlight = 1;
            }
            self->written[range] = std::move(out); // QMap::insert would copy it
            self->pump();
        });
}

QByteArray Upload::takeBuffer()
{
    for (qsizetype i = 0; i < buffers.size(); ++i) {
        if (buffers.at(i).isDetached()) {
            QByteArray buffer = buffers.takeAt(i);
            buffer.truncate(0); // keeps the capacity
            return buffer;
        }
    }
    return {};
}

void Upload::sendBatch(Batch batch)
{
    ++inFlight;
    const int number = ++batchesSent;
    summary.bytes += batch.body.size();
    if (buffers.size() < 8)
        buffers.append(batch.body); // shared with the request until it is done
    HttpRequest request = makeRequest(std::move(batch.body));
    batch.body = QByteArray();
    auto self = shared_from_this();
    call->send(
        std::move(request),
        [self, batch](HttpResponse &&response) { self->onBatchDone(batch, response); },
        [self, batch, number](NetError &error) {
            error.message += tr(" (batch %1: points %2 to %3 of %4; %5 written before)")
                                 .arg(number)
                                 .arg(batch.first + 1)
                                 .arg(batch.end)
                                 .arg(self->points.size())
                                 .arg(self->summary.points);
        });
}

void Upload::onBatchDone(const Batch &batch, const HttpResponse &response)
{
    --inFlight;
    const Result<UpdateResult> result = qdrantresponse::updateResult(response.body);
    if (!result.ok()) {
        call->fail(result.error());
        return;
    }
    summary.points += batch.end - batch.first;
    ++summary.requests;
    summary.lastOperationId = qMax(summary.lastOperationId, result.value().operationId);
    reportProgress(false);
    pump();
}

void Upload::reportProgress(bool last)
{
    if (!progress || (!last && sinceProgress.isValid() && sinceProgress.elapsed() < 100))
        return;
    sinceProgress.restart();
    call->postProgress([progress = progress, done = summary.points, total = points.size()] {
        progress(done, total);
    });
}

} // namespace

void startPointsUpload(QdrantCall *call, std::function<HttpRequest(QByteArray)> makeRequest,
    const QList<PointStruct> &points, int maxInFlight, std::function<void(qint64, qint64)> progress,
    QdrantDone<UpsertSummary> done)
{
    auto upload = std::make_shared<Upload>();
    upload->call = call;
    upload->makeRequest = std::move(makeRequest);
    upload->points = points;
    upload->maxInFlight = qMax(1, maxInFlight);
    upload->progress = std::move(progress);
    upload->done = std::move(done);
    upload->pump(); // no points: finishes at once (from the event loop)
}
