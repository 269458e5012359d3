#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

/// An OpenAI-compatible `POST /v1/embeddings` on 127.0.0.1 for embedder tests. Answers in
/// OpenAI's exact shape with the `data` items in reverse `index` order (as a real server may),
/// and a vector per input that vectorFor() reproduces. Each request takes the next scripted
/// step (then plain successes): errors as OpenAI, Ollama and vLLM send them, broken answers,
/// slow answers, a closed connection. Speaks HTTP/1.1 with keep-alive.
class FakeOpenAiServer final : public QObject
{
    Q_OBJECT

public:
    struct Step
    {
        enum class Kind {
            Success, ///< 200, one vector per input, indices reversed
            Respond, ///< status, headers and body as given
            FewerVectors, ///< 200 with the last vector missing
            ShortVector, ///< 200 with vector 0 one component short
            DuplicateIndex, ///< 200 with index 0 on every item
            NonNumeric, ///< 200 with a string inside vector 0
            Overflow, ///< 200 with 1e300 (finite in JSON, infinite as float) in vector 0
            Base64, ///< 200 with each vector as base64 of little-endian float32
            Close, ///< close the connection without answering
        };
        Kind kind = Kind::Success;
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        int delayMs = 0; ///< answer after this long (a slow server)
    };

    struct Received
    {
        QByteArray method;
        QByteArray target;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QJsonObject json; ///< the body parsed
        QByteArray header(const QByteArray &name) const;
        QStringList inputs() const;
    };

    explicit FakeOpenAiServer(QObject *parent = nullptr);
    ~FakeOpenAiServer() override;

    bool listen();
    /// http://127.0.0.1:PORT (no path: the embedder appends /v1/embeddings).
    QUrl baseUrl() const;

    /// Dimension of successful answers when the request has no "dimensions".
    void setDefaultDimension(int dimension) { m_defaultDimension = dimension; }
    /// Delay of every answer that has no delay of its own (makes requests overlap).
    void setDefaultDelayMs(int ms) { m_defaultDelayMs = ms; }
    void setScript(QList<Step> steps);

    const QList<Received> &received() const { return m_received; }
    int requestCount() const { return int(m_received.size()); }
    /// Most requests received and not yet answered at one moment.
    int maxConcurrent() const { return m_maxConcurrent; }

    /// The vector the server returns for `text`: deterministic, distinct per text.
    static QList<float> vectorFor(const QString &text, int dimension);

    static Step success(int delayMs = 0);
    static Step respond(
        int status, QByteArray body, QList<QPair<QByteArray, QByteArray>> headers = {});
    static Step of(Step::Kind kind);
    /// OpenAI's 401 for a wrong key; its message quotes the key it got.
    static Step unauthorized(const QString &sentKey);
    /// OpenAI's 429 with a Retry-After in seconds.
    static Step rateLimited(int retryAfterSeconds);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Received &request, const Step &step);
    QByteArray successBody(const Received &request, Step::Kind kind) const;
    static QByteArray responseBytes(
        int status, const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body);

    struct Connection
    {
        QByteArray buffer;
        bool answering = false; ///< one request at a time per connection, as HTTP/1.1 says
    };

    QTcpServer m_server;
    QHash<QTcpSocket *, Connection> m_connections;
    QList<Step> m_script;
    qsizetype m_next = 0;
    QList<Received> m_received;
    int m_defaultDimension = 8;
    int m_defaultDelayMs = 0;
    int m_concurrent = 0;
    int m_maxConcurrent = 0;
};
