// Help → About, offscreen: what it says about the version, Qt and the licenses.
#include "aboutdialog.h"
#include "connectionprofilestore.h"
#include "consolesession.h"
#include "mainwindow.h"
#include "secretstore.h"

#include <QAction>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

class TestAboutDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsoleTests"));
    }

    void showsTheProjectVersion()
    {
        AboutDialog dialog;
        QCOMPARE(dialog.versionText(), QStringLiteral("Version " MC_EXPECTED_VERSION));
    }

    void showsBuildAndRuntimeQtVersions()
    {
        AboutDialog dialog;
        QVERIFY2(dialog.qtVersionText().contains(QStringLiteral("Built with Qt " QT_VERSION_STR)),
            qPrintable(dialog.qtVersionText()));
        const QString running = QStringLiteral("running on Qt ") + QString::fromLatin1(qVersion());
        QVERIFY2(dialog.qtVersionText().contains(running), qPrintable(dialog.qtVersionText()));
    }

    void namesEveryThirdPartyLicense_data()
    {
        QTest::addColumn<QString>("line");
        QTest::newRow("Qt") << QStringLiteral("Qt — LGPL-3.0-only");
        QTest::newRow("QtKeychain") << QStringLiteral("QtKeychain — BSD-3-Clause");
        QTest::newRow("simdjson") << QStringLiteral("simdjson — Apache-2.0");
        QTest::newRow("nlohmann/json") << QStringLiteral("nlohmann/json — MIT");
        QTest::newRow("SQLite") << QStringLiteral("SQLite — Public domain");
        QTest::newRow("cpp-httplib") << QStringLiteral("cpp-httplib — MIT");
        QTest::newRow("OpenSSL") << QStringLiteral("OpenSSL — Apache-2.0");
    }

    void namesEveryThirdPartyLicense()
    {
        QFETCH(QString, line);
        AboutDialog dialog;
        QVERIFY2(
            dialog.licenseLines().contains(line), qPrintable(dialog.licenseLines().join(u'\n')));
    }

    void showsTheApplicationIcon()
    {
        // The SVG comes from the compiled-in resource through Qt's SVG icon engine: a missing
        // resource or plugin leaves the label empty.
        AboutDialog dialog;
        const auto *icon = dialog.findChild<QLabel *>(QStringLiteral("iconLabel"));
        QVERIFY(icon);
        QVERIFY(!icon->pixmap().isNull());
        QCOMPARE(icon->pixmap().width(), 96);
    }

    void opensFromTheHelpMenu()
    {
        QTemporaryDir data;
        ConnectionProfileStore profiles(data.filePath(QStringLiteral("connections.ini")));
        SecretStore secrets(QStringLiteral("memory-console-test"));
        ConsoleSession session;
        MainWindow window(&session, &profiles, &secrets);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *about = window.findChild<QAction *>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        about->trigger();
        AboutDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<AboutDialog *>()) && dialog->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        const QString shot = qEnvironmentVariable("MC_SCREENSHOT_DIR");
        if (!shot.isEmpty())
            QVERIFY(dialog->grab().save(shot + QStringLiteral("/aboutdialog.png")));

        // Closing it deletes it: the window holds no dialog afterwards.
        dialog->reject();
        QTRY_VERIFY(!window.findChild<AboutDialog *>());
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
