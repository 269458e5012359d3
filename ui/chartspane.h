#pragma once

#include "chartresult.h"
#include "issuecause.h"
#include "neterror.h"
#include "result.h"

#include <QWidget>

class ChartControls;
class ChartDataSource;
class ConsoleSession;
class InlineMessage;
class IssueListModel;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QHBoxLayout;

class QChartView;

/// The charts pane: savings and improvement-factor histograms, the before/after P95 scatter,
/// keyword distributions (facet) and monthly series, for the session's scope, for all
/// tenants, or for two cohorts (two tenants, two date windows) drawn side by side on shared
/// bins and axes. Reading and statistics run in ChartDataSource (off the GUI thread, with
/// progress, cancel and "n of N points" while partial); this pane shows the results as Qt
/// Charts (built by ChartFigures) and exports them as PNG or CSV. Errors are shown
/// inline and, when an IssueListModel is given, in the Issues dock.
class ChartsPane final : public QWidget
{
    Q_OBJECT

public:
    explicit ChartsPane(ConsoleSession *session, IssueListModel *issues = nullptr,
                        QWidget *parent = nullptr);
    ~ChartsPane() override;

    /// Chooses the collection to chart (what the collection browser selected).
    void openCollection(const QString &collection);
    /// Reads and draws what the controls say; a chart being read is dropped first.
    void draw();
    /// Stops reading; the partial chart stays, labelled "n of N points (stopped)".
    void cancel();
    bool isRunning() const;
    /// Saves the drawn chart(s) as a PNG; the bytes written, or why not.
    Result<qint64> exportPng(const QString &path);
    /// Saves the computed series as CSV (ChartCsv); the bytes written, or why not.
    Result<qint64> exportCsv(const QString &path) const;

    ChartControls *controls() const { return m_controls; }
    ChartDataSource *dataSource() const { return m_source; }
    /// The last chart shown (partial while reading).
    const ChartResult &result() const { return m_result; }

    // What is on screen, read back from the drawn charts (tests, accessibility).
    /// The charts' titles, one per cohort.
    QStringList chartTitles() const;
    /// The legend entries of every chart, in order ("acme · success", ...).
    QStringList shownSeriesNames() const;
    /// The category axis of the first chart (bin labels, months, keyword values).
    QStringList shownCategories() const;
    /// The values drawn for a series name (bar set or line), in category order.
    QList<double> shownValues(const QString &seriesName) const;
    /// The scatter points drawn over all charts.
    qint64 shownScatterPoints() const;
    QString coverageText() const;
    QString messageText() const;
    /// True while the empty state (no chart) is shown.
    bool showsPlaceholder() const;
    QString placeholderText() const;

signals:
    /// A chart finished (complete or stopped).
    void chartFinished(const ChartResult &result);

private:
    void onProgress(const ChartResult &partial);
    void onFinished(const ChartResult &result);
    void onFailed(const NetError &error, const ChartResult &partial);
    void onScopeChanged();
    void reloadCollections();
    void reloadTenants();
    void showResult(const ChartResult &result);
    void showPlaceholder(const QString &text);
    void setRunning(bool running);
    void chooseExportFile(bool png);
    QList<QChartView *> viewsFor(int count);

    ConsoleSession *m_session;
    IssueListModel *m_issues;
    ChartControls *m_controls;
    ChartDataSource *m_source;
    InlineMessage *m_message;
    QLabel *m_title;
    QProgressBar *m_progress;
    QLabel *m_coverage;
    QPushButton *m_cancel;
    QPushButton *m_exportPng;
    QPushButton *m_exportCsv;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QWidget *m_chartArea;
    QHBoxLayout *m_chartLayout;
    QList<QChartView *> m_views;
    ChartResult m_result;
    int m_collectionsGeneration = 0;
};
