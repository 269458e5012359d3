#include "jsonwriter.h"

#include <charconv>
#include <cmath>

namespace mstore {

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
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
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
