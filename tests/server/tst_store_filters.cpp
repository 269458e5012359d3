// memory-store over real HTTP: every Qdrant filter condition as a table of filter -> expected
// ids, each checked through scroll, count and query (by id order and by vector) so that the
// three read paths agree. Expected ids follow Qdrant's unindexed condition checker
// (payload_storage/query_checker.rs, condition_checker.rs).
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QtTest>

#include <algorithm>

namespace {

const QString kUuid = QStringLiteral("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

// Raw text, not QJsonDocument: floats such as 3.0 must stay floats on the wire.
const QByteArray kPoints = R"({"points":[
 {"id":1,"vector":{"a":[1,0],"b":[0,1]},"payload":{"city":"London","count":3,"price":10.5,
  "active":true,"tags":["red","blue"],"created":"2024-01-15T10:00:00Z",
  "location":{"lon":-0.1276,"lat":51.5072},"meta":{"author":{"name":"ann"},"lang":"en"},
  "reviews":[{"user":"x","score":5},{"user":"y","score":2}],"desc":"the quick brown fox"}},
 {"id":2,"vector":{"a":[2,0],"b":[0,2]},"payload":{"city":"Paris","count":7,"price":99.9,
  "active":false,"tags":["green"],"created":"2024-03-01T00:00:00+02:00",
  "location":{"lon":2.3522,"lat":48.8566},"meta":{"author":{"name":"bob"},"lang":"fr"},
  "reviews":[{"user":"x","score":3},{"user":"w","score":5}],"desc":"lazy dog sleeps"}},
 {"id":3,"vector":{"a":[3,0]},"payload":{"city":"Berlin","count":0,"price":0.0,"active":true,
  "tags":[],"created":"2023-12-31T23:30:00-01:00","location":{"lon":13.405,"lat":52.52},
  "reviews":[],"desc":"brown bear"}},
 {"id":4,"vector":{"a":[4,0],"b":[0,4]},"payload":{"city":["London","Paris"],"count":[1,2,3],
  "price":[5.0,50.0],"tags":["red"],"created":["2024-06-01T12:00:00Z"],
  "location":[{"lon":-74.006,"lat":40.7128}]}},
 {"id":5,"vector":{"a":[5,0]},"payload":{"city":null,"count":null,"tags":null,"meta":null}},
 {"id":6,"vector":{"a":[6,0]},"payload":{}},
 {"id":7,"vector":{"a":[7,0],"b":[0,7]},"payload":{"city":"london","count":10,"price":10.0,
  "active":"true","tags":["blue","blue"],"desc":"QUICK"}},
 {"id":8,"vector":{"a":[8,0]},"payload":{"count":3.0,"price":3,"tags":[null],
  "created":"2024-01-15 10:00:00"}},
 {"id":9,"vector":{"a":[9,0]},"payload":{"nested":{"deep":{"value":42}},"a.b":"dotted key",
  "reviews":[{"user":"z","score":5,"tags":["a"]}]}},
 {"id":10,"vector":{"a":[10,0],"b":[0,10]},"payload":{"city":"Tokyo","count":-5,"price":-1.5,
  "active":false,"location":{"lon":139.6917,"lat":35.6895},"created":"2024-02-29T00:00:00Z"}},
 {"id":11,"vector":{"a":[11,0]},"payload":{"matrix":[[1,2],[3]],"city":["Berlin"],"count":[],
  "uuid":"550e8400-e29b-41d4-a716-446655440000"}},
 {"id":12,"vector":{"a":[12,0]},"payload":{"reviews":{"user":"x","score":5},
  "tags":["red","green","blue"]}},
 {"id":13,"vector":{"a":[13,0],"b":[0,13]},"payload":{"city":"Paris","count":7,
  "meta":{"author":{"name":["ann","cid"]}},"location":{"lon":2.2945,"lat":48.8584}}},
 {"id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","vector":{"a":[14,0],"b":[0,14]},
  "payload":{"city":"Lyon","count":12,"created":"2024-01-20T08:00:00.123456+01:00",
  "tags":["blue"]}},
 {"id":15,"vector":{"a":[15,0]},"payload":{"city":"Paris","count":7.5,"price":7,
  "created":"2024-01-15T12:00:00+02:00","tags":["Red"]}}
]})";

const char *const kAllIds = "1 2 3 4 5 6 7 8 9 10 11 12 13 15 U";

// Scroll's order: integer ids ascending, then UUIDs.
QStringList sorted(QStringList ids)
{
    std::sort(ids.begin(), ids.end(), [](const QString &a, const QString &b) {
        bool aNumber = false, bNumber = false;
        const qulonglong x = a.toULongLong(&aNumber);
        const qulonglong y = b.toULongLong(&bNumber);
        if (aNumber != bNumber)
            return aNumber;
        return aNumber ? x < y : a < b;
    });
    return ids;
}

QStringList expectedIds(const char *spec)
{
    QStringList ids = QString::fromLatin1(spec).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString &id : ids) {
        if (id == QLatin1String("U"))
            id = kUuid;
    }
    return ids;
}

QStringList idsOf(const QJsonArray &points)
{
    QStringList ids;
    for (const QJsonValue &p : points) {
        const QJsonValue id = p.toObject()[QStringLiteral("id")];
        ids.append(id.isString() ? id.toString() : QString::number(id.toInteger()));
    }
    return ids;
}

QJsonValue parse(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &error);
    return doc.isNull() ? QJsonValue() : doc.array().first();
}

} // namespace

class TestStoreFilters : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void conditions_data();
    void conditions();
    void invalidFilters_data();
    void invalidFilters();

private:
    QString path(const char *endpoint) const
    {
        return QStringLiteral("/collections/filters/points/") + QString::fromLatin1(endpoint);
    }

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

void TestStoreFilters::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_client = std::make_unique<StoreClient>(m_store.port());
    const QByteArray config = R"({"vectors":{"a":{"size":2,"distance":"Dot"},
                                             "b":{"size":2,"distance":"Dot"}}})";
    QCOMPARE(m_client->put(QStringLiteral("/collections/filters"), config).status, 200);
    const auto r = m_client->put(QStringLiteral("/collections/filters/points?wait=true"), kPoints);
    QVERIFY2(r.status == 200, r.body.constData());
    const auto count = m_client->post(path("count"), QByteArray("{}"));
    QCOMPARE(count.result()[QStringLiteral("count")].toInt(), 15);
}

void TestStoreFilters::conditions_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char *name, const QByteArray &filter, const char *ids) {
        QTest::newRow(name) << filter << expectedIds(ids);
    };
    // An explicit return type: with QStringBuilder, `auto` would return a dangling builder.
    const auto must = [](const QByteArray &condition) -> QByteArray {
        return QByteArray(R"({"must":[)") + condition + "]}";
    };

    // match value: keyword, integer (serde's as_i64: 3.0 is not 3), bool; arrays match when an
    // element does.
    row("match keyword", must(R"({"key":"city","match":{"value":"London"}})"), "1 4");
    row("match keyword is case-sensitive", must(R"({"key":"city","match":{"value":"london"}})"),
        "7");
    row("match integer", must(R"({"key":"count","match":{"value":7}})"), "2 13");
    row("match integer skips floats", must(R"({"key":"count","match":{"value":3}})"), "1 4");
    row("match bool true", must(R"({"key":"active","match":{"value":true}})"), "1 3");
    row("match bool false", must(R"({"key":"active","match":{"value":false}})"), "2 10");
    row("match uuid-like keyword",
        must(R"({"key":"uuid","match":{"value":"550e8400-e29b-41d4-a716-446655440000"}})"), "11");
    // match text without a full-text index: case-sensitive substring.
    row("match text", must(R"({"key":"desc","match":{"text":"brown"}})"), "1 3");
    row("match text is case-sensitive", must(R"({"key":"desc","match":{"text":"quick"}})"), "1");
    // any / except.
    row("match any keywords", must(R"({"key":"city","match":{"any":["Paris","Tokyo"]}})"),
        "2 4 10 13 15");
    row("match any integers", must(R"({"key":"count","match":{"any":[0,-5,12]}})"), "3 10 U");
    // except: null and missing never match; an array matches when some element is not listed.
    row("match except keywords",
        must(R"({"key":"city","match":{"except":["London","Paris"]}})"), "3 7 10 11 U");
    // except with integers: floats (3.0, 7.5) are "not listed"; an empty array has no element.
    row("match except integers", must(R"({"key":"count","match":{"except":[7,3]}})"),
        "3 4 7 8 10 15 U");

    // range over numbers: ints and floats alike, any element of an array.
    row("range inclusive", must(R"({"key":"count","range":{"gte":3,"lte":7}})"), "1 2 4 8 13");
    row("range exclusive", must(R"({"key":"price","range":{"gt":10}})"), "1 2 4");
    row("range negative", must(R"({"key":"price","range":{"lt":0}})"), "10");
    row("range between", must(R"({"key":"count","range":{"gt":7,"lt":13}})"), "7 15 U");
    row("range ignores strings", must(R"({"key":"city","range":{"gt":0}})"), "");
    // Integers beyond 64 bits: serde_json (Qdrant) reads them as doubles; simdjson 3.1 does
    // so above u64 but refuses one below i64, which memory-store rewrites (found by
    // fuzz_filter_tree).
    row("range bound beyond u64",
        must(R"({"key":"price","range":{"gt":10,"lt":100000000000000000000}})"), "1 2 4");
    row("range bound below i64",
        must(R"({"key":"price","range":{"lt":0,"gt":-922337211111111100000}})"), "10");
    // range over datetimes: offsets are converted to UTC, naive times are UTC.
    row("datetime range",
        must(R"({"key":"created","range":{"gte":"2024-01-15T10:00:00Z",
                                          "lte":"2024-03-01T00:00:00Z"}})"),
        "1 2 8 10 15 U");
    row("datetime offset crosses midnight",
        must(R"({"key":"created","range":{"gt":"2023-12-31T23:59:00Z",
                                          "lt":"2024-01-01T01:00:00+00:00"}})"),
        "3");
    row("datetime compared in UTC",
        must(R"({"key":"created","range":{"lt":"2024-01-01T00:00:00Z"}})"), "");
    row("datetime microseconds",
        must(R"({"key":"created","range":{"gt":"2024-01-20T07:00:00.123455Z",
                                          "lt":"2024-01-20T07:00:00.123457Z"}})"),
        "U");
    row("datetime range ignores non-dates",
        must(R"({"key":"desc","range":{"gte":"2000-01-01T00:00:00Z"}})"), "");

    // geo: haversine radius, bounding box, polygon with holes; arrays of points.
    row("geo radius",
        must(R"({"key":"location","geo_radius":{"center":{"lon":-0.1276,"lat":51.5072},
                                                "radius":400000}})"),
        "1 2 13");
    row("geo radius over an array",
        must(R"({"key":"location","geo_radius":{"center":{"lon":-74.0,"lat":40.7},
                                                "radius":50000}})"),
        "4");
    row("geo bounding box",
        must(R"({"key":"location","geo_bounding_box":{"top_left":{"lon":0,"lat":55},
                                                      "bottom_right":{"lon":15,"lat":45}}})"),
        "2 3 13");
    const QByteArray japan = R"({"points":[{"lon":130,"lat":30},{"lon":145,"lat":30},
        {"lon":145,"lat":45},{"lon":130,"lat":45},{"lon":130,"lat":30}]})";
    const QByteArray tokyo = R"({"points":[{"lon":139,"lat":35},{"lon":140,"lat":35},
        {"lon":140,"lat":36},{"lon":139,"lat":36},{"lon":139,"lat":35}]})";
    row("geo polygon",
        must(R"({"key":"location","geo_polygon":{"exterior":)" + japan + "}}"), "10");
    row("geo polygon with a hole",
        must(R"({"key":"location","geo_polygon":{"exterior":)" + japan + R"(,"interiors":[)"
             + tokyo + "]}}"),
        "");

    // values_count: null counts 0, an array its length, a scalar 1; a missing key never.
    row("values_count gte", must(R"({"key":"tags","values_count":{"gte":2}})"), "1 7 12");
    row("values_count lt", must(R"({"key":"count","values_count":{"lt":1}})"), "5 11");
    row("values_count of scalars",
        must(R"({"key":"city","values_count":{"gte":1,"lte":1}})"), "1 2 3 7 10 11 13 15 U");

    // is_empty: missing, null or []; [null] is not empty. is_null: null itself only.
    row("is_empty", must(R"({"is_empty":{"key":"tags"}})"), "3 5 6 9 10 11 13");
    row("not is_empty", R"({"must_not":[{"is_empty":{"key":"tags"}}]})", "1 2 4 7 8 12 15 U");
    row("field is_empty false", must(R"({"key":"tags","is_empty":false})"), "1 2 4 7 8 12 15 U");
    row("is_null", must(R"({"is_null":{"key":"city"}})"), "5");
    row("is_null is not [null]", must(R"({"is_null":{"key":"tags"}})"), "5");
    row("field is_null true", must(R"({"key":"meta","is_null":true})"), "5");

    // has_id / has_vector.
    row("has_id", must(R"({"has_id":[1,3,"3f2504e0-4f89-11d3-9a0c-0305e82c3301",99]})"), "1 3 U");
    // A UUID may be written upper-case, without hyphens, braced or as a URN.
    row("has_id uuid forms",
        must(R"({"has_id":["3F2504E0-4F89-11D3-9A0C-0305E82C3301"]},
               {"has_id":["3f2504e04f8911d39a0c0305e82c3301",
                          "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}",
                          "urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301"]})"),
        "U");
    row("has_vector", must(R"({"has_vector":"b"})"), "1 2 4 7 10 13 U");
    row("has_vector unknown", must(R"({"has_vector":"c"})"), "");

    // nested: one element must satisfy the whole inner filter; `[]` paths may mix elements.
    row("nested same element",
        must(R"({"nested":{"key":"reviews","filter":{"must":[
             {"key":"user","match":{"value":"x"}},{"key":"score","range":{"gte":5}}]}}})"),
        "1");
    row("flat [] conditions mix elements",
        R"({"must":[{"key":"reviews[].user","match":{"value":"x"}},
                    {"key":"reviews[].score","range":{"gte":5}}]})",
        "1 2");
    row("nested must_not",
        must(R"({"nested":{"key":"reviews","filter":{"must_not":[
             {"key":"score","range":{"lt":5}}]}}})"),
        "1 2 9");

    // Paths: dotted keys enter objects only, `[]` every element, `[n]` one, quotes a literal.
    row("[] path", must(R"({"key":"reviews[].score","match":{"value":5}})"), "1 2 9");
    row("[n] path", must(R"({"key":"tags[0]","match":{"value":"red"}})"), "1 4 12");
    row("dotted path", must(R"({"key":"meta.author.name","match":{"value":"ann"}})"), "1 13");
    row("dotted path value", must(R"({"key":"meta.lang","match":{"value":"en"}})"), "1");
    row("deep path", must(R"({"key":"nested.deep.value","range":{"gte":40}})"), "9");
    row("key does not enter arrays", must(R"({"key":"reviews.user","match":{"value":"x"}})"),
        "12");
    row("quoted key", must(R"({"key":"\"a.b\"","match":{"value":"dotted key"}})"), "9");
    row("array of arrays via []", must(R"({"key":"matrix[]","match":{"any":[3]}})"), "11");
    row("array of arrays is one level", must(R"({"key":"matrix","match":{"any":[3]}})"), "");

    // Clauses.
    row("empty filter", "{}", kAllIds);
    row("must_not", R"({"must_not":[{"key":"city","match":{"value":"London"}}]})",
        "2 3 5 6 7 8 9 10 11 12 13 15 U");
    row("should",
        R"({"should":[{"key":"city","match":{"value":"Tokyo"}},
                      {"key":"active","match":{"value":true}}]})",
        "1 3 10");
    row("min_should",
        R"({"min_should":{"min_count":2,"conditions":[
             {"key":"city","match":{"any":["Paris"]}},{"key":"count","match":{"value":7}},
             {"key":"price","range":{"gte":50}}]}})",
        "2 4 13");
    row("must, should and must_not",
        R"({"must":[{"key":"tags","match":{"any":["red","blue"]}}],
            "should":[{"key":"active","match":{"value":true}},{"key":"count","range":{"gte":10}}],
            "must_not":[{"has_id":[1]}]})",
        "7 U");
    row("filter as a condition",
        must(R"({"should":[{"key":"city","match":{"value":"Berlin"}},
                           {"key":"city","match":{"value":"Tokyo"}}]})"),
        "3 10 11");
    row("single condition object", R"({"must":{"key":"count","match":{"value":-5}}})", "10");
}

void TestStoreFilters::conditions()
{
    QFETCH(QByteArray, filter);
    QFETCH(QStringList, expected);
    const QJsonValue f = parse(filter);
    QVERIFY2(f.isObject(), filter.constData());

    // scroll: all pages of 4, so that paging under a filter is exercised too.
    QStringList scrolled;
    QJsonValue offset;
    for (int pages = 0; pages < 10; ++pages) {
        QJsonObject body{{QStringLiteral("filter"), f}, {QStringLiteral("limit"), 4}};
        if (!offset.isNull() && !offset.isUndefined())
            body[QStringLiteral("offset")] = offset;
        const auto r = m_client->post(path("scroll"), body);
        QVERIFY2(r.status == 200, r.body.constData());
        scrolled += idsOf(r.result()[QStringLiteral("points")].toArray());
        offset = r.result()[QStringLiteral("next_page_offset")];
        if (offset.isNull())
            break;
    }
    QCOMPARE(scrolled, expected);

    const auto counted = m_client->post(path("count"),
                                        QJsonObject{{QStringLiteral("filter"), f},
                                                    {QStringLiteral("exact"), true}});
    QVERIFY2(counted.status == 200, counted.body.constData());
    QCOMPARE(counted.result()[QStringLiteral("count")].toInt(-1), int(expected.size()));

    const auto byId = m_client->post(path("query"), QJsonObject{{QStringLiteral("filter"), f},
                                                               {QStringLiteral("limit"), 100}});
    QVERIFY2(byId.status == 200, byId.body.constData());
    QCOMPARE(idsOf(byId.result()[QStringLiteral("points")].toArray()), expected);

    // Every point has vector "a": a vector query sees the same set, in score order.
    const auto nearest = m_client->post(path("query"),
                                        QJsonObject{{QStringLiteral("query"), QJsonArray{1, 0}},
                                                    {QStringLiteral("using"), QStringLiteral("a")},
                                                    {QStringLiteral("filter"), f},
                                                    {QStringLiteral("limit"), 100}});
    QVERIFY2(nearest.status == 200, nearest.body.constData());
    QCOMPARE(sorted(idsOf(nearest.result()[QStringLiteral("points")].toArray())), expected);
}

void TestStoreFilters::invalidFilters_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("fragment");
    // 400: the body does not deserialize (Format error); 422: it fails Qdrant's validation.
    QTest::newRow("must is a string") << QByteArray(R"({"must":"city"})") << 400
                                      << QStringLiteral("filter.must");
    QTest::newRow("unknown clause") << QByteArray(R"({"bogus":[]})") << 400
                                    << QStringLiteral("bogus");
    QTest::newRow("filter is a list") << QByteArray(R"([1])") << 400
                                      << QStringLiteral("filter");
    QTest::newRow("match value list")
        << QByteArray(R"({"must":[{"key":"city","match":{"value":[1,2]}}]})") << 400
        << QStringLiteral("filter.must[0].match.value");
    QTest::newRow("match any mixed")
        << QByteArray(R"({"must":[{"key":"city","match":{"any":["a",1]}}]})") << 400
        << QStringLiteral("match.any");
    QTest::newRow("key not a string")
        << QByteArray(R"({"must":[{"key":5,"match":{"value":"x"}}]})") << 400
        << QStringLiteral("filter.must[0].key");
    QTest::newRow("bad key path")
        << QByteArray(R"({"must":[{"key":"a..b","match":{"value":1}}]})") << 400
        << QStringLiteral("Invalid json path");
    QTest::newRow("no condition") << QByteArray(R"({"must":[{"key":"city"}]})") << 422
                                  << QStringLiteral("At least one field condition");
    QTest::newRow("bad datetime")
        << QByteArray(R"({"must":[{"key":"created","range":{"gte":"yesterday"}}]})") << 400
        << QStringLiteral("RFC3339");
    QTest::newRow("mixed range")
        << QByteArray(R"({"must":[{"key":"count","range":{"gte":1,"lt":"2024-01-01T00:00:00Z"}}]})")
        << 400 << QStringLiteral("range.gte");
    QTest::newRow("geo point out of range")
        << QByteArray(R"({"must":[{"key":"location","geo_radius":{
                          "center":{"lon":500,"lat":0},"radius":10}}]})")
        << 400 << QStringLiteral("GeoPoint");
    QTest::newRow("polygon too small")
        << QByteArray(R"({"must":[{"key":"location","geo_polygon":{"exterior":{"points":[
                          {"lon":0,"lat":0},{"lon":1,"lat":0},{"lon":0,"lat":0}]}}}]})")
        << 400 << QStringLiteral("polygon invalid");
    QTest::newRow("polygon not closed")
        << QByteArray(R"({"must":[{"key":"location","geo_polygon":{"exterior":{"points":[
                          {"lon":0,"lat":0},{"lon":1,"lat":0},{"lon":1,"lat":1},
                          {"lon":0,"lat":1}]}}}]})")
        << 400 << QStringLiteral("closed");
    QTest::newRow("bad has_id") << QByteArray(R"({"must":[{"has_id":["not-an-id"]}]})") << 400
                                << QStringLiteral("not a valid point ID");
    QTest::newRow("min_count zero")
        << QByteArray(R"({"min_should":{"conditions":[{"has_id":[1]}],"min_count":0}})") << 422
        << QStringLiteral("min_count");
    QTest::newRow("nested without filter")
        << QByteArray(R"({"must":[{"nested":{"key":"reviews"}}]})") << 400
        << QStringLiteral("missing field `filter`");
    QTest::newRow("unknown condition") << QByteArray(R"({"must":[{"foo":1}]})") << 400
                                       << QStringLiteral("foo");
    QTest::newRow("negative values_count")
        << QByteArray(R"({"must":[{"key":"tags","values_count":{"gt":-1}}]})") << 400
        << QStringLiteral("values_count.gt");
}

void TestStoreFilters::invalidFilters()
{
    QFETCH(QByteArray, filter);
    QFETCH(int, status);
    QFETCH(QString, fragment);
    const QByteArray head = R"({"filter":)";
    const QByteArray bodies[] = {
        head + filter + R"(,"limit":5})",                          // scroll
        head + filter + "}",                                       // count
        head + filter + R"(,"query":[1,0],"using":"a"})",          // query
    };
    const char *endpoints[] = {"scroll", "count", "query"};
    for (int i = 0; i < 3; ++i) {
        const auto r = m_client->post(path(endpoints[i]), bodies[i]);
        QVERIFY2(r.status == status, qPrintable(QString::fromLatin1(endpoints[i]) + QLatin1Char(' ')
                                                 + QString::fromUtf8(r.body)));
        QVERIFY2(r.error().contains(fragment), qPrintable(r.error()));
    }
}

QTEST_GUILESS_MAIN(TestStoreFilters)
#include "tst_store_filters.moc"
