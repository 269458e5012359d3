#include "secretscan.h"
#include "secretstore.h"

#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

// ctest runs this suite twice (see tests/net/CMakeLists.txt):
//  - under dbus-run-session + run-with-keyring.sh, which sets MC_TEST_KEYRING=secret-service:
//    a real gnome-keyring Secret Service with a throwaway, unlocked keyring;
//  - as tst_secretstore_nokeyring with MC_TEST_KEYRING=none and a D-Bus address that leads
//    nowhere, running only the noKeyring* functions.
// Keychain tests skip when run by hand without the wrapper, so they never touch a real keyring.
class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    static QString mode() { return qEnvironmentVariable("MC_TEST_KEYRING"); }
    static bool withKeyring() { return mode() == u"secret-service"; }
    static bool withoutKeyring() { return mode() == u"none"; }

    // Waits (from the event loop) for one answer of the store; a timeout is reported as such.
    template<typename T, typename Call>
    Result<T> await(Call call)
    {
        auto guard = std::make_unique<QObject>(); // drops a late answer after a timeout
        std::optional<Result<T>> got;
        call(guard.get(), [&got](const Result<T> &r) { got = r; });
        if (!QTest::qWaitFor([&got] { return got.has_value(); }, 20000))
            return NetError{NetError::Kind::Timeout, 0, QStringLiteral("no answer"), {}, -1};
        return *got;
    }

    Result<bool> write(SecretStore &store, const QUuid &id, const QString &value,
                       SecretStore::Secret which = SecretStore::Secret::ApiKey)
    {
        return await<bool>([&](QObject *ctx, SecretStore::DoneCallback done) {
            store.write(id, which, value, ctx, std::move(done));
        });
    }
    Result<QString> read(SecretStore &store, const QUuid &id,
                         SecretStore::Secret which = SecretStore::Secret::ApiKey)
    {
        return await<QString>([&](QObject *ctx, SecretStore::ReadCallback done) {
            store.read(id, which, ctx, std::move(done));
        });
    }
    Result<bool> remove(SecretStore &store, const QUuid &id,
                        SecretStore::Secret which = SecretStore::Secret::ApiKey)
    {
        return await<bool>([&](QObject *ctx, SecretStore::DoneCallback done) {
            store.remove(id, which, ctx, std::move(done));
        });
    }
    Result<bool> probe(SecretStore &store)
    {
        return await<bool>([&](QObject *ctx, SecretStore::DoneCallback done) {
            store.probeAvailability(ctx, std::move(done));
        });
    }

    // QVERIFY2 evaluates its message even when the check passes, so this must not touch a
    // missing error.
    template<typename T>
    static QByteArray why(const Result<T> &r)
    {
        return r.ok() ? QByteArray() : r.error().message.toUtf8();
    }

    // Asks the Secret Service directly, through libsecret's command-line tool.
    static QString secretToolLookup(const QString &entry)
    {
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"),
                   {QStringLiteral("lookup"), QStringLiteral("user"), entry,
                    QStringLiteral("server"), SecretStore::defaultServiceName()});
        if (!tool.waitForFinished(20000))
            return QStringLiteral("<secret-tool did not finish>");
        return QString::fromUtf8(tool.readAllStandardOutput());
    }

    QTemporaryDir m_home;
    QString m_keyringData; // where the wrapper's gnome-keyring keeps its (encrypted) files
    QStringList m_secretsUsed;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_keyringData = qEnvironmentVariable("XDG_DATA_HOME");
        // Anything this process might write (a plain-text fallback would go to QSettings'
        // default place) lands in a scratch home that cleanupTestCase() searches.
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (m_home.path() + QStringLiteral("/data")).toUtf8());
        qputenv("XDG_CACHE_HOME", (m_home.path() + QStringLiteral("/cache")).toUtf8());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsoleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_secretstore"));
    }

    void cleanupTestCase()
    {
        for (const QString &secret : std::as_const(m_secretsUsed)) {
            QCOMPARE(filesContaining(m_home.path(), secret), QStringList());
            QCOMPARE(filesContaining(QDir::currentPath(), secret), QStringList());
        }
    }

    void entryNames()
    {
        const QUuid id(QStringLiteral("{0f8fad5b-d9cb-469f-a165-70867728950e}"));
        QCOMPARE(SecretStore::entryName(id, SecretStore::Secret::ApiKey),
                 QStringLiteral("profile/0f8fad5b-d9cb-469f-a165-70867728950e/api-key"));
        QCOMPARE(SecretStore::entryName(id, SecretStore::Secret::EmbedderKey),
                 QStringLiteral("profile/0f8fad5b-d9cb-469f-a165-70867728950e/embedder-key"));
        QCOMPARE(SecretStore().serviceName(), QStringLiteral("memory-console"));
    }

    void probeFindsTheKeychain()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        QSignalSpy changed(&store, &SecretStore::availabilityChanged);
        QCOMPARE(store.availability(), SecretStore::Availability::Unknown);
        const Result<bool> r = probe(store);
        QVERIFY2(r.ok(), why(r));
        QVERIFY(r.value());
        QCOMPARE(store.availability(), SecretStore::Availability::Available);
        QCOMPARE(changed.size(), 1);
    }

    void storeReadOverwriteDelete()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        const QUuid id = QUuid::createUuid();
        const QString first = makeTestSecret();
        const QString second = makeTestSecret();
        m_secretsUsed << first << second;

        Result<bool> done = write(store, id, first);
        QVERIFY2(done.ok(), why(done));
        Result<QString> got = read(store, id);
        QVERIFY2(got.ok(), why(got));
        QCOMPARE(got.value(), first);
        // The key is really in the Secret Service (QtKeychain's libsecret schema: user is the
        // entry, server the service), not in some other store.
        QCOMPARE(secretToolLookup(SecretStore::entryName(id, SecretStore::Secret::ApiKey)),
                 first);

        // A second store (as after a restart) reads what the keychain holds.
        SecretStore again;
        got = read(again, id);
        QVERIFY2(got.ok(), why(got));
        QCOMPARE(got.value(), first);

        done = write(store, id, second);
        QVERIFY2(done.ok(), why(done));
        got = read(again, id);
        QVERIFY2(got.ok(), why(got));
        QCOMPARE(got.value(), second);

        done = remove(store, id);
        QVERIFY2(done.ok(), why(done));
        got = read(again, id);
        QVERIFY2(got.ok(), why(got));
        QCOMPARE(got.value(), QString());
        QCOMPARE(secretToolLookup(SecretStore::entryName(id, SecretStore::Secret::ApiKey)),
                 QString());
    }

    void missingEntryIsNoKeyNotAnError()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        const Result<QString> got = read(store, QUuid::createUuid());
        QVERIFY2(got.ok(), why(got));
        QCOMPARE(got.value(), QString());
        QCOMPARE(store.availability(), SecretStore::Availability::Available);

        const Result<bool> removed = remove(store, QUuid::createUuid());
        QVERIFY2(removed.ok(), why(removed));
    }

    void emptyKeyRemovesTheEntry()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        const QUuid id = QUuid::createUuid();
        const QString key = makeTestSecret();
        m_secretsUsed << key;
        QVERIFY(write(store, id, key).ok());
        QVERIFY(write(store, id, QString()).ok());
        const Result<QString> got = read(store, id);
        QVERIFY2(got.ok(), why(got));
        QCOMPARE(got.value(), QString());
    }

    void profilesAndSecretsAreIsolated()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        const QString keyA = makeTestSecret();
        const QString keyB = makeTestSecret();
        const QString embedderA = makeTestSecret();
        m_secretsUsed << keyA << keyB << embedderA;

        QVERIFY(write(store, a, keyA).ok());
        QVERIFY(write(store, b, keyB).ok());
        QVERIFY(write(store, a, embedderA, SecretStore::Secret::EmbedderKey).ok());

        QCOMPARE(read(store, a).value(), keyA);
        QCOMPARE(read(store, b).value(), keyB);
        QCOMPARE(read(store, a, SecretStore::Secret::EmbedderKey).value(), embedderA);
        QCOMPARE(read(store, b, SecretStore::Secret::EmbedderKey).value(), QString());

        // Deleting one profile's key leaves the other profile and the other secret alone.
        QVERIFY(remove(store, a).ok());
        QCOMPARE(read(store, a).value(), QString());
        QCOMPARE(read(store, b).value(), keyB);
        QCOMPARE(read(store, a, SecretStore::Secret::EmbedderKey).value(), embedderA);

        // Another service name is another namespace in the keychain.
        SecretStore other(QStringLiteral("memory-console-other"));
        QCOMPARE(read(other, b).value(), QString());
    }

    void sessionOnlyKeyShadowsAndIsNeverStored()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        const QUuid id = QUuid::createUuid();
        const QString stored = makeTestSecret();
        const QString typed = makeTestSecret();
        m_secretsUsed << stored << typed;
        QVERIFY(write(store, id, stored).ok());

        store.setSessionOnlyKey(id, SecretStore::Secret::ApiKey, typed);
        QVERIFY(store.hasSessionOnlyKey(id, SecretStore::Secret::ApiKey));
        QCOMPARE(read(store, id).value(), typed);
        // Only this store's memory has it: the keychain still holds the stored key.
        SecretStore fresh;
        QCOMPARE(read(fresh, id).value(), stored);

        // Saving to the keychain ends the session-only key.
        const QString saved = makeTestSecret();
        m_secretsUsed << saved;
        QVERIFY(write(store, id, saved).ok());
        QVERIFY(!store.hasSessionOnlyKey(id, SecretStore::Secret::ApiKey));
        QCOMPARE(read(store, id).value(), saved);

        QVERIFY(remove(store, id).ok());
    }

    void callbackAnswersFromTheEventLoop()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        const QUuid id = QUuid::createUuid();
        store.setSessionOnlyKey(id, SecretStore::Secret::ApiKey, QStringLiteral("x"));
        bool answered = false;
        store.read(id, SecretStore::Secret::ApiKey, this,
                   [&answered](const Result<QString> &) { answered = true; });
        QVERIFY(!answered); // never inside the call that asked
        QTRY_VERIFY(answered);
    }

    void closedContextGetsNoLateAnswer()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        bool answered = false;
        auto pane = std::make_unique<QObject>();
        store.read(QUuid::createUuid(), SecretStore::Secret::ApiKey, pane.get(),
                   [&answered](const Result<QString> &) { answered = true; });
        pane.reset(); // the pane closes before the keychain answers
        // A later call on the same store proves the first one has been answered by now
        // (QtKeychain runs jobs in order).
        QVERIFY(read(store, QUuid::createUuid()).ok());
        QVERIFY(!answered);
    }

    void keyringFilesHoldNoPlainKey()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        const QUuid id = QUuid::createUuid();
        const QString key = makeTestSecret();
        m_secretsUsed << key;
        QVERIFY(write(store, id, key).ok());
        QVERIFY(!m_keyringData.isEmpty());
        QVERIFY(QDir(m_keyringData + QStringLiteral("/keyrings")).exists());
        // gnome-keyring encrypts the keyring on disk with its password.
        QCOMPARE(filesContaining(m_keyringData, key), QStringList());
    }

    // Runs last among the keychain tests: it locks the throwaway keyring for good (unlocking
    // needs a password prompt, and there is no display).
    void lockedKeyringIsAccessDenied()
    {
        if (!withKeyring())
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        SecretStore store;
        const QUuid id = QUuid::createUuid();
        const QString key = makeTestSecret();
        m_secretsUsed << key;
        QVERIFY(write(store, id, key).ok());

        QProcess lock;
        lock.start(QStringLiteral("dbus-send"),
                   {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                    QStringLiteral("--dest=org.freedesktop.secrets"),
                    QStringLiteral("/org/freedesktop/secrets"),
                    QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                    QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
        QVERIFY(lock.waitForFinished(20000));
        QCOMPARE(lock.exitCode(), 0);

        const QString other = makeTestSecret();
        m_secretsUsed << other;
        const Result<bool> written = write(store, QUuid::createUuid(), other);
        QVERIFY(!written.ok());
        qInfo().noquote() << "locked-keyring message:" << written.error().message;
        QCOMPARE(SecretStore::failureOf(written.error()), SecretStore::Failure::AccessDenied);
        // libsecret answers a lookup it cannot unlock with "nothing found", so a read of a
        // locked keyring looks like "no key stored"; saving the key the user then types
        // reports AccessDenied, as above. Asserted so that a change in that is noticed.
        const Result<QString> got = read(store, id);
        QVERIFY2(got.ok(), why(got));
        QCOMPARE(got.value(), QString());
    }

    void noKeyringReportsClearMessage()
    {
        if (!withoutKeyring())
            QSKIP("runs as tst_secretstore_nokeyring, without a D-Bus session");
        SecretStore store;
        QSignalSpy changed(&store, &SecretStore::availabilityChanged);
        const Result<bool> probed = probe(store);
        QVERIFY(!probed.ok());
        QCOMPARE(SecretStore::failureOf(probed.error()), SecretStore::Failure::NoKeyring);
        QCOMPARE(store.availability(), SecretStore::Availability::Unavailable);
        QCOMPARE(changed.size(), 1);

        const QUuid id = QUuid::createUuid();
        const QString key = makeTestSecret();
        m_secretsUsed << key;
        const Result<bool> written = write(store, id, key);
        QVERIFY(!written.ok());
        QCOMPARE(SecretStore::failureOf(written.error()), SecretStore::Failure::NoKeyring);
        const QString message = written.error().message;
        qInfo().noquote() << "no-keyring message:" << message;
        QVERIFY2(message.contains(QStringLiteral("no keychain is available")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("not stored anywhere")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("for this session only")), qPrintable(message));
        QVERIFY2(!message.contains(key), "an error message must never carry the key");
        QVERIFY(message.contains(SecretStore::entryName(id, SecretStore::Secret::ApiKey)));

        const Result<QString> got = read(store, id);
        QVERIFY(!got.ok());
        QCOMPARE(SecretStore::failureOf(got.error()), SecretStore::Failure::NoKeyring);
    }

    void noKeyringWritesNoPlainTextFile()
    {
        if (!withoutKeyring())
            QSKIP("runs as tst_secretstore_nokeyring, without a D-Bus session");
        SecretStore store;
        const QString key = makeTestSecret();
        m_secretsUsed << key;
        QVERIFY(!write(store, QUuid::createUuid(), key).ok());
        QVERIFY(!write(store, QUuid::createUuid(), key, SecretStore::Secret::EmbedderKey).ok());

        QCOMPARE(filesContaining(m_home.path(), key), QStringList());
        QCOMPARE(filesContaining(QDir::currentPath(), key), QStringList());
        // QtKeychain's insecure fallback would write QSettings files; none may exist.
        QVERIFY(!QFileInfo::exists(QSettings().fileName()));
        QVERIFY(!QFileInfo::exists(QSettings(SecretStore::defaultServiceName()).fileName()));
        QDir config(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation));
        QVERIFY2(!config.exists() || config.isEmpty(),
                 qPrintable(config.entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
                                .join(u", ")));
    }

    void noKeyringSessionOnlyFallback()
    {
        if (!withoutKeyring())
            QSKIP("runs as tst_secretstore_nokeyring, without a D-Bus session");
        SecretStore store;
        const QUuid id = QUuid::createUuid();
        const QString key = makeTestSecret();
        m_secretsUsed << key;
        const Result<bool> written = write(store, id, key);
        QVERIFY(!written.ok());
        // The UI has told the user; it keeps the key for this session only.
        store.setSessionOnlyKey(id, SecretStore::Secret::ApiKey, key);
        Result<QString> got = read(store, id);
        QVERIFY2(got.ok(), why(got));
        QCOMPARE(got.value(), key);
        // Other profiles and the embedder key are not affected.
        QVERIFY(!read(store, QUuid::createUuid()).ok());
        QVERIFY(!read(store, id, SecretStore::Secret::EmbedderKey).ok());

        store.clearSessionOnlyKey(id, SecretStore::Secret::ApiKey);
        QVERIFY(!store.hasSessionOnlyKey(id, SecretStore::Secret::ApiKey));
        got = read(store, id);
        QVERIFY(!got.ok());
        QCOMPARE(SecretStore::failureOf(got.error()), SecretStore::Failure::NoKeyring);

        // Removing a profile's key forgets the session copy even without a keychain.
        store.setSessionOnlyKey(id, SecretStore::Secret::ApiKey, key);
        QVERIFY(!remove(store, id).ok());
        QVERIFY(!store.hasSessionOnlyKey(id, SecretStore::Secret::ApiKey));

        QCOMPARE(filesContaining(m_home.path(), key), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
