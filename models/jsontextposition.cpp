#include "jsontextposition.h"

namespace {

// A reader over a JSON text that QJsonDocument has already accepted: it only needs to find
// where things are, not to check them.
class Scanner
{
public:
    explicit Scanner(const QString &text)
        : m_text(text)
    { }

    qsizetype pos = 0;

    void skipSpace()
    {
        while (pos < m_text.size() && m_text.at(pos).isSpace())
            ++pos;
    }

    QChar peek() const { return pos < m_text.size() ? m_text.at(pos) : QChar(); }

    // A string at pos (on its opening quote), decoded; pos ends after the closing quote.
    QString string()
    {
        QString out;
        ++pos;
        while (pos < m_text.size() && m_text.at(pos) != u'"') {
            QChar c = m_text.at(pos++);
            if (c == u'\\' && pos < m_text.size()) {
                const QChar e = m_text.at(pos++);
                switch (e.unicode()) {
                case 'b': c = u'\b'; break;
                case 'f': c = u'\f'; break;
                case 'n': c = u'\n'; break;
                case 'r': c = u'\r'; break;
                case 't': c = u'\t'; break;
                case 'u':
                    // UTF-16 code units: a surrogate pair is two escapes, appended in turn.
                    c = QChar(char16_t(m_text.mid(pos, 4).toUShort(nullptr, 16)));
                    pos += 4;
                    break;
                default: c = e; break;
                }
            }
            out.append(c);
        }
        ++pos;
        return out;
    }

    // Skips the value at pos (after space).
    void skipValue()
    {
        skipSpace();
        const QChar c = peek();
        if (c == u'"') {
            string();
        } else if (c == u'{' || c == u'[') {
            int depth = 0;
            while (pos < m_text.size()) {
                const QChar d = m_text.at(pos);
                if (d == u'"') {
                    string();
                    continue;
                }
                ++pos;
                if (d == u'{' || d == u'[')
                    ++depth;
                else if ((d == u'}' || d == u']') && --depth == 0)
                    return;
            }
        } else {
            while (pos < m_text.size() && !m_text.at(pos).isSpace() && m_text.at(pos) != u','
                   && m_text.at(pos) != u'}' && m_text.at(pos) != u']')
                ++pos;
        }
    }

    // With pos on the value of a container, moves to the step's member or element: the key's
    // quote (objects) or the element (arrays); returns the value's place through `value`.
    bool enter(const QString &step, qsizetype &value)
    {
        skipSpace();
        const QChar open = peek();
        if (open != u'{' && open != u'[')
            return false;
        ++pos;
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        for (int i = 0;; ++i) {
            skipSpace();
            if (peek() == u'}' || peek() == u']' || pos >= m_text.size())
                return false;
            const qsizetype start = pos;
            bool hit = false;
            if (open == u'{') {
                hit = string() == step;
                skipSpace();
                ++pos; // ':'
            } else {
                hit = isIndex && i == index;
            }
            skipSpace();
            if (hit) {
                value = pos;
                pos = start;
                return true;
            }
            skipValue();
            skipSpace();
            if (peek() == u',')
                ++pos;
        }
    }

private:
    const QString &m_text;
};

} // namespace

JsonTextPosition JsonTextPosition::ofOffset(const QString &text, qsizetype offset)
{
    JsonTextPosition p;
    p.offset = qBound(qsizetype(0), offset, text.size());
    for (qsizetype i = 0; i < p.offset; ++i) {
        if (text.at(i) == u'\n') {
            ++p.line;
            p.column = 1;
        } else {
            ++p.column;
        }
    }
    return p;
}

JsonTextPosition JsonTextPosition::ofUtf8Offset(const QString &text, int utf8Offset)
{
    const QByteArray utf8 = text.toUtf8();
    return ofOffset(text, QString::fromUtf8(utf8.left(qMax(0, utf8Offset))).size());
}

JsonTextPosition JsonTextPosition::ofPath(const QString &text, const QStringList &path)
{
    Scanner scanner(text);
    scanner.skipSpace();
    qsizetype found = scanner.pos;
    for (const QString &step : path) {
        qsizetype value = 0;
        if (!scanner.enter(step, value))
            break;
        found = scanner.pos;
        scanner.pos = value;
    }
    return ofOffset(text, found);
}
