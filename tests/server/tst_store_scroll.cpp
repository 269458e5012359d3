// memory-store over real HTTP: reading many points as Qdrant 1.19 does. Scroll (paging,
// filters, payload selectors), order_by, count and facet.
// Plain literals where a raw string would hold `//`, an unbalanced bracket or an odd number
// of quotes: Qt 6.4's moc mis-lexes those and then finds no test class.
#include "storefixture.h"

#include <QUuid>

#include <algorithm>

using namespace StoreJson;

class TestStoreScroll : public StoreFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(startStore(), qPrintable(storeError())); }

    // 1,000 points paged through with next_page_offset: each exactly once, in id order, and
    // integer ids before UUIDs, as Qdrant orders ExtendedPointId.
    void scrollPagesThroughEverything()
    {
        create(QStringLiteral("paged"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        QList<qint64> numbers;
        QStringList uuids;
        for (int i = 0; i < 900; ++i)
            numbers << qint64(i) * 7 + 3;
        for (int i = 0; i < 100; ++i) {
            uuids
                << QUuid::createUuidV5(QUuid(), QString::number(i)).toString(QUuid::WithoutBraces);
        }
        // The points with an odd index carry odd=true: the filtered pass expects exactly them.
        QStringList expectedOdd;
        for (int i = 1; i < 900; i += 2)
            expectedOdd << QString::number(numbers[i]);
        QStringList oddUuids;
        for (int i = 901; i < 1000; i += 2)
            oddUuids << uuids[i - 900];
        std::sort(oddUuids.begin(), oddUuids.end());
        expectedOdd += oddUuids;

        // Insert in a scrambled order (37 is coprime to 1000), UUIDs partly in upper case.
        QJsonArray batch;
        for (int k = 0; k < 1000; ++k) {
            const int i = (k * 37) % 1000;
            QJsonObject point;
            if (i < 900) {
                point[QStringLiteral("id")] = numbers[i];
            } else {
                const QString u = uuids[i - 900];
                point[QStringLiteral("id")] = i % 2 ? u.toUpper() : u;
            }
            point[QStringLiteral("vector")] = QJsonArray {1, 0};
            point[QStringLiteral("payload")] = QJsonObject {{QStringLiteral("odd"), i % 2 == 1}};
            batch.append(point);
            if (batch.size() == 250) {
                upsert(QStringLiteral("paged"),
                    QJsonDocument(QJsonObject {{QStringLiteral("points"), batch}})
                        .toJson(QJsonDocument::Compact));
                batch = {};
            }
        }
        QCOMPARE(count(QStringLiteral("paged")), 1000);

        std::sort(uuids.begin(), uuids.end()); // lower-case hex: text order is numeric order
        QStringList expected;
        for (const qint64 n : numbers)
            expected << QString::number(n);
        expected += uuids;

        const auto collect = [this](const QByteArray &filter, int limit) {
            QStringList seen;
            QJsonValue offset;
            for (int page = 0; page < 1000; ++page) {
                QJsonObject body {
                    {QStringLiteral("limit"), limit}, {QStringLiteral("with_payload"), false}};
                if (!offset.isNull() && !offset.isUndefined())
                    body[QStringLiteral("offset")] = offset;
                if (!filter.isEmpty())
                    body[QStringLiteral("filter")] = object(filter);
                const auto r = client().post(
                    points(QStringLiteral("paged"), QStringLiteral("/scroll")), body);
                if (r.status != 200)
                    return QStringList {QString::fromUtf8(r.body)};
                const QJsonArray records = r.result()[QStringLiteral("points")].toArray();
                if (records.size() > limit)
                    return QStringList {QStringLiteral("page too long")};
                for (const QJsonValue &record : records)
                    seen << record[QStringLiteral("id")].toVariant().toString();
                offset = r.result()[QStringLiteral("next_page_offset")];
                if (offset.isNull())
                    break;
            }
            return seen;
        };

        QCOMPARE(collect({}, 64), expected);
        QCOMPARE(collect({}, 1000), expected);

        // With a filter: the same order, only the matching points, pages still full.
        QCOMPARE(collect(R"({"must":[{"key":"odd","match":{"value":true}}]})", 77), expectedOdd);
    }

    void scrollOptions_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonArray>("ids");
        QTest::addColumn<QJsonValue>("firstPayload");
        QTest::addColumn<QJsonValue>("nextOffset");

        const QJsonObject full = object(R"({"a":1,"b":{"c":1,"d":"x"},"e":[1,2]})");
        QTest::newRow("defaults") << QByteArray("{}") << QJsonArray {1, 2, 3, 4, 5}
                                  << QJsonValue(full) << QJsonValue();
        QTest::newRow("limit") << QByteArray(R"({"limit":2})") << QJsonArray {1, 2}
                               << QJsonValue(full) << QJsonValue(3);
        QTest::newRow("offset") << QByteArray(R"({"offset":3,"limit":2})") << QJsonArray {3, 4}
                                << QJsonValue(object(R"({"a":3,"b":{"c":3,"d":"x"},"e":[1,2]})"))
                                << QJsonValue(5);
        QTest::newRow("offset of a missing id")
            << QByteArray(R"({"offset":100})") << QJsonArray() << QJsonValue() << QJsonValue();
        QTest::newRow("filter") << QByteArray(
            R"({"filter":{"must":[{"key":"a","range":{"gte":4}}]}})")
                                << QJsonArray {4, 5}
                                << QJsonValue(object(R"({"a":4,"b":{"c":4,"d":"x"},"e":[1,2]})"))
                                << QJsonValue();
        QTest::newRow("no payload")
            << QByteArray(R"({"limit":1,"with_payload":false})") << QJsonArray {1}
            << QJsonValue(QJsonValue::Null) << QJsonValue(2);
        QTest::newRow("include list")
            << QByteArray(R"({"limit":1,"with_payload":["a","b.d"]})") << QJsonArray {1}
            << QJsonValue(object(R"({"a":1,"b":{"d":"x"}})")) << QJsonValue(2);
        QTest::newRow("include object")
            << QByteArray(R"({"limit":1,"with_payload":{"include":["e"]}})") << QJsonArray {1}
            << QJsonValue(object(R"({"e":[1,2]})")) << QJsonValue(2);
        QTest::newRow("exclude") << QByteArray(
            R"({"limit":1,"with_payload":{"exclude":["b.c","e"]}})")
                                 << QJsonArray {1} << QJsonValue(object(R"({"a":1,"b":{"d":"x"}})"))
                                 << QJsonValue(2);
    }
    void scrollOptions()
    {
        QFETCH(QByteArray, body);
        QFETCH(QJsonArray, ids);
        QFETCH(QJsonValue, firstPayload);
        QFETCH(QJsonValue, nextOffset);
        if (client().get(QStringLiteral("/collections/scrolled")).status != 200) {
            create(QStringLiteral("scrolled"), R"({"vectors":{"size":2,"distance":"Dot"}})");
            QJsonArray list;
            for (int i = 1; i <= 5; ++i) {
                list.append(QJsonObject {{QStringLiteral("id"), i},
                    {QStringLiteral("vector"), QJsonArray {i, 0}},
                    {QStringLiteral("payload"),
                        QJsonObject {{QStringLiteral("a"), i},
                            {QStringLiteral("b"),
                                QJsonObject {{QStringLiteral("c"), i},
                                    {QStringLiteral("d"), QStringLiteral("x")}}},
                            {QStringLiteral("e"), QJsonArray {1, 2}}}}});
            }
            upsert(QStringLiteral("scrolled"),
                QJsonDocument(QJsonObject {{QStringLiteral("points"), list}})
                    .toJson(QJsonDocument::Compact));
        }
        const auto r
            = client().post(points(QStringLiteral("scrolled"), QStringLiteral("/scroll")), body);
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray records = r.result()[QStringLiteral("points")].toArray();
        QCOMPARE(idsOf(records), ids);
        if (!records.isEmpty()) {
            QCOMPARE(records[0][QStringLiteral("payload")], firstPayload);
            QVERIFY(records[0][QStringLiteral("vector")].isNull()); // with_vector defaults false
        }
        QCOMPARE(r.result()[QStringLiteral("next_page_offset")], nextOffset);
    }

    void orderBy_data()
    {
        QTest::addColumn<QByteArray>("orderBy");
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QJsonArray>("ids");

        QTest::newRow("float asc (key only)")
            << QByteArray(R"("price")") << QByteArray() << QJsonArray {2, 3, 6, 1, 4};
        QTest::newRow("float asc") << QByteArray(R"({"key":"price","direction":"asc"})")
                                   << QByteArray() << QJsonArray {2, 3, 6, 1, 4};
        // Equal values: Qdrant merges (value, id) in the direction asked, so ids go down too.
        QTest::newRow("float desc") << QByteArray(R"({"key":"price","direction":"desc"})")
                                    << QByteArray() << QJsonArray {4, 1, 6, 3, 2};
        QTest::newRow("asc start_from") << QByteArray(R"({"key":"price","start_from":20})")
                                        << QByteArray() << QJsonArray {3, 6, 1, 4};
        QTest::newRow("desc start_from")
            << QByteArray(R"({"key":"price","direction":"desc","start_from":20})") << QByteArray()
            << QJsonArray {6, 3, 2};
        QTest::newRow("float start_from") << QByteArray(R"({"key":"price","start_from":10.6})")
                                          << QByteArray() << QJsonArray {3, 6, 1, 4};
        QTest::newRow("limit") << QByteArray(R"({"key":"price"})") << QByteArray(R"("limit":2)")
                               << QJsonArray {2, 3};
        QTest::newRow("filter") << QByteArray(R"({"key":"price"})")
                                << QByteArray(R"("filter":{"must_not":[{"has_id":[3]}]})")
                                << QJsonArray {2, 6, 1, 4};
        QTest::newRow("integer index")
            << QByteArray(R"({"key":"rank"})") << QByteArray() << QJsonArray {2, 4, 1, 5, 3, 6};
        QTest::newRow("integer desc") << QByteArray(R"({"key":"rank","direction":"desc"})")
                                      << QByteArray() << QJsonArray {6, 3, 5, 1, 4, 2};
        QTest::newRow("datetime index")
            << QByteArray(R"({"key":"when"})") << QByteArray() << QJsonArray {2, 4, 1, 5, 3};
        QTest::newRow("datetime start_from")
            << QByteArray(R"({"key":"when","start_from":"2024-02-15T00:00:00Z"})") << QByteArray()
            << QJsonArray {1, 5, 3};
    }
    void orderBy()
    {
        QFETCH(QByteArray, orderBy);
        QFETCH(QByteArray, extra);
        QFETCH(QJsonArray, ids);
        if (client().get(QStringLiteral("/collections/ordered")).status != 200) {
            create(QStringLiteral("ordered"), R"({"vectors":{"size":2,"distance":"Dot"}})");
            upsert(QStringLiteral("ordered"), R"({"points":[
    {"id":1,"vector":[1,0],"payload":{"price":30,"rank":3,"when":"2024-03-01T00:00:00Z"}},
    {"id":2,"vector":[1,0],"payload":{"price":10.5,"rank":1,"when":"2024-01-01T00:00:00Z"}},
    {"id":3,"vector":[1,0],"payload":{"price":20,"rank":5,"when":"2024-05-01T00:00:00Z"}},
    {"id":4,"vector":[1,0],"payload":{"price":40,"rank":2,"when":"2024-02-01T00:00:00Z"}},
    {"id":5,"vector":[1,0],"payload":{"rank":4,"when":"2024-04-01T00:00:00Z"}},
    {"id":6,"vector":[1,0],"payload":{"price":20,"rank":6,"name":"six"}}]})");
            for (const char *index : {R"({"field_name":"price","field_schema":"float"})",
                     R"({"field_name":"rank","field_schema":"integer"})",
                     R"({"field_name":"when","field_schema":"datetime"})",
                     R"({"field_name":"name","field_schema":"keyword"})"}) {
                QCOMPARE(client()
                             .put(QStringLiteral("/collections/ordered/index?wait=true"),
                                 QByteArray(index))
                             .status,
                    200);
            }
        }
        QByteArray body = "{\"order_by\":" + orderBy;
        if (!extra.isEmpty())
            body += ',' + extra;
        body += '}';
        const auto r
            = client().post(points(QStringLiteral("ordered"), QStringLiteral("/scroll")), body);
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray records = r.result()[QStringLiteral("points")].toArray();
        QCOMPARE(idsOf(records), ids);
        // order_by pages carry no offset: the next page starts from the last order_value.
        QVERIFY(r.result()[QStringLiteral("next_page_offset")].isNull());
        if (orderBy.contains("price")) {
            for (const QJsonValue &record : records) {
                QCOMPARE(record[QStringLiteral("order_value")].toDouble(),
                    record[QStringLiteral("payload")][QStringLiteral("price")].toDouble());
            }
        }
    }

    void orderByNeedsARangeIndex_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("no index") << QByteArray(R"({"order_by":"unindexed"})")
                                  << QStringLiteral(
                                         "No range index for `order_by` key: `unindexed`");
        QTest::newRow("keyword index")
            << QByteArray(R"({"order_by":{"key":"name"}})")
            << QStringLiteral("No range index for `order_by` key: `name`");
        QTest::newRow("bad direction")
            << QByteArray(R"({"order_by":{"key":"price","direction":"up"}})")
            << QStringLiteral("direction");
        QTest::newRow("bad start_from")
            << QByteArray(R"({"order_by":{"key":"price","start_from":"soon"}})")
            << QStringLiteral("start_from");
        // Ordered pages continue with start_from, never with an offset.
        QTest::newRow("offset") << QByteArray(R"({"order_by":"price","offset":1})")
                                << QStringLiteral("order_by");
    }
    void orderByNeedsARangeIndex()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QVERIFY(client().get(QStringLiteral("/collections/ordered")).status == 200); // orderBy ran
        const auto r
            = client().post(points(QStringLiteral("ordered"), QStringLiteral("/scroll")), body);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
    }

    // As in Qdrant: a point with several values of the key is listed once per value.
    void orderByListsEachValue()
    {
        create(QStringLiteral("multi_ordered"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        upsert(QStringLiteral("multi_ordered"), R"({"points":[
            {"id":1,"vector":[1,0],"payload":{"n":[5,1]}},
            {"id":2,"vector":[1,0],"payload":{"n":3}},
            {"id":3,"vector":[1,0],"payload":{"n":[]}}]})");
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/multi_ordered/index?wait=true"),
                         R"({"field_name":"n","field_schema":"integer"})")
                     .status,
            200);
        const auto r
            = client().post(points(QStringLiteral("multi_ordered"), QStringLiteral("/scroll")),
                R"({"order_by":"n","with_payload":false})");
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray records = r.result()[QStringLiteral("points")].toArray();
        QCOMPARE(idsOf(records), QJsonArray({1, 2, 1}));
        QJsonArray values;
        for (const QJsonValue &record : records)
            values.append(record[QStringLiteral("order_value")]);
        QCOMPARE(values, QJsonArray({1, 3, 5}));
    }

    void countPoints_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("expected");
        QTest::newRow("empty body") << QByteArray() << 6;
        QTest::newRow("exact") << QByteArray(R"({"exact":true})") << 6;
        QTest::newRow("approximate") << QByteArray(R"({"exact":false})") << 6;
        QTest::newRow("filter") << QByteArray(R"({"exact":true,"filter":{"must":[
                                      {"key":"price","range":{"gte":20}}]}})")
                                << 4;
        QTest::newRow("filter no match")
            << QByteArray(R"({"filter":{"must":[{"key":"price","range":{"gt":1000}}]}})") << 0;
        QTest::newRow("must_not") << QByteArray(R"({"filter":{"must_not":[{"has_id":[1,2]}]}})")
                                  << 4;
    }
    void countPoints()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, expected);
        QVERIFY(client().get(QStringLiteral("/collections/ordered")).status == 200); // orderBy ran
        const auto r
            = client().post(points(QStringLiteral("ordered"), QStringLiteral("/count")), body);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result().toObject(), QJsonObject({{QStringLiteral("count"), expected}}));
    }

    void facet_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonArray>("hits");

        // Counts go down; equal counts list values in ascending order, as Qdrant does.
        QTest::newRow("keyword") << QByteArray(R"({"key":"color"})")
                                 << array(R"([{"value":"blue","count":2},{"value":"red","count":2},
                                              {"value":"green","count":1}])");
        QTest::newRow("limit") << QByteArray(R"({"key":"color","limit":1})")
                               << array(R"([{"value":"blue","count":2}])");
        QTest::newRow("filter") << QByteArray(
            R"({"key":"color","filter":{"must":[{"key":"flag","match":{"value":true}}]}})")
                                << array(
                                       R"([{"value":"blue","count":1},{"value":"red","count":1}])");
        QTest::newRow("exact") << QByteArray(R"({"key":"color","exact":true,"limit":2})")
                               << array(
                                      R"([{"value":"blue","count":2},{"value":"red","count":2}])");
        QTest::newRow("integer") << QByteArray(R"({"key":"size"})")
                                 << array(R"([{"value":1,"count":2},{"value":2,"count":2},
                                              {"value":3,"count":1}])");
        QTest::newRow("bool") << QByteArray(R"({"key":"flag"})")
                              << array(R"([{"value":true,"count":2},{"value":false,"count":1}])");
        QTest::newRow("uuid") << QByteArray(R"({"key":"owner"})")
                              << array(R"([{"value":"a0000000-0000-0000-0000-000000000001",
                                            "count":2}])");
        QTest::newRow("no match") << QByteArray(R"({"key":"color","filter":{"must":[
                                        {"has_id":[6]}]}})")
                                  << QJsonArray();
        QTest::newRow("integer ties at the limit")
            << QByteArray(R"({"key":"size","limit":2})")
            << array(R"([{"value":1,"count":2},{"value":2,"count":2}])");
    }
    void facet()
    {
        QFETCH(QByteArray, body);
        QFETCH(QJsonArray, hits);
        if (client().get(QStringLiteral("/collections/faceted")).status != 200) {
            create(QStringLiteral("faceted"), R"({"vectors":{"size":2,"distance":"Dot"}})");
            // Point 2 holds red twice: a point counts once per distinct value.
            upsert(QStringLiteral("faceted"), R"({"points":[
                {"id":1,"vector":[1,0],"payload":{"color":"red","size":1,"flag":true,
                    "owner":"A0000000-0000-0000-0000-000000000001","weight":1.5}},
                {"id":2,"vector":[1,0],"payload":{"color":["red","blue","red"],"size":[1,2,2],
                    "flag":false}},
                {"id":3,"vector":[1,0],"payload":{"color":"blue","size":2,"flag":true,
                    "owner":"a0000000000000000000000000000001"}},
                {"id":4,"vector":[1,0],"payload":{"color":"green","size":3}},
                {"id":5,"vector":[1,0],"payload":{"color":7,"size":2.5,"flag":"yes"}},
                {"id":6,"vector":[1,0],"payload":{}}]})");
            for (const char *index : {R"({"field_name":"color","field_schema":"keyword"})",
                     R"({"field_name":"size","field_schema":"integer"})",
                     R"({"field_name":"flag","field_schema":"bool"})",
                     R"({"field_name":"owner","field_schema":"uuid"})",
                     R"({"field_name":"weight","field_schema":"float"})"}) {
                QCOMPARE(client()
                             .put(QStringLiteral("/collections/faceted/index?wait=true"),
                                 QByteArray(index))
                             .status,
                    200);
            }
        }
        const auto r = client().post(QStringLiteral("/collections/faceted/facet"), body);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result()[QStringLiteral("hits")].toArray(), hits);
    }

    // The facet at volume, with deleted points (their rows are freed, then reused): every
    // count is the count of a match filter, counts go down and ties go by value.
    void facetCountsEveryLivePointOnce()
    {
        create(QStringLiteral("facet_volume"), R"({"vectors":{"size":2,"distance":"Dot"}})");
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/facet_volume/index?wait=true"),
                         QByteArray(R"({"field_name":"kind","field_schema":"keyword"})"))
                     .status,
            200);
        const auto load = [this](int from, int to) {
            QByteArray body = "{\"points\":[";
            for (int i = from; i < to; ++i) {
                if (i > from)
                    body += ',';
                // Every 7th point also holds a second value, and the first one twice.
                const QByteArray kind = "\"k" + QByteArray::number(i % 37 * (i % 5 + 1)) + '"';
                const QByteArray value = i % 7 ? kind
                                               : '[' + kind + ",\"extra\"," + kind + ']';
                body += "{\"id\":" + QByteArray::number(i) + ",\"vector\":[1,0],"
                    + "\"payload\":{\"kind\":" + value + "}}";
            }
            upsert(QStringLiteral("facet_volume"), body + "]}");
        };
        load(1, 3001);
        QByteArray deleted = "{\"points\":[";
        for (int i = 10; i <= 3000; i += 10)
            deleted += (i > 10 ? "," : "") + QByteArray::number(i);
        QCOMPARE(client()
                     .post(QStringLiteral("/collections/facet_volume/points/delete?wait=true"),
                         deleted + "]}")
                     .status,
            200);
        load(5001, 5101); // new points in the freed rows
        const auto r = client().post(QStringLiteral("/collections/facet_volume/facet"),
            QByteArray(R"({"key":"kind","limit":1000,"exact":true})"));
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray hits = r.result()[QStringLiteral("hits")].toArray();
        QVERIFY(hits.size() > 100);
        qint64 previousCount = -1;
        QString previousValue;
        for (const QJsonValue &hit : hits) {
            const QString value = hit[QStringLiteral("value")].toString();
            const qint64 count = hit[QStringLiteral("count")].toInteger();
            const QJsonObject match {{QStringLiteral("key"), QStringLiteral("kind")},
                {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), value}}}};
            const QJsonObject filter {{QStringLiteral("must"), QJsonArray {match}}};
            const auto counted = client().post(
                QStringLiteral("/collections/facet_volume/points/count"),
                QJsonObject {{QStringLiteral("filter"), filter}, {QStringLiteral("exact"), true}});
            QCOMPARE(count, counted.result()[QStringLiteral("count")].toInteger());
            if (previousCount >= 0) {
                QVERIFY(count <= previousCount);
                if (count == previousCount)
                    QVERIFY2(previousValue < value, qPrintable(previousValue + value));
            }
            previousCount = count;
            previousValue = value;
        }
        // A limit keeps the first ones of the same order.
        const auto top = client().post(QStringLiteral("/collections/facet_volume/facet"),
            QByteArray(R"({"key":"kind","limit":5})"));
        QJsonArray firstFive;
        for (int i = 0; i < 5; ++i)
            firstFive.append(hits.at(i));
        QCOMPARE(top.result()[QStringLiteral("hits")].toArray(), firstFive);
    }

    void facetNeedsAnIndex_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("no index") << QByteArray(R"({"key":"shape"})") << 400
                                  << QStringLiteral("Index required but not found for \"shape\"");
        QTest::newRow("float index")
            << QByteArray(R"({"key":"weight"})") << 400
            << QStringLiteral("Index required but not found for \"weight\"");
        QTest::newRow("missing key")
            << QByteArray(R"({"limit":3})") << 400 << QStringLiteral("key");
        QTest::newRow("limit 0") << QByteArray(R"({"key":"color","limit":0})") << 422
                                 << QStringLiteral("limit");
    }
    void facetNeedsAnIndex()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        QVERIFY(client().get(QStringLiteral("/collections/faceted")).status == 200); // facet ran
        const auto r = client().post(QStringLiteral("/collections/faceted/facet"), body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
    }
};

QTEST_GUILESS_MAIN(TestStoreScroll)
#include "tst_store_scroll.moc"
