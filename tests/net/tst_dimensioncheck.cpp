// checkEmbedderDimension / checkVectorDimensions: refuse before anything is written, with an
// error that names both numbers and the collection.
#include "dimensioncheck.h"
#include "localembedder.h"

#include <QtTest>

class TestDimensionCheck : public QObject
{
    Q_OBJECT

private slots:
    void embedder_data();
    void embedder();
    void vectors_data();
    void vectors();
};

void TestDimensionCheck::embedder_data()
{
    QTest::addColumn<int>("embedderDimension");
    QTest::addColumn<QString>("vectorName");
    QTest::addColumn<int>("collectionSize");
    QTest::addColumn<QString>("expectedMessage"); // empty: passes

    QTest::newRow("fits") << 1536 << QString() << 1536 << QString();
    QTest::newRow("too short")
        << 384 << QString() << 1536
        << QStringLiteral("the embedder (lexical, offline) makes 384-dimensional vectors but "
                          "collection customer_context expects 1536");
    QTest::newRow("named vector")
        << 1536 << QStringLiteral("text") << 768
        << QStringLiteral("the embedder (lexical, offline) makes 1536-dimensional vectors but "
                          "vector \"text\" of collection customer_context expects 768");
    QTest::newRow("unknown collection size")
        << 384 << QString() << 0
        << QStringLiteral("the vector size of collection customer_context is not known");
}

void TestDimensionCheck::embedder()
{
    QFETCH(int, embedderDimension);
    QFETCH(QString, vectorName);
    QFETCH(int, collectionSize);
    QFETCH(QString, expectedMessage);
    const LocalEmbedder embedder(embedderDimension);
    const auto error = checkEmbedderDimension(
        embedder, {QStringLiteral("customer_context"), vectorName, collectionSize});
    if (expectedMessage.isEmpty()) {
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        return;
    }
    QVERIFY(error);
    QCOMPARE(error->kind, NetError::Kind::Invalid);
    QCOMPARE(error->message, expectedMessage);
}

void TestDimensionCheck::vectors_data()
{
    QTest::addColumn<QList<int>>("lengths");
    QTest::addColumn<int>("collectionSize");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("all fit") << QList<int> {4, 4, 4} << 4 << QString();
    QTest::newRow("none") << QList<int> {} << 4 << QString();
    QTest::newRow("second too long")
        << QList<int> {4, 5, 3} << 4
        << QStringLiteral("vector 2 of 3 has 5 dimensions but collection "
                          "cost_optimization_knowledge expects 4");
}

void TestDimensionCheck::vectors()
{
    QFETCH(QList<int>, lengths);
    QFETCH(int, collectionSize);
    QFETCH(QString, expectedMessage);
    Embeddings vectors;
    for (int length : lengths)
        vectors.append(QList<float>(length, 0.5f));
    const auto error = checkVectorDimensions(
        vectors, {QStringLiteral("cost_optimization_knowledge"), QString(), collectionSize});
    if (expectedMessage.isEmpty()) {
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        return;
    }
    QVERIFY(error);
    QCOMPARE(error->kind, NetError::Kind::Invalid);
    QCOMPARE(error->message, expectedMessage);
}

QTEST_GUILESS_MAIN(TestDimensionCheck)
#include "tst_dimensioncheck.moc"
