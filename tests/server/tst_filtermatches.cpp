// Unit tests of memory-store's Qdrant filter engine: the table of what every condition kind
// matches, with Qdrant's array, missing-key, null and nested semantics. Errors and the rest of
// the engine are in tst_filter.

#include "apierror.h"
#include "filtertestsupport.h"

using mstore::ApiError;
using mstore::Filter;
using mstore::Json;
using mstore::PointId;
using namespace FilterTest;

class TstFilterMatches : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
};

void TstFilterMatches::matches_data()
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

void TstFilterMatches::matches()
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

QTEST_GUILESS_MAIN(TstFilterMatches)

#include "tst_filtermatches.moc"
