// memory-console: the desktop explorer and admin console for Qdrant agent memory.
#include "embeddedstore.h"
#include "mainwindow.h"

#include <QApplication>
#include <QByteArrayView>
#include <QCommandLineParser>
#include <QIcon>

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

void describeCommandLine(QCommandLineParser &parser, const QCommandLineOption &dataDir)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Explorer and admin console for Qdrant agent memory."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(dataDir);
}

QCommandLineOption dataDirOption()
{
    return QCommandLineOption(QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "Data folder of the embedded memory-store."),
        QStringLiteral("dir"), EmbeddedStore::defaultDataDir());
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

    EmbeddedStore store(parser.value(dataDir));
    MainWindow window;
    if (store.start()) {
        window.connectTo(store.url(), QApplication::translate("main", "Embedded memory-store"));
    } else {
        window.showConnectionError(
            QApplication::translate("main", "Embedded memory-store"), store.error());
    }
    window.show();
    return app.exec();
}
