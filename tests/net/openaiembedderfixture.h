#pragma once

#include "fakeopenaiserver.h"
#include "httptransport.h"
#include "openaiembedder.h"

#include <QObject>

#include <memory>
#include <optional>

/// What tst_openaiembedder and tst_openaiembedder_errors share: a fake OpenAI-compatible server
/// on loopback and a transport (fast retries) whose request log the test reads, both made anew
/// for each test function, and a way to run one embed call to its end.
class OpenAiEmbedderFixture : public QObject
{
public:
    /// The API key the fixture's config sends; no message or log line may contain it.
    static const QString TestKey;

    /// `count` distinct texts of an agent's memory.
    static QStringList sampleTexts(int count);
    /// The error's message of a failed result, empty for a success (for QVERIFY2).
    static QString errorText(const Result<Embeddings> &result);

protected:
    /// Starts the server and a fresh transport (call from init()).
    void startServer();
    /// Stops both (call from cleanup()).
    void stopServer();
    /// The embedder's config for the fake server: 8 dimensions, TestKey, a 5 s timeout.
    OpenAiEmbedderConfig config() const;
    /// Runs one embed call to its end; nullopt when it did not finish in time, or finished more
    /// than once.
    std::optional<Result<Embeddings>> run(OpenAiEmbedder &embedder, const QStringList &texts,
                                          int timeoutMs = 10000);

    std::unique_ptr<FakeOpenAiServer> m_server;
    std::unique_ptr<HttpTransport> m_transport;
    QList<RequestLogEntry> m_log;
};
