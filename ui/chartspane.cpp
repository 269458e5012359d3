#include "chartspane.h"

#include "chartcohort.h"
#include "chartcontrols.h"
#include "chartexport.h"
#include "chartdatasource.h"
#include "chartsamples.h"
#include "consolesession.h"
#include "inlinemessage.h"
#include "issuelistmodel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QStackedWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// A scatter of 100,000 markers takes seconds to paint; each series shows at most this many
// (every k-th point, said under the chart); the CSV keeps them all.
constexpr int kMaxScatterPoints = 2500;

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

ChartsPane::ChartsPane(ConsoleSession *session, IssueListModel *issues, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_issues(issues)
    , m_controls(new ChartControls(this))
    , m_source(new ChartDataSource(this))
    , m_message(new InlineMessage(this))
    , m_title(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_coverage(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_exportPng(new QPushButton(tr("Export PNG…"), this))
    , m_exportCsv(new QPushButton(tr("Export CSV…"), this))
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_chartArea(new QWidget(this))
    , m_chartLayout(new QHBoxLayout(m_chartArea))
{
    m_cancel->setObjectName(QStringLiteral("chartCancel"));
    m_exportPng->setObjectName(QStringLiteral("chartExportPng"));
    m_exportCsv->setObjectName(QStringLiteral("chartExportCsv"));
    m_coverage->setObjectName(QStringLiteral("chartCoverage"));
    m_title->setObjectName(QStringLiteral("chartTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    m_progress->hide();
    m_cancel->setEnabled(false);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_chartLayout->setContentsMargins(0, 0, 0, 0);
    m_chartLayout->setSpacing(4);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_chartArea);

    auto *status = new QHBoxLayout;
    status->addWidget(m_title);
    status->addStretch();
    status->addWidget(m_coverage);
    status->addWidget(m_progress, 1);
    status->addWidget(m_cancel);
    status->addWidget(m_exportPng);
    status->addWidget(m_exportCsv);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_controls);
    layout->addWidget(m_message);
    layout->addLayout(status);
    layout->addWidget(m_stack, 1);

    connect(m_controls, &ChartControls::drawRequested, this, &ChartsPane::draw);
    connect(m_controls, &ChartControls::collectionChosen, this, &ChartsPane::reloadTenants);
    connect(m_cancel, &QPushButton::clicked, this, &ChartsPane::cancel);
    connect(m_exportPng, &QPushButton::clicked, this, [this] { chooseExportFile(true); });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { chooseExportFile(false); });
    connect(m_source, &ChartDataSource::progress, this, &ChartsPane::onProgress);
    connect(m_source, &ChartDataSource::finished, this, &ChartsPane::onFinished);
    connect(m_source, &ChartDataSource::failed, this, &ChartsPane::onFailed);
    connect(m_session, &ConsoleSession::scopeChanged, this, &ChartsPane::onScopeChanged);
    connect(m_session, &ConsoleSession::opened, this, &ChartsPane::onScopeChanged);
    showPlaceholder(tr("Choose a collection and a chart, then Draw."));
    setRunning(false);
    onScopeChanged();
}

ChartsPane::~ChartsPane() = default;

void ChartsPane::openCollection(const QString &collection)
{
    m_controls->setCollection(collection);
}

bool ChartsPane::isRunning() const
{
    return m_source->isRunning();
}

void ChartsPane::onScopeChanged()
{
    // What was drawn belongs to the old scope: it goes, as the other panes' views do.
    m_source->reset();
    m_message->clearMessage();
    m_result = ChartResult();
    m_coverage->clear();
    m_title->clear();
    setRunning(false);
    showPlaceholder(tr("Choose a collection and a chart, then Draw."));
    m_controls->setCurrentScopeText(m_session->scope().badgeText());
    reloadCollections();
}

void ChartsPane::reloadCollections()
{
    if (m_session->state() != ConsoleSession::State::Open)
        return;
    const int generation = ++m_collectionsGeneration;
    m_session->admin().listCollections(this, [this, generation](const Result<QStringList> &names) {
        if (generation == m_collectionsGeneration && names.ok()) {
            QStringList sorted = names.value();
            sorted.sort();
            m_controls->setCollections(sorted);
            reloadTenants();
        }
    });
}

void ChartsPane::reloadTenants()
{
    // Only an admin session may compare tenants, so only it lists them.
    const QString key = m_session->profile().tenantPayloadKey;
    const QString collection = m_controls->collection();
    if (!m_session->scope().isAdmin() || key.isEmpty() || collection.isEmpty())
        return;
    FacetRequest request;
    request.key = key;
    request.limit = 200;
    m_session->points().facet(collection, request, this,
                              [this, collection](const Result<QList<FacetHit>> &hits) {
                                  if (!hits.ok() || collection != m_controls->collection())
                                      return; // no index: the tenants are typed in
                                  QStringList tenants;
                                  for (const FacetHit &hit : hits.value())
                                      tenants.append(ChartSamples::groupOf(hit.value));
                                  tenants.sort();
                                  m_controls->setTenants(tenants);
                              });
}

void ChartsPane::draw()
{
    m_message->clearMessage();
    const QString collection = m_controls->collection();
    if (collection.isEmpty()) {
        m_message->showError(tr("Choose a collection to chart."));
        return;
    }
    const ChartSpec spec = m_controls->spec();
    if (spec.effectiveValueKey().isEmpty()) {
        m_message->showError(tr("Name the keyword field to count."));
        return;
    }
    QList<ChartCohort> cohorts;
    const auto add = [&cohorts, this](const Result<ChartCohort> &cohort) {
        if (!cohort) {
            m_message->showError(cohort.error().message);
            return false;
        }
        cohorts.append(cohort.value());
        return true;
    };
    switch (m_controls->scopeChoice()) {
    case ChartControls::ScopeChoice::Current:
        if (!add(ChartCohort::current(*m_session, collection)))
            return;
        break;
    case ChartControls::ScopeChoice::AllTenants:
        if (!add(ChartCohort::allTenants(*m_session, collection)))
            return;
        cohorts.first().label.clear();
        break;
    case ChartControls::ScopeChoice::TwoTenants: {
        const QString a = m_controls->tenantA();
        const QString b = m_controls->tenantB();
        if (a.isEmpty() || b.isEmpty() || a == b) {
            m_message->showError(tr("Name two different tenants to compare."));
            return;
        }
        if (!add(ChartCohort::tenant(*m_session, collection, a))
            || !add(ChartCohort::tenant(*m_session, collection, b)))
            return;
        break;
    }
    case ChartControls::ScopeChoice::TwoWindows: {
        const Result<ChartCohort> base = ChartCohort::current(*m_session, collection);
        if (!base) {
            m_message->showError(base.error().message);
            return;
        }
        if (m_controls->windowAFrom() > m_controls->windowATo()
            || m_controls->windowBFrom() > m_controls->windowBTo()) {
            m_message->showError(tr("A date window ends before it starts."));
            return;
        }
        const QString dateKey = spec.kind == ChartSpec::Kind::MonthlySeries
            ? spec.effectiveValueKey()
            : QStringLiteral("execution_date");
        cohorts.append(base.value().window(m_controls->windowAFrom(), m_controls->windowATo(),
                                           dateKey));
        cohorts.append(base.value().window(m_controls->windowBFrom(), m_controls->windowBTo(),
                                           dateKey));
        break;
    }
    }
    m_result = ChartResult();
    m_title->setText(spec.title());
    m_coverage->setText(tr("Counting…"));
    showPlaceholder(tr("Reading points…"));
    setRunning(true);
    m_source->start(spec, cohorts);
}

void ChartsPane::cancel()
{
    m_source->cancel();
}

void ChartsPane::setRunning(bool running)
{
    m_controls->setRunning(running);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    const bool drawn = !m_result.series.isEmpty();
    m_exportPng->setEnabled(!running && drawn);
    m_exportCsv->setEnabled(!running && drawn);
}

void ChartsPane::onProgress(const ChartResult &partial)
{
    const qint64 total = partial.pointsTotal();
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::min<qint64>(1000, partial.pointsRead() * 1000 / total)));
    } else {
        m_progress->setRange(0, 0);
    }
    showResult(partial);
}

void ChartsPane::onFinished(const ChartResult &result)
{
    showResult(result);
    setRunning(false);
    emit chartFinished(result);
}

void ChartsPane::onFailed(const NetError &error, const ChartResult &partial)
{
    if (!m_controls->collection().isEmpty() && error.kind != NetError::Kind::Cancelled) {
        QString text = error.message;
        if (text.contains(QStringLiteral("Index required")))
            text += QLatin1Char(' ')
                + tr("A keyword distribution counts through the facet API, which needs a "
                     "keyword index on the field: create one under the collection's Indexes.");
        m_message->showError(text);
        if (m_issues) {
            NetError shown = error;
            shown.message = text;
            m_issues->addError(shown, tr("Charts · %1").arg(m_controls->collection()));
        }
    }
    if (!partial.series.isEmpty())
        showResult(partial);
    else
        showPlaceholder(tr("No chart: the points could not be read."));
    m_coverage->setText(partial.cohorts.isEmpty() ? QString() : partial.coverageText());
    setRunning(false);
}

void ChartsPane::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

QList<QChartView *> ChartsPane::viewsFor(int count)
{
    while (m_views.size() > count)
        delete m_views.takeLast();
    while (m_views.size() < count) {
        auto *view = new QChartView(m_chartArea);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(320, 240);
        m_chartLayout->addWidget(view);
        m_views.append(view);
    }
    return m_views;
}

void ChartsPane::showResult(const ChartResult &result)
{
    m_result = result;
    m_coverage->setText(result.coverageText());
    if (result.isEmpty()) {
        const ChartSpec &spec = result.spec;
        showPlaceholder(result.isPartial() && !result.cancelled
                            ? tr("Reading points…")
                            : tr("No points in this scope have a usable %1 (%2).")
                                  .arg(spec.effectiveValueKey(), result.coverageText()));
        return;
    }
    const ChartSpec &spec = result.spec;
    const bool scatter = spec.kind == ChartSpec::Kind::LatencyScatter;
    const bool monthly = spec.kind == ChartSpec::Kind::MonthlySeries;
    const int cohortCount = std::max<int>(1, int(result.cohorts.size()));
    const QList<QChartView *> views = viewsFor(cohortCount);

    // Shared scales, so side-by-side cohorts read against the same axes.
    QStringList groups;
    double maxValue = 0;
    double maxLatency = 0;
    for (const ChartSeriesData &series : result.series) {
        if (!groups.contains(groupKey(series)))
            groups.append(groupKey(series));
        for (double v : series.values)
            maxValue = std::max(maxValue, v);
        for (const QPointF &p : series.points)
            maxLatency = std::max({maxLatency, p.x(), p.y()});
    }
    qint64 sampledOut = 0;
    for (int c = 0; c < cohortCount; ++c) {
        const QString cohort = result.cohorts.value(c).label;
        auto *chart = new QChart;
        chart->setTitle(cohortCount > 1 ? cohort : spec.title());
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
            const qsizetype places = result.categories.size() * cohortCount;
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
            const QColor colour = groupColour(int(groups.indexOf(groupKey(series))));
            if (bars) {
                auto *set = new QBarSet(legendName(series, cohortCount));
                set->setColor(colour);
                set->setBorderColor(colour.darker(130));
                for (double v : series.values)
                    set->append(v);
                bars->append(set);
            } else if (monthly) {
                auto *line = new QLineSeries;
                line->setName(legendName(series, cohortCount));
                line->setColor(colour);
                line->setPointsVisible(true);
                for (qsizetype i = 0; i < series.values.size(); ++i)
                    line->append(double(i), series.values.at(i)); // category i
                chart->addSeries(line);
                line->attachAxis(xAxis);
                line->attachAxis(yAxis);
            } else {
                auto *points = new QScatterSeries;
                points->setName(legendName(series, cohortCount));
                points->setColor(colour);
                points->setBorderColor(colour.darker(130));
                points->setMarkerSize(6);
                const qsizetype stride = std::max<qsizetype>(
                    1, (series.points.size() + kMaxScatterPoints - 1) / kMaxScatterPoints);
                QList<QPointF> shown;
                for (qsizetype i = 0; i < series.points.size(); i += stride)
                    shown.append(series.points.at(i));
                sampledOut += series.points.size() - shown.size();
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
            QPen pen(palette().color(QPalette::Mid));
            pen.setStyle(Qt::DashLine);
            same->setPen(pen);
            const double top = maxLatency > 0 ? maxLatency * 1.05 : 1;
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
            const double top = maxLatency > 0 ? maxLatency * 1.05 : 1;
            auto *x = static_cast<QValueAxis *>(xAxis);
            x->setRange(0, top);
            x->applyNiceNumbers();
            yAxis->setRange(x->min(), x->max());
            yAxis->setTickCount(x->tickCount());
            same->replace({QPointF(0, 0), QPointF(x->max(), x->max())});
        } else {
            yAxis->setRange(0, std::max(1.0, maxValue));
            yAxis->applyNiceNumbers();
        }
        QChart *old = views.at(c)->chart();
        views.at(c)->setChart(chart);
        delete old;
    }
    if (sampledOut > 0) {
        m_coverage->setText(result.coverageText() + QLatin1String(" · ")
                            + tr("every point is in the CSV; the chart shows at most %1 per "
                                 "series")
                                  .arg(QLocale().toString(kMaxScatterPoints)));
    }
    m_stack->setCurrentWidget(m_chartArea);
}

void ChartsPane::chooseExportFile(bool png)
{
    const QString suggested = m_controls->collection() + QLatin1Char('-')
        + m_result.spec.effectiveValueKey() + (png ? QStringLiteral(".png")
                                                   : QStringLiteral(".csv"));
    ChartExport::chooseFile(this, png, suggested, [this, png](const QString &path) {
        const Result<qint64> written = png ? exportPng(path) : exportCsv(path);
        if (written)
            m_message->showSuccess(tr("Saved %1.").arg(path));
        else
            m_message->showError(written.error().message);
    });
}

Result<qint64> ChartsPane::exportPng(const QString &path)
{
    return ChartExport::png(m_stack->currentWidget() == m_chartArea ? m_chartArea : nullptr,
                            path);
}

Result<qint64> ChartsPane::exportCsv(const QString &path) const
{
    return ChartExport::csv(m_result, path);
}

QStringList ChartsPane::chartTitles() const
{
    QStringList titles;
    if (m_stack->currentWidget() == m_chartArea) {
        for (QChartView *view : m_views)
            titles.append(view->chart()->title());
    }
    return titles;
}

QStringList ChartsPane::shownSeriesNames() const
{
    QStringList names;
    if (m_stack->currentWidget() != m_chartArea)
        return names;
    for (QChartView *view : m_views) {
        for (QLegendMarker *marker : view->chart()->legend()->markers()) {
            if (marker->isVisible())
                names.append(marker->label());
        }
    }
    return names;
}

QStringList ChartsPane::shownCategories() const
{
    if (m_views.isEmpty() || m_stack->currentWidget() != m_chartArea)
        return {};
    for (QAbstractAxis *axis : m_views.first()->chart()->axes(Qt::Horizontal)) {
        if (auto *categories = qobject_cast<QBarCategoryAxis *>(axis))
            return categories->categories();
    }
    return {};
}

QList<double> ChartsPane::shownValues(const QString &seriesName) const
{
    QList<double> values;
    for (QChartView *view : m_views) {
        for (QAbstractSeries *series : view->chart()->series()) {
            if (auto *bars = qobject_cast<QBarSeries *>(series)) {
                for (QBarSet *set : bars->barSets()) {
                    if (set->label() == seriesName) {
                        for (int i = 0; i < set->count(); ++i)
                            values.append(set->at(i));
                    }
                }
            } else if (auto *line = qobject_cast<QLineSeries *>(series);
                       line && line->name() == seriesName) {
                for (const QPointF &p : line->points())
                    values.append(p.y());
            }
        }
    }
    return values;
}

qint64 ChartsPane::shownScatterPoints() const
{
    qint64 count = 0;
    for (QChartView *view : m_views) {
        for (QAbstractSeries *series : view->chart()->series()) {
            if (auto *points = qobject_cast<QScatterSeries *>(series))
                count += points->count();
        }
    }
    return count;
}

QString ChartsPane::coverageText() const
{
    return m_coverage->text();
}

QString ChartsPane::messageText() const
{
    return m_message->text();
}

bool ChartsPane::showsPlaceholder() const
{
    return m_stack->currentWidget() == m_placeholder;
}

QString ChartsPane::placeholderText() const
{
    return m_placeholder->text();
}
