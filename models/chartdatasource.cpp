#include "chartdatasource.h"

#include "runpooled.h"

ChartDataSource::ChartDataSource(QObject *parent)
    : QObject(parent)
{ }

ChartDataSource::~ChartDataSource()
{
    stopCalls();
}

void ChartDataSource::stopCalls()
{
    for (CohortRun &run : m_runs) {
        run.scrollCall.cancel();
        run.countCall.cancel();
    }
}

void ChartDataSource::start(const ChartSpec &spec, const QList<ChartCohort> &cohorts)
{
    stopCalls();
    ++m_generation;
    m_spec = spec;
    m_runs.clear();
    m_pagesReducing = 0;
    m_building = false;
    m_cancelled = false;
    m_running = true;
    m_sinceProgress.start();
    for (const ChartCohort &cohort : cohorts) {
        CohortRun run;
        run.cohort = cohort;
        run.data.status.label = cohort.label;
        m_runs.append(run);
    }
    m_result = ChartResult();
    m_result.spec = spec;
    if (m_runs.isEmpty()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("Nothing to chart: no cohort was given.");
        fail(error);
        return;
    }
    for (int i = 0; i < m_runs.size(); ++i) {
        const int generation = m_generation;
        CountRequest count;
        count.filter = m_runs.at(i).cohort.filter;
        count.exact = true;
        m_runs[i].countCall = m_runs.at(i).cohort.points.count(
            m_runs.at(i).cohort.collection, count, this,
            [this, generation, i](const Result<qint64> &total) {
                if (generation != m_generation)
                    return;
                if (!total.ok()) {
                    fail(total.error());
                    return;
                }
                m_runs[i].data.status.total = total.value();
                m_runs[i].counted = true;
                maybeFinish();
            });
        if (m_spec.needsPoints())
            requestPage(i, PointId());
        else
            startFacet(i);
    }
}

void ChartDataSource::requestPage(int index, const PointId &offset)
{
    const ChartCohort &cohort = m_runs.at(index).cohort;
    ScrollRequest request;
    request.filter = cohort.filter;
    request.limit = m_pageSize;
    request.offset = offset;
    request.withPayload = PayloadSelector::include(m_spec.payloadFields());
    request.withVector = VectorSelector::none();
    const int generation = m_generation;
    m_runs[index].scrollCall = cohort.points.scroll(
        cohort.collection, request, this,
        [this, generation, index](const Result<ScrollPage> &page) {
            if (generation != m_generation)
                return;
            if (!page.ok()) {
                fail(page.error());
                return;
            }
            // The next page is on its way while this one is reduced on the thread pool.
            if (page.value().nextOffset.isNull())
                m_runs[index].scrolled = true;
            else
                requestPage(index, page.value().nextOffset);
            ++m_pagesReducing;
            runPooled(
                this,
                [records = page.value().points, spec = m_spec] {
                    return ChartSamples::fromRecords(records, spec);
                },
                [this, generation, index](const ChartSamples &samples) {
                    onPageReduced(generation, index, samples);
                });
        });
}

void ChartDataSource::startFacet(int index)
{
    const ChartCohort &cohort = m_runs.at(index).cohort;
    FacetRequest request;
    request.key = m_spec.effectiveValueKey();
    request.limit = m_spec.facetLimit;
    request.filter = cohort.filter;
    request.exact = true;
    const int generation = m_generation;
    m_runs[index].scrollCall = cohort.points.facet(
        cohort.collection, request, this,
        [this, generation, index](const Result<QList<FacetHit>> &hits) {
            if (generation != m_generation)
                return;
            if (!hits.ok()) {
                fail(hits.error());
                return;
            }
            m_runs[index].hits = hits.value();
            m_runs[index].scrolled = true;
            maybeFinish();
        });
}

void ChartDataSource::onPageReduced(int generation, int index, const ChartSamples &samples)
{
    if (generation != m_generation)
        return;
    --m_pagesReducing;
    OutcomeStatistics::Cohort &data = m_runs[index].data;
    data.samples.merge(samples);
    data.status.read = data.samples.read;
    data.status.skipped = data.samples.skipped;
    if (!m_building && m_sinceProgress.elapsed() >= m_progressIntervalMs)
        rebuild(false);
    maybeFinish();
}

void ChartDataSource::maybeFinish()
{
    if (!m_running || m_pagesReducing > 0)
        return;
    for (const CohortRun &run : m_runs) {
        if (!run.counted || !run.scrolled)
            return;
    }
    rebuild(true);
}

QList<OutcomeStatistics::Cohort> ChartDataSource::snapshot() const
{
    QList<OutcomeStatistics::Cohort> cohorts;
    for (const CohortRun &run : m_runs)
        cohorts.append(run.data);
    return cohorts;
}

void ChartDataSource::rebuild(bool final)
{
    const int generation = m_generation;
    if (!m_spec.needsPoints()) {
        // A distribution is a few facet hits: nothing worth a thread.
        QList<OutcomeStatistics::FacetCohort> cohorts;
        for (const CohortRun &run : m_runs) {
            OutcomeStatistics::FacetCohort cohort{run.data.status, run.hits};
            if (run.scrolled && run.counted)
                cohort.status.read = cohort.status.total;
            cohorts.append(cohort);
        }
        m_result = OutcomeStatistics::buildDistribution(m_spec, cohorts);
        m_result.cancelled = m_cancelled;
        if (final) {
            m_running = false;
            emit finished(m_result);
        }
        return;
    }
    if (final) {
        // Further pages are no longer awaited; the chart is built once more from all of them.
        ++m_generation;
    } else {
        m_building = true;
        m_sinceProgress.start();
    }
    const int buildGeneration = m_generation;
    const bool cancelled = m_cancelled;
    runPooled(this, [spec = m_spec, cohorts = snapshot()] {
        return OutcomeStatistics::build(spec, cohorts);
    }, [this, final, generation, buildGeneration, cancelled](ChartResult result) {
        if (!final) {
            if (generation == m_generation)
                m_building = false;
            if (generation != m_generation || !m_running)
                return;
            m_result = result;
            emit progress(m_result);
            return;
        }
        if (buildGeneration != m_generation)
            return; // a new run started meanwhile
        result.cancelled = cancelled;
        m_result = result;
        m_running = false;
        emit finished(m_result);
    });
}

void ChartDataSource::cancel()
{
    if (!m_running)
        return;
    stopCalls();
    m_cancelled = true;
    m_pagesReducing = 0;
    rebuild(true);
}

void ChartDataSource::reset()
{
    stopCalls();
    ++m_generation;
    m_running = false;
    m_runs.clear();
    m_result = ChartResult();
}

void ChartDataSource::fail(const NetError &error)
{
    stopCalls();
    ++m_generation;
    m_running = false;
    m_result.spec = m_spec;
    m_result.cohorts.clear();
    for (const CohortRun &run : m_runs)
        m_result.cohorts.append(run.data.status);
    emit failed(error, m_result);
}
