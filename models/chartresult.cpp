#include "chartresult.h"

#include <QLocale>

qint64 ChartResult::pointsRead() const
{
    qint64 read = 0;
    for (const ChartCohortStatus &cohort : cohorts)
        read += cohort.read;
    return read;
}

qint64 ChartResult::pointsTotal() const
{
    qint64 total = 0;
    for (const ChartCohortStatus &cohort : cohorts) {
        if (cohort.total < 0)
            return -1;
        total += cohort.total;
    }
    return total;
}

qint64 ChartResult::pointsSkipped() const
{
    qint64 skipped = 0;
    for (const ChartCohortStatus &cohort : cohorts)
        skipped += cohort.skipped;
    return skipped;
}

bool ChartResult::isPartial() const
{
    if (cancelled)
        return true;
    const qint64 total = pointsTotal();
    return total < 0 || pointsRead() < total;
}

bool ChartResult::isEmpty() const
{
    for (const ChartSeriesData &s : series) {
        if (!s.points.isEmpty())
            return false;
        for (double v : s.values) {
            if (v != 0)
                return false;
        }
    }
    return true;
}

QString ChartResult::coverageText() const
{
    const QLocale locale;
    const qint64 read = pointsRead();
    const qint64 total = pointsTotal();
    QString text;
    if (!isPartial())
        text = tr("%1 points").arg(locale.toString(read));
    else if (total < 0)
        text = tr("%1 points read (total unknown)").arg(locale.toString(read));
    else
        text = tr("%1 of %2 points").arg(locale.toString(read), locale.toString(total));
    if (cancelled)
        text += tr(" (stopped)");
    const qint64 skipped = pointsSkipped();
    if (skipped > 0)
        text += tr(" · %1 without a usable value, not charted").arg(locale.toString(skipped));
    return text;
}
