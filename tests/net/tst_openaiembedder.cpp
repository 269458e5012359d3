// OpenAiEmbedder over real HTTP (HttpTransport) to a fake OpenAI-compatible /v1/embeddings
// started by the test: request shape, batching and the in-flight cap, reordering by index,
// errors as real services send them, retries on 429, timeouts, cancel, and the API key kept out
// of messages and the request log.
#include "dimensioncheck.h"
#include "fakeopenaiserver.h"
#include "httptransport.h"
#include "openaiembedder.h"

#include <QElapsedTimer>
#include <QtTest>

#include <memory>
#include <optional>

using Step = FakeOpenAiServer::Step;
Q_DECLARE_METATYPE(FakeOpenAiServer::Step)

namespace {

const QString TestKey = QStringLiteral("mc-test-secret-4f9c2a7e31d0");

QString errorText(const Result<Embeddings> &result)
{
    return result.ok() ? QString() : result.error().message;
}

QStringList sampleTexts(int count)
{
    QStringList texts;
    for (int i = 0; i < count; ++i)
        texts << QStringLiteral("decision %1: nightly batch %2 moved to spot capacity")
                     .arg(i)
                     .arg(i * 13);
    return texts;
}

} // namespace

class TestOpenAiEmbedder : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

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
    void errors_data();
    void errors();
    void errorNamesTheBatch();
    void rateLimitedThenServed();
    void keyNeverInLogOrMessages();
    void refusesEmptyTextWithoutSending();
    void emptyListSendsNothing();
    void cancel();
    void transportDestroyed();
    void dimensionLearnedAndChecked();

private:
    OpenAiEmbedderConfig config() const;
    std::optional<Result<Embeddings>> run(
        OpenAiEmbedder &embedder, const QStringList &texts, int timeoutMs = 10000);

    std::unique_ptr<FakeOpenAiServer> m_server;
    std::unique_ptr<HttpTransport> m_transport;
    QList<RequestLogEntry> m_log;
};

void TestOpenAiEmbedder::init()
{
    m_server = std::make_unique<FakeOpenAiServer>();
    QVERIFY(m_server->listen());
    m_transport = std::make_unique<HttpTransport>();
    m_transport->setRetryPolicy({4, 10, 50, 30000});
    m_log.clear();
    m_transport->setRequestLogger([this](const RequestLogEntry &entry) { m_log.append(entry); });
}

void TestOpenAiEmbedder::cleanup()
{
    m_transport.reset();
    m_server.reset();
}

OpenAiEmbedderConfig TestOpenAiEmbedder::config() const
{
    OpenAiEmbedderConfig config;
    config.url = m_server->baseUrl();
    config.model = QStringLiteral("text-embedding-3-small");
    config.dimensions = 8;
    config.apiKey = TestKey;
    config.timeoutMs = 5000;
    return config;
}

std::optional<Result<Embeddings>> TestOpenAiEmbedder::run(
    OpenAiEmbedder &embedder, const QStringList &texts, int timeoutMs)
{
    std::optional<Result<Embeddings>> outcome;
    int finishedCount = 0;
    QPointer<EmbedCall> call = embedder.embed(texts);
    connect(call, &EmbedCall::finished, this, [&](const Result<Embeddings> &result) {
        outcome = result;
        ++finishedCount;
    });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, timeoutMs)) {
        qWarning("no result within %d ms", timeoutMs);
        if (call) {
            disconnect(call, nullptr, this, nullptr); // the lambda refers to this frame
            call->cancel();
        }
        return std::nullopt;
    }
    QCoreApplication::processEvents(); // a second finished() would show up here
    if (finishedCount != 1)
        qWarning("finished() emitted %d times", finishedCount);
    return finishedCount == 1 ? outcome : std::nullopt;
}

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

void TestOpenAiEmbedder::errors_data()
{
    QTest::addColumn<QList<Step>>("script");
    QTest::addColumn<int>("dimensions");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QString>("serverMessagePart");
    QTest::addColumn<int>("expectedRequests");

    const auto kind = [](NetError::Kind k) { return int(k); };
    QTest::newRow("401 wrong key")
        << QList<Step> {FakeOpenAiServer::unauthorized(TestKey)} << 8 << 5000
        << kind(NetError::Kind::Http) << 401 << QStringLiteral("refused the API key")
        << QStringLiteral("Incorrect API key provided: ***.") << 1;
    QTest::newRow("429 until the retries run out")
        << QList<Step>(4, FakeOpenAiServer::rateLimited(0)) << 8 << 5000
        << kind(NetError::Kind::Http) << 429 << QStringLiteral("after 4 attempts")
        << QStringLiteral("Rate limit reached for text-embedding-3-small") << 4;
    QTest::newRow("500 OpenAI") << QList<Step> {FakeOpenAiServer::respond(500,
        "{\"error\":{\"message\":\"The server had an error while processing "
        "your request. Sorry about that!\",\"type\":\"server_error\","
        "\"param\":null,\"code\":null}}")}
                                << 8 << 5000 << kind(NetError::Kind::Http) << 500
                                << QStringLiteral("the service failed (HTTP 500)")
                                << QStringLiteral("The server had an error") << 1;
    QTest::newRow("404 Ollama model missing")
        << QList<Step> {FakeOpenAiServer::respond(404,
               "{\"error\":\"model \\\"nomic-embed-text\\\" not found, try "
               "pulling it first\"}")}
        << 8 << 5000 << kind(NetError::Kind::Http) << 404
        << QStringLiteral("no such model or endpoint (HTTP 404 for http://127.0.0.1:")
        << QStringLiteral("model \"nomic-embed-text\" not found") << 1;
    QTest::newRow("400 vLLM context length")
        << QList<Step> {FakeOpenAiServer::respond(400,
               "{\"object\":\"error\",\"message\":\"This model's maximum context "
               "length is 8192 tokens.\",\"type\":\"BadRequestError\","
               "\"param\":null,\"code\":400}")}
        << 8 << 5000 << kind(NetError::Kind::Http) << 400
        << QStringLiteral("rejected the request (HTTP 400)")
        << QStringLiteral("maximum context length is 8192 tokens") << 1;
    QTest::newRow("malformed JSON") << QList<Step> {FakeOpenAiServer::respond(200,
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\","
        "\"index\":0,\"embedding\":[0.1,")}
                                    << 8 << 5000 << kind(NetError::Kind::Decode) << 0
                                    << QStringLiteral("is not valid JSON") << QString() << 1;
    QTest::newRow("not the embeddings shape")
        << QList<Step> {FakeOpenAiServer::respond(200, "{\"result\":[]}")} << 8 << 5000
        << kind(NetError::Kind::Decode) << 0 << QStringLiteral("has no \"data\" list") << QString()
        << 1;
    QTest::newRow("a vector missing")
        << QList<Step> {FakeOpenAiServer::of(Step::Kind::FewerVectors)} << 8 << 5000
        << kind(NetError::Kind::Decode) << 0 << QStringLiteral("has 2 vectors for 3 texts")
        << QString() << 1;
    QTest::newRow("wrong dimension")
        << QList<Step> {FakeOpenAiServer::of(Step::Kind::ShortVector)} << 8 << 5000
        << kind(NetError::Kind::Decode) << 0
        << QStringLiteral("has a 7-dimensional vector at index 0; 8 dimensions were asked "
                          "for")
        << QString() << 1;
    QTest::newRow("ragged vectors")
        << QList<Step> {FakeOpenAiServer::of(Step::Kind::ShortVector)} << 0 << 5000
        << kind(NetError::Kind::Decode) << 0 << QStringLiteral("has vectors of different lengths")
        << QString() << 1;
    QTest::newRow("duplicate index")
        << QList<Step> {FakeOpenAiServer::of(Step::Kind::DuplicateIndex)} << 8 << 5000
        << kind(NetError::Kind::Decode) << 0 << QStringLiteral("has index 0 more than once")
        << QString() << 1;
    QTest::newRow("string in a vector")
        << QList<Step> {FakeOpenAiServer::of(Step::Kind::NonNumeric)} << 8 << 5000
        << kind(NetError::Kind::Decode) << 0
        << QStringLiteral("that is not a finite float32 number") << QString() << 1;
    QTest::newRow("float overflow")
        << QList<Step> {FakeOpenAiServer::of(Step::Kind::Overflow)} << 8 << 5000
        << kind(NetError::Kind::Decode) << 0
        << QStringLiteral("that is not a finite float32 number") << QString() << 1;
    Step slow = FakeOpenAiServer::success(3000);
    QTest::newRow("too slow") << QList<Step>(4, slow) << 8 << 300 << kind(NetError::Kind::Timeout)
                              << 0 << QStringLiteral("embedding with 127.0.0.1:") << QString()
                              << -1;
}

void TestOpenAiEmbedder::errors()
{
    QFETCH(QList<Step>, script);
    QFETCH(int, dimensions);
    QFETCH(int, timeoutMs);
    QFETCH(int, kind);
    QFETCH(int, httpStatus);
    QFETCH(QString, messagePart);
    QFETCH(QString, serverMessagePart);
    QFETCH(int, expectedRequests);
    m_server->setScript(script);
    OpenAiEmbedderConfig settings = config();
    settings.dimensions = dimensions;
    settings.timeoutMs = timeoutMs;
    OpenAiEmbedder embedder(m_transport.get(), settings);

    const auto outcome = run(embedder, sampleTexts(3), 20000);
    QVERIFY(outcome);
    QVERIFY(!outcome->ok());
    const NetError &error = outcome->error();
    qInfo("%s", qPrintable(error.message));
    QCOMPARE(NetError::kindName(error.kind), NetError::kindName(NetError::Kind(kind)));
    QCOMPARE(error.httpStatus, httpStatus);
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
    QVERIFY2(error.serverMessage.contains(serverMessagePart), qPrintable(error.serverMessage));
    if (!error.serverMessage.isEmpty())
        QVERIFY2(error.message.contains(error.serverMessage), qPrintable(error.message));
    QVERIFY2(!error.message.contains(TestKey), qPrintable(error.message));
    QVERIFY(!error.serverMessage.contains(TestKey));
    if (expectedRequests >= 0)
        QCOMPARE(m_server->requestCount(), expectedRequests);
    if (httpStatus == 429)
        QCOMPARE(error.retryAfterMs, 0);
}

void TestOpenAiEmbedder::errorNamesTheBatch()
{
    m_server->setScript(
        {FakeOpenAiServer::success(), FakeOpenAiServer::of(Step::Kind::FewerVectors)});
    OpenAiEmbedderConfig settings = config();
    settings.maxInputsPerRequest = 4;
    settings.maxRequestsInFlight = 1; // so the second request is the second batch
    OpenAiEmbedder embedder(m_transport.get(), settings);
    const auto outcome = run(embedder, sampleTexts(10));
    QVERIFY(outcome);
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().kind, NetError::Kind::Decode);
    QVERIFY2(outcome->error().message.endsWith(QStringLiteral("(batch 2 of 3: texts 5 to 8)")),
        qPrintable(outcome->error().message));
    QCOMPARE(m_server->requestCount(), 2); // the third batch is never sent
}

// 429 with Retry-After: 1 is retried by HttpTransport after that second, then served.
void TestOpenAiEmbedder::rateLimitedThenServed()
{
    m_server->setScript({FakeOpenAiServer::rateLimited(1)});
    OpenAiEmbedder embedder(m_transport.get(), config());
    QElapsedTimer timer;
    timer.start();
    const QStringList texts = sampleTexts(2);
    const auto outcome = run(embedder, texts);
    QVERIFY(outcome);
    QVERIFY2(outcome->ok(), qPrintable(errorText(*outcome)));
    QCOMPARE(m_server->requestCount(), 2);
    QVERIFY2(timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(outcome->value().at(1), FakeOpenAiServer::vectorFor(texts.at(1), 8));
    QTRY_COMPARE(m_log.size(), 1);
    QCOMPARE(m_log.constFirst().attempts, 2);
}

void TestOpenAiEmbedder::keyNeverInLogOrMessages()
{
    m_server->setScript({FakeOpenAiServer::success(), FakeOpenAiServer::unauthorized(TestKey)});
    OpenAiEmbedder embedder(m_transport.get(), config());
    const auto served = run(embedder, sampleTexts(2));
    QVERIFY(served && served->ok());
    const auto failed = run(embedder, sampleTexts(2));
    QVERIFY(failed && !failed->ok());
    QTRY_COMPARE(m_log.size(), 2);
    for (const RequestLogEntry &entry : std::as_const(m_log)) {
        const QString line
            = QString::fromUtf8(entry.method) + entry.path + entry.operation + entry.error;
        QVERIFY2(!line.contains(TestKey), qPrintable(line));
        QCOMPARE(entry.operation, QStringLiteral("embeddings"));
        QCOMPARE(entry.path, QStringLiteral("/v1/embeddings"));
    }
    QCOMPARE(m_log.at(1).status, 401);
    QVERIFY(!failed->error().message.contains(TestKey));
    // The key did reach the server, in the header only.
    QCOMPARE(m_server->received().at(1).header("Authorization"), "Bearer " + TestKey.toUtf8());
    QVERIFY(!m_server->received().at(1).body.contains(TestKey.toUtf8()));
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

void TestOpenAiEmbedder::cancel()
{
    m_server->setDefaultDelayMs(5000);
    OpenAiEmbedderConfig settings = config();
    settings.maxInputsPerRequest = 1;
    OpenAiEmbedder embedder(m_transport.get(), settings);
    std::optional<Result<Embeddings>> outcome;
    int finishedCount = 0;
    EmbedCall *call = embedder.embed(sampleTexts(5));
    QPointer<EmbedCall> guard(call);
    connect(call, &EmbedCall::finished, this, [&](const Result<Embeddings> &result) {
        outcome = result;
        ++finishedCount;
    });
    QTRY_COMPARE(m_server->requestCount(), 2);
    call->cancel();
    QCOMPARE(finishedCount, 0); // never from inside cancel()
    call->cancel();
    QTRY_VERIFY(outcome.has_value());
    QCOMPARE(outcome->error().kind, NetError::Kind::Cancelled);
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(finishedCount, 1);
    QCOMPARE(m_server->requestCount(), 2); // nothing more sent after cancel
}

void TestOpenAiEmbedder::transportDestroyed()
{
    m_server->setDefaultDelayMs(5000);
    OpenAiEmbedder embedder(m_transport.get(), config());
    std::optional<Result<Embeddings>> outcome;
    connect(embedder.embed(sampleTexts(2)), &EmbedCall::finished, this,
        [&](const Result<Embeddings> &result) { outcome = result; });
    QTRY_COMPARE(m_server->requestCount(), 1);
    m_transport.reset(); // a closed connection profile
    QTRY_VERIFY(outcome.has_value());
    QCOMPARE(outcome->error().kind, NetError::Kind::Cancelled);

    // Later calls of the embedder fail the same way instead of hanging.
    const auto later = run(embedder, sampleTexts(1));
    QVERIFY(later && !later->ok());
    QCOMPARE(later->error().kind, NetError::Kind::Cancelled);
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
