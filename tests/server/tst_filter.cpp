// Unit tests of memory-store's Qdrant filter engine: Filter (every condition kind, Qdrant's
// array / missing-key / nested semantics, error reporting), PayloadPath and parseDatetime.

#include "apierror.h"
#include "datetime.h"
#include "filter.h"
#include "geo.h"
#include "payloadpath.h"
#include "pointid.h"
#include "siphash.h"

#include <QTest>

#include <atomic>
#include <cmath>
#include <random>
#include <thread>

using mstore::ApiError;
using mstore::Filter;
using mstore::Json;
using mstore::PayloadPath;
using mstore::PointId;
using mstore::PointView;

namespace {

Json parseJson(const QByteArray &text)
{
    return Json::parse(text.constData(), text.constData() + text.size());
}

QByteArray toBytes(const Json &value)
{
    return QByteArray::fromStdString(value.dump());
}

// Every test point has the unnamed vector and one named "image".
const std::function<bool(std::string_view)> kHasVector
    = [](std::string_view name) { return name.empty() || name == "image"; };

bool evaluate(const Filter &filter, const Json &payload, const PointId &id)
{
    return filter.matches(PointView {id, payload, &kHasVector});
}

// Adds a row named "<prefix> #n" so that tables need no hand-made unique names.
class RowAdder
{
public:
    explicit RowAdder(const char *prefix)
        : m_prefix(QString::fromUtf8(prefix))
    { }
    QTestData &row() { return QTest::newRow(qPrintable(m_prefix + QString::number(++m_count))); }

private:
    QString m_prefix;
    int m_count = 0;
};

} // namespace

class TstFilter : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
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

void TstFilter::matches_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<bool>("expected");

    struct Case
    {
        const char *filter;
        const char *payload;
        const char *id;
        bool expected;
    };
    const auto add = [](const char *group, std::initializer_list<Case> cases) {
        RowAdder rows(group);
        for (const Case &c : cases) {
            rows.row() << QByteArray(c.filter) << QByteArray(c.payload) << QByteArray(c.id)
                       << c.expected;
        }
    };

    // match value: keyword, integer, bool; any value of an array; type-strict.
    const char *red = R"({"must":[{"key":"color","match":{"value":"red"}}]})";
    add("match value ",
        {
            {red, R"({"color":"red"})", "1", true},
            {red, R"({"color":"blue"})", "1", false},
            {red, R"({"color":["blue","red"]})", "1", true},
            {red, R"({"color":[["red"]]})", "1", false}, // one level of arrays only
            {red, R"({})", "1", false},
            {red, R"({"color":null})", "1", false},
            {red, R"({"color":"Red"})", "1", false},
            {red, R"({"colour":"red"})", "1", false},
            {R"({"must":{"key":"n","match":{"value":5}}})", R"({"n":5})", "1", true},
            {R"({"must":{"key":"n","match":{"value":5}}})", R"({"n":5.0})", "1", false},
            {R"({"must":{"key":"n","match":{"value":5}}})", R"({"n":"5"})", "1", false},
            {R"({"must":{"key":"n","match":{"value":5}}})", R"({"n":[1,5]})", "1", true},
            {R"({"must":{"key":"n","match":{"value":-1}}})", R"({"n":-1})", "1", true},
            {R"({"must":{"key":"n","match":{"value":5}}})", R"({"n":18446744073709551615})", "1",
                false},
            {R"({"must":{"key":"b","match":{"value":true}}})", R"({"b":true})", "1", true},
            {R"({"must":{"key":"b","match":{"value":true}}})", R"({"b":false})", "1", false},
            {R"({"must":{"key":"b","match":{"value":true}}})", R"({"b":1})", "1", false},
            {R"({"must":{"key":"b","match":{"value":true}}})", R"({"b":"true"})", "1", false},
            {R"({"must":{"key":"s","match":{"value":"5"}}})", R"({"s":5})", "1", false},
            {R"({"must":{"key":"s","match":{"value":""}}})", R"({"s":""})", "1", true},
        });

    // text / phrase (substring without a full-text index), text_any (any token), prefix.
    add("match text ",
        {
            {R"({"must":{"key":"t","match":{"text":"quick"}}})", R"({"t":"the quick fox"})", "1",
                true},
            {R"({"must":{"key":"t","match":{"text":"quick"}}})", R"({"t":"the Quick fox"})", "1",
                false},
            {R"({"must":{"key":"t","match":{"text":"ick f"}}})", R"({"t":"the quick fox"})", "1",
                true},
            {R"({"must":{"key":"t","match":{"text":""}}})", R"({"t":"anything"})", "1", true},
            {R"({"must":{"key":"t","match":{"text":"5"}}})", R"({"t":5})", "1", false},
            {R"({"must":{"key":"t","match":{"text":"fox"}}})", R"({"t":["a dog","a fox"]})", "1",
                true},
            {R"({"must":{"key":"t","match":{"phrase":"quick fox"}}})", R"({"t":"the quick fox"})",
                "1", true},
            {R"({"must":{"key":"t","match":{"phrase":"fox quick"}}})", R"({"t":"the quick fox"})",
                "1", false},
            {R"({"must":{"key":"t","match":{"text_any":"cat fox"}}})", R"({"t":"the quick fox"})",
                "1", true},
            {R"({"must":{"key":"t","match":{"text_any":"cat  dog"}}})", R"({"t":"the quick fox"})",
                "1", false},
            {R"({"must":{"key":"t","match":{"text_any":" "}}})", R"({"t":"the quick fox"})", "1",
                false},
            {R"({"must":{"key":"t","match":{"prefix":"the q"}}})", R"({"t":"the quick fox"})", "1",
                true},
            {R"({"must":{"key":"t","match":{"prefix":"quick"}}})", R"({"t":"the quick fox"})", "1",
                false},
            {R"({"must":{"key":"t","match":{"prefix":"ab"}}})", R"({"t":["x","abc"]})", "1", true},
            {R"({"must":{"key":"t","match":{"value":"x","text":"y"}}})", R"({"t":"x"})", "1", true},
            {R"({"must":{"key":"t","match":{"value":1.5,"text":"y"}}})", R"({"t":"xyz"})", "1",
                true}, // untagged: the first variant that parses wins
        });

    // any / except, including Qdrant's except table for missing, null and mismatched types.
    const char *anyAb = R"({"must":{"key":"x","match":{"any":["a","b"]}}})";
    const char *exceptAb = R"({"must":{"key":"x","match":{"except":["a","b"]}}})";
    const char *except12 = R"({"must":{"key":"x","match":{"except":[1,2]}}})";
    add("match any/except ",
        {
            {anyAb, R"({"x":"b"})", "1", true},
            {anyAb, R"({"x":"c"})", "1", false},
            {anyAb, R"({"x":["c","a"]})", "1", true},
            {anyAb, R"({"x":[]})", "1", false},
            {anyAb, R"({})", "1", false},
            {R"({"must":{"key":"x","match":{"any":[1,2]}}})", R"({"x":2})", "1", true},
            {R"({"must":{"key":"x","match":{"any":[1,2]}}})", R"({"x":"2"})", "1", false},
            {R"({"must":{"key":"x","match":{"any":[1,2]}}})", R"({"x":2.0})", "1", false},
            {R"({"must":{"key":"x","match":{"any":[]}}})", R"({"x":"a"})", "1", false},
            {exceptAb, R"({"x":"c"})", "1", true},
            {exceptAb, R"({"x":"a"})", "1", false},
            {exceptAb, R"({"x":["a","c"]})", "1", true},
            {exceptAb, R"({"x":["a","b"]})", "1", false},
            {exceptAb, R"({})", "1", false},
            {exceptAb, R"({"x":null})", "1", false},
            {exceptAb, R"({"x":[]})", "1", false},
            {exceptAb, R"({"x":[null]})", "1", false},
            {exceptAb, R"({"x":5})", "1", true},
            {exceptAb, R"({"x":true})", "1", true},
            {exceptAb, R"({"x":{"a":1}})", "1", true},
            {exceptAb, R"({"x":[["a"]]})", "1", true},
            {except12, R"({"x":3})", "1", true},
            {except12, R"({"x":1})", "1", false},
            {except12, R"({"x":1.5})", "1", true},
            {except12, R"({"x":"1"})", "1", true},
            {R"({"must":{"key":"x","match":{"except":[]}}})", R"({"x":"a"})", "1", true},
            {R"({"must_not":{"key":"x","match":{"any":["a","b"]}}})", R"({})", "1", true},
        });

    // Numeric ranges, and ranges on several values.
    const char *range = R"({"must":{"key":"p","range":{"gte":10,"lt":20}}})";
    add("range ",
        {
            {range, R"({"p":10})", "1", true},
            {range, R"({"p":20})", "1", false},
            {range, R"({"p":15.5})", "1", true},
            {range, R"({"p":9.999})", "1", false},
            {range, R"({"p":"15"})", "1", false},
            {range, R"({"p":[5,25]})", "1", false},
            {range, R"({"p":[5,15]})", "1", true},
            {range, R"({"p":null})", "1", false},
            {range, R"({})", "1", false},
            {R"({"must":{"key":"p","range":{"gt":1.5,"lte":2}}})", R"({"p":2})", "1", true},
            {R"({"must":{"key":"p","range":{"gt":1.5,"lte":2}}})", R"({"p":1.5})", "1", false},
            {R"({"must":{"key":"p","range":{"gt":null,"lt":0}}})", R"({"p":-3})", "1", true},
            {R"({"must":{"key":"p","range":{}}})", R"({"p":-3})", "1", true}, // Qdrant accepts {}
            {R"({"must":{"key":"p","range":{}}})", R"({"p":"x"})", "1", false},
            {R"({"must":{"key":"p","range":{"lt":1e300}}})", R"({"p":18446744073709551615})", "1",
                true},
            // Qdrant's own example: a rating of [3, 7, 9] has a value <= 5.
            {R"({"must_not":{"key":"rating","range":{"lte":5}}})", R"({"rating":[3,7,9]})", "1",
                false},
            {R"({"must_not":{"key":"rating","range":{"lte":2}}})", R"({"rating":[3,7,9]})", "1",
                true},
        });

    // Datetime ranges: string bounds, payload strings in every accepted format and offset.
    const char *hour
        = R"({"must":{"key":"t","range":{"gte":"2023-02-08T10:00:00Z","lt":"2023-02-08T11:00:00Z"}}})";
    add("datetime range ",
        {
            {hour, R"({"t":"2023-02-08T10:49:00Z"})", "1", true},
            {hour, R"({"t":"2023-02-08T11:49:00+01:00"})", "1", true},
            {hour, R"({"t":"2023-02-08T10:49:00-01:00"})", "1", false},
            {hour, R"({"t":"2023-02-08T05:19:00-05:30"})", "1", true},
            {hour, R"({"t":"2023-02-08 10:30:00"})", "1", true},
            {hour, R"({"t":"2023-02-08T10:30"})", "1", true},
            {hour, R"({"t":"2023-02-08T10:59:59.999999"})", "1", true},
            {hour, R"({"t":"2023-02-08T11:00:00Z"})", "1", false},
            {hour, R"({"t":"2023-02-08"})", "1", false},
            {hour, R"({"t":"not a date"})", "1", false},
            {hour, R"({"t":1675853340})", "1", false},
            {hour, R"({"t":["2020-01-01","2023-02-08T10:00:00Z"]})", "1", true},
            {hour, R"({})", "1", false},
            {R"({"must":{"key":"t","range":{"gte":"2023-02-08"}}})",
                R"({"t":"2023-02-08T00:00:00Z"})", "1", true},
            {R"({"must":{"key":"t","range":{"gte":"2023-02-08"}}})",
                R"({"t":"2023-02-07T23:59:59.999999Z"})", "1", false},
            {R"({"must":{"key":"t","range":{"lt":"2023-02-08T10:00:00.5Z"}}})",
                R"({"t":"2023-02-08T10:00:00.4999Z"})", "1", true},
            {R"({"must":{"key":"t","range":{"lt":"2023-02-08T10:00:00.5Z"}}})",
                R"({"t":"2023-02-08T11:00:00.5+01:00"})", "1", false},
            {R"({"must":{"key":"t","range":{"gt":null,"lte":"2023-02-08T10:00:00+00:00"}}})",
                R"({"t":"2023-02-08 10:00:00"})", "1", true},
            // Datetime ranges compare datetimes only, numeric ranges numbers only.
            {R"({"must":{"key":"t","range":{"gt":0}}})", R"({"t":"2023-02-08T10:00:00Z"})", "1",
                false},
        });

    // Geo: radius (haversine meters), bounding box (incl. antimeridian), polygon with a hole.
    const char *nearBerlin
        = R"({"must":{"key":"loc","geo_radius":{"center":{"lon":13.404954,"lat":52.520008},"radius":1000}}})";
    const char *berlinBox
        = R"({"must":{"key":"loc","geo_bounding_box":{"top_left":{"lon":13.08835,"lat":52.67551},"bottom_right":{"lon":13.76116,"lat":52.33826}}}})";
    const char *pacificBox
        = R"({"must":{"key":"loc","geo_bounding_box":{"top_left":{"lon":170,"lat":10},"bottom_right":{"lon":-170,"lat":-10}}}})";
    const char *squareWithHole
        = R"({"must":{"key":"loc","geo_polygon":{"exterior":{"points":[{"lon":0,"lat":0},{"lon":10,"lat":0},{"lon":10,"lat":10},{"lon":0,"lat":10},{"lon":0,"lat":0}]},"interiors":[{"points":[{"lon":4,"lat":4},{"lon":6,"lat":4},{"lon":6,"lat":6},{"lon":4,"lat":6},{"lon":4,"lat":4}]}]}}})";
    const char *berlin = R"({"loc":{"lon":13.4050,"lat":52.5200}})";
    const char *moscow = R"({"loc":{"lon":37.6173,"lat":55.7558}})";
    add("geo ",
        {
            {nearBerlin, berlin, "1", true},
            {nearBerlin, moscow, "1", false},
            {nearBerlin, R"({"loc":{"lon":13.404954,"lat":52.5291}})", "1", false}, // ~1011 m north
            {nearBerlin, R"({"loc":{"lon":13.404954,"lat":52.5289}})", "1", true}, // ~990 m north
            {nearBerlin, R"({"loc":[{"lon":37.6173,"lat":55.7558},{"lon":13.405,"lat":52.52}]})",
                "1", true},
            {nearBerlin, R"({"loc":{"lon":"13.405","lat":52.52}})", "1", false},
            {nearBerlin, R"({"loc":[13.405,52.52]})", "1", false},
            {nearBerlin, R"({})", "1", false},
            {berlinBox, berlin, "1", true},
            {berlinBox, moscow, "1", false},
            {pacificBox, R"({"loc":{"lon":175,"lat":0}})", "1", true},
            {pacificBox, R"({"loc":{"lon":-175,"lat":0}})", "1", true},
            {pacificBox, R"({"loc":{"lon":0,"lat":0}})", "1", false},
            {pacificBox, R"({"loc":{"lon":175,"lat":11}})", "1", false},
            {squareWithHole, R"({"loc":{"lon":2,"lat":2}})", "1", true},
            {squareWithHole, R"({"loc":{"lon":5,"lat":5}})", "1", false},
            {squareWithHole, R"({"loc":{"lon":11,"lat":5}})", "1", false},
            {squareWithHole, R"({"loc":{"lon":10,"lat":5}})", "1", false}, // on the boundary
            {squareWithHole, R"({"loc":{"lon":4,"lat":5}})", "1", false}, // on the hole's edge
            {squareWithHole, R"({"loc":{"lon":3.9,"lat":5}})", "1", true},
        });

    // values_count: array length, 1 for a scalar, 0 for null; a missing key never matches.
    add("values_count ",
        {
            {R"({"must":{"key":"r","values_count":{"gt":2}}})", R"({"r":[1,2,3]})", "1", true},
            {R"({"must":{"key":"r","values_count":{"gt":2}}})", R"({"r":[1,2]})", "1", false},
            {R"({"must":{"key":"r","values_count":{"gte":1,"lte":1}}})", R"({"r":5})", "1", true},
            {R"({"must":{"key":"r","values_count":{"gte":1,"lte":1}}})", R"({"r":{"a":1}})", "1",
                true},
            {R"({"must":{"key":"r","values_count":{"lt":1}}})", R"({"r":null})", "1", true},
            {R"({"must":{"key":"r","values_count":{"lt":1}}})", R"({"r":[]})", "1", true},
            {R"({"must":{"key":"r","values_count":{"lt":1}}})", R"({})", "1", false},
            {R"({"must":{"key":"a[].b","values_count":{"gte":3}}})",
                R"({"a":[{"b":[1,2,3]},{"b":1}]})", "1", true},
            {R"({"must":{"key":"a[].b","values_count":{"gte":4}}})",
                R"({"a":[{"b":[1,2,3]},{"b":1}]})", "1", false},
            // values_count wins over a match in the same field condition, as in Qdrant.
            {R"({"must":{"key":"r","values_count":{"gt":5},"match":{"value":1}}})", R"({"r":[1]})",
                "1", false},
        });

    // is_empty / is_null conditions versus the field condition forms.
    const char *isEmpty = R"({"must":{"is_empty":{"key":"x"}}})";
    const char *isNull = R"({"must":{"is_null":{"key":"x"}}})";
    add("is_empty/is_null ",
        {
            {isEmpty, R"({})", "1", true},
            {isEmpty, R"({"x":null})", "1", true},
            {isEmpty, R"({"x":[]})", "1", true},
            {isEmpty, R"({"x":[null]})", "1", false},
            {isEmpty, R"({"x":0})", "1", false},
            {isEmpty, R"({"x":""})", "1", false},
            {isEmpty, R"({"x":{}})", "1", false},
            {R"({"must":{"is_empty":{"key":"a[].b"}}})", R"({"a":[{"b":1},{"c":2}]})", "1", false},
            {R"({"must":{"is_empty":{"key":"a[].b"}}})", R"({"a":[{"c":1}]})", "1", true},
            {R"({"must":{"is_empty":{"key":"a[].b"}}})", R"({"a":[{"b":[]},{"b":null}]})", "1",
                true},
            {R"({"must_not":{"is_empty":{"key":"x"}}})", R"({"x":[1]})", "1", true},
            {isNull, R"({"x":null})", "1", true},
            {isNull, R"({})", "1", false},
            {isNull, R"({"x":[]})", "1", false},
            {isNull, R"({"x":[null]})", "1", false},
            {isNull, R"({"x":"null"})", "1", false},
            {R"({"must":{"is_null":{"key":"a[].b"}}})", R"({"a":[{"b":1},{"b":null}]})", "1", true},
            {R"({"must":{"is_null":{"key":"x[]"}}})", R"({"x":[1,null]})", "1", true},
            {R"({"must":{"key":"x","is_empty":true}})", R"({})", "1", true},
            {R"({"must":{"key":"x","is_empty":true}})", R"({"x":[]})", "1", true},
            {R"({"must":{"key":"x","is_empty":true}})", R"({"x":[null]})", "1", false},
            {R"({"must":{"key":"x","is_empty":true}})", R"({"x":1})", "1", false},
            {R"({"must":{"key":"x","is_empty":false}})", R"({})", "1", false},
            {R"({"must":{"key":"x","is_empty":false}})", R"({"x":[1]})", "1", true},
            {R"({"must":{"key":"x","is_null":true}})", R"({"x":[null]})", "1", true},
            {R"({"must":{"key":"x","is_null":true}})", R"({})", "1", false},
            {R"({"must":{"key":"x","is_null":false}})", R"({})", "1", true},
            {R"({"must":{"key":"x","is_null":false}})", R"({"x":1})", "1", true},
            {R"({"must":{"key":"x","is_null":false}})", R"({"x":null})", "1", false},
        });

    // has_id with integers and UUIDs in any accepted spelling; has_vector.
    add("has_id/has_vector ",
        {
            {R"({"must":{"has_id":[1,2,3]}})", "{}", "2", true},
            {R"({"must":{"has_id":[1,2,3]}})", "{}", "4", false},
            {R"({"must":{"has_id":[]}})", "{}", "4", false},
            {R"({"must_not":{"has_id":[1,2,3]}})", "{}", "10", true},
            {R"({"must_not":{"has_id":[1,2,3]}})", "{}", "2", false},
            {R"({"must":{"has_id":["550e8400-e29b-41d4-a716-446655440000"]}})", "{}",
                R"("550e8400e29b41d4a716446655440000")", true},
            {R"({"must":{"has_id":["550E8400-E29B-41D4-A716-446655440000"]}})", "{}",
                R"("550e8400-e29b-41d4-a716-446655440000")", true},
            {R"({"must":{"has_id":["urn:uuid:550e8400-e29b-41d4-a716-446655440000", 7]}})", "{}",
                "7", true},
            {R"({"must":{"has_id":["550e8400-e29b-41d4-a716-446655440000"]}})", "{}",
                R"("550e8400-e29b-41d4-a716-446655440001")", false},
            {R"({"must":{"has_id":["00000000-0000-0000-0000-000000000001"]}})", "{}", "1", false},
            {R"({"must":{"has_vector":"image"}})", "{}", "1", true},
            {R"({"must":{"has_vector":""}})", "{}", "1", true},
            {R"({"must":{"has_vector":"text"}})", "{}", "1", false},
        });

    // nested: one element must satisfy the whole inner filter, unlike a plain `[]` key.
    const char *diet = R"({"diet":[{"food":"meat","likes":true},{"food":"veg","likes":false}]})";
    add("nested ",
        {
            {R"({"must":{"nested":{"key":"diet","filter":{"must":[{"key":"food","match":{"value":"meat"}},{"key":"likes","match":{"value":true}}]}}}})",
                diet, "1", true},
            {R"({"must":{"nested":{"key":"diet","filter":{"must":[{"key":"food","match":{"value":"meat"}},{"key":"likes","match":{"value":false}}]}}}})",
                diet, "1", false},
            {R"({"must":[{"key":"diet[].food","match":{"value":"meat"}},{"key":"diet[].likes","match":{"value":false}}]})",
                diet, "1", true},
            {R"({"must":{"nested":{"key":"diet[]","filter":{"must":{"key":"food","match":{"value":"veg"}}}}}})",
                diet, "1", true},
            {R"({"must":{"nested":{"key":"diet","filter":{"must_not":{"key":"likes","match":{"value":true}}}}}})",
                diet, "1", true},
            {R"({"must":{"nested":{"key":"diet","filter":{"must":{"has_id":[1]}}}}})", diet, "1",
                false},
            {R"({"must":{"nested":{"key":"diet","filter":{"must":{"has_vector":"image"}}}}})", diet,
                "1", false},
            {R"({"must":{"nested":{"key":"diet","filter":{"must":{"is_empty":{"key":"likes"}}}}}})",
                R"({"diet":[{"food":"x"},{"food":"y","likes":1}]})", "1", true},
            {R"({"must":{"nested":{"key":"diet","filter":{}}}})", diet, "1", true},
            {R"({"must":{"nested":{"key":"diet","filter":{}}}})", R"({"diet":[1,"a"]})", "1",
                false},
            {R"({"must":{"nested":{"key":"diet","filter":{}}}})", R"({"diet":{"food":"meat"}})",
                "1", false},
            {R"({"must":{"nested":{"key":"diet","filter":{}}}})", R"({})", "1", false},
            {R"({"must":{"nested":{"key":"a.b","filter":{"must":{"nested":{"key":"c","filter":{"must":{"key":"d","match":{"value":1}}}}}}}}})",
                R"({"a":{"b":[{"c":[{"d":0}]},{"c":[{"d":2},{"d":1}]}]}})", "1", true},
            {R"({"must":{"nested":{"key":"a.b","filter":{"must":{"nested":{"key":"c","filter":{"must":{"key":"d","match":{"value":3}}}}}}}}})",
                R"({"a":{"b":[{"c":[{"d":0}]},{"c":[{"d":2},{"d":1}]}]}})", "1", false},
            {R"({"must_not":{"nested":{"key":"diet","filter":{"must":{"key":"food","match":{"value":"fish"}}}}}})",
                diet, "1", true},
        });

    // Keys: dots, `[]`, `[n]`, quoted segments, no implicit look into arrays, Unicode.
    add("keys ",
        {
            {R"({"must":{"key":"a.b.c","match":{"value":1}}})", R"({"a":{"b":{"c":1}}})", "1",
                true},
            {R"({"must":{"key":"a.b","match":{"value":1}}})", R"({"a":[{"b":1}]})", "1", false},
            {R"({"must":{"key":"a[].b","match":{"value":2}}})", R"({"a":[{"b":1},{"b":2}]})", "1",
                true},
            {R"({"must":{"key":"a[1].b","match":{"value":2}}})", R"({"a":[{"b":1},{"b":2}]})", "1",
                true},
            {R"({"must":{"key":"a[0].b","match":{"value":2}}})", R"({"a":[{"b":1},{"b":2}]})", "1",
                false},
            {R"({"must":{"key":"a[5].b","match":{"value":2}}})", R"({"a":[{"b":1},{"b":2}]})", "1",
                false},
            {R"({"must":{"key":"a[][]","match":{"value":3}}})", R"({"a":[[1,2],[3]]})", "1", true},
            {R"({"must":{"key":"a[]","match":{"value":3}}})", R"({"a":[[1,2],[3]]})", "1", true},
            {R"({"must":{"key":"a","match":{"value":3}}})", R"({"a":[[1,2],[3]]})", "1", false},
            {R"({"must":{"key":"a[].b","match":{"value":2}}})", R"({"a":[{"b":[1,2]},{"b":3}]})",
                "1", true},
            {R"({"must":{"key":"\"a.b\"","match":{"value":1}}})", R"({"a.b":1})", "1", true},
            {R"({"must":{"key":"\"a.b\"","match":{"value":1}}})", R"({"a":{"b":1}})", "1", false},
            {R"({"must":{"key":"a.\"b.c\"[0]","match":{"value":"x"}}})", R"({"a":{"b.c":["x"]}})",
                "1", true},
            {R"({"must":{"key":"ключ-1_x","match":{"value":"да"}}})", R"({"ключ-1_x":"да"})", "1",
                true},
            {R"({"must":{"key":"a.b","match":{"value":1}}})", R"({"a":"b"})", "1", false},
        });

    // Boolean structure: should, must_not, min_should, nested filters, empty clauses.
    const char *colorRed = R"({"key":"color","match":{"value":"red"}})";
    const char *colorBlue = R"({"key":"color","match":{"value":"blue"}})";
    static const std::string shouldRedBlue
        = std::string(R"({"should":[)") + colorRed + "," + colorBlue + "]}";
    static const std::string minShould2
        = R"({"min_should":{"conditions":[{"key":"a","match":{"value":1}},{"key":"b","match":{"value":1}},{"key":"c","match":{"value":1}}],"min_count":2}})";
    add("boolean ",
        {
            {shouldRedBlue.c_str(), R"({"color":"red"})", "1", true},
            {shouldRedBlue.c_str(), R"({"color":"green"})", "1", false},
            {R"({"should":[]})", R"({"color":"green"})", "1", true},
            {R"({"should":{"key":"color","match":{"value":"red"}}})", R"({"color":"red"})", "1",
                true},
            {R"({"must":[]})", R"({})", "1", true},
            {R"({"must":null,"should":null,"must_not":null,"min_should":null})", R"({})", "1",
                true},
            {R"({"must_not":[{"key":"color","match":{"value":"red"}}]})", R"({"color":"green"})",
                "1", true},
            {R"({"must_not":[{"key":"color","match":{"value":"red"}}]})", R"({"color":"red"})", "1",
                false},
            {minShould2.c_str(), R"({"a":1,"b":1,"c":0})", "1", true},
            {minShould2.c_str(), R"({"a":1,"b":1,"c":1})", "1", true},
            {minShould2.c_str(), R"({"a":1,"b":0,"c":0})", "1", false},
            {R"({"min_should":{"conditions":[],"min_count":1}})", R"({})", "1", false},
            {R"({"min_should":{"conditions":[{"has_id":[1]}],"min_count":2}})", R"({})", "1",
                false},
            {R"({"should":[{"key":"color","match":{"value":"red"}}],"must":[{"key":"n","range":{"gt":1}}]})",
                R"({"color":"red","n":2})", "1", true},
            {R"({"should":[{"key":"color","match":{"value":"red"}}],"must":[{"key":"n","range":{"gt":1}}]})",
                R"({"color":"red","n":0})", "1", false},
            {R"({"must":[{"should":[{"key":"a","match":{"value":1}},{"key":"b","match":{"value":1}}]},{"must_not":{"key":"c","match":{"value":1}}}]})",
                R"({"b":1,"c":2})", "1", true},
            {R"({"must":[{"should":[{"key":"a","match":{"value":1}},{"key":"b","match":{"value":1}}]},{"must_not":{"key":"c","match":{"value":1}}}]})",
                R"({"b":1,"c":1})", "1", false},
            {R"({"must":[{}]})", R"({})", "1", true},
            {R"({"must_not":[{}]})", R"({})", "1", false},
            {R"({"should":[{"must":[]}]})", R"({})", "1", true},
            {R"({"must":{"has_id":[1]},"should":{"has_vector":"image"},"must_not":{"is_null":{"key":"x"}}})",
                R"({"x":1})", "1", true},
        });
}

void TstFilter::matches()
{
    QFETCH(QByteArray, filter);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, id);
    QFETCH(bool, expected);

    const auto pointId = PointId::fromJson(parseJson(id));
    QVERIFY(pointId.has_value());
    Filter parsed;
    try {
        parsed = Filter::parse(parseJson(filter));
    } catch (const ApiError &e) {
        QFAIL(qPrintable(QStringLiteral("parse failed: ") + QString::fromStdString(e.what())));
    }
    QCOMPARE(evaluate(parsed, parseJson(payload), *pointId), expected);
}

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
    try {
        Filter::parse(Json {{"must", Json::array({Json {{"has_id", Json::array({deep})}}})}});
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
    for (int i = 0; i < 200; ++i) {
        payloads.push_back(Json {{"tags", Json::array({i % 3 ? "a" : "c"})}, {"n", i},
            {"items", Json::array({Json {{"bad", i % 5 == 0}}})}});
    }
    std::atomic<int> mismatches {0};
    std::vector<std::thread> threads;
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

void TstFilter::parseDatetime_data()
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

void TstFilter::parseDatetime()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(qint64, micros);

    const auto parsed = mstore::parseDatetime(std::string_view(text.constData(), text.size()));
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(qint64(*parsed), micros);
}

void TstFilter::pathParse_data()
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

void TstFilter::pathParse()
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

void TstFilter::pathCollect_data()
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

void TstFilter::pathCollect()
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

void TstFilter::pathRemove_data()
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

void TstFilter::pathRemove()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, expected);

    Json doc = parseJson(payload);
    PayloadPath::parse(path.toStdString()).remove(doc);
    QCOMPARE(toBytes(doc), toBytes(parseJson(expected)));
}

void TstFilter::pathMergeAt_data()
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

void TstFilter::pathMergeAt()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);

    Json doc = parseJson(payload);
    PayloadPath::parse(path.toStdString()).mergeAt(doc, parseJson(value));
    QCOMPARE(toBytes(doc), toBytes(parseJson(expected)));
}

void TstFilter::pathMergeObject()
{
    Json doc = parseJson(R"({"a":1,"b":2})");
    PayloadPath::mergeObject(doc, parseJson(R"({"a":null,"c":{"d":1},"b":[2]})"));
    QCOMPARE(toBytes(doc), toBytes(parseJson(R"({"b":[2],"c":{"d":1}})")));
    Json notObject = 5;
    PayloadPath::mergeObject(notObject, parseJson(R"({"x":1})"));
    QCOMPARE(toBytes(notObject), QByteArray(R"({"x":1})"));
}

void TstFilter::pathCopyInto_data()
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

void TstFilter::pathCopyInto()
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

void TstFilter::pathArrayKey()
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

QTEST_GUILESS_MAIN(TstFilter)

#include "tst_filter.moc"
