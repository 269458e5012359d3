#include "panescreenshot.h"

#include "chartspane.h"
#include "consolesession.h"
#include "demodataset.h"
#include "importfilepage.h"
#include "importpreviewpage.h"
#include "importwizard.h"
#include "mainwindow.h"
#include "payloadeditor.h"
#include "pointsmodel.h"
#include "pointspane.h"
#include "pointsworkspace.h"
#include "searchform.h"
#include "searchpane.h"

#include <QApplication>
#include <QFile>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>

#include <cstdio>

namespace {

// The collection of the seeds' first question ("what worked for similar customers?").
const QString kCollection = QStringLiteral("cost_optimization_knowledge");
constexpr int kPollMs = 50;
constexpr int kDeadlineMs = 60000;

} // namespace

QStringList PaneScreenshot::paneNames()
{
    return {QStringLiteral("search"), QStringLiteral("charts"), QStringLiteral("points"),
            QStringLiteral("editor"), QStringLiteral("import")};
}

PaneScreenshot::PaneScreenshot(MainWindow *window, ConsoleSession *session, const QString &pane,
                               const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_session(session)
    , m_pane(pane)
    , m_filePath(filePath)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this,
            [this] { fail(tr("the %1 pane did not finish loading within a minute").arg(m_pane)); });
}

void PaneScreenshot::start()
{
    m_deadline.start(kDeadlineMs);
    connect(m_session, &ConsoleSession::openFailed, this,
            [this](const NetError &error) { fail(error.message); });
    if (m_session->state() == ConsoleSession::State::Open)
        prepare();
    else
        connect(m_session, &ConsoleSession::opened, this, &PaneScreenshot::prepare);
}

void PaneScreenshot::prepare()
{
    if (m_started)
        return;
    m_started = true;
    // The first demo tenant kept in the shared collections: what a customer's memory looks
    // like in the console's normal, tenant-scoped case.
    const Result<DemoDataset> demo = DemoDataset::load();
    if (!demo.ok()) {
        fail(demo.error().message);
        return;
    }
    for (const DemoDataset::Tenant &tenant : demo.value().tenants()) {
        if (tenant.ownCollections)
            continue;
        const auto scope = TenantScope::forProfile(m_session->profile(), tenant.customerId);
        if (scope.ok())
            m_session->setScope(scope.value());
        break;
    }
    if (m_pane == QLatin1String("points") || m_pane == QLatin1String("editor"))
        showPoints(m_pane == QLatin1String("editor"));
    else if (m_pane == QLatin1String("search"))
        showSearch();
    else if (m_pane == QLatin1String("charts"))
        showCharts();
    else
        showImport();
}

void PaneScreenshot::showPoints(bool openFirst)
{
    PointsWorkspace *workspace = m_window->pointsWorkspace();
    m_window->panes()->setCurrentWidget(workspace);
    workspace->openCollection(kCollection);
    PointsModel *model = workspace->pointsPane()->model();
    auto rowsShown = [model] { return model->rowCount() > 0 && !model->isLoading(); };
    if (!openFirst) {
        whenLoaded(rowsShown, [this] { return m_window; });
        return;
    }
    // The editor: the first row opened as a user does, with Enter in the table.
    whenLoaded(
        [workspace, model, rowsShown, opened = false]() mutable {
            if (!rowsShown())
                return false;
            if (!opened) {
                QTableView *table = workspace->pointsPane()->table();
                table->setFocus();
                table->setCurrentIndex(model->index(0, 0));
                QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
                QApplication::sendEvent(table, &enter);
                opened = true;
            }
            return workspace->editor()->isEnabled();
        },
        [this] { return m_window; });
}

void PaneScreenshot::showSearch()
{
    SearchPane *search = m_window->searchPane();
    m_window->panes()->setCurrentWidget(search);
    search->setCollection(kCollection);
    search->form()->queryEdit()->setText(tr("migrate batch processing to spot instances"));
    search->search();
    whenLoaded([search] { return search->lastOutcome().has_value(); },
               [this] { return m_window; });
}

void PaneScreenshot::showCharts()
{
    ChartsPane *charts = m_window->chartsPane();
    m_window->panes()->setCurrentWidget(charts);
    charts->openCollection(kCollection);
    charts->draw();
    whenLoaded([charts] { return !charts->isRunning() && !charts->showsPlaceholder(); },
               [this] { return m_window; });
}

void PaneScreenshot::showImport()
{
    // A demo file as a user would pick it: the bundled cost decisions, copied to disk.
    const QString path = m_files.filePath(kCollection + QStringLiteral(".jsonl"));
    QFile::remove(path);
    if (!QFile::copy(DemoDataset::bundledPath() + QLatin1Char('/') + kCollection
                         + QStringLiteral(".jsonl"),
                     path)) {
        fail(tr("could not write the demo file %1").arg(path));
        return;
    }
    m_window->panes()->setCurrentWidget(m_window->pointsWorkspace());
    m_window->pointsWorkspace()->openCollection(kCollection);
    m_window->showImport();
    ImportWizard *wizard = m_window->importWizard();
    if (!wizard) {
        fail(tr("the import wizard did not open"));
        return;
    }
    wizard->filePage()->pathEdit()->setText(path);
    // File page → mapping page → preview page, each once the page before can go on.
    whenLoaded(
        [wizard] {
            if (wizard->currentId() == ImportWizard::PreviewPageId)
                return wizard->previewPage()->validRows() + wizard->previewPage()->invalidRows()
                    > 0;
            if (wizard->currentPage() && wizard->currentPage()->isComplete())
                wizard->next();
            return false;
        },
        [wizard] { return static_cast<QWidget *>(wizard); });
}

void PaneScreenshot::whenLoaded(const std::function<bool()> &loaded,
                                const std::function<QWidget *()> &target)
{
    m_poll.disconnect();
    connect(&m_poll, &QTimer::timeout, this, [this, loaded, target] {
        if (!loaded())
            return;
        m_poll.stop();
        // One more turn of the event loop so the last results are laid out and painted.
        QTimer::singleShot(200, this, [this, target] { save(target()); });
    });
    m_poll.start(kPollMs);
}

void PaneScreenshot::save(QWidget *target)
{
    if (!target || !target->grab().save(m_filePath, "PNG")) {
        fail(tr("could not save the screenshot to %1").arg(m_filePath));
        return;
    }
    std::printf("%s\n", qPrintable(tr("saved the %1 pane to %2").arg(m_pane, m_filePath)));
    std::fflush(stdout);
    QCoreApplication::exit(0);
}

void PaneScreenshot::fail(const QString &why)
{
    m_poll.stop();
    m_deadline.stop();
    std::fprintf(stderr, "%s\n", qPrintable(tr("memory-console: no screenshot: %1").arg(why)));
    QCoreApplication::exit(1);
}
