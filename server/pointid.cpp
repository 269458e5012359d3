#include "pointid.h"

#include <charconv>

namespace mstore {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::optional<PointId> PointId::fromUuid(std::string_view text)
{
    if (text.starts_with("urn:uuid:"))
        text.remove_prefix(9);
    if (text.size() == 38 && text.front() == '{' && text.back() == '}')
        text = text.substr(1, 36);

    std::string hex;
    hex.reserve(32);
    if (text.size() == 36) {
        for (size_t i = 0; i < text.size(); ++i) {
            const bool dashPos = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashPos != (text[i] == '-'))
                return std::nullopt;
            if (!dashPos)
                hex.push_back(text[i]);
        }
    } else if (text.size() == 32) {
        hex.assign(text);
    } else {
        return std::nullopt;
    }

    PointId id;
    id.m_isUuid = true;
    for (size_t i = 0; i < 16; ++i) {
        const int hi = hexValue(hex[2 * i]);
        const int lo = hexValue(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        id.m_uuid[i] = static_cast<uint8_t>(hi * 16 + lo);
    }
    return id;
}

std::optional<PointId> PointId::fromText(std::string_view text)
{
    uint64_t number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc() && end == text.data() + text.size() && !text.empty())
        return PointId(number);
    return fromUuid(text);
}

std::optional<PointId> PointId::fromJson(const Json &value)
{
    if (value.is_number_unsigned())
        return PointId(value.get<uint64_t>());
    if (value.is_number_integer()) {
        const int64_t n = value.get<int64_t>();
        if (n < 0)
            return std::nullopt;
        return PointId(static_cast<uint64_t>(n));
    }
    if (value.is_string())
        return fromUuid(value.get_ref<const std::string &>());
    return std::nullopt;
}

std::string PointId::toString() const
{
    if (!m_isUuid)
        return std::to_string(m_number);
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            s.push_back('-');
        s.push_back(digits[m_uuid[i] >> 4]);
        s.push_back(digits[m_uuid[i] & 15]);
    }
    return s;
}

Json PointId::toJson() const
{
    if (m_isUuid)
        return toString();
    return m_number;
}

void PointId::appendJson(std::string &out) const
{
    if (m_isUuid) {
        out.push_back('"');
        out += toString();
        out.push_back('"');
    } else {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, m_number);
        out.append(buf, r.ptr);
    }
}

} // namespace mstore
