// LocalEmbedder: deterministic, normalised, refuses texts without words, and good enough that
// agent-memory sentences about the same thing score clearly higher than unrelated ones.
#include "localembedder.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

#include <cmath>
#include <optional>

namespace {

double cosine(const QList<float> &a, const QList<float> &b)
{
    double dot = 0, na = 0, nb = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        dot += double(a[i]) * b[i];
        na += double(a[i]) * a[i];
        nb += double(b[i]) * b[i];
    }
    return dot / std::sqrt(na * nb);
}

QList<float> embedOne(const QString &text, int dimension)
{
    Result<QList<float>> result = LocalEmbedder::embedText(text, dimension);
    if (!result.ok())
        qFatal("embedText failed: %s", qPrintable(result.error().message));
    return result.value();
}

QString errorText(const Result<Embeddings> &result)
{
    return result.ok() ? QString() : result.error().message;
}

// What an async embed() reported, and how often.
struct CallOutcome
{
    std::optional<Result<Embeddings>> result;
    int finishedCount = 0;
};

} // namespace

class TestLocalEmbedder : public QObject
{
    Q_OBJECT

private slots:
    void interfaceValues();
    void deterministicGolden();
    void normalised_data();
    void normalised();
    void normalisesCaseAndPunctuation();
    void refusesTextsWithoutWords_data();
    void refusesTextsWithoutWords();
    void refusesBadDimension_data();
    void refusesBadDimension();
    void batchErrorNamesTheText();
    void relatedScoresHigher_data();
    void relatedScoresHigher();
    void asyncEmbed_data();
    void asyncEmbed();
    void asyncEmptyList();
    void asyncError();
    void cancel_data();
    void cancel();
    void safeOnAnyThread();
    void speed();
};

void TestLocalEmbedder::interfaceValues()
{
    LocalEmbedder embedder(384);
    QCOMPARE(embedder.dimension(), 384);
    QCOMPARE(embedder.displayName(), QStringLiteral("lexical, offline"));
    QCOMPARE(embedder.modelId(), QStringLiteral("mc-lexical-v1"));
}

// The vectors of mc-lexical-v1 are pinned: a change of the scheme must come with a new
// modelId(), or stored vectors silently stop matching new queries.
void TestLocalEmbedder::deterministicGolden()
{
    const QString text = QStringLiteral("Migrate batch processing to spot instances");
    const QList<float> first = embedOne(text, 16);
    QCOMPARE(embedOne(text, 16), first);
    const QList<float> golden = {-0.232994616f, 0.343657434f, 0.370567292f, -0.263069123f,
        0.0778194442f, -0.0632798895f, -0.0940791294f, -0.303957522f, 0.361658067f, 0.377287924f,
        -0.113069043f, -0.0940791294f, -0.163457841f, 0.300106823f, 0.166984454f, 0.265219986f};
    QStringList actual;
    bool same = first.size() == golden.size();
    for (qsizetype i = 0; i < first.size(); ++i) {
        actual << QString::number(double(first[i]), 'g', 9) + QLatin1Char('f');
        same = same && qAbs(first[i] - golden[i]) < 1e-6f;
    }
    QVERIFY2(
        same, qPrintable(QStringLiteral("actual: {%1}").arg(actual.join(QStringLiteral(", ")))));
}

void TestLocalEmbedder::normalised_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("dimension");
    QTest::newRow("short, 1536") << QStringLiteral("spot") << 1536;
    QTest::newRow("sentence, 384") << QStringLiteral("customer prefers gradual rollout") << 384;
    QTest::newRow("tiny dimension") << QStringLiteral("reserved instance for steady load") << 4;
    QTest::newRow("one dimension") << QStringLiteral("right sizing") << 1;
    QTest::newRow("non-Latin") << QStringLiteral("Оптимизация затрат на вычисления") << 768;
    QTest::newRow("CJK") << QStringLiteral("成本优化") << 256;
    QTest::newRow("repeated") << QStringLiteral("spot spot spot spot spot") << 1536;
    QTest::newRow("long") << QStringLiteral("batch ").repeated(2000) << 1536;
}

void TestLocalEmbedder::normalised()
{
    QFETCH(QString, text);
    QFETCH(int, dimension);
    const QList<float> vector = embedOne(text, dimension);
    QCOMPARE(vector.size(), dimension);
    double norm = 0;
    for (float v : vector) {
        QVERIFY(std::isfinite(v));
        norm += double(v) * v;
    }
    QVERIFY2(qAbs(std::sqrt(norm) - 1.0) < 1e-5, qPrintable(QString::number(norm)));
}

void TestLocalEmbedder::normalisesCaseAndPunctuation()
{
    QCOMPARE(embedOne(QStringLiteral("Spot Instances!"), 384),
        embedOne(QStringLiteral("spot   instances"), 384));
    QCOMPARE(embedOne(QStringLiteral("ÉTÉ"), 64), embedOne(QStringLiteral("été"), 64));
    // NFKC: the "ﬁ" ligature and full-width digits are the plain letters.
    QCOMPARE(embedOne(QStringLiteral("ﬁle １２"), 64), embedOne(QStringLiteral("file 12"), 64));
    // Stop words alone carry no meaning; around content words they change nothing.
    QCOMPARE(embedOne(QStringLiteral("the spot instances for the batch"), 384),
        embedOne(QStringLiteral("spot instances batch"), 384));
}

void TestLocalEmbedder::refusesTextsWithoutWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << QStringLiteral("   \t\n ");
    QTest::newRow("punctuation") << QStringLiteral("... --- !!! ???");
    QTest::newRow("emoji only") << QStringLiteral("\U0001F680\U0001F525");
    QTest::newRow("stop words only") << QStringLiteral("to the and of");
    QTest::newRow("single letters") << QStringLiteral("a b c");
}

void TestLocalEmbedder::refusesTextsWithoutWords()
{
    QFETCH(QString, text);
    const Result<QList<float>> result = LocalEmbedder::embedText(text, 384);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Invalid);
    QVERIFY2(result.error().message.contains(QStringLiteral("no words")),
        qPrintable(result.error().message));
}

void TestLocalEmbedder::refusesBadDimension_data()
{
    QTest::addColumn<int>("dimension");
    QTest::newRow("zero") << 0;
    QTest::newRow("negative") << -3;
    QTest::newRow("above Qdrant's limit") << LocalEmbedder::MaxDimension + 1;
}

void TestLocalEmbedder::refusesBadDimension()
{
    QFETCH(int, dimension);
    const Result<Embeddings> result
        = LocalEmbedder::embedSync({QStringLiteral("spot instances")}, dimension);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Invalid);
    QVERIFY2(result.error().message.contains(QString::number(dimension)),
        qPrintable(result.error().message));
}

void TestLocalEmbedder::batchErrorNamesTheText()
{
    const Result<Embeddings> result = LocalEmbedder::embedSync(
        {QStringLiteral("spot instances"), QStringLiteral("ok text"), QStringLiteral("  ")}, 384);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Invalid);
    QVERIFY2(result.error().message.startsWith(QStringLiteral("text 3 of 3")),
        qPrintable(result.error().message));
}

void TestLocalEmbedder::relatedScoresHigher_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("related");
    QTest::addColumn<QString>("unrelated");
    QTest::addColumn<int>("dimension");

    const QString spotA = QStringLiteral("migrate batch processing to spot instances");
    const QString spotB = QStringLiteral("spot instance migration for nightly batch jobs");
    const QString rollout = QStringLiteral("customer prefers gradual rollout");
    QTest::newRow("spot, 1536") << spotA << spotB << rollout << 1536;
    QTest::newRow("spot, 384") << spotA << spotB << rollout << 384;
    QTest::newRow("spot vs reserved") << spotA << spotB
                                      << QStringLiteral("bought reserved capacity for the "
                                                        "steady database workload")
                                      << 1536;
    QTest::newRow("kv cache") << QStringLiteral("vLLM ran out of GPU memory on long prompts")
                              << QStringLiteral("reduce vllm gpu memory use for long prompt "
                                                "requests with a smaller KV cache")
                              << QStringLiteral("customer wants weekly cost reports by email")
                              << 1536;
    QTest::newRow("rollout") << QStringLiteral("customer prefers gradual rollout with 24-hour "
                                               "validation")
                             << QStringLiteral("roll out gradually: 10% then 25% then 50%, "
                                               "validate for 24 hours")
                             << QStringLiteral("right-sizing m5.xlarge instances saved 30%")
                             << 1536;
    QTest::newRow("latency") << QStringLiteral("p99 latency spikes under bursty traffic")
                             << QStringLiteral("bursty traffic caused latency spikes at p99; "
                                               "fixed with request batching")
                             << QStringLiteral("rolled back the spot migration after "
                                               "interruptions")
                             << 768;
}

void TestLocalEmbedder::relatedScoresHigher()
{
    QFETCH(QString, text);
    QFETCH(QString, related);
    QFETCH(QString, unrelated);
    QFETCH(int, dimension);
    const QList<float> a = embedOne(text, dimension);
    const QList<float> b = embedOne(related, dimension);
    const QList<float> c = embedOne(unrelated, dimension);
    const double close = cosine(a, b);
    const double far = qMax(cosine(a, c), cosine(b, c));
    qInfo("cosine related %.3f; unrelated %.3f and %.3f (dim %d)", close, cosine(a, c),
        cosine(b, c), dimension);
    QVERIFY2(close >= 0.25, qPrintable(QString::number(close)));
    QVERIFY2(far <= 0.12, qPrintable(QString::number(far)));
    QVERIFY2(close - far >= 0.2, qPrintable(QString::number(close - far)));
}

void TestLocalEmbedder::asyncEmbed_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("one text") << 1;
    QTest::newRow("largest inline batch") << LocalEmbedder::InlineBatchLimit;
    QTest::newRow("thread-pool batch") << 500;
}

void TestLocalEmbedder::asyncEmbed()
{
    QFETCH(int, count);
    QStringList texts;
    for (int i = 0; i < count; ++i)
        texts
            << QStringLiteral("decision %1: move batch job %2 to spot capacity").arg(i).arg(i * 7);
    LocalEmbedder embedder(384);
    CallOutcome outcome;
    EmbedCall *call = embedder.embed(texts);
    connect(call, &EmbedCall::finished, this, [&outcome](const Result<Embeddings> &result) {
        outcome.result = result;
        ++outcome.finishedCount;
    });
    QCOMPARE(outcome.finishedCount, 0); // never from inside embed()
    QPointer<EmbedCall> guard(call);
    QTRY_VERIFY_WITH_TIMEOUT(outcome.result.has_value(), 10000);
    QVERIFY2(outcome.result->ok(), qPrintable(errorText(*outcome.result)));
    QCOMPARE(outcome.result->value(), LocalEmbedder::embedSync(texts, 384).value());
    QTRY_VERIFY(guard.isNull()); // deletes itself
    QCOMPARE(outcome.finishedCount, 1);
}

void TestLocalEmbedder::asyncEmptyList()
{
    LocalEmbedder embedder(8);
    CallOutcome outcome;
    connect(embedder.embed({}), &EmbedCall::finished, this,
        [&outcome](const Result<Embeddings> &result) { outcome.result = result; });
    QTRY_VERIFY(outcome.result.has_value());
    QVERIFY(outcome.result->ok());
    QVERIFY(outcome.result->value().isEmpty());
}

void TestLocalEmbedder::asyncError()
{
    LocalEmbedder embedder(384);
    CallOutcome outcome;
    connect(embedder.embed({QStringLiteral("spot"), QStringLiteral("!!")}), &EmbedCall::finished,
        this, [&outcome](const Result<Embeddings> &result) { outcome.result = result; });
    QTRY_VERIFY(outcome.result.has_value());
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.result->error().kind, NetError::Kind::Invalid);
}

void TestLocalEmbedder::cancel_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("inline") << 3;
    QTest::newRow("thread pool") << 20000;
}

void TestLocalEmbedder::cancel()
{
    QFETCH(int, count);
    const QStringList texts(count, QStringLiteral("nightly batch jobs on spot instances"));
    LocalEmbedder embedder(1536);
    CallOutcome outcome;
    EmbedCall *call = embedder.embed(texts);
    connect(call, &EmbedCall::finished, this, [&outcome](const Result<Embeddings> &result) {
        outcome.result = result;
        ++outcome.finishedCount;
    });
    call->cancel();
    QCOMPARE(outcome.finishedCount, 0); // not from inside cancel() either
    call->cancel(); // harmless twice
    QTRY_VERIFY_WITH_TIMEOUT(outcome.result.has_value(), 10000);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.result->error().kind, NetError::Kind::Cancelled);
    QThreadPool::globalInstance()->waitForDone(10000); // the worker stops early
    QCoreApplication::processEvents();
    QCOMPARE(outcome.finishedCount, 1);
}

void TestLocalEmbedder::safeOnAnyThread()
{
    QStringList texts;
    for (int i = 0; i < 200; ++i)
        texts << QStringLiteral("pattern %1: cache warm-up halves cold-start latency").arg(i);
    const Embeddings expected = LocalEmbedder::embedSync(texts, 512).value();
    QList<QFuture<Embeddings>> futures;
    for (int t = 0; t < 4; ++t)
        futures << QtConcurrent::run(
            [texts] { return LocalEmbedder::embedSync(texts, 512).value(); });
    for (QFuture<Embeddings> &future : futures)
        QCOMPARE(future.result(), expected);
}

// Not a timed test: prints the figure so regressions show in the log (make bench has more).
void TestLocalEmbedder::speed()
{
    const QStringList samples
        = {QStringLiteral("Migrated the nightly ETL batch jobs from on-demand m5.xlarge to spot "
                          "instances with a fallback pool; interruptions stayed under 3%."),
            QStringLiteral("Customer prefers 10%->25%->50%->100% rollout with 24-hour "
                           "validation between steps."),
            QStringLiteral("vLLM OOM on long prompts fixed by lowering gpu_memory_utilization "
                           "to 0.85 and enabling chunked prefill."),
            QStringLiteral("Reserved instances for the steady Postgres workload saved 38% per "
                           "month.")};
    QStringList texts;
    for (int i = 0; i < 2000; ++i)
        texts << samples.at(i % samples.size()) + QStringLiteral(" #%1").arg(i);
    for (int dimension : {384, 1536}) {
        LocalEmbedder::embedSync(texts.mid(0, 50), dimension); // warm up
        QElapsedTimer timer;
        timer.start();
        const Result<Embeddings> result = LocalEmbedder::embedSync(texts, dimension);
        const double us = double(timer.nsecsElapsed()) / 1000.0 / texts.size();
        QVERIFY(result.ok());
        qInfo("LocalEmbedder: %.1f us per text (%d-dimensional, ~110-character texts)", us,
            dimension);
    }
}

QTEST_GUILESS_MAIN(TestLocalEmbedder)
#include "tst_localembedder.moc"
