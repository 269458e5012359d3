// Unit tests of memory-store's payload key paths (PayloadPath: parse, collect, remove, merge,
// copy, array keys) and of parseDatetime, the RFC 3339 forms Qdrant's datetime range accepts.

#include "apierror.h"
#include "datetime.h"
#include "payloadpath.h"

#include <QTest>

using mstore::ApiError;
using mstore::Json;
using mstore::PayloadPath;

namespace {

Json parseJson(const QByteArray &text)
{
    return Json::parse(text.constData(), text.constData() + text.size());
}

QByteArray toBytes(const Json &value)
{
    return QByteArray::fromStdString(value.dump());
}

} // namespace

class TstPayloadPath : public QObject
{
    Q_OBJECT

private slots:
    void parseDatetime_data();
    void parseDatetime();
    void pathParse_data();
    void pathParse();
    void pathCollect_data();
    void pathCollect();
    void pathRemove_data();
    void pathRemove();
    void pathMergeAt_data();
    void pathMergeAt();
    void pathMergeObject();
    void pathCopyInto_data();
    void pathCopyInto();
    void pathArrayKey();
};

void TstPayloadPath::parseDatetime_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("micros");

    struct Case
    {
        const char *text;
        bool valid;
        qint64 micros;
    };
    const Case cases[] = {
        {"1970-01-01T00:00:00Z", true, 0},
        {"2023-02-08T10:49:00Z", true, 1675853340000000},
        {"2023-02-08T10:49:00z", true, 1675853340000000},
        {"2023-02-08t10:49:00Z", true, 1675853340000000},
        {"2023-02-08 10:49:00Z", true, 1675853340000000},
        {"2023-02-08T10:49:00+00:00", true, 1675853340000000},
        {"2023-02-08T10:49:00-00:00", true, 1675853340000000},
        {"2023-02-08T10:49:00+01:00", true, 1675849740000000},
        {"2023-02-08T10:49:00+0100", true, 1675849740000000},
        {"2023-02-08T10:49:00+01", true, 1675849740000000},
        {"2023-02-08T10:49:00 +01:00", true, 1675849740000000},
        {"2023-02-08 10:49:00 +01:00", true, 1675849740000000},
        {"2023-02-08T10:49:00-05:30", true, 1675873140000000},
        {"2023-02-08T10:49:00.123456Z", true, 1675853340123456},
        {"2023-02-08T10:49:00.1Z", true, 1675853340100000},
        {"2023-02-08T10:49:00.123456789Z", true, 1675853340123456},
        {"2023-02-08T10:49:00.5+01:00", true, 1675849740500000},
        {"2023-02-08T10:49:00", true, 1675853340000000},
        {"2023-02-08T10:49:00.25", true, 1675853340250000},
        {"2023-02-08 10:49:00", true, 1675853340000000},
        {"2023-02-08 10:49:00.000001", true, 1675853340000001},
        {"2023-02-08T10:49", true, 1675853340000000},
        {"2023-02-08 10:49", true, 1675853340000000},
        {"2023-02-08", true, 1675814400000000},
        {"2024-02-29T00:00:00Z", true, 1709164800000000},
        {"2023-02-08T10:49:60Z", true, 1675853400000000}, // leap second: the next second
        {"1969-12-31T23:59:59Z", true, -1000000},
        {"0001-01-01T00:00:00Z", true, -62135596800000000},
        {"9999-12-31T23:59:59.999999Z", true, 253402300799999999},
        {"", false, 0},
        {"2023", false, 0},
        {"2023-02", false, 0},
        {"2023-2-8", false, 0},
        {"23-02-08", false, 0},
        {" 2023-02-08", false, 0},
        {"2023-02-08 ", false, 0},
        {"2023-02-29", false, 0},
        {"2023-13-01", false, 0},
        {"2023-00-10", false, 0},
        {"2023-04-31", false, 0},
        {"2023-02-08T24:00:00Z", false, 0},
        {"2023-02-08T10:60:00Z", false, 0},
        {"2023-02-08T10:49:61Z", false, 0},
        {"2023-02-08T10:49Z", false, 0},
        {"2023-02-08Z", false, 0},
        {"2023-02-08T", false, 0},
        {"2023-02-08T10", false, 0},
        {"2023-02-08T10:49:00.", false, 0},
        {"2023-02-08T10:49:00.Z", false, 0},
        {"2023-02-08T10:49:00+1:00", false, 0},
        {"2023-02-08T10:49:00+01:0", false, 0},
        {"2023-02-08T10:49:00+24:00", false, 0},
        {"2023-02-08T10:49:00+01:00 ", false, 0},
        {"2023-02-08T10:49:00UTC", false, 0},
        {"2023-02-08t10:49:00", false, 0},
        {"2023-02-08X10:49:00Z", false, 0},
        {"2023/02/08", false, 0},
        {"now", false, 0},
    };
    for (const Case &c : cases)
        QTest::newRow(*c.text ? c.text : "(empty)") << QByteArray(c.text) << c.valid << c.micros;
}

void TstPayloadPath::parseDatetime()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(qint64, micros);

    const auto parsed = mstore::parseDatetime(std::string_view(text.constData(), text.size()));
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(qint64(*parsed), micros);
}

void TstPayloadPath::pathParse_data()
{
    QTest::addColumn<QByteArray>("key");
    // Segments as text: "k:name" for keys, "[]" and "[n]"; empty for an invalid key.
    QTest::addColumn<QByteArray>("segments");

    QTest::newRow("plain") << QByteArray("a") << QByteArray("k:a");
    QTest::newRow("dots") << QByteArray("a.b.c") << QByteArray("k:a k:b k:c");
    QTest::newRow("wildcard") << QByteArray("a[].b") << QByteArray("k:a [] k:b");
    QTest::newRow("index") << QByteArray("a[12].b") << QByteArray("k:a [12] k:b");
    QTest::newRow("chained") << QByteArray("a[1][50][]") << QByteArray("k:a [1] [50] []");
    QTest::newRow("qdrant example") << QByteArray(R"(foo[1][50].bar-baz[]."qux[.]quux")")
                                    << QByteArray("k:foo [1] [50] k:bar-baz [] k:qux[.]quux");
    QTest::newRow("quoted first") << QByteArray(R"("a.b".c)") << QByteArray("k:a.b k:c");
    QTest::newRow("quoted empty") << QByteArray(R"(a."")") << QByteArray("k:a k:");
    QTest::newRow("unicode") << QByteArray("ключ.値") << QByteArray("k:ключ k:値");
    QTest::newRow("digits") << QByteArray("1.2") << QByteArray("k:1 k:2");
    QTest::newRow("empty") << QByteArray("") << QByteArray();
    QTest::newRow("trailing dot") << QByteArray("a.") << QByteArray();
    QTest::newRow("double dot") << QByteArray("a..b") << QByteArray();
    QTest::newRow("leading dot") << QByteArray(".a") << QByteArray();
    QTest::newRow("leading bracket") << QByteArray("[0]") << QByteArray();
    QTest::newRow("dot bracket") << QByteArray("a.[0]") << QByteArray();
    QTest::newRow("open bracket") << QByteArray("a[") << QByteArray();
    QTest::newRow("letters in index") << QByteArray("a[x]") << QByteArray();
    QTest::newRow("negative index") << QByteArray("a[-1]") << QByteArray();
    QTest::newRow("space") << QByteArray("a b") << QByteArray();
    QTest::newRow("unclosed quote") << QByteArray(R"("a)") << QByteArray();
    QTest::newRow("backslash in quote") << QByteArray(R"("a\"b")") << QByteArray();
    QTest::newRow("junk after index") << QByteArray("a[0]b") << QByteArray();
    QTest::newRow("huge index") << QByteArray("a[99999999999999999999999]") << QByteArray();
}

void TstPayloadPath::pathParse()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, segments);

    const std::string_view text(key.constData(), size_t(key.size()));
    const auto path = PayloadPath::tryParse(text);
    QCOMPARE(path.has_value(), !segments.isEmpty());
    if (!path) {
        try {
            PayloadPath::parse(text);
            QFAIL("no ApiError thrown");
        } catch (const ApiError &e) {
            QCOMPARE(e.status(), 400);
            QCOMPARE(QByteArray(e.what()),
                "Format error in JSON body: Invalid json path: '" + key + "'");
        }
        return;
    }
    QCOMPARE(QByteArray::fromStdString(path->text()), key);
    QByteArrayList parts;
    for (const PayloadPath::Segment &s : path->segments()) {
        switch (s.index) {
        case PayloadPath::Segment::Index::None:
            parts << "k:" + QByteArray::fromStdString(s.key);
            break;
        case PayloadPath::Segment::Index::All:
            parts << "[]";
            break;
        case PayloadPath::Segment::Index::One:
            parts << "[" + QByteArray::number(qulonglong(s.position)) + "]";
            break;
        }
    }
    QCOMPARE(parts.join(' '), segments);
}

void TstPayloadPath::pathCollect_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("collected");
    QTest::addColumn<QByteArray>("flat");

    const QByteArray nested
        = R"({"a":{"b":[{"c":1},{"c":2},{"d":{"e":3}}]},"f":3,"g":["g0","g1"]})";
    QTest::newRow("object") << QByteArray("a.b[2].d") << nested << QByteArray(R"([{"e":3}])")
                            << QByteArray(R"([{"e":3}])");
    QTest::newRow("array kept") << QByteArray("g") << nested << QByteArray(R"([["g0","g1"]])")
                                << QByteArray(R"(["g0","g1"])");
    QTest::newRow("wildcard") << QByteArray("a.b[].c") << nested << QByteArray("[1,2]")
                              << QByteArray("[1,2]");
    QTest::newRow("index") << QByteArray("g[1]") << nested << QByteArray(R"(["g1"])")
                           << QByteArray(R"(["g1"])");
    QTest::newRow("out of range") << QByteArray("a.b[3]") << nested << QByteArray("[]")
                                  << QByteArray("[]");
    QTest::newRow("no implicit flatten")
        << QByteArray("a.b.c") << nested << QByteArray("[]") << QByteArray("[]");
    QTest::newRow("missing") << QByteArray("x.y") << nested << QByteArray("[]") << QByteArray("[]");
    QTest::newRow("scalar") << QByteArray("f") << nested << QByteArray("[3]") << QByteArray("[3]");
    QTest::newRow("null") << QByteArray("n") << QByteArray(R"({"n":null})") << QByteArray("[null]")
                          << QByteArray("[null]");
    const QByteArray arrays = R"({"arr":[{"a":[1,2,3]},{"a":4},{"b":5}]})";
    QTest::newRow("leaf arrays kept")
        << QByteArray("arr[].a") << arrays << QByteArray("[[1,2,3],4]") << QByteArray("[1,2,3,4]");
    QTest::newRow("leaf arrays flattened")
        << QByteArray("arr[].a[]") << arrays << QByteArray("[1,2,3]") << QByteArray("[1,2,3]");
    QTest::newRow("flat one level") << QByteArray("m") << QByteArray(R"({"m":[[1],2]})")
                                    << QByteArray("[[[1],2]]") << QByteArray("[[1],2]");
    QTest::newRow("deep") << QByteArray("x[].y[].z")
                          << QByteArray(R"({"x":[{"y":[{"z":1},{"z":2}]},{"y":[{"z":3}]}]})")
                          << QByteArray("[1,2,3]") << QByteArray("[1,2,3]");
    QTest::newRow("payload not object")
        << QByteArray("a") << QByteArray("[1]") << QByteArray("[]") << QByteArray("[]");
}

void TstPayloadPath::pathCollect()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, collected);
    QFETCH(QByteArray, flat);

    const PayloadPath p = PayloadPath::parse(path.toStdString());
    const Json doc = parseJson(payload);
    const auto gather = [&](bool flatten) {
        std::vector<const Json *> values;
        if (flatten)
            p.collectFlat(doc, values);
        else
            p.collect(doc, values);
        Json out = Json::array();
        for (const Json *v : values)
            out.push_back(*v);
        return toBytes(out);
    };
    QCOMPARE(gather(false), toBytes(parseJson(collected)));
    QCOMPARE(gather(true), toBytes(parseJson(flat)));
    int visits = 0;
    QCOMPARE(p.anyValue(doc, [&](const Json &) { return ++visits == 1; }),
        parseJson(collected).size() > 0);
    QVERIFY(visits <= 1);
}

void TstPayloadPath::pathRemove_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("top") << QByteArray("a") << QByteArray(R"({"a":1,"b":2})")
                         << QByteArray(R"({"b":2})");
    QTest::newRow("nested") << QByteArray("a.b") << QByteArray(R"({"a":{"b":1,"c":2}})")
                            << QByteArray(R"({"a":{"c":2}})");
    QTest::newRow("missing") << QByteArray("a.x") << QByteArray(R"({"a":{"b":1}})")
                             << QByteArray(R"({"a":{"b":1}})");
    QTest::newRow("wildcard empties")
        << QByteArray("a[]") << QByteArray(R"({"a":[1,2]})") << QByteArray(R"({"a":[]})");
    QTest::newRow("index kept") << QByteArray("a[0]") << QByteArray(R"({"a":[1,2]})")
                                << QByteArray(R"({"a":[1,2]})");
    QTest::newRow("each element") << QByteArray("a[].b")
                                  << QByteArray(R"({"a":[{"b":1,"c":1},{"b":2},3]})")
                                  << QByteArray(R"({"a":[{"c":1},{},3]})");
    QTest::newRow("one element") << QByteArray("a[1].b") << QByteArray(R"({"a":[{"b":1},{"b":2}]})")
                                 << QByteArray(R"({"a":[{"b":1},{}]})");
    QTest::newRow("no implicit flatten") << QByteArray("a.b") << QByteArray(R"({"a":[{"b":1}]})")
                                         << QByteArray(R"({"a":[{"b":1}]})");
    QTest::newRow("quoted") << QByteArray(R"("a.b")") << QByteArray(R"({"a.b":1,"a":{"b":2}})")
                            << QByteArray(R"({"a":{"b":2}})");
    QTest::newRow("wildcard on scalar")
        << QByteArray("a[]") << QByteArray(R"({"a":5})") << QByteArray(R"({"a":5})");
}

void TstPayloadPath::pathRemove()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, expected);

    Json doc = parseJson(payload);
    PayloadPath::parse(path.toStdString()).remove(doc);
    QCOMPARE(toBytes(doc), toBytes(parseJson(expected)));
}

void TstPayloadPath::pathMergeAt_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("existing object")
        << QByteArray("a") << QByteArray(R"({"a":{"x":1}})") << QByteArray(R"({"y":2})")
        << QByteArray(R"({"a":{"x":1,"y":2}})");
    QTest::newRow("created") << QByteArray("a.b") << QByteArray(R"({})") << QByteArray(R"({"y":2})")
                             << QByteArray(R"({"a":{"b":{"y":2}}})");
    QTest::newRow("replaces scalar")
        << QByteArray("a.b") << QByteArray(R"({"a":1})") << QByteArray(R"({"y":2})")
        << QByteArray(R"({"a":{"b":{"y":2}}})");
    QTest::newRow("overwrites keys")
        << QByteArray("a") << QByteArray(R"({"a":{"x":1}})") << QByteArray(R"({"x":[3]})")
        << QByteArray(R"({"a":{"x":[3]}})");
    QTest::newRow("null deletes") << QByteArray("a") << QByteArray(R"({"a":{"x":1,"y":2}})")
                                  << QByteArray(R"({"x":null})") << QByteArray(R"({"a":{"y":2}})");
    QTest::newRow("each element") << QByteArray("a[]") << QByteArray(R"({"a":[{"x":1},{"x":2}]})")
                                  << QByteArray(R"({"y":0})")
                                  << QByteArray(R"({"a":[{"x":1,"y":0},{"x":2,"y":0}]})");
    QTest::newRow("element replaced")
        << QByteArray("a[]") << QByteArray(R"({"a":[1,{"x":2}]})") << QByteArray(R"({"y":0})")
        << QByteArray(R"({"a":[{"y":0},{"x":2,"y":0}]})");
    QTest::newRow("one element") << QByteArray("a[1]") << QByteArray(R"({"a":[{},{}]})")
                                 << QByteArray(R"({"y":0})") << QByteArray(R"({"a":[{},{"y":0}]})");
    QTest::newRow("index past end") << QByteArray("a[5]") << QByteArray(R"({"a":[{}]})")
                                    << QByteArray(R"({"y":0})") << QByteArray(R"({"a":[{}]})");
    QTest::newRow("index creates empty array")
        << QByteArray("a[0]") << QByteArray(R"({})") << QByteArray(R"({"y":0})")
        << QByteArray(R"({"a":[]})");
    QTest::newRow("wildcard on scalar") << QByteArray("a[].b") << QByteArray(R"({"a":1})")
                                        << QByteArray(R"({"y":0})") << QByteArray(R"({"a":[]})");
    QTest::newRow("deep in arrays")
        << QByteArray("a[].b") << QByteArray(R"({"a":[{"b":{"c":1}},{}]})")
        << QByteArray(R"({"d":2})") << QByteArray(R"({"a":[{"b":{"c":1,"d":2}},{"b":{"d":2}}]})");
    QTest::newRow("non-object value ignored") << QByteArray("a") << QByteArray(R"({"a":1})")
                                              << QByteArray("[1]") << QByteArray(R"({"a":1})");
}

void TstPayloadPath::pathMergeAt()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);

    Json doc = parseJson(payload);
    PayloadPath::parse(path.toStdString()).mergeAt(doc, parseJson(value));
    QCOMPARE(toBytes(doc), toBytes(parseJson(expected)));
}

void TstPayloadPath::pathMergeObject()
{
    Json doc = parseJson(R"({"a":1,"b":2})");
    PayloadPath::mergeObject(doc, parseJson(R"({"a":null,"c":{"d":1},"b":[2]})"));
    QCOMPARE(toBytes(doc), toBytes(parseJson(R"({"b":[2],"c":{"d":1}})")));
    Json notObject = 5;
    PayloadPath::mergeObject(notObject, parseJson(R"({"x":1})"));
    QCOMPARE(toBytes(notObject), QByteArray(R"({"x":1})"));
}

void TstPayloadPath::pathCopyInto_data()
{
    QTest::addColumn<QByteArray>("paths");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray doc = R"({"a":{"b":1,"c":2},"d":3,"l":[{"b":1,"c":2},{"c":3},4]})";
    QTest::newRow("top") << QByteArray(R"(["d"])") << doc << QByteArray(R"({"d":3})");
    QTest::newRow("whole object") << QByteArray(R"(["a"])") << doc
                                  << QByteArray(R"({"a":{"b":1,"c":2}})");
    QTest::newRow("sub key") << QByteArray(R"(["a.b"])") << doc << QByteArray(R"({"a":{"b":1}})");
    QTest::newRow("two sub keys") << QByteArray(R"(["a.b","a.c"])") << doc
                                  << QByteArray(R"({"a":{"b":1,"c":2}})");
    QTest::newRow("wildcard sub key")
        << QByteArray(R"(["l[].b"])") << doc << QByteArray(R"({"l":[{"b":1},{},4]})");
    QTest::newRow("two wildcard keys") << QByteArray(R"(["l[].b","l[].c"])") << doc
                                       << QByteArray(R"({"l":[{"b":1,"c":2},{"c":3},4]})");
    QTest::newRow("key into array") << QByteArray(R"(["l.b"])") << doc << QByteArray(R"({"l":[]})");
    QTest::newRow("index pattern") << QByteArray(R"(["l[0]"])") << doc << QByteArray(R"({"l":[]})");
    QTest::newRow("index and wildcard")
        << QByteArray(R"(["l[0]","l[].c"])") << doc << QByteArray(R"({"l":[{"c":2},{"c":3},4]})");
    QTest::newRow("missing") << QByteArray(R"(["x","a.x"])") << doc << QByteArray(R"({"a":{}})");
    QTest::newRow("prefix and sub key")
        << QByteArray(R"(["a.b","a"])") << doc << QByteArray(R"({"a":{"b":1,"c":2}})");
    QTest::newRow("longer than value")
        << QByteArray(R"(["d.e"])") << doc << QByteArray(R"({"d":3})");
    QTest::newRow("mixed") << QByteArray(R"(["d","a.c","l[].c"])") << doc
                           << QByteArray(R"({"a":{"c":2},"d":3,"l":[{"c":2},{"c":3},4]})");
}

void TstPayloadPath::pathCopyInto()
{
    QFETCH(QByteArray, paths);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, expected);

    const Json doc = parseJson(payload);
    Json out = Json::object();
    for (const Json &key : parseJson(paths))
        PayloadPath::parse(key.get<std::string>()).copyInto(doc, out);
    QCOMPARE(toBytes(out), toBytes(parseJson(expected)));
}

void TstPayloadPath::pathArrayKey()
{
    const PayloadPath a = PayloadPath::parse("a.b").arrayKey();
    QCOMPARE(QByteArray::fromStdString(a.text()), QByteArray("a.b[]"));
    QCOMPARE(a.segments().size(), size_t(3));
    const PayloadPath b = PayloadPath::parse("a[]").arrayKey();
    QCOMPARE(QByteArray::fromStdString(b.text()), QByteArray("a[]"));
    QCOMPARE(b.segments().size(), size_t(2));
    const PayloadPath c = PayloadPath::parse("a[0]").arrayKey();
    QCOMPARE(QByteArray::fromStdString(c.text()), QByteArray("a[0][]"));
}

QTEST_GUILESS_MAIN(TstPayloadPath)

#include "tst_payloadpath.moc"
