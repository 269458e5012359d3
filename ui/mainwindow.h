#pragma once

#include <QMainWindow>
#include <QUrl>

class ConnectionProfileStore;
class ConnectionStatus;
class ConsoleSession;
class EditJournal;
class EditJournalModel;
class IssueListModel;
class IssuesDock;
class JournalDock;
class ChartsPane;
class CollectionBrowser;
class ImportWizard;
class LeakageAuditView;
class PointCuration;
class PointsWorkspace;
class PresentationOptions;
class TenantPicker;
class ProfileBadge;
class QDockWidget;
class QTabWidget;
class QToolBar;
class RequestLogDock;
class RequestLogModel;
class SearchPane;
class SecretStore;
struct ConnectionProfile;
struct IssueCause;

/// The console's main window. It only arranges the panes, docks and actions and passes the
/// session to them; the work is done in the panes and in models/.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    /// Neither store nor the session is owned; all must outlive the window.
    MainWindow(ConsoleSession *session, ConnectionProfileStore *profiles, SecretStore *secrets,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Where the embedded memory-store listens (for its profile in the connection dialog).
    void setEmbeddedServerUrl(const QUrl &url) { m_embeddedUrl = url; }
    /// Where the embedded memory-store keeps its snapshots (for restore on that profile).
    void setEmbeddedSnapshotFolder(const QString &folder) { m_embeddedSnapshots = folder; }
    /// Shows why there is no connection (e.g. the embedded store did not start).
    void showConnectionError(const QString &message);

    ConnectionStatus *connectionStatus() const { return m_status; }
    IssueListModel *issues() const { return m_issues; }
    PointCuration *curation() const { return m_curation; }
    QTabWidget *panes() const { return m_panes; }
    PointsWorkspace *pointsWorkspace() const { return m_points; }
    SearchPane *searchPane() const { return m_search; }
    ChartsPane *chartsPane() const { return m_charts; }
    /// The import wizard while it is open.
    ImportWizard *importWizard() const { return m_importWizard; }

    /// File → Connections…: profiles, test, connect.
    void showConnections();
    /// Help → About: version, Qt version, third-party licenses.
    void showAbout();
    /// File → Import… (Ctrl+I): the import wizard, into the collection shown in Points.
    void showImport();
    /// View → Presentation options…: font scale and masked payload fields for demos.
    void showPresentationOptions();
    PresentationOptions *presentation() const { return m_presentation; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createPanes();
    void createDocks();
    void createActions();
    void jumpTo(const IssueCause &cause);
    /// Hands the masked payload fields to every model that shows payload values.
    void applyMasking();
    void showProfile();
    /// A profile is being opened: tell the panes what depends on which server it is.
    void onOpening(const ConnectionProfile &profile);

    ConsoleSession *m_session;
    ConnectionProfileStore *m_profiles;
    SecretStore *m_secrets;
    QUrl m_embeddedUrl;
    QString m_embeddedSnapshots;

    RequestLogModel *m_requestLog;
    IssueListModel *m_issues;
    EditJournal *m_journal;
    EditJournalModel *m_journalModel;
    PointCuration *m_curation;
    PresentationOptions *m_presentation;

    QTabWidget *m_panes;
    CollectionBrowser *m_collections = nullptr;
    PointsWorkspace *m_points = nullptr;
    SearchPane *m_search = nullptr;
    ChartsPane *m_charts = nullptr;
    ImportWizard *m_importWizard = nullptr; ///< while open (deletes itself on close)
    TenantPicker *m_tenantPicker = nullptr;
    LeakageAuditView *m_leakage = nullptr;
    QToolBar *m_toolBar;
    ProfileBadge *m_badge;
    ConnectionStatus *m_status;
    RequestLogDock *m_requestLogDock = nullptr;
    IssuesDock *m_issuesDock = nullptr;
    JournalDock *m_journalDock = nullptr;
    QDockWidget *m_leakageDock = nullptr;
};
