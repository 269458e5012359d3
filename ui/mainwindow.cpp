#include "mainwindow.h"

#include "aboutdialog.h"
#include "chartspane.h"
#include "collectionbrowser.h"
#include "connectiondialog.h"
#include "connectionstatus.h"
#include "consolesession.h"
#include "editjournal.h"
#include "editjournalmodel.h"
#include "importpipeline.h"
#include "importwizard.h"
#include "issuelistmodel.h"
#include "issuesdock.h"
#include "journaldock.h"
#include "leakageauditview.h"
#include "pointcuration.h"
#include "pointspane.h"
#include "pointsmodel.h"
#include "pointsworkspace.h"
#include "payloadeditor.h"
#include "presentationdialog.h"
#include "presentationoptions.h"
#include "profilebadge.h"
#include "requestlogdock.h"
#include "requestlogmodel.h"
#include "searchpane.h"
#include "searchresultmodel.h"
#include "tenantpicker.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QKeySequence>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

MainWindow::MainWindow(ConsoleSession *session, ConnectionProfileStore *profiles,
                       SecretStore *secrets, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_requestLog(new RequestLogModel(this))
    , m_issues(new IssueListModel(this))
    , m_journal(new EditJournal(EditJournal::defaultFilePath(), this))
    , m_journalModel(new EditJournalModel(m_journal, this))
    , m_curation(new PointCuration(session, m_journal, this))
    , m_presentation(new PresentationOptions(this))
    , m_panes(new QTabWidget(this))
    , m_toolBar(addToolBar(tr("Connection")))
    , m_badge(new ProfileBadge(this))
    , m_status(new ConnectionStatus(session, this))
{
    setWindowTitle(tr("Memory Console"));
    m_panes->setObjectName(QStringLiteral("panes"));
    m_requestLog->setObjectName(QStringLiteral("requestLogModel"));
    m_panes->setDocumentMode(true);
    setCentralWidget(m_panes);

    m_toolBar->setObjectName(QStringLiteral("connectionToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->addWidget(m_badge);
    statusBar()->addPermanentWidget(m_status, 1);

    connect(session, &ConsoleSession::requestLogged, m_requestLog, &RequestLogModel::append);
    connect(m_requestLog, &RequestLogModel::lastLatencyChanged, m_status,
            &ConnectionStatus::showLatency);
    connect(session, &ConsoleSession::opening, this, &MainWindow::onOpening);
    connect(session, &ConsoleSession::openFailed, this, [this](const NetError &error) {
        m_issues->addError(error, tr("Connection · %1").arg(m_session->profile().name));
    });
    connect(m_curation, &PointCuration::failed, this,
            [this](const QString &what, const NetError &error) {
                m_issues->addError(error, what, IssueCause{{}, {}, QStringLiteral("points"), {}});
            });

    createPanes();
    createDocks();
    createActions();
    PresentationDialog::followFontScale(m_presentation);
    connect(m_presentation, &PresentationOptions::changed, this, &MainWindow::applyMasking);
    applyMasking();
    m_journalModel->reload();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        // First start: the bottom docks are a strip under the panes, not half the window.
        resizeDocks({m_issuesDock}, {170}, Qt::Vertical);
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::createPanes()
{
    m_collections = new CollectionBrowser(m_session, m_panes);
    m_collections->setObjectName(QStringLiteral("collections"));
    m_points = new PointsWorkspace(m_session, m_curation, m_secrets, m_panes);
    m_points->setObjectName(QStringLiteral("points"));
    m_search = new SearchPane(m_session, m_secrets, m_panes);
    m_search->setObjectName(QStringLiteral("search"));
    m_charts = new ChartsPane(m_session, m_issues, m_panes);
    m_charts->setObjectName(QStringLiteral("charts"));
    m_panes->addTab(m_collections, tr("&Collections"));
    m_panes->addTab(m_points, tr("&Points"));
    m_panes->addTab(m_search, tr("&Search"));
    m_panes->addTab(m_charts, tr("C&harts"));

    m_tenantPicker = new TenantPicker(m_session, m_toolBar);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_tenantPicker);

    connect(m_collections, &CollectionBrowser::collectionActivated, this,
            [this](const QString &name) {
                m_points->openCollection(name);
                m_search->setCollection(name);
                m_charts->openCollection(name);
                m_panes->setCurrentWidget(m_points);
            });
    connect(m_search, &SearchPane::openPointRequested, this,
            [this](const QString &collection, const PointId &id, const QJsonObject &payload) {
                if (m_points->pointsPane()->collection() != collection)
                    m_points->openCollection(collection);
                m_points->editPoint(collection, id, payload);
                m_panes->setCurrentWidget(m_points);
            });
    connect(m_points, &PointsWorkspace::findSimilarRequested, this,
            [this](const QString &collection, const PointId &id) {
                m_search->findSimilar(collection, id);
                m_panes->setCurrentWidget(m_search);
            });
    connect(m_search, &SearchPane::requestFailed, this,
            [this](const NetError &error, const IssueCause &cause) {
                m_issues->addError(error, tr("Search"), cause);
            });
    // Tenants live in collection names and payloads: a new or deleted collection may add or
    // remove some, so the picker discovers them again.
    connect(m_collections, &CollectionBrowser::collectionCreated, m_tenantPicker,
            &TenantPicker::refresh);
    connect(m_collections, &CollectionBrowser::collectionDeleted, m_tenantPicker,
            &TenantPicker::refresh);
    connect(m_points->pointsPane(), &PointsPane::requestFailed, this,
            [this](const NetError &error, const IssueCause &cause) {
                m_issues->addError(error, tr("Points"), cause);
            });
}

void MainWindow::createDocks()
{
    m_leakage = new LeakageAuditView(m_session, this);
    m_leakageDock = new QDockWidget(tr("Leakage audit"), this);
    m_leakageDock->setObjectName(QStringLiteral("leakageDock"));
    m_leakageDock->setWidget(m_leakage);
    addDockWidget(Qt::RightDockWidgetArea, m_leakageDock);
    m_leakageDock->hide();
    connect(m_leakage, &LeakageAuditView::jumpRequested, this,
            [this](const QString &collection, const QJsonObject &filter, bool needsAllTenants) {
                // Visible in the toolbar (amber), never silent: the tenant cannot see them.
                if (needsAllTenants && !m_session->scope().isAdmin())
                    m_session->setScope(TenantScope::allTenants());
                m_points->openCollectionFiltered(collection, filter);
                m_panes->setCurrentWidget(m_points);
            });

    m_requestLogDock = new RequestLogDock(m_requestLog, this);
    m_issuesDock = new IssuesDock(m_issues, this);
    m_journalDock = new JournalDock(m_journalModel, this);
    m_requestLogDock->setObjectName(QStringLiteral("requestLogDock"));
    m_issuesDock->setObjectName(QStringLiteral("issuesDock"));
    m_journalDock->setObjectName(QStringLiteral("journalDock"));
    addDockWidget(Qt::BottomDockWidgetArea, m_issuesDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_requestLogDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_journalDock);
    tabifyDockWidget(m_issuesDock, m_requestLogDock);
    tabifyDockWidget(m_requestLogDock, m_journalDock);
    m_issuesDock->raise();
    connect(m_issuesDock, &IssuesDock::causeActivated, this, &MainWindow::jumpTo);
    // A new error shows the Issues dock (not a modal box), once per burst.
    connect(m_issues, &IssueListModel::issueRaised, this,
            [this](IssueListModel::Severity severity, const QString &) {
                if (severity == IssueListModel::Severity::Error) {
                    m_issuesDock->show();
                    m_issuesDock->raise();
                }
            });
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connections = file->addAction(tr("&Connections…"), this,
                                           &MainWindow::showConnections);
    connections->setObjectName(QStringLiteral("connectionsAction"));
    connections->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    QAction *import = file->addAction(tr("&Import…"), this, &MainWindow::showImport);
    import->setObjectName(QStringLiteral("importAction"));
    import->setShortcut(QKeySequence(tr("Ctrl+I")));
    file->addAction(m_points->exportAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QAction *issues = m_issuesDock->toggleViewAction();
    issues->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    QAction *log = m_requestLogDock->toggleViewAction();
    log->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    QAction *journal = m_journalDock->toggleViewAction();
    journal->setShortcut(QKeySequence(tr("Ctrl+Shift+J")));
    QAction *leakage = m_leakageDock->toggleViewAction();
    leakage->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    view->addActions({issues, log, journal, leakage});
    view->addSeparator();
    QAction *presentation = view->addAction(tr("&Presentation options…"), this,
                                            &MainWindow::showPresentationOptions);
    presentation->setObjectName(QStringLiteral("presentationAction"));
    view->addSeparator();
    for (int i = 0; i < m_panes->count(); ++i) {
        QAction *pane = view->addAction(m_panes->tabText(i).remove(QLatin1Char('&')));
        pane->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(pane, &QAction::triggered, this, [this, i] { m_panes->setCurrentIndex(i); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Memory Console"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::showProfile()
{
    m_badge->setProfile(m_session->profile());
    setWindowTitle(tr("%1 — Memory Console").arg(m_session->profile().name));
}

void MainWindow::showConnectionError(const QString &message)
{
    m_status->showUnreachable(message);
    NetError error;
    error.kind = NetError::Kind::Network;
    error.message = message;
    m_issues->addError(error, tr("Connection"));
}

void MainWindow::showConnections()
{
    auto *dialog = new ConnectionDialog(m_profiles, m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEmbeddedServerUrl(m_embeddedUrl);
    dialog->selectProfile(m_session->profile().id);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        ConnectionProfile profile = dialog->chosenProfile();
        if (profile.embedded)
            profile.url = m_embeddedUrl;
        m_session->open(profile, dialog->chosenApiKey());
        QSettings().setValue(QStringLiteral("connection/lastProfile"), profile.id.toString());
    });
    dialog->open();
}

void MainWindow::onOpening(const ConnectionProfile &profile)
{
    // memory-store keeps snapshots under its data folder; Qdrant's container image under
    // /qdrant/snapshots (its snapshots_path default).
    m_collections->setServerSnapshotFolder(profile.embedded && !m_embeddedSnapshots.isEmpty()
                                               ? m_embeddedSnapshots
                                               : QStringLiteral("/qdrant/snapshots"));
    showProfile();
}

void MainWindow::jumpTo(const IssueCause &cause)
{
    for (int i = 0; i < m_panes->count(); ++i) {
        if (m_panes->widget(i)->objectName() == cause.pane)
            m_panes->setCurrentIndex(i);
    }
}

void MainWindow::showImport()
{
    if (m_importWizard) {
        m_importWizard->raise();
        m_importWizard->activateWindow();
        return;
    }
    m_importWizard = new ImportWizard(m_session, m_secrets, m_points->pointsPane()->collection(),
                                      this);
    m_importWizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_importWizard, &QObject::destroyed, this, [this] { m_importWizard = nullptr; });
    // Its collections, mapping and preview belong to the scope it was opened in; a run that
    // has started keeps the scope it started with.
    connect(m_session, &ConsoleSession::scopeChanged, m_importWizard, [this] {
        if (!m_importWizard->pipeline()->isRunning())
            m_importWizard->close();
    });
    connect(m_importWizard, &ImportWizard::importFinished, this,
            [this](const QString &collection, const ImportSummary &summary) {
                if (m_points->pointsPane()->collection() == collection)
                    m_points->pointsPane()->reload();
                m_tenantPicker->refresh(); // imported rows may bring new tenants
                if (summary.pointsWritten > 0)
                    m_search->rerunGoldenQueriesAfterImport(collection);
            });
    m_importWizard->show();
}

void MainWindow::showPresentationOptions()
{
    auto *dialog = new PresentationDialog(m_presentation, m_points->pointsPane()->knownKeys(),
                                          this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::applyMasking()
{
    const QStringList fields = m_presentation->maskedFields();
    m_points->pointsPane()->model()->setMaskedFields(fields);
    m_search->resultModel()->setMaskedFields(fields);
    m_points->editor()->setMaskedFields(fields);
}

void MainWindow::showAbout()
{
    auto *dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}
