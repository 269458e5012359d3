#include "fakeopenaiserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

#include <cstring>

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

quint64 splitMix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray number(float value)
{
    return QByteArray::number(double(value), 'g', 9);
}

} // namespace

QByteArray FakeOpenAiServer::Received::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QStringList FakeOpenAiServer::Received::inputs() const
{
    const QJsonValue input = json.value(QStringLiteral("input"));
    if (input.isString())
        return {input.toString()};
    QStringList texts;
    for (const QJsonValue &text : input.toArray())
        texts << text.toString();
    return texts;
}

FakeOpenAiServer::FakeOpenAiServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeOpenAiServer::onNewConnection);
}

FakeOpenAiServer::~FakeOpenAiServer()
{
    // Sockets are children of the server; deleting them here keeps their lambdas from running
    // against a half-destroyed object.
    const QList<QTcpSocket *> sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

bool FakeOpenAiServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeOpenAiServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void FakeOpenAiServer::setScript(QList<Step> steps)
{
    m_script = std::move(steps);
    m_next = 0;
}

QList<float> FakeOpenAiServer::vectorFor(const QString &text, int dimension)
{
    quint64 seed = 0xcbf29ce484222325ULL;
    for (char c : text.toUtf8()) {
        seed ^= quint8(c);
        seed *= 0x100000001b3ULL;
    }
    QList<float> vector;
    vector.reserve(dimension);
    // 24 random bits: exactly representable in a float, so the JSON text round-trips.
    for (int k = 0; k < dimension; ++k)
        vector << float(double(splitMix(seed + quint64(k)) >> 40) / double(1 << 23) - 1.0);
    return vector;
}

FakeOpenAiServer::Step FakeOpenAiServer::success(int delayMs)
{
    Step step;
    step.delayMs = delayMs;
    return step;
}

FakeOpenAiServer::Step FakeOpenAiServer::respond(int status, QByteArray body, Headers headers)
{
    Step step;
    step.kind = Step::Kind::Respond;
    step.status = status;
    step.body = std::move(body);
    step.headers = std::move(headers);
    return step;
}

FakeOpenAiServer::Step FakeOpenAiServer::of(Step::Kind kind)
{
    Step step;
    step.kind = kind;
    return step;
}

FakeOpenAiServer::Step FakeOpenAiServer::unauthorized(const QString &sentKey)
{
    // Quoting the whole key is what a careless proxy does; OpenAI itself masks the middle.
    const QJsonObject error {
        {QStringLiteral("message"),
            QStringLiteral("Incorrect API key provided: %1. You can find your API key at "
                           "https://platform.openai.com/account/api-keys.")
                .arg(sentKey)},
        {QStringLiteral("type"), QStringLiteral("invalid_request_error")},
        {QStringLiteral("param"), QJsonValue()},
        {QStringLiteral("code"), QStringLiteral("invalid_api_key")}};
    return respond(401, QJsonDocument(QJsonObject {{QStringLiteral("error"), error}}).toJson());
}

FakeOpenAiServer::Step FakeOpenAiServer::rateLimited(int retryAfterSeconds)
{
    const QJsonObject error {
        {QStringLiteral("message"),
            QStringLiteral("Rate limit reached for text-embedding-3-small in organization "
                           "org-test on requests per min (RPM): Limit 3000, Used 3000, "
                           "Requested 1. Please try again in 20ms.")},
        {QStringLiteral("type"), QStringLiteral("requests")},
        {QStringLiteral("param"), QJsonValue()},
        {QStringLiteral("code"), QStringLiteral("rate_limit_exceeded")}};
    return respond(429, QJsonDocument(QJsonObject {{QStringLiteral("error"), error}}).toJson(),
        {{"Retry-After", QByteArray::number(retryAfterSeconds)}});
}

void FakeOpenAiServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_connections.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            // A client that gave up (timeout, cancel) leaves its request unanswered.
            if (m_connections.value(socket).answering)
                --m_concurrent;
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeOpenAiServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->buffer += socket->readAll();
    if (it->answering)
        return;
    const qsizetype headerEnd = it->buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    Received request;
    const QList<QByteArray> lines = it->buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed();
        const QByteArray value = lines[i].mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    const qsizetype total = headerEnd + 4 + contentLength;
    if (it->buffer.size() < total)
        return;
    request.body = it->buffer.mid(headerEnd + 4, contentLength);
    it->buffer.remove(0, total);
    request.json = QJsonDocument::fromJson(request.body).object();
    it->answering = true;
    m_received.append(request);
    m_maxConcurrent = qMax(m_maxConcurrent, ++m_concurrent);

    const Step step = m_next < m_script.size() ? m_script.at(m_next++) : success();
    const int delayMs = step.delayMs > 0 ? step.delayMs : m_defaultDelayMs;
    if (delayMs > 0)
        QTimer::singleShot(delayMs, socket, [=, this] { answer(socket, request, step); });
    else
        answer(socket, request, step);
}

void FakeOpenAiServer::answer(QTcpSocket *socket, const Received &request, const Step &step)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->answering = false;
    --m_concurrent;
    if (step.kind == Step::Kind::Close) {
        socket->disconnectFromHost();
        return;
    }
    const qsizetype query = request.target.indexOf('?');
    const QByteArray path = query < 0 ? request.target : request.target.left(query);
    if (!path.endsWith("/embeddings") || request.method != "POST") {
        const QByteArray body = "{\"error\":{\"message\":\"Unknown request URL: " + request.method
            + ' ' + request.target + "\",\"type\":\"invalid_request_error\"}}";
        socket->write(responseBytes(404, {}, body));
    } else if (step.kind == Step::Kind::Respond) {
        socket->write(responseBytes(step.status, step.headers, step.body));
    } else {
        socket->write(responseBytes(200, {}, successBody(request, step.kind)));
    }
    // The client may have sent its next request while this one was being answered.
    if (!it->buffer.isEmpty())
        QTimer::singleShot(0, socket, [this, socket] { onReadyRead(socket); });
}

QByteArray FakeOpenAiServer::successBody(const Received &request, Step::Kind kind) const
{
    const QStringList inputs = request.inputs();
    const int requested = request.json.value(QStringLiteral("dimensions")).toInt();
    const int dimension = requested > 0 ? requested : m_defaultDimension;
    qsizetype count = inputs.size();
    if (kind == Step::Kind::FewerVectors)
        --count;
    QByteArray body = "{\"object\":\"list\",\"data\":[";
    // Reverse order: nothing promises that `data` is sorted by `index`.
    for (qsizetype i = count - 1; i >= 0; --i) {
        QList<float> vector = vectorFor(inputs.at(i), dimension);
        if (kind == Step::Kind::ShortVector && i == 0)
            vector.removeLast();
        const qsizetype index = kind == Step::Kind::DuplicateIndex ? 0 : i;
        body += "{\"object\":\"embedding\",\"index\":" + QByteArray::number(index)
            + ",\"embedding\":";
        if (kind == Step::Kind::Base64) {
            QByteArray raw(vector.size() * 4, Qt::Uninitialized);
            for (qsizetype k = 0; k < vector.size(); ++k) {
                quint32 bits;
                std::memcpy(&bits, &vector[k], 4);
                for (int b = 0; b < 4; ++b)
                    raw[k * 4 + b] = char(bits >> (8 * b));
            }
            body += '"' + raw.toBase64() + '"';
        } else {
            body += '[';
            for (qsizetype k = 0; k < vector.size(); ++k) {
                if (k > 0)
                    body += ',';
                if (i == 0 && k == 0 && kind == Step::Kind::NonNumeric)
                    body += "\"0.1\"";
                else if (i == 0 && k == 0 && kind == Step::Kind::Overflow)
                    body += "1e300";
                else
                    body += number(vector[k]);
            }
            body += ']';
        }
        body += '}';
        if (i > 0)
            body += ',';
    }
    qsizetype tokens = 0;
    for (const QString &input : inputs)
        tokens += input.split(QLatin1Char(' '), Qt::SkipEmptyParts).size();
    body += "],\"model\":\"" + request.json.value(QStringLiteral("model")).toString().toUtf8()
        + "\",\"usage\":{\"prompt_tokens\":" + QByteArray::number(tokens)
        + ",\"total_tokens\":" + QByteArray::number(tokens) + "}}";
    return body;
}

QByteArray FakeOpenAiServer::responseBytes(
    int status, const Headers &headers, const QByteArray &body)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: keep-alive\r\n";
    for (const auto &[name, value] : headers)
        bytes += name + ": " + value + "\r\n";
    return bytes + "\r\n" + body;
}
