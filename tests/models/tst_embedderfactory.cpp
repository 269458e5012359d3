// EmbedderFactory: the profile's embedder, local or OpenAI-compatible (real HTTP to a fake
// /v1/embeddings), with the key from a session-only key, from a throwaway keyring, or none
// when there is no keyring at all. ctest runs it twice (see tests/models/CMakeLists.txt): under
// a private Secret Service, and as tst_embedderfactory_nokeyring with no D-Bus bus at all.

#include "embedderfactory.h"
#include "fakeopenaiserver.h"
#include "localembedder.h"
#include "openaiembedder.h"
#include "secretstore.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

namespace {

const QString kService = QStringLiteral("memory-console-test-embedderfactory");

bool withKeyring()
{
    return qEnvironmentVariable("MC_TEST_KEYRING") == u"secret-service";
}

bool withoutKeyring()
{
    return qEnvironmentVariable("MC_TEST_KEYRING") == u"none";
}

// For QVERIFY2, which builds its message whether or not the check failed.
template <typename T> QByteArray why(const std::optional<Result<T>> &result)
{
    if (!result)
        return "no answer";
    return result->ok() ? QByteArray("ok") : result->error().message.toUtf8();
}

} // namespace

class TestEmbedderFactory : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void localHasTheProfilesDimension();
    void answersFromTheEventLoopOnly();
    void ownerGoneMeansNoAnswer();
    void wrongSettingsAreRefused_data();
    void wrongSettingsAreRefused();
    void openAiUsesTheSessionOnlyKey();
    void openAiSendsDimensionsOnlyWhenNotTheModelsOwn();
    void openAiKeyFromTheKeyring();
    void noKeyringMeansNoKey();
    void vectorFor_data();
    void vectorFor();

private:
    /// Runs create() and waits for its one answer.
    std::optional<Result<Embedder *>> make(const ConnectionProfile &profile, SecretStore *secrets);
    /// Embeds one text and waits for the vector.
    std::optional<Result<Embeddings>> embed(Embedder *embedder, const QString &text);
    ConnectionProfile openAiProfile(int dimensions) const;

    std::unique_ptr<QObject> m_owner;
    std::unique_ptr<FakeOpenAiServer> m_server;
};

void TestEmbedderFactory::init()
{
    m_owner = std::make_unique<QObject>();
    m_server = std::make_unique<FakeOpenAiServer>();
    QVERIFY(m_server->listen());
}

void TestEmbedderFactory::cleanup()
{
    m_owner.reset();
    m_server.reset();
}

std::optional<Result<Embedder *>> TestEmbedderFactory::make(
    const ConnectionProfile &profile, SecretStore *secrets)
{
    auto got = std::make_shared<std::optional<Result<Embedder *>>>();
    EmbedderFactory::create(profile, secrets, m_owner.get(),
        [got](const Result<Embedder *> &result) { *got = result; });
    if (!QTest::qWaitFor([got] { return got->has_value(); }, 20000))
        return std::nullopt;
    return *got;
}

std::optional<Result<Embeddings>> TestEmbedderFactory::embed(
    Embedder *embedder, const QString &text)
{
    auto got = std::make_shared<std::optional<Result<Embeddings>>>();
    EmbedCall *call = embedder->embed({text});
    connect(call, &EmbedCall::finished, m_owner.get(),
        [got](const Result<Embeddings> &result) { *got = result; });
    if (!QTest::qWaitFor([got] { return got->has_value(); }, 20000))
        return std::nullopt;
    return *got;
}

ConnectionProfile TestEmbedderFactory::openAiProfile(int dimensions) const
{
    ConnectionProfile profile = ConnectionProfile::create(
        QStringLiteral("remote"), QUrl(QStringLiteral("http://127.0.0.1:1")));
    profile.embedderKind = ConnectionProfile::EmbedderKind::OpenAi;
    profile.embedderBaseUrl = m_server->baseUrl();
    profile.embedderModel = QStringLiteral("text-embedding-3-small");
    profile.embedderDimensions = dimensions;
    return profile;
}

void TestEmbedderFactory::localHasTheProfilesDimension()
{
    ConnectionProfile profile = ConnectionProfile::embeddedDefault();
    profile.embedderDimensions = 48;
    QCOMPARE(EmbedderFactory::describe(profile), QStringLiteral("lexical, offline"));
    const auto made = make(profile, nullptr);
    QVERIFY(made && made->ok());
    Embedder *embedder = made->value();
    QVERIFY(qobject_cast<LocalEmbedder *>(embedder));
    QCOMPARE(embedder->parent(), m_owner.get());
    QCOMPARE(embedder->dimension(), 48);
    QCOMPARE(embedder->displayName(), QStringLiteral("lexical, offline"));
    const QString text = QStringLiteral("Prefers staged rollouts with a day of validation");
    const auto vectors = embed(embedder, text);
    QVERIFY(vectors && vectors->ok());
    QCOMPARE(vectors->value().size(), 1);
    // The factory's embedder is the plain LocalEmbedder: the same text, the same vector.
    QCOMPARE(vectors->value().first(), LocalEmbedder::embedText(text, 48).value());
}

void TestEmbedderFactory::answersFromTheEventLoopOnly()
{
    bool answered = false;
    EmbedderFactory::create(ConnectionProfile::embeddedDefault(), nullptr, m_owner.get(),
        [&answered](const Result<Embedder *> &) { answered = true; });
    QVERIFY(!answered); // never inside the call: callers finish setting up first
    QTRY_VERIFY(answered);
}

void TestEmbedderFactory::ownerGoneMeansNoAnswer()
{
    SecretStore secrets(kService);
    const ConnectionProfile profile = openAiProfile(8);
    secrets.setSessionOnlyKey(
        profile.id, SecretStore::Secret::EmbedderKey, QStringLiteral("sk-gone"));
    auto answered = std::make_shared<int>(0);
    for (const ConnectionProfile &p : {ConnectionProfile::embeddedDefault(), profile}) {
        auto owner = std::make_unique<QObject>();
        EmbedderFactory::create(
            p, &secrets, owner.get(), [answered](const Result<Embedder *> &) { ++*answered; });
        owner.reset();
    }
    // Once a freshly started call has certainly been delivered, it has not been.
    bool later = false;
    EmbedderFactory::create(ConnectionProfile::embeddedDefault(), nullptr, m_owner.get(),
        [&later](const Result<Embedder *> &) { later = true; });
    QTRY_VERIFY(later);
    QCOMPARE(*answered, 0);
}

void TestEmbedderFactory::wrongSettingsAreRefused_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("dimensions");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("named");

    const int local = int(ConnectionProfile::EmbedderKind::Local);
    const int openAi = int(ConnectionProfile::EmbedderKind::OpenAi);
    QTest::newRow("local, size 0") << local << 0 << QString() << QString() << QStringLiteral("0");
    QTest::newRow("local, too large")
        << local << 70000 << QString() << QString() << QStringLiteral("70000");
    QTest::newRow("openai, no url")
        << openAi << 8 << QString() << QStringLiteral("m") << QStringLiteral("URL is missing");
    QTest::newRow("openai, ftp") << openAi << 8 << QStringLiteral("ftp://host/v1")
                                 << QStringLiteral("m") << QStringLiteral("ftp://host/v1");
    QTest::newRow("openai, no model") << openAi << 8 << QStringLiteral("http://127.0.0.1:9/v1")
                                      << QStringLiteral("  ") << QStringLiteral("model name");
}

void TestEmbedderFactory::wrongSettingsAreRefused()
{
    QFETCH(int, kind);
    QFETCH(int, dimensions);
    QFETCH(QString, url);
    QFETCH(QString, model);
    QFETCH(QString, named);
    ConnectionProfile profile = ConnectionProfile::embeddedDefault();
    profile.embedderKind = ConnectionProfile::EmbedderKind(kind);
    profile.embedderDimensions = dimensions;
    profile.embedderBaseUrl = QUrl(url);
    profile.embedderModel = model;
    QVERIFY(!EmbedderFactory::problems(profile).isEmpty());
    const auto made = make(profile, nullptr);
    QVERIFY(made && !made->ok());
    QCOMPARE(made->error().kind, NetError::Kind::Invalid);
    QVERIFY2(made->error().message.contains(named), qPrintable(made->error().message));
    QVERIFY(m_owner->children().isEmpty()); // nothing was made
    QCOMPARE(m_server->requestCount(), 0);
}

void TestEmbedderFactory::openAiUsesTheSessionOnlyKey()
{
    SecretStore secrets(kService);
    const ConnectionProfile profile = openAiProfile(24);
    const QString key = QStringLiteral("sk-session-only-3f9a");
    secrets.setSessionOnlyKey(profile.id, SecretStore::Secret::EmbedderKey, key);
    const auto made = make(profile, &secrets);
    QVERIFY2(made && made->ok(), why(made).constData());
    auto *embedder = qobject_cast<OpenAiEmbedder *>(made->value());
    QVERIFY(embedder);
    QCOMPARE(embedder->parent(), m_owner.get());
    QCOMPARE(embedder->dimension(), 24);
    const QString shown
        = QStringLiteral("127.0.0.1:%1 text-embedding-3-small").arg(m_server->baseUrl().port());
    QCOMPARE(embedder->displayName(), shown);
    QCOMPARE(EmbedderFactory::describe(profile), shown);

    const QString text = QStringLiteral("Wants weekly cost reports");
    const auto vectors = embed(embedder, text);
    QVERIFY2(vectors && vectors->ok(), why(vectors).constData());
    QCOMPARE(vectors->value().first(), FakeOpenAiServer::vectorFor(text, 24));
    QCOMPARE(m_server->requestCount(), 1);
    const FakeOpenAiServer::Received &request = m_server->received().first();
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + key.toUtf8());
    QCOMPARE(request.json.value(QStringLiteral("model")).toString(),
        QStringLiteral("text-embedding-3-small"));
    QCOMPARE(request.json.value(QStringLiteral("dimensions")).toInt(), 24);
    QCOMPARE(request.inputs(), QStringList {text});
}

void TestEmbedderFactory::openAiSendsDimensionsOnlyWhenNotTheModelsOwn()
{
    // 1536 is text-embedding-3-small's own size: not sent, so that a profile naming
    // text-embedding-ada-002 (which refuses "dimensions") works too.
    const ConnectionProfile profile = openAiProfile(1536);
    m_server->setDefaultDimension(1536);
    const auto made = make(profile, nullptr);
    QVERIFY(made && made->ok());
    QCOMPARE(made->value()->dimension(), 1536);
    const auto vectors = embed(made->value(), QStringLiteral("spot migration"));
    QVERIFY2(vectors && vectors->ok(), why(vectors).constData());
    QCOMPARE(vectors->value().first().size(), 1536);
    QVERIFY(!m_server->received().first().json.contains(QStringLiteral("dimensions")));
    QVERIFY(m_server->received().first().header("Authorization").isEmpty());
}

void TestEmbedderFactory::openAiKeyFromTheKeyring()
{
    if (!withKeyring())
        QSKIP("needs the throwaway Secret Service of ctest (MC_TEST_KEYRING=secret-service)");
    SecretStore secrets(kService);
    const ConnectionProfile profile = openAiProfile(8);
    const QString key = QStringLiteral("sk-from-the-keyring-71c2");
    bool written = false;
    secrets.write(profile.id, SecretStore::Secret::EmbedderKey, key, m_owner.get(),
        [&written](const Result<bool> &r) {
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
            written = true;
        });
    QTRY_VERIFY_WITH_TIMEOUT(written, 20000);
    const auto made = make(profile, &secrets);
    QVERIFY2(made && made->ok(), why(made).constData());
    const auto vectors = embed(made->value(), QStringLiteral("latency"));
    QVERIFY(vectors && vectors->ok());
    QCOMPARE(
        m_server->received().first().header("Authorization"), QByteArray("Bearer ") + key.toUtf8());
    bool removed = false;
    secrets.remove(profile.id, SecretStore::Secret::EmbedderKey, m_owner.get(),
        [&removed](const Result<bool> &) { removed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 20000);
}

void TestEmbedderFactory::noKeyringMeansNoKey()
{
    if (!withoutKeyring())
        QSKIP("runs as tst_embedderfactory_nokeyring (no D-Bus bus at all)");
    SecretStore secrets(kService);
    const ConnectionProfile profile = openAiProfile(8);
    // No keychain: nothing can have been stored, so the embedder goes without a key...
    const auto made = make(profile, &secrets);
    QVERIFY2(made && made->ok(), why(made).constData());
    const auto first = embed(made->value(), QStringLiteral("no key"));
    QVERIFY2(first && first->ok(), why(first).constData());
    QVERIFY(m_server->received().first().header("Authorization").isEmpty());
    // ...but a key kept for this session is still used.
    secrets.setSessionOnlyKey(
        profile.id, SecretStore::Secret::EmbedderKey, QStringLiteral("sk-session"));
    const auto again = make(profile, &secrets);
    QVERIFY(again && again->ok());
    const auto second = embed(again->value(), QStringLiteral("with key"));
    QVERIFY(second && second->ok());
    QCOMPARE(m_server->received().last().header("Authorization"), QByteArray("Bearer sk-session"));
}

void TestEmbedderFactory::vectorFor_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<int>>("sizes");
    QTest::addColumn<int>("dimension");
    QTest::addColumn<QString>("expected"); // "-" for none

    QTest::newRow("unnamed") << QStringList {QString()} << QList<int> {64} << 64 << QString();
    QTest::newRow("unnamed, other size")
        << QStringList {QString()} << QList<int> {64} << 8 << QString();
    QTest::newRow("lone named") << QStringList {QStringLiteral("text")} << QList<int> {64} << 0
                                << QStringLiteral("text");
    QTest::newRow("named, by size") << QStringList {QStringLiteral("image"), QStringLiteral("text")}
                                    << QList<int> {512, 64} << 64 << QStringLiteral("text");
    QTest::newRow("named, none fits")
        << QStringList {QStringLiteral("image"), QStringLiteral("text")} << QList<int> {512, 64}
        << 8 << QStringLiteral("-");
    QTest::newRow("named, two fit") << QStringList {QStringLiteral("a"), QStringLiteral("b")}
                                    << QList<int> {64, 64} << 64 << QStringLiteral("-");
    QTest::newRow("named, size unknown") << QStringList {QStringLiteral("a"), QStringLiteral("b")}
                                         << QList<int> {64, 32} << 0 << QStringLiteral("-");
}

void TestEmbedderFactory::vectorFor()
{
    QFETCH(QStringList, names);
    QFETCH(QList<int>, sizes);
    QFETCH(int, dimension);
    QFETCH(QString, expected);
    QMap<QString, VectorParams> vectors;
    for (qsizetype i = 0; i < names.size(); ++i)
        vectors.insert(names.at(i), VectorParams {sizes.at(i), QStringLiteral("Cosine")});
    const std::optional<QString> chosen = EmbedderFactory::vectorFor(vectors, dimension);
    if (expected == u"-")
        QVERIFY(!chosen);
    else
        QCOMPARE(chosen.value_or(QStringLiteral("-")), expected);
}

QTEST_MAIN(TestEmbedderFactory)
#include "tst_embedderfactory.moc"
