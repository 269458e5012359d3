#include "embeddingsresponse.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EmbeddingsResponse", text);
}

NetError decodeError(const QString &what)
{
    NetError error;
    error.kind = NetError::Kind::Decode;
    error.message = tr("the embedding service's answer %1").arg(what);
    return error;
}

// A JSON number that a float cannot hold (1e300) would become infinity and poison every
// cosine computed with it.
bool toFiniteFloat(double value, float *out)
{
    if (!std::isfinite(value) || std::fabs(value) > double(std::numeric_limits<float>::max()))
        return false;
    *out = float(value);
    return true;
}

Result<QList<float>> readVector(simdjson::dom::element embedding, qsizetype index)
{
    QList<float> vector;
    simdjson::dom::array values;
    std::string_view text;
    if (!embedding.get(values)) {
        vector.reserve(qsizetype(values.size()));
        for (simdjson::dom::element value : values) {
            double number;
            float component;
            if (value.get(number) || !toFiniteFloat(number, &component)) {
                return decodeError(tr("has a value in the vector at index %1 that is not a "
                                      "finite float32 number")
                                       .arg(index));
            }
            vector.append(component);
        }
    } else if (!embedding.get(text)) {
        // encoding_format "base64": little-endian float32, what some servers send regardless.
        const auto decoded
            = QByteArray::fromBase64Encoding(QByteArray(text.data(), qsizetype(text.size())),
                QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() % 4 != 0)
            return decodeError(tr("has vector %1 in base64 that is not float32 data").arg(index));
        const QByteArray &raw = decoded.decoded;
        vector.reserve(raw.size() / 4);
        for (qsizetype k = 0; k < raw.size(); k += 4) {
            quint32 bits = 0;
            for (int b = 0; b < 4; ++b)
                bits |= quint32(quint8(raw[k + b])) << (8 * b);
            float component;
            std::memcpy(&component, &bits, 4);
            if (!std::isfinite(component))
                return decodeError(tr("has a value in the vector at index %1 that is not a "
                                      "finite number")
                                       .arg(index));
            vector.append(component);
        }
    } else {
        return decodeError(tr("has no \"embedding\" list for index %1").arg(index));
    }
    if (vector.isEmpty())
        return decodeError(tr("has an empty vector at index %1").arg(index));
    return vector;
}

} // namespace

// simdjson rather than QJsonDocument: a batch of 256 × 1536 floats is ~5 MB of JSON, which
// QJsonDocument parses at ~60 MB/s (80 ms of GUI thread per batch; tests/bench/embedder_bench).
Result<Embeddings> parseEmbeddingsResponse(
    const QByteArray &body, qsizetype inputCount, int dimension)
{
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (const auto error = parser.parse(body.constData(), size_t(body.size())).get(root)) {
        return decodeError(tr("is not valid JSON (%1; %2 bytes)")
                               .arg(QString::fromLatin1(simdjson::error_message(error)))
                               .arg(body.size()));
    }
    simdjson::dom::array data;
    if (root["data"].get(data))
        return decodeError(tr("has no \"data\" list"));
    const qsizetype count = qsizetype(data.size());
    if (count != inputCount)
        return decodeError(tr("has %1 vectors for %2 texts").arg(count).arg(inputCount));

    // Items without any "index" are taken in order (some servers omit it); once one item has
    // an index, all must.
    bool indexed = false;
    for (simdjson::dom::element item : data)
        indexed = indexed || item["index"].error() != simdjson::NO_SUCH_FIELD;

    Embeddings vectors(inputCount);
    QList<bool> seen(inputCount, false);
    int length = dimension;
    qsizetype position = 0;
    for (simdjson::dom::element item : data) {
        qsizetype index = position;
        if (indexed) {
            int64_t raw;
            if (item["index"].get(raw))
                return decodeError(tr("has item %1 without a valid \"index\"").arg(position));
            if (raw < 0 || raw >= inputCount) {
                return decodeError(
                    tr("has index %1, out of range for %2 texts").arg(raw).arg(inputCount));
            }
            index = qsizetype(raw);
            if (seen[index])
                return decodeError(tr("has index %1 more than once").arg(index));
        }
        ++position;
        seen[index] = true;
        simdjson::dom::element embedding;
        if (item["embedding"].get(embedding))
            return decodeError(tr("has no \"embedding\" list for index %1").arg(index));
        Result<QList<float>> vector = readVector(embedding, index);
        if (!vector.ok())
            return vector.error();
        const int size = int(vector.value().size());
        if (length > 0 && size != length) {
            return decodeError(dimension > 0
                    ? tr("has a %1-dimensional vector at index %2; %3 "
                         "dimensions were asked for")
                          .arg(size)
                          .arg(index)
                          .arg(dimension)
                    : tr("has vectors of different lengths (%1 at index %2, "
                         "%3 before)")
                          .arg(size)
                          .arg(index)
                          .arg(length));
        }
        length = size;
        vectors[index] = std::move(vector).value();
    }
    return vectors;
}

QString embeddingsErrorMessage(const QByteArray &body)
{
    if (body.isEmpty() || body.size() > 256 * 1024)
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonObject root = doc.object();
        const QJsonValue error = root.value(QStringLiteral("error"));
        if (error.isObject())
            return error.toObject().value(QStringLiteral("message")).toString();
        if (error.isString())
            return error.toString();
        return root.value(QStringLiteral("message")).toString();
    }
    // Not JSON: a short plain-text reason is worth showing, an HTML error page is not.
    QString text = QString::fromUtf8(body.left(300)).simplified();
    if (text.startsWith(QLatin1Char('<')))
        return {};
    return text;
}
