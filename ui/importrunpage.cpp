#include "importrunpage.h"

#include "consolesession.h"
#include "importpipeline.h"
#include "importwizard.h"
#include "inlinemessage.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace {

QString duration(double seconds)
{
    if (seconds < 60)
        return ImportRunPage::tr("%1 s").arg(qMax(1, qRound(seconds)));
    if (seconds < 3600)
        return ImportRunPage::tr("%1 min %2 s").arg(int(seconds) / 60).arg(int(seconds) % 60);
    return ImportRunPage::tr("%1 h %2 min").arg(int(seconds) / 3600).arg(int(seconds) % 3600 / 60);
}

QString errorLine(const ImportRowError &error)
{
    if (error.field.isEmpty())
        return ImportRunPage::tr("Line %1: %2").arg(error.line).arg(error.reason);
    return ImportRunPage::tr("Line %1 · %2: %3").arg(error.line).arg(error.field, error.reason);
}

} // namespace

ImportRunPage::ImportRunPage(ImportWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_checkpoint(new QLabel(this))
    , m_resume(new QPushButton(tr("&Resume"), this))
    , m_startOver(new QPushButton(tr("Start &over"), this))
    , m_progress(new QProgressBar(this))
    , m_rate(new QLabel(this))
    , m_pause(new QPushButton(tr("&Pause"), this))
    , m_cancel(new QPushButton(tr("&Cancel import"), this))
    , m_errorCount(new QLabel(this))
    , m_lastErrors(new QListWidget(this))
    , m_summary(new InlineMessage(this))
    , m_reportRow(new QWidget(this))
    , m_reportPath(new QLineEdit(m_reportRow))
    , m_copyPath(new QPushButton(tr("Cop&y path"), m_reportRow))
    , m_openFolder(new QPushButton(tr("Open &folder"), m_reportRow))
{
    setTitle(tr("Import"));
    setSubTitle(tr("Rows are written in batches; a checkpoint next to the file lets a "
                   "cancelled or interrupted import resume where it stopped."));
    m_checkpoint->setObjectName(QStringLiteral("importCheckpoint"));
    m_rate->setObjectName(QStringLiteral("importRate"));
    m_errorCount->setObjectName(QStringLiteral("importErrorCount"));
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_reportPath->setObjectName(QStringLiteral("importReportPath"));
    m_checkpoint->setWordWrap(true);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_reportPath->setReadOnly(true);
    m_lastErrors->setMaximumHeight(m_lastErrors->fontMetrics().height() * (ShownErrors + 1));
    m_lastErrors->hide();
    // The wizard's own buttons keep Enter; these are clicked or reached with Tab.
    for (QPushButton *button : {m_resume, m_startOver, m_pause, m_cancel, m_copyPath,
                                m_openFolder})
        button->setAutoDefault(false);

    auto *offer = new QHBoxLayout;
    offer->addStretch(1);
    offer->addWidget(m_resume);
    offer->addWidget(m_startOver);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_rate, 1);
    controls->addWidget(m_pause);
    controls->addWidget(m_cancel);
    auto *report = new QHBoxLayout(m_reportRow);
    report->setContentsMargins(0, 0, 0, 0);
    report->addWidget(new QLabel(tr("Error report:"), m_reportRow));
    report->addWidget(m_reportPath, 1);
    report->addWidget(m_copyPath);
    report->addWidget(m_openFolder);
    m_reportRow->hide();
    m_checkpoint->hide();
    m_resume->hide();
    m_startOver->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_checkpoint);
    layout->addLayout(offer);
    layout->addWidget(m_progress);
    layout->addLayout(controls);
    layout->addWidget(m_errorCount);
    layout->addWidget(m_lastErrors);
    layout->addWidget(m_summary);
    layout->addWidget(m_reportRow);
    layout->addStretch(1);

    ImportPipeline *pipeline = wizard->pipeline();
    connect(m_resume, &QPushButton::clicked, this, [this] { start(true); });
    connect(m_startOver, &QPushButton::clicked, this, [this] { start(false); });
    connect(m_pause, &QPushButton::clicked, this, &ImportRunPage::togglePause);
    connect(m_cancel, &QPushButton::clicked, pipeline, &ImportPipeline::cancel);
    connect(m_copyPath, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_reportPath->text());
    });
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(
            QUrl::fromLocalFile(QFileInfo(m_reportPath->text()).absolutePath()));
    });
    connect(pipeline, &ImportPipeline::started, this, &ImportRunPage::onStarted);
    connect(pipeline, &ImportPipeline::progress, this, &ImportRunPage::onProgress);
    connect(pipeline, &ImportPipeline::rowFailed, this, &ImportRunPage::onRowFailed);
    connect(pipeline, &ImportPipeline::finished, this, &ImportRunPage::onFinished);
    connect(pipeline, &ImportPipeline::stateChanged, this, [this](ImportPipeline::State state) {
        m_pause->setText(state == ImportPipeline::State::Paused ? tr("&Resume") : tr("&Pause"));
    });
    setRunning(false);
}

ImportRunPage::~ImportRunPage() = default;

void ImportRunPage::initializePage()
{
    m_options = m_wizard->options();
    m_finished = false;
    const ConsoleSession *session = m_wizard->session();
    const std::optional<ImportCheckpoint> saved = session
        ? ImportPipeline::resumableCheckpoint(m_options, session->scope())
        : std::nullopt;
    if (saved) {
        const QLocale locale;
        m_checkpoint->setText(
            tr("An earlier import of this file stopped after %1 rows: resume from line %2, "
               "or start over (rows already written are written again, not duplicated).")
                .arg(locale.toString(saved->rowsSettled), locale.toString(saved->nextLine)));
        m_resume->setText(tr("&Resume from line %1").arg(locale.toString(saved->nextLine)));
        m_checkpoint->show();
        m_resume->show();
        m_startOver->show();
        m_resume->setFocus();
        m_rate->setText(tr("Not started."));
        emit completeChanged();
        return;
    }
    start(false);
}

bool ImportRunPage::isComplete() const
{
    return m_finished && !m_wizard->pipeline()->isRunning();
}

bool ImportRunPage::validatePage()
{
    return !m_wizard->pipeline()->isRunning();
}

void ImportRunPage::start(bool resume)
{
    ConsoleSession *session = m_wizard->session();
    if (!session) {
        m_summary->showError(tr("The connection is closed."));
        return;
    }
    ImportPipeline *pipeline = m_wizard->pipeline();
    pipeline->setPoints(session->points());
    pipeline->setEmbedder(m_wizard->embedder());
    m_options.resume = resume;
    m_finished = false;
    m_failed = 0;
    m_lastErrors->clear();
    m_lastErrors->hide();
    m_errorCount->clear();
    m_summary->clearMessage();
    m_reportRow->hide();
    m_checkpoint->hide();
    m_resume->hide();
    m_startOver->hide();
    m_progress->setRange(0, 0);
    m_rate->setText(tr("Starting…"));
    m_progressText.clear();
    setRunning(true);
    emit completeChanged();
    pipeline->start(m_options);
}

void ImportRunPage::togglePause()
{
    ImportPipeline *pipeline = m_wizard->pipeline();
    if (pipeline->state() == ImportPipeline::State::Paused) {
        pipeline->resume();
        m_rate->setText(tr("Resuming…"));
    } else if (pipeline->state() == ImportPipeline::State::Running) {
        pipeline->pause();
        showPaused();
    }
}

void ImportRunPage::onStarted(qint64 resumedFromLine)
{
    if (resumedFromLine > 0)
        m_rate->setText(tr("Resuming from line %1…").arg(resumedFromLine));
}

void ImportRunPage::onProgress(qint64 done, qint64 total, double rate, double eta)
{
    const QLocale locale;
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(qMin<qint64>(1000, done * 1000 / total)));
    }
    QStringList parts;
    if (total >= 0)
        parts << tr("%1 of about %2 rows").arg(locale.toString(done), locale.toString(total));
    else
        parts << tr("%1 rows").arg(locale.toString(done));
    if (rate > 0)
        parts << tr("%1 rows/s").arg(locale.toString(qRound64(rate)));
    if (eta >= 0)
        parts << tr("about %1 left").arg(duration(eta));
    m_progressText = parts.first();
    if (m_wizard->pipeline()->state() == ImportPipeline::State::Paused)
        showPaused();
    else
        m_rate->setText(parts.join(QStringLiteral(" · ")));
}

void ImportRunPage::showPaused()
{
    m_rate->setText(m_progressText.isEmpty()
                        ? tr("Paused: the requests in flight finish, nothing new is sent.")
                        : tr("Paused at %1: the requests in flight finish, nothing new is sent.")
                              .arg(m_progressText));
}

void ImportRunPage::onRowFailed(const ImportRowError &error)
{
    ++m_failed;
    const QLocale locale;
    m_errorCount->setText(m_failed == 1
                              ? tr("1 row could not be imported (below; also in the error "
                                   "report).")
                              : tr("%1 rows could not be imported (the latest below; all in "
                                   "the error report).")
                                    .arg(locale.toString(m_failed)));
    m_lastErrors->addItem(errorLine(error));
    while (m_lastErrors->count() > ShownErrors)
        delete m_lastErrors->takeItem(0);
    m_lastErrors->show();
}

void ImportRunPage::onFinished(const ImportSummary &summary)
{
    m_last = summary;
    m_finished = true;
    setRunning(false);
    const QLocale locale;
    m_progress->setRange(0, 1000);
    if (summary.outcome == ImportSummary::Outcome::Completed)
        m_progress->setValue(1000);
    const QString failed = summary.rowsFailed == 1
        ? tr("1 row failed")
        : tr("%1 rows failed").arg(locale.toString(summary.rowsFailed));
    const QString counts
        = tr("%1 points written, %2, %3 requests (%4 retries) in %5.")
              .arg(locale.toString(summary.pointsWritten), failed,
                   locale.toString(summary.requests), locale.toString(summary.retries),
                   duration(summary.elapsedMs / 1000.0));
    const bool resumable = !summary.checkpointPath.isEmpty();
    switch (summary.outcome) {
    case ImportSummary::Outcome::Completed:
        m_rate->setText(tr("Done."));
        if (summary.rowsFailed > 0)
            m_summary->showInfo(tr("Imported with errors: %1").arg(counts));
        else
            m_summary->showSuccess(tr("Imported: %1").arg(counts));
        break;
    case ImportSummary::Outcome::StoppedOnError:
        m_rate->setText(tr("Stopped."));
        m_summary->showError(tr("Stopped at the first row that can't be imported (%1). %2")
                                 .arg(summary.error.message, counts));
        break;
    case ImportSummary::Outcome::Cancelled:
        m_rate->setText(tr("Cancelled."));
        m_summary->showInfo(tr("Cancelled: %1 %2")
                                .arg(counts, resumable ? tr("Resume goes on from where it "
                                                            "stopped.")
                                                       : QString()));
        break;
    case ImportSummary::Outcome::Failed:
        m_rate->setText(tr("Failed."));
        m_summary->showError(tr("The import failed: %1 %2 %3")
                                 .arg(summary.error.message, counts,
                                      resumable ? tr("Resume goes on from the checkpoint.")
                                                : QString()));
        break;
    }
    m_reportPath->setText(QDir::toNativeSeparators(summary.errorReportPath));
    m_reportRow->setVisible(!summary.errorReportPath.isEmpty());
    const bool offerResume = resumable
        && (summary.outcome == ImportSummary::Outcome::Cancelled
            || summary.outcome == ImportSummary::Outcome::Failed);
    m_resume->setText(tr("&Resume"));
    m_resume->setVisible(offerResume);
    emit completeChanged();
    emit runFinished(summary);
}

void ImportRunPage::setRunning(bool running)
{
    m_pause->setEnabled(running);
    m_cancel->setEnabled(running);
    m_pause->setText(tr("&Pause"));
    if (!running) {
        m_checkpoint->setVisible(m_checkpoint->isVisible() && !m_finished);
        m_startOver->setVisible(m_startOver->isVisible() && !m_finished);
    }
}
