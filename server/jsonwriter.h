#pragma once

#include "json.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace mstore {

/// Appends JSON text to a string. Hand-written because responses that carry vectors are hot:
/// floats are written in the shortest form that reads back to the same float32 (std::to_chars),
/// as Qdrant prints them, instead of the double expansion a DOM would give.
/// The caller is responsible for commas and nesting; helpers keep that terse.
class JsonWriter
{
public:
    explicit JsonWriter(std::string &out) : m_out(out) {}

    JsonWriter &raw(std::string_view text)
    {
        m_out.append(text);
        return *this;
    }
    JsonWriter &key(std::string_view name); ///< `"name":`
    /// A JSON string; bytes that are not UTF-8 (a percent-decoded path in an error message)
    /// become U+FFFD, as in json(), so the text stays valid JSON.
    JsonWriter &string(std::string_view text);
    JsonWriter &number(double value);
    JsonWriter &number(uint64_t value);
    JsonWriter &number(int64_t value);
    JsonWriter &floatValue(float value);
    JsonWriter &floats(const float *values, size_t count); ///< `[f,f,...]`
    JsonWriter &boolean(bool value) { return raw(value ? "true" : "false"); }
    JsonWriter &null() { return raw("null"); }
    JsonWriter &json(const Json &value); ///< a whole DOM value

    std::string &text() { return m_out; }

private:
    std::string &m_out;
};

} // namespace mstore
