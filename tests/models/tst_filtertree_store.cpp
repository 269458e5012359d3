// Every kind of filter the visual builder produces (FilterTree::toJson) is taken by a real
// memory-store, and selects the points worked out by hand from their payloads. Counted with
// points/count and listed with points/scroll, over HTTP with the tests' plain client.
#include "filtertree.h"
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QtTest>

#include <utility>

Q_DECLARE_METATYPE(FilterTree)

namespace {

using Kind = FilterCondition::Kind;
using Op = FilterNode::Op;

const char *const kUuid = "550e8400-e29b-41d4-a716-446655440000";
const QJsonValue none(QJsonValue::Undefined);

QString str(const char *text)
{
    return QString::fromUtf8(text);
}

QJsonObject json(const char *text)
{
    const QByteArray bytes = QByteArray(text).replace('\'', '"');
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        qFatal("bad JSON in the test: %s", bytes.constData());
    return doc.object();
}

FilterBounds bounds(QJsonValue gt, QJsonValue gte, QJsonValue lt, QJsonValue lte)
{
    FilterBounds b;
    b.gt = std::move(gt);
    b.gte = std::move(gte);
    b.lt = std::move(lt);
    b.lte = std::move(lte);
    return b;
}

FilterNode value(const char *key, const QJsonValue &v, Kind kind = Kind::MatchValue)
{
    return FilterNode::leaf(FilterCondition::withValue(kind, str(key), v));
}

FilterNode list(Kind kind, const char *key, const QJsonArray &values)
{
    return FilterNode::leaf(FilterCondition::withValues(kind, str(key), values));
}

FilterNode range(Kind kind, const char *key, const FilterBounds &b)
{
    return FilterNode::leaf(FilterCondition::withBounds(kind, str(key), b));
}

FilterNode onKey(Kind kind, const char *key)
{
    return FilterNode::leaf(FilterCondition::onKey(kind, str(key)));
}

FilterTree tree(Op op, QList<FilterNode> nodes)
{
    return FilterTree(FilterNode::group(op, std::move(nodes)));
}

FilterTree one(FilterNode node)
{
    return FilterTree(std::move(node));
}

// The point ids as text, sorted: "1 2 550e...".
QString idsText(QStringList ids)
{
    ids.sort();
    return ids.join(u' ');
}

} // namespace

class TestFilterTreeStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        m_client = std::make_unique<StoreClient>(m_store.port());
        const auto created = m_client->put(QStringLiteral("/collections/filters"),
            json("{'vectors': {'size': 2, 'distance': 'Cosine'}}"));
        QVERIFY2(created.status == 200, created.body.constData());
        // Payloads chosen so that each filter below selects a different, known set.
        const QJsonObject points = json(
            "{'points': ["
            "{'id': 1, 'vector': [1, 0], 'payload': {'customer_id': 42, 'outcome': 'success', "
            "'savings_pct': 35.0, 'tags': ['spot', 'batch'], "
            "'note': 'spot migration of batch jobs', 'execution_date': '2024-01-10T09:00:00Z', "
            "'replicable': true, 'feedback': null}},"
            "{'id': 2, 'vector': [0, 1], 'payload': {'customer_id': 42, 'outcome': 'failed', "
            "'savings_pct': 0, 'tags': ['spot'], 'note': 'workload too variable for spot', "
            "'execution_date': '2024-02-15T12:00:00Z', 'replicable': false}},"
            "{'id': 3, 'vector': [1, 1], 'payload': {'customer_id': 7, 'outcome': 'success', "
            "'savings_pct': 20, 'tags': [], 'note': 'reserved instances for the database', "
            "'execution_date': '2024-03-01T00:00:00Z', 'replicable': true, "
            "'feedback': 'happy'}},"
            "{'id': 4, 'vector': [1, 2], 'payload': {'customer_id': 7, 'outcome': 'rolled_back', "
            "'savings_pct': 12.5, 'tags': ['right_sizing', 'batch', 'gpu'], "
            "'note': 'right sizing rolled back after latency', "
            "'execution_date': '2023-12-31T23:59:59Z'}},"
            "{'id': 5, 'vector': [2, 1], 'payload': {'customer_id': '42', 'outcome': 'success', "
            "'savings_pct': 50, 'note': 'string tenant id', 'feedback': null}},"
            "{'id': 6, 'vector': [3, 1], 'payload': {'customer_id': 9, 'outcome': 'success', "
            "'tags': ['gpu'], 'execution_date': '2024-06-01T08:30:00+02:00', "
            "'replicable': true, 'metadata': {'region': 'eu'}}},"
            "{'id': '550e8400-e29b-41d4-a716-446655440000', 'vector': [1, 3], "
            "'payload': {'customer_id': 9, 'outcome': 'failed', 'savings_pct': 5, "
            "'metadata': {'region': 'us'}}}"
            "]}");
        const auto upserted
            = m_client->put(QStringLiteral("/collections/filters/points?wait=true"), points);
        QVERIFY2(upserted.status == 200, upserted.body.constData());
    }

    void countsWhatTheFilterSelects_data()
    {
        QTest::addColumn<FilterTree>("filter");
        QTest::addColumn<QString>("expected"); // the ids, sorted as text

        const QString u = str(kUuid);
        const auto ids = [&](const char *list) {
            return idsText(str(list).replace(QStringLiteral("U"), u).split(u' '));
        };
        QTest::newRow("empty filter") << FilterTree() << ids("1 2 3 4 5 6 U");
        QTest::newRow("match integer") << one(value("customer_id", 42)) << ids("1 2");
        QTest::newRow("match keyword 42 is not 42")
            << one(value("customer_id", str("42"))) << ids("5");
        QTest::newRow("match keyword") << one(value("outcome", str("success")))
                                       << ids("1 3 5 6");
        QTest::newRow("match bool") << one(value("replicable", true)) << ids("1 3 6");
        QTest::newRow("match bool false") << one(value("replicable", false)) << ids("2");
        QTest::newRow("match in an array") << one(value("tags", str("batch"))) << ids("1 4");
        QTest::newRow("match a nested key") << one(value("metadata.region", str("eu")))
                                            << ids("6");
        QTest::newRow("any keywords")
            << one(list(Kind::MatchAny, "outcome", {str("failed"), str("rolled_back")}))
            << ids("2 4 U");
        QTest::newRow("any integers")
            << one(list(Kind::MatchAny, "customer_id", {7, 9})) << ids("3 4 6 U");
        QTest::newRow("except")
            << one(list(Kind::MatchExcept, "outcome", {str("success")})) << ids("2 4 U");
        QTest::newRow("text") << one(value("note", str("spot"), Kind::MatchText)) << ids("1 2");
        QTest::newRow("text_any")
            << one(value("note", str("database latency"), Kind::MatchTextAny)) << ids("3 4");
        QTest::newRow("phrase")
            << one(value("note", str("rolled back"), Kind::MatchPhrase)) << ids("4");
        QTest::newRow("range gte")
            << one(range(Kind::Range, "savings_pct", bounds(none, 20, none, none)))
            << ids("1 3 5");
        QTest::newRow("range gt lt")
            << one(range(Kind::Range, "savings_pct", bounds(0, none, 20, none))) << ids("4 U");
        QTest::newRow("range gt lte fractional")
            << one(range(Kind::Range, "savings_pct", bounds(12.4, none, none, 35)))
            << ids("1 3 4");
        QTest::newRow("datetime range")
            << one(range(Kind::DatetimeRange, "execution_date",
                   bounds(none, str("2024-01-01T00:00:00Z"), str("2024-03-01T00:00:00Z"), none)))
            << ids("1 2");
        QTest::newRow("datetime range across an offset")
            << one(range(Kind::DatetimeRange, "execution_date",
                   bounds(none, str("2024-06-01T06:30:00Z"), none, none)))
            << ids("6");
        QTest::newRow("datetime as a date")
            << one(range(Kind::DatetimeRange, "execution_date",
                   bounds(none, none, none, str("2024-01-01"))))
            << ids("4");
        QTest::newRow("values_count")
            << one(range(Kind::ValuesCount, "tags", bounds(none, 2, none, none))) << ids("1 4");
        QTest::newRow("values_count lt")
            << one(range(Kind::ValuesCount, "tags", bounds(none, none, 2, none)))
            << ids("2 3 6");
        QTest::newRow("is_empty") << one(onKey(Kind::IsEmpty, "tags")) << ids("3 5 U");
        QTest::newRow("is_null") << one(onKey(Kind::IsNull, "feedback")) << ids("1 5");
        QTest::newRow("has_id") << one(list(Kind::HasId, "", {1, u})) << ids("1 U");
        QTest::newRow("Any")
            << tree(Op::Any, {value("customer_id", 42),
                                 range(Kind::Range, "savings_pct", bounds(none, 40, none, none))})
            << ids("1 2 5");
        QTest::newRow("None") << tree(Op::None, {value("outcome", str("success"))})
                              << ids("2 4 U");
        QTest::newRow("None of two")
            << tree(Op::None, {value("outcome", str("success")), onKey(Kind::IsEmpty, "tags")})
            << ids("2 4");
        QTest::newRow("All with a None group")
            << tree(Op::All, {list(Kind::MatchAny, "customer_id", {42, 7}),
                                 FilterNode::group(Op::None, {value("outcome", str("failed"))})})
            << ids("1 3 4");
        QTest::newRow("must, should and must_not in one object")
            << tree(Op::All, {value("outcome", str("success")),
                                 FilterNode::group(Op::Any,
                                     {value("customer_id", 42), value("customer_id", 9)}),
                                 FilterNode::group(Op::None, {onKey(Kind::IsEmpty, "tags")})})
            << ids("1 6");
        QTest::newRow("three levels")
            << tree(Op::Any,
                   {FilterNode::group(Op::All,
                        {value("customer_id", 7),
                            range(Kind::Range, "savings_pct", bounds(none, 15, none, none))}),
                       FilterNode::group(Op::None, {list(Kind::HasId, "", {1, 2, 3, 4, 5, 6})})})
            << ids("3 U");
        QTest::newRow("an empty nested group adds nothing")
            << tree(Op::All, {value("customer_id", 7), FilterNode::group(Op::Any, {})})
            << ids("3 4");
    }

    void countsWhatTheFilterSelects()
    {
        QFETCH(FilterTree, filter);
        QFETCH(QString, expected);
        const QJsonObject body = filter.toJson();
        const QByteArray sent = QJsonDocument(body).toJson(QJsonDocument::Compact);

        // What the builder writes is what it reads back.
        const auto read = FilterTree::fromJson(body);
        QVERIFY2(read.ok(), sent.constData());
        QCOMPARE(read.value().toJson(), body);

        const auto counted = m_client->post(QStringLiteral("/collections/filters/points/count"),
            QJsonObject {{QStringLiteral("filter"), body}, {QStringLiteral("exact"), true}});
        QVERIFY2(counted.status == 200, QByteArray(sent + " → " + counted.body).constData());
        const int count = counted.result().toObject().value(u"count").toInt(-1);
        QCOMPARE(count, int(expected.split(u' ', Qt::SkipEmptyParts).size()));

        const auto scrolled = m_client->post(QStringLiteral("/collections/filters/points/scroll"),
            QJsonObject {{QStringLiteral("filter"), body}, {QStringLiteral("limit"), 100},
                {QStringLiteral("with_payload"), false}});
        QVERIFY2(scrolled.status == 200, scrolled.body.constData());
        QStringList ids;
        for (const QJsonValue &point : scrolled.result().toObject().value(u"points").toArray()) {
            const QJsonValue id = point.toObject().value(u"id");
            ids.append(id.isString() ? id.toString() : QString::number(id.toInteger()));
        }
        QCOMPARE(idsText(ids), expected);
    }

    // What validate() refuses is refused by the server too, so nothing it lets through fails.
    void whatValidateRefusesTheServerRefuses_data()
    {
        QTest::addColumn<FilterTree>("filter");
        QTest::newRow("empty key") << one(value("", 1));
        QTest::newRow("no value") << one(value("outcome", QJsonValue::Null));
        QTest::newRow("mixed list") << one(list(Kind::MatchAny, "tags", {str("a"), 2}));
        QTest::newRow("bad date")
            << one(range(Kind::DatetimeRange, "execution_date",
                   bounds(none, str("2024-13-01"), none, none)));
        QTest::newRow("negative count")
            << one(range(Kind::ValuesCount, "tags", bounds(none, -1, none, none)));
        QTest::newRow("bad id") << one(list(Kind::HasId, "", {str("abc")}));
    }

    void whatValidateRefusesTheServerRefuses()
    {
        QFETCH(FilterTree, filter);
        QVERIFY(!filter.validate().isEmpty());
        const auto counted = m_client->post(QStringLiteral("/collections/filters/points/count"),
            QJsonObject {{QStringLiteral("filter"), filter.toJson()}});
        QVERIFY2(counted.status == 400 || counted.status == 422, counted.body.constData());
    }

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

QTEST_GUILESS_MAIN(TestFilterTreeStore)
#include "tst_filtertree_store.moc"
