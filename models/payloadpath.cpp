#include "payloadpath.h"

namespace {

// Qdrant's raw key characters: alphanumerics, '_' and '-' (and non-ASCII, as memory-store
// accepts them); anything else must be quoted to be addressed.
bool isRawKeyChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_')
        || c == QLatin1Char('-') || c.unicode() >= 0x80;
}

bool isRawKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        if (!isRawKeyChar(c))
            return false;
    }
    return true;
}

} // namespace

QString PayloadPath::member(const QString &parent, const QString &key)
{
    const QString step = isRawKey(key) ? key : QLatin1Char('"') + key + QLatin1Char('"');
    return parent.isEmpty() ? step : parent + QLatin1Char('.') + step;
}

QString PayloadPath::item(const QString &parent, qsizetype index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

std::optional<QStringList> PayloadPath::keys(const QString &path)
{
    QStringList keys;
    qsizetype pos = 0;
    while (pos <= path.size()) {
        QString key;
        if (pos < path.size() && path.at(pos) == QLatin1Char('"')) {
            const qsizetype end = path.indexOf(QLatin1Char('"'), pos + 1);
            if (end < 0)
                return std::nullopt;
            key = path.mid(pos + 1, end - pos - 1);
            pos = end + 1;
        } else {
            const qsizetype start = pos;
            while (pos < path.size() && isRawKeyChar(path.at(pos)))
                ++pos;
            if (pos == start)
                return std::nullopt;
            key = path.mid(start, pos - start);
        }
        keys.append(key);
        if (pos == path.size())
            return keys;
        // cppcheck-suppress containerOutOfBounds ; pos < size() here (pos == size() returned)
        if (path.at(pos) != QLatin1Char('.'))
            return std::nullopt;
        ++pos;
    }
    return std::nullopt;
}
