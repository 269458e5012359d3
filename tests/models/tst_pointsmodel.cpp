// PointsModel against a real memory-store: paging, generations, scope, columns, order_by and
// what is read on demand, checked with a plain client where the server's side matters.

#include "consolesession.h"
#include "memorystoreprocess.h"
#include "pointcelltext.h"
#include "pointsmodel.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

namespace {

const QString kShared = QStringLiteral("browse_shared");
const QString kOther = QStringLiteral("browse_other");
const QString kTenantKey = QStringLiteral("customer_id");
constexpr int kAcmePoints = 2500;
constexpr int kGlobexPoints = 300;

QString pointsPath(const QString &collection)
{
    return QStringLiteral("/collections/") + collection + QStringLiteral("/points?wait=true");
}

// Points firstId.. with rank = i % 7 (long runs of ties), a float score, a datetime, a text
// with a line break and, every 50th point, a list of two ranks.
QJsonArray makePoints(quint64 firstId, int count, const QString &tenant)
{
    QJsonArray points;
    for (int i = 0; i < count; ++i) {
        const quint64 id = firstId + quint64(i);
        QJsonObject payload {
            {kTenantKey, tenant},
            {QStringLiteral("rank"), i % 7},
            {QStringLiteral("score"), double(count - i) / 4.0},
            {QStringLiteral("created_at"),
                QDateTime(QDate(2024, 1, 1), QTime(0, 0), QTimeZone::utc())
                    .addSecs(qint64(i % 400) * 60)
                    .toString(Qt::ISODate)},
            {QStringLiteral("text"), QStringLiteral("note %1\nsecond line").arg(id)},
        };
        if (i % 50 == 0)
            payload.insert(QStringLiteral("rank"), QJsonArray {i % 7, 100 + i % 7});
        if (i % 3 == 0)
            payload.insert(
                QStringLiteral("tags"), QJsonArray {QStringLiteral("a"), QStringLiteral("b")});
        points.append(QJsonObject {
            {QStringLiteral("id"), qint64(id)},
            {QStringLiteral("vector"), QJsonArray {double(id), 0.5, -1.0, 2.0}},
            {QStringLiteral("payload"), payload},
        });
    }
    return points;
}

QList<quint64> rowIds(const PointsModel &model)
{
    QList<quint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.pointId(row).number());
    return ids;
}

} // namespace

class TestPointsModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void pagesReachEveryPointOnce();
    void pagesCarryNoVectorsAndOnlyShownKeys();
    void staleGenerationIsDropped();
    void tenantScopeIsRespected();
    void columnsAreDiscovered();
    void setColumnsReadsMissingKeysAgain();
    void orderByIntegerWithTies_data();
    void orderByIntegerWithTies();
    void orderByFloatAndDatetime();
    void sortNeedsARangeIndex();
    void vectorOnDemand();
    void wholePayloadOnDemand();
    void displayAndRawRoles();
    void failedPageStopsUntilReload();

private:
    ScopedPoints tenant(const QString &name) const;
    /// Asks pages until the model has them all (or a page fails).
    bool loadAll(PointsModel &model);
    /// Ids of a tenant's points, read on the server's side.
    QList<quint64> serverIds(const QString &collection, const QString &tenantName);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    QList<QByteArray> m_scrollBodies;
};

void TestPointsModel::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = std::make_unique<ConsoleSession>();
    connect(m_session.get(), &ConsoleSession::requestLogged, this,
        [this](const RequestLogEntry &entry) {
            if (entry.operation == QLatin1String("scroll"))
                m_scrollBodies.append(entry.requestBody);
        });
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(
        ConnectionProfile::create(QStringLiteral("test"), QUrl(m_store.baseUrl())), QString());
    QVERIFY(opened.wait(10000));

    for (const QString &name : {kShared, kOther}) {
        QCOMPARE(m_raw
                     ->put(QStringLiteral("/collections/") + name,
                         vectorsConfig(4, QStringLiteral("Dot")))
                     .status,
            200);
    }
    QJsonArray points = makePoints(1, kAcmePoints, QStringLiteral("acme"));
    for (const QJsonValue &point : makePoints(100000, kGlobexPoints, QStringLiteral("globex")))
        points.append(point);
    // A point without a tenant: no tenant scope may list it.
    points.append(QJsonObject {{QStringLiteral("id"), 999999},
        {QStringLiteral("vector"), QJsonArray {1, 1, 1, 1}},
        {QStringLiteral("payload"), QJsonObject {{QStringLiteral("rank"), 1}}}});
    QCOMPARE(
        m_raw->put(pointsPath(kShared), QJsonObject {{QStringLiteral("points"), points}}).status,
        200);
    QCOMPARE(m_raw
                 ->put(pointsPath(kOther),
                     QJsonObject {{QStringLiteral("points"),
                         makePoints(500000, 40, QStringLiteral("acme"))}})
                 .status,
        200);
    const QList<QPair<QString, QString>> indexes {
        {QStringLiteral("rank"), QStringLiteral("integer")},
        {QStringLiteral("score"), QStringLiteral("float")},
        {QStringLiteral("created_at"), QStringLiteral("datetime")},
        {kTenantKey, QStringLiteral("keyword")},
    };
    for (const auto &[field, type] : indexes) {
        const auto response = m_raw->put(
            QStringLiteral("/collections/") + kShared + QStringLiteral("/index?wait=true"),
            QJsonObject {
                {QStringLiteral("field_name"), field}, {QStringLiteral("field_schema"), type}});
        QVERIFY2(response.status == 200, response.body.constData());
    }
}

ScopedPoints TestPointsModel::tenant(const QString &name) const
{
    const auto scope = TenantScope::forTenant(name, kTenantKey);
    if (!scope.ok())
        qFatal("bad scope: %s", qPrintable(scope.error().message));
    return ScopedPoints(m_session->client(), scope.value(), false);
}

bool TestPointsModel::loadAll(PointsModel &model)
{
    bool failed = false;
    QMetaObject::Connection connection = connect(&model, &PointsModel::requestFailed, this,
        [&failed](const NetError &error) {
            failed = true;
            qWarning("loadAll: a page failed: %s", qPrintable(error.message));
        });
    int pages = 0;
    for (; pages < 10000 && !failed; ++pages) {
        // 20 s for each page, not for the whole load: QAbstractItemModelTester fetches more by
        // itself as rows arrive, so the model may stay loading from one page to the next.
        const int rows = model.rowCount();
        const auto moved = [&] { return !model.isLoading() || failed || model.rowCount() != rows; };
        if (!QTest::qWaitFor(moved, 20000)) {
            qWarning("loadAll: page %d still loading after 20 s", pages);
            break;
        }
        if (model.isLoading())
            continue;
        if (!model.canFetchMore(QModelIndex()))
            break;
        model.fetchMore(QModelIndex());
    }
    disconnect(connection);
    const bool loaded = !failed && model.isAtEnd() && !model.isLoading();
    // A failure says which of the three it was, for a run that cannot be repeated.
    if (!loaded) {
        qWarning("loadAll: %d rows after %d pages; failed %d, at end %d, loading %d",
            model.rowCount(), pages, int(failed), int(model.isAtEnd()), int(model.isLoading()));
    }
    return loaded;
}

QList<quint64> TestPointsModel::serverIds(const QString &collection, const QString &tenantName)
{
    const auto response = m_raw->post(
        QStringLiteral("/collections/") + collection + QStringLiteral("/points/scroll"),
        QJsonObject {{QStringLiteral("limit"), 100000}, {QStringLiteral("with_payload"), false},
            {QStringLiteral("filter"), matchFilter(kTenantKey, tenantName)}});
    QList<quint64> ids;
    for (const QJsonValue &point :
        response.result().toObject().value(QStringLiteral("points")).toArray())
        ids.append(quint64(point.toObject().value(QStringLiteral("id")).toInteger()));
    std::sort(ids.begin(), ids.end());
    return ids;
}

void TestPointsModel::pagesReachEveryPointOnce()
{
    PointsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester.setUseFetchMore(true);
    QSignalSpy total(&model, &PointsModel::totalChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setSource(
        tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("rank"), kTenantKey});
    QVERIFY(loadAll(model));
    QTRY_COMPARE(model.totalCount(), qint64(kAcmePoints));
    QCOMPARE(total.constLast().constFirst().toLongLong(), qint64(kAcmePoints));
    QCOMPARE(model.rowCount(), kAcmePoints);
    QCOMPARE(inserted.size(), kAcmePoints / model.pageSize()); // one insertion per page
    QList<quint64> ids = rowIds(model);
    QList<quint64> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(ids, sorted); // by id, as Qdrant scrolls
    QCOMPARE(ids, serverIds(kShared, QStringLiteral("acme")));
    QVERIFY(!model.canFetchMore(QModelIndex()));
}

void TestPointsModel::pagesCarryNoVectorsAndOnlyShownKeys()
{
    PointsModel model;
    model.setPageSize(250);
    m_scrollBodies.clear();
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("rank")});
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), kAcmePoints);
    QCOMPARE(m_scrollBodies.size(), kAcmePoints / 250);
    for (const QByteArray &body : std::as_const(m_scrollBodies)) {
        const QJsonObject request = QJsonDocument::fromJson(body).object();
        QCOMPARE(request.value(QStringLiteral("limit")).toInt(), 250);
        QCOMPARE(request.value(QStringLiteral("with_vector")), QJsonValue(false));
        // The list form of an include selector.
        QCOMPARE(request.value(QStringLiteral("with_payload")),
            QJsonValue(QJsonArray {QStringLiteral("rank")}));
    }
    const QJsonObject payload = model.index(5, 0).data(PointsModel::PayloadRole).toJsonObject();
    QCOMPARE(payload.keys(), QStringList {QStringLiteral("rank")});
    QCOMPARE(model.index(5, 0).data(PointsModel::FullPayloadRole).toBool(), false);
}

void TestPointsModel::staleGenerationIsDropped()
{
    PointsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failed(&model, &PointsModel::requestFailed);
    // Both pages are in flight at once; only the second source may show.
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("rank")});
    QVERIFY(model.isLoading());
    model.setSource(tenant(QStringLiteral("globex")), kShared, {}, {QStringLiteral("rank")});
    // (The tester asks for more pages whenever it checks the model.)
    QVERIFY(loadAll(model));
    QTRY_COMPARE(model.totalCount(), qint64(kGlobexPoints));
    // Whatever of the first source still comes back must not land.
    QCOMPARE(model.rowCount(), kGlobexPoints);
    for (const quint64 id : rowIds(model))
        QVERIFY2(id >= 100000 && id < 100000 + kGlobexPoints, QByteArray::number(id));
    QCOMPARE(failed.size(), 0); // the cancelled calls of the first are not errors

    // A source replaced between pages: the old next page is never appended. Small pages, so
    // that the tester's own fetchMore calls cannot reach the end before the switch.
    model.setPageSize(5);
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("rank")});
    QTRY_VERIFY(model.rowCount() > 0);
    QVERIFY(!model.isAtEnd());
    if (!model.isLoading())
        model.fetchMore(QModelIndex());
    QVERIFY(model.isLoading());
    model.setSource(tenant(QStringLiteral("acme")), kOther, {}, {});
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), 40);
    for (const quint64 id : rowIds(model))
        QVERIFY2(id >= 500000, QByteArray::number(id));
    QTRY_COMPARE(model.totalCount(), qint64(40));
}

void TestPointsModel::tenantScopeIsRespected()
{
    PointsModel model;
    model.setSource(tenant(QStringLiteral("globex")), kShared,
        matchFilter(QStringLiteral("rank"), 3), {kTenantKey});
    QVERIFY(loadAll(model));
    QVERIFY(model.rowCount() > 0);
    QSet<quint64> globex;
    for (const quint64 id : serverIds(kShared, QStringLiteral("globex")))
        globex.insert(id);
    for (int row = 0; row < model.rowCount(); ++row) {
        QVERIFY(globex.contains(model.pointId(row).number()));
        QCOMPARE(model.index(row, 1).data().toString(), QStringLiteral("globex"));
    }
    QTRY_COMPARE(model.totalCount(), qint64(model.rowCount()));

    // A user filter that names every point cannot widen the scope.
    QJsonObject wide {{QStringLiteral("should"),
        QJsonArray {QJsonObject {{QStringLiteral("has_id"), QJsonArray {1, 2, 100001, 999999}}}}}};
    model.setSource(tenant(QStringLiteral("globex")), kShared, wide, {kTenantKey});
    QVERIFY(loadAll(model));
    QCOMPARE(rowIds(model), (QList<quint64> {100001}));
}

void TestPointsModel::columnsAreDiscovered()
{
    PointsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy discovered(&model, &PointsModel::discoveredKeysChanged);
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {});
    QVERIFY(model.isDiscoveringColumns());
    QVERIFY(loadAll(model));
    const QStringList expected {QStringLiteral("created_at"), kTenantKey, QStringLiteral("rank"),
        QStringLiteral("score"), QStringLiteral("tags"), QStringLiteral("text")};
    QCOMPARE(model.discoveredKeys(), expected);
    QStringList shown = model.columns();
    shown.sort();
    QCOMPARE(shown, expected);
    QVERIFY(discovered.size() >= 1);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("id"));
    QCOMPARE(model.index(0, 0).data(PointsModel::FullPayloadRole).toBool(), true);

    // Choosing columns among loaded keys keeps the rows (no new read).
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setColumns({QStringLiteral("text"), QStringLiteral("rank")});
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowCount(), kAcmePoints);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("text"));
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("[0,100]"));
    QVERIFY(!model.isDiscoveringColumns());

    // Discovering again in the same collection (a new filter): the known keys stay columns.
    model.setSource(
        tenant(QStringLiteral("acme")), kShared, matchFilter(QStringLiteral("rank"), 2), {});
    QCOMPARE(model.columns(), model.discoveredKeys());
    QVERIFY(loadAll(model));
    QCOMPARE(model.columns(), model.discoveredKeys());
    QCOMPARE(model.index(0, model.columnOf(QStringLiteral("rank"))).data().toString(),
        QStringLiteral("2"));
}

void TestPointsModel::setColumnsReadsMissingKeysAgain()
{
    PointsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("rank")});
    QVERIFY(loadAll(model));
    QCOMPARE(model.index(1, 1).data(PointsModel::RawValueRole), QVariant(qint64(1)));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setColumns({QStringLiteral("rank"), QStringLiteral("score")});
    QCOMPARE(reset.size(), 1); // score was not read: the points are read again with it
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), kAcmePoints);
    QCOMPARE(model.index(0, 2).data(PointsModel::RawValueRole), QVariant(qint64(625)));
    // Dropping a column needs nothing new.
    model.setColumns({QStringLiteral("score")});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.columnCount(), 2);
}

void TestPointsModel::orderByIntegerWithTies_data()
{
    QTest::addColumn<int>("direction");
    QTest::addColumn<int>("pageSize");
    QTest::newRow("asc, pages of 100") << int(Qt::AscendingOrder) << 100;
    QTest::newRow("desc, pages of 100") << int(Qt::DescendingOrder) << 100;
    QTest::newRow("asc, pages of 7") << int(Qt::AscendingOrder) << 7;
}

void TestPointsModel::orderByIntegerWithTies()
{
    QFETCH(int, direction);
    QFETCH(int, pageSize);
    const auto order = Qt::SortOrder(direction);
    PointsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(pageSize);
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("rank")},
        PointsOrder {QStringLiteral("rank"), order});
    QVERIFY(loadAll(model));
    // Every point once, although each rank is shared by ~360 points and 50 points hold two.
    QCOMPARE(model.rowCount(), kAcmePoints);
    QList<quint64> ids = rowIds(model);
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, serverIds(kShared, QStringLiteral("acme")));
    // In order of the value each point was listed at (its lower rank when ascending).
    double previous = order == Qt::AscendingOrder ? -1 : 1e9;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QJsonValue value
            = model.index(row, 1).data(PointsModel::JsonValueRole).value<QJsonValue>();
        double rank = value.isArray()
            ? (order == Qt::AscendingOrder ? value.toArray().at(0).toDouble()
                                           : value.toArray().at(1).toDouble())
            : value.toDouble();
        if (order == Qt::AscendingOrder)
            QVERIFY2(rank >= previous, qPrintable(QStringLiteral("row %1").arg(row)));
        else
            QVERIFY2(rank <= previous, qPrintable(QStringLiteral("row %1").arg(row)));
        previous = rank;
    }
}

void TestPointsModel::orderByFloatAndDatetime()
{
    PointsModel model;
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("score")},
        PointsOrder {QStringLiteral("score"), Qt::AscendingOrder});
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), kAcmePoints);
    QCOMPARE(model.index(0, 1).data(PointsModel::RawValueRole), QVariant(0.25));
    QCOMPARE(
        model.index(kAcmePoints - 1, 1).data(PointsModel::RawValueRole), QVariant(qint64(625)));

    model.setPageSize(64);
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("created_at")},
        PointsOrder {QStringLiteral("created_at"), Qt::DescendingOrder});
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), kAcmePoints);
    QString previous = QStringLiteral("9999");
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString when = model.index(row, 1).data().toString();
        QVERIFY2(when <= previous, qPrintable(when));
        previous = when;
    }
}

void TestPointsModel::sortNeedsARangeIndex()
{
    const auto info = await<CollectionInfo>(
        [&](auto done) { m_session->client()->collectionInfo(kShared, this, done); });
    QVERIFY2(info.ok(), errorOf(info));
    PointsModel model;
    model.setSource(tenant(QStringLiteral("acme")), kShared, {},
        {QStringLiteral("text"), kTenantKey, QStringLiteral("rank")});
    QTRY_COMPARE(model.rowCount(), 100);
    // Until the indexes are known nothing but the id can sort, and the header says why.
    QVERIFY(model.whyNotSortable(3).contains(QStringLiteral("not known yet")));
    model.setPayloadSchema(info.value().payloadSchema);
    QVERIFY(model.whyNotSortable(0).isEmpty());
    QVERIFY(model.whyNotSortable(1).contains(QStringLiteral("no index")));
    QVERIFY(model.whyNotSortable(2).contains(QStringLiteral("keyword")));
    QVERIFY(model.whyNotSortable(3).isEmpty());
    QCOMPARE(
        model.headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString(), model.whyNotSortable(1));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.sort(1, Qt::AscendingOrder); // no index on text: nothing happens
    QCOMPARE(reset.size(), 0);
    QVERIFY(model.order().isById());
    model.sort(3, Qt::DescendingOrder);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.order().key, QStringLiteral("rank"));
    QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
    // The highest rank, 106, is the second value of some lists.
    const QJsonValue top = model.index(0, 3).data(PointsModel::JsonValueRole).value<QJsonValue>();
    QCOMPARE(top.toArray().at(1), QJsonValue(106));

    // An integer index for lookups only cannot order.
    const QJsonObject lookupOnly {{QStringLiteral("rank"),
        QJsonObject {{QStringLiteral("data_type"), QStringLiteral("integer")},
            {QStringLiteral("params"), QJsonObject {{QStringLiteral("range"), false}}}}}};
    QVERIFY(!PointsOrder::whyNotSortable(lookupOnly, QStringLiteral("rank")).isEmpty());
}

void TestPointsModel::vectorOnDemand()
{
    PointsModel model;
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("rank")});
    QTRY_COMPARE(model.rowCount(), 100);
    QSignalSpy loaded(&model, &PointsModel::vectorLoaded);
    model.fetchVector(41);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.constFirst().at(0).value<PointId>(), PointId(42));
    const NamedVectors vectors = loaded.constFirst().at(1).value<NamedVectors>();
    QCOMPARE(vectors.value(QString()), (QList<float> {42.0f, 0.5f, -1.0f, 2.0f}));
}

void TestPointsModel::wholePayloadOnDemand()
{
    PointsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSource(tenant(QStringLiteral("acme")), kShared, {}, {QStringLiteral("rank")});
    QVERIFY(loadAll(model));
    QSignalSpy loaded(&model, &PointsModel::payloadLoaded);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.fetchPayload(9);
    QVERIFY(loaded.wait(10000));
    const QJsonObject payload = loaded.constFirst().at(1).toJsonObject();
    QCOMPARE(
        payload.value(QStringLiteral("text")).toString(), QStringLiteral("note 10\nsecond line"));
    QCOMPARE(payload.value(kTenantKey).toString(), QStringLiteral("acme"));
    QCOMPARE(model.index(9, 0).data(PointsModel::FullPayloadRole).toBool(), true);
    QCOMPARE(model.index(9, 0).data(PointsModel::PayloadRole).toJsonObject(), payload);
    // One dataChanged over the row, not one per cell.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.constFirst().at(0).toModelIndex(), model.index(9, 0));
    QCOMPARE(changed.constFirst().at(1).toModelIndex(), model.index(9, model.columnCount() - 1));
    // Asked again, it answers at once.
    model.fetchPayload(9);
    QCOMPARE(loaded.size(), 2);
}

void TestPointsModel::displayAndRawRoles()
{
    PointsModel model;
    model.setSource(tenant(QStringLiteral("acme")), kShared, {},
        {QStringLiteral("text"), QStringLiteral("rank"), QStringLiteral("score"),
            QStringLiteral("tags"), QStringLiteral("missing")});
    QTRY_COMPARE(model.rowCount(), 100);
    // Row 0 is point 1: rank [0, 100], score 625, tags; row 1 is point 2.
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(0, 0).data(PointsModel::RawValueRole), QVariant(quint64(1)));
    QCOMPARE(model.index(1, 1).data().toString(),
        QStringLiteral("note 2") + QChar(0x21b5) + QStringLiteral("second line"));
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("[0,100]"));
    QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(1, 2).data(PointsModel::RawValueRole), QVariant(qint64(1)));
    QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("625"));
    QCOMPARE(model.index(1, 3).data().toString(), QStringLiteral("624.75"));
    QCOMPARE(model.index(1, 3).data(PointsModel::RawValueRole), QVariant(624.75));
    QCOMPARE(model.index(0, 4).data().toString(), QStringLiteral("[\"a\",\"b\"]"));
    QCOMPARE(model.index(1, 4).data().toString(), QString());
    QCOMPARE(model.index(1, 5).data(PointsModel::RawValueRole), QVariant());
    QCOMPARE(model.index(1, 0).data(PointsModel::PointIdRole).value<PointId>(), PointId(2));

    QString longText(500, QLatin1Char('x'));
    QCOMPARE(PointCellText::display(longText).size(), PointCellText::MaxLength);
    QVERIFY(PointCellText::display(longText).endsWith(QChar(0x2026)));
    QCOMPARE(PointCellText::display(QJsonValue(qint64(9007199254740993LL))),
        QStringLiteral("9007199254740993"));
    QCOMPARE(PointCellText::valueAt(
                 QJsonObject {{QStringLiteral("meta"), QJsonObject {{QStringLiteral("a"), 3}}}},
                 QStringLiteral("meta.a")),
        QJsonValue(3));
}

void TestPointsModel::failedPageStopsUntilReload()
{
    PointsModel model;
    QSignalSpy failed(&model, &PointsModel::requestFailed);
    model.setSource(tenant(QStringLiteral("acme")), QStringLiteral("no_such_collection"), {}, {});
    QVERIFY(failed.wait(10000));
    const NetError error = failed.constFirst().constFirst().value<NetError>();
    QCOMPARE(error.kind, NetError::Kind::Http);
    QCOMPARE(error.httpStatus, 404);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore(QModelIndex()));
    QCOMPARE(model.rowCount(), 0);

    // The collection appears; reload starts over.
    QCOMPARE(m_raw
                 ->put(QStringLiteral("/collections/no_such_collection"),
                     vectorsConfig(4, QStringLiteral("Dot")))
                 .status,
        200);
    QCOMPARE(
        m_raw
            ->put(pointsPath(QStringLiteral("no_such_collection")),
                QJsonObject {{QStringLiteral("points"), makePoints(1, 5, QStringLiteral("acme"))}})
            .status,
        200);
    model.reload();
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), 5);
}

QTEST_MAIN(TestPointsModel)
#include "tst_pointsmodel.moc"
