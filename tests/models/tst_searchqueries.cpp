// Query history, saved queries and golden queries against a real memory-store: what is kept
// across a restart, per tenant, and the rank and score changes a golden re-run reports.

#include "consolesession.h"
#include "goldenqueries.h"
#include "goldenqueryrunner.h"
#include "memorystoreprocess.h"
#include "savedqueries.h"
#include "searchhistory.h"
#include "searchtestdata.h"
#include "semanticsearch.h"
#include "storeclient.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SearchTestData;

class TestSearchQueries : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void historyAndSavedQueriesPersist();
    void goldenQueriesAreKeptPerTenant();
    void goldenRerunReportsRankChanges();

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
};

void TestSearchQueries::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = openSession(m_store.baseUrl(), kAcme);
    QVERIFY(m_session);
}

void TestSearchQueries::init()
{
    QVERIFY(writeCollection(*m_raw, kCost, costRecords()));
}

void TestSearchQueries::historyAndSavedQueriesPersist()
{
    QTemporaryDir dir;
    const QString historyFile = dir.filePath(QStringLiteral("search/history.json"));
    const QString savedFile = dir.filePath(QStringLiteral("search/saved.json"));
    {
        SearchHistory history;
        QAbstractItemModelTester tester(
            &history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(history.load(historyFile).ok());
        SearchQuery a = costQuery(QStringLiteral("spot"));
        SearchQuery b = costQuery(QStringLiteral("reserved"));
        b.filter = matchValue(QStringLiteral("outcome"), QStringLiteral("success"));
        b.scoreThreshold = 0.25f;
        b.vectorName = QString();
        QVERIFY(history.add(a).ok());
        QVERIFY(history.add(b).ok());
        QVERIFY(history.add(a).ok()); // moves to the top, no new row
        QCOMPARE(history.rowCount(), 2);
        QCOMPARE(history.query(0), a);
        QCOMPARE(history.query(1), b);
        for (int i = 0; i < SearchHistory::MaxEntries + 5; ++i)
            QVERIFY(history.add(costQuery(QStringLiteral("query %1").arg(i))).ok());
        QCOMPARE(history.rowCount(), SearchHistory::MaxEntries);

        SavedQueries saved;
        QAbstractItemModelTester savedTester(
            &saved, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(saved.load(savedFile).ok());
        QVERIFY(saved.save(QStringLiteral("spot wins"), a).ok());
        QVERIFY(saved.save(QStringLiteral("reserved"), b).ok());
        QVERIFY(saved.save(QStringLiteral("spot wins"), b).ok()); // replaces
        QVERIFY(!saved.save(QStringLiteral("  "), a).ok());
        QCOMPARE(saved.rowCount(), 2);
        QCOMPARE(saved.name(0), QStringLiteral("reserved"));
        QCOMPARE(saved.query(1), b);
    }
    SearchHistory history;
    QVERIFY(history.load(historyFile).ok());
    QCOMPARE(history.rowCount(), SearchHistory::MaxEntries);
    QCOMPARE(history.query(0).text, QStringLiteral("query %1").arg(SearchHistory::MaxEntries + 4));
    SavedQueries saved;
    QVERIFY(saved.load(savedFile).ok());
    QCOMPARE(saved.rowCount(), 2);
    QCOMPARE(saved.query(saved.rowOf(QStringLiteral("spot wins"))).scoreThreshold, 0.25f);
    QVERIFY(saved.remove(0).ok());
    QCOMPARE(saved.rowCount(), 1);
    // A file that is not JSON is reported and left as it is.
    QFile broken(dir.filePath(QStringLiteral("search/broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{not json");
    broken.close();
    const Result<bool> loaded = history.load(broken.fileName());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().kind, NetError::Kind::LocalFile);
    QVERIFY(history.add(costQuery(QStringLiteral("kept in memory"))).ok());
    QVERIFY(broken.open(QIODevice::ReadOnly));
    QCOMPARE(broken.readAll(), QByteArray("{not json"));
}

void TestSearchQueries::goldenQueriesAreKeptPerTenant()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("golden.json"));
    GoldenQueries golden;
    QAbstractItemModelTester tester(
        &golden, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(golden.load(file, kAcme).ok());
    ScoredPoint hit;
    hit.id = PointId(1);
    hit.score = 0.5f;
    QVERIFY(golden
                .save(GoldenQuery::fromHits(
                    QStringLiteral("spot"), costQuery(QStringLiteral("spot")), {hit}))
                .ok());
    QVERIFY(!golden
                 .save(GoldenQuery::fromHits(
                     QStringLiteral("empty"), costQuery(QStringLiteral("x")), {}))
                 .ok());
    QCOMPARE(golden.rowCount(), 1);
    QCOMPARE(golden.index(0, GoldenQueries::LastRunColumn).data().toString(),
        QStringLiteral("not run yet"));
    golden.setTenant(kGlobex);
    QCOMPARE(golden.rowCount(), 0);
    golden.setTenant(QString());
    QVERIFY(!golden
                 .save(GoldenQuery::fromHits(
                     QStringLiteral("spot"), costQuery(QStringLiteral("spot")), {hit}))
                 .ok());
    GoldenQueries reread;
    QVERIFY(reread.load(file, kAcme).ok());
    QCOMPARE(reread.rowCount(), 1);
    QCOMPARE(reread.golden(0).expectedIds, QList<PointId> {PointId(1)});
    QCOMPARE(reread.golden(0).query, costQuery(QStringLiteral("spot")));
}

void TestSearchQueries::goldenRerunReportsRankChanges()
{
    SemanticSearch search(m_session.get(), nullptr);
    const SearchQuery query = costQuery(QStringLiteral("batch processing on spot instances"), 4);
    const Ran ran = run(search, query);
    QVERIFY(ran.outcome);
    const QList<ScoredPoint> before = ran.outcome->hits;
    QCOMPARE(before.size(), 4);
    GoldenQueries golden;
    QAbstractItemModelTester tester(
        &golden, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(golden.load(QString(), kAcme).ok());
    QVERIFY(golden.save(GoldenQuery::fromHits(QStringLiteral("spot"), query, before)).ok());

    GoldenQueryRunner runner(m_session.get(), nullptr);
    QObject::connect(&runner, &GoldenQueryRunner::queryChecked, &golden, &GoldenQueries::setCheck);
    QSignalSpy finished(&runner, &GoldenQueryRunner::finished);
    runner.runAll(golden.queries());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0), (QVariantList {1, 0, 0}));
    QVERIFY(golden.lastCheck(0)->isUnchanged());
    QCOMPARE(golden.index(0, GoldenQueries::LastRunColumn).data().toString(),
        QStringLiteral("all 4 in place"));

    // An import rewrites the best hit's decision into something else entirely.
    const quint64 best = before.constFirst().id.number();
    Record changed;
    for (const Record &record : costRecords()) {
        if (record.id == best)
            changed = record;
    }
    changed.text = QStringLiteral("Negotiated an enterprise discount with the vendor");
    QVERIFY(upsert(*m_raw, kCost, {changed}));
    runner.runAll(golden.queries());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(1), (QVariantList {1, 1, 0}));
    const GoldenCheck check = *golden.lastCheck(0);
    const GoldenRankChange first = check.changes.constFirst();
    QCOMPARE(first.id, before.constFirst().id);
    QCOMPARE(first.expectedRank, 1);
    QVERIFY2(first.isMissing() || first.rank > 1, qPrintable(check.summary()));
    // The second best moved up to first place, with its score unchanged.
    const GoldenRankChange second = check.changes.at(1);
    QCOMPARE(second.rank, 1);
    QCOMPARE(second.score, second.expectedScore);
    QVERIFY(check.movedCount() >= 1);
    QVERIFY(
        golden.index(0, GoldenQueries::LastRunColumn).data(GoldenQueries::ChangedRole).toBool());
    const QString tip
        = golden.index(0, GoldenQueries::LastRunColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(
        tip.contains(QStringLiteral("%1: #2 → #1").arg(second.id.toString())), qPrintable(tip));
}

QTEST_MAIN(TestSearchQueries)
#include "tst_searchqueries.moc"
