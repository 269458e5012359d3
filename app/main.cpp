// memory-console: the desktop explorer and admin console for Qdrant agent memory.
#include "connectionprofilestore.h"
#include "consolesession.h"
#include "demoseeder.h"
#include "embeddedstore.h"
#include "mainwindow.h"
#include "panescreenshot.h"
#include "secretstore.h"
#include "startupreport.h"

#include <QApplication>
#include <QByteArrayView>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QStatusBar>

#include <cstdio>
#include <functional>
#include <memory>

namespace {

// --help and --version only print text. They must work where there is no display (a terminal
// over ssh, a package test), and QApplication aborts there for want of a platform plugin.
bool onlyPrintsText(int argc, char *argv[])
{
    static constexpr QByteArrayView textOptions[]
        = {"-h", "-?", "--help", "--help-all", "-v", "--version"};
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--")
            break;
        for (QByteArrayView option : textOptions) {
            if (arg == option)
                return true;
        }
    }
    return false;
}

QCommandLineOption startupReportOption()
{
    return QCommandLineOption(QStringLiteral("startup-report"),
        QCoreApplication::translate("main", "Print when the window first painted and, after "
                                            "that many milliseconds idle, the memory in use; "
                                            "then quit (for benchmarks)."),
        QStringLiteral("idle-ms"));
}

QCommandLineOption screenshotOption()
{
    return QCommandLineOption(QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Render the main window offscreen, on the embedded "
                                            "store's demo data, to a PNG once --pane has "
                                            "loaded; then quit."),
        QStringLiteral("file"));
}

QCommandLineOption paneOption()
{
    return QCommandLineOption(QStringLiteral("pane"),
        QCoreApplication::translate("main", "The pane --screenshot shows: %1.")
            .arg(PaneScreenshot::paneNames().join(QStringLiteral(", "))),
        QStringLiteral("name"), QStringLiteral("points"));
}

// A screenshot needs no display: without one chosen, it renders offscreen. Decided before
// QApplication exists, since that is when the platform plugin is loaded.
void renderOffscreenForScreenshots(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if ((arg == "--screenshot" || arg.startsWith("--screenshot="))
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
    }
}

QCommandLineOption reseedDemoOption()
{
    return QCommandLineOption(QStringLiteral("reseed-demo"),
        QCoreApplication::translate("main", "Delete the demo collections of the embedded "
                                            "memory-store and load the demo data again (other "
                                            "collections are left alone)."));
}

void describeCommandLine(QCommandLineParser &parser, const QCommandLineOption &dataDir)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Explorer and admin console for Qdrant agent memory."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(dataDir);
    parser.addOption(startupReportOption());
    parser.addOption(reseedDemoOption());
    parser.addOption(screenshotOption());
    parser.addOption(paneOption());
}

QCommandLineOption dataDirOption()
{
    return QCommandLineOption(QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "Data folder of the embedded memory-store."),
        QStringLiteral("dir"), EmbeddedStore::defaultDataDir());
}

// The last profile used, else the embedded memory-store (the first run and offline demos).
// A remote profile's key comes from the keychain first; a keychain that fails is an issue, and
// the console connects without a key (the server then says whether it needs one).
void openStartupProfile(MainWindow &window, ConsoleSession &session,
                        const ConnectionProfileStore &profiles, SecretStore &secrets,
                        const QUrl &embeddedUrl, const QString &embeddedError)
{
    const QUuid lastId(QSettings().value(QStringLiteral("connection/lastProfile")).toString());
    const Result<ConnectionProfile> last = profiles.profile(lastId);
    ConnectionProfile profile = last.ok() ? last.value() : ConnectionProfile::embeddedDefault();
    if (profile.embedded) {
        if (embeddedUrl.isEmpty()) {
            window.showConnectionError(embeddedError);
            return;
        }
        profile.url = embeddedUrl;
        session.open(profile, QString());
        return;
    }
    secrets.read(profile.id, SecretStore::Secret::ApiKey, &session,
                 [&window, &session, profile](const Result<QString> &key) {
                     if (!key.ok())
                         window.showConnectionError(key.error().message);
                     session.open(profile, key.ok() ? key.value() : QString());
                 });
}

// The first run's demo data: an empty embedded store (never seeded before, see DemoSeeder) is
// filled before the console opens it, so it starts ready to search; a few hundred records take
// a fraction of a second, shown in the status bar. Then the startup profile is opened.
void seedThenOpen(DemoSeeder &seeder, MainWindow &window, const EmbeddedStore &store,
                  bool reseed, const std::function<void()> &open)
{
    QObject::connect(&seeder, &DemoSeeder::progressed, &window,
                     [&window](qint64 done, qint64 total, const QString &step) {
                         window.statusBar()->showMessage(
                             QCoreApplication::translate("main", "Demo data: %1 (%2 of %3)")
                                 .arg(step)
                                 .arg(done)
                                 .arg(total));
                     });
    QObject::connect(&seeder, &DemoSeeder::finished, &window,
                     [&window, open](const DemoSeedReport &report) {
                         if (report.succeeded()) {
                             window.statusBar()->showMessage(
                                 QCoreApplication::translate(
                                     "main", "Demo data loaded: %1 records in %2 ms")
                                     .arg(report.points)
                                     .arg(report.elapsedMs),
                                 8000);
                         } else if (report.outcome == DemoSeedReport::Outcome::Failed) {
                             window.statusBar()->showMessage(report.error.message, 20000);
                         } else {
                             window.statusBar()->clearMessage();
                         }
                         open();
                     });
    seeder.start(store.url(), store.dataDir(),
                 ConnectionProfile::embeddedDefault().embedderDimensions,
                 reseed ? DemoSeeder::Mode::Reseed : DemoSeeder::Mode::FirstRun);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("memory-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsole"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MC_VERSION));

    if (onlyPrintsText(argc, argv)) {
        QCoreApplication app(argc, argv);
        const QCommandLineOption dataDir = dataDirOption();
        QCommandLineParser parser;
        describeCommandLine(parser, dataDir);
        parser.process(app); // prints, then exits
        return 0;
    }

    renderOffscreenForScreenshots(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Memory Console"));
    // Lets Wayland shells and the launcher match the window to the installed .desktop entry.
    QGuiApplication::setDesktopFileName(QStringLiteral(MC_APP_ID));
    Q_INIT_RESOURCE(memoryconsole);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/" MC_APP_ID ".svg")));

    const QCommandLineOption dataDir = dataDirOption();
    QCommandLineParser parser;
    describeCommandLine(parser, dataDir);
    parser.process(app);

    const QString screenshotFile = parser.value(screenshotOption().names().constFirst());
    const QString pane = parser.value(paneOption().names().constFirst());
    if (!screenshotFile.isEmpty() && !PaneScreenshot::paneNames().contains(pane)) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "--pane must be one of: %1")
                                    .arg(PaneScreenshot::paneNames().join(
                                        QStringLiteral(", ")))));
        return 2;
    }

    std::unique_ptr<StartupReport> report;
    if (parser.isSet(startupReportOption().names().constFirst()))
        report = std::make_unique<StartupReport>(
            parser.value(startupReportOption().names().constFirst()).toInt());

    EmbeddedStore store(parser.value(dataDir));
    const bool storeStarted = store.start();
    ConnectionProfileStore profiles(ConnectionProfileStore::defaultFilePath());
    const Result<bool> loaded = profiles.load();
    SecretStore secrets;
    ConsoleSession session;
    MainWindow window(&session, &profiles, &secrets);
    window.setEmbeddedServerUrl(store.url());
    window.setEmbeddedSnapshotFolder(store.dataDir() + QStringLiteral("/snapshots"));
    if (!loaded.ok())
        window.showConnectionError(loaded.error().message);
    std::unique_ptr<PaneScreenshot> screenshot;
    if (!screenshotFile.isEmpty()) {
        window.resize(1440, 900); // the same size every time, whatever was saved
        screenshot = std::make_unique<PaneScreenshot>(&window, &session, pane, screenshotFile);
        screenshot->start();
    }
    window.show();
    auto open = [&] {
        if (screenshot && storeStarted) {
            // Screenshots show the embedded demo, never the last (perhaps remote) profile.
            ConnectionProfile profile = ConnectionProfile::embeddedDefault();
            profile.url = store.url();
            session.open(profile, QString());
            return;
        }
        openStartupProfile(window, session, profiles, secrets,
                           storeStarted ? store.url() : QUrl(), store.error());
    };
    DemoSeeder seeder;
    if (storeStarted)
        seedThenOpen(seeder, window, store, parser.isSet(reseedDemoOption()), open);
    else
        open();
    return QApplication::exec();
}
