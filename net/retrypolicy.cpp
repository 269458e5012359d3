#include "retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>

int RetryPolicy::backoffMs(int retry, QRandomGenerator *random) const
{
    // Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): clients that failed
    // together spread out instead of coming back in lock-step.
    const int shift = std::clamp(retry - 1, 0, 30);
    const qint64 ceiling
        = std::min<qint64>(qint64(std::max(baseDelayMs, 0)) << shift, std::max(maxDelayMs, 0));
    if (ceiling <= 0)
        return 0;
    return int(random->bounded(ceiling + 1));
}

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

int RetryPolicy::parseRetryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return -1;
    bool isNumber = false;
    const qlonglong seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? -1 : int(std::min<qlonglong>(seconds, 24 * 3600) * 1000);
    // HTTP-date, preferably IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); RFC 850 and asctime
    // forms are obsolete and servers that matter do not send them.
    const QString date = QString::fromLatin1(text);
    QDateTime when
        = QLocale::c().toDateTime(date, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    when.setTimeSpec(Qt::UTC);
    const qint64 ms = now.msecsTo(when);
    return int(std::clamp<qint64>(ms, 0, 24 * 3600 * 1000));
}
