#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>

class ConsoleSession;
class MainWindow;
class QWidget;

/// `memory-console --screenshot FILE --pane NAME`: once the console is connected to the
/// embedded store with its demo data, brings up one pane with demo content in the scope of the
/// first demo tenant (search: the cost question; charts: the savings histogram; points: the
/// cost decisions; editor: the first of them opened; import: the wizard's preview of a demo
/// file), waits until the pane has loaded, saves the window as a PNG and quits. Exit code 0
/// when saved, 1 with the reason on stderr when the pane did not load within a minute.
class PaneScreenshot final : public QObject
{
    Q_OBJECT

public:
    /// The panes --pane accepts.
    static QStringList paneNames();

    /// Neither window nor session is owned.
    PaneScreenshot(MainWindow *window, ConsoleSession *session, const QString &pane,
                   const QString &filePath, QObject *parent = nullptr);

    /// Starts once the session is open (call before or after it opened).
    void start();

private:
    void prepare();
    void showPoints(bool openFirst);
    void showSearch();
    void showCharts();
    void showImport();
    /// Polls loaded() until it holds, then saves target (a moment later, for the last paint).
    void whenLoaded(const std::function<bool()> &loaded,
                    const std::function<QWidget *()> &target);
    void save(QWidget *target);
    void fail(const QString &why);

    MainWindow *m_window;
    ConsoleSession *m_session;
    QString m_pane;
    QString m_filePath;
    QTimer m_poll;
    QTimer m_deadline;
    QTemporaryDir m_files; ///< the demo file the import wizard previews
    bool m_started = false;
};
