#include "chartspane.h"

#include "chartcohort.h"
#include "chartfigures.h"
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
#include <QVBoxLayout>

#include <algorithm>

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
    ChartFigures figures(result, palette().color(QPalette::Mid));
    const QList<QChartView *> views = viewsFor(figures.count());
    for (int c = 0; c < figures.count(); ++c) {
        QChart *old = views.at(c)->chart();
        views.at(c)->setChart(figures.build(c));
        delete old;
    }
    if (figures.sampledOut() > 0) {
        m_coverage->setText(result.coverageText() + QLatin1String(" · ")
                            + tr("every point is in the CSV; the chart shows at most %1 per "
                                 "series")
                                  .arg(QLocale().toString(ChartFigures::MaxScatterPoints)));
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
