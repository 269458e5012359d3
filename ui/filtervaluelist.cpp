#include "filtervaluelist.h"

#include <QLocale>

QStringList FilterValueList::split(const QString &text)
{
    QStringList items;
    QString plain;
    QString quoted;
    bool inQuotes = false;
    bool wasQuoted = false;
    const auto finish = [&] {
        // A quoted item is what its quotes hold; text around the quotes is ignored.
        if (wasQuoted)
            items.append(quoted);
        else if (!plain.trimmed().isEmpty())
            items.append(plain.trimmed());
        plain.clear();
        quoted.clear();
        wasQuoted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'\\' && i + 1 < text.size())
                quoted.append(text.at(++i));
            else if (c == u'"')
                inQuotes = false;
            else
                quoted.append(c);
        } else if (c == u'"') {
            inQuotes = true;
            wasQuoted = true;
        } else if (c == u',') {
            finish();
        } else {
            plain.append(c);
        }
    }
    finish();
    return items;
}

QString FilterValueList::format(const QJsonArray &values)
{
    QStringList items;
    for (const QJsonValue &v : values) {
        if (v.isDouble()) {
            const qint64 n = v.toInteger();
            const bool whole = double(n) == v.toDouble();
            const double d = v.toDouble();
            items.append(whole ? QString::number(n)
                               : QString::number(d, 'g', QLocale::FloatingPointShortest));
            continue;
        }
        QString s = v.toString();
        const bool needsQuotes = s.isEmpty() || s.contains(u',') || s.contains(u'"')
            || s.contains(u'\\') || s.trimmed() != s;
        if (needsQuotes) {
            s.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
            s = u'"' + s + u'"';
        }
        items.append(s);
    }
    return items.join(QStringLiteral(", "));
}
