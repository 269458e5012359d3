// ScopedPoints and ScopedAdmin against a real memory-store: what a tenant scope lets through,
// checked on the server's side with a plain client that knows nothing of scopes.

#include "consolesession.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString kShared = QStringLiteral("shared_memory");
const QString kAcmeOwn = QStringLiteral("company_acme_notes");
const QString kGlobexOwn = QStringLiteral("company_globex_notes");

QJsonObject pointJson(quint64 id, const QJsonValue &customer, const QString &text)
{
    QJsonObject payload{{QStringLiteral("text"), text}};
    if (!customer.isUndefined())
        payload.insert(QStringLiteral("customer_id"), customer);
    return {{QStringLiteral("id"), qint64(id)},
            {QStringLiteral("vector"), QJsonArray{double(id), 1.0, 0.5, -0.25}},
            {QStringLiteral("payload"), payload}};
}

QList<float> vec(float a) { return {a, 1.0f, 0.5f, -0.25f}; }

} // namespace

class TestScopedPoints : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void scrollSeesOnlyTheTenant();
    void userFilterCannotWidenTheScope();
    void retrieveLeavesOtherTenantsOut();
    void setPayloadByIdsTouchesOnlyTheTenant();
    void tenantKeyCannotBeChanged();
    void deleteByIdsAndByFilterStayInside();
    void upsertStampsAndRefusesForeignIds();
    void queryByExampleRefusesForeignPoints();
    void ownCollectionsAndOthers();
    void readOnlyRefusesEveryWriteBeforeSending();
    void noTenantRefusesEverything();
    void adminListsOnlyCoveredCollections();

private:
    /// The payload of a point as the server has it; undefined when the point is gone.
    QJsonValue serverPayload(const QString &collection, quint64 id);
    ScopedPoints tenant(const QJsonValue &value, bool readOnly = false);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
};

void TestScopedPoints::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = std::make_unique<ConsoleSession>();
    ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("test"),
                                                          QUrl(m_store.baseUrl()));
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(profile, QString());
    QVERIFY(opened.wait(10000));
}

void TestScopedPoints::init()
{
    // A fresh layout per test: 3 tenants in a shared collection (one also as the integer 42,
    // one point without a key, one shared by two tenants) and two tenants' own collections.
    for (const QString &name : {kShared, kAcmeOwn, kGlobexOwn}) {
        m_raw->del(QStringLiteral("/collections/") + name);
        QCOMPARE(m_raw->put(QStringLiteral("/collections/") + name, vectorsConfig(4, QStringLiteral("Dot")))
                     .status,
                 200);
    }
    const QJsonArray shared{
        pointJson(1, QStringLiteral("acme"), QStringLiteral("a1")),
        pointJson(2, QStringLiteral("acme"), QStringLiteral("a2")),
        pointJson(3, QStringLiteral("globex"), QStringLiteral("g3")),
        pointJson(4, QStringLiteral("globex"), QStringLiteral("g4")),
        pointJson(5, 42, QStringLiteral("int42")),
        pointJson(6, QStringLiteral("42"), QStringLiteral("str42")),
        pointJson(7, QJsonValue::Undefined, QStringLiteral("nokey")),
        pointJson(8, QJsonArray{QStringLiteral("acme"), QStringLiteral("globex")},
                  QStringLiteral("both")),
    };
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kShared + QStringLiteral("/points?wait=true"),
                        QJsonObject{{QStringLiteral("points"), shared}})
                 .status,
             200);
    // Facets need an index, as in Qdrant.
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kShared
                            + QStringLiteral("/index?wait=true"),
                        QJsonObject{{QStringLiteral("field_name"), QStringLiteral("text")},
                                    {QStringLiteral("field_schema"), QStringLiteral("keyword")}})
                 .status,
             200);
    for (const QString &own : {kAcmeOwn, kGlobexOwn}) {
        const QJsonArray points{pointJson(1, QStringLiteral("someone"), own),
                                pointJson(2, QJsonValue::Undefined, own)};
        QCOMPARE(m_raw->put(QStringLiteral("/collections/") + own + QStringLiteral("/points?wait=true"),
                            QJsonObject{{QStringLiteral("points"), points}})
                     .status,
                 200);
    }
}

QJsonValue TestScopedPoints::serverPayload(const QString &collection, quint64 id)
{
    const auto response = m_raw->get(QStringLiteral("/collections/%1/points/%2")
                                         .arg(collection)
                                         .arg(id));
    if (response.status == 404)
        return QJsonValue::Undefined;
    return response.result().toObject().value(QStringLiteral("payload"));
}

ScopedPoints TestScopedPoints::tenant(const QJsonValue &value, bool readOnly)
{
    auto scope = TenantScope::forTenant(value, QStringLiteral("customer_id"),
                                        CollectionPattern::parse(QStringLiteral("company_{id}_{type}")).value());
    if (!scope.ok())
        qFatal("bad scope: %s", qPrintable(scope.error().message));
    return ScopedPoints(m_session->client(), scope.value(), readOnly);
}

static QList<quint64> idsOf(const QList<PointRecord> &records)
{
    QList<quint64> ids;
    for (const PointRecord &record : records)
        ids.append(record.id.number());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void TestScopedPoints::scrollSeesOnlyTheTenant()
{
    ScrollRequest request;
    request.limit = 100;
    const auto acme = await<ScrollPage>([&](auto done) {
        tenant(QStringLiteral("acme")).scroll(kShared, request, this, done);
    });
    QVERIFY2(acme.ok(), errorOf(acme));
    QCOMPARE(idsOf(acme.value().points), (QList<quint64>{1, 2}));
    // The integer 42 and the string "42" are different tenants.
    const auto int42 = await<ScrollPage>(
        [&](auto done) { tenant(42).scroll(kShared, request, this, done); });
    QCOMPARE(idsOf(int42.value().points), (QList<quint64>{5}));
    const auto count = await<qint64>([&](auto done) {
        tenant(QStringLiteral("globex")).count(kShared, CountRequest(), this, done);
    });
    QCOMPARE(count.value(), 2);
}

void TestScopedPoints::userFilterCannotWidenTheScope()
{
    // A should that names every point, and a must_not that excludes the tenant: neither may
    // bring in another tenant's points.
    CountRequest request;
    request.filter = {{QStringLiteral("should"),
                       QJsonArray{QJsonObject{{QStringLiteral("has_id"),
                                               QJsonArray{1, 2, 3, 4, 5, 6, 7, 8}}}}}};
    const auto count = await<qint64>([&](auto done) {
        tenant(QStringLiteral("acme")).count(kShared, request, this, done);
    });
    QCOMPARE(count.value(), 2);
    FacetRequest facet;
    facet.key = QStringLiteral("text");
    facet.limit = 100;
    const auto hits = await<QList<FacetHit>>([&](auto done) {
        tenant(QStringLiteral("acme")).facet(kShared, facet, this, done);
    });
    QVERIFY2(hits.ok(), errorOf(hits));
    QStringList texts;
    for (const FacetHit &hit : hits.value())
        texts.append(hit.value.toString());
    texts.sort();
    QCOMPARE(texts, (QStringList{QStringLiteral("a1"), QStringLiteral("a2")}));
}

void TestScopedPoints::retrieveLeavesOtherTenantsOut()
{
    const auto records = await<QList<PointRecord>>([&](auto done) {
        tenant(QStringLiteral("acme")).retrieve(kShared, {1, 3, 5, 7, 8, 99},
                                                PayloadSelector::all(), VectorSelector::none(),
                                                this, done);
    });
    QVERIFY2(records.ok(), errorOf(records));
    QCOMPARE(idsOf(records.value()), (QList<quint64>{1}));
}

void TestScopedPoints::setPayloadByIdsTouchesOnlyTheTenant()
{
    const QJsonObject change{{QStringLiteral("reviewed"), true}};
    const auto result = await<UpdateResult>([&](auto done) {
        tenant(QStringLiteral("acme")).setPayload(kShared, {1, 3, 7, 8}, change, this, done);
    });
    QVERIFY2(result.ok(), errorOf(result));
    QVERIFY(serverPayload(kShared, 1).toObject().value(QStringLiteral("reviewed")).toBool());
    for (quint64 id : {3, 7, 8})
        QVERIFY(!serverPayload(kShared, id).toObject().contains(QStringLiteral("reviewed")));
}

void TestScopedPoints::tenantKeyCannotBeChanged()
{
    const QJsonObject steal{{QStringLiteral("customer_id"), QStringLiteral("globex")}};
    const auto set = await<UpdateResult>([&](auto done) {
        tenant(QStringLiteral("acme")).setPayload(kShared, {1}, steal, this, done);
    });
    QVERIFY(!set.ok());
    QCOMPARE(set.error().kind, NetError::Kind::Invalid);
    const auto removal = await<UpdateResult>([&](auto done) {
        tenant(QStringLiteral("acme")).deletePayloadKeys(
            kShared, {1}, {QStringLiteral("customer_id")}, this, done);
    });
    QVERIFY(!removal.ok());
    QCOMPARE(serverPayload(kShared, 1).toObject().value(QStringLiteral("customer_id")),
             QJsonValue(QStringLiteral("acme")));
    // Overwrite keeps the key: it is stamped in.
    const auto overwrite = await<UpdateResult>([&](auto done) {
        tenant(QStringLiteral("acme")).overwritePayload(
            kShared, {2}, QJsonObject{{QStringLiteral("text"), QStringLiteral("new")}}, this,
            done);
    });
    QVERIFY2(overwrite.ok(), errorOf(overwrite));
    QCOMPARE(serverPayload(kShared, 2).toObject(),
             (QJsonObject{{QStringLiteral("text"), QStringLiteral("new")},
                          {QStringLiteral("customer_id"), QStringLiteral("acme")}}));
}

void TestScopedPoints::deleteByIdsAndByFilterStayInside()
{
    const auto byIds = await<UpdateResult>([&](auto done) {
        tenant(QStringLiteral("globex")).deletePoints(kShared, {1, 3, 7}, this, done);
    });
    QVERIFY2(byIds.ok(), errorOf(byIds));
    QVERIFY(serverPayload(kShared, 3).isUndefined());
    QVERIFY(!serverPayload(kShared, 1).isUndefined());
    QVERIFY(!serverPayload(kShared, 7).isUndefined());
    // An empty filter means "all of the tenant's points", never all points.
    const auto all = await<UpdateResult>([&](auto done) {
        tenant(QStringLiteral("acme")).deletePointsWhere(kShared, QJsonObject(), this, done);
    });
    QVERIFY2(all.ok(), errorOf(all));
    QVERIFY(serverPayload(kShared, 1).isUndefined());
    QVERIFY(serverPayload(kShared, 2).isUndefined());
    for (quint64 id : {4, 5, 6, 7, 8})
        QVERIFY2(!serverPayload(kShared, id).isUndefined(), qPrintable(QString::number(id)));
}

void TestScopedPoints::upsertStampsAndRefusesForeignIds()
{
    PointStruct fresh;
    fresh.id = PointId(100);
    fresh.vectors.insert(QString(), vec(1));
    fresh.payload = {{QStringLiteral("text"), QStringLiteral("new note")}};
    const auto ok = await<UpsertSummary>([&](auto done) {
        tenant(QStringLiteral("acme")).upsert(kShared, {fresh}, this, {}, done);
    });
    QVERIFY2(ok.ok(), errorOf(ok));
    QCOMPARE(serverPayload(kShared, 100).toObject().value(QStringLiteral("customer_id")),
             QJsonValue(QStringLiteral("acme")));

    // Id 3 is globex's, id 7 has no tenant: taking either over is refused, nothing written.
    for (quint64 foreign : {3, 7}) {
        PointStruct takeover = fresh;
        takeover.id = PointId(foreign);
        PointStruct another = fresh;
        another.id = PointId(101);
        const auto refused = await<UpsertSummary>([&](auto done) {
            tenant(QStringLiteral("acme")).upsert(kShared, {another, takeover}, this, {}, done);
        });
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, NetError::Kind::Invalid);
        QVERIFY(serverPayload(kShared, 101).isUndefined());
        QVERIFY(serverPayload(kShared, foreign).toObject().value(QStringLiteral("text"))
                != QJsonValue(QStringLiteral("new note")));
    }
    // A payload naming another tenant is refused too.
    PointStruct wrongKey = fresh;
    wrongKey.payload.insert(QStringLiteral("customer_id"), QStringLiteral("globex"));
    const auto wrong = await<UpsertSummary>([&](auto done) {
        tenant(QStringLiteral("acme")).upsert(kShared, {wrongKey}, this, {}, done);
    });
    QVERIFY(!wrong.ok());
}

void TestScopedPoints::queryByExampleRefusesForeignPoints()
{
    const auto foreign = await<QList<ScoredPoint>>([&](auto done) {
        tenant(QStringLiteral("acme")).query(kShared, QueryRequest::nearestToPoint(PointId(3)),
                                             this, done);
    });
    QVERIFY(!foreign.ok());
    QCOMPARE(foreign.error().kind, NetError::Kind::Invalid);

    QueryRequest similar = QueryRequest::nearestToPoint(PointId(1), 10);
    similar.withPayload = PayloadSelector::all();
    const auto own = await<QList<ScoredPoint>>([&](auto done) {
        tenant(QStringLiteral("acme")).query(kShared, similar, this, done);
    });
    QVERIFY2(own.ok(), errorOf(own));
    // Only acme's other point: the example itself is left out, as Qdrant does.
    QCOMPARE(own.value().size(), 1);
    QCOMPARE(own.value().first().id, PointId(2));

    const auto byVector = await<QList<ScoredPoint>>([&](auto done) {
        tenant(QStringLiteral("globex")).query(kShared, QueryRequest::nearestTo(vec(5), 10),
                                               this, done);
    });
    QVERIFY2(byVector.ok(), errorOf(byVector));
    QCOMPARE(byVector.value().size(), 2);
    for (const ScoredPoint &hit : byVector.value())
        QVERIFY(hit.id == PointId(3) || hit.id == PointId(4));
}

void TestScopedPoints::ownCollectionsAndOthers()
{
    ScrollRequest request;
    request.limit = 10;
    // The tenant's own collection holds only its points, whatever their customer_id says.
    const auto own = await<ScrollPage>([&](auto done) {
        tenant(QStringLiteral("acme")).scroll(kAcmeOwn, request, this, done);
    });
    QVERIFY2(own.ok(), errorOf(own));
    QCOMPARE(own.value().points.size(), 2);
    const auto other = await<ScrollPage>([&](auto done) {
        tenant(QStringLiteral("acme")).scroll(kGlobexOwn, request, this, done);
    });
    QVERIFY(!other.ok());
    const auto deleted = await<UpdateResult>([&](auto done) {
        tenant(QStringLiteral("acme")).deletePointsWhere(kGlobexOwn, {}, this, done);
    });
    QVERIFY(!deleted.ok());
    QVERIFY(!serverPayload(kGlobexOwn, 1).isUndefined());
}

void TestScopedPoints::readOnlyRefusesEveryWriteBeforeSending()
{
    QSignalSpy logged(m_session.get(), &ConsoleSession::requestLogged);
    const ScopedPoints readOnly = tenant(QStringLiteral("acme"), true);
    const auto set = await<UpdateResult>([&](auto done) {
        readOnly.setPayload(kShared, {1}, {{QStringLiteral("x"), 1}}, this, done);
    });
    const auto del = await<UpdateResult>(
        [&](auto done) { readOnly.deletePointsWhere(kShared, {}, this, done); });
    PointStruct point;
    point.id = PointId(200);
    point.vectors.insert(QString(), vec(2));
    const auto upsert = await<UpsertSummary>(
        [&](auto done) { readOnly.upsert(kShared, {point}, this, {}, done); });
    for (const NetError &error : {set.error(), del.error(), upsert.error()}) {
        QCOMPARE(error.kind, NetError::Kind::Invalid);
        QVERIFY2(error.message.contains(QStringLiteral("read-only")), qPrintable(error.message));
    }
    QCOMPARE(logged.count(), 0); // nothing reached the network
    // Reads still work.
    const auto count = await<qint64>(
        [&](auto done) { readOnly.count(kShared, CountRequest(), this, done); });
    QCOMPARE(count.value(), 2);
    const ScopedAdmin admin(m_session->client(), TenantScope::allTenants(), true);
    const auto drop = await<bool>(
        [&](auto done) { admin.deleteCollection(kShared, this, done); });
    QVERIFY(!drop.ok());
    QCOMPARE(m_raw->get(QStringLiteral("/collections/") + kShared).status, 200);
}

void TestScopedPoints::noTenantRefusesEverything()
{
    const ScopedPoints none(m_session->client(), TenantScope(), false);
    const auto count = await<qint64>(
        [&](auto done) { none.count(kShared, CountRequest(), this, done); });
    QVERIFY(!count.ok());
    QCOMPARE(count.error().kind, NetError::Kind::Invalid);
    const auto del = await<UpdateResult>(
        [&](auto done) { none.deletePoints(kShared, {1}, this, done); });
    QVERIFY(!del.ok());
}

void TestScopedPoints::adminListsOnlyCoveredCollections()
{
    auto scope = TenantScope::forTenant(QStringLiteral("acme"), QStringLiteral("customer_id"),
                                        CollectionPattern::parse(QStringLiteral("company_{id}_{type}")).value());
    const ScopedAdmin acme(m_session->client(), scope.value(), false);
    const auto names = await<QStringList>(
        [&](auto done) { acme.listCollections(this, done); });
    QVERIFY2(names.ok(), errorOf(names));
    QVERIFY(names.value().contains(kShared));
    QVERIFY(names.value().contains(kAcmeOwn));
    QVERIFY(!names.value().contains(kGlobexOwn));
    // Collection-wide operations: only on the tenant's own collections.
    const auto dropShared = await<bool>(
        [&](auto done) { acme.deleteCollection(kShared, this, done); });
    QVERIFY(!dropShared.ok());
    const auto aliasOther = await<bool>([&](auto done) {
        acme.updateAliases({AliasOperation::create(QStringLiteral("company_acme_x"), kGlobexOwn)},
                           this, done);
    });
    QVERIFY(!aliasOther.ok());
    const auto index = await<UpdateResult>([&](auto done) {
        acme.createPayloadIndex(kAcmeOwn, QStringLiteral("text"), QStringLiteral("keyword"), this,
                                done);
    });
    QVERIFY2(index.ok(), errorOf(index));
}

QTEST_MAIN(TestScopedPoints)
#include "tst_scopedpoints.moc"
