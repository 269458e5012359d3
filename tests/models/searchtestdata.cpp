#include "searchtestdata.h"

#include "consolesession.h"
#include "localembedder.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace SearchTestData {

namespace {

Record cost(quint64 id, const QString &tenant, const char *text, const char *type,
    const char *outcome, double savings, const char *lessons)
{
    QJsonObject payload {{QStringLiteral("optimization_type"), QString::fromUtf8(type)},
        {QStringLiteral("outcome"), QString::fromUtf8(outcome)},
        {QStringLiteral("cloud_provider"), QStringLiteral("aws")},
        {QStringLiteral("lessons_learned"), QString::fromUtf8(lessons)}};
    if (savings >= 0)
        payload.insert(QStringLiteral("savings_percent"), savings);
    return {id, tenant, QString::fromUtf8(text), payload};
}

Record perf(quint64 id, const QString &tenant, const char *text, const char *applied, double before,
    double after, const char *effects)
{
    return {id, tenant, QString::fromUtf8(text),
        {{QStringLiteral("service_type"), QStringLiteral("vllm")},
            {QStringLiteral("optimization_applied"), QString::fromUtf8(applied)},
            {QStringLiteral("before_latency_p95"), before},
            {QStringLiteral("after_latency_p95"), after},
            {QStringLiteral("improvement_factor"), after > 0 ? before / after : 0.0},
            {QStringLiteral("replicable"), true},
            {QStringLiteral("side_effects"), QString::fromUtf8(effects)}}};
}

Record note(quint64 id, const QString &tenant, const char *text, const char *type,
    const char *priority, const char *topic)
{
    return {id, tenant, QString::fromUtf8(text),
        {{QStringLiteral("context_type"), QString::fromUtf8(type)},
            {QStringLiteral("priority"), QString::fromUtf8(priority)},
            {QStringLiteral("topic"), QString::fromUtf8(topic)}}};
}

QJsonArray pointsOf(const QString &collection, const QList<Record> &records, int size)
{
    QJsonArray points;
    for (const Record &record : records) {
        QJsonObject payload = record.payload;
        payload.insert(kTenantKey, record.tenant);
        payload.insert(textField(collection), record.text);
        QJsonArray vector;
        const Result<QList<float>> embedded = LocalEmbedder::embedText(record.text, size);
        for (float component : embedded.value())
            vector.append(double(component));
        points.append(QJsonObject {{QStringLiteral("id"), qint64(record.id)},
            {QStringLiteral("vector"), vector}, {QStringLiteral("payload"), payload}});
    }
    return points;
}

} // namespace

QList<Record> costRecords()
{
    return {
        cost(1, kAcme, "Migrate nightly batch processing jobs to spot instances with checkpoints",
            "spot_migration", "success", 35,
            "Checkpoint every 10 minutes. Use a spot fleet across instance types."),
        cost(2, kAcme, "Move batch processing workers of the ETL pipeline to spot instances",
            "spot_migration", "success", 40, "Checkpoint every 10 minutes."),
        cost(3, kAcme, "Spot instances for batch processing failed: the workload was too variable",
            "spot_migration", "failed", -1, "Workload too variable for spot."),
        cost(4, kAcme, "Buy reserved instances for the steady database tier", "reserved_instance",
            "success", 25, "Commit only to the steady baseline."),
        cost(5, kAcme, "Right-size oversized web servers after a traffic analysis", "right_sizing",
            "success", 15, "Measure two weeks of traffic first."),
        cost(6, kAcme, "Reserved instances for the analytics cluster rolled back as usage fell",
            "reserved_instance", "rolled_back", -1, "Usage forecasts were too optimistic."),
        cost(101, kGlobex, "Migrate batch processing to spot instances", "spot_migration",
            "success", 60, "Globex lesson."),
        cost(102, kGlobex, "Spot instances for batch processing jobs", "spot_migration", "failed",
            -1, "Globex failure."),
    };
}

QList<Record> performanceRecords()
{
    return {
        perf(1, kAcme,
            "High P95 latency under load on the chat model.\n\nSolution: KV cache tuning",
            "KV cache tuning", 900, 400, "Higher GPU memory use."),
        perf(2, kAcme, "P95 latency spikes at peak traffic.\n\nSolution: KV cache tuning",
            "KV cache tuning", 1200, 500, "Higher GPU memory use."),
        perf(3, kAcme, "High P95 latency with long prompts.\n\nSolution: continuous batching",
            "continuous batching", 800, 500, "Throughput dropped slightly."),
        perf(4, kAcme, "Slow cold starts of the model server.\n\nSolution: preload weights",
            "preload weights", 3000, 1000, "Longer deploys."),
        perf(5, kAcme, "Out of memory errors on long contexts.\n\nSolution: smaller batches",
            "smaller batches", 700, 650, "Lower throughput."),
        perf(101, kGlobex, "High P95 latency.\n\nSolution: KV cache tuning", "KV cache tuning",
            1000, 100, "Globex only."),
    };
}

QList<Record> customerRecords()
{
    return {
        note(1, kAcme,
            "Risk tolerance is low: prefers a 10% to 25% to 50% to 100% rollout with 24-hour "
            "validation",
            "preference", "high", "rollout_strategy"),
        note(2, kAcme, "No production changes on Fridays or during the quarter-end freeze",
            "constraint", "critical", "change_windows"),
        note(3, kAcme, "Watches the monthly cloud bill closely and asks for savings reports",
            "preference", "medium", "budget"),
        note(4, kAcme, "A failed migration in 2023 made the team cautious about risk",
            "historical_note", "medium", "rollout_strategy"),
        note(101, kGlobex, "Risk tolerance is high: ships straight to 100%", "preference", "low",
            "rollout_strategy"),
    };
}

QString textField(const QString &collection)
{
    if (collection.endsWith(kPerformance))
        return QStringLiteral("problem_description");
    if (collection.endsWith(kCustomer))
        return QStringLiteral("content");
    return QStringLiteral("decision_context");
}

bool upsert(StoreClient &client, const QString &collection, const QList<Record> &records, int size)
{
    const auto response = client.put(
        QStringLiteral("/collections/") + collection + QStringLiteral("/points?wait=true"),
        QJsonObject {{QStringLiteral("points"), pointsOf(collection, records, size)}});
    return response.status == 200;
}

bool writeCollection(
    StoreClient &client, const QString &collection, const QList<Record> &records, int size)
{
    client.del(QStringLiteral("/collections/") + collection);
    const QJsonObject config {{QStringLiteral("vectors"),
        QJsonObject {{QStringLiteral("size"), size},
            {QStringLiteral("distance"), QStringLiteral("Cosine")}}}};
    if (client.put(QStringLiteral("/collections/") + collection, config).status != 200)
        return false;
    return upsert(client, collection, records, size);
}

std::unique_ptr<ConsoleSession> openSession(
    const QString &baseUrl, const QString &tenant, int embedderSize)
{
    auto session = std::make_unique<ConsoleSession>();
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("search test"), QUrl(baseUrl));
    profile.embedderDimensions = embedderSize;
    QSignalSpy opened(session.get(), &ConsoleSession::opened);
    session->open(profile, QString());
    if (!opened.wait(10000))
        return nullptr;
    if (tenant.isEmpty()) {
        session->setScope(TenantScope::allTenants());
        return session;
    }
    const auto scope = TenantScope::forProfile(profile, tenant);
    if (!scope.ok())
        return nullptr;
    session->setScope(scope.value());
    return session;
}

Ran run(SemanticSearch &search, const SearchQuery &query, int timeoutMs)
{
    Ran ran;
    QMetaObject::Connection finished = QObject::connect(
        &search, &SemanticSearch::searchFinished, [&](const SearchOutcome &o) { ran.outcome = o; });
    QMetaObject::Connection failed = QObject::connect(&search, &SemanticSearch::searchFailed,
        [&](const SearchQuery &, const NetError &e) { ran.error = e; });
    search.search(query);
    if (!QTest::qWaitFor([&] { return ran.outcome || ran.error; }, timeoutMs))
        qWarning("no answer within %d ms", timeoutMs);
    QObject::disconnect(finished);
    QObject::disconnect(failed);
    return ran;
}

SearchQuery costQuery(const QString &text, int limit)
{
    SearchQuery query;
    query.text = text;
    query.collection = kCost;
    query.limit = limit;
    return query;
}

QJsonObject matchValue(const QString &key, const QString &value)
{
    return {{QStringLiteral("must"),
        QJsonArray {QJsonObject {{QStringLiteral("key"), key},
            {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), value}}}}}}};
}

} // namespace SearchTestData
