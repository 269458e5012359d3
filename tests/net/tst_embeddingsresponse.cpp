// parseEmbeddingsResponse / embeddingsErrorMessage on bodies as OpenAI-compatible services send
// them, without HTTP (tst_openaiembedder covers the wire).
#include "embeddingsresponse.h"

#include <QtTest>

class TestEmbeddingsResponse : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void errorMessage_data();
    void errorMessage();
};

void TestEmbeddingsResponse::parses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("dimension");
    QTest::addColumn<Embeddings>("expected");

    QTest::newRow("OpenAI, in order")
        << QByteArray("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                      "\"embedding\":[0.5,-0.25]},{\"object\":\"embedding\",\"index\":1,"
                      "\"embedding\":[1,2]}],\"model\":\"m\",\"usage\":{\"prompt_tokens\":2,"
                      "\"total_tokens\":2}}")
        << 2 << 2 << Embeddings {{0.5f, -0.25f}, {1.0f, 2.0f}};
    QTest::newRow("out of order") << QByteArray(
        "{\"data\":[{\"index\":2,\"embedding\":[3]},{\"index\":0,\"embedding\":"
        "[1]},{\"index\":1,\"embedding\":[2]}]}")
                                  << 3 << 0 << Embeddings {{1.0f}, {2.0f}, {3.0f}};
    QTest::newRow("no index: in order")
        << QByteArray("{\"data\":[{\"embedding\":[1,1]},{\"embedding\":[2,2]}]}") << 2 << 0
        << Embeddings {{1.0f, 1.0f}, {2.0f, 2.0f}};
    // [1.0, -2.0] as little-endian float32, base64.
    QTest::newRow("base64") << QByteArray(
        "{\"data\":[{\"index\":0,\"embedding\":\"AACAPwAAAMA=\"}]}")
                            << 1 << 2 << Embeddings {{1.0f, -2.0f}};
}

void TestEmbeddingsResponse::parses()
{
    QFETCH(QByteArray, body);
    QFETCH(int, count);
    QFETCH(int, dimension);
    QFETCH(Embeddings, expected);
    const Result<Embeddings> result = parseEmbeddingsResponse(body, count, dimension);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value(), expected);
}

void TestEmbeddingsResponse::refuses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("dimension");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty body") << QByteArray() << 1 << 0
                                << QStringLiteral(
                                       "the embedding service's answer is not valid JSON");
    QTest::newRow("HTML") << QByteArray("<html>502 Bad Gateway</html>") << 1 << 0
                          << QStringLiteral("is not valid JSON");
    QTest::newRow("array root") << QByteArray("[[0.1,0.2]]") << 1 << 0
                                << QStringLiteral("has no \"data\" list");
    QTest::newRow("too many") << QByteArray("{\"data\":[{\"embedding\":[1]},{\"embedding\":[2]}]}")
                              << 1 << 0 << QStringLiteral("has 2 vectors for 1 texts");
    QTest::newRow("index out of range")
        << QByteArray("{\"data\":[{\"index\":0,\"embedding\":[1]},{\"index\":2,"
                      "\"embedding\":[2]}]}")
        << 2 << 0 << QStringLiteral("has index 2, out of range for 2 texts");
    QTest::newRow("index missing on one")
        << QByteArray("{\"data\":[{\"index\":0,\"embedding\":[1]},{\"embedding\":[2]}]}") << 2 << 0
        << QStringLiteral("has item 1 without a valid \"index\"");
    QTest::newRow("fractional index")
        << QByteArray("{\"data\":[{\"index\":0.5,\"embedding\":[1]}]}") << 1 << 0
        << QStringLiteral("has item 0 without a valid \"index\"");
    QTest::newRow("empty vector") << QByteArray("{\"data\":[{\"index\":0,\"embedding\":[]}]}") << 1
                                  << 0 << QStringLiteral("has an empty vector at index 0");
    QTest::newRow("null vector") << QByteArray("{\"data\":[{\"index\":0,\"embedding\":null}]}") << 1
                                 << 0 << QStringLiteral("has no \"embedding\" list for index 0");
    QTest::newRow("null value") << QByteArray("{\"data\":[{\"index\":0,\"embedding\":[1,null]}]}")
                                << 1 << 0 << QStringLiteral("not a finite float32 number");
    QTest::newRow("bad base64") << QByteArray("{\"data\":[{\"index\":0,\"embedding\":\"AAC$\"}]}")
                                << 1 << 0 << QStringLiteral("in base64 that is not float32 data");
    // +inf as float32: 0x7f800000.
    QTest::newRow("base64 infinity")
        << QByteArray("{\"data\":[{\"index\":0,\"embedding\":\"AACAfw==\"}]}") << 1 << 0
        << QStringLiteral("not a finite number");
    QTest::newRow("wrong size asked")
        << QByteArray("{\"data\":[{\"index\":0,\"embedding\":[1,2,3]}]}") << 1 << 2
        << QStringLiteral("has a 3-dimensional vector at index 0; 2 dimensions were asked "
                          "for");
}

void TestEmbeddingsResponse::refuses()
{
    QFETCH(QByteArray, body);
    QFETCH(int, count);
    QFETCH(int, dimension);
    QFETCH(QString, message);
    const Result<Embeddings> result = parseEmbeddingsResponse(body, count, dimension);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Decode);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
}

void TestEmbeddingsResponse::errorMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("OpenAI") << QByteArray("{\"error\":{\"message\":\"You exceeded your current "
                                          "quota\",\"type\":\"insufficient_quota\"}}")
                            << QStringLiteral("You exceeded your current quota");
    QTest::newRow("Ollama") << QByteArray("{\"error\":\"model \\\"x\\\" not found\"}")
                            << QStringLiteral("model \"x\" not found");
    QTest::newRow("TEI") << QByteArray("{\"error\":\"Input validation error\",\"error_type\":"
                                       "\"Validation\"}")
                         << QStringLiteral("Input validation error");
    QTest::newRow("vLLM") << QByteArray("{\"object\":\"error\",\"message\":\"too long\","
                                        "\"type\":\"BadRequestError\",\"code\":400}")
                          << QStringLiteral("too long");
    QTest::newRow("plain text") << QByteArray("upstream connect error\n")
                                << QStringLiteral("upstream connect error");
    QTest::newRow("HTML page") << QByteArray("<html><body>Bad gateway</body></html>") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestEmbeddingsResponse::errorMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(embeddingsErrorMessage(body), message);
}

QTEST_GUILESS_MAIN(TestEmbeddingsResponse)
#include "tst_embeddingsresponse.moc"
