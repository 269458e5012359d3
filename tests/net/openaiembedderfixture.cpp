#include "openaiembedderfixture.h"

#include <QtTest>

const QString OpenAiEmbedderFixture::TestKey = QStringLiteral("mc-test-secret-4f9c2a7e31d0");

QStringList OpenAiEmbedderFixture::sampleTexts(int count)
{
    QStringList texts;
    for (int i = 0; i < count; ++i)
        texts << QStringLiteral("decision %1: nightly batch %2 moved to spot capacity")
                     .arg(i)
                     .arg(i * 13);
    return texts;
}

QString OpenAiEmbedderFixture::errorText(const Result<Embeddings> &result)
{
    return result.ok() ? QString() : result.error().message;
}

void OpenAiEmbedderFixture::startServer()
{
    m_server = std::make_unique<FakeOpenAiServer>();
    QVERIFY(m_server->listen());
    m_transport = std::make_unique<HttpTransport>();
    m_transport->setRetryPolicy({4, 10, 50, 30000});
    m_log.clear();
    m_transport->setRequestLogger([this](const RequestLogEntry &entry) { m_log.append(entry); });
}

void OpenAiEmbedderFixture::stopServer()
{
    m_transport.reset();
    m_server.reset();
}

OpenAiEmbedderConfig OpenAiEmbedderFixture::config() const
{
    OpenAiEmbedderConfig config;
    config.url = m_server->baseUrl();
    config.model = QStringLiteral("text-embedding-3-small");
    config.dimensions = 8;
    config.apiKey = TestKey;
    config.timeoutMs = 5000;
    return config;
}

std::optional<Result<Embeddings>> OpenAiEmbedderFixture::run(OpenAiEmbedder &embedder,
                                                             const QStringList &texts,
                                                             int timeoutMs)
{
    std::optional<Result<Embeddings>> outcome;
    int finishedCount = 0;
    QPointer<EmbedCall> call = embedder.embed(texts);
    // cppcheck-suppress nullPointerRedundantCheck ; connect() takes null; call may go while we wait
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
