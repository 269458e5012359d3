// LatencyStats: nearest-rank percentiles over a bounded window per operation.

#include "latencystats.h"

#include <QTest>

class TestLatencyStats : public QObject
{
    Q_OBJECT

private slots:
    void percentiles();
    void windowKeepsTheMostRecent();
    void overheadNeedsServerTime();
    void unknownOperationIsEmpty();
};

void TestLatencyStats::percentiles()
{
    LatencyStats stats;
    for (int i = 100; i >= 1; --i)
        stats.record(QStringLiteral("query"), i); // 1..100 ms, out of order
    const LatencySummary s = stats.summary(QStringLiteral("query"));
    QCOMPARE(s.count, 100);
    QCOMPARE(s.total, qint64(100));
    QCOMPARE(s.p50Ms, 50.0);
    QCOMPARE(s.p95Ms, 95.0);
    QCOMPARE(s.p99Ms, 99.0);
}

void TestLatencyStats::windowKeepsTheMostRecent()
{
    LatencyStats stats(10);
    for (int i = 0; i < 10; ++i)
        stats.record(QStringLiteral("scroll"), 1000); // yesterday's slowness
    for (int i = 0; i < 10; ++i)
        stats.record(QStringLiteral("scroll"), 1);
    const LatencySummary s = stats.summary(QStringLiteral("scroll"));
    QCOMPARE(s.count, 10);
    QCOMPARE(s.total, qint64(20));
    QCOMPARE(s.p99Ms, 1.0);
}

void TestLatencyStats::overheadNeedsServerTime()
{
    LatencyStats stats;
    stats.record(QStringLiteral("q"), 5.0, 4.5);
    stats.record(QStringLiteral("q"), 9.0); // no server time: not in the overhead window
    const LatencySummary s = stats.summary(QStringLiteral("q"));
    QCOMPARE(s.count, 2);
    QCOMPARE(s.overheadP50Ms, 0.5);
    QCOMPARE(s.overheadP99Ms, 0.5);
    QCOMPARE(stats.operations(), QList<QString> {QStringLiteral("q")});
}

void TestLatencyStats::unknownOperationIsEmpty()
{
    LatencyStats stats;
    QCOMPARE(stats.summary(QStringLiteral("none")).count, 0);
    stats.record(QStringLiteral("a"), 1);
    stats.clear();
    QVERIFY(stats.operations().isEmpty());
}

QTEST_GUILESS_MAIN(TestLatencyStats)
#include "tst_latencystats.moc"
