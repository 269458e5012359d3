// OpenAiEmbedder over real HTTP (HttpTransport) to a fake OpenAI-compatible /v1/embeddings
// started by the test: request shape, batching and the in-flight cap, reordering by index,
// errors as real services send them, retries on 429, timeouts, cancel, and the API key kept out
// of messages and the request log.
// Failures, retries, cancel and the key kept out of messages: tst_openaiembedder_errors.

#include "dimensioncheck.h"
#include "openaiembedderfixture.h"

#include <QtTest>

using Step = FakeOpenAiServer::Step;

class TestOpenAiEmbedder : public OpenAiEmbedderFixture
{
    Q_OBJECT

private slots:
    void init() { startServer(); }
    void cleanup() { stopServer(); }

    void endpointUrl_data();
    void endpointUrl();
    void nameAndDimension();
    void success_data();
    void success();
    void azureStyle();
    void noKeyNoAuthHeader();
    void inFlightCap_data();
    void inFlightCap();
    void charBudgetSplitsBatches();
    void base64Answer();
    void refusesEmptyTextWithoutSending();
    void emptyListSendsNothing();
    void dimensionLearnedAndChecked();
};

void TestOpenAiEmbedder::endpointUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("OpenAI host") << QStringLiteral("https://api.openai.com")
                                 << QStringLiteral("https://api.openai.com/v1/embeddings");
    QTest::newRow("SDK-style /v1") << QStringLiteral("https://api.openai.com/v1/")
                                   << QStringLiteral("https://api.openai.com/v1/embeddings");
    QTest::newRow("Ollama") << QStringLiteral("http://localhost:11434/v1")
                            << QStringLiteral("http://localhost:11434/v1/embeddings");
    QTest::newRow("prefix path") << QStringLiteral("http://gpu-box:8000/proxy")
                                 << QStringLiteral("http://gpu-box:8000/proxy/v1/embeddings");
    QTest::newRow("Azure deployment")
        << QStringLiteral("https://acme.openai.azure.com/openai/deployments/emb/embeddings"
                          "?api-version=2024-02-01")
        << QStringLiteral("https://acme.openai.azure.com/openai/deployments/emb/embeddings"
                          "?api-version=2024-02-01");
}

void TestOpenAiEmbedder::endpointUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, endpoint);
    QCOMPARE(OpenAiEmbedder::endpointUrl(QUrl(url)).toString(), endpoint);
}

void TestOpenAiEmbedder::nameAndDimension()
{
    OpenAiEmbedderConfig openAi;
    openAi.url = QUrl(QStringLiteral("https://api.openai.com/v1"));
    openAi.model = QStringLiteral("text-embedding-3-small");
    OpenAiEmbedder embedder(m_transport.get(), openAi);
    QCOMPARE(embedder.displayName(), QStringLiteral("OpenAI text-embedding-3-small"));
    QCOMPARE(embedder.modelId(), QStringLiteral("text-embedding-3-small"));
    QCOMPARE(embedder.dimension(), 1536);

    openAi.dimensions = 512;
    QCOMPARE(OpenAiEmbedder(m_transport.get(), openAi).dimension(), 512);

    OpenAiEmbedderConfig azure;
    azure.url = QUrl(QStringLiteral("https://acme.openai.azure.com/openai/deployments/e/"
                                    "embeddings?api-version=2024-02-01"));
    azure.model = QStringLiteral("text-embedding-3-large");
    QCOMPARE(OpenAiEmbedder(m_transport.get(), azure).displayName(),
        QStringLiteral("Azure OpenAI text-embedding-3-large"));
    QCOMPARE(OpenAiEmbedder(m_transport.get(), azure).dimension(), 3072);

    OpenAiEmbedderConfig ollama;
    ollama.url = QUrl(QStringLiteral("http://localhost:11434"));
    ollama.model = QStringLiteral("nomic-embed-text");
    QCOMPARE(OpenAiEmbedder(m_transport.get(), ollama).displayName(),
        QStringLiteral("localhost:11434 nomic-embed-text"));
    QCOMPARE(OpenAiEmbedder(m_transport.get(), ollama).dimension(), 0); // not known yet
    ollama.providerName = QStringLiteral("Ollama");
    QCOMPARE(OpenAiEmbedder(m_transport.get(), ollama).displayName(),
        QStringLiteral("Ollama nomic-embed-text"));
}

void TestOpenAiEmbedder::success_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("maxInputs");
    QTest::addColumn<int>("dimensions");
    QTest::addColumn<int>("expectedRequests");

    QTest::newRow("one text") << 1 << 256 << 8 << 1;
    QTest::newRow("one batch") << 40 << 256 << 16 << 1;
    QTest::newRow("exact batches") << 12 << 4 << 8 << 3;
    QTest::newRow("ragged batches") << 13 << 4 << 8 << 4;
    QTest::newRow("model's own size") << 5 << 256 << 0 << 1;
    QTest::newRow("1536 dimensions") << 300 << 256 << 1536 << 2;
}

void TestOpenAiEmbedder::success()
{
    QFETCH(int, count);
    QFETCH(int, maxInputs);
    QFETCH(int, dimensions);
    QFETCH(int, expectedRequests);
    m_server->setDefaultDimension(24);
    OpenAiEmbedderConfig settings = config();
    settings.dimensions = dimensions;
    settings.maxInputsPerRequest = maxInputs;
    OpenAiEmbedder embedder(m_transport.get(), settings);
    const QStringList texts = sampleTexts(count);

    const auto outcome = run(embedder, texts);
    QVERIFY(outcome);
    QVERIFY2(outcome->ok(), qPrintable(errorText(*outcome)));
    const int expectedDimension = dimensions > 0 ? dimensions : 24;
    const Embeddings &vectors = outcome->value();
    QCOMPARE(vectors.size(), count);
    // The server answers each batch in reverse index order; the embedder puts them back.
    for (int i = 0; i < count; ++i)
        QCOMPARE(vectors.at(i), FakeOpenAiServer::vectorFor(texts.at(i), expectedDimension));
    QCOMPARE(embedder.dimension(), expectedDimension);

    QCOMPARE(m_server->requestCount(), expectedRequests);
    QStringList sent;
    for (const FakeOpenAiServer::Received &request : m_server->received()) {
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/v1/embeddings"));
        QCOMPARE(request.header("Authorization"), "Bearer " + TestKey.toUtf8());
        QVERIFY(request.header("api-key").isEmpty());
        QVERIFY(request.header("Content-Type").startsWith("application/json"));
        QCOMPARE(request.json.value(QStringLiteral("model")).toString(), settings.model);
        QCOMPARE(request.json.value(QStringLiteral("encoding_format")).toString(),
            QStringLiteral("float"));
        QCOMPARE(request.json.contains(QStringLiteral("dimensions")), dimensions > 0);
        if (dimensions > 0)
            QCOMPARE(request.json.value(QStringLiteral("dimensions")).toInt(), dimensions);
        QVERIFY(request.inputs().size() <= maxInputs);
        sent << request.inputs();
    }
    sent.sort();
    QStringList expected = texts;
    expected.sort();
    QCOMPARE(sent, expected); // every text sent exactly once
}

void TestOpenAiEmbedder::azureStyle()
{
    OpenAiEmbedderConfig settings = config();
    QUrl url = m_server->baseUrl();
    url.setPath(QStringLiteral("/openai/deployments/embed-small/embeddings"));
    url.setQuery(QStringLiteral("api-version=2024-02-01"));
    settings.url = url;
    settings.auth = OpenAiEmbedderConfig::Auth::ApiKeyHeader;
    OpenAiEmbedder embedder(m_transport.get(), settings);
    const auto outcome = run(embedder, sampleTexts(3));
    QVERIFY(outcome);
    QVERIFY2(outcome->ok(), qPrintable(errorText(*outcome)));
    QCOMPARE(m_server->requestCount(), 1);
    const FakeOpenAiServer::Received &request = m_server->received().constFirst();
    QCOMPARE(request.target,
        QByteArray("/openai/deployments/embed-small/embeddings?api-version=2024-02-01"));
    QCOMPARE(request.header("api-key"), TestKey.toUtf8());
    QVERIFY(request.header("Authorization").isEmpty());
}

void TestOpenAiEmbedder::noKeyNoAuthHeader()
{
    OpenAiEmbedderConfig settings = config();
    settings.apiKey.clear(); // a local Ollama or vLLM
    OpenAiEmbedder embedder(m_transport.get(), settings);
    const auto outcome = run(embedder, sampleTexts(2));
    QVERIFY(outcome && outcome->ok());
    QVERIFY(m_server->received().constFirst().header("Authorization").isEmpty());
    QVERIFY(m_server->received().constFirst().header("api-key").isEmpty());
}

void TestOpenAiEmbedder::inFlightCap_data()
{
    QTest::addColumn<int>("maxInFlight");
    QTest::newRow("default 2") << 2;
    QTest::newRow("one at a time") << 1;
    QTest::newRow("three") << 3;
}

void TestOpenAiEmbedder::inFlightCap()
{
    QFETCH(int, maxInFlight);
    m_server->setDefaultDelayMs(150); // requests overlap if the embedder lets them
    OpenAiEmbedderConfig settings = config();
    settings.maxInputsPerRequest = 2;
    settings.maxRequestsInFlight = maxInFlight;
    OpenAiEmbedder embedder(m_transport.get(), settings);
    const QStringList texts = sampleTexts(15);
    const auto outcome = run(embedder, texts);
    QVERIFY(outcome);
    QVERIFY2(outcome->ok(), qPrintable(errorText(*outcome)));
    QCOMPARE(m_server->requestCount(), 8);
    QCOMPARE(m_server->maxConcurrent(), maxInFlight);
    for (int i = 0; i < texts.size(); ++i)
        QCOMPARE(outcome->value().at(i), FakeOpenAiServer::vectorFor(texts.at(i), 8));
}

void TestOpenAiEmbedder::charBudgetSplitsBatches()
{
    OpenAiEmbedderConfig settings = config();
    settings.maxCharsPerRequest = 100;
    OpenAiEmbedder embedder(m_transport.get(), settings);
    const QStringList texts = {QString(60, QLatin1Char('a')), QString(30, QLatin1Char('b')),
        QString(30, QLatin1Char('c')), QString(150, QLatin1Char('d')), QStringLiteral("e")};
    const auto outcome = run(embedder, texts);
    QVERIFY(outcome);
    QVERIFY2(outcome->ok(), qPrintable(errorText(*outcome)));
    // [a b] [c] [d alone, over budget by itself] [e]
    QCOMPARE(m_server->requestCount(), 4);
    QList<int> sizes;
    for (const FakeOpenAiServer::Received &request : m_server->received())
        sizes << int(request.inputs().size());
    std::sort(sizes.begin(), sizes.end());
    QCOMPARE(sizes, (QList<int> {1, 1, 1, 2}));
}

void TestOpenAiEmbedder::base64Answer()
{
    m_server->setScript({FakeOpenAiServer::of(Step::Kind::Base64)});
    OpenAiEmbedder embedder(m_transport.get(), config());
    const QStringList texts = sampleTexts(3);
    const auto outcome = run(embedder, texts);
    QVERIFY(outcome);
    QVERIFY2(outcome->ok(), qPrintable(errorText(*outcome)));
    for (int i = 0; i < texts.size(); ++i)
        QCOMPARE(outcome->value().at(i), FakeOpenAiServer::vectorFor(texts.at(i), 8));
}

void TestOpenAiEmbedder::refusesEmptyTextWithoutSending()
{
    OpenAiEmbedder embedder(m_transport.get(), config());
    const auto outcome = run(embedder,
        {QStringLiteral("spot instances"), QStringLiteral("  \n "),
            QStringLiteral("gradual rollout")});
    QVERIFY(outcome);
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().kind, NetError::Kind::Invalid);
    QCOMPARE(outcome->error().message,
        QStringLiteral("text 2 of 3 is empty; there is nothing to embed"));
    QCOMPARE(m_server->requestCount(), 0);
}

void TestOpenAiEmbedder::emptyListSendsNothing()
{
    OpenAiEmbedder embedder(m_transport.get(), config());
    const auto outcome = run(embedder, {});
    QVERIFY(outcome && outcome->ok());
    QVERIFY(outcome->value().isEmpty());
    QCOMPARE(m_server->requestCount(), 0);
}

// A model whose size is not configured: learnt from the first answer, then checked against the
// collection before anything is written.
void TestOpenAiEmbedder::dimensionLearnedAndChecked()
{
    m_server->setDefaultDimension(384);
    OpenAiEmbedderConfig settings = config();
    settings.dimensions = 0;
    settings.model = QStringLiteral("all-minilm");
    settings.providerName = QStringLiteral("Ollama");
    OpenAiEmbedder embedder(m_transport.get(), settings);
    const VectorTarget target {QStringLiteral("customer_context"), QString(), 1536};
    QCOMPARE(embedder.dimension(), 0);
    QVERIFY(!checkEmbedderDimension(embedder, target)); // not known yet: vectors are checked

    const auto outcome = run(embedder, sampleTexts(2));
    QVERIFY(outcome && outcome->ok());
    QCOMPARE(embedder.dimension(), 384);
    const auto vectorError = checkVectorDimensions(outcome->value(), target);
    QVERIFY(vectorError);
    QCOMPARE(vectorError->message,
        QStringLiteral("vector 1 of 2 has 384 dimensions but collection customer_context "
                       "expects 1536"));
    const auto embedderError = checkEmbedderDimension(embedder, target);
    QVERIFY(embedderError);
    QCOMPARE(embedderError->kind, NetError::Kind::Invalid);
    QCOMPARE(embedderError->message,
        QStringLiteral("the embedder (Ollama all-minilm) makes 384-dimensional vectors but "
                       "collection customer_context expects 1536"));
}

QTEST_GUILESS_MAIN(TestOpenAiEmbedder)
#include "tst_openaiembedder.moc"
