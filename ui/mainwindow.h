#pragma once

#include <QMainWindow>
#include <QUrl>

class QLabel;
class ServerProbe;
struct ServerInfo;

/// The console's main window. It only arranges panes, docks and actions; the panes come with
/// the console issues. Today: the connection it is on, in the status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Shows which server the console talks to and asks it for its version.
    void connectTo(const QUrl &serverUrl, const QString &label);

    /// Shows why there is no connection (e.g. the embedded store did not start).
    void showConnectionError(const QString &label, const QString &message);

    QString connectionText() const;

    /// Help → About: version, Qt version, third-party licenses.
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showServer(const ServerInfo &info);
    void showServerError(const QString &message);

    QUrl m_serverUrl;
    QString m_serverLabel;
    QLabel *m_connectionLabel;
    QLabel *m_welcome;
    ServerProbe *m_probe;
};
