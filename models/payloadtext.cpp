#include "payloadtext.h"

#include <QJsonDocument>
#include <QList>
#include <QSet>

#include <algorithm>

namespace {

void locate(PayloadTextParse &result, const QString &text, qsizetype position)
{
    position = std::clamp<qsizetype>(position, 0, text.size());
    result.position = position;
    result.line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < position; ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            ++result.line;
            lineStart = i + 1;
        }
    }
    result.column = int(position - lineStart) + 1;
}

// The character offset of a repeated key in text, which is valid JSON; -1 when none is. A
// key is compared as written (with its escapes), which is how people type them.
qsizetype repeatedKey(const QString &text, QString &key)
{
    struct Level
    {
        bool object = false;
        QSet<QString> keys;
    };
    QList<Level> levels;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            levels.append(Level{c == QLatin1Char('{'), {}});
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            if (!levels.isEmpty())
                levels.removeLast();
        } else if (c == QLatin1Char('"')) {
            const qsizetype start = i;
            for (++i; i < text.size() && text.at(i) != QLatin1Char('"'); ++i) {
                if (text.at(i) == QLatin1Char('\\'))
                    ++i;
            }
            qsizetype next = i + 1;
            while (next < text.size() && text.at(next).isSpace())
                ++next;
            const bool isKey = next < text.size() && text.at(next) == QLatin1Char(':');
            if (isKey && !levels.isEmpty() && levels.last().object) {
                const QString written = text.mid(start + 1, i - start - 1);
                if (levels.last().keys.contains(written)) {
                    key = written;
                    return start;
                }
                levels.last().keys.insert(written);
            }
        }
    }
    return -1;
}

} // namespace

QString PayloadText::format(const QJsonObject &payload)
{
    return QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Indented));
}

PayloadTextParse PayloadText::parse(const QString &text)
{
    PayloadTextParse result;
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError) {
        // The offset counts UTF-8 bytes, just past the character that broke the parse; the
        // editor counts characters and shows the culprit.
        const qsizetype position
            = std::max<qsizetype>(0, QString::fromUtf8(utf8.left(error.offset)).size() - 1);
        locate(result, text, position);
        result.message = tr("Line %1, column %2: %3")
                             .arg(result.line)
                             .arg(result.column)
                             .arg(error.errorString());
        return result;
    }
    if (!doc.isObject()) {
        locate(result, text, 0);
        result.message = tr("A payload is a JSON object: {\"key\": value, ...}.");
        return result;
    }
    QString key;
    const qsizetype repeated = repeatedKey(text, key);
    if (repeated >= 0) {
        locate(result, text, repeated);
        result.message = tr("Line %1, column %2: the key “%3” appears twice in one object.")
                             .arg(result.line)
                             .arg(result.column)
                             .arg(key);
        return result;
    }
    result.payload = doc.object();
    return result;
}
