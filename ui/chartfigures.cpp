#include "chartfigures.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace {

// One colour per split group, the same in both cohorts' charts.
QColor groupColour(int index)
{
    static const QColor colours[] = {
        QColor(0x20, 0x9f, 0xdf), QColor(0xf6, 0xa6, 0x25), QColor(0x99, 0xca, 0x53),
        QColor(0xbf, 0x59, 0x3e), QColor(0x6d, 0x5f, 0xd5), QColor(0x2a, 0x9d, 0x8f),
        QColor(0xe7, 0x6f, 0x51), QColor(0x8d, 0x99, 0xae),
    };
    return colours[index % int(std::size(colours))];
}

// Side by side, each chart is titled with its cohort: the legend names the group only.
QString legendName(const ChartSeriesData &series, int cohortCount)
{
    if (cohortCount > 1 && !series.group.isEmpty())
        return series.group;
    return series.name;
}

QString groupKey(const ChartSeriesData &series)
{
    return series.group.isEmpty() && series.cohort.isEmpty() ? series.name : series.group;
}

// A histogram's category under its bar: the bin's lower edge (the axis title gives the
// width), short enough to stay readable when two cohorts share the width.
QStringList binLabels(const ChartResult &result)
{
    QStringList labels;
    for (qsizetype i = 0; i + 1 < result.binEdges.size(); ++i) {
        const QString edge = QString::number(result.binEdges.at(i), 'g', 6);
        const bool open = result.lastBinOpen && i + 2 == result.binEdges.size();
        labels.append(open ? QStringLiteral("≥ ") + edge : edge);
    }
    return labels;
}

} // namespace

ChartFigures::ChartFigures(const ChartResult &result, const QColor &diagonal)
    : m_result(result)
    , m_diagonal(diagonal)
    , m_cohortCount(std::max<int>(1, int(result.cohorts.size())))
{
    // Shared scales, so side-by-side cohorts read against the same axes.
    for (const ChartSeriesData &series : m_result.series) {
        if (!m_groups.contains(groupKey(series)))
            m_groups.append(groupKey(series));
        for (double v : series.values)
            m_maxValue = std::max(m_maxValue, v);
        for (const QPointF &p : series.points)
            m_maxLatency = std::max({m_maxLatency, p.x(), p.y()});
    }
}

QChart *ChartFigures::build(int index)
{
    const ChartResult &result = m_result;
    const ChartSpec &spec = result.spec;
    const bool scatter = spec.kind == ChartSpec::Kind::LatencyScatter;
    const bool monthly = spec.kind == ChartSpec::Kind::MonthlySeries;
    const QString cohort = result.cohorts.value(index).label;
    auto *chart = new QChart;
    chart->setTitle(m_cohortCount > 1 ? cohort : spec.title());
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    QAbstractAxis *xAxis = nullptr;
    QValueAxis *yAxis = new QValueAxis;
    yAxis->setTitleText(result.yTitle);
    chart->addAxis(yAxis, Qt::AlignLeft);
    const bool histogram = result.binEdges.size() == result.categories.size() + 1
        && !result.categories.isEmpty();
    QString xTitle = result.xTitle;
    if (scatter) {
        auto *x = new QValueAxis;
        x->setLabelFormat(QStringLiteral("%.0f"));
        yAxis->setLabelFormat(QStringLiteral("%.0f"));
        xAxis = x;
    } else {
        auto *x = new QBarCategoryAxis;
        x->append(histogram ? binLabels(result) : result.categories);
        // Upright labels elide to "..." when a narrow side-by-side chart has many bins.
        const qsizetype places = result.categories.size() * m_cohortCount;
        if (places > 8)
            x->setLabelsAngle(places > 16 ? -90 : -45);
        if (histogram) {
            xTitle = tr("%1 (bins of %2, each from the value shown)")
                         .arg(result.xTitle)
                         .arg(result.binEdges.at(1) - result.binEdges.at(0), 0, 'g', 6);
        }
        yAxis->setLabelFormat(QStringLiteral("%d"));
        xAxis = x;
    }
    xAxis->setTitleText(xTitle);
    chart->addAxis(xAxis, Qt::AlignBottom);

    auto *bars = scatter || monthly ? nullptr : new QBarSeries;
    QLineSeries *same = nullptr;
    for (const ChartSeriesData &series : result.series) {
        if (series.cohort != cohort)
            continue;
        const QColor colour = groupColour(int(m_groups.indexOf(groupKey(series))));
        if (bars) {
            auto *set = new QBarSet(legendName(series, m_cohortCount));
            set->setColor(colour);
            set->setBorderColor(colour.darker(130));
            for (double v : series.values)
                set->append(v);
            bars->append(set);
        } else if (monthly) {
            auto *line = new QLineSeries;
            line->setName(legendName(series, m_cohortCount));
            line->setColor(colour);
            line->setPointsVisible(true);
            for (qsizetype i = 0; i < series.values.size(); ++i)
                line->append(double(i), series.values.at(i)); // category i
            chart->addSeries(line);
            line->attachAxis(xAxis);
            line->attachAxis(yAxis);
        } else {
            auto *points = new QScatterSeries;
            points->setName(legendName(series, m_cohortCount));
            points->setColor(colour);
            points->setBorderColor(colour.darker(130));
            points->setMarkerSize(6);
            const qsizetype stride = std::max<qsizetype>(
                1, (series.points.size() + MaxScatterPoints - 1) / MaxScatterPoints);
            QList<QPointF> shown;
            for (qsizetype i = 0; i < series.points.size(); i += stride)
                shown.append(series.points.at(i));
            m_sampledOut += series.points.size() - shown.size();
            points->replace(shown);
            chart->addSeries(points);
            points->attachAxis(xAxis);
            points->attachAxis(yAxis);
        }
    }
    if (bars) {
        bars->setBarWidth(0.85);
        chart->addSeries(bars);
        bars->attachAxis(xAxis);
        bars->attachAxis(yAxis);
    }
    if (scatter) {
        // Points under this line got faster; on it nothing changed.
        same = new QLineSeries;
        same->setName(tr("no change"));
        QPen pen(m_diagonal);
        pen.setStyle(Qt::DashLine);
        same->setPen(pen);
        const double top = m_maxLatency > 0 ? m_maxLatency * 1.05 : 1;
        same->append(0, 0);
        same->append(top, top);
        chart->addSeries(same);
        same->attachAxis(xAxis);
        same->attachAxis(yAxis);
    }
    // Ranges last: attaching a series sets its axes to the series' own domain, and side-by-
    // side cohorts must share them.
    // cppcheck-suppress duplicateCondition ; kept apart: ranges only after every series
    if (scatter) {
        const double top = m_maxLatency > 0 ? m_maxLatency * 1.05 : 1;
        auto *x = static_cast<QValueAxis *>(xAxis);
        x->setRange(0, top);
        x->applyNiceNumbers();
        yAxis->setRange(x->min(), x->max());
        yAxis->setTickCount(x->tickCount());
        same->replace({QPointF(0, 0), QPointF(x->max(), x->max())});
    } else {
        yAxis->setRange(0, std::max(1.0, m_maxValue));
        yAxis->applyNiceNumbers();
    }
    return chart;
}
