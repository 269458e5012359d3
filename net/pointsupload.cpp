#include "pointsupload.h"

#include "pointsbodywriter.h"
#include "qdrantresponse.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("QdrantClient", text);
}

/// A batch written on the thread pool.
struct Batch
{
    QByteArray body;
    qsizetype first = 0;
    qsizetype end = 0;
    bool duplicates = false; ///< only the first batch looks (at all the points)
};

struct Upload : std::enable_shared_from_this<Upload>
{
    QdrantCall *call = nullptr;
    std::function<HttpRequest(QByteArray)> makeRequest;
    QList<PointStruct> points;
    int maxInFlight = 2;
    std::function<void(qint64, qint64)> progress;
    QdrantDone<UpsertSummary> done;

    qsizetype nextPoint = 0; ///< first point no batch holds yet
    bool building = false;
    QList<Batch> ready;
    int inFlight = 0;
    int batchesSent = 0;
    UpsertSummary summary;
    QElapsedTimer sinceProgress;

    void pump();
    void build();
    void sendBatch(Batch batch);
    void onBatchDone(const Batch &batch, const HttpResponse &response);
    void reportProgress(bool last);
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

void Upload::pump()
{
    while (!ready.isEmpty() && inFlight < maxInFlight)
        sendBatch(ready.takeFirst());
    // Write one batch ahead of each request slot, so the next body is there when a slot frees.
    if (!building && nextPoint < points.size() && ready.size() < maxInFlight)
        build();
    if (!building && ready.isEmpty() && inFlight == 0 && nextPoint >= points.size()) {
        reportProgress(true);
        call->finish([done = done, summary = summary] { done(summary); });
    }
}

void Upload::build()
{
    building = true;
    const bool first = nextPoint == 0;
    call->runOffThread<Batch>(
        [points = points, from = nextPoint, first] {
            Batch batch;
            batch.first = from;
            batch.body.reserve(pointsbody::kMaxUpsertBytes + (1 << 16));
            batch.end = pointsbody::upsertBatch(batch.body, points, from);
            batch.duplicates = first && hasDuplicateIds(points);
            return batch;
        },
        [self = shared_from_this()](Batch &&batch) {
            self->building = false;
            self->nextPoint = batch.end;
            if (batch.duplicates)
                self->maxInFlight = 1;
            self->ready.append(std::move(batch));
            self->pump();
        });
}

void Upload::sendBatch(Batch batch)
{
    ++inFlight;
    const int number = ++batchesSent;
    summary.bytes += batch.body.size();
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
    progress(summary.points, points.size());
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
