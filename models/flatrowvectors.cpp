#include "flatrowvectors.h"

#include "vectortextscanner.h"

#include <cstring>

namespace {

/// Steps over JSON text, reading nothing at or past `end`. Each step returns false on what it
/// does not expect; nothing it steps over is checked beyond what finding its end needs.
class Cursor
{
public:
    Cursor(const char *begin, const char *end)
        : p(begin)
        , m_end(end)
    { }

    const char *p;

    bool atEnd() const { return p == m_end; }
    const char *last() const { return m_end - 1; }

    void skipBlanks()
    {
        while (p != m_end && VectorTextScanner::isBlank(*p))
            ++p;
    }

    bool take(char c)
    {
        skipBlanks();
        if (p == m_end || *p != c)
            return false;
        ++p;
        return true;
    }

    /// A string from its opening quote; text is what lies between the quotes (escapes as
    /// written); escaped: it holds a backslash.
    bool string(std::string_view &text, bool &escaped)
    {
        if (p == m_end || *p != '"')
            return false;
        const char *from = ++p;
        escaped = false;
        for (;;) {
            const auto *quote = static_cast<const char *>(std::memchr(p, '"', size_t(m_end - p)));
            if (!quote)
                return false;
            // A quote after an odd number of backslashes is part of the string.
            const char *before = quote;
            while (before != from && before[-1] == '\\')
                --before;
            p = quote + 1;
            if ((quote - before) % 2 == 0) {
                escaped = escaped || std::memchr(from, '\\', size_t(quote - from)) != nullptr;
                text = std::string_view(from, size_t(quote - from));
                return true;
            }
        }
    }

    /// Any value: a string, an object or array with what it holds, or a scalar up to the next
    /// separator.
    bool value()
    {
        if (p == m_end)
            return false;
        std::string_view text;
        bool escaped;
        if (*p == '"')
            return string(text, escaped);
        if (*p == '{' || *p == '[') {
            int depth = 0;
            while (p != m_end) {
                const char c = *p;
                if (c == '"') {
                    if (!string(text, escaped))
                        return false;
                    continue;
                }
                ++p;
                if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0)
                        return true;
                }
            }
            return false;
        }
        const char *from = p;
        while (p != m_end && *p != ',' && *p != '}' && *p != ']' && !VectorTextScanner::isBlank(*p))
            ++p;
        return p != from;
    }

private:
    const char *m_end;
};

bool mayMakeAPoint(std::string_view key)
{
    return key == "payload" || key == "vector" || key == "vectors";
}

} // namespace

bool FlatRowVectors::find(const char *data, size_t size, const QSet<QString> &vectorFields,
                          QList<Span> &spans)
{
    spans.clear();
    Cursor row(data, data + size);
    if (!row.take('{'))
        return false;
    row.skipBlanks();
    if (!row.atEnd() && *row.p == '}')
        return false; // no fields: nothing to find
    for (;;) {
        row.skipBlanks();
        std::string_view key;
        bool escaped = false;
        if (!row.string(key, escaped) || escaped || !row.take(':'))
            return false;
        row.skipBlanks();
        if (row.atEnd())
            return false;
        if (*row.p == '{' && mayMakeAPoint(key))
            return false;
        const QString name = *row.p == '[' ? QString::fromUtf8(key.data(), qsizetype(key.size()))
                                           : QString();
        if (!name.isEmpty() && vectorFields.contains(name)) {
            const char *close = nullptr;
            const qsizetype count = VectorTextScanner::countFrom(row.p, row.last(), close);
            if (count < 0)
                return false;
            spans.append({name, std::string_view(row.p, size_t(close + 1 - row.p)), count});
            row.p = close + 1;
        } else if (!row.value()) {
            return false;
        }
        if (row.take(','))
            continue;
        if (!row.take('}'))
            return false;
        row.skipBlanks();
        return row.atEnd();
    }
}
