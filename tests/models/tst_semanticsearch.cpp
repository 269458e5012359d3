// SemanticSearch and its result model against a real memory-store: the hits are checked
// against the tenant's points as written, and what the tenant may not see. Query history,
// saved and golden queries are in tst_searchqueries.

#include "consolesession.h"
#include "localembedder.h"
#include "memorystoreprocess.h"
#include "searchresultmodel.h"
#include "searchtestdata.h"
#include "semanticsearch.h"
#include "storeclient.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace SearchTestData;

namespace {

QList<quint64> idsOf(const QList<ScoredPoint> &hits)
{
    QList<quint64> ids;
    for (const ScoredPoint &hit : hits)
        ids.append(hit.id.number());
    return ids;
}

QList<quint64> sorted(QList<quint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class TestSemanticSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void returnsOnlyTheTenantsPoints();
    void bestHitIsTheClosestText();
    void scoreThresholdIsApplied();
    void filterIsApplied();
    void findSimilarExcludesThePointAndStaysInScope();
    void dimensionMismatchIsAClearError();
    void namedVectorsMustBeChosen();
    void badInputIsRefused();
    void serverDownIsAClearError();
    void staleAnswersAreDropped();
    void cancelEndsInCancelled();
    void resultModelShowsTheKeyFields();
    void timesSearchesOnThreeThousandPoints();

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
};

void TestSemanticSearch::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = openSession(m_store.baseUrl(), kAcme);
    QVERIFY(m_session);
}

void TestSemanticSearch::init()
{
    QVERIFY(writeCollection(*m_raw, kCost, costRecords()));
}

void TestSemanticSearch::returnsOnlyTheTenantsPoints()
{
    SemanticSearch search(m_session.get(), nullptr);
    const Ran ran = run(search,
        costQuery(QStringLiteral("migrate batch processing to spot"
                                 " instances")));
    QVERIFY2(ran.outcome, ran.error ? qPrintable(ran.error->message) : "no answer");
    // No threshold and a limit above the count: every acme point, and no globex one, even
    // though globex's 101 has the query's very words.
    QCOMPARE(sorted(idsOf(ran.outcome->hits)), (QList<quint64> {1, 2, 3, 4, 5, 6}));
    for (const ScoredPoint &hit : ran.outcome->hits)
        QCOMPARE(hit.payload.value(kTenantKey).toString(), kAcme);
    QCOMPARE(ran.outcome->distance, QStringLiteral("Cosine"));
    QCOMPARE(ran.outcome->vectorName, QString());
    QVERIFY(search.embedder());
    QCOMPARE(search.embedder()->dimension(), kSize);
}

void TestSemanticSearch::bestHitIsTheClosestText()
{
    SemanticSearch search(m_session.get(), nullptr);
    const Ran ran = run(search, costQuery(QStringLiteral("reserved instances database tier"), 3));
    QVERIFY(ran.outcome);
    QCOMPARE(ran.outcome->hits.size(), 3);
    QCOMPARE(ran.outcome->hits.constFirst().id, PointId(4));
    // The score is the cosine of the two lexical vectors, as the server computes it.
    const QList<float> query
        = LocalEmbedder::embedText(QStringLiteral("reserved instances database tier"), kSize)
              .value();
    const QList<float> point = LocalEmbedder::embedText(costRecords().at(3).text, kSize).value();
    double dot = 0;
    for (int i = 0; i < kSize; ++i)
        dot += double(query.at(i)) * double(point.at(i));
    QVERIFY(qAbs(double(ran.outcome->hits.constFirst().score) - dot) < 1e-4);
}

void TestSemanticSearch::scoreThresholdIsApplied()
{
    SemanticSearch search(m_session.get(), nullptr);
    SearchQuery query = costQuery(QStringLiteral("spot instances for batch processing"));
    const Ran all = run(search, query);
    QVERIFY(all.outcome);
    const QList<ScoredPoint> &hits = all.outcome->hits;
    QCOMPARE(hits.size(), 6);
    // A threshold half-way between the 3rd and 4th scores keeps exactly the first three.
    query.scoreThreshold = (hits.at(2).score + hits.at(3).score) / 2;
    QVERIFY(hits.at(2).score > hits.at(3).score);
    const Ran kept = run(search, query);
    QVERIFY(kept.outcome);
    QCOMPARE(idsOf(kept.outcome->hits), idsOf(hits.mid(0, 3)));
    for (const ScoredPoint &hit : kept.outcome->hits)
        QVERIFY(hit.score >= *query.scoreThreshold);
}

void TestSemanticSearch::filterIsApplied()
{
    SemanticSearch search(m_session.get(), nullptr);
    SearchQuery query = costQuery(QStringLiteral("spot instances for batch processing"));
    query.filter = matchValue(QStringLiteral("outcome"), QStringLiteral("success"));
    const Ran ran = run(search, query);
    QVERIFY(ran.outcome);
    QCOMPARE(sorted(idsOf(ran.outcome->hits)), (QList<quint64> {1, 2, 4, 5}));
    // A filter naming the other tenant cannot widen the scope: nothing matches both.
    query.filter = matchValue(kTenantKey, kGlobex);
    const Ran other = run(search, query);
    QVERIFY(other.outcome);
    QCOMPARE(other.outcome->hits.size(), 0);
}

void TestSemanticSearch::findSimilarExcludesThePointAndStaysInScope()
{
    SemanticSearch search(m_session.get(), nullptr);
    SearchQuery query;
    query.collection = kCost;
    query.similarTo = PointId(1);
    query.limit = 100;
    const Ran ran = run(search, query);
    QVERIFY2(ran.outcome, ran.error ? qPrintable(ran.error->message) : "no answer");
    QCOMPARE(sorted(idsOf(ran.outcome->hits)), (QList<quint64> {2, 3, 4, 5, 6}));
    // No text is embedded for it.
    QVERIFY(!search.embedder());
    // Another tenant's point cannot be the example.
    query.similarTo = PointId(101);
    const Ran refused = run(search, query);
    QVERIFY(refused.error);
    QCOMPARE(refused.error->kind, NetError::Kind::Invalid);
    QVERIFY2(refused.error->message.contains(QStringLiteral("not among this tenant's points")),
        qPrintable(refused.error->message));
}

void TestSemanticSearch::dimensionMismatchIsAClearError()
{
    auto session = openSession(m_store.baseUrl(), kAcme, 32);
    QVERIFY(session);
    SemanticSearch search(session.get(), nullptr);
    const Ran ran = run(search, costQuery(QStringLiteral("spot instances")));
    QVERIFY(ran.error);
    QCOMPARE(ran.error->kind, NetError::Kind::Invalid);
    const QString &message = ran.error->message;
    QVERIFY2(message.contains(QStringLiteral("32-dimensional"))
            && message.contains(QStringLiteral("expects 64")) && message.contains(kCost),
        qPrintable(message));
}

void TestSemanticSearch::namedVectorsMustBeChosen()
{
    const QString multi = QStringLiteral("multi_vectors");
    m_raw->del(QStringLiteral("/collections/") + multi);
    const QJsonObject params {
        {QStringLiteral("size"), kSize}, {QStringLiteral("distance"), QStringLiteral("Cosine")}};
    QCOMPARE(m_raw
                 ->put(QStringLiteral("/collections/") + multi,
                     QJsonObject {{QStringLiteral("vectors"),
                         QJsonObject {
                             {QStringLiteral("body"), params}, {QStringLiteral("title"), params}}}})
                 .status,
        200);
    QJsonArray body, title;
    const QList<float> bodyVector
        = LocalEmbedder::embedText(QStringLiteral("spot instances"), kSize).value();
    const QList<float> titleVector
        = LocalEmbedder::embedText(QStringLiteral("database tier"), kSize).value();
    for (float v : bodyVector)
        body.append(double(v));
    for (float v : titleVector)
        title.append(double(v));
    const QJsonObject point {{QStringLiteral("id"), 7},
        {QStringLiteral("vector"),
            QJsonObject {{QStringLiteral("body"), body}, {QStringLiteral("title"), title}}},
        {QStringLiteral("payload"), QJsonObject {{kTenantKey, kAcme}}}};
    QCOMPARE(
        m_raw
            ->put(QStringLiteral("/collections/") + multi + QStringLiteral("/points?wait=true"),
                QJsonObject {{QStringLiteral("points"), QJsonArray {point}}})
            .status,
        200);

    SemanticSearch search(m_session.get(), nullptr);
    SearchQuery query;
    query.collection = multi;
    query.text = QStringLiteral("spot instances");
    // Two vectors of the embedder's size: the search does not guess.
    const Ran ambiguous = run(search, query);
    QVERIFY(ambiguous.error);
    QVERIFY2(ambiguous.error->message.contains(QStringLiteral("choose the one to search"))
            && ambiguous.error->message.contains(QStringLiteral("body (64), title (64)")),
        qPrintable(ambiguous.error->message));
    query.vectorName = QStringLiteral("body");
    const Ran onBody = run(search, query);
    QVERIFY(onBody.outcome);
    QCOMPARE(onBody.outcome->vectorName, QStringLiteral("body"));
    QCOMPARE(idsOf(onBody.outcome->hits), (QList<quint64> {7}));
    QVERIFY(onBody.outcome->hits.constFirst().score > 0.99f);
    query.vectorName = QStringLiteral("title");
    const Ran onTitle = run(search, query);
    QVERIFY(onTitle.outcome);
    QVERIFY(onTitle.outcome->hits.constFirst().score < 0.5f);
    query.vectorName = QStringLiteral("nope");
    const Ran unknown = run(search, query);
    QVERIFY(unknown.error);
    QVERIFY2(unknown.error->message.contains(QStringLiteral("no vector named \"nope\"")),
        qPrintable(unknown.error->message));
}

void TestSemanticSearch::badInputIsRefused()
{
    SemanticSearch search(m_session.get(), nullptr);
    const Ran noText = run(search, costQuery(QStringLiteral("   ")));
    QVERIFY(noText.error);
    QCOMPARE(noText.error->message, QStringLiteral("Type what to search for."));
    SearchQuery noCollection = costQuery(QStringLiteral("spot"));
    noCollection.collection.clear();
    QCOMPARE(
        run(search, noCollection).error->message, QStringLiteral("Choose a collection to search."));
    const Ran limit = run(search, costQuery(QStringLiteral("spot"), 0));
    QVERIFY(limit.error);
    QVERIFY(limit.error->message.contains(QStringLiteral("limit")));
    // Another tenant's collection is refused by the scope.
    SearchQuery foreign = costQuery(QStringLiteral("spot"));
    foreign.collection = QStringLiteral("company_globex_cost_optimization_knowledge");
    const Ran refused = run(search, foreign);
    QVERIFY(refused.error);
    QCOMPARE(refused.error->kind, NetError::Kind::Invalid);
}

void TestSemanticSearch::serverDownIsAClearError()
{
    MemoryStoreProcess doomed;
    QVERIFY2(doomed.start(), qPrintable(doomed.error()));
    auto session = openSession(doomed.baseUrl(), kAcme);
    QVERIFY(session);
    session->client()->setTimeoutMs(2000);
    doomed.stop();
    SemanticSearch search(session.get(), nullptr);
    const Ran ran = run(search, costQuery(QStringLiteral("spot instances")), 60000);
    QVERIFY(ran.error);
    QVERIFY2(
        ran.error->kind == NetError::Kind::Network || ran.error->kind == NetError::Kind::Timeout,
        qPrintable(NetError::kindName(ran.error->kind)));
    QVERIFY(!ran.error->message.isEmpty());
    QVERIFY(!search.isRunning());
}

void TestSemanticSearch::staleAnswersAreDropped()
{
    SemanticSearch search(m_session.get(), nullptr);
    QSignalSpy finished(&search, &SemanticSearch::searchFinished);
    QSignalSpy failed(&search, &SemanticSearch::searchFailed);
    search.search(costQuery(QStringLiteral("reserved instances")));
    search.search(costQuery(QStringLiteral("right-size web servers"), 1));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);
    auto outcome = finished.at(0).at(0).value<SearchOutcome>();
    QCOMPARE(outcome.query.text, QStringLiteral("right-size web servers"));
    QCOMPARE(idsOf(outcome.hits), (QList<quint64> {5}));
    // One more round trip: had the first answer been kept it would have arrived by now.
    search.search(costQuery(QStringLiteral("analytics cluster"), 1));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 2);
    QCOMPARE(finished.at(1).at(0).value<SearchOutcome>().query.text,
        QStringLiteral("analytics cluster"));
    QCOMPARE(failed.size(), 0);
}

void TestSemanticSearch::cancelEndsInCancelled()
{
    SemanticSearch search(m_session.get(), nullptr);
    QSignalSpy finished(&search, &SemanticSearch::searchFinished);
    QSignalSpy failed(&search, &SemanticSearch::searchFailed);
    search.search(costQuery(QStringLiteral("reserved instances")));
    QVERIFY(search.isRunning());
    search.cancel();
    QVERIFY(!search.isRunning());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(1).value<NetError>().kind, NetError::Kind::Cancelled);
    search.search(costQuery(QStringLiteral("analytics cluster"), 1));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(failed.size(), 1);
}

void TestSemanticSearch::resultModelShowsTheKeyFields()
{
    SearchResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SemanticSearch search(m_session.get(), nullptr);
    const Ran ran = run(search, costQuery(QStringLiteral("spot instances batch processing")));
    QVERIFY(ran.outcome);
    model.setResults(kCost, ran.outcome->distance, ran.outcome->hits);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.fields(),
        (QStringList {QStringLiteral("optimization_type"), QStringLiteral("outcome"),
            QStringLiteral("savings_percent"), QStringLiteral("cloud_provider"),
            QStringLiteral("decision_context"), QStringLiteral("lessons_learned")}));
    QCOMPARE(model.headerData(SearchResultModel::ScoreColumn, Qt::Horizontal).toString(),
        QStringLiteral("Score"));
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, SearchResultModel::RankColumn).data().toInt(), row + 1);
        const double fraction = model.index(row, SearchResultModel::ScoreColumn)
                                    .data(SearchResultModel::ScoreFractionRole)
                                    .toDouble();
        QVERIFY(fraction >= 0 && fraction <= 1);
        QCOMPARE(fraction, std::clamp(double(ran.outcome->hits.at(row).score), 0.0, 1.0));
    }
    const int outcomeColumn = SearchResultModel::FirstFieldColumn + 1;
    QCOMPARE(model.index(0, outcomeColumn).data().toString(),
        ran.outcome->hits.at(0).payload.value(QStringLiteral("outcome")).toString());
    // Another collection: the keys found in the hits.
    ScoredPoint plain;
    plain.id = PointId(9);
    plain.score = 2;
    plain.payload = {{QStringLiteral("b"), 1}, {QStringLiteral("a"), QStringLiteral("x")}};
    model.setResults(QStringLiteral("notes"), QStringLiteral("Dot"), {plain});
    QCOMPARE(model.fields(), (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(model.index(0, SearchResultModel::ScoreColumn)
                 .data(SearchResultModel::ScoreFractionRole)
                 .toDouble(),
        1.0);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestSemanticSearch::timesSearchesOnThreeThousandPoints()
{
    const QString big = QStringLiteral("company_acme_cost_optimization_knowledge");
    const QStringList verbs {QStringLiteral("Migrate"), QStringLiteral("Move"),
        QStringLiteral("Right-size"), QStringLiteral("Reserve")};
    const QStringList things {QStringLiteral("batch jobs"), QStringLiteral("web servers"),
        QStringLiteral("the database tier"), QStringLiteral("GPU nodes"),
        QStringLiteral("analytics workers")};
    const QStringList targets {QStringLiteral("spot instances"),
        QStringLiteral("reserved capacity"), QStringLiteral("smaller instance types"),
        QStringLiteral("savings plans")};
    QList<Record> records;
    for (int i = 0; i < 3000; ++i) {
        records.append({quint64(i + 1), kAcme,
            QStringLiteral("%1 %2 to %3 in region %4")
                .arg(verbs.at(i % 4), things.at(i % 5), targets.at((i / 5) % 4))
                .arg(i % 17),
            {{QStringLiteral("outcome"),
                 i % 3 ? QStringLiteral("success") : QStringLiteral("failed")},
                {QStringLiteral("savings_percent"), double(i % 60)}}});
    }
    m_raw->del(QStringLiteral("/collections/") + big);
    QVERIFY(writeCollection(*m_raw, big, records.mid(0, 1000)));
    QVERIFY(upsert(*m_raw, big, records.mid(1000, 1000)));
    QVERIFY(upsert(*m_raw, big, records.mid(2000)));

    SemanticSearch search(m_session.get(), nullptr);
    SearchQuery query;
    query.collection = big;
    query.limit = 20;
    QList<qint64> times;
    for (int i = 0; i < 10; ++i) {
        query.text = QStringLiteral("move batch jobs to spot instances %1").arg(i);
        const Ran ran = run(search, query);
        QVERIFY(ran.outcome);
        QCOMPARE(ran.outcome->hits.size(), 20);
        times.append(ran.outcome->elapsedMs);
    }
    std::sort(times.begin(), times.end());
    qInfo("search on 3,000 points (64 dims, limit 20), request to hits: median %lld ms, "
          "max %lld ms (first: collection info and embedder included)",
        times.at(times.size() / 2), times.constLast());
    QVERIFY(times.at(times.size() / 2) < 1000);
}

QTEST_MAIN(TestSemanticSearch)
#include "tst_semanticsearch.moc"
