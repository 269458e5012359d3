#include "connectionprofilestore.h"
#include "secretscan.h"
#include "secretstore.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

// Runs under dbus-run-session + run-with-keyring.sh (MC_TEST_KEYRING=secret-service) so that
// keys really go through the Secret Service before the settings files are searched for them.
class TestConnectionProfiles : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name) const { return m_dir->path() + u'/' + name; }

    static QByteArray fileBytes(const QString &fileName)
    {
        QFile file(fileName);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    template<typename T>
    static QByteArray why(const Result<T> &r)
    {
        return r.ok() ? QByteArray() : r.error().message.toUtf8();
    }

    // Every field away from its default, so a round trip proves each one is kept.
    ConnectionProfile fullProfile(const QString &name) const
    {
        const QUrl url(QStringLiteral("https://qdrant.example.com:6333/prefix"));
        ConnectionProfile p = ConnectionProfile::create(name, url);
        p.tlsIgnoreErrors = true;
        p.caCertificatePath = m_caFile;
        p.colour = QStringLiteral("#c62828");
        p.readOnly = true;
        p.collectionPattern = QStringLiteral("tenant_{id}_{type}");
        p.tenantPayloadKey = QStringLiteral("company_id");
        p.embedderKind = ConnectionProfile::EmbedderKind::OpenAi;
        p.embedderBaseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
        p.embedderModel = QStringLiteral("text-embedding-3-small");
        p.embedderDimensions = 768;
        return p;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QTemporaryDir m_home;
    QString m_caFile;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (m_home.path() + QStringLiteral("/data")).toUtf8());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsoleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectionprofiles"));
        m_caFile = m_home.path() + QStringLiteral("/ca.pem");
        QFile ca(m_caFile);
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void defaultFilePathIsInTheTestConfigFolder()
    {
        const QString file = ConnectionProfileStore::defaultFilePath();
        QVERIFY2(file.startsWith(m_home.path()), qPrintable(file));
        QVERIFY(file.endsWith(QStringLiteral("/connections.ini")));
    }

    void newProfileDefaults()
    {
        const QUrl url(QStringLiteral("http://h:6333"));
        const ConnectionProfile p = ConnectionProfile::create(QStringLiteral("prod"), url);
        QVERIFY(!p.id.isNull());
        QVERIFY(p.id != ConnectionProfile::create(p.name, p.url).id);
        QCOMPARE(p.collectionPattern, QStringLiteral("company_{id}_{type}"));
        QCOMPARE(p.tenantPayloadKey, QStringLiteral("customer_id"));
        QCOMPARE(p.embedderKind, ConnectionProfile::EmbedderKind::Local);
        QCOMPARE(p.embedderDimensions, 1536);
        QVERIFY(!p.readOnly);
        QVERIFY(!p.tlsIgnoreErrors);
        QVERIFY(!p.embedded);
        QVERIFY2(p.isValid(), qPrintable(p.problems().join(u'\n')));
    }

    void embeddedDefaultWhenNoneSaved()
    {
        ConnectionProfileStore store(path(QStringLiteral("connections.ini")));
        const Result<bool> loaded = store.load();
        QVERIFY2(loaded.ok(), why(loaded));
        QVERIFY(store.isDefaultList());
        const QList<ConnectionProfile> list = store.profiles();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().name, QStringLiteral("Embedded memory-store"));
        QVERIFY(list.first().embedded);
        QVERIFY2(list.first().isValid(), qPrintable(list.first().problems().join(u'\n')));
        // Same id on every run, so its keychain entry (if any) is found again.
        QCOMPARE(list.first().id, ConnectionProfile::embeddedDefault().id);
        QVERIFY(store.profile(list.first().id).ok());
        QVERIFY(!QFileInfo::exists(store.filePath())); // offering it writes nothing

        const Result<bool> removed = store.remove(list.first().id);
        QVERIFY(!removed.ok());
        QCOMPARE(removed.error().kind, NetError::Kind::Invalid);
    }

    void roundTrip()
    {
        const QString file = path(QStringLiteral("sub/dir/connections.ini"));
        ConnectionProfileStore store(file);
        QVERIFY(store.load().ok());
        const ConnectionProfile prod = fullProfile(QStringLiteral("Production – EU ☁"));
        ConnectionProfile local = ConnectionProfile::create(
            QStringLiteral("local; [weird] = name"), QUrl(QStringLiteral("http://127.0.0.1:6333")));
        local.collectionPattern.clear(); // no tenancy at all
        local.tenantPayloadKey.clear();
        ConnectionProfile embedded = ConnectionProfile::embeddedDefault();

        for (const ConnectionProfile &p : {prod, local, embedded}) {
            const Result<bool> saved = store.save(p);
            QVERIFY2(saved.ok(), why(saved));
        }
        QVERIFY(!store.isDefaultList());

        ConnectionProfileStore reread(file);
        const Result<bool> loaded = reread.load();
        QVERIFY2(loaded.ok(), why(loaded));
        QCOMPARE(reread.profiles().size(), 3);
        QCOMPARE(reread.profiles(), store.profiles());
        QCOMPARE(reread.profile(prod.id).value(), prod);
        QCOMPARE(reread.profile(local.id).value(), local);
        QCOMPARE(reread.profile(embedded.id).value(), embedded);

        // Sorted by name for the profile list.
        QStringList names;
        for (const ConnectionProfile &p : reread.profiles())
            names << p.name;
        QStringList sorted = names;
        std::sort(sorted.begin(), sorted.end(),
                  [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
        QCOMPARE(names, sorted);

        // A plain QSettings reader sees the INI format.
        QSettings raw(file, QSettings::IniFormat);
        QCOMPARE(raw.value(QStringLiteral("format/version")).toInt(), 1);
        QCOMPARE(raw.value(QStringLiteral("profiles/") + prod.id.toString(QUuid::WithoutBraces)
                           + QStringLiteral("/embedder/kind"))
                     .toString(),
                 QStringLiteral("openai"));
    }

    void updateAndRemove()
    {
        ConnectionProfileStore store(path(QStringLiteral("connections.ini")));
        QVERIFY(store.load().ok());
        ConnectionProfile a = fullProfile(QStringLiteral("A"));
        ConnectionProfile b = fullProfile(QStringLiteral("B"));
        QVERIFY(store.save(a).ok());
        QVERIFY(store.save(b).ok());

        a.name = QStringLiteral("A renamed");
        a.readOnly = false;
        QVERIFY(store.save(a).ok());
        QCOMPARE(store.profiles().size(), 2);
        QCOMPARE(store.profile(a.id).value(), a);

        ConnectionProfile clash = fullProfile(QStringLiteral("b"));
        const Result<bool> refused = store.save(clash);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("exists already")), why(refused));

        QVERIFY(store.remove(b.id).ok());
        QVERIFY(!store.remove(b.id).ok());
        ConnectionProfileStore reread(store.filePath());
        QVERIFY(reread.load().ok());
        QCOMPARE(reread.profiles(), QList<ConnectionProfile>{a});

        QVERIFY(store.remove(a.id).ok());
        QVERIFY(store.isDefaultList());
        QVERIFY(reread.load().ok());
        QCOMPARE(reread.profiles(), QList<ConnectionProfile>{ConnectionProfile::embeddedDefault()});
    }

    void validation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");

        QTest::newRow("empty name") << "name" << "  " << "needs a name";
        QTest::newRow("two-line name") << "name" << "a\nb" << "one line";
        QTest::newRow("no url") << "url" << "" << "server URL is missing";
        QTest::newRow("ftp url") << "url" << "ftp://h/" << "http:// or https://";
        QTest::newRow("no scheme") << "url" << "qdrant.local:6333" << "http:// or https://";
        QTest::newRow("no host") << "url" << "http://" << "no host";
        QTest::newRow("password in url") << "url" << "https://u:mc-test-secret-x@h/"
                                         << "user name or password";
        QTest::newRow("key in query") << "url" << "https://h/?api-key=mc-test-secret-x"
                                      << "query or fragment";
        QTest::newRow("pattern without id") << "pattern" << "company_{type}"
                                            << "must contain {id} exactly once";
        QTest::newRow("pattern with two ids") << "pattern" << "{id}_{id}"
                                              << "must contain {id} exactly once";
        QTest::newRow("pattern unknown placeholder") << "pattern" << "c_{id}_{tenant}"
                                                     << "unknown placeholder {tenant}";
        QTest::newRow("pattern with slash") << "pattern" << "a/{id}" << "cannot have";
        QTest::newRow("payload key with space") << "tenantKey" << "customer id"
                                                << "must not contain spaces";
        QTest::newRow("bad colour") << "colour" << "red" << "#rrggbb";
        QTest::newRow("missing ca file") << "ca" << "/nonexistent/ca.pem" << "does not exist";
        QTest::newRow("zero dimensions") << "dimensions" << "0" << "between 1 and 65536";
        QTest::newRow("huge dimensions") << "dimensions" << "70000" << "between 1 and 65536";
        QTest::newRow("openai without url") << "embedderUrl" << "" << "embedder URL is missing";
        QTest::newRow("openai ws url") << "embedderUrl" << "ws://h/v1" << "http:// or https://";
        QTest::newRow("openai without model") << "embedderModel" << " " << "model name";
    }
    void validation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);

        ConnectionProfile p = fullProfile(QStringLiteral("valid"));
        QVERIFY2(p.isValid(), qPrintable(p.problems().join(u'\n')));
        if (field == u"name")
            p.name = value;
        else if (field == u"url")
            p.url = QUrl(value);
        else if (field == u"pattern")
            p.collectionPattern = value;
        else if (field == u"tenantKey")
            p.tenantPayloadKey = value;
        else if (field == u"colour")
            p.colour = value;
        else if (field == u"ca")
            p.caCertificatePath = value;
        else if (field == u"dimensions")
            p.embedderDimensions = value.toInt();
        else if (field == u"embedderUrl")
            p.embedderBaseUrl = QUrl(value);
        else if (field == u"embedderModel")
            p.embedderModel = value;

        const QStringList problems = p.problems();
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(message), qPrintable(problems.first()));

        // save() refuses it with the same sentence, and the file is not touched.
        ConnectionProfileStore store(path(QStringLiteral("connections.ini")));
        const Result<bool> saved = store.save(p);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().kind, NetError::Kind::Invalid);
        QVERIFY(saved.error().message.contains(message));
        QVERIFY(!QFileInfo::exists(store.filePath()));
        // A refused URL that carried a key must not have been written anywhere.
        QCOMPARE(filesContaining(m_dir->path(), QStringLiteral("mc-test-secret-x")),
                 QStringList());
    }

    void embeddedProfileNeedsNoUrlAndLocalEmbedderNoModel()
    {
        ConnectionProfile p = ConnectionProfile::embeddedDefault();
        QVERIFY(p.url.isEmpty());
        QVERIFY(p.embedderModel.isEmpty());
        QVERIFY2(p.isValid(), qPrintable(p.problems().join(u'\n')));
        p.embedded = false;
        QVERIFY(!p.isValid());
    }

    void newerFormatIsRefused()
    {
        const QString file = path(QStringLiteral("connections.ini"));
        {
            QSettings raw(file, QSettings::IniFormat);
            raw.setValue(QStringLiteral("format/version"), 99);
        }
        ConnectionProfileStore store(file);
        const Result<bool> loaded = store.load();
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(QStringLiteral("newer version")), why(loaded));
    }

    void settingsNeverHoldTheKey()
    {
        if (qEnvironmentVariable("MC_TEST_KEYRING") != u"secret-service")
            QSKIP("needs the throwaway Secret Service (run through ctest)");
        const QString file = path(QStringLiteral("connections.ini"));
        ConnectionProfileStore store(file);
        QVERIFY(store.load().ok());
        ConnectionProfile p = fullProfile(QStringLiteral("with keys"));
        QVERIFY(store.save(p).ok());

        // The key goes through the real keychain, and a session-only key into memory...
        SecretStore secrets;
        const QString apiKey = makeTestSecret();
        const QString embedderKey = makeTestSecret();
        const QString sessionKey = makeTestSecret();
        std::optional<Result<bool>> written;
        secrets.write(p.id, SecretStore::Secret::ApiKey, apiKey, this,
                      [&written](const Result<bool> &r) { written = r; });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 20000);
        QVERIFY2(written->ok(), why(*written));
        written.reset();
        secrets.write(p.id, SecretStore::Secret::EmbedderKey, embedderKey, this,
                      [&written](const Result<bool> &r) { written = r; });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 20000);
        QVERIFY2(written->ok(), why(*written));
        ConnectionProfile other = fullProfile(QStringLiteral("session only"));
        QVERIFY(store.save(other).ok());
        secrets.setSessionOnlyKey(other.id, SecretStore::Secret::ApiKey, sessionKey);

        std::optional<Result<QString>> got;
        secrets.read(p.id, SecretStore::Secret::ApiKey, this,
                     [&got](const Result<QString> &r) { got = r; });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 20000);
        QCOMPARE(got->value(), apiKey);

        // ...and the profiles are saved again with everything else that might be written.
        p.name = QStringLiteral("with keys, renamed");
        QVERIFY(store.save(p).ok());
        QVERIFY(store.save(other).ok());
        QSettings().setValue(QStringLiteral("lastProfile"), p.id.toString());
        QSettings().sync();

        const QByteArray bytes = fileBytes(file);
        QVERIFY(bytes.contains(p.id.toString(QUuid::WithoutBraces).toUtf8()));
        QVERIFY(!bytes.contains("mc-test-secret-"));
        for (const QString &key : {apiKey, embedderKey, sessionKey}) {
            QCOMPARE(filesContaining(m_dir->path(), key), QStringList());
            QCOMPARE(filesContaining(m_home.path(), key), QStringList());
        }
    }

    void failedWriteLeavesTheOldFile()
    {
        const QString file = path(QStringLiteral("connections.ini"));
        ConnectionProfileStore store(file);
        QVERIFY(store.load().ok());
        const ConnectionProfile a = fullProfile(QStringLiteral("A"));
        QVERIFY(store.save(a).ok());
        const QByteArray before = fileBytes(file);
        QVERIFY(before.size() > 200);

        // A disk that fills up mid-write: the file-size limit makes every write past 64 bytes
        // fail with EFBIG (root included), so the new file can never be complete.
        struct rlimit old {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit tiny = old;
        tiny.rlim_cur = 64;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &tiny), 0);
        const Result<bool> saved = store.save(fullProfile(QStringLiteral("B")));
        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldHandler);

        QVERIFY(!saved.ok());
        QVERIFY2(saved.error().message.contains(m_dir->path()), why(saved));
        QCOMPARE(fileBytes(file), before);
        QCOMPARE(store.profiles(), QList<ConnectionProfile>{a}); // memory unchanged too
        ConnectionProfileStore reread(file);
        QVERIFY(reread.load().ok());
        QCOMPARE(reread.profiles(), QList<ConnectionProfile>{a});
        // No scratch file is left behind.
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("connections.ini")});
    }

    void crashBeforeRenameLeavesTheOldFile()
    {
        const QString file = path(QStringLiteral("connections.ini"));
        ConnectionProfileStore store(file);
        QVERIFY(store.load().ok());
        const ConnectionProfile a = fullProfile(QStringLiteral("A"));
        QVERIFY(store.save(a).ok());
        // What a crash after writing the scratch file but before the rename leaves behind.
        QFile scratch(path(QStringLiteral(".connections.ini.Ab12Cd")));
        QVERIFY(scratch.open(QIODevice::WriteOnly));
        scratch.write("[profiles]\nhalf-writ");
        scratch.close();

        ConnectionProfileStore reread(file);
        QVERIFY(reread.load().ok());
        QCOMPARE(reread.profiles(), QList<ConnectionProfile>{a});
        // The next save still works next to the leftover.
        const ConnectionProfile b = fullProfile(QStringLiteral("B"));
        QVERIFY(reread.save(b).ok());
        ConnectionProfileStore third(file);
        QVERIFY(third.load().ok());
        QCOMPARE(third.profiles().size(), 2);
    }

    void readOnlyFolderLeavesTheOldFile()
    {
        if (geteuid() == 0)
            QSKIP("root writes into read-only folders; failedWriteLeavesTheOldFile covers it");
        const QString file = path(QStringLiteral("connections.ini"));
        ConnectionProfileStore store(file);
        QVERIFY(store.load().ok());
        const ConnectionProfile a = fullProfile(QStringLiteral("A"));
        QVERIFY(store.save(a).ok());
        const QByteArray before = fileBytes(file);
        QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::ExeOwner);
        const Result<bool> saved = store.save(fullProfile(QStringLiteral("B")));
        QFile::setPermissions(m_dir->path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(!saved.ok());
        QCOMPARE(fileBytes(file), before);
    }

    void unusableFolderIsAClearError()
    {
        const QString blocker = path(QStringLiteral("not-a-folder"));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        ConnectionProfileStore store(blocker + QStringLiteral("/connections.ini"));
        const Result<bool> saved = store.save(fullProfile(QStringLiteral("A")));
        QVERIFY(!saved.ok());
        QVERIFY2(saved.error().message.contains(blocker), why(saved));
        QVERIFY(store.isDefaultList());
    }
};

QTEST_GUILESS_MAIN(TestConnectionProfiles)
#include "tst_connectionprofiles.moc"
