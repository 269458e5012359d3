// memory-store over real HTTP with API keys: a full key and a read-only key, given as the
// `api-key` header or an `Authorization: Bearer` token, as Qdrant takes them. Health checks
// and the root stay open; everything else needs a key, and the read-only key only reads.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QtTest>

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QByteArray kFullKey = "mc-test-secret-full";
const QByteArray kReadOnlyKey = "mc-test-secret-ro";

Headers apiKey(const QByteArray &key)
{
    return {{"api-key", key}};
}

Headers bearer(const QByteArray &key)
{
    return {{"Authorization", "Bearer " + key}};
}

struct Call
{
    const char *tag;
    const char *method;
    const char *path;
    const char *body;
};

// Reads: allowed for both keys. They run against the collection "guarded".
const Call kReads[] = {
    {"list collections", "GET", "/collections", ""},
    {"collection info", "GET", "/collections/guarded", ""},
    {"exists", "GET", "/collections/guarded/exists", ""},
    {"aliases", "GET", "/aliases", ""},
    {"retrieve", "POST", "/collections/guarded/points", R"({"ids":[1]})"},
    {"get point", "GET", "/collections/guarded/points/1", ""},
    {"scroll", "POST", "/collections/guarded/points/scroll", "{}"},
    {"count", "POST", "/collections/guarded/points/count", "{}"},
    {"query", "POST", "/collections/guarded/points/query", R"({"query":[1,0],"limit":1})"},
    {"search", "POST", "/collections/guarded/points/search", R"({"vector":[1,0],"limit":1})"},
    {"list snapshots", "GET", "/collections/guarded/snapshots", ""},
};

// Writes: the full key only. None of them may take effect with the read-only key.
const Call kWrites[] = {
    {"upsert", "PUT", "/collections/guarded/points?wait=true",
        R"({"points":[{"id":50,"vector":[1,1]}]})"},
    {"set payload", "POST", "/collections/guarded/points/payload?wait=true",
        R"({"points":[1],"payload":{"hacked":true}})"},
    {"delete points", "POST", "/collections/guarded/points/delete?wait=true", R"({"points":[1]})"},
    {"batch", "POST", "/collections/guarded/points/batch",
        R"({"operations":[{"delete":{"points":[1]}}]})"},
    {"create collection", "PUT", "/collections/intruder",
        R"({"vectors":{"size":2,"distance":"Dot"}})"},
    {"update collection", "PATCH", "/collections/guarded",
        R"({"optimizers_config":{"indexing_threshold":1}})"},
    {"create index", "PUT", "/collections/guarded/index",
        R"({"field_name":"tag","field_schema":"keyword"})"},
    {"delete index", "DELETE", "/collections/guarded/index/kept", ""},
    {"aliases", "POST", "/collections/aliases",
        R"({"actions":[{"create_alias":{"collection_name":"guarded","alias_name":"sneaky"}}]})"},
    {"create snapshot", "POST", "/collections/guarded/snapshots", ""},
    {"delete collection", "DELETE", "/collections/guarded", ""}, // last: the others need it
};

} // namespace

class TestStoreAuth : public QObject
{
    Q_OBJECT

private:
    StoreClient::Response call(const Call &c, const Headers &headers)
    {
        return m_client->request(
            QByteArray(c.method), QString::fromLatin1(c.path), QByteArray(c.body), headers);
    }

    // The state a refused write must leave untouched: the collection, its points, the
    // catalog, aliases and snapshots, as the full key sees them.
    QByteArray state()
    {
        const auto read
            = [this](const QByteArray &method, const QString &path, const QByteArray &body) {
                  const QJsonValue result
                      = m_client->request(method, path, body, apiKey(kFullKey)).result();
                  return QJsonDocument(QJsonObject {{QStringLiteral("r"), result}})
                      .toJson(QJsonDocument::Compact);
              };
        return read("GET", QStringLiteral("/collections/guarded"), {})
            + read("POST", QStringLiteral("/collections/guarded/points/scroll"),
                R"({"limit":100,"with_vector":true})")
            + read("GET", QStringLiteral("/collections"), {})
            + read("GET", QStringLiteral("/aliases"), {})
            + read("GET", QStringLiteral("/collections/guarded/snapshots"), {});
    }

    void buildGuarded(const Headers &key)
    {
        auto r = m_client->request("PUT", QStringLiteral("/collections/guarded"),
            R"({"vectors":{"size":2,"distance":"Dot"}})", key);
        QVERIFY2(r.status == 200, r.body.constData());
        r = m_client->request("PUT", QStringLiteral("/collections/guarded/points?wait=true"),
            R"({"points":[{"id":1,"vector":[1,0],"payload":{"tag":"a"}},
                                            {"id":2,"vector":[0,1]}]})",
            key);
        QVERIFY2(r.status == 200, r.body.constData());
        r = m_client->request("PUT", QStringLiteral("/collections/guarded/index"),
            R"({"field_name":"kept","field_schema":"integer"})", key);
        QVERIFY2(r.status == 200, r.body.constData());
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        // No key of its own: every test says which header it sends.
        m_client = std::make_unique<StoreClient>(m_store.port());
        buildGuarded(apiKey(kFullKey));
    }

    void openEndpointsNeedNoKey_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("root") << QStringLiteral("/");
        QTest::newRow("healthz") << QStringLiteral("/healthz");
        QTest::newRow("livez") << QStringLiteral("/livez");
        QTest::newRow("readyz") << QStringLiteral("/readyz");
    }
    void openEndpointsNeedNoKey()
    {
        QFETCH(QString, path);
        QCOMPARE(m_client->request("GET", path, {}, {}).status, 200);
        // A wrong key does not close them either.
        QCOMPARE(m_client->request("GET", path, {}, apiKey("mc-test-secret-wrong")).status, 200);
    }

    void missingOrWrongKeyIs401_data()
    {
        QTest::addColumn<int>("call");
        QTest::addColumn<bool>("write");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QByteArray>("reason");
        const QByteArray missing = "Must provide an API key or an Authorization bearer token";
        const QByteArray invalid = "Invalid API key or JWT";
        const QList<std::tuple<const char *, Headers, QByteArray>> bad = {
            {"no key", {}, missing},
            {"wrong api-key", apiKey("mc-test-secret-wrong"), invalid},
            {"wrong bearer", bearer("mc-test-secret-wrong"), invalid},
            {"key prefix", apiKey(kFullKey.left(kFullKey.size() - 1)), invalid},
            {"key plus a byte", apiKey(kFullKey + 'x'), invalid},
            {"empty api-key", apiKey(""), missing},
            {"bearer without token", {{"Authorization", "Bearer "}}, missing},
            {"basic auth", {{"Authorization", "Basic bWM6dGVzdA=="}}, missing},
        };
        for (const auto &[how, headers, reason] : bad) {
            for (int i = 0; i < int(std::size(kReads)); ++i)
                QTest::addRow("%s, %s", how, kReads[i].tag) << i << false << headers << reason;
            for (int i = 0; i < int(std::size(kWrites)); ++i) {
                QTest::addRow("%s, write %s", how, kWrites[i].tag)
                    << i << true << headers << reason;
            }
        }
    }
    void missingOrWrongKeyIs401()
    {
        QFETCH(int, call);
        QFETCH(bool, write);
        QFETCH(Headers, headers);
        QFETCH(QByteArray, reason);
        const auto r = this->call(write ? kWrites[call] : kReads[call], headers);
        QCOMPARE(r.status, 401);
        // As Qdrant's auth middleware: the bare reason as text, no JSON envelope.
        QCOMPARE(r.body, reason);
    }

    void unauthorisedWritesChangeNothing()
    {
        const QByteArray before = state();
        for (const Call &c : kWrites) {
            QCOMPARE(call(c, {}).status, 401);
            QCOMPARE(call(c, apiKey("mc-test-secret-nope")).status, 401);
        }
        QCOMPARE(state(), before);
    }

    void readOnlyKeyReads_data()
    {
        QTest::addColumn<int>("call");
        QTest::addColumn<Headers>("headers");
        for (int i = 0; i < int(std::size(kReads)); ++i) {
            QTest::addRow("api-key, %s", kReads[i].tag) << i << apiKey(kReadOnlyKey);
            QTest::addRow("bearer, %s", kReads[i].tag) << i << bearer(kReadOnlyKey);
        }
    }
    void readOnlyKeyReads()
    {
        QFETCH(int, call);
        QFETCH(Headers, headers);
        const auto r = this->call(kReads[call], headers);
        QVERIFY2(r.status == 200, r.body.constData());
    }

    void readOnlyKeyCannotWrite_data()
    {
        QTest::addColumn<int>("call");
        QTest::addColumn<Headers>("headers");
        for (int i = 0; i < int(std::size(kWrites)); ++i) {
            QTest::addRow("api-key, %s", kWrites[i].tag) << i << apiKey(kReadOnlyKey);
            QTest::addRow("bearer, %s", kWrites[i].tag) << i << bearer(kReadOnlyKey);
        }
    }
    void readOnlyKeyCannotWrite()
    {
        QFETCH(int, call);
        QFETCH(Headers, headers);
        const QByteArray before = state();
        const auto r = this->call(kWrites[call], headers);
        QCOMPARE(r.status, 403);
        QVERIFY(!r.error().isEmpty());
        QCOMPARE(state(), before);
    }

    void fullKeyReadsAndWrites_data()
    {
        QTest::addColumn<Headers>("headers");
        QTest::newRow("api-key") << apiKey(kFullKey);
        QTest::newRow("bearer") << bearer(kFullKey);
    }
    void fullKeyReadsAndWrites()
    {
        QFETCH(Headers, headers);
        for (const Call &c : kReads) {
            const auto r = call(c, headers);
            QVERIFY2(r.status == 200, QByteArray(QByteArray(c.tag) + ": " + r.body).constData());
        }
        // The writes, in an order in which each one succeeds; the collection is rebuilt after.
        for (const Call &c : kWrites) {
            const auto r = call(c, headers);
            QVERIFY2(r.status == 200, QByteArray(QByteArray(c.tag) + ": " + r.body).constData());
        }
        QCOMPARE(
            m_client->request("GET", QStringLiteral("/collections/guarded"), {}, headers).status,
            404);
        QCOMPARE(m_client->request("DELETE", QStringLiteral("/collections/intruder"), {}, headers)
                     .result()
                     .toBool(),
            true);
        buildGuarded(headers); // for the next data row
    }

private:
    MemoryStoreProcess m_store {{QStringLiteral("--api-key"), QString::fromLatin1(kFullKey),
        QStringLiteral("--read-only-api-key"), QString::fromLatin1(kReadOnlyKey)}};
    std::unique_ptr<StoreClient> m_client;
};

QTEST_GUILESS_MAIN(TestStoreAuth)
#include "tst_store_auth.moc"
