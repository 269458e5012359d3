// FilterTree: Qdrant filter JSON both ways, what the visual builder refuses and where. Its
// checks and description: tst_filtertree_checks. What memory-store selects with these
// filters: tst_filtertree_store.
#include "filtertreetestutil.h"
#include "jsontextposition.h"

#include <QtTest>

using namespace filtertreetest;

class TestFilterTree : public QObject
{
    Q_OBJECT

private slots:
    void emptyTreeIsEmptyFilter()
    {
        const FilterTree empty;
        QVERIFY(empty.isEmpty());
        QCOMPARE(empty.toJson(), QJsonObject());
        const auto read = FilterTree::fromJson(QJsonObject());
        QVERIFY(read.ok());
        QVERIFY(read.value().isEmpty());
        QCOMPARE(read.value(), empty);
        QVERIFY(empty.validate().isEmpty());
        QCOMPARE(empty.describe(), QStringLiteral("every point"));
    }

    // Each JSON reads as the tree, and the tree writes exactly that JSON.
    void roundTrip_data()
    {
        QTest::addColumn<QJsonObject>("filter");
        QTest::addColumn<FilterTree>("expected");

        QTest::newRow("match keyword")
            << json("{'must': [{'key': 'outcome', 'match': {'value': 'success'}}]}")
            << tree(Op::All, {value("outcome", str("success"))});
        QTest::newRow("match integer")
            << json("{'must': [{'key': 'customer_id', 'match': {'value': 42}}]}")
            << tree(Op::All, {value("customer_id", 42)});
        QTest::newRow("match integer above 2^53")
            << json("{'must': [{'key': 'n', 'match': {'value': 9007199254740993}}]}")
            << tree(Op::All, {value("n", qint64(9007199254740993LL))});
        QTest::newRow("match bool")
            << json("{'must': [{'key': 'replicable', 'match': {'value': true}}]}")
            << tree(Op::All, {value("replicable", true)});
        QTest::newRow("match any text")
            << json("{'must': [{'key': 'outcome', 'match': {'any': ['success', 'failed']}}]}")
            << tree(Op::All, {list(Kind::MatchAny, "outcome", {str("success"), str("failed")})});
        QTest::newRow("match any integers")
            << json("{'must': [{'key': 'customer_id', 'match': {'any': [7, 9]}}]}")
            << tree(Op::All, {list(Kind::MatchAny, "customer_id", {7, 9})});
        QTest::newRow("match except")
            << json("{'must': [{'key': 'outcome', 'match': {'except': ['success']}}]}")
            << tree(Op::All, {list(Kind::MatchExcept, "outcome", {str("success")})});
        QTest::newRow("text")
            << json("{'must': [{'key': 'note', 'match': {'text': 'spot'}}]}")
            << tree(Op::All, {value("note", str("spot"), Kind::MatchText)});
        QTest::newRow("text_any")
            << json("{'must': [{'key': 'note', 'match': {'text_any': 'gpu spot'}}]}")
            << tree(Op::All, {value("note", str("gpu spot"), Kind::MatchTextAny)});
        QTest::newRow("phrase")
            << json("{'must': [{'key': 'note', 'match': {'phrase': 'rolled back'}}]}")
            << tree(Op::All, {value("note", str("rolled back"), Kind::MatchPhrase)});
        QTest::newRow("range gt lte")
            << json("{'must': [{'key': 'savings_pct', 'range': {'gt': 2.5, 'lte': 40}}]}")
            << tree(Op::All, {range(Kind::Range, "savings_pct", bounds(2.5, none, none, 40))});
        QTest::newRow("range gte only")
            << json("{'must': [{'key': 'savings_pct', 'range': {'gte': -3}}]}")
            << tree(Op::All, {range(Kind::Range, "savings_pct", bounds(none, -3, none, none))});
        QTest::newRow("datetime range")
            << json("{'must': [{'key': 'execution_date', 'range': "
                    "{'gte': '2024-01-01T00:00:00Z', 'lt': '2024-03-01T00:00:00+02:00'}}]}")
            << tree(Op::All, {range(Kind::DatetimeRange, "execution_date",
                                  bounds(none, str("2024-01-01T00:00:00Z"),
                                      str("2024-03-01T00:00:00+02:00"), none))});
        QTest::newRow("values_count")
            << json("{'must': [{'key': 'tags', 'values_count': {'gte': 2, 'lt': 4}}]}")
            << tree(Op::All, {range(Kind::ValuesCount, "tags", bounds(none, 2, 4, none))});
        QTest::newRow("is_empty")
            << json("{'must': [{'is_empty': {'key': 'tags'}}]}")
            << tree(Op::All, {onKey(Kind::IsEmpty, "tags")});
        QTest::newRow("is_null")
            << json("{'must': [{'is_null': {'key': 'feedback'}}]}")
            << tree(Op::All, {onKey(Kind::IsNull, "feedback")});
        QTest::newRow("has_id")
            << json("{'must': [{'has_id': [1, '550e8400-e29b-41d4-a716-446655440000']}]}")
            << tree(Op::All, {list(Kind::HasId, "", {1, str(kUuid)})});
        QTest::newRow("nested key path")
            << json("{'must': [{'key': 'metadata.customer_id', 'match': {'value': 'a'}}]}")
            << tree(Op::All, {value("metadata.customer_id", str("a"))});
        QTest::newRow("should at the top")
            << json("{'should': [{'key': 'a', 'match': {'value': 1}}, "
                    "{'key': 'b', 'match': {'value': 2}}]}")
            << tree(Op::Any, {value("a", 1), value("b", 2)});
        QTest::newRow("must_not at the top")
            << json("{'must_not': [{'key': 'a', 'match': {'value': 1}}]}")
            << tree(Op::None, {value("a", 1)});
        QTest::newRow("must, should and must_not")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}}], "
                    "'should': [{'key': 'b', 'match': {'value': 2}}, "
                    "{'key': 'c', 'match': {'value': 3}}], "
                    "'must_not': [{'is_empty': {'key': 'd'}}]}")
            << tree(Op::All, {value("a", 1),
                                 FilterNode::group(Op::Any, {value("b", 2), value("c", 3)}),
                                 FilterNode::group(Op::None, {onKey(Kind::IsEmpty, "d")})});
        QTest::newRow("should and must_not")
            << json("{'should': [{'key': 'b', 'match': {'value': 2}}], "
                    "'must_not': [{'key': 'd', 'match': {'value': 4}}]}")
            << tree(Op::All, {FilterNode::group(Op::Any, {value("b", 2)}),
                                 FilterNode::group(Op::None, {value("d", 4)})});
        QTest::newRow("a lone Any group in All stays nested")
            << json("{'must': [{'should': [{'key': 'b', 'match': {'value': 2}}]}]}")
            << tree(Op::All, {FilterNode::group(Op::Any, {value("b", 2)})});
        QTest::newRow("None before Any stays nested")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}}, "
                    "{'must_not': [{'key': 'd', 'match': {'value': 4}}]}], "
                    "'should': [{'key': 'b', 'match': {'value': 2}}]}")
            << tree(Op::All, {value("a", 1), FilterNode::group(Op::None, {value("d", 4)}),
                                 FilterNode::group(Op::Any, {value("b", 2)})});
        QTest::newRow("three levels")
            << json("{'should': [{'must': [{'key': 'a', 'match': {'value': 1}}], "
                    "'must_not': [{'should': [{'key': 'b', 'range': {'lt': 5}}, "
                    "{'is_null': {'key': 'c'}}]}]}, {'has_id': [7]}]}")
            << tree(Op::Any,
                   {FilterNode::group(Op::All,
                        {value("a", 1),
                            FilterNode::group(Op::None,
                                {FilterNode::group(Op::Any,
                                    {range(Kind::Range, "b", bounds(none, none, 5, none)),
                                        onKey(Kind::IsNull, "c")})})}),
                       list(Kind::HasId, "", {7})});
        // Unfinished conditions (as the builder writes them) survive the raw-JSON editor.
        QTest::newRow("unfinished: no key, no value")
            << json("{'must': [{'key': '', 'match': {'value': null}}]}")
            << tree(Op::All, {value("", QJsonValue::Null)});
        QTest::newRow("unfinished: range without bounds")
            << json("{'must': [{'key': 'x', 'range': {}}]}")
            << tree(Op::All, {range(Kind::Range, "x", FilterBounds())});
        QTest::newRow("unfinished: empty list")
            << json("{'must': [{'key': 'x', 'match': {'any': []}}]}")
            << tree(Op::All, {list(Kind::MatchAny, "x", {})});
    }

    void roundTrip()
    {
        QFETCH(QJsonObject, filter);
        QFETCH(FilterTree, expected);
        QStringList where;
        const auto read = FilterTree::fromJson(filter, &where);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QVERIFY2(read.value() == expected, compact(read.value().toJson()).constData());
        QCOMPARE(compact(expected.toJson()), compact(filter));
    }

    // Shapes Qdrant takes that the tree reads, and the one form it writes them in.
    void normalises_data()
    {
        QTest::addColumn<QJsonObject>("filter");
        QTest::addColumn<QJsonObject>("written");

        QTest::newRow("one condition, not a list")
            << json("{'must': {'key': 'a', 'match': {'value': 1}}}")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}}]}");
        QTest::newRow("is_empty inside a field condition")
            << json("{'must': [{'key': 'tags', 'is_empty': true}]}")
            << json("{'must': [{'is_empty': {'key': 'tags'}}]}");
        QTest::newRow("is_null inside a field condition, null tests beside it")
            << json("{'must': [{'key': 'f', 'is_null': true, 'match': null, 'range': null}]}")
            << json("{'must': [{'is_null': {'key': 'f'}}]}");
        QTest::newRow("null and empty clauses")
            << json("{'must': null, 'should': [], 'must_not': [{'has_id': [3]}]}")
            << json("{'must_not': [{'has_id': [3]}]}");
        QTest::newRow("null bounds")
            << json("{'must': [{'key': 'x', 'range': {'gt': null, 'lt': 3}}]}")
            << json("{'must': [{'key': 'x', 'range': {'lt': 3}}]}");
        QTest::newRow("a None group last in must")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}}, "
                    "{'must_not': [{'key': 'd', 'match': {'value': 4}}]}]}")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}}], "
                    "'must_not': [{'key': 'd', 'match': {'value': 4}}]}");
        QTest::newRow("nothing but empty clauses") << json("{'must': [], 'should': []}")
                                                   << QJsonObject();
        QTest::newRow("empty nested groups are left out")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}}, {}, {'should': []}]}")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}}]}");
    }

    void normalises()
    {
        QFETCH(QJsonObject, filter);
        QFETCH(QJsonObject, written);
        const auto read = FilterTree::fromJson(filter);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QCOMPARE(compact(read.value().toJson()), compact(written));
        // ...and what it writes reads back as the same tree.
        const auto again = FilterTree::fromJson(written);
        QVERIFY(again.ok());
        QCOMPARE(compact(again.value().toJson()), compact(written));
    }

    // What the visual builder cannot show: a sentence, and the path to the part.
    void refusals_data()
    {
        QTest::addColumn<QJsonObject>("filter");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");

        QTest::newRow("min_should")
            << json("{'min_should': {'conditions': [], 'min_count': 1}}") << str("min_should")
            << str("The visual builder cannot show min_should (at least N of a list of "
                   "conditions).");
        QTest::newRow("unknown top field")
            << json("{'filter': {}}") << str("filter")
            << str("\"filter\" is not part of a Qdrant filter; a filter has must, should, "
                   "must_not and min_should.");
        QTest::newRow("nested")
            << json("{'must': [{'nested': {'key': 'a', 'filter': {}}}]}")
            << str("must/0/nested") << str("The visual builder cannot show nested conditions.");
        QTest::newRow("has_vector")
            << json("{'should': [{'has_id': [1]}, {'has_vector': 'image'}]}")
            << str("should/1/has_vector")
            << str("The visual builder cannot show has_vector conditions.");
        QTest::newRow("geo")
            << json("{'must': [{'key': 'loc', 'geo_radius': {'center': {'lon': 0, 'lat': 0}, "
                    "'radius': 10}}]}")
            << str("must/0/geo_radius") << str("The visual builder cannot show geo conditions.");
        QTest::newRow("prefix")
            << json("{'must': [{'key': 'a', 'match': {'prefix': 'ab'}}]}")
            << str("must/0/match/prefix")
            << str("The visual builder cannot show prefix matches.");
        QTest::newRow("two tests in one condition")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}, 'range': {'lt': 3}}]}")
            << str("must/0/range")
            << str("The visual builder shows one test per condition; this one has match and "
                   "range. Split it into two conditions.");
        QTest::newRow("a condition that tests nothing")
            << json("{'must': [{'key': 'a'}]}") << str("must/0")
            << str("The condition on \"a\" tests nothing; add match, range, values_count, "
                   "is_empty or is_null.");
        QTest::newRow("a fractional match value")
            << json("{'must': [{'key': 'a', 'match': {'value': 2.5}}]}")
            << str("must/0/match/value")
            << str("Qdrant matches text, an integer, true or false, not 2.5.");
        QTest::newRow("gt and gte")
            << json("{'must': [{'key': 'a', 'range': {'gt': 1, 'gte': 2}}]}")
            << str("must/0/range")
            << str("The visual builder shows one lower bound: gt or gte, not both.");
        QTest::newRow("lt and lte")
            << json("{'must': [{'key': 'a', 'values_count': {'lt': 1, 'lte': 2}}]}")
            << str("must/0/values_count")
            << str("The visual builder shows one upper bound: lt or lte, not both.");
        QTest::newRow("a bool bound")
            << json("{'must': [{'key': 'a', 'range': {'gt': true}}]}")
            << str("must/0/range/gt") << str("A bound of a range is a number or a date and time.");
        QTest::newRow("is_empty false")
            << json("{'must': [{'key': 'a', 'is_empty': false}]}") << str("must/0/is_empty")
            << str("The visual builder shows is_empty only as true; use a None group for the "
                   "opposite.");
        QTest::newRow("a condition that is not an object")
            << json("{'should': [{'has_id': [1]}, 3]}") << str("should/1")
            << str("A condition is a JSON object.");
        QTest::newRow("a clause that is a string")
            << json("{'must_not': 'x'}") << str("must_not")
            << str("A filter clause holds a condition or a list of conditions.");
        QTest::newRow("a key that is a number")
            << json("{'must': [{'key': 5, 'match': {'value': 1}}]}") << str("must/0/key")
            << str("A payload key is a string.");
        QTest::newRow("an unknown field in a condition")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}, 'boost': 2}]}")
            << str("must/0/boost")
            << str("The visual builder does not know the field \"boost\" here.");
        QTest::newRow("an unknown match")
            << json("{'must': [{'key': 'a', 'match': {'like': 'x'}}]}")
            << str("must/0/match/like") << str("\"like\" is not a kind of match Qdrant knows.");
        QTest::newRow("a list of objects in any")
            << json("{'must': [{'key': 'a', 'match': {'any': [{}]}}]}")
            << str("must/0/match/any") << str("any takes a list of strings or of integers.");
        QTest::newRow("deep inside groups")
            << json("{'must': [{'should': [{'has_id': [1]}, {'must_not': "
                    "[{'key': 'g', 'geo_bounding_box': {}}]}]}]}")
            << str("must/0/should/1/must_not/0/geo_bounding_box")
            << str("The visual builder cannot show geo conditions.");
    }

    void refusals()
    {
        QFETCH(QJsonObject, filter);
        QFETCH(QString, where);
        QFETCH(QString, message);
        QStringList path;
        const auto read = FilterTree::fromJson(filter, &path);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, NetError::Kind::Invalid);
        QCOMPARE(read.error().message, message);
        QCOMPARE(path.join(u'/'), where);
    }

    void nodeAtFollowsThePath()
    {
        const FilterTree t = tree(Op::All, {value("a", 1),
                                                FilterNode::group(Op::Any, {value("b", 2)})});
        QCOMPARE(t.nodeAt({}), &t.root());
        QCOMPARE(t.nodeAt({1, 0})->condition.key, str("b"));
        QVERIFY(!t.nodeAt({0, 0}));
        QVERIFY(!t.nodeAt({2}));
        QVERIFY(!t.nodeAt({-1}));
    }

    // Where a refusal's path points in the text the user typed.
    void refusalPlaces_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        QTest::newRow("top field") << str("{\n  \"must\": [],\n  \"min_should\": 1\n}") << 3 << 3;
        QTest::newRow("in a list, after strings with escapes and brackets")
            << str("{\"should\": [{\"key\": \"a\\\"],{\", \"match\": {\"value\": 1}},\n"
                   "   {\"nested\": {\"key\": \"n\", \"filter\": {}}}]}")
            << 2 << 5;
        QTest::newRow("deep")
            << str("{\"must\": [{\"must_not\": [\n\t{\"key\": \"g\", \"geo_radius\": {}}]}]}")
            << 2 << 15;
        QTest::newRow("a key with a unicode escape")
            << str("{\"must\": [{\"key\": \"é\", \"match\": {\"pre\\u0066ix\": \"x\"}}]}") << 1
            << 34;
    }

    void refusalPlaces()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        QVERIFY(doc.isObject());
        QStringList where;
        QVERIFY(!FilterTree::fromJson(doc.object(), &where).ok());
        const JsonTextPosition place = JsonTextPosition::ofPath(text, where);
        QCOMPARE(place.line, line);
        QCOMPARE(place.column, column);
    }

    void aMissingPathStepGivesTheDeepestPartFound()
    {
        const QString text = str("{\"must\": [\n  {\"has_id\": [1]}\n]}");
        const JsonTextPosition place
            = JsonTextPosition::ofPath(text, {str("must"), str("3"), str("key")});
        QCOMPARE(place.line, 1);
        QCOMPARE(place.column, 2);
    }

    void parseErrorsCountCharactersNotBytes()
    {
        const QString text = str("{\"ключ\": 1,\n \"é\": x}");
        QJsonParseError error;
        QJsonDocument::fromJson(text.toUtf8(), &error);
        QVERIFY(error.error != QJsonParseError::NoError);
        const JsonTextPosition place = JsonTextPosition::ofUtf8Offset(text, error.offset);
        // Qt points at the bad token, the x at column 7; counting é's two UTF-8 bytes as two
        // characters would say column 8.
        QCOMPARE(place.line, 2);
        QCOMPARE(place.column, 7);
        QCOMPARE(text.at(place.offset), u'x');
    }

    void aConditionAloneIsWrappedInAGroup()
    {
        const FilterTree t(value("a", 1));
        QVERIFY(t.root().isGroup);
        QCOMPARE(t.root().op, Op::All);
        QCOMPARE(t.root().children.size(), 1);
        QCOMPARE(compact(t.toJson()), compact(json("{'must': [{'key': 'a', 'match': "
                                                    "{'value': 1}}]}")));
    }
};

QTEST_GUILESS_MAIN(TestFilterTree)
#include "tst_filtertree.moc"
