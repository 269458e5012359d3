// memory-store's facet as the points change: it is answered from a column of the indexed
// field's values kept on every write, so each kind of write (upsert, the payload operations,
// deletes), an index created after the points and a dropped index must show in the counts
// at once, and the counts must come back the same after a restart.
// Raw strings here hold no `//`, backslash or unbalanced quote: Qt 6.4's moc mis-lexes those.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QtTest>

#include <memory>

namespace {

QJsonArray array(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).array();
}

const QString kFacet = QStringLiteral("/collections/life/facet");

} // namespace

class TestStoreFacet : public QObject
{
    Q_OBJECT

private:
    StoreClient &client() { return *m_client; }

    // A collection of 2-dimensional vectors.
    void create(const QString &name)
    {
        const auto r = client().put(QStringLiteral("/collections/") + name,
                                    QByteArray(R"({"vectors":{"size":2,"distance":"Dot"}})"));
        QVERIFY2(r.status == 200, r.body.constData());
    }

    // POST/PUT to the collection with wait=true; the write must be acknowledged.
    void write(const QByteArray &method, const QString &rest, const QByteArray &body,
               const QString &collection = QStringLiteral("life"))
    {
        const QString path = QStringLiteral("/collections/") + collection + rest
            + QStringLiteral("?wait=true");
        const auto r = method == "PUT" ? client().put(path, body) : client().post(path, body);
        const QByteArray what = method + ' ' + path.toUtf8() + ": " + r.body;
        QVERIFY2(r.status == 200, what.constData());
    }

    QJsonArray hits(const QJsonObject &body = {{QStringLiteral("key"), QStringLiteral("tag")}})
    {
        const auto r = client().post(kFacet, body);
        if (r.status != 200)
            qWarning("facet failed: %s", r.body.constData());
        return r.result()[QStringLiteral("hits")].toArray();
    }

    QJsonArray tenantHits(const QString &tenant)
    {
        const QJsonObject match {{QStringLiteral("key"), QStringLiteral("tenant")},
            {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), tenant}}}};
        const QJsonObject filter {{QStringLiteral("must"), QJsonArray {match}}};
        return hits({{QStringLiteral("key"), QStringLiteral("tag")},
            {QStringLiteral("filter"), filter}});
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        m_client = std::make_unique<StoreClient>(m_store.port());
    }

    // One sequence of writes, the facet checked after each (the steps build on each other).
    void facetFollowsEveryWrite()
    {
        create(QStringLiteral("life"));
        write("PUT", QStringLiteral("/points"), R"({"points":[
            {"id":1,"vector":[1,0],"payload":{"tag":"a","tenant":"x"}},
            {"id":2,"vector":[1,0],"payload":{"tag":["a","b","a"],"tenant":"x"}},
            {"id":3,"vector":[1,0],"payload":{"tag":"b","tenant":"y"}},
            {"id":4,"vector":[1,0],"payload":{"tag":"c","tenant":"y"}}]})");
        QCOMPARE(client().post(kFacet, QByteArray(R"({"key":"tag"})")).status, 400);

        // The index is created after the points: it holds their values at once.
        write("PUT", QStringLiteral("/index"), R"({"field_name":"tag","field_schema":"keyword"})");
        QCOMPARE(hits(), array(R"([{"value":"a","count":2},{"value":"b","count":2},
                                   {"value":"c","count":1}])"));
        QCOMPARE(tenantHits(QStringLiteral("x")),
            array(R"([{"value":"a","count":2},{"value":"b","count":1}])"));

        // set_payload: c has no point any more and is not listed with a count of 0.
        write("POST", QStringLiteral("/points/payload"), R"({"payload":{"tag":"a"},"points":[4]})");
        QCOMPARE(hits(), array(R"([{"value":"a","count":3},{"value":"b","count":2}])"));

        // overwrite_payload without the key.
        write("PUT", QStringLiteral("/points/payload"),
            R"({"payload":{"tenant":"x"},"points":[1]})");
        QCOMPARE(hits(), array(R"([{"value":"a","count":2},{"value":"b","count":2}])"));

        // delete_payload of the key, by filter.
        write("POST", QStringLiteral("/points/payload/delete"),
            R"({"keys":["tag"],"filter":{"must":[{"has_id":[2]}]}})");
        QCOMPARE(hits(), array(R"([{"value":"a","count":1},{"value":"b","count":1}])"));

        // clear_payload.
        write("POST", QStringLiteral("/points/payload/clear"), R"({"points":[3]})");
        QCOMPARE(hits(), array(R"([{"value":"a","count":1}])"));

        // An upsert replaces a point's values; a new point takes a row of its own.
        write("PUT", QStringLiteral("/points"), R"({"points":[
            {"id":3,"vector":[1,0],"payload":{"tag":"d","tenant":"y"}},
            {"id":5,"vector":[1,0],"payload":{"tag":["d","a"],"tenant":"x"}}]})");
        QCOMPARE(hits(), array(R"([{"value":"a","count":2},{"value":"d","count":2}])"));
        QCOMPARE(tenantHits(QStringLiteral("x")),
            array(R"([{"value":"a","count":1},{"value":"d","count":1}])"));

        // A deleted point is gone; its freed row is taken by the next new point.
        write("POST", QStringLiteral("/points/delete"), R"({"points":[4]})");
        QCOMPARE(hits(), array(R"([{"value":"d","count":2},{"value":"a","count":1}])"));
        write("PUT", QStringLiteral("/points"),
            R"({"points":[{"id":6,"vector":[1,0],"payload":{"tag":"e","tenant":"y"}}]})");
        QCOMPARE(hits(), array(R"([{"value":"d","count":2},{"value":"a","count":1},
                                   {"value":"e","count":1}])"));
        QCOMPARE(tenantHits(QStringLiteral("y")),
            array(R"([{"value":"d","count":1},{"value":"e","count":1}])"));

        // A dropped index: no facet; writes meanwhile show once it is created again.
        const auto dropped = client().del(QStringLiteral("/collections/life/index/tag?wait=true"));
        QCOMPARE(dropped.status, 200);
        QCOMPARE(client().post(kFacet, QByteArray(R"({"key":"tag"})")).status, 400);
        write("POST", QStringLiteral("/points/payload"), R"({"payload":{"tag":"f"},"points":[5]})");
        write("PUT", QStringLiteral("/index"), R"({"field_name":"tag","field_schema":"keyword"})");
        QCOMPARE(hits(), array(R"([{"value":"d","count":1},{"value":"e","count":1},
                                   {"value":"f","count":1}])"));

        // Another type on the same field: the values are read again for that type.
        write("PUT", QStringLiteral("/points"),
            R"({"points":[{"id":7,"vector":[1,0],"payload":{"tag":[7,"g",7]}}]})");
        write("PUT", QStringLiteral("/index"), R"({"field_name":"tag","field_schema":"integer"})");
        QCOMPARE(hits(), array(R"([{"value":7,"count":1}])"));
        write("PUT", QStringLiteral("/index"), R"({"field_name":"tag","field_schema":"keyword"})");
        QCOMPARE(hits(), array(R"([{"value":"d","count":1},{"value":"e","count":1},
                                   {"value":"f","count":1},{"value":"g","count":1}])"));
    }

    // The column is rebuilt from the stored points and indexes when the server starts.
    void facetSurvivesARestart()
    {
        const QJsonArray before = hits();
        QVERIFY(!before.isEmpty());
        m_store.stop();
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        m_client = std::make_unique<StoreClient>(m_store.port());
        QCOMPARE(hits(), before);
        QCOMPARE(tenantHits(QStringLiteral("y")),
            array(R"([{"value":"d","count":1},{"value":"e","count":1}])"));
    }

    // Scans test a required keyword match on the index's column before the full filter: the
    // counts, scroll pages and facets must be those of the same filters before the index.
    void indexedMatchesAgreeWithThePayload()
    {
        create(QStringLiteral("scan"));
        QByteArray body = "{\"points\":[";
        for (int i = 1; i <= 300; ++i) {
            const QByteArray t = "\"t" + QByteArray::number(i % 4) + '"';
            // Strings, arrays holding the value, a number, nothing, an object under the key.
            const QByteArray tag = i % 5 == 0 ? '[' + t + ",\"z\"]"
                : i % 7 == 0                   ? QByteArray("7")
                : i % 11 == 0                  ? QByteArray("{\"t\":\"t1\"}")
                                               : t;
            body += (i > 1 ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(i)
                + ",\"vector\":[1,0],\"payload\":{\"kind\":\"k" + QByteArray::number(i % 3)
                + '"' + (i % 13 ? ",\"tag\":" + tag : QByteArray()) + "}}";
        }
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/scan/points?wait=true"), body + "]}")
                     .status,
            200);
        const QList<QByteArray> filters {
            R"({"must":[{"key":"tag","match":{"value":"t1"}}]})",
            // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): long filters split on purpose
            R"({"must":[{"key":"tag","match":{"value":"z"}},)"
            R"({"key":"kind","match":{"value":"k2"}}]})",
            R"({"must":[{"must":[{"key":"tag","match":{"value":"t2"}}]}],)"
            R"("must_not":[{"has_id":[2]}]})",
            R"({"must":[{"key":"tag","match":{"value":"absent"}}]})",
            R"({"should":[{"key":"tag","match":{"value":"t1"}},)"
            R"({"key":"tag","match":{"value":"t3"}}]})",
            R"({"must_not":[{"key":"tag","match":{"value":"t0"}}]})",
            R"({"must":[{"key":"tag","match":{"value":"t3"},"is_empty":true}]})",
            // Keyword matches only: the columns decide alone (and a single one is counted
            // from the index).
            R"({"must":[{"key":"tag","match":{"value":"t1"}},)"
            R"({"key":"tag","match":{"value":"z"}}]})",
            R"({"must":[{"must":[{"key":"kind","match":{"value":"k1"}}]}]})",
        };
        const auto results = [this, &filters] {
            QList<QJsonValue> out;
            for (const QByteArray &filter : filters) {
                const QJsonObject f = QJsonDocument::fromJson(filter).object();
                out.append(client()
                               .post(QStringLiteral("/collections/scan/points/count"),
                                   QJsonObject {{QStringLiteral("filter"), f}})
                               .result());
                out.append(client()
                               .post(QStringLiteral("/collections/scan/points/scroll"),
                                   QJsonObject {{QStringLiteral("filter"), f},
                                       {QStringLiteral("limit"), 7},
                                       {QStringLiteral("with_payload"), false}})
                               .result());
                out.append(client()
                               .post(QStringLiteral("/collections/scan/facet"),
                                   QJsonObject {{QStringLiteral("filter"), f},
                                       {QStringLiteral("key"), QStringLiteral("kind")}})
                               .result());
            }
            return out;
        };
        // kind is indexed from the start (the facet needs it); tag only later.
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/scan/index?wait=true"),
                         QByteArray(R"({"field_name":"kind","field_schema":"keyword"})"))
                     .status,
            200);
        const QList<QJsonValue> payloadOnly = results();
        QCOMPARE(payloadOnly.size(), filters.size() * 3);
        QVERIFY(payloadOnly.first()[QStringLiteral("count")].toInt() > 10);
        QCOMPARE(payloadOnly.at(9)[QStringLiteral("count")].toInt(), 0); // "absent"
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/scan/index?wait=true"),
                         QByteArray(R"({"field_name":"tag","field_schema":"keyword"})"))
                     .status,
            200);
        const QList<QJsonValue> indexed = results();
        for (int i = 0; i < indexed.size(); ++i)
            QVERIFY2(indexed.at(i) == payloadOnly.at(i), qPrintable(QString::number(i)));
    }

    // A tenant's count comes from the keyword index's per-value count: it must follow deletes,
    // payload changes and values held in arrays, as the points themselves say.
    void indexedCountFollowsWrites()
    {
        create(QStringLiteral("tenants"));
        const QString tenants = QStringLiteral("tenants");
        write("PUT", QStringLiteral("/index"),
              R"({"field_name":"customer_id","field_schema":{"type":"keyword","is_tenant":true}})",
              tenants);
        QByteArray body = "{\"points\":[";
        for (int i = 1; i <= 200; ++i) {
            const QByteArray c = "\"c" + QByteArray::number(i % 3) + '"';
            const QByteArray value = i % 10 == 0 ? '[' + c + ',' + c + ",\"c9\"]"
                : i % 17 == 0                    ? QByteArray("3")
                                                 : c;
            body += (i > 1 ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(i)
                + ",\"vector\":[1,0],\"payload\":{\"customer_id\":" + value + "}}";
        }
        write("PUT", QStringLiteral("/points"), body + "]}", tenants);
        write("POST", QStringLiteral("/points/delete"), R"({"points":[1,2,3,4,5,10,20]})", tenants);
        write("POST", QStringLiteral("/points/payload"),
              R"({"payload":{"customer_id":"c1"},"points":[6,7,30]})", tenants);
        // What the points hold, counted here.
        const QJsonArray all = client()
                                   .post(QStringLiteral("/collections/tenants/points/scroll"),
                                       QByteArray(R"({"limit":1000})"))
                                   .result()[QStringLiteral("points")]
                                   .toArray();
        QCOMPARE(all.size(), 193);
        for (const char *name : {"c0", "c1", "c2", "c9", "c5"}) {
            const QString tenant = QString::fromLatin1(name);
            int expected = 0;
            for (const QJsonValue &point : all) {
                const QJsonValue id = point[QStringLiteral("payload")][QStringLiteral("customer_id")];
                expected += id == QJsonValue(tenant) || id.toArray().contains(tenant) ? 1 : 0;
            }
            const QJsonObject filter {{QStringLiteral("must"),
                QJsonArray {QJsonObject {{QStringLiteral("key"), QStringLiteral("customer_id")},
                    {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), tenant}}}}}}};
            QCOMPARE(client()
                         .post(QStringLiteral("/collections/tenants/points/count"),
                             QJsonObject {{QStringLiteral("filter"), filter}})
                         .result()[QStringLiteral("count")]
                         .toInt(),
                expected);
        }
    }

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

QTEST_GUILESS_MAIN(TestStoreFacet)
#include "tst_store_facet.moc"
