// SearchSummary: the summary card's figures, computed from hand-made hits.

#include "searchsummary.h"

#include <QTest>

namespace {

ScoredPoint hit(quint64 id, float score, const QJsonObject &payload)
{
    ScoredPoint point;
    point.id = PointId(id);
    point.score = score;
    point.payload = payload;
    return point;
}

ScoredPoint costHit(quint64 id, const QString &outcome, double savings, const QString &lessons)
{
    QJsonObject payload {{QStringLiteral("outcome"), outcome},
        {QStringLiteral("optimization_type"), QStringLiteral("spot_migration")},
        {QStringLiteral("cloud_provider"), QStringLiteral("aws")},
        {QStringLiteral("lessons_learned"), lessons}};
    if (savings >= 0)
        payload.insert(QStringLiteral("savings_percent"), savings);
    return hit(id, 0.9f - float(id) / 100.0f, payload);
}

ScoredPoint perfHit(
    quint64 id, const QString &applied, double factor, bool replicable, const QString &effects)
{
    return hit(id, 0.8f,
        {{QStringLiteral("optimization_applied"), applied},
            {QStringLiteral("improvement_factor"), factor},
            {QStringLiteral("replicable"), replicable},
            {QStringLiteral("service_type"), QStringLiteral("vllm")},
            {QStringLiteral("side_effects"), effects}});
}

} // namespace

class TestSearchSummary : public QObject
{
    Q_OBJECT

private slots:
    void median_data();
    void median();
    void phrasesOf_data();
    void phrasesOf();
    void costCases();
    void costWithoutSuccessHasNoMedian();
    void performanceCases();
    void customerContext();
    void tenantPrefixedCollectionIsKnown();
    void otherCollectionsAndNoHits();
};

void TestSearchSummary::median_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("expected");
    QTest::newRow("one") << QList<double> {4} << 4.0;
    QTest::newRow("odd, unsorted") << QList<double> {35, 10, 50} << 35.0;
    QTest::newRow("even") << QList<double> {2, 1, 4, 3} << 2.5;
}

void TestSearchSummary::median()
{
    QFETCH(QList<double>, values);
    QFETCH(double, expected);
    QCOMPARE(SearchSummary::median(values).value(), expected);
    QVERIFY(!SearchSummary::median({}).has_value());
}

void TestSearchSummary::phrasesOf_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("sentences") << QStringLiteral("Checkpoint every 10 minutes. Use a spot fleet!")
                               << QStringList {QStringLiteral("checkpoint every 10 minutes"),
                                      QStringLiteral("use a spot fleet")};
    QTest::newRow("case, spaces, leading joins")
        << QStringLiteral("  And   CHECKPOINT every 10 minutes;so keep a fallback ")
        << QStringList {
               QStringLiteral("checkpoint every 10 minutes"), QStringLiteral("keep a fallback")};
    QTest::newRow("single words dropped, duplicates once")
        << QStringLiteral("Good. Keep a fallback. Keep a fallback.")
        << QStringList {QStringLiteral("keep a fallback")};
    QTest::newRow("decimal point kept") << QStringLiteral("Saved 2.5x on compute")
                                        << QStringList {QStringLiteral("saved 2.5x on compute")};
    QTest::newRow("empty") << QString() << QStringList();
}

void TestSearchSummary::phrasesOf()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(SearchSummary::phrasesOf(text), expected);
}

void TestSearchSummary::costCases()
{
    const QList<ScoredPoint> hits {
        costHit(1, QStringLiteral("success"), 35,
            QStringLiteral("Checkpoint every 10 minutes. Use a spot fleet.")),
        costHit(2, QStringLiteral("failed"), -1,
            QStringLiteral("Workload too variable. Checkpoint every 10 minutes.")),
        costHit(3, QStringLiteral("success"), 50, QStringLiteral("use a SPOT fleet")),
        costHit(4, QStringLiteral("success"), 20, QString()),
        costHit(5, QStringLiteral("rolled_back"), 10, QStringLiteral("Keep a fallback.")),
    };
    const SearchSummary summary
        = SearchSummary::of(QStringLiteral("cost_optimization_knowledge"), hits);
    QCOMPARE(summary.kind(), SearchSummary::Kind::Cost);
    QCOMPARE(summary.cases(), 5);
    const SearchSummary::Counts outcomes {{QStringLiteral("success"), 3},
        {QStringLiteral("failed"), 1}, {QStringLiteral("rolled_back"), 1}};
    QCOMPARE(summary.split(), outcomes);
    // The median of the successes only (35, 50, 20), not of the rolled-back 10.
    QCOMPARE(summary.medianSavingsPercent().value(), 35.0);
    QCOMPARE(summary.phrases().at(0), qMakePair(QStringLiteral("checkpoint every 10 minutes"), 2));
    QCOMPARE(summary.phrases().at(1), qMakePair(QStringLiteral("use a spot fleet"), 2));
    QCOMPARE(summary.headline(),
        QStringLiteral("5 similar cases: 3 succeeded (median 35% savings), 1 failed, "
                       "1 rolled back"));
    const QStringList details = summary.details();
    QVERIFY2(details.contains(
                 QStringLiteral("Common lessons: \u201ccheckpoint every 10 minutes\u201d (2), "
                                "\u201cuse a spot fleet\u201d (2)")),
        qPrintable(details.join(QLatin1Char('|'))));
    QVERIFY(details.contains(QStringLiteral("Types: 5 spot_migration")));
}

void TestSearchSummary::costWithoutSuccessHasNoMedian()
{
    const SearchSummary summary = SearchSummary::of(QStringLiteral("cost_optimization_knowledge"),
        {costHit(1, QStringLiteral("failed"), 40, QStringLiteral("Too variable a workload."))});
    QVERIFY(!summary.medianSavingsPercent());
    QCOMPARE(summary.headline(), QStringLiteral("1 similar case: 1 failed"));
    // No phrase repeats: the best match's lessons are shown as such.
    QVERIFY(summary.details().contains(
        QStringLiteral("Lessons of the best matches: \u201ctoo variable a workload\u201d")));
}

void TestSearchSummary::performanceCases()
{
    const QList<ScoredPoint> hits {
        perfHit(
            1, QStringLiteral("KV cache tuning"), 2.0, true, QStringLiteral("Higher memory use.")),
        perfHit(2, QStringLiteral("kv cache tuning"), 3.0, true,
            QStringLiteral("Higher memory use. Longer warm-up.")),
        perfHit(3, QStringLiteral("Continuous batching"), 1.5, false, QString()),
        perfHit(4, QStringLiteral("KV cache tuning"), 2.4, false, QString()),
        perfHit(5, QStringLiteral("Quantisation"), 0, true, QString()), // after was 0
    };
    const SearchSummary summary = SearchSummary::of(QStringLiteral("performance_patterns"), hits);
    QCOMPARE(summary.kind(), SearchSummary::Kind::Performance);
    QCOMPARE(summary.cases(), 5);
    QCOMPARE(summary.medianImprovementFactor().value(), 2.2); // 1.5 2.0 2.4 3.0
    QCOMPARE(summary.approaches().constFirst(), qMakePair(QStringLiteral("KV cache tuning"), 3));
    QCOMPARE(summary.topApproachFactor().value(), 2.4);
    QCOMPARE(summary.headline(),
        QStringLiteral("5 similar cases, median 2.2× improvement; KV cache tuning worked "
                       "in 3 of them (2.4×)"));
    const QStringList details = summary.details();
    QVERIFY2(details.contains(QStringLiteral("Replicable: 3 of 5")),
        qPrintable(details.join(QLatin1Char('|'))));
    QVERIFY(
        details.contains(QStringLiteral("Common side effects: \u201chigher memory use\u201d (2)")));
}

void TestSearchSummary::customerContext()
{
    const QList<ScoredPoint> hits {
        hit(1, 0.7f,
            {{QStringLiteral("context_type"), QStringLiteral("preference")},
                {QStringLiteral("priority"), QStringLiteral("high")},
                {QStringLiteral("topic"), QStringLiteral("rollout_strategy")},
                {QStringLiteral("content"),
                    QStringLiteral("Prefers 10%→25%→50%→100% rollout with 24-hour validation")}}),
        hit(2, 0.5f,
            {{QStringLiteral("context_type"), QStringLiteral("constraint")},
                {QStringLiteral("priority"), QStringLiteral("critical")},
                {QStringLiteral("topic"), QStringLiteral("rollout_strategy")},
                {QStringLiteral("content"), QStringLiteral("No changes on Fridays")}}),
        hit(3, 0.4f,
            {{QStringLiteral("context_type"), QStringLiteral("preference")},
                {QStringLiteral("priority"), QStringLiteral("high")},
                {QStringLiteral("topic"), QStringLiteral("budget")},
                {QStringLiteral("content"), QStringLiteral("Watches the monthly bill")}}),
    };
    const SearchSummary summary = SearchSummary::of(QStringLiteral("customer_context"), hits);
    QCOMPARE(summary.kind(), SearchSummary::Kind::CustomerContext);
    QCOMPARE(summary.headline(), QStringLiteral("3 notes: 2 preference, 1 constraint"));
    QCOMPARE(summary.bestContent(),
        QStringLiteral("Prefers 10%→25%→50%→100% rollout with 24-hour validation"));
    const QStringList details = summary.details();
    QCOMPARE(details.at(0),
        QStringLiteral("Best match: Prefers 10%→25%→50%→100% rollout with 24-hour "
                       "validation"));
    QVERIFY(details.contains(QStringLiteral("Priority: 2 high, 1 critical")));
    QVERIFY(details.contains(QStringLiteral("Topics: 2 rollout_strategy, 1 budget")));
}

void TestSearchSummary::tenantPrefixedCollectionIsKnown()
{
    const SearchSummary summary
        = SearchSummary::of(QStringLiteral("company_42_cost_optimization_knowledge"),
            {costHit(1, QStringLiteral("success"), 30, QString())});
    QCOMPARE(summary.kind(), SearchSummary::Kind::Cost);
    QCOMPARE(summary.medianSavingsPercent().value(), 30.0);
}

void TestSearchSummary::otherCollectionsAndNoHits()
{
    const SearchSummary other
        = SearchSummary::of(QStringLiteral("notes"), {hit(1, 0.5f, {}), hit(2, 0.4f, {})});
    QCOMPARE(other.kind(), SearchSummary::Kind::Other);
    QCOMPARE(other.headline(), QStringLiteral("2 hits"));
    QVERIFY(other.details().isEmpty());
    const SearchSummary none = SearchSummary::of(QStringLiteral("performance_patterns"), {});
    QCOMPARE(none.headline(), QStringLiteral("No similar cases in this scope."));
    QVERIFY(none.details().isEmpty());
}

QTEST_GUILESS_MAIN(TestSearchSummary)
#include "tst_searchsummary.moc"
