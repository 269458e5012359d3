#include "jsonwriter.h"

#include <charconv>
#include <cmath>

namespace mstore {

namespace {

/// The length of the well-formed UTF-8 sequence that starts at text[0] (a byte >= 0x80), or 0
/// when there is none: a stray continuation byte, an overlong form, a surrogate, a code point
/// past U+10FFFF, or a sequence cut short.
size_t utf8SequenceLength(std::string_view text)
{
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    size_t length = 0;
    unsigned char low = 0x80;  // the second byte's range, narrower after some lead bytes
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0; // overlong
        else if (lead == 0xED)
            high = 0x9F; // UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90; // overlong
        else if (lead == 0xF4)
            high = 0x8F; // past U+10FFFF
    } else {
        return 0;
    }
    if (text.size() < length || byte(1) < low || byte(1) > high)
        return 0;
    for (size_t i = 2; i < length; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xBF)
            return 0;
    }
    return length;
}

} // namespace

JsonWriter &JsonWriter::key(std::string_view name)
{
    string(name);
    m_out.push_back(':');
    return *this;
}

JsonWriter &JsonWriter::string(std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    m_out.push_back('"');
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            const size_t length = utf8SequenceLength(text.substr(i));
            if (length == 0) {
                m_out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            } else {
                m_out.append(text.substr(i, length));
                i += length - 1;
            }
            continue;
        }
        switch (c) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        case '\b': m_out += "\\b"; break;
        case '\f': m_out += "\\f"; break;
        default:
            if (u < 0x20) {
                m_out += "\\u00";
                m_out.push_back(hex[u >> 4]);
                m_out.push_back(hex[u & 15]);
            } else {
                m_out.push_back(c);
            }
        }
    }
    m_out.push_back('"');
    return *this;
}

JsonWriter &JsonWriter::number(double value)
{
    if (!std::isfinite(value))
        return null();
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    m_out.append(buf, r.ptr);
    return *this;
}

JsonWriter &JsonWriter::number(uint64_t value)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    m_out.append(buf, r.ptr);
    return *this;
}

JsonWriter &JsonWriter::number(int64_t value)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    m_out.append(buf, r.ptr);
    return *this;
}

JsonWriter &JsonWriter::floatValue(float value)
{
    if (!std::isfinite(value))
        return null();
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    m_out.append(buf, r.ptr);
    return *this;
}

JsonWriter &JsonWriter::floats(const float *values, size_t count)
{
    m_out.reserve(m_out.size() + count * 12 + 2);
    m_out.push_back('[');
    for (size_t i = 0; i < count; ++i) {
        if (i)
            m_out.push_back(',');
        floatValue(values[i]);
    }
    m_out.push_back(']');
    return *this;
}

JsonWriter &JsonWriter::json(const Json &value)
{
    // nlohmann's dump: UTF-8 checked, non-finite numbers written as null.
    m_out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    return *this;
}

} // namespace mstore
