// The charts' statistics without a server: histogram bins and their edges, samples read from
// payloads (missing, non-numeric and NaN values skipped and counted), monthly buckets, split
// grouping, cohorts on shared bins, keyword distributions, the coverage text and the CSV.

#include "chartcsv.h"
#include "chartsamples.h"
#include "histogrambins.h"
#include "outcomestatistics.h"

#include <QJsonArray>
#include <QLocale>
#include <QTest>

#include <cmath>
#include <limits>

namespace {

PointRecord record(const QJsonObject &payload)
{
    static qint64 next = 1;
    PointRecord r;
    r.id = PointId::fromJson(QJsonValue(next++));
    r.payload = payload;
    return r;
}

QJsonObject cost(const QJsonValue &savings, const QString &outcome)
{
    QJsonObject payload{{QStringLiteral("savings_percent"), savings}};
    if (!outcome.isEmpty())
        payload.insert(QStringLiteral("outcome"), outcome);
    return payload;
}

ChartSpec spec(ChartSpec::Kind kind, const QString &split = QString())
{
    ChartSpec s;
    s.kind = kind;
    s.splitKey = split;
    return s;
}

OutcomeStatistics::Cohort cohort(const QString &label, const ChartSamples &samples)
{
    OutcomeStatistics::Cohort c;
    c.status.label = label;
    c.status.read = samples.read;
    c.status.total = samples.read;
    c.status.skipped = samples.skipped;
    c.samples = samples;
    return c;
}

} // namespace

class TestChartStatistics : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void binsFitReadableEdges_data();
    void binsFitReadableEdges();
    void binOfEdges_data();
    void binOfEdges();
    void outlierGoesToAnOpenLastBin();
    void noValuesNoBins();
    void samplesSkipMissingAndNonNumbers();
    void improvementFactorZeroIsSkipped();
    void splitGroupsAndNames();
    void cohortsShareBins();
    void scatterPairs();
    void monthlyBuckets();
    void distributionOrdersValuesOverCohorts();
    void coverageSaysPartial();
    void csvHistogram();
    void csvScatterAndQuoting();
    void payloadFieldsAreOnlyWhatTheChartReads();
};

void TestChartStatistics::binsFitReadableEdges_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<int>("maxBins");
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("step");
    QTest::addColumn<int>("count");

    QTest::newRow("0..100 in 20") << QList<double>{0, 37.5, 100} << 20 << 0.0 << 5.0 << 20;
    QTest::newRow("3..47 in 10") << QList<double>{3, 12, 47} << 10 << 0.0 << 5.0 << 10;
    QTest::newRow("1.2..4.9 in 20") << QList<double>{1.2, 4.9} << 20 << 1.2 << 0.2 << 19;
    QTest::newRow("negative") << QList<double>{-12, 8} << 10 << -12.0 << 2.0 << 10;
    QTest::newRow("one value") << QList<double>{35, 35} << 20 << 35.0 << 5.0 << 1;
    QTest::newRow("one bin asked") << QList<double>{0, 9} << 1 << 0.0 << 10.0 << 1;
}

void TestChartStatistics::binsFitReadableEdges()
{
    QFETCH(QList<double>, values);
    QFETCH(int, maxBins);
    QFETCH(double, lo);
    QFETCH(double, step);
    QFETCH(int, count);
    const HistogramBins bins = HistogramBins::fit(values, maxBins);
    QCOMPARE(bins.count(), count);
    QVERIFY(std::abs(bins.edge(0) - lo) < 1e-9);
    QVERIFY(std::abs(bins.step() - step) < 1e-9);
    QVERIFY(!bins.lastBinOpen());
    // Every value lands in a bin, whose edges hold it.
    for (double v : values) {
        const int bin = bins.binOf(v);
        QVERIFY2(bin >= 0, qPrintable(QString::number(v)));
        QVERIFY(v >= bins.edge(bin) - 1e-9 && v <= bins.edge(bin + 1) + 1e-9);
    }
}

void TestChartStatistics::binOfEdges_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("bin");

    // fixed(0, 0.1, 10): [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0]
    QTest::newRow("lowest edge") << 0.0 << 0;
    QTest::newRow("inner edge belongs above") << 0.1 << 1;
    QTest::newRow("0.3 is on an edge, not a rounding error below") << 0.3 << 3;
    QTest::newRow("just below an edge") << 0.2999 << 2;
    QTest::newRow("upper edge in the last bin") << 1.0 << 9;
    QTest::newRow("above") << 1.05 << -1;
    QTest::newRow("below") << -0.01 << -1;
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << -1;
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << -1;
}

void TestChartStatistics::binOfEdges()
{
    QFETCH(double, value);
    QFETCH(int, bin);
    QCOMPARE(HistogramBins::fixed(0, 0.1, 10).binOf(value), bin);
}

void TestChartStatistics::outlierGoesToAnOpenLastBin()
{
    QList<double> values;
    for (int i = 0; i < 300; ++i)
        values.append(1.0 + double(i % 40) / 10.0); // 1.0 .. 4.9
    values.append(480); // one factor far off: after latency of a few ms
    const HistogramBins bins = HistogramBins::fit(values, 20);
    QVERIFY(bins.lastBinOpen());
    QVERIFY(bins.count() <= 20);
    QVERIFY(bins.step() <= 0.5); // not 25-wide bins that put every other value in the first
    QCOMPARE(bins.binOf(480), bins.count() - 1);
    QVERIFY(bins.label(bins.count() - 1).startsWith(QStringLiteral("≥ ")));
    QCOMPARE(bins.label(0), QStringLiteral("%1–%2").arg(bins.edge(0)).arg(bins.edge(1)));
    const QList<double> counts = bins.counts(values);
    double sum = 0;
    for (double c : counts)
        sum += c;
    QCOMPARE(sum, 301.0);
}

void TestChartStatistics::noValuesNoBins()
{
    const HistogramBins bins = HistogramBins::fit({std::numeric_limits<double>::quiet_NaN()}, 20);
    QVERIFY(bins.isEmpty());
    QCOMPARE(bins.binOf(1), -1);
    const ChartResult result = OutcomeStatistics::build(spec(ChartSpec::Kind::SavingsHistogram),
                                                        {cohort(QString(), ChartSamples())});
    QVERIFY(result.categories.isEmpty());
    QVERIFY(result.isEmpty());
}

void TestChartStatistics::samplesSkipMissingAndNonNumbers()
{
    const QList<PointRecord> records{
        record(cost(35, QStringLiteral("success"))),
        record(cost(12.5, QStringLiteral("success"))),
        record(cost(QStringLiteral("35"), QStringLiteral("success"))), // text, not a number
        record(cost(QJsonValue::Null, QStringLiteral("failed"))),
        record(QJsonObject{{QStringLiteral("outcome"), QStringLiteral("failed")}}), // missing
        record(cost(std::numeric_limits<double>::quiet_NaN(), QStringLiteral("failed"))),
        record(cost(QJsonArray{1, 2}, QStringLiteral("failed"))),
        record(cost(-4, QStringLiteral("rolled_back"))),
    };
    const ChartSamples samples
        = ChartSamples::fromRecords(records, spec(ChartSpec::Kind::SavingsHistogram));
    QCOMPARE(samples.read, 8);
    QCOMPARE(samples.skipped, 5);
    QCOMPARE(samples.used(), 3);
    QCOMPARE(samples.values.value(QString()), (QList<double>{35, 12.5, -4}));

    // Merging pages adds up.
    ChartSamples merged = samples;
    merged.merge(samples);
    QCOMPARE(merged.read, 16);
    QCOMPARE(merged.skipped, 10);
    QCOMPARE(merged.values.value(QString()).size(), 6);
}

void TestChartStatistics::improvementFactorZeroIsSkipped()
{
    const auto perf = [](const QJsonValue &factor) {
        return record(QJsonObject{{QStringLiteral("improvement_factor"), factor},
                                  {QStringLiteral("service_type"), QStringLiteral("vllm")}});
    };
    const ChartSamples samples = ChartSamples::fromRecords(
        {perf(2.3), perf(0), perf(1.1), perf(-1)},
        spec(ChartSpec::Kind::ImprovementHistogram, QStringLiteral("service_type")));
    QCOMPARE(samples.skipped, 2);
    QCOMPARE(samples.values.value(QStringLiteral("vllm")), (QList<double>{2.3, 1.1}));
}

void TestChartStatistics::splitGroupsAndNames()
{
    const QList<PointRecord> records{
        record(cost(10, QStringLiteral("success"))), record(cost(20, QStringLiteral("success"))),
        record(cost(30, QStringLiteral("failed"))), record(cost(40, QString())),
    };
    const ChartSpec s = spec(ChartSpec::Kind::SavingsHistogram, QStringLiteral("outcome"));
    const ChartResult result = OutcomeStatistics::build(
        s, {cohort(QString(), ChartSamples::fromRecords(records, s))});
    QStringList names;
    for (const ChartSeriesData &series : result.series)
        names.append(series.name);
    // Groups in order of their value; points without one in a group of their own.
    QCOMPARE(names, (QStringList{QStringLiteral("(no outcome)"), QStringLiteral("failed"),
                                 QStringLiteral("success")}));
    QCOMPARE(result.series.at(2).group, QStringLiteral("success"));
    double successes = 0;
    for (double c : result.series.at(2).values)
        successes += c;
    QCOMPARE(successes, 2.0);
    QCOMPARE(result.binEdges.size(), result.categories.size() + 1);
    QCOMPARE(result.xTitle, QStringLiteral("savings_percent"));
    QCOMPARE(OutcomeStatistics::seriesName(QStringLiteral("acme"), QStringLiteral("failed"),
                                           QStringLiteral("outcome"), 2),
             QStringLiteral("acme · failed"));
    QCOMPARE(OutcomeStatistics::seriesName(QString(), QString(), QString(), 1),
             QStringLiteral("All points"));
}

void TestChartStatistics::cohortsShareBins()
{
    const ChartSpec s = spec(ChartSpec::Kind::SavingsHistogram);
    const ChartSamples a = ChartSamples::fromRecords(
        {record(cost(0, {})), record(cost(9, {}))}, s);
    const ChartSamples b = ChartSamples::fromRecords(
        {record(cost(50, {})), record(cost(99, {})), record(cost(100, {}))}, s);
    const ChartResult result = OutcomeStatistics::build(
        s, {cohort(QStringLiteral("acme"), a), cohort(QStringLiteral("globex"), b)});
    QCOMPARE(result.series.size(), 2);
    QCOMPARE(result.series.at(0).name, QStringLiteral("acme"));
    QCOMPARE(result.series.at(1).name, QStringLiteral("globex"));
    QCOMPARE(result.categories.size(), 20);
    QCOMPARE(result.categories.first(), QStringLiteral("0–5"));
    QCOMPARE(result.categories.last(), QStringLiteral("95–100"));
    QCOMPARE(result.series.at(0).values.size(), 20);
    QCOMPARE(result.series.at(0).values.at(0), 1.0);
    QCOMPARE(result.series.at(0).values.at(1), 1.0);
    QCOMPARE(result.series.at(1).values.at(10), 1.0);
    QCOMPARE(result.series.at(1).values.at(19), 2.0); // 99 and the upper edge 100
}

void TestChartStatistics::scatterPairs()
{
    const auto perf = [](const QJsonValue &before, const QJsonValue &after, const QString &model) {
        return record(QJsonObject{{QStringLiteral("before_latency_p95"), before},
                                  {QStringLiteral("after_latency_p95"), after},
                                  {QStringLiteral("model_name"), model}});
    };
    const ChartSpec s = spec(ChartSpec::Kind::LatencyScatter, QStringLiteral("model_name"));
    const ChartSamples samples = ChartSamples::fromRecords(
        {perf(800, 350, QStringLiteral("llama")), perf(QJsonValue(), 100, QStringLiteral("llama")),
         perf(420, 400, QStringLiteral("qwen")), perf(300, QStringLiteral("fast"),
                                                      QStringLiteral("qwen"))},
        s);
    QCOMPARE(samples.skipped, 2);
    const ChartResult result = OutcomeStatistics::build(s, {cohort(QString(), samples)});
    QCOMPARE(result.series.size(), 2);
    QCOMPARE(result.series.at(0).name, QStringLiteral("llama"));
    QCOMPARE(result.series.at(0).points, (QList<QPointF>{QPointF(800, 350)}));
    QCOMPARE(result.series.at(1).points, (QList<QPointF>{QPointF(420, 400)}));
    QVERIFY(result.categories.isEmpty());
    QVERIFY(result.xTitle.startsWith(QStringLiteral("before_latency_p95")));
}

void TestChartStatistics::monthlyBuckets()
{
    const auto dated = [](const QJsonValue &date, const QString &provider) {
        return record(QJsonObject{{QStringLiteral("execution_date"), date},
                                  {QStringLiteral("cloud_provider"), provider}});
    };
    const ChartSpec s = spec(ChartSpec::Kind::MonthlySeries, QStringLiteral("cloud_provider"));
    const ChartSamples samples = ChartSamples::fromRecords(
        {
            dated(QStringLiteral("2025-11-03T10:00:00Z"), QStringLiteral("aws")),
            dated(QStringLiteral("2025-11-30T23:59:59Z"), QStringLiteral("aws")),
            // 23:30 at UTC-2 is 01:30 on 1 February in UTC.
            dated(QStringLiteral("2026-01-31T23:30:00-02:00"), QStringLiteral("gcp")),
            dated(QStringLiteral("2026-01-15"), QStringLiteral("aws")), // a bare date
            dated(QStringLiteral("2026-01-15T08:00:00.250Z"), QStringLiteral("aws")),
            dated(QStringLiteral("yesterday"), QStringLiteral("aws")),
            dated(20260115, QStringLiteral("aws")),
            dated(QJsonValue(), QStringLiteral("gcp")),
        },
        s);
    QCOMPARE(samples.read, 8);
    QCOMPARE(samples.skipped, 3);
    const ChartResult result = OutcomeStatistics::build(s, {cohort(QString(), samples)});
    // Every month from the first to the last; December has none but is there.
    QCOMPARE(result.categories,
             (QStringList{QStringLiteral("2025-11"), QStringLiteral("2025-12"),
                          QStringLiteral("2026-01"), QStringLiteral("2026-02")}));
    QCOMPARE(result.series.size(), 2);
    QCOMPARE(result.series.at(0).name, QStringLiteral("aws"));
    QCOMPARE(result.series.at(0).values, (QList<double>{2, 0, 2, 0}));
    QCOMPARE(result.series.at(1).name, QStringLiteral("gcp"));
    QCOMPARE(result.series.at(1).values, (QList<double>{0, 0, 0, 1}));
    QCOMPARE(ChartSamples::monthLabel(ChartSamples::monthNumber(987, 12)),
             QStringLiteral("0987-12"));
}

void TestChartStatistics::distributionOrdersValuesOverCohorts()
{
    ChartSpec s = spec(ChartSpec::Kind::KeywordDistribution);
    s.valueKey = QStringLiteral("optimization_type");
    OutcomeStatistics::FacetCohort a;
    a.status = {QStringLiteral("acme"), 10, 10, 0};
    a.hits = {{QStringLiteral("spot_migration"), 6}, {QStringLiteral("right_sizing"), 4}};
    OutcomeStatistics::FacetCohort b;
    b.status = {QStringLiteral("globex"), 9, 9, 0};
    b.hits = {{QStringLiteral("right_sizing"), 5}, {QStringLiteral("reserved_instance"), 4}};
    const ChartResult result = OutcomeStatistics::buildDistribution(s, {a, b});
    QCOMPARE(result.categories,
             (QStringList{QStringLiteral("right_sizing"), QStringLiteral("spot_migration"),
                          QStringLiteral("reserved_instance")}));
    QCOMPARE(result.series.at(0).values, (QList<double>{4, 6, 0}));
    QCOMPARE(result.series.at(1).values, (QList<double>{5, 0, 4}));
    QCOMPARE(result.series.at(1).name, QStringLiteral("globex"));
    QVERIFY(!result.isPartial());
    QCOMPARE(result.coverageText(), QStringLiteral("19 points"));
}

void TestChartStatistics::coverageSaysPartial()
{
    ChartResult result;
    result.cohorts = {{QStringLiteral("a"), 1000, 5000, 0}, {QStringLiteral("b"), 200, 200, 12}};
    QVERIFY(result.isPartial());
    QCOMPARE(result.coverageText(),
             QStringLiteral("1,200 of 5,200 points · 12 without a usable value, not charted"));
    result.cohorts[0].read = 5000;
    QVERIFY(!result.isPartial());
    QCOMPARE(result.coverageText(),
             QStringLiteral("5,200 points · 12 without a usable value, not charted"));
    result.cancelled = true;
    QVERIFY(result.isPartial());
    QVERIFY(result.coverageText().contains(QStringLiteral("(stopped)")));
    result.cancelled = false;
    result.cohorts[1].total = -1;
    QVERIFY(result.coverageText().startsWith(QStringLiteral("5,200 points read (total unknown)")));
}

void TestChartStatistics::csvHistogram()
{
    const ChartSpec s = spec(ChartSpec::Kind::SavingsHistogram, QStringLiteral("outcome"));
    ChartResult result;
    result.spec = s;
    result.xTitle = QStringLiteral("savings_percent");
    result.categories = {QStringLiteral("-10–0"), QStringLiteral("0–10"), QStringLiteral("≥ 10")};
    result.binEdges = {-10, 0, 10, 20};
    result.lastBinOpen = true;
    result.series = {{QStringLiteral("success"), {}, QStringLiteral("success"), {1, 2, 3}, {}},
                     {QStringLiteral("a, \"b\""), {}, QStringLiteral("x"), {0, 0.5, 7}, {}}};
    const QByteArray expected = "savings_percent,lower,upper,success,\"a, \"\"b\"\"\"\r\n"
                                "'-10–0,-10,0,1,0\r\n"
                                "0–10,0,10,2,0.5\r\n"
                                "≥ 10,10,,3,7\r\n";
    QCOMPARE(ChartCsv::toCsv(result), expected);
}

void TestChartStatistics::csvScatterAndQuoting()
{
    ChartResult result;
    result.spec = spec(ChartSpec::Kind::LatencyScatter, QStringLiteral("model_name"));
    result.series = {{QStringLiteral("=cmd|x"), QStringLiteral("acme"), QStringLiteral("=cmd|x"),
                      {}, {QPointF(800, 350.25), QPointF(0.1, 1e-7)}}};
    const QByteArray expected = "series,cohort,model_name,before_latency_p95,after_latency_p95\r\n"
                                "'=cmd|x,acme,'=cmd|x,800,350.25\r\n"
                                "'=cmd|x,acme,'=cmd|x,0.10000000000000001,9.9999999999999995e-08\r\n";
    QCOMPARE(ChartCsv::toCsv(result), expected);
    QCOMPARE(ChartCsv::field(QStringLiteral("two\nlines")), QByteArray("\"two\nlines\""));
    QCOMPARE(ChartCsv::number(42), QByteArray("42"));
}

void TestChartStatistics::payloadFieldsAreOnlyWhatTheChartReads()
{
    QCOMPARE(spec(ChartSpec::Kind::SavingsHistogram, QStringLiteral("outcome")).payloadFields(),
             (QStringList{QStringLiteral("savings_percent"), QStringLiteral("outcome")}));
    QCOMPARE(spec(ChartSpec::Kind::LatencyScatter).payloadFields(),
             (QStringList{QStringLiteral("before_latency_p95"),
                          QStringLiteral("after_latency_p95")}));
    QCOMPARE(spec(ChartSpec::Kind::MonthlySeries, QStringLiteral("outcome")).payloadFields(),
             (QStringList{QStringLiteral("execution_date"), QStringLiteral("outcome")}));
    QVERIFY(spec(ChartSpec::Kind::KeywordDistribution).payloadFields().isEmpty());
    QVERIFY(!spec(ChartSpec::Kind::KeywordDistribution).needsPoints());
}

QTEST_GUILESS_MAIN(TestChartStatistics)
#include "tst_chartstatistics.moc"
