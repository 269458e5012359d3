// The main window on the embedded memory-store, offscreen, as a user sees it.
#include "connectionprofilestore.h"
#include "connectionstatus.h"
#include "consolesession.h"
#include "embeddedstore.h"
#include "issuelistmodel.h"
#include "mainwindow.h"
#include "secretstore.h"

#include <QDockWidget>
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

        ConnectionProfileStore profiles(data.filePath(QStringLiteral("connections.ini")));
        SecretStore secrets(QStringLiteral("memory-console-test"));
        ConsoleSession session;
        MainWindow window(&session, &profiles, &secrets);
        window.setEmbeddedServerUrl(store.url());
        ConnectionProfile profile = ConnectionProfile::embeddedDefault();
        profile.url = store.url();
        session.open(profile, QString());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ConnectionStatus *status = window.connectionStatus();
        QTRY_VERIFY_WITH_TIMEOUT(status->serverText().contains(QStringLiteral("Qdrant API 1.19.0")),
                                 5000);
        QVERIFY(status->serverText().contains(store.url().toString()));
        QCOMPARE(status->tenantText(), session.scope().badgeText());
        // The version request went through the request log, which shows its latency.
        QTRY_VERIFY_WITH_TIMEOUT(status->latencyText().contains(QStringLiteral("ms")), 5000);
        QVERIFY(window.windowTitle().contains(profile.name));

        const QString shot = qEnvironmentVariable("MC_SCREENSHOT_DIR");
        if (!shot.isEmpty())
            QVERIFY(window.grab().save(shot + QStringLiteral("/mainwindow.png")));
    }

    void saysWhenTheServerIsNotThereAndListsTheIssue()
    {
        QTemporaryDir data;
        ConnectionProfileStore profiles(data.filePath(QStringLiteral("connections.ini")));
        SecretStore secrets(QStringLiteral("memory-console-test"));
        ConsoleSession session;
        MainWindow window(&session, &profiles, &secrets);
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        session.open(ConnectionProfile::create(QStringLiteral("Nowhere"),
                                               QUrl(QStringLiteral("http://127.0.0.1:1"))),
                     QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            window.connectionStatus()->serverText().contains(QStringLiteral("not reachable")),
            5000);
        QTRY_COMPARE_WITH_TIMEOUT(window.issues()->rowCount(), 1, 5000);
        auto *issuesDock = window.findChild<QDockWidget *>(QStringLiteral("issuesDock"));
        QVERIFY(issuesDock);
        QVERIFY(!issuesDock->isHidden());
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
