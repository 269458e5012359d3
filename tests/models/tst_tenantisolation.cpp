// Tenant isolation, as a property: thousands of random scoped operations (browse, search,
// count, facet, retrieve, edit, bulk edit, delete, upsert) with adversarial user filters and
// ids, each checked on the server's side with a plain client: a read returns only the
// tenant's points, and a write changes nothing that was not the tenant's.

#include "consolesession.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString kShared = QStringLiteral("agent_memory");
const QString kKey = QStringLiteral("customer_id");
const QStringList kOwn{QStringLiteral("company_acme_notes"), QStringLiteral("company_globex_notes")};

/// A point as the server has it: payload and vector, compared as JSON.
using ServerState = QHash<QString, QHash<quint64, QJsonObject>>;

QList<QJsonValue> tenants()
{
    return {QStringLiteral("acme"), QStringLiteral("globex"), QStringLiteral("initech"), 7,
            QStringLiteral("7")};
}

QString tenantText(const QJsonValue &tenant)
{
    return tenant.isString() ? tenant.toString() : QString::number(tenant.toInteger());
}

} // namespace

class TestTenantIsolation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void randomScopedOperationsStayInside();

private:
    void seedData();
    ServerState serverState();
    /// Whether a point of a collection belongs to the tenant, by what the server holds.
    bool belongsTo(const QString &collection, const QJsonObject &point,
                   const QJsonValue &tenant) const;
    QJsonObject randomFilter(const QJsonValue &tenant);
    QList<PointId> randomIds(int max);
    QJsonObject randomPayload();
    QString randomCollection(const QJsonValue &tenant);
    /// Runs one operation; returns the ids a read returned ({} for writes) and whether it was
    /// a write. Fails the test on an unexpected transport error.
    void runOne(int step, const ScopedPoints &points, const QJsonValue &tenant);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    QRandomGenerator m_random;
    quint64 m_nextId = 1000;
    int m_reads = 0;
    int m_writes = 0;
    int m_refused = 0;
};

void TestTenantIsolation::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = std::make_unique<ConsoleSession>();
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(ConnectionProfile::create(QStringLiteral("iso"), QUrl(m_store.baseUrl())),
                    QString());
    QVERIFY(opened.wait(10000));
    const quint32 seed = qEnvironmentVariableIsSet("MC_ISOLATION_SEED")
        ? quint32(qEnvironmentVariableIntValue("MC_ISOLATION_SEED"))
        : quint32(QDateTime::currentMSecsSinceEpoch());
    qInfo("tenant isolation seed: %u (set MC_ISOLATION_SEED to replay)", seed);
    m_random.seed(seed);
}

void TestTenantIsolation::seedData()
{
    for (const QString &name : QStringList{kShared} + kOwn) {
        m_raw->del(QStringLiteral("/collections/") + name);
        QJsonObject config = vectorsConfig(4, QStringLiteral("Cosine"));
        QCOMPARE(m_raw->put(QStringLiteral("/collections/") + name, config).status, 200);
        m_raw->put(QStringLiteral("/collections/") + name + QStringLiteral("/index?wait=true"),
                   QJsonObject{{QStringLiteral("field_name"), QStringLiteral("kind")},
                               {QStringLiteral("field_schema"), QStringLiteral("keyword")}});
    }
    const QList<QJsonValue> owners = tenants();
    QJsonArray shared;
    for (quint64 id = 1; id <= 60; ++id) {
        QJsonObject payload{{QStringLiteral("kind"), QStringLiteral("k%1").arg(id % 4)},
                            {QStringLiteral("n"), qint64(id)}};
        if (id % 12 == 0)
            ; // no tenant key: nobody's point
        else if (id % 13 == 0)
            payload.insert(kKey, QJsonArray{owners.at(0), owners.at(1)}); // shared by two
        else if (id % 17 == 0)
            payload.insert(QStringLiteral("meta"), QJsonObject{{kKey, owners.at(0)}});
        else
            payload.insert(kKey, owners.at(int(id % owners.size())));
        shared.append(QJsonObject{
            {QStringLiteral("id"), qint64(id)},
            {QStringLiteral("vector"), QJsonArray{double(id % 5) + 0.5, 1.0, -0.5, 0.25}},
            {QStringLiteral("payload"), payload}});
    }
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kShared
                            + QStringLiteral("/points?wait=true"),
                        QJsonObject{{QStringLiteral("points"), shared}})
                 .status,
             200);
    for (const QString &own : kOwn) {
        QJsonArray points;
        for (quint64 id = 1; id <= 10; ++id) {
            points.append(QJsonObject{
                {QStringLiteral("id"), qint64(id)},
                {QStringLiteral("vector"), QJsonArray{double(id), 0.5, 0.5, 1.0}},
                {QStringLiteral("payload"),
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("k%1").arg(id % 3)},
                             {kKey, owners.at(int(id % owners.size()))}}}});
        }
        QCOMPARE(m_raw->put(QStringLiteral("/collections/") + own
                                + QStringLiteral("/points?wait=true"),
                            QJsonObject{{QStringLiteral("points"), points}})
                     .status,
                 200);
    }
}

ServerState TestTenantIsolation::serverState()
{
    ServerState state;
    for (const QString &name : QStringList{kShared} + kOwn) {
        const auto response = m_raw->post(
            QStringLiteral("/collections/") + name + QStringLiteral("/points/scroll"),
            QJsonObject{{QStringLiteral("limit"), 100000},
                        {QStringLiteral("with_payload"), true},
                        {QStringLiteral("with_vector"), true}});
        if (response.status != 200)
            qFatal("scroll failed: %d", response.status);
        const QJsonArray points = response.result().toObject().value(QStringLiteral("points"))
                                      .toArray();
        for (const QJsonValue &point : points) {
            const QJsonObject object = point.toObject();
            state[name].insert(quint64(object.value(QStringLiteral("id")).toInteger()), object);
        }
    }
    return state;
}

bool TestTenantIsolation::belongsTo(const QString &collection, const QJsonObject &point,
                                    const QJsonValue &tenant) const
{
    if (collection != kShared)
        return collection == QStringLiteral("company_%1_notes").arg(tenantText(tenant));
    const QJsonValue key = point.value(QStringLiteral("payload")).toObject().value(kKey);
    // Same JSON type and value: 7 and "7" are different tenants; arrays belong to nobody.
    return key.type() == tenant.type() && key == tenant;
}

QJsonObject TestTenantIsolation::randomFilter(const QJsonValue &tenant)
{
    auto condition = [this](const QString &key, const QJsonValue &value) {
        return QJsonObject{{QStringLiteral("key"), key},
                           {QStringLiteral("match"), QJsonObject{{QStringLiteral("value"), value}}}};
    };
    const QList<QJsonValue> all = tenants();
    const QJsonValue &other = all.at(int(m_random.bounded(all.size())));
    QJsonArray someIds;
    for (const PointId &id : randomIds(8))
        someIds.append(id.toJson());
    switch (m_random.bounded(9)) {
    case 0: return {};
    case 1: return {{QStringLiteral("must"), QJsonArray{condition(QStringLiteral("kind"),
                                                                  QStringLiteral("k1"))}}};
    // Attempts to reach out: another tenant's value, every id, negations, quoted key spellings.
    case 2: return {{QStringLiteral("should"), QJsonArray{condition(kKey, other)}}};
    case 3: return {{QStringLiteral("should"),
                     QJsonArray{QJsonObject{{QStringLiteral("has_id"), someIds}}}}};
    case 4: return {{QStringLiteral("must_not"), QJsonArray{condition(kKey, tenant)}}};
    case 5: return {{QStringLiteral("must"),
                     QJsonArray{condition(QStringLiteral("\"customer_id\""), other)}}};
    case 6: return {{QStringLiteral("must"),
                     QJsonArray{QJsonObject{{QStringLiteral("is_empty"),
                                             QJsonObject{{QStringLiteral("key"), kKey}}}}}}};
    case 7: return {{QStringLiteral("should"), QJsonArray{condition(kKey, other)}},
                    {QStringLiteral("min_should"),
                     QJsonObject{{QStringLiteral("conditions"), QJsonArray{condition(kKey, other)}},
                                 {QStringLiteral("min_count"), 1}}}};
    default: return {{QStringLiteral("must"),
                      QJsonArray{condition(QStringLiteral("customer_id[]"), other)}}};
    }
}

QList<PointId> TestTenantIsolation::randomIds(int max)
{
    QList<PointId> ids;
    const int n = 1 + int(m_random.bounded(max));
    for (int i = 0; i < n; ++i)
        ids.append(PointId(1 + m_random.bounded(70)));
    return ids;
}

QJsonObject TestTenantIsolation::randomPayload()
{
    QJsonObject payload{{QStringLiteral("edited"), qint64(m_random.bounded(1000))}};
    const QList<QJsonValue> all = tenants();
    switch (m_random.bounded(4)) {
    case 0: payload.insert(kKey, all.at(int(m_random.bounded(all.size())))); break;
    case 1: payload.insert(kKey, QJsonArray{all.at(0), all.at(2)}); break;
    default: break;
    }
    return payload;
}

QString TestTenantIsolation::randomCollection(const QJsonValue &tenant)
{
    Q_UNUSED(tenant)
    const int pick = int(m_random.bounded(10));
    if (pick < 7)
        return kShared;
    return kOwn.at(pick % 2);
}

void TestTenantIsolation::runOne(int step, const ScopedPoints &points, const QJsonValue &tenant)
{
    const QString collection = randomCollection(tenant);
    const ServerState before = serverState();
    const QString context = QStringLiteral("step %1, tenant %2, %3")
                                .arg(step)
                                .arg(QString::fromUtf8(QJsonDocument(QJsonArray{tenant})
                                                           .toJson(QJsonDocument::Compact)),
                                     collection);
    auto checkReadIds = [&](const QList<PointId> &ids, const char *what) {
        for (const PointId &id : ids) {
            const QJsonObject point = before.value(collection).value(id.number());
            QVERIFY2(belongsTo(collection, point, tenant),
                     qPrintable(context + QStringLiteral(": %1 returned point %2")
                                              .arg(QLatin1String(what), id.toString())));
        }
    };
    auto expectOkOrRefused = [&](const NetError &error) {
        QVERIFY2(error.kind == NetError::Kind::Invalid,
                 qPrintable(context + QStringLiteral(": ") + error.message));
        ++m_refused;
    };

    const int kind = int(m_random.bounded(11));
    const QJsonObject filter = randomFilter(tenant);
    const bool write = kind >= 4;
    ++(write ? m_writes : m_reads);
    if (kind == 0) {
        ScrollRequest request;
        request.filter = filter;
        request.limit = 1000;
        const auto page = await<ScrollPage>(
            [&](auto done) { points.scroll(collection, request, this, done); });
        if (!page.ok())
            return expectOkOrRefused(page.error());
        QList<PointId> ids;
        for (const PointRecord &record : page.value().points)
            ids.append(record.id);
        checkReadIds(ids, "scroll");
    } else if (kind == 1) {
        CountRequest request;
        request.filter = filter;
        const auto count = await<qint64>(
            [&](auto done) { points.count(collection, request, this, done); });
        if (!count.ok())
            return expectOkOrRefused(count.error());
        qint64 owned = 0;
        for (const QJsonObject &point : before.value(collection))
            owned += belongsTo(collection, point, tenant) ? 1 : 0;
        QVERIFY2(count.value() <= owned, qPrintable(context + QStringLiteral(": count")));
    } else if (kind == 2) {
        QueryRequest request = m_random.bounded(2)
            ? QueryRequest::nearestTo({1.0f, float(m_random.bounded(3)), 0.5f, 0.0f}, 100)
            : QueryRequest::nearestToPoint(randomIds(1).first(), 100);
        request.filter = filter;
        const auto hits = await<QList<ScoredPoint>>(
            [&](auto done) { points.query(collection, request, this, done); });
        if (!hits.ok())
            return expectOkOrRefused(hits.error());
        if (request.nearest.vector.isEmpty()) {
            QVERIFY2(belongsTo(collection, before.value(collection).value(request.nearest.id.number()),
                               tenant),
                     qPrintable(context + QStringLiteral(": example of another tenant accepted")));
        }
        QList<PointId> ids;
        for (const ScoredPoint &hit : hits.value())
            ids.append(hit.id);
        checkReadIds(ids, "query");
    } else if (kind == 3) {
        const auto records = await<QList<PointRecord>>([&](auto done) {
            points.retrieve(collection, randomIds(10), PayloadSelector::all(),
                            VectorSelector::none(), this, done);
        });
        if (!records.ok())
            return expectOkOrRefused(records.error());
        QList<PointId> ids;
        for (const PointRecord &record : records.value())
            ids.append(record.id);
        checkReadIds(ids, "retrieve");
    } else {
        Result<UpdateResult> result = NetError();
        auto run = [&](auto start) { result = await<UpdateResult>(start); };
        switch (kind) {
        case 4: run([&](auto d) { points.setPayload(collection, randomIds(6), randomPayload(), this, d); }); break;
        case 5: run([&](auto d) { points.overwritePayload(collection, randomIds(4), randomPayload(), this, d); }); break;
        case 6: run([&](auto d) { points.deletePayloadKeys(collection, randomIds(6), {m_random.bounded(2) ? QStringLiteral("n") : kKey}, this, d); }); break;
        case 7: run([&](auto d) { points.deletePoints(collection, randomIds(3), this, d); }); break;
        case 8: run([&](auto d) { points.setPayloadWhere(collection, filter, randomPayload(), this, d); }); break;
        case 9: run([&](auto d) { points.deletePointsWhere(collection, filter, this, d); }); break;
        default: {
            QList<PointStruct> batch;
            for (int i = 0; i < 3; ++i) {
                PointStruct point;
                point.id = m_random.bounded(2) ? PointId(m_nextId++) : randomIds(1).first();
                point.vectors.insert(QString(), {0.5f, 0.5f, float(i), 1.0f});
                point.payload = randomPayload();
                batch.append(point);
            }
            const auto upsert = await<UpsertSummary>(
                [&](auto d) { points.upsert(collection, batch, this, {}, d); });
            result = upsert.ok() ? Result<UpdateResult>(UpdateResult()) : upsert.error();
        }
        }
        if (!result.ok())
            expectOkOrRefused(result.error());
    }
    if (!write)
        return;
    // Nothing that was not the tenant's changed; whatever is new is the tenant's.
    const ServerState after = serverState();
    for (auto c = before.cbegin(); c != before.cend(); ++c) {
        for (auto p = c.value().cbegin(); p != c.value().cend(); ++p) {
            if (belongsTo(c.key(), p.value(), tenant))
                continue;
            QVERIFY2(after.value(c.key()).value(p.key()) == p.value(),
                     qPrintable(context + QStringLiteral(": point %1 of %2 changed")
                                              .arg(p.key())
                                              .arg(c.key())));
        }
    }
    for (auto c = after.cbegin(); c != after.cend(); ++c) {
        for (auto p = c.value().cbegin(); p != c.value().cend(); ++p) {
            if (before.value(c.key()).contains(p.key()))
                continue;
            QVERIFY2(belongsTo(c.key(), p.value(), tenant),
                     qPrintable(context + QStringLiteral(": new point %1 in %2 not the tenant's")
                                              .arg(p.key())
                                              .arg(c.key())));
        }
    }
}

void TestTenantIsolation::randomScopedOperationsStayInside()
{
    const CollectionPattern pattern =
        CollectionPattern::parse(QStringLiteral("company_{id}_{type}")).value();
    const int operations = qEnvironmentVariableIsSet("MC_ISOLATION_OPS")
        ? qEnvironmentVariableIntValue("MC_ISOLATION_OPS")
        : 2000;
    for (int step = 0; step < operations; ++step) {
        if (step % 150 == 0)
            seedData(); // deletes thin the data out: start again now and then
        const QList<QJsonValue> all = tenants();
        const QJsonValue &tenant = all.at(int(m_random.bounded(all.size())));
        const auto scope = TenantScope::forTenant(tenant, kKey, pattern);
        QVERIFY2(scope.ok(), errorOf(scope));
        runOne(step, ScopedPoints(m_session->client(), scope.value(), false), tenant);
        if (QTest::currentTestFailed())
            return;
    }
    qInfo("%d reads, %d writes; %d refused by the scope, %d sent to the server", m_reads,
          m_writes, m_refused, operations - m_refused);
    QCOMPARE(m_reads + m_writes, operations);
    // The issue asks for at least 1,000 operations that reach the server, reads and writes.
    if (operations >= 2000)
        QVERIFY2(operations - m_refused >= 1000, "too few operations reached the server");
    QVERIFY(m_writes > operations / 3);
}

QTEST_MAIN(TestTenantIsolation)
#include "tst_tenantisolation.moc"
