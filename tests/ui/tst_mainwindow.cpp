// The main window on the embedded memory-store, offscreen, as a user sees it.
#include "embeddedstore.h"
#include "mainwindow.h"

#include <QLabel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsoleTests"));
    }

    void showsTheEmbeddedStoreItIsConnectedTo()
    {
        QTemporaryDir data;
        EmbeddedStore store(data.path());
        QVERIFY2(store.start(), qPrintable(store.error()));
        QVERIFY(store.url().port() > 0);

        MainWindow window;
        window.connectTo(store.url(), QStringLiteral("Embedded memory-store"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionText().contains(QStringLiteral("Qdrant API 1.19.0")),
                                 5000);
        QVERIFY(window.connectionText().contains(store.url().toString()));

        const QString shot = qEnvironmentVariable("MC_SCREENSHOT_DIR");
        if (!shot.isEmpty())
            QVERIFY(window.grab().save(shot + QStringLiteral("/mainwindow.png")));
    }

    void saysWhenTheServerIsNotThere()
    {
        MainWindow window;
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        window.connectTo(QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("Nowhere"));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionText().contains(QStringLiteral("not reachable")),
                                 5000);
    }

    void embeddedStoreReportsAnUnusableDataFolder()
    {
        EmbeddedStore store(QStringLiteral("/proc/memory-console-cannot-write-here"));
        QVERIFY(!store.start());
        QVERIFY(!store.error().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
