#include "payloadpath.h"

#include "apierror.h"

#include <charconv>

namespace mstore {

namespace {

// Qdrant's raw key characters are Unicode alphanumerics, '_' and '-'. Without Unicode tables
// every non-ASCII byte is accepted, which admits all non-ASCII letters (and a few symbols).
bool isRawKeyByte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
        || c == '-' || c >= 0x80;
}

// Parses a raw or quoted key at text[pos]; advances pos. Returns false when there is none.
bool parseKey(std::string_view text, size_t &pos, std::string &key)
{
    if (pos < text.size() && text[pos] == '"') {
        const size_t end = text.find_first_of("\"\\", pos + 1);
        if (end == std::string_view::npos || text[end] != '"')
            return false;
        key.assign(text.substr(pos + 1, end - pos - 1));
        pos = end + 1;
        return true;
    }
    const size_t start = pos;
    while (pos < text.size() && isRawKeyByte(static_cast<unsigned char>(text[pos])))
        ++pos;
    if (pos == start)
        return false;
    key.assign(text.substr(start, pos - start));
    return true;
}

void removeFrom(const std::vector<PayloadPath::Segment> &segments, size_t i, Json &value)
{
    using Index = PayloadPath::Segment::Index;
    const PayloadPath::Segment &s = segments[i];
    const bool last = i + 1 == segments.size();
    switch (s.index) {
    case Index::None:
        if (!value.is_object())
            return;
        if (last) {
            value.erase(s.key);
        } else {
            const auto it = value.find(s.key);
            if (it != value.end())
                removeFrom(segments, i + 1, *it);
        }
        return;
    case Index::One:
        // Removing array elements by position is not idempotent, so Qdrant does not do it.
        if (!last && value.is_array() && s.position < value.size())
            removeFrom(segments, i + 1, value[s.position]);
        return;
    case Index::All:
        if (!value.is_array())
            return;
        if (last) {
            value = Json::array();
        } else {
            for (Json &element : value)
                removeFrom(segments, i + 1, element);
        }
        return;
    }
}

void valueSet(
    const std::vector<PayloadPath::Segment> &segments, size_t i, Json &dest, const Json &src);

void valueSetMap(const std::vector<PayloadPath::Segment> &segments, size_t i,
    const std::string &key, Json &destObject, const Json &src)
{
    const auto it = destObject.find(key);
    if (it != destObject.end()) {
        valueSet(segments, i, *it, src);
        return;
    }
    Json value;
    valueSet(segments, i, value, src);
    destObject[key] = std::move(value);
}

void valueSet(
    const std::vector<PayloadPath::Segment> &segments, size_t i, Json &dest, const Json &src)
{
    using Index = PayloadPath::Segment::Index;
    if (i == segments.size()) {
        if (!dest.is_object())
            dest = Json::object();
        PayloadPath::mergeObject(dest, src);
        return;
    }
    const PayloadPath::Segment &s = segments[i];
    switch (s.index) {
    case Index::None:
        if (!dest.is_object())
            dest = Json::object();
        valueSetMap(segments, i + 1, s.key, dest, src);
        return;
    case Index::One:
        if (!dest.is_array())
            dest = Json::array();
        if (s.position < dest.size())
            valueSet(segments, i + 1, dest[s.position], src);
        return;
    case Index::All:
        if (!dest.is_array()) {
            dest = Json::array();
            return;
        }
        for (Json &element : dest)
            valueSet(segments, i + 1, element, src);
        return;
    }
}

// Qdrant's include filter keeps a node when its path and the pattern agree on their common
// prefix; payload paths only hold keys and `[]`, so a pattern `[n]` never matches an element.
Json filterFrom(const std::vector<PayloadPath::Segment> &segments, size_t i, const Json &value)
{
    using Index = PayloadPath::Segment::Index;
    if (i >= segments.size())
        return value;
    const PayloadPath::Segment &s = segments[i];
    if (value.is_array()) {
        Json out = Json::array();
        if (s.index == Index::All) {
            for (const Json &element : value)
                out.push_back(filterFrom(segments, i + 1, element));
        }
        return out;
    }
    if (value.is_object()) {
        Json out = Json::object();
        if (s.index == Index::None) {
            const auto it = value.find(s.key);
            if (it != value.end())
                out[s.key] = filterFrom(segments, i + 1, *it);
        }
        return out;
    }
    return value;
}

// Both sides are filtered views of the same source, so arrays have equal lengths unless one
// side dropped every element.
void deepMerge(Json &dest, Json &&src)
{
    if (dest.is_object() && src.is_object()) {
        for (auto &[key, value] : src.items()) {
            const auto it = dest.find(key);
            if (it == dest.end())
                dest[key] = std::move(value);
            else
                deepMerge(*it, std::move(value));
        }
    } else if (dest.is_array() && src.is_array() && dest.size() == src.size()) {
        for (size_t i = 0; i < src.size(); ++i)
            deepMerge(dest[i], std::move(src[i]));
    } else if (!(src.is_array() && src.empty() && dest.is_array())) {
        dest = std::move(src);
    }
}

} // namespace

std::optional<PayloadPath> PayloadPath::tryParse(std::string_view key)
{
    PayloadPath path;
    path.m_text.assign(key);
    size_t pos = 0;
    Segment first;
    if (!parseKey(key, pos, first.key))
        return std::nullopt;
    path.m_segments.push_back(std::move(first));
    while (pos < key.size()) {
        Segment s;
        if (key[pos] == '.') {
            ++pos;
            if (!parseKey(key, pos, s.key))
                return std::nullopt;
        } else if (key[pos] == '[') {
            ++pos;
            if (pos < key.size() && key[pos] == ']') {
                s.index = Segment::Index::All;
                ++pos;
            } else {
                const char *begin = key.data() + pos;
                const char *end = key.data() + key.size();
                const auto [next, ec] = std::from_chars(begin, end, s.position);
                // from_chars accepts no sign for unsigned types, so only digits get here.
                if (ec != std::errc() || next == begin || next == end || *next != ']')
                    return std::nullopt;
                s.index = Segment::Index::One;
                pos = static_cast<size_t>(next - key.data()) + 1;
            }
        } else {
            return std::nullopt;
        }
        path.m_segments.push_back(std::move(s));
    }
    return path;
}

PayloadPath PayloadPath::parse(std::string_view key)
{
    if (auto path = tryParse(key))
        return std::move(*path);
    throw ApiError::jsonError("Invalid json path: '" + std::string(key) + "'");
}

void PayloadPath::collect(const Json &payload, std::vector<const Json *> &out) const
{
    anyValue(payload, [&out](const Json &value) {
        out.push_back(&value);
        return false;
    });
}

void PayloadPath::collectFlat(const Json &payload, std::vector<const Json *> &out) const
{
    anyValue(payload, [&out](const Json &value) {
        if (value.is_array()) {
            for (const Json &element : value)
                out.push_back(&element);
        } else {
            out.push_back(&value);
        }
        return false;
    });
}

void PayloadPath::remove(Json &payload) const
{
    if (payload.is_object() && !m_segments.empty())
        removeFrom(m_segments, 0, payload);
}

void PayloadPath::mergeAt(Json &payload, const Json &value) const
{
    if (!value.is_object() || m_segments.empty())
        return;
    if (!payload.is_object())
        payload = Json::object();
    valueSetMap(m_segments, 1, m_segments.front().key, payload, value);
}

void PayloadPath::mergeObject(Json &dest, const Json &src)
{
    if (!src.is_object())
        return;
    if (!dest.is_object())
        dest = Json::object();
    for (const auto &[key, value] : src.items()) {
        if (value.is_null())
            dest.erase(key);
        else
            dest[key] = value;
    }
}

void PayloadPath::copyInto(const Json &payload, Json &out) const
{
    if (!payload.is_object() || m_segments.empty())
        return;
    const auto it = payload.find(m_segments.front().key);
    if (it == payload.end())
        return;
    Json filtered = filterFrom(m_segments, 1, *it);
    if (!out.is_object())
        out = Json::object();
    const auto existing = out.find(m_segments.front().key);
    if (existing == out.end())
        out[m_segments.front().key] = std::move(filtered);
    else
        deepMerge(*existing, std::move(filtered));
}

PayloadPath PayloadPath::arrayKey() const
{
    PayloadPath path = *this;
    if (path.m_segments.empty() || path.m_segments.back().index != Segment::Index::All) {
        Segment s;
        s.index = Segment::Index::All;
        path.m_segments.push_back(std::move(s));
        path.m_text += "[]";
    }
    return path;
}

} // namespace mstore
