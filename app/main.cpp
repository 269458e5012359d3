// memory-console: the desktop explorer and admin console for Qdrant agent memory.
#include "embeddedstore.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("memory-console"));
    QApplication::setOrganizationName(QStringLiteral("MemoryConsole"));
    QApplication::setApplicationDisplayName(QStringLiteral("Memory Console"));
    QApplication::setApplicationVersion(QStringLiteral(MC_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Explorer and admin console for Qdrant agent memory."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QApplication::translate("main", "Data folder of the embedded memory-store."),
        QStringLiteral("dir"), EmbeddedStore::defaultDataDir());
    parser.addOption(dataDir);
    parser.process(app);

    EmbeddedStore store(parser.value(dataDir));
    MainWindow window;
    if (store.start()) {
        window.connectTo(store.url(), QApplication::translate("main", "Embedded memory-store"));
    } else {
        window.showConnectionError(QApplication::translate("main", "Embedded memory-store"),
                                   store.error());
    }
    window.show();
    return app.exec();
}
