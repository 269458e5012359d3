// CollectionTemplate (the create body and payload indexes of the agent-memory schemas, or of a
// collection from scratch) and CollectionTemplateJob against a real memory-store: what the
// server holds afterwards is read back with a plain client.

#include "collectiontemplate.h"
#include "collectiontemplatejob.h"
#include "consolesession.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

const AgentMemorySchema &schemaOf(const QString &type)
{
    for (const AgentMemorySchema &schema : agentMemorySchemas()) {
        if (schema.collectionType == type)
            return schema;
    }
    qFatal("no schema %s", qPrintable(type));
}

QJsonValue indexOf(const CollectionTemplate &t, const QString &field)
{
    for (const CollectionTemplate::Index &index : t.indexes()) {
        if (index.field == field)
            return index.schema;
    }
    return QJsonValue(QJsonValue::Undefined);
}

QJsonValue json(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(text ? QString::fromUtf8(text) : QString());
    return list;
}

CollectionPattern companyPattern()
{
    return CollectionPattern::parse(QStringLiteral("company_{id}_{type}")).value();
}

} // namespace

class TestCollectionTemplate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void indexesFollowTheSchema_data();
    void indexesFollowTheSchema();
    void schemaBodyIsOneCosineVector();
    void fromVectorsChecksWhatItIsGiven_data();
    void fromVectorsChecksWhatItIsGiven();
    void namedVectorsMakeANamedBody();
    void nameProblems_data();
    void nameProblems();

    void templateCreatesCollectionAndIndexes_data();
    void templateCreatesCollectionAndIndexes();
    void failedIndexLeavesTheCollectionAsCreated();
    void existingCollectionIsNotTouched();
    void readOnlyProfileSendsNothing();
    void tenantScopeRefusesAnotherTenantsName();

private:
    /// Runs a job to its end; true when created() came.
    bool runJob(const ScopedAdmin &admin, const QString &name, const CollectionTemplate &plan,
                NetError *error = nullptr, bool *collectionCreated = nullptr,
                int *progressReports = nullptr);
    QJsonObject serverInfo(const QString &name);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
};

void TestCollectionTemplate::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = std::make_unique<ConsoleSession>();
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(ConnectionProfile::create(QStringLiteral("test"), QUrl(m_store.baseUrl())),
                    QString());
    QVERIFY(opened.wait(10000));
}

void TestCollectionTemplate::indexesFollowTheSchema_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("expected");
    const QJsonValue none(QJsonValue::Undefined);
    const QString cost = QStringLiteral("cost_optimization_knowledge");
    const QString perf = QStringLiteral("performance_patterns");
    const QString customer = QStringLiteral("customer_context");
    const QJsonObject tenant{{QStringLiteral("type"), QStringLiteral("keyword")},
                             {QStringLiteral("is_tenant"), true}};
    QTest::newRow("cost tenant key") << cost << "customer_id" << QJsonValue(tenant);
    QTest::newRow("cost uuid as keyword") << cost << "optimization_id" << json("keyword");
    QTest::newRow("cost enum") << cost << "outcome" << json("keyword");
    QTest::newRow("cost float") << cost << "savings_percent" << json("float");
    QTest::newRow("cost score") << cost << "confidence_score" << json("float");
    QTest::newRow("cost date") << cost << "execution_date" << json("datetime");
    QTest::newRow("cost embedded text") << cost << "decision_context" << json("text");
    QTest::newRow("cost notes") << cost << "lessons_learned" << none;
    QTest::newRow("perf tenant key") << perf << "customer_id" << QJsonValue(tenant);
    QTest::newRow("perf bool") << perf << "replicable" << json("bool");
    QTest::newRow("perf object") << perf << "config_changes" << none;
    QTest::newRow("perf embedded problem") << perf << "problem_description" << json("text");
    QTest::newRow("perf embedded solution") << perf << "solution_description"
                                            << json("text");
    QTest::newRow("perf model") << perf << "model_name" << json("keyword");
    QTest::newRow("customer tenant key") << customer << "customer_id" << QJsonValue(tenant);
    QTest::newRow("customer list") << customer << "applies_to_agents" << json("keyword");
    QTest::newRow("customer content") << customer << "content" << json("text");
    QTest::newRow("customer updated") << customer << "updated_at" << json("datetime");
    QTest::newRow("customer examples") << customer << "examples" << none;
}

void TestCollectionTemplate::indexesFollowTheSchema()
{
    QFETCH(QString, type);
    QFETCH(QString, field);
    QFETCH(QJsonValue, expected);
    const CollectionTemplate t = CollectionTemplate::fromSchema(schemaOf(type));
    QCOMPARE(indexOf(t, field), expected);
}

void TestCollectionTemplate::schemaBodyIsOneCosineVector()
{
    for (const AgentMemorySchema &schema : agentMemorySchemas()) {
        const CollectionTemplate t = CollectionTemplate::fromSchema(schema);
        QCOMPARE(t.collectionType(), schema.collectionType);
        const QJsonObject expected{
            {QStringLiteral("vectors"), QJsonObject{{QStringLiteral("size"), 1536},
                                                    {QStringLiteral("distance"),
                                                     QStringLiteral("Cosine")}}}};
        QCOMPARE(t.createBody(), expected);
        // Exactly one tenant index, on customer_id.
        int tenants = 0;
        for (const CollectionTemplate::Index &index : t.indexes())
            tenants += index.isTenant() ? 1 : 0;
        QCOMPARE(tenants, 1);
    }
    const CollectionTemplate smaller = CollectionTemplate::fromSchema(agentMemorySchemas().at(0),
                                                                      384);
    QCOMPARE(smaller.vectors().value(QString()).size, 384);
    QCOMPARE(CollectionTemplate::describeVectors(smaller.vectors()),
             QStringLiteral("384 · Cosine"));
}

void TestCollectionTemplate::fromVectorsChecksWhatItIsGiven_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<int>>("sizes");
    QTest::addColumn<QStringList>("distances");
    QTest::addColumn<bool>("ok");
    QTest::newRow("one unnamed") << strings({nullptr}) << QList<int>{4}
                                 << strings({"Dot"}) << true;
    QTest::newRow("two named") << strings({"image", "text"}) << QList<int>{512, 1536}
                               << strings({"Euclid", "Cosine"}) << true;
    QTest::newRow("none") << QStringList() << QList<int>{} << QStringList() << false;
    QTest::newRow("unnamed and named") << strings({nullptr, "text"}) << QList<int>{4, 4}
                                       << strings({"Dot", "Dot"}) << false;
    QTest::newRow("size zero") << strings({nullptr}) << QList<int>{0}
                               << strings({"Dot"}) << false;
    QTest::newRow("size too large") << strings({nullptr}) << QList<int>{70000}
                                    << strings({"Dot"}) << false;
    QTest::newRow("unknown distance") << strings({nullptr}) << QList<int>{4}
                                      << strings({"cosine"}) << false;
    QTest::newRow("spaces around a name") << strings({" text"}) << QList<int>{4}
                                          << strings({"Dot"}) << false;
}

void TestCollectionTemplate::fromVectorsChecksWhatItIsGiven()
{
    QFETCH(QStringList, names);
    QFETCH(QList<int>, sizes);
    QFETCH(QStringList, distances);
    QFETCH(bool, ok);
    QMap<QString, VectorParams> vectors;
    for (int i = 0; i < names.size(); ++i)
        vectors.insert(names.at(i), VectorParams{sizes.at(i), distances.at(i)});
    const Result<CollectionTemplate> t = CollectionTemplate::fromVectors(vectors);
    QCOMPARE(t.ok(), ok);
    if (!ok) {
        QCOMPARE(t.error().kind, NetError::Kind::Invalid);
        QVERIFY(!t.error().message.isEmpty());
    } else {
        QVERIFY(t.value().indexes().isEmpty());
    }
}

void TestCollectionTemplate::namedVectorsMakeANamedBody()
{
    const auto t = CollectionTemplate::fromVectors(
        {{QStringLiteral("text"), VectorParams{1536, QStringLiteral("Cosine")}},
         {QStringLiteral("image"), VectorParams{512, QStringLiteral("Dot")}}});
    QVERIFY(t.ok());
    const QJsonObject vectors = t.value().createBody().value(QStringLiteral("vectors")).toObject();
    QCOMPARE(vectors.keys(), strings({"image", "text"}));
    QCOMPARE(vectors.value(QStringLiteral("image")).toObject().value(QStringLiteral("size")), 512);
    QCOMPARE(CollectionTemplate::describeVectors(t.value().vectors()),
             QStringLiteral("image: 512 · Dot, text: 1536 · Cosine"));
}

void TestCollectionTemplate::nameProblems_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::newRow("plain") << QStringLiteral("customer_context") << true;
    QTest::newRow("prefixed") << QStringLiteral("company_42_customer_context") << true;
    QTest::newRow("unicode") << QStringLiteral("notizen_über") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("backslash") << QStringLiteral("a\\b") << false;
    QTest::newRow("question mark") << QStringLiteral("a?b") << false;
    QTest::newRow("leading space") << QStringLiteral(" a") << false;
    QTest::newRow("control") << QStringLiteral("a\tb") << false;
    QTest::newRow("too long") << QString(256, QLatin1Char('x')) << false;
}

void TestCollectionTemplate::nameProblems()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    QCOMPARE(CollectionTemplate::nameProblem(name).isEmpty(), ok);
}

bool TestCollectionTemplate::runJob(const ScopedAdmin &admin, const QString &name,
                                    const CollectionTemplate &plan, NetError *error,
                                    bool *collectionCreated, int *progressReports)
{
    CollectionTemplateJob job;
    QSignalSpy created(&job, &CollectionTemplateJob::created);
    QSignalSpy failed(&job, &CollectionTemplateJob::failed);
    QSignalSpy progressed(&job, &CollectionTemplateJob::progressed);
    if (!job.start(admin, name, plan))
        return false;
    if (!QTest::qWaitFor([&] { return created.size() + failed.size() > 0; }, 20000))
        return false;
    if (progressReports)
        *progressReports = int(progressed.size());
    if (!failed.isEmpty()) {
        if (error)
            *error = failed.at(0).at(0).value<NetError>();
        if (collectionCreated)
            *collectionCreated = failed.at(0).at(1).toBool();
        return false;
    }
    return created.at(0).at(0).toString() == name && !job.isRunning();
}

QJsonObject TestCollectionTemplate::serverInfo(const QString &name)
{
    const auto response = m_raw->get(QStringLiteral("/collections/") + name);
    return response.status == 200 ? response.result().toObject() : QJsonObject();
}

void TestCollectionTemplate::templateCreatesCollectionAndIndexes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("tenantPrefixed");
    for (const AgentMemorySchema &schema : agentMemorySchemas()) {
        QTest::newRow(qPrintable(schema.collectionType)) << schema.collectionType << false;
        QTest::newRow(qPrintable(schema.collectionType + QStringLiteral(" for tenant acme")))
            << schema.collectionType << true;
    }
}

void TestCollectionTemplate::templateCreatesCollectionAndIndexes()
{
    QFETCH(QString, type);
    QFETCH(bool, tenantPrefixed);
    TenantScope scope = TenantScope::allTenants();
    QString name = type;
    if (tenantPrefixed) {
        // The tenant's own collection, named as the tenant scope names it.
        scope = TenantScope::forTenant(QStringLiteral("acme"), QStringLiteral("customer_id"),
                                       companyPattern()).value();
        const Result<QString> own = scope.collectionForType(type);
        QVERIFY(own.ok());
        name = own.value();
        QCOMPARE(name, QStringLiteral("company_acme_") + type);
    }
    m_raw->del(QStringLiteral("/collections/") + name);
    const CollectionTemplate plan = CollectionTemplate::fromSchema(schemaOf(type));
    NetError error;
    int reports = 0;
    QVERIFY2(runJob(ScopedAdmin(m_session->client(), scope, false), name, plan, &error, nullptr,
                    &reports),
             qPrintable(error.message));
    // One report before each request, one at the end.
    QCOMPARE(reports, 1 + int(plan.indexes().size()) + 1);

    const QJsonObject info = serverInfo(name);
    const QJsonObject vectors = info.value(QStringLiteral("config")).toObject()
                                    .value(QStringLiteral("params")).toObject()
                                    .value(QStringLiteral("vectors")).toObject();
    QCOMPARE(vectors.value(QStringLiteral("size")).toInt(), 1536);
    QCOMPARE(vectors.value(QStringLiteral("distance")).toString(), QStringLiteral("Cosine"));
    const QJsonObject payloadSchema = info.value(QStringLiteral("payload_schema")).toObject();
    QCOMPARE(payloadSchema.size(), plan.indexes().size());
    for (const CollectionTemplate::Index &index : plan.indexes()) {
        const QJsonObject entry = payloadSchema.value(index.field).toObject();
        QVERIFY2(!entry.isEmpty(), qPrintable(index.field));
        QCOMPARE(entry.value(QStringLiteral("data_type")).toString(), index.type());
        const bool isTenant = entry.value(QStringLiteral("params")).toObject()
                                  .value(QStringLiteral("is_tenant")).toBool();
        QCOMPARE(isTenant, index.field == QStringLiteral("customer_id"));
    }
    QCOMPARE(payloadSchema.value(QStringLiteral("customer_id")).toObject()
                 .value(QStringLiteral("data_type")).toString(),
             QStringLiteral("keyword"));
    m_raw->del(QStringLiteral("/collections/") + name);
}

void TestCollectionTemplate::failedIndexLeavesTheCollectionAsCreated()
{
    const QString name = QStringLiteral("half_made");
    m_raw->del(QStringLiteral("/collections/") + name);
    CollectionTemplate plan = CollectionTemplate::fromSchema(schemaOf(
        QStringLiteral("customer_context")));
    const int good = int(plan.indexes().size());
    plan.addIndex(QStringLiteral("broken"), QStringLiteral("no_such_index_type"));
    plan.addIndex(QStringLiteral("after_broken"), QStringLiteral("keyword"));
    NetError error;
    bool collectionCreated = false;
    QVERIFY(!runJob(ScopedAdmin(m_session->client(), TenantScope::allTenants(), false), name, plan,
                    &error, &collectionCreated));
    QVERIFY(collectionCreated);
    QCOMPARE(error.kind, NetError::Kind::Http);
    QVERIFY2(error.message.contains(QStringLiteral("broken")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("left as it is")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("%1 of its %2").arg(good).arg(good + 2)),
             qPrintable(error.message));
    // The collection stays, with the indexes made before the failure and none after it.
    const QJsonObject payloadSchema = serverInfo(name).value(QStringLiteral("payload_schema"))
                                          .toObject();
    QCOMPARE(payloadSchema.size(), good);
    QVERIFY(!payloadSchema.contains(QStringLiteral("after_broken")));
}

void TestCollectionTemplate::existingCollectionIsNotTouched()
{
    const QString name = QStringLiteral("already_here");
    m_raw->del(QStringLiteral("/collections/") + name);
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + name,
                        vectorsConfig(4, QStringLiteral("Dot"))).status, 200);
    NetError error;
    bool collectionCreated = true;
    QVERIFY(!runJob(ScopedAdmin(m_session->client(), TenantScope::allTenants(), false), name,
                    CollectionTemplate::fromSchema(agentMemorySchemas().at(0)), &error,
                    &collectionCreated));
    QVERIFY(!collectionCreated);
    QVERIFY2(error.message.contains(QStringLiteral("was not created")), qPrintable(error.message));
    const QJsonObject info = serverInfo(name);
    QCOMPARE(info.value(QStringLiteral("config")).toObject().value(QStringLiteral("params"))
                 .toObject().value(QStringLiteral("vectors")).toObject()
                 .value(QStringLiteral("size")).toInt(), 4);
    QVERIFY(info.value(QStringLiteral("payload_schema")).toObject().isEmpty());
}

void TestCollectionTemplate::readOnlyProfileSendsNothing()
{
    const QString name = QStringLiteral("read_only_attempt");
    m_raw->del(QStringLiteral("/collections/") + name);
    NetError error;
    bool collectionCreated = true;
    QVERIFY(!runJob(ScopedAdmin(m_session->client(), TenantScope::allTenants(), true), name,
                    CollectionTemplate::fromSchema(agentMemorySchemas().at(1)), &error,
                    &collectionCreated));
    QVERIFY(!collectionCreated);
    QCOMPARE(error.kind, NetError::Kind::Invalid);
    QVERIFY2(error.message.contains(QStringLiteral("read-only")), qPrintable(error.message));
    QCOMPARE(m_raw->get(QStringLiteral("/collections/") + name).status, 404);
}

void TestCollectionTemplate::tenantScopeRefusesAnotherTenantsName()
{
    const QString name = QStringLiteral("company_globex_customer_context");
    m_raw->del(QStringLiteral("/collections/") + name);
    const TenantScope acme = TenantScope::forTenant(QStringLiteral("acme"),
                                                    QStringLiteral("customer_id"),
                                                    companyPattern()).value();
    NetError error;
    QVERIFY(!runJob(ScopedAdmin(m_session->client(), acme, false), name,
                    CollectionTemplate::fromSchema(agentMemorySchemas().at(2)), &error));
    QCOMPARE(error.kind, NetError::Kind::Invalid);
    QCOMPARE(m_raw->get(QStringLiteral("/collections/") + name).status, 404);
}

QTEST_GUILESS_MAIN(TestCollectionTemplate)
#include "tst_collectiontemplate.moc"
