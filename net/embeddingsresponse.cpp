#include "embeddingsresponse.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

Result<QList<float>> readVector(const QJsonValue &embedding, qsizetype index)
{
    QList<float> vector;
    if (embedding.isArray()) {
        const QJsonArray values = embedding.toArray();
        vector.reserve(values.size());
        for (const QJsonValue &value : values) {
            float component;
            if (!value.isDouble() || !toFiniteFloat(value.toDouble(), &component)) {
                return decodeError(tr("has a value in the vector at index %1 that is not a "
                                      "finite float32 number")
                                       .arg(index));
            }
            vector.append(component);
        }
    } else if (embedding.isString()) {
        // encoding_format "base64": little-endian float32, what some servers send regardless.
        const auto decoded = QByteArray::fromBase64Encoding(
            embedding.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
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

Result<Embeddings> parseEmbeddingsResponse(
    const QByteArray &body, qsizetype inputCount, int dimension)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return decodeError(tr("is not valid JSON (%1 at byte %2 of %3)")
                               .arg(parseError.errorString())
                               .arg(parseError.offset)
                               .arg(body.size()));
    }
    const QJsonValue dataValue = doc.object().value(QStringLiteral("data"));
    if (!doc.isObject() || !dataValue.isArray())
        return decodeError(tr("has no \"data\" list"));
    const QJsonArray data = dataValue.toArray();
    if (data.size() != inputCount) {
        return decodeError(tr("has %1 vectors for %2 texts").arg(data.size()).arg(inputCount));
    }

    // Items without any "index" are taken in order (some servers omit it); once one item has
    // an index, all must.
    bool indexed = false;
    for (const QJsonValue &item : data)
        indexed = indexed || item.toObject().contains(QStringLiteral("index"));

    Embeddings vectors(inputCount);
    QList<bool> seen(inputCount, false);
    int length = dimension;
    for (qsizetype position = 0; position < data.size(); ++position) {
        const QJsonObject item = data.at(position).toObject();
        qsizetype index = position;
        if (indexed) {
            const QJsonValue indexValue = item.value(QStringLiteral("index"));
            const double raw = indexValue.toDouble(-1);
            if (!indexValue.isDouble() || raw != std::floor(raw))
                return decodeError(tr("has item %1 without a valid \"index\"").arg(position));
            if (raw < 0 || raw >= double(inputCount)) {
                return decodeError(
                    tr("has index %1, out of range for %2 texts").arg(raw).arg(inputCount));
            }
            index = qsizetype(raw);
            if (seen[index])
                return decodeError(tr("has index %1 more than once").arg(index));
        }
        seen[index] = true;
        Result<QList<float>> vector = readVector(item.value(QStringLiteral("embedding")), index);
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
    const QString text = QString::fromUtf8(body.left(300)).simplified();
    if (text.startsWith(QLatin1Char('<')))
        return {};
    return text;
}
