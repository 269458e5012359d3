#include "jsontext.h"

#include "floattext.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace jsontext {

void appendFloat(QByteArray &out, float value)
{
    if (!std::isfinite(value)) {
        out += "null"; // JSON has no NaN or infinity; Qdrant would reject the text anyway
        return;
    }
    char text[floattext::kRoom];
    out.append(text, floattext::write(text, value) - text);
}

void appendFloats(QByteArray &out, const float *values, qsizetype count)
{
    // One resize and raw writes: appending float by float costs a capacity check and a
    // possible reallocation each time. A float32 needs at most 15 characters, plus the comma;
    // the writer may scribble up to kRoom bytes past where the last float starts.
    constexpr qsizetype kMaxPerFloat = floattext::kMaxChars + 1;
    const qsizetype start = out.size();
    out.resize(start + 2 + count * kMaxPerFloat + floattext::kRoom);
    char *p = out.data() + start;
    *p++ = '[';
    for (qsizetype i = 0; i < count; ++i) {
        if (i)
            *p++ = ',';
        const float value = values[i];
        if (std::isfinite(value)) {
            p = floattext::write(p, value);
        } else {
            std::memcpy(p, "null", 4);
            p += 4;
        }
    }
    *p++ = ']';
    out.truncate(p - out.constData());
}

void appendDouble(QByteArray &out, double value)
{
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    char text[32];
    char *end;
    // Integral values as integers: 3, not 3e+00 or 3.0, as QJsonDocument writes them.
    if (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0)
        end = std::to_chars(text, text + sizeof text, qint64(value)).ptr;
    else
        end = std::to_chars(text, text + sizeof text, value).ptr;
    out.append(text, end - text);
}

void appendString(QByteArray &out, QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    qsizetype runStart = 0;
    const auto flushAscii = [&](qsizetype upTo) {
        // Plain ASCII is copied in one tight loop, without a temporary.
        const qsizetype count = upTo - runStart;
        if (count <= 0)
            return;
        const qsizetype at = out.size();
        out.resize(at + count);
        char *dst = out.data() + at;
        const QChar *src = text.data() + runStart;
        for (qsizetype k = 0; k < count; ++k)
            dst[k] = char(src[k].unicode());
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x20 && c < 0x80 && c != u'"' && c != u'\\')
            continue;
        flushAscii(i);
        if (c >= 0x80) {
            // A run of non-ASCII characters (surrogate pairs stay together) as UTF-8.
            qsizetype j = i + 1;
            while (j < text.size() && text[j].unicode() >= 0x80)
                ++j;
            out += text.mid(i, j - i).toUtf8();
            i = j - 1;
        } else if (c == u'"' || c == u'\\') {
            out += '\\';
            out += char(c);
        } else if (c == u'\n') {
            out += "\\n";
        } else if (c == u'\t') {
            out += "\\t";
        } else if (c == u'\r') {
            out += "\\r";
        } else if (c == u'\b') {
            out += "\\b";
        } else if (c == u'\f') {
            out += "\\f";
        } else {
            const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
            out.append(escaped, sizeof escaped);
        }
        runStart = i + 1;
    }
    flushAscii(text.size());
    out += '"';
}

void appendValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        // QJsonValue keeps integers as qint64; only true doubles take the float path.
        const qint64 integer = value.toInteger(std::numeric_limits<qint64>::min());
        if (integer != std::numeric_limits<qint64>::min() && double(integer) == value.toDouble()) {
            char text[24];
            const auto end = std::to_chars(text, text + sizeof text, integer).ptr;
            out.append(text, end - text);
        } else {
            appendDouble(out, value.toDouble());
        }
        break;
    }
    case QJsonValue::String:
        appendString(out, value.toString());
        break;
    case QJsonValue::Array:
        appendArray(out, value.toArray());
        break;
    case QJsonValue::Object:
        appendObject(out, value.toObject());
        break;
    }
}

void appendObject(QByteArray &out, const QJsonObject &object)
{
    out += '{';
    bool first = true;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!first)
            out += ',';
        first = false;
        appendString(out, it.key());
        out += ':';
        appendValue(out, it.value());
    }
    out += '}';
}

void appendArray(QByteArray &out, const QJsonArray &array)
{
    out += '[';
    bool first = true;
    for (const QJsonValue &value : array) {
        if (!first)
            out += ',';
        first = false;
        appendValue(out, value);
    }
    out += ']';
}

void appendStrings(QByteArray &out, const QStringList &strings)
{
    out += '[';
    for (qsizetype i = 0; i < strings.size(); ++i) {
        if (i)
            out += ',';
        appendString(out, strings.at(i));
    }
    out += ']';
}

} // namespace jsontext
