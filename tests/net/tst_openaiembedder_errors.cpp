// OpenAiEmbedder when things go wrong, over real HTTP to the tests' fake OpenAI-compatible
// server: errors as real services send them (each naming its batch), retries on 429, timeouts,
// cancel, a transport destroyed under a call, and the API key kept out of messages and the
// request log. Requests and answers that work: tst_openaiembedder.

#include "openaiembedderfixture.h"

#include <QElapsedTimer>
#include <QtTest>

using Step = FakeOpenAiServer::Step;
Q_DECLARE_METATYPE(FakeOpenAiServer::Step)

class TestOpenAiEmbedderErrors : public OpenAiEmbedderFixture
{
    Q_OBJECT

private slots:
    void init() { startServer(); }
    void cleanup() { stopServer(); }

    void errors_data();
    void errors();
    void errorNamesTheBatch();
    void rateLimitedThenServed();
    void keyNeverInLogOrMessages();
    void cancel();
    void transportDestroyed();
};

void TestOpenAiEmbedderErrors::errors_data()
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

void TestOpenAiEmbedderErrors::errors()
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

void TestOpenAiEmbedderErrors::errorNamesTheBatch()
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
void TestOpenAiEmbedderErrors::rateLimitedThenServed()
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

void TestOpenAiEmbedderErrors::keyNeverInLogOrMessages()
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

void TestOpenAiEmbedderErrors::cancel()
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

void TestOpenAiEmbedderErrors::transportDestroyed()
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

QTEST_GUILESS_MAIN(TestOpenAiEmbedderErrors)
#include "tst_openaiembedder_errors.moc"
