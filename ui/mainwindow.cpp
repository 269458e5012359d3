#include "mainwindow.h"

#include "aboutdialog.h"
#include "serverprobe.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_connectionLabel(new QLabel(this))
    , m_welcome(new QLabel(this))
    , m_probe(new ServerProbe(this))
{
    setWindowTitle(tr("Memory Console"));
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setWordWrap(true);
    m_welcome->setText(tr("Memory Console\n\nBrowse, curate and search the long-term memory "
                          "AI agents keep in Qdrant."));
    setCentralWidget(m_welcome);
    statusBar()->addPermanentWidget(m_connectionLabel);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Memory Console"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);

    connect(m_probe, &ServerProbe::identified, this, &MainWindow::showServer);
    connect(m_probe, &ServerProbe::failed, this, &MainWindow::showServerError);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 720);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::connectTo(const QUrl &serverUrl, const QString &label)
{
    m_serverUrl = serverUrl;
    m_serverLabel = label;
    m_connectionLabel->setText(tr("%1 — connecting…").arg(label));
    m_probe->probe(serverUrl);
}

QString MainWindow::connectionText() const
{
    return m_connectionLabel->text();
}

void MainWindow::showServer(const ServerInfo &info)
{
    m_connectionLabel->setText(tr("%1 at %2 — Qdrant API %3")
                                   .arg(m_serverLabel, m_serverUrl.toString(), info.version));
}

void MainWindow::showConnectionError(const QString &label, const QString &message)
{
    m_serverLabel = label;
    showServerError(message);
}

void MainWindow::showServerError(const QString &message)
{
    m_connectionLabel->setText(tr("%1 — not reachable: %2").arg(m_serverLabel, message));
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
