// Unit tests of memory-store's Qdrant filter engine: invalid filters and their errors,
// slicing, geo, hashing, random input and concurrent evaluation. What each condition matches
// is in tst_filtermatches; PayloadPath and parseDatetime are in tst_payloadpath.

#include "apierror.h"
#include "filtertestsupport.h"
#include "geo.h"
#include "siphash.h"

#include <atomic>
#include <cmath>
#include <random>
#include <thread>

using mstore::ApiError;
using mstore::Filter;
using mstore::Json;
using mstore::PointId;
using mstore::PointView;
using namespace FilterTest;

class TstFilter : public QObject
{
    Q_OBJECT

private slots:
    void invalid_data();
    void invalid();
    void nullAndEmptyFiltersMatchEverything();
    void errorLocationUsesWhere();
    void invalidUtf8InErrorsDoesNotThrowJsonErrors();
    void deepNestingIsRejected();
    void missingHasVectorCallbackMeansNoVector();
    void sliceDividesIdSpace();
    void sipHashReferenceVectors();
    void haversine();
    void randomInputsNeverCrash();
    void concurrentEvaluation();
};

void TstFilter::invalid_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("message");

    struct Case
    {
        const char *filter;
        int status;
        const char *message;
    };
    const auto add = [](const char *group, std::initializer_list<Case> cases) {
        RowAdder rows(group);
        for (const Case &c : cases)
            rows.row() << QByteArray(c.filter) << c.status << QByteArray(c.message);
    };

    add("structure ",
        {
            {R"("abc")", 400, "Format error in JSON body: filter: expected a filter object"},
            {R"([])", 400, "filter: expected a filter object"},
            {R"(5)", 400, "filter: expected a filter object"},
            {R"({"foo":1})", 400,
                "filter: unknown field `foo`, expected one of `should`, `min_should`, `must`, "
                "`must_not`"},
            {R"({"must":[{"key":"a","match":{"value":"x"}},{"foo":1}]})", 400,
                R"(Format error in JSON body: filter.must[1]: unknown condition {"foo":1})"},
            {R"({"must":5})", 400, "filter.must: expected a condition or a list of conditions"},
            {R"({"should":"a"})", 400, "filter.should: expected a condition or a list"},
            {R"({"must_not":true})", 400, "filter.must_not: expected a condition or a list"},
            {R"({"must":[5]})", 400, "filter.must[0]: expected a condition object, got 5"},
            {R"({"must":[null]})", 400, "filter.must[0]: expected a condition object, got null"},
            {R"({"must":[[]]})", 400, "filter.must[0]: expected a condition object"},
            {R"({"must":[{"must":[{"bar":2}]}]})", 400,
                R"(filter.must[0].must[0]: unknown condition {"bar":2})"},
            {R"({"must":{"should":[{"key":"a","match":{"value":1}},{"must":{"x":1}}]}})", 400,
                "filter.must.should[1].must: unknown condition"},
        });

    add("field condition ",
        {
            {R"({"must":[{"key":"a"}]})", 422,
                "Validation error in JSON body: [filter.must[0]: At least one field condition must "
                "be "
                "specified]"},
            {R"({"must":[{"key":"a","match":null,"range":null}]})", 422,
                "At least one field condition must be specified"},
            {R"({"must":[{"key":5,"match":{"value":1}}]})", 400,
                "filter.must[0].key: expected a string"},
            {R"({"must":[{"key":null,"match":{"value":1}}]})", 400,
                "filter.must[0].key: expected a string"},
            {R"({"must":[{"key":"a..b","match":{"value":1}}]})", 400,
                "filter.must[0].key: Invalid json path: 'a..b'"},
            {R"({"must":[{"key":"","match":{"value":1}}]})", 400, "Invalid json path: ''"},
            {R"({"must":[{"key":"a[x]","match":{"value":1}}]})", 400, "Invalid json path: 'a[x]'"},
            {R"({"must":[{"key":"a b","match":{"value":1}}]})", 400, "Invalid json path: 'a b'"},
            {R"({"must":[{"key":"a","match":5}]})", 400,
                "filter.must[0].match: expected an object"},
            {R"({"must":[{"key":"a","match":{}}]})", 400,
                "filter.must[0].match: expected one of value, text, text_any, phrase, prefix, any, "
                "except"},
            {R"({"must":[{"key":"a","match":{"valeu":1}}]})", 400, "match: expected one of value"},
            {R"({"must":[{"key":"a","match":{"value":1.5}}]})", 400,
                "filter.must[0].match.value: expected a string, an integer or a boolean, got 1.5"},
            {R"({"must":[{"key":"a","match":{"value":null}}]})", 400,
                "match.value: expected a string, an integer or a boolean"},
            {R"({"must":[{"key":"a","match":{"value":[1]}}]})", 400, "match.value: expected"},
            {R"({"must":[{"key":"a","match":{"value":18446744073709551615}}]})", 400,
                "match.value: expected a string, an integer or a boolean"},
            {R"({"must":[{"key":"a","match":{"any":[1,"a"]}}]})", 400,
                "match.any: expected a list of strings or a list of integers"},
            {R"({"must":[{"key":"a","match":{"any":"a"}}]})", 400, "match.any: expected a list"},
            {R"({"must":[{"key":"a","match":{"except":[1.5]}}]})", 400, "match.except: expected"},
            {R"({"must":[{"key":"a","match":{"text":5}}]})", 400, "match.text: expected a string"},
            {R"({"must":[{"key":"a","match":{"text_any":null}}]})", 400,
                "match.text_any: expected a string"},
            {R"({"must":[{"key":"a","match":{"prefix":["a"]}}]})", 400,
                "match.prefix: expected a string"},
            {R"({"must":[{"key":"a","range":5}]})", 400,
                "filter.must[0].range: expected an object"},
            {R"({"must":[{"key":"a","range":{"gt":"yesterday"}}]})", 400,
                R"(filter.must[0].range.gt: "yesterday" does not match accepted datetime format (RFC3339).)"},
            {R"({"must":[{"key":"a","range":{"gt":true}}]})", 400,
                "range.gt: expected a number or a datetime string"},
            {R"({"must":[{"key":"a","range":{"gt":"2023-01-01T00:00:00Z","lt":5}}]})", 400,
                "range.lt: expected a datetime string"},
            {R"({"must":[{"key":"a","range":{"gte":"2023-02-30"}}]})", 400,
                "does not match accepted datetime format"},
            {R"({"must":[{"key":"a","values_count":{"gt":-1}}]})", 400,
                "values_count.gt: expected a non-negative integer"},
            {R"({"must":[{"key":"a","values_count":{"gt":1.5}}]})", 400,
                "values_count.gt: expected a non-negative integer"},
            {R"({"must":[{"key":"a","values_count":"x"}]})", 400,
                "values_count: expected an object"},
            {R"({"must":[{"key":"a","is_empty":"yes"}]})", 400,
                "filter.must[0].is_empty: expected true or false"},
            {R"({"must":[{"key":"a","is_null":1}]})", 400, "is_null: expected true or false"},
        });

    add("geo ",
        {
            {R"({"must":[{"key":"l","geo_radius":{"center":{"lon":1,"lat":2}}}]})", 400,
                "filter.must[0].geo_radius: missing field `radius`"},
            {R"({"must":[{"key":"l","geo_radius":{"center":{"lon":1,"lat":2},"radius":"far"}}]})",
                400, "geo_radius.radius: expected a number"},
            {R"({"must":[{"key":"l","geo_radius":{"center":{"lon":13.4,"lat":200},"radius":1}}]})",
                400,
                "geo_radius.center: Wrong format of GeoPoint payload: expected `lat` = 200 within "
                "[-90;90] and `lon` = 13.4 within [-180;180]"},
            {R"({"must":[{"key":"l","geo_radius":{"center":{"lon":181,"lat":0},"radius":1}}]})",
                400, "Wrong format of GeoPoint payload"},
            {R"({"must":[{"key":"l","geo_radius":{"center":{"lat":0},"radius":1}}]})", 400,
                "geo_radius.center: missing field `lon`"},
            {R"({"must":[{"key":"l","geo_radius":{"center":[1,2],"radius":1}}]})", 400,
                "geo_radius.center: expected a geo point"},
            {R"({"must":[{"key":"l","geo_bounding_box":{"top_left":{"lon":1,"lat":2}}}]})", 400,
                "geo_bounding_box: missing field `bottom_right`"},
            {R"({"must":[{"key":"l","geo_polygon":{"exterior":{"points":[{"lon":0,"lat":0},{"lon":1,"lat":0},{"lon":0,"lat":0}]}}}]})",
                400, "geo_polygon.exterior: polygon invalid, the size must be at least 4, got 3"},
            {R"({"must":[{"key":"l","geo_polygon":{"exterior":{"points":[{"lon":0,"lat":0},{"lon":1,"lat":0},{"lon":1,"lat":1},{"lon":0,"lat":1}]}}}]})",
                400,
                "polygon invalid, the first and the last points should be the same to form a "
                "closed "
                "line"},
            {R"({"must":[{"key":"l","geo_polygon":{"exterior":{"points":[{"lon":0,"lat":0},{"lon":1,"lat":0},{"lon":1,"lat":1},{"lon":0,"lat":0}]},"interiors":5}}]})",
                400, "geo_polygon.interiors: expected a list of line strings"},
            {R"({"must":[{"key":"l","geo_polygon":{"exterior":{"points":[{"lon":0,"lat":0},{"lon":1,"lat":0},{"lon":1,"lat":1},{"lon":0,"lat":0}]},"interiors":[{"points":[]}]}}]})",
                400,
                "geo_polygon.interiors[0]: polygon invalid, the size must be at least 4, got 0"},
            {R"({"must":[{"key":"l","geo_polygon":{"exterior":[]}}]})", 400,
                "geo_polygon.exterior: expected a line string"},
            {R"({"must":[{"key":"l","geo_polygon":{}}]})", 400,
                "geo_polygon: missing field `exterior`"},
        });

    add("other conditions ",
        {
            {R"({"must":[{"is_empty":"a"}]})", 400,
                R"(filter.must[0].is_empty: expected {"key": "..."})"},
            {R"({"must":[{"is_empty":{"key":1}}]})", 400,
                "filter.must[0].is_empty.key: expected a string"},
            {R"({"must":[{"is_null":{}}]})", 400, "filter.must[0].is_null: missing field `key`"},
            {R"({"must":[{"is_null":{"key":"a["}}]})", 400, "Invalid json path: 'a['"},
            {R"({"must":[{"has_id":1}]})", 400,
                "filter.must[0].has_id: expected a list of point ids"},
            {R"({"must":[{"has_id":[1,-1]}]})", 400,
                "filter.must[0].has_id[1]: value -1 is not a valid point ID, valid values are "
                "either "
                "an unsigned integer or a UUID"},
            {R"({"must":[{"has_id":["not-a-uuid"]}]})", 400, "is not a valid point ID"},
            {R"({"must":[{"has_id":[1.5]}]})", 400, "is not a valid point ID"},
            {R"({"must":[{"has_vector":1}]})", 400,
                "filter.must[0].has_vector: expected a vector name"},
            {R"({"must":[{"nested":{"key":"a"}}]})", 400,
                "filter.must[0].nested: missing field `filter`"},
            {R"({"must":[{"nested":{"filter":{}}}]})", 400,
                "filter.must[0].nested: missing field `key`"},
            {R"({"must":[{"nested":{"key":"a","filter":{"x":1}}}]})", 400,
                "filter.must[0].nested.filter: unknown field `x`"},
            {R"({"must":[{"nested":{"key":"a","filter":{"must":{"key":"b"}}}}]})", 422,
                "filter.must[0].nested.filter.must: At least one field condition"},
            {R"({"must":[{"nested":{"key":"a.","filter":{}}}]})", 400, "Invalid json path: 'a.'"},
            {R"({"must":[{"nested":[]}]})", 400, "filter.must[0].nested: expected"},
            {R"({"must":[{"slice":{"index":0,"total":0}}]})", 422,
                "filter.must[0].slice.total: value 0 invalid, must be 1 or larger"},
            {R"({"must":[{"slice":{"index":4,"total":4}}]})", 422,
                "filter.must[0].slice.index: value 4 invalid, must be less than total (4)"},
            {R"({"must":[{"slice":{"index":-1,"total":4}}]})", 400,
                "slice.index: expected an unsigned 32-bit integer"},
            {R"({"must":[{"slice":{"index":0,"total":4294967296}}]})", 400,
                "slice.total: expected an unsigned 32-bit integer"},
            {R"({"must":[{"slice":{"index":0}}]})", 400, "slice: missing field `total`"},
        });

    add("min_should ",
        {
            {R"({"min_should":{"conditions":[]}})", 400,
                "filter.min_should: missing field `min_count`"},
            {R"({"min_should":{"min_count":1}})", 400,
                "filter.min_should: missing field `conditions`"},
            {R"({"min_should":{"conditions":[],"min_count":0}})", 422,
                "filter.min_should.min_count: value 0 invalid, must be 1 or larger"},
            {R"({"min_should":{"conditions":[],"min_count":-1}})", 400,
                "filter.min_should.min_count: expected a non-negative integer"},
            {R"({"min_should":{"conditions":{"has_id":[1]},"min_count":1}})", 400,
                "filter.min_should.conditions: expected a list of conditions"},
            {R"({"min_should":5})", 400, "filter.min_should: expected"},
            {R"({"min_should":{"conditions":[{"oops":1}],"min_count":1}})", 400,
                R"(filter.min_should.conditions[0]: unknown condition {"oops":1})"},
        });
}

void TstFilter::invalid()
{
    QFETCH(QByteArray, filter);
    QFETCH(int, status);
    QFETCH(QByteArray, message);

    try {
        Filter::parse(parseJson(filter));
        QFAIL("no ApiError thrown");
    } catch (const ApiError &e) {
        const QByteArray what(e.what());
        if (!what.contains(message))
            qWarning("message: %s", e.what());
        QVERIFY(what.contains(message));
        QCOMPARE(e.status(), status);
    }
}

void TstFilter::nullAndEmptyFiltersMatchEverything()
{
    QVERIFY(Filter().matchesEverything());
    QVERIFY(Filter::parse(Json()).matchesEverything());
    QVERIFY(Filter::parse(Json::object()).matchesEverything());
    QVERIFY(Filter::parse(parseJson(R"({"must":[],"should":[]})")).matchesEverything());
    QVERIFY(!Filter::parse(parseJson(R"({"must":{"has_id":[1]}})")).matchesEverything());
    QVERIFY(evaluate(Filter(), Json::object(), PointId(1)));
}

void TstFilter::errorLocationUsesWhere()
{
    try {
        Filter::parse(parseJson(R"({"must":[{"foo":1}]})"), "prefetch[0].filter");
        QFAIL("no ApiError thrown");
    } catch (const ApiError &e) {
        QCOMPARE(QByteArray(e.what()),
            QByteArray(R"(Format error in JSON body: prefetch[0].filter.must[0]: )"
                       R"(unknown condition {"foo":1})"));
    }
}

void TstFilter::invalidUtf8InErrorsDoesNotThrowJsonErrors()
{
    Json filter = Json::object();
    filter["must"] = Json::array({Json {{"bad", std::string("\xff\xfe")}}});
    QVERIFY_THROWS_EXCEPTION(ApiError, Filter::parse(filter));
    Json key = Json::object();
    key["must"] = Json {{"key", std::string("a\xff")}, {"match", Json {{"value", 1}}}};
    const Filter parsed = Filter::parse(key); // non-ASCII bytes are key characters
    QVERIFY(!evaluate(parsed, Json::object(), PointId(1)));
}

void TstFilter::deepNestingIsRejected()
{
    // Deep values inside a condition are only described, never recursed into.
    Json deep = Json::array();
    for (int i = 0; i < 100000; ++i)
        deep = Json::array({std::move(deep)});
    // Moved in, never copied: an initializer list would copy it, recursively, 100,000 frames
    // deep (a stack overflow under AddressSanitizer's larger frames).
    Json ids = Json::array();
    ids.push_back(std::move(deep));
    Json condition = Json::object();
    condition["has_id"] = std::move(ids);
    Json must = Json::array();
    must.push_back(std::move(condition));
    Json hasDeepId = Json::object();
    hasDeepId["must"] = std::move(must);
    try {
        Filter::parse(hasDeepId);
        QFAIL("no ApiError thrown");
    } catch (const ApiError &e) {
        QVERIFY(QByteArray(e.what()).contains("value [[[[[[[[[...]]]]]]]]] is not a valid point"));
    }

    Json filter = Json::object();
    for (int i = 0; i < 200; ++i)
        filter = Json {{"must", Json::array({filter})}};
    try {
        Filter::parse(filter);
        QFAIL("no ApiError thrown");
    } catch (const ApiError &e) {
        QCOMPARE(e.status(), 400);
        QVERIFY(QByteArray(e.what()).contains("nested too deeply"));
    }
    Json nested = Json::object();
    for (int i = 0; i < 20; ++i)
        nested = Json {{"must", Json::array({nested})}};
    QVERIFY(evaluate(Filter::parse(nested), Json::object(), PointId(1)));
}

void TstFilter::missingHasVectorCallbackMeansNoVector()
{
    const Filter filter = Filter::parse(parseJson(R"({"must":{"has_vector":""}})"));
    const PointId id(1);
    const Json payload = Json::object();
    QVERIFY(!filter.matches(PointView {id, payload, nullptr}));
    const std::function<bool(std::string_view)> empty;
    QVERIFY(!filter.matches(PointView {id, payload, &empty}));
}

void TstFilter::sliceDividesIdSpace()
{
    constexpr int kTotal = 4;
    std::vector<Filter> slices;
    slices.reserve(kTotal);
    for (int i = 0; i < kTotal; ++i) {
        slices.push_back(
            Filter::parse(Json {{"must", Json {{"slice", {{"index", i}, {"total", kTotal}}}}}}));
    }
    const Filter halfZero = Filter::parse(parseJson(R"({"must":{"slice":{"index":0,"total":2}}})"));
    const Filter all = Filter::parse(parseJson(R"({"must":{"slice":{"index":0,"total":1}}})"));
    const Json payload = Json::object();
    int counts[kTotal] = {};
    std::mt19937_64 random(7);
    for (int n = 0; n < 2000; ++n) {
        PointId id {uint64_t(n)};
        if (n % 2) {
            std::string hex;
            for (int i = 0; i < 32; ++i)
                hex += "0123456789abcdef"[random() % 16];
            id = *PointId::fromUuid(hex);
        }
        int hits = 0;
        for (int i = 0; i < kTotal; ++i) {
            if (evaluate(slices[size_t(i)], payload, id)) {
                ++hits;
                ++counts[i];
                // Slices of 4 nest inside slices of 2: hash % 4 == 0 implies hash % 2 == 0.
                if (i % 2 == 0)
                    QVERIFY(evaluate(halfZero, payload, id));
            }
        }
        QCOMPARE(hits, 1);
        QVERIFY(evaluate(all, payload, id));
    }
    for (int count : counts)
        QVERIFY2(count > 380 && count < 620, qPrintable(QString::number(count)));
    // Slices are not evaluated inside nested (there is no point id there).
    const Filter nested = Filter::parse(parseJson(
        R"({"must":{"nested":{"key":"a","filter":{"must":{"slice":{"index":0,"total":1}}}}}})"));
    QVERIFY(!evaluate(nested, parseJson(R"({"a":[{}]})"), PointId(1)));
}

void TstFilter::sipHashReferenceVectors()
{
    // From the SipHash paper's reference implementation: key 00..0f, messages 00.., 00 01 ...
    const uint64_t k0 = 0x0706050403020100ULL;
    const uint64_t k1 = 0x0f0e0d0c0b0a0908ULL;
    uint8_t message[64];
    for (int i = 0; i < 64; ++i)
        message[i] = uint8_t(i);
    QCOMPARE(mstore::sipHash24(k0, k1, message, 0), 0x726fdb47dd0e0e31ULL);
    QCOMPARE(mstore::sipHash24(k0, k1, message, 1), 0x74f839c593dc67fdULL);
    QCOMPARE(mstore::sipHash24(k0, k1, message, 8), 0x93f5f5799a932462ULL);
    QCOMPARE(mstore::sipHash24(k0, k1, message, 15), 0xa129ca6149be45e5ULL);
    QCOMPARE(mstore::sipHash24(k0, k1, message, 63), 0x958a324ceb064572ULL);
}

void TstFilter::haversine()
{
    const mstore::GeoPoint berlin {13.404954, 52.520008};
    const mstore::GeoPoint moscow {37.617298, 55.755825};
    const double d = mstore::haversineMeters(berlin, moscow);
    QVERIFY2(d > 1605000 && d < 1612000, qPrintable(QString::number(d)));
    QCOMPARE(mstore::haversineMeters(berlin, berlin), 0.0);
    const double half = mstore::haversineMeters({0, 0}, {180, 0});
    QVERIFY(std::abs(half - 6371008.8 * 3.14159265358979) < 1);
}

void TstFilter::randomInputsNeverCrash()
{
    // Grammar-aware fuzzing: valid-looking filters whose parts are swapped for random values.
    const std::vector<Json> seeds = {
        parseJson(R"({"must":[{"key":"a","match":{"value":"x"}}]})"),
        parseJson(R"({"should":{"key":"a[].b","range":{"gte":1,"lt":"2023-01-01"}}})"),
        parseJson(
            R"({"must_not":[{"is_empty":{"key":"a"}},{"has_id":[1,"550e8400-e29b-41d4-a716-446655440000"]}]})"),
        parseJson(
            R"({"min_should":{"conditions":[{"has_vector":"v"},{"key":"g","geo_radius":{"center":{"lon":1,"lat":2},"radius":5}}],"min_count":1}})"),
        parseJson(
            R"({"must":{"nested":{"key":"n","filter":{"must":{"key":"x","values_count":{"gt":1}}}}}})"),
        parseJson(
            R"({"must":{"key":"p","geo_polygon":{"exterior":{"points":[{"lon":0,"lat":0},{"lon":1,"lat":0},{"lon":1,"lat":1},{"lon":0,"lat":0}]},"interiors":[]}}})"),
        parseJson(
            R"({"must":{"key":"b","geo_bounding_box":{"top_left":{"lon":0,"lat":1},"bottom_right":{"lon":1,"lat":0}},"is_null":true}})"),
        parseJson(
            R"({"must":{"slice":{"index":1,"total":3}},"should":{"key":"t","match":{"except":[1,2]}}})"),
    };
    const std::vector<Json> atoms = {
        Json(),
        Json(true),
        Json(0),
        Json(-1),
        Json(1.5),
        Json("a"),
        Json(""),
        Json("2023-02-08T10:00:00Z"),
        Json::array(),
        Json::object(),
        Json::array({1, "a"}),
        parseJson(R"({"key":"a"})"),
        parseJson(R"({"lon":1,"lat":2})"),
        Json("a..b"),
        Json(18446744073709551615ULL),
        parseJson(R"({"must":[{}]})"),
    };
    const std::vector<Json> payloads = {
        Json::object(),
        parseJson(R"({"a":"x","n":[{"x":[1,2]},{"x":null}],"p":{"lon":0.5,"lat":0.5},"t":5})"),
        parseJson(R"({"a":[["x"]],"g":[{"lon":1,"lat":2}],"b":null,"t":"2024-01-01"})"),
    };
    std::mt19937 random(12345);
    int parsed = 0;
    int rejected = 0;
    for (int round = 0; round < 4000; ++round) {
        Json filter = seeds[random() % seeds.size()];
        const int mutations = 1 + int(random() % 3);
        for (int m = 0; m < mutations; ++m) {
            // Walk to a random node and replace it (or one of its members) with an atom.
            Json *node = &filter;
            while ((node->is_object() || node->is_array()) && !node->empty() && random() % 3) {
                auto it = node->begin();
                std::advance(it, random() % node->size());
                node = &*it;
            }
            *node = atoms[random() % atoms.size()];
        }
        try {
            const Filter f = Filter::parse(filter);
            ++parsed;
            for (const Json &payload : payloads)
                evaluate(f, payload, PointId(uint64_t(round)));
        } catch (const ApiError &e) {
            ++rejected;
            QVERIFY(e.status() == 400 || e.status() == 422);
        }
    }
    QVERIFY(parsed > 0);
    QVERIFY(rejected > 0);
}

void TstFilter::concurrentEvaluation()
{
    const Filter filter = Filter::parse(parseJson(
        R"({"must":[{"key":"tags","match":{"any":["a","b"]}},{"key":"n","range":{"gte":10}}],)"
        R"("must_not":{"nested":{"key":"items","filter":{"must":{"key":"bad","match":{"value":true}}}}}})"));
    std::vector<Json> payloads;
    payloads.reserve(200);
    for (int i = 0; i < 200; ++i) {
        payloads.push_back(Json {{"tags", Json::array({i % 3 ? "a" : "c"})}, {"n", i},
            {"items", Json::array({Json {{"bad", i % 5 == 0}}})}});
    }
    std::atomic<int> mismatches {0};
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int round = 0; round < 200; ++round) {
                for (int i = 0; i < 200; ++i) {
                    const bool expected = i % 3 && i >= 10 && i % 5 != 0;
                    if (evaluate(filter, payloads[size_t(i)], PointId(uint64_t(i))) != expected)
                        ++mismatches;
                }
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(mismatches.load(), 0);
}

QTEST_GUILESS_MAIN(TstFilter)

#include "tst_filter.moc"
