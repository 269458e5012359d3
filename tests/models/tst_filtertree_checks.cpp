// FilterTree's checks of a tree the builder holds (problems per node) and its one-line
// description, datetimes included. Its JSON both ways: tst_filtertree.
#include "filtertreetestutil.h"

#include <QtTest>

using namespace filtertreetest;

class TestFilterTreeChecks : public QObject
{
    Q_OBJECT

private slots:
    void validation_data()
    {
        QTest::addColumn<FilterTree>("filter");
        QTest::addColumn<QString>("problems");

        QTest::newRow("a good filter")
            << tree(Op::All, {value("a", 1), range(Kind::Range, "b", bounds(none, 1, none, 1)),
                                 list(Kind::HasId, "", {0, str(kUuid)})})
            << QString();
        QTest::newRow("empty key")
            << tree(Op::All, {value("  ", str("x"))})
            << str("[0] A condition has no payload key: choose or type one.");
        QTest::newRow("no value")
            << tree(Op::All, {value("a", QJsonValue::Null)})
            << str("[0] a: enter a value to match (text, an integer, true or false).");
        QTest::newRow("no key and no value")
            << tree(Op::All, {value("", none)})
            << str("[0] A condition has no payload key: choose or type one.\n"
                   "[0] The condition: enter a value to match (text, an integer, true or false).");
        QTest::newRow("empty text")
            << tree(Op::All, {value("note", str(" "), Kind::MatchPhrase)})
            << str("[0] note: enter the text to look for.");
        QTest::newRow("empty list")
            << tree(Op::All, {list(Kind::MatchExcept, "t", {})})
            << str("[0] t: list at least one value.");
        QTest::newRow("mixed list")
            << tree(Op::All, {list(Kind::MatchAny, "t", {str("a"), 2})})
            << str("[0] t: the values (\"a\", 2) mix text and numbers; Qdrant takes a list of "
                   "text or a list of integers.");
        QTest::newRow("range with no bound")
            << tree(Op::All, {range(Kind::Range, "savings_pct", FilterBounds())})
            << str("[0] savings_pct: set a lower bound, an upper bound or both.");
        QTest::newRow("gt above lt")
            << tree(Op::All, {range(Kind::Range, "savings_pct", bounds(30, none, 20, none))})
            << str("[0] savings_pct: no value is > 30 and < 20 at once.");
        QTest::newRow("gte equal to lt")
            << tree(Op::All, {range(Kind::Range, "s", bounds(none, 5, 5, none))})
            << str("[0] s: no value is ≥ 5 and < 5 at once.");
        QTest::newRow("gte equal to lte is fine")
            << tree(Op::All, {range(Kind::Range, "s", bounds(none, 5, none, 5))}) << QString();
        QTest::newRow("bad date")
            << tree(Op::All, {range(Kind::DatetimeRange, "d",
                                 bounds(none, str("2024-13-01"), none, none))})
            << str("[0] d: \"2024-13-01\" is not a date and time Qdrant reads; write it as "
                   "RFC 3339, e.g. 2024-01-31T09:00:00Z.");
        QTest::newRow("dates out of order, offsets counted")
            << tree(Op::All, {range(Kind::DatetimeRange, "d",
                                 bounds(str("2024-01-01T10:00:00+02:00"), none,
                                     str("2024-01-01T08:00:00Z"), none))})
            << str("[0] d: no value is > \"2024-01-01T10:00:00+02:00\" and < "
                   "\"2024-01-01T08:00:00Z\" at once.");
        QTest::newRow("dates in order, offsets counted")
            << tree(Op::All, {range(Kind::DatetimeRange, "d",
                                 bounds(str("2024-01-01T10:00:00+03:00"), none,
                                     str("2024-01-01T08:00:00Z"), none))})
            << QString();
        QTest::newRow("negative count")
            << tree(Op::All, {range(Kind::ValuesCount, "tags", bounds(-1, none, none, none))})
            << str("[0] tags: a count of values is a whole number, 0 or more, not -1.");
        QTest::newRow("fractional count")
            << tree(Op::All, {range(Kind::ValuesCount, "tags", bounds(none, none, 1.5, none))})
            << str("[0] tags: a count of values is a whole number, 0 or more, not 1.5.");
        QTest::newRow("bad ids")
            << tree(Op::All, {list(Kind::HasId, "", {-1, str("abc")})})
            << str("[0] -1 is not a point id (an unsigned integer or a UUID).\n"
                   "[0] \"abc\" is not a point id (an unsigned integer or a UUID).");
        QTest::newRow("no ids")
            << tree(Op::All, {list(Kind::HasId, "", {})})
            << str("[0] Enter at least one point id.");
        QTest::newRow("empty group, problems deep down")
            << tree(Op::Any, {value("a", 1), FilterNode::group(Op::None, {}),
                                 FilterNode::group(Op::All,
                                     {value("b", 2), onKey(Kind::IsEmpty, "")})})
            << str("[1] A group is empty: add a condition to it or remove it.\n"
                   "[2.1] A condition has no payload key: choose or type one.");
    }

    void validation()
    {
        QFETCH(FilterTree, filter);
        QFETCH(QString, problems);
        const QList<FilterProblem> found = filter.validate();
        QCOMPARE(problemsText(found), problems);
        for (const FilterProblem &p : found)
            QVERIFY(filter.nodeAt(p.path));
    }

    void describe_data()
    {
        QTest::addColumn<FilterTree>("filter");
        QTest::addColumn<QString>("text");

        QTest::newRow("the example")
            << tree(Op::All, {value("customer_id", 42),
                                 range(Kind::Range, "savings_pct", bounds(none, 20, none, none))})
            << str("customer_id = 42 AND savings_pct ≥ 20");
        QTest::newRow("text and bool")
            << tree(Op::Any, {value("outcome", str("success")), value("replicable", false)})
            << str("outcome = \"success\" OR replicable = false");
        QTest::newRow("lists")
            << tree(Op::All, {list(Kind::MatchAny, "o", {str("a"), str("b")}),
                                 list(Kind::MatchExcept, "n", {1, 2}), list(Kind::HasId, "", {3})})
            << str("o is one of (\"a\", \"b\") AND n is none of (1, 2) AND id is one of (3)");
        QTest::newRow("texts")
            << tree(Op::All, {value("a", str("x"), Kind::MatchText),
                                 value("b", str("y z"), Kind::MatchTextAny),
                                 value("c", str("p q"), Kind::MatchPhrase)})
            << str("a contains \"x\" AND b contains any word of \"y z\" AND c contains the "
                   "phrase \"p q\"");
        QTest::newRow("two bounds")
            << tree(Op::All, {range(Kind::Range, "s", bounds(0.5, none, none, 40)),
                                 range(Kind::DatetimeRange, "d",
                                     bounds(none, str("2024-01-01"), str("2024-02-01"), none)),
                                 range(Kind::ValuesCount, "tags", bounds(none, none, 3, none))})
            << str("0.5 < s ≤ 40 AND 2024-01-01 ≤ d < 2024-02-01 AND count(tags) < 3");
        QTest::newRow("empty and null")
            << tree(Op::All, {onKey(Kind::IsEmpty, "t"), onKey(Kind::IsNull, "f")})
            << str("t is empty AND f is null");
        QTest::newRow("groups")
            << tree(Op::All, {value("a", 1),
                                 FilterNode::group(Op::Any, {value("b", 2), value("c", 3)}),
                                 FilterNode::group(Op::None, {value("d", 4), value("e", 5)}),
                                 FilterNode::group(Op::None, {value("f", 6)}),
                                 FilterNode::group(Op::Any, {value("g", 7)}),
                                 FilterNode::group(Op::All, {})})
            << str("a = 1 AND (b = 2 OR c = 3) AND NOT (d = 4 OR e = 5) AND NOT f = 6 AND g = 7");
        QTest::newRow("unfinished") << tree(Op::All, {value("", none)}) << str("? = ?");
    }

    void describe()
    {
        QFETCH(FilterTree, filter);
        QFETCH(QString, text);
        QCOMPARE(filter.describe(), text);
    }

    void datetimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds"); // -1: refused

        QTest::newRow("Z") << str("2024-01-31T09:00:00Z") << qint64(1706691600);
        QTest::newRow("offset") << str("2024-01-31T11:00:00+02:00") << qint64(1706691600);
        QTest::newRow("offset without colon") << str("2024-01-31T11:00:00+0200")
                                              << qint64(1706691600);
        QTest::newRow("offset hours only") << str("2024-01-31T07:00:00-02") << qint64(1706691600);
        QTest::newRow("space and offset") << str("2024-01-31 09:00:00 Z") << qint64(1706691600);
        QTest::newRow("lower-case t with offset") << str("2024-01-31t09:00:00z")
                                                  << qint64(1706691600);
        QTest::newRow("naive") << str("2024-01-31T09:00:00") << qint64(1706691600);
        QTest::newRow("naive minutes") << str("2024-01-31 09:00") << qint64(1706691600);
        QTest::newRow("fraction") << str("2024-01-31T09:00:00.999Z") << qint64(1706691600);
        QTest::newRow("date") << str("2024-01-31") << qint64(1706659200);
        QTest::newRow("leap day") << str("2024-02-29") << qint64(1709164800);
        QTest::newRow("no leap day") << str("2023-02-29") << qint64(-1);
        QTest::newRow("month 13") << str("2024-13-01") << qint64(-1);
        QTest::newRow("hour 24") << str("2024-01-31T24:00:00Z") << qint64(-1);
        QTest::newRow("lower-case t without offset") << str("2024-01-31t09:00:00")
                                                     << qint64(-1);
        QTest::newRow("minutes with offset") << str("2024-01-31T09:00Z") << qint64(-1);
        QTest::newRow("words") << str("yesterday") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }

    void datetimes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto micros = FilterTree::parseDatetime(text);
        if (seconds < 0) {
            QVERIFY(!micros);
            return;
        }
        QVERIFY(micros);
        QCOMPARE(*micros / 1000000, seconds);
    }

    void fractionsKeepMicroseconds()
    {
        QCOMPARE(*FilterTree::parseDatetime(str("1970-01-01T00:00:01.5Z")), qint64(1500000));
        QCOMPARE(*FilterTree::parseDatetime(str("1970-01-01T00:00:00.0000019Z")), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestFilterTreeChecks)
#include "tst_filtertree_checks.moc"
