#pragma once

#include "chartcohort.h"
#include "chartresult.h"
#include "chartspec.h"
#include "outcomestatistics.h"

#include <QElapsedTimer>
#include <QObject>

/// Reads what a chart needs and computes it off the GUI thread. For the point-based kinds it
/// counts each cohort (the N of "n of N points") and streams scroll pages of only the spec's
/// payload fields (no vectors) through the cohort's ScopedPoints, the next page asked for
/// before the last one is reduced; each page is reduced to ChartSamples on the thread pool
/// and the chart rebuilt there at most ten times a second (progress()) and once at the end
/// (finished()). A keyword distribution is the facet of the key in each cohort (exact
/// counts). cancel() stops the requests and finishes with the partial chart, labelled so.
class ChartDataSource final : public QObject
{
    Q_OBJECT

public:
    explicit ChartDataSource(QObject *parent = nullptr);
    ~ChartDataSource() override;

    /// Points per scroll page (default 2,000).
    void setPageSize(int points) { m_pageSize = qMax(1, points); }
    int pageSize() const { return m_pageSize; }
    /// Least time between two partial charts (default 100 ms: at most ten a second).
    void setProgressIntervalMs(int ms) { m_progressIntervalMs = qMax(0, ms); }

    /// Computes spec over the cohorts (one, or two side by side); a run still going is
    /// dropped first.
    void start(const ChartSpec &spec, const QList<ChartCohort> &cohorts);
    /// Stops reading; finished() follows with what was read so far (cancelled set).
    void cancel();
    /// Drops the run without a word (the scope changed: its chart no longer applies).
    void reset();
    bool isRunning() const { return m_running; }
    /// The last chart reported (partial while running).
    const ChartResult &result() const { return m_result; }

signals:
    /// A partial chart while reading (at most ten a second).
    void progress(const ChartResult &partial);
    /// The chart, complete, or partial after cancel().
    void finished(const ChartResult &result);
    /// A request failed; partial holds what was read before.
    void failed(const NetError &error, const ChartResult &partial);

private:
    struct CohortRun
    {
        ChartCohort cohort;
        OutcomeStatistics::Cohort data;
        QList<FacetHit> hits;
        QdrantCallHandle scrollCall;
        QdrantCallHandle countCall;
        bool counted = false;
        bool scrolled = false;
    };

    void startPoints(int index);
    void requestPage(int index, const PointId &offset);
    void startFacet(int index);
    void onPageReduced(int generation, int index, const ChartSamples &samples);
    void maybeFinish();
    void rebuild(bool final);
    void fail(const NetError &error);
    void stopCalls();
    QList<OutcomeStatistics::Cohort> snapshot() const;

    ChartSpec m_spec;
    QList<CohortRun> m_runs;
    int m_pageSize = 2000;
    int m_progressIntervalMs = 100;
    int m_generation = 0;
    int m_pagesReducing = 0;
    bool m_running = false;
    bool m_building = false;   ///< a progress build is on the thread pool
    bool m_cancelled = false;
    QElapsedTimer m_sinceProgress;
    ChartResult m_result;
};
