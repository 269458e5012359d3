#pragma once

#include "importoptions.h"
#include "importrecord.h"

#include <QWizardPage>

class ImportWizard;
class InlineMessage;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QWidget;

/// The import wizard's last page: the run. A checkpoint left by an earlier run of the same
/// import is offered first ("Resume from line N" or "Start over"); otherwise the import starts
/// at once. Shows the progress with the rate and the time left, Pause/Resume and Cancel, the
/// rows that failed so far (the last few with line, field and reason), and at the end what
/// was written, what failed, the retries, the error report's path (open its folder, copy the
/// path) and, when the run was cancelled or failed, Resume.
class ImportRunPage final : public QWizardPage
{
    Q_OBJECT

public:
    static constexpr int ShownErrors = 5;

    explicit ImportRunPage(ImportWizard *wizard);
    ~ImportRunPage() override;

    QProgressBar *progressBar() const { return m_progress; }
    /// "1,234 of about 5,000 rows · 812 rows/s · about 5 s left".
    QLabel *rateLabel() const { return m_rate; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *cancelButton() const { return m_cancel; }
    /// Offered when a checkpoint was found, and after a cancelled or failed run.
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *startOverButton() const { return m_startOver; }
    /// "Resume from line N" (the checkpoint found) or empty.
    QLabel *checkpointLabel() const { return m_checkpoint; }
    QLabel *errorCountLabel() const { return m_errorCount; }
    QListWidget *lastErrors() const { return m_lastErrors; }
    InlineMessage *summaryMessage() const { return m_summary; }
    QLineEdit *reportPathEdit() const { return m_reportPath; }
    QPushButton *copyPathButton() const { return m_copyPath; }
    QPushButton *openFolderButton() const { return m_openFolder; }
    qint64 rowsFailed() const { return m_failed; }
    bool hasRun() const { return m_finished; }
    /// The last run's summary (valid once hasRun()).
    const ImportSummary &lastSummary() const { return m_last; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

signals:
    void runFinished(const ImportSummary &summary);

private:
    void start(bool resume);
    void togglePause();
    void onStarted(qint64 resumedFromLine);
    void onProgress(qint64 done, qint64 total, double rate, double eta);
    void onRowFailed(const ImportRowError &error);
    void onFinished(const ImportSummary &summary);
    void setRunning(bool running);
    void showPaused();

    ImportWizard *m_wizard;
    QLabel *m_checkpoint;
    QPushButton *m_resume;
    QPushButton *m_startOver;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QPushButton *m_pause;
    QPushButton *m_cancel;
    QLabel *m_errorCount;
    QListWidget *m_lastErrors;
    InlineMessage *m_summary;
    QWidget *m_reportRow;
    QLineEdit *m_reportPath;
    QPushButton *m_copyPath;
    QPushButton *m_openFolder;
    ImportOptions m_options;
    ImportSummary m_last;
    QString m_progressText; ///< "1,234 of about 5,000 rows", the latest
    qint64 m_failed = 0;
    bool m_finished = false;
    bool m_starting = false;
};
