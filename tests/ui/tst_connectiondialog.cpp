// The connection dialog, offscreen, against a real memory-store that wants an API key and a
// real, throwaway Secret Service (see tests/ui/CMakeLists.txt): profiles are created by typing,
// saved, found again in a new dialog, tested against the server, deleted after a question,
// and their keys never reach a file.
#include "../net/secretscan.h"
#include "connectiondialog.h"
#include "connectionprofilestore.h"
#include "memorystoreprocess.h"
#include "profilelistdelegate.h"
#include "secretstore.h"
#include "storeclient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

// ctest runs this suite twice: under dbus-run-session + run-with-keyring.sh
// (MC_TEST_KEYRING=secret-service) and, for the noKeyring* functions only, with a D-Bus
// address that leads nowhere (MC_TEST_KEYRING=none). Run by hand without either, the keychain
// tests skip so that they never touch the user's own keyring.
class TestConnectionDialog : public QObject
{
    Q_OBJECT

private:
    static QString mode() { return qEnvironmentVariable("MC_TEST_KEYRING"); }
    static QString serviceName() { return QStringLiteral("memory-console-tests-ui"); }
    QString settingsPath() const { return m_home.path() + QStringLiteral("/connections.ini"); }

    // One dialog over the settings file and a keychain session of its own, as a fresh start
    // of the console would have.
    struct Session
    {
        explicit Session(const QString &path)
            : store(path)
            , secrets(serviceName())
        {
            loaded = store.load().ok();
            dialog = std::make_unique<ConnectionDialog>(&store, &secrets);
            dialog->setTestTimeoutMs(3000);
            dialog->show();
            // Shortcuts (Ctrl+N, Delete) only reach the active window.
            dialog->activateWindow();
            active = QTest::qWaitForWindowActive(dialog.get());
        }
        template <typename T> T *find(const char *name) const
        {
            return dialog->findChild<T *>(QString::fromLatin1(name));
        }
        QListWidget *list() const { return find<QListWidget>("profileList"); }
        QStringList names() const
        {
            QStringList out;
            for (int row = 0; row < list()->count(); ++row)
                out << list()->item(row)->text();
            return out;
        }

        ConnectionProfileStore store;
        SecretStore secrets;
        bool loaded = false;
        bool active = false;
        std::unique_ptr<ConnectionDialog> dialog;
    };

    static void typeInto(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    static void click(QAbstractButton *button)
    {
        QVERIFY(button);
        QVERIFY2(button->isEnabled(), qPrintable(button->objectName()));
        QTest::mouseClick(button, Qt::LeftButton, {}, button->rect().center());
    }

    // Selects the row named name in the list with the mouse, and waits for its keys.
    static void selectByName(Session &s, const QString &name)
    {
        const int row = int(s.names().indexOf(name));
        QVERIFY2(row >= 0, qPrintable(s.names().join(u',')));
        QListWidget *list = s.list();
        const QRect rect = list->visualItemRect(list->item(row));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_VERIFY(s.find<QLineEdit>("apiKeyEdit")->isEnabled());
    }

    // New profile named name for the test server, with key, saved with the Save button.
    static void createProfile(
        Session &s, const QString &name, const QString &url, const QString &key)
    {
        click(s.find<QPushButton>("newButton"));
        typeInto(s.find<QLineEdit>("nameEdit"), name);
        typeInto(s.find<QLineEdit>("urlEdit"), url);
        typeInto(s.find<QLineEdit>("apiKeyEdit"), key);
        click(s.find<QPushButton>("saveButton"));
        QTRY_COMPARE(s.dialog->statusText(), QStringLiteral("Saved \"%1\".").arg(name));
    }

    // Reads the key straight from the keychain with a store of its own (no session copy).
    Result<QString> keychainKey(const QUuid &id)
    {
        SecretStore fresh(serviceName());
        auto guard = std::make_unique<QObject>();
        std::optional<Result<QString>> got;
        fresh.read(id, SecretStore::Secret::ApiKey, guard.get(),
            [&got](const Result<QString> &r) { got = r; });
        if (!QTest::qWaitFor([&got] { return got.has_value(); }, 20000))
            return NetError {NetError::Kind::Timeout, 0, QStringLiteral("no answer"), {}, -1};
        return *got;
    }

    QUuid idOf(const QString &name)
    {
        ConnectionProfileStore store(settingsPath());
        if (!store.load().ok())
            return {};
        for (const ConnectionProfile &p : store.profiles()) {
            if (p.name == name)
                return p.id;
        }
        return {};
    }

    void requireKeyring()
    {
        if (mode() != u"secret-service")
            QSKIP("needs the throwaway Secret Service of run-with-keyring.sh (run via ctest)");
    }

    QTemporaryDir m_home;
    QString m_secret;
    std::unique_ptr<MemoryStoreProcess> m_server;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // Anything the dialog might write lands in this scratch home, which the end of the
        // run searches for the key.
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_CACHE_HOME", (m_home.path() + QStringLiteral("/cache")).toUtf8());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsoleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectiondialog"));

        m_secret = makeTestSecret();
        m_server = std::make_unique<MemoryStoreProcess>(
            QStringList {QStringLiteral("--api-key"), m_secret});
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
        StoreClient client(m_server->port(), m_secret.toUtf8());
        QJsonObject vectors {
            {QStringLiteral("size"), 4}, {QStringLiteral("distance"), QStringLiteral("Cosine")}};
        for (const QString &name :
            {QStringLiteral("company_1_notes"), QStringLiteral("company_2_notes")}) {
            const auto r = client.put(QStringLiteral("/collections/") + name,
                QJsonObject {{QStringLiteral("vectors"), vectors}});
            QCOMPARE(r.status, 200);
        }
    }

    void init() { QFile::remove(settingsPath()); }

    void cleanupTestCase()
    {
        // The key went through the dialog many times: no file of this run may hold it.
        QCOMPARE(filesContaining(m_home.path(), m_secret), QStringList());
        QCOMPARE(filesContaining(QDir::currentPath(), m_secret), QStringList());
    }

    void createSaveAndFindAgain()
    {
        requireKeyring();
        {
            Session s(settingsPath());
            QVERIFY(s.loaded);
            QVERIFY(s.active);
            // No profile yet: the embedded store is offered and cannot be deleted.
            QCOMPARE(s.names(), QStringList {ConnectionProfile::embeddedDefault().name});
            QVERIFY(!s.find<QPushButton>("deleteButton")->isEnabled());

            click(s.find<QPushButton>("newButton"));
            typeInto(s.find<QLineEdit>("nameEdit"), QStringLiteral("Staging EU"));
            typeInto(s.find<QLineEdit>("urlEdit"), m_server->baseUrl());
            typeInto(s.find<QLineEdit>("apiKeyEdit"), m_secret);
            QCOMPARE(s.find<QLabel>("apiKeyNote")->text(),
                QStringLiteral("Goes to the keychain when you save."));
            // Colour and read-only as a user sets them: arrow keys in the combo, a click.
            QComboBox *colour = s.find<QComboBox>("colourCombo");
            colour->setFocus();
            QTest::keyClick(colour, Qt::Key_Down);
            QTest::keyClick(colour, Qt::Key_Down);
            QCOMPARE(colour->currentText(), QStringLiteral("Staging (amber)"));
            click(s.find<QCheckBox>("readOnlyCheck"));
            QVERIFY(s.list()->currentItem()->data(ProfileListDelegate::UnsavedRole).toBool());

            click(s.find<QPushButton>("saveButton"));
            QTRY_COMPARE(s.dialog->statusText(), QStringLiteral("Saved \"Staging EU\"."));
            QCOMPARE(
                s.find<QLabel>("apiKeyNote")->text(), QStringLiteral("Stored in the keychain."));
            // Like the store, the list offers the embedded profile only while none is saved.
            QCOMPARE(s.names(), QStringList {QStringLiteral("Staging EU")});
        }

        QFile file(settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY2(text.contains(QStringLiteral("Staging EU")), qPrintable(text));
        QVERIFY2(!text.contains(m_secret), "the API key is in the settings file");
        const Result<QString> stored = keychainKey(idOf(QStringLiteral("Staging EU")));
        QVERIFY(stored.ok());
        QCOMPARE(stored.value(), m_secret);

        Session again(settingsPath());
        QCOMPARE(again.names(), QStringList {QStringLiteral("Staging EU")});
        QListWidgetItem *item = again.list()->item(0);
        QCOMPARE(item->data(ProfileListDelegate::ColourRole).toString(), QStringLiteral("#ffb300"));
        QVERIFY(item->data(ProfileListDelegate::ReadOnlyRole).toBool());
        QVERIFY(!item->data(ProfileListDelegate::UnsavedRole).toBool());
        QTRY_COMPARE(again.find<QLineEdit>("apiKeyEdit")->text(), m_secret);
        QCOMPARE(
            again.find<QLabel>("apiKeyNote")->text(), QStringLiteral("Stored in the keychain."));
        QVERIFY(again.find<QCheckBox>("readOnlyCheck")->isChecked());
    }

    void testConnectionWithTheRightKeyShowsTheVersion()
    {
        requireKeyring();
        {
            Session s(settingsPath());
            createProfile(s, QStringLiteral("Local store"), m_server->baseUrl(), m_secret);
        }
        Session s(settingsPath());
        selectByName(s, QStringLiteral("Local store"));
        QSignalSpy tested(s.dialog.get(), &ConnectionDialog::connectionTested);
        click(s.find<QPushButton>("testButton"));
        QVERIFY(tested.wait(10000));
        QCOMPARE(tested.at(0).at(0).toBool(), true);
        const QString shown = s.dialog->testResultText();
        QVERIFY2(shown.contains(QStringLiteral("memory-store")), qPrintable(shown));
        QVERIFY2(shown.contains(QRegularExpression(QStringLiteral("version \\d+\\.\\d+"))),
            qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("2 collections")), qPrintable(shown));
        QVERIFY2(!shown.contains(m_secret), "the key is shown");
    }

    void testConnectionWithAWrongKeyShowsTheError()
    {
        requireKeyring();
        Session s(settingsPath());
        createProfile(s, QStringLiteral("Wrong key"), m_server->baseUrl(), m_secret);
        // An unsaved edit is what gets tested.
        typeInto(s.find<QLineEdit>("apiKeyEdit"), QStringLiteral("not-the-key"));
        QSignalSpy tested(s.dialog.get(), &ConnectionDialog::connectionTested);
        click(s.find<QPushButton>("testButton"));
        QVERIFY(tested.wait(10000));
        QCOMPARE(tested.at(0).at(0).toBool(), false);
        const QString shown = s.dialog->testResultText();
        QVERIFY2(shown.startsWith(QStringLiteral("The server refused the API key (HTTP 401)")),
            qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("not-the-key")), qPrintable(shown));
        // Inline, never a message box.
        QCOMPARE(s.dialog->findChildren<QMessageBox *>().size(), 0);
    }

    void testConnectionToAClosedPortSaysRefused()
    {
        requireKeyring();
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();

        Session s(settingsPath());
        click(s.find<QPushButton>("newButton"));
        typeInto(s.find<QLineEdit>("urlEdit"), QStringLiteral("http://127.0.0.1:%1").arg(port));
        QSignalSpy tested(s.dialog.get(), &ConnectionDialog::connectionTested);
        click(s.find<QPushButton>("testButton"));
        QVERIFY(tested.wait(10000));
        QCOMPARE(tested.at(0).at(0).toBool(), false);
        QVERIFY2(s.dialog->testResultText().contains(QStringLiteral("refused")),
            qPrintable(s.dialog->testResultText()));
    }

    void testConnectionToASilentServerTimesOut()
    {
        requireKeyring();
        QTcpServer silent; // accepts and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        Session s(settingsPath());
        s.dialog->setTestTimeoutMs(400);
        click(s.find<QPushButton>("newButton"));
        typeInto(s.find<QLineEdit>("urlEdit"),
            QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        QSignalSpy tested(s.dialog.get(), &ConnectionDialog::connectionTested);
        click(s.find<QPushButton>("testButton"));
        QVERIFY(tested.wait(10000));
        QVERIFY2(s.dialog->testResultText().startsWith(QStringLiteral("No answer within 0.4 s")),
            qPrintable(s.dialog->testResultText()));
    }

    void deleteAsksThenRemovesProfileAndKey()
    {
        requireKeyring();
        Session s(settingsPath());
        createProfile(s, QStringLiteral("Doomed"), m_server->baseUrl(), m_secret);
        createProfile(s, QStringLiteral("Kept"), m_server->baseUrl(), QString());
        const QUuid doomed = idOf(QStringLiteral("Doomed"));
        QVERIFY(!doomed.isNull());
        selectByName(s, QStringLiteral("Doomed"));

        // The Delete key in the list asks; Cancel keeps everything.
        s.list()->setFocus();
        QTest::keyClick(s.list(), Qt::Key_Delete);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = s.dialog->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation")))
            != nullptr);
        QVERIFY2(box->text().contains(QStringLiteral("Doomed")), qPrintable(box->text()));
        click(box->button(QMessageBox::Cancel));
        QTRY_VERIFY(!s.dialog->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation")));
        QCOMPARE(s.names(), (QStringList {QStringLiteral("Doomed"), QStringLiteral("Kept")}));

        click(s.find<QPushButton>("deleteButton"));
        QTRY_VERIFY((box = s.dialog->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation")))
            != nullptr);
        click(box->findChild<QPushButton *>(QStringLiteral("confirmDeleteButton")));
        QTRY_COMPARE(s.dialog->statusText(), QStringLiteral("Deleted \"Doomed\"."));
        QCOMPARE(s.names(), QStringList {QStringLiteral("Kept")});
        QVERIFY(idOf(QStringLiteral("Doomed")).isNull());
        // The keychain entry goes too (asked of the keychain itself, not the session).
        QTRY_VERIFY_WITH_TIMEOUT(
            keychainKey(doomed).ok() && keychainKey(doomed).value().isEmpty(), 20000);
    }

    void sessionOnlyKeyStaysOutOfTheKeychain()
    {
        requireKeyring();
        Session s(settingsPath());
        click(s.find<QPushButton>("newButton"));
        typeInto(s.find<QLineEdit>("nameEdit"), QStringLiteral("Borrowed key"));
        typeInto(s.find<QLineEdit>("urlEdit"), m_server->baseUrl());
        typeInto(s.find<QLineEdit>("apiKeyEdit"), m_secret);
        click(s.find<QCheckBox>("sessionOnlyCheck"));
        click(s.find<QPushButton>("saveButton"));
        QTRY_COMPARE(s.dialog->statusText(), QStringLiteral("Saved \"Borrowed key\"."));
        const QUuid id = idOf(QStringLiteral("Borrowed key"));
        QVERIFY(s.secrets.hasSessionOnlyKey(id, SecretStore::Secret::ApiKey));
        const Result<QString> inKeychain = keychainKey(id);
        QVERIFY(inKeychain.ok());
        QCOMPARE(inKeychain.value(), QString());
        QVERIFY(s.find<QLabel>("apiKeyNote")->text().startsWith(QStringLiteral("Session only")));
    }

    void enterConnectsWithTheProfileAndItsKey()
    {
        requireKeyring();
        {
            Session s(settingsPath());
            createProfile(s, QStringLiteral("Prod"), m_server->baseUrl(), m_secret);
        }
        Session s(settingsPath());
        selectByName(s, QStringLiteral("Prod"));
        QSignalSpy accepted(s.dialog.get(), &QDialog::accepted);
        s.list()->setFocus();
        QTest::keyClick(s.list(), Qt::Key_Return);
        QTRY_COMPARE(accepted.size(), 1);
        QCOMPARE(s.dialog->chosenProfile().name, QStringLiteral("Prod"));
        QCOMPARE(s.dialog->chosenProfile().url, QUrl(m_server->baseUrl()));
        QCOMPARE(s.dialog->chosenApiKey(), m_secret);
    }

    void connectSavesEditsFirstAndCtrlNMakesANewProfile()
    {
        requireKeyring();
        Session s(settingsPath());
        QTest::keyClick(s.dialog.get(), Qt::Key_N, Qt::ControlModifier);
        QTRY_COMPARE(s.names().size(), 2);
        QVERIFY(s.names().contains(QStringLiteral("New connection")));
        typeInto(s.find<QLineEdit>("nameEdit"), QStringLiteral("Typed then connected"));
        typeInto(s.find<QLineEdit>("urlEdit"), m_server->baseUrl());
        QSignalSpy accepted(s.dialog.get(), &QDialog::accepted);
        click(s.find<QPushButton>("connectButton"));
        QTRY_COMPARE(accepted.size(), 1);
        QVERIFY(!idOf(QStringLiteral("Typed then connected")).isNull());
    }

    void invalidInputIsShownInlineAndBlocksSaving()
    {
        requireKeyring();
        Session s(settingsPath());
        click(s.find<QPushButton>("newButton"));
        typeInto(s.find<QLineEdit>("urlEdit"), QStringLiteral("localhost:6333"));
        QLabel *problems = s.find<QLabel>("problemsLabel");
        QVERIFY2(problems->text().contains(QStringLiteral("must start with http://")),
            qPrintable(problems->text()));
        QVERIFY(!s.find<QPushButton>("saveButton")->isEnabled());
        QVERIFY(!s.find<QPushButton>("connectButton")->isEnabled());

        typeInto(s.find<QLineEdit>("urlEdit"), m_server->baseUrl());
        typeInto(s.find<QLineEdit>("patternEdit"), QStringLiteral("company_{id}{type}"));
        QVERIFY(!s.find<QPushButton>("saveButton")->isEnabled());
        typeInto(s.find<QLineEdit>("patternEdit"), QStringLiteral("tenant_{id}_{type}"));
        QVERIFY(s.find<QPushButton>("saveButton")->isEnabled());
        QVERIFY(problems->isHidden());
    }

    void closingWithUnsavedEditsAsks()
    {
        requireKeyring();
        Session s(settingsPath());
        click(s.find<QPushButton>("newButton"));
        QSignalSpy rejected(s.dialog.get(), &QDialog::rejected);
        QTest::keyClick(s.dialog.get(), Qt::Key_Escape);
        QMessageBox *box = nullptr;
        QTRY_VERIFY(
            (box = s.dialog->findChild<QMessageBox *>(QStringLiteral("discardConfirmation")))
            != nullptr);
        QCOMPARE(rejected.size(), 0);
        click(box->button(QMessageBox::Cancel));
        QVERIFY(s.dialog->isVisible());

        QTest::keyClick(s.dialog.get(), Qt::Key_Escape);
        QTRY_VERIFY(
            (box = s.dialog->findChild<QMessageBox *>(QStringLiteral("discardConfirmation")))
            != nullptr);
        QPushButton *discard = nullptr;
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                discard = qobject_cast<QPushButton *>(button);
        }
        click(discard);
        QTRY_COMPARE(rejected.size(), 1);
        QVERIFY(ConnectionProfileStore(settingsPath()).load().ok());
        QVERIFY(!QFile::exists(settingsPath())); // nothing was saved
    }

    void duplicateCopiesTheProfileAndItsKey()
    {
        requireKeyring();
        Session s(settingsPath());
        createProfile(s, QStringLiteral("Original"), m_server->baseUrl(), m_secret);
        click(s.find<QCheckBox>("readOnlyCheck"));
        click(s.find<QPushButton>("saveButton"));
        QTRY_COMPARE(s.dialog->statusText(), QStringLiteral("Saved \"Original\"."));

        click(s.find<QPushButton>("duplicateButton"));
        QCOMPARE(s.names(), (QStringList{QStringLiteral("Original"),
                                QStringLiteral("Original (copy)")}));
        QCOMPARE(s.find<QLineEdit>("nameEdit")->text(), QStringLiteral("Original (copy)"));
        QCOMPARE(s.find<QLineEdit>("apiKeyEdit")->text(), m_secret);
        QVERIFY(s.find<QCheckBox>("readOnlyCheck")->isChecked());
        QVERIFY(s.list()->currentItem()->data(ProfileListDelegate::UnsavedRole).toBool());
        // Only saved when the user saves it.
        QVERIFY(idOf(QStringLiteral("Original (copy)")).isNull());
        click(s.find<QPushButton>("saveButton"));
        QTRY_COMPARE(s.dialog->statusText(), QStringLiteral("Saved \"Original (copy)\"."));
        const QUuid copy = idOf(QStringLiteral("Original (copy)"));
        QVERIFY(!copy.isNull());
        QVERIFY(copy != idOf(QStringLiteral("Original")));
        const Result<QString> key = keychainKey(copy);
        QVERIFY(key.ok());
        QCOMPARE(key.value(), m_secret);
    }

    void noKeyringSaysSoAndKeepsTheKeyForTheSession()
    {
        if (mode() != u"none")
            QSKIP("runs as tst_connectiondialog_nokeyring, without a D-Bus session bus");
        SecretStore sessionSecrets(serviceName()); // one console session
        ConnectionProfileStore store(settingsPath());
        QVERIFY(store.load().ok());
        {
            ConnectionDialog dialog(&store, &sessionSecrets);
            dialog.show();
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.keychainNotice().isEmpty(), 20000);
            QVERIFY2(dialog.keychainNotice().contains(QStringLiteral("no keychain")),
                qPrintable(dialog.keychainNotice()));
            QVERIFY2(dialog.keychainNotice().contains(QStringLiteral("this session only")),
                qPrintable(dialog.keychainNotice()));
            auto *sessionOnly = dialog.findChild<QCheckBox *>(QStringLiteral("sessionOnlyCheck"));
            QVERIFY(sessionOnly->isChecked());
            QVERIFY(!sessionOnly->isEnabled());

            click(dialog.findChild<QPushButton *>(QStringLiteral("newButton")));
            typeInto(dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit")),
                QStringLiteral("No keyring"));
            typeInto(dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit")), m_server->baseUrl());
            typeInto(dialog.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit")), m_secret);
            click(dialog.findChild<QPushButton *>(QStringLiteral("saveButton")));
            QTRY_COMPARE(dialog.statusText(), QStringLiteral("Saved \"No keyring\"."));
        }
        QFile file(settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(m_secret.toUtf8()), "the key is in the settings file");

        // Reopened in the same session: the key comes back from memory and works.
        ConnectionDialog dialog(&store, &sessionSecrets);
        dialog.show();
        auto *key = dialog.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
        QTRY_COMPARE(key->text(), m_secret);
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("apiKeyNote"))
                    ->text()
                    .startsWith(QStringLiteral("Session only")));
        QSignalSpy tested(&dialog, &ConnectionDialog::connectionTested);
        click(dialog.findChild<QPushButton *>(QStringLiteral("testButton")));
        QVERIFY(tested.wait(10000));
        QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(dialog.testResultText()));
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
