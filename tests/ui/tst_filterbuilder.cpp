// FilterBuilder offscreen, driven as a user would: click, type, switch modes, apply. The
// filters typed here are also counted by a real memory-store.
#include "filterbuilderdriver.h"
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QToolButton>
#include <QtTest>

namespace {

QJsonObject json(const char *text)
{
    const QByteArray bytes = QByteArray(text).replace('\'', '"');
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        qFatal("bad JSON in the test: %s", bytes.constData());
    return doc.object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString str(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

using namespace FilterBuilderDriver;

class TestFilterBuilder : public QObject
{
    Q_OBJECT

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;

private slots:
    void aConditionByClickingAndTyping()
    {
        FilterBuilder b;
        show(b);
        QSignalSpy applied(&b, &FilterBuilder::filterApplied);
        QTest::mouseClick(part<QPushButton>(root(b), "addCondition"), Qt::LeftButton);
        QCOMPARE(root(b)->childCount(), 1);
        FilterConditionEditor *row = conditionAt(b, {0});
        auto *key = part<QComboBox>(row, "conditionKey");
        // The new row's key box has the focus: typing goes there.
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(key));
        QTest::keyClicks(QApplication::focusWidget(), str("customer_id"));
        QCOMPARE(key->currentText(), str("customer_id"));
        QVERIFY(choose(part<QComboBox>(row, "valueType"), str("integer")));
        typeInto(part<QLineEdit>(row, "value"), str("4x2")); // an integer box takes no letters
        QCOMPARE(part<QLineEdit>(row, "value")->text(), str("42"));
        QCOMPARE(b.summaryText(), str("Matches: customer_id = 42"));

        QTest::keyClick(part<QLineEdit>(row, "value"), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(applied.size(), 1);
        QCOMPARE(compact(applied.at(0).at(0).toJsonObject()),
            compact(json("{'must': [{'key': 'customer_id', 'match': {'value': 42}}]}")));
    }

    void knownKeysPickTheOperatorAndEditors()
    {
        FilterBuilder b;
        b.setKnownKeys({str("savings_pct"), str("execution_date"), str("replicable"),
                           str("outcome"), str("note")},
            {{str("savings_pct"), str("float")}, {str("execution_date"), str("datetime")},
                {str("replicable"), str("bool")}, {str("outcome"), str("keyword")},
                {str("note"), str("text")}});
        show(b);
        FilterConditionEditor *range = root(b)->addCondition();
        auto *key = part<QComboBox>(range, "conditionKey");
        QVERIFY(key->findText(str("savings_pct")) >= 0); // offered
        QTest::keyClicks(key->lineEdit(), str("savings_pct"));
        QCOMPARE(part<QComboBox>(range, "conditionOperator")->currentText(), str("is in range"));
        QTRY_VERIFY(shown(part<QLineEdit>(range, "lower")));
        QVERIFY(!shown(part<QLineEdit>(range, "value")));
        typeInto(part<QLineEdit>(range, "lower"), str("20"));

        FilterConditionEditor *flag = root(b)->addCondition();
        QTest::keyClicks(part<QComboBox>(flag, "conditionKey")->lineEdit(), str("replicable"));
        QTRY_VERIFY(shown(part<QComboBox>(flag, "boolValue")));
        QVERIFY(!shown(part<QLineEdit>(flag, "value")));
        QVERIFY(choose(part<QComboBox>(flag, "boolValue"), str("false")));

        FilterConditionEditor *date = root(b)->addCondition();
        QTest::keyClicks(part<QComboBox>(date, "conditionKey")->lineEdit(),
            str("execution_date"));
        QVERIFY(choose(part<QComboBox>(date, "upperOp"), str("<")));
        typeInto(part<QLineEdit>(date, "upper"), str("2024-03-01T00:00:00Z"));

        FilterConditionEditor *text = root(b)->addCondition();
        QTest::keyClicks(part<QComboBox>(text, "conditionKey")->lineEdit(), str("note"));
        typeInto(part<QLineEdit>(text, "value"), str("spot"));

        // A key nobody listed is typed as it is.
        FilterConditionEditor *other = root(b)->addCondition();
        QTest::keyClicks(part<QComboBox>(other, "conditionKey")->lineEdit(),
            str("metadata.region"));
        typeInto(part<QLineEdit>(other, "value"), str("eu"));

        QCOMPARE(compact(b.filter()),
            compact(json("{'must': ["
                         "{'key': 'savings_pct', 'range': {'gte': 20}},"
                         "{'key': 'replicable', 'match': {'value': false}},"
                         "{'key': 'execution_date', 'range': {'lt': '2024-03-01T00:00:00Z'}},"
                         "{'key': 'note', 'match': {'text': 'spot'}},"
                         "{'key': 'metadata.region', 'match': {'value': 'eu'}}]}")));
        QCOMPARE(b.summaryText(),
            str("Matches: savings_pct ≥ 20 AND replicable = false AND execution_date < "
                "2024-03-01T00:00:00Z AND note contains \"spot\" AND metadata.region = \"eu\""));
    }

    void anOperatorChosenByHandStays()
    {
        FilterBuilder b;
        b.setKnownKeys({str("savings_pct")}, {{str("savings_pct"), str("float")}});
        show(b);
        FilterConditionEditor *row = root(b)->addCondition();
        QVERIFY(choose(part<QComboBox>(row, "conditionOperator"), str("is empty")));
        QTest::keyClicks(part<QComboBox>(row, "conditionKey")->lineEdit(), str("savings_pct"));
        QCOMPARE(part<QComboBox>(row, "conditionOperator")->currentText(), str("is empty"));
        QCOMPARE(compact(b.filter()),
            compact(json("{'must': [{'is_empty': {'key': 'savings_pct'}}]}")));
    }

    void listsTakeQuotedItems()
    {
        FilterBuilder b;
        show(b);
        FilterConditionEditor *row = root(b)->addCondition();
        QTest::keyClicks(part<QComboBox>(row, "conditionKey")->lineEdit(), str("tags"));
        QVERIFY(choose(part<QComboBox>(row, "conditionOperator"), str("is one of")));
        // Lists hold text or integers: true/false is not offered.
        auto *types = part<QComboBox>(row, "valueType");
        QVERIFY(!qobject_cast<QStandardItemModel *>(types->model())->item(2)->isEnabled());
        typeInto(part<QLineEdit>(row, "value"), str("spot, \"a, b\" ,gpu,"));
        QCOMPARE(compact(b.filter()),
            compact(json("{'must': [{'key': 'tags', 'match': "
                         "{'any': ['spot', 'a, b', 'gpu']}}]}")));
        // Shown again, the list reads the same.
        b.setFilter(b.filter());
        QCOMPARE(part<QLineEdit>(conditionAt(b, {0}), "value")->text(),
            str("spot, \"a, b\", gpu"));
    }

    void groupsNestWithTheirOperators()
    {
        FilterBuilder b;
        show(b);
        FilterConditionEditor *first = root(b)->addCondition();
        QTest::keyClicks(part<QComboBox>(first, "conditionKey")->lineEdit(), str("outcome"));
        typeInto(part<QLineEdit>(first, "value"), str("success"));

        QTest::mouseClick(part<QPushButton>(root(b), "addGroup"), Qt::LeftButton);
        auto *group = qobject_cast<FilterGroupEditor *>(root(b)->editorAt({1}));
        QVERIFY(group);
        QCOMPARE(group->childCount(), 1); // a new group comes with a condition to fill in
        FilterConditionEditor *inner = conditionAt(b, {1, 0});
        QTRY_COMPARE(QApplication::focusWidget(),
            static_cast<QWidget *>(part<QComboBox>(inner, "conditionKey")));
        QTest::keyClicks(QApplication::focusWidget(), str("tags"));
        QVERIFY(choose(part<QComboBox>(group, "groupOperator"), str("None of")));
        QVERIFY(choose(part<QComboBox>(inner, "conditionOperator"), str("is empty")));
        QTest::mouseClick(part<QPushButton>(group, "addCondition"), Qt::LeftButton);
        FilterConditionEditor *second = conditionAt(b, {1, 1});
        QTest::keyClicks(part<QComboBox>(second, "conditionKey")->lineEdit(), str("customer_id"));
        QVERIFY(choose(part<QComboBox>(second, "valueType"), str("integer")));
        typeInto(part<QLineEdit>(second, "value"), str("7"));

        QCOMPARE(compact(b.filter()),
            compact(json("{'must': [{'key': 'outcome', 'match': {'value': 'success'}}], "
                         "'must_not': [{'is_empty': {'key': 'tags'}}, "
                         "{'key': 'customer_id', 'match': {'value': 7}}]}")));
        QCOMPARE(b.summaryText(),
            str("Matches: outcome = \"success\" AND NOT (tags is empty OR customer_id = 7)"));

        QVERIFY(choose(part<QComboBox>(root(b), "groupOperator"), str("Any of")));
        QCOMPARE(compact(b.filter()),
            compact(json("{'should': [{'key': 'outcome', 'match': {'value': 'success'}}, "
                         "{'must_not': [{'is_empty': {'key': 'tags'}}, "
                         "{'key': 'customer_id', 'match': {'value': 7}}]}]}")));
    }

    void removingKeepsTheKeyboardsPlace()
    {
        FilterBuilder b;
        show(b);
        root(b)->addCondition();
        FilterConditionEditor *second = root(b)->addCondition();
        typeInto(part<QComboBox>(second, "conditionKey")->lineEdit(), str("kept"));
        QTest::mouseClick(part<QToolButton>(conditionAt(b, {0}), "removeCondition"),
            Qt::LeftButton);
        QCOMPARE(root(b)->childCount(), 1);
        QCOMPARE(conditionAt(b, {0}), second);
        QTRY_COMPARE(QApplication::focusWidget(),
            static_cast<QWidget *>(part<QComboBox>(second, "conditionKey")));

        QTest::mouseClick(part<QPushButton>(root(b), "addGroup"), Qt::LeftButton);
        auto *group = qobject_cast<FilterGroupEditor *>(root(b)->editorAt({1}));
        QTest::mouseClick(part<QToolButton>(group, "removeGroup"), Qt::LeftButton);
        QCOMPARE(root(b)->childCount(), 1);
        QTRY_VERIFY(!root(b)->findChild<FilterGroupEditor *>());
        QCOMPARE(compact(b.filter()),
            compact(json("{'must': [{'key': 'kept', 'match': {'value': null}}]}")));
    }

    void tabFollowsTheOrderShown()
    {
        FilterBuilder b;
        show(b);
        root(b)->addCondition();
        FilterGroupEditor *group = root(b)->addGroup();
        FilterConditionEditor *after = root(b)->addCondition();
        FilterConditionEditor *inner = group->addCondition(); // made last, shown in the middle
        auto *remove = part<QToolButton>(inner, "removeCondition");
        QTRY_VERIFY(shown(remove));
        remove->setFocus();
        QTest::keyClick(remove, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(),
            static_cast<QWidget *>(part<QComboBox>(after, "conditionKey")));
    }

    void problemsAreShownAndFollowTheEdits()
    {
        FilterBuilder b;
        show(b);
        QSignalSpy applied(&b, &FilterBuilder::filterApplied);
        FilterConditionEditor *row = root(b)->addCondition();
        QVERIFY(choose(part<QComboBox>(row, "conditionOperator"), str("is in range")));
        typeInto(part<QLineEdit>(row, "lower"), str("30"));
        typeInto(part<QLineEdit>(row, "upper"), str("20"));
        QTest::mouseClick(part<QPushButton>(&b, "apply"), Qt::LeftButton);
        QCOMPARE(applied.size(), 0);
        QCOMPARE(b.messageText(),
            str("Not applied yet:\n• A condition has no payload key: choose or type one.\n"
                "• The condition: no value is ≥ 30 and ≤ 20 at once."));
        QTRY_VERIFY(shown(b.findChild<QLabel *>(QStringLiteral("message"))));
        auto *icon = part<QLabel>(row, "problemIcon");
        QTRY_VERIFY(shown(icon));
        QVERIFY(icon->toolTip().contains(str("no payload key")));

        typeInto(part<QComboBox>(row, "conditionKey")->lineEdit(), str("savings_pct"));
        QCOMPARE(b.messageText(),
            str("Not applied yet:\n• savings_pct: no value is ≥ 30 and ≤ 20 at once."));
        part<QLineEdit>(row, "upper")->clear();
        typeInto(part<QLineEdit>(row, "upper"), str("40"));
        QVERIFY(b.messageText().isEmpty());
        QVERIFY(!shown(icon));
        QTest::keyClick(part<QLineEdit>(row, "upper"), Qt::Key_Enter, Qt::ControlModifier);
        QCOMPARE(applied.size(), 1);
        QCOMPARE(compact(applied.at(0).at(0).toJsonObject()),
            compact(json("{'must': [{'key': 'savings_pct', 'range': {'gte': 30, 'lte': 40}}]}")));
    }

    void anEmptyGroupIsNamed()
    {
        FilterBuilder b;
        show(b);
        FilterGroupEditor *group = root(b)->addGroup();
        QTest::mouseClick(part<QToolButton>(conditionAt(b, {0, 0}), "removeCondition"),
            Qt::LeftButton);
        QVERIFY(!b.apply());
        QCOMPARE(b.messageText(),
            str("Not applied yet:\n• A group is empty: add a condition to it or remove it."));
        QTRY_VERIFY(shown(part<QLabel>(group, "groupProblemIcon")));
    }

    void switchingModesKeepsTheFilter()
    {
        FilterBuilder b;
        show(b);
        FilterConditionEditor *row = root(b)->addCondition();
        QTest::keyClicks(part<QComboBox>(row, "conditionKey")->lineEdit(), str("outcome"));
        typeInto(part<QLineEdit>(row, "value"), str("success"));
        const QJsonObject built = b.filter();

        QTest::mouseClick(part<QToolButton>(&b, "jsonMode"), Qt::LeftButton);
        QCOMPARE(b.mode(), FilterBuilder::Mode::RawJson);
        auto *raw = b.findChild<QPlainTextEdit *>(QStringLiteral("rawJson"));
        QTRY_VERIFY(shown(raw));
        QCOMPARE(QJsonDocument::fromJson(raw->toPlainText().toUtf8()).object(), built);
        QCOMPARE(b.filter(), built);

        // Edit the JSON: the value, and a second condition.
        raw->selectAll();
        QTest::keyClicks(raw, str("{\"must\": [{\"key\": \"outcome\", \"match\": {\"value\": "
                                  "\"failed\"}}, {\"has_id\": [3]}]}"));
        QCOMPARE(b.summaryText(), str("Matches: outcome = \"failed\" AND id is one of (3)"));
        QTest::mouseClick(part<QToolButton>(&b, "visualMode"), Qt::LeftButton);
        QCOMPARE(b.mode(), FilterBuilder::Mode::Visual);
        QCOMPARE(root(b)->childCount(), 2);
        QCOMPARE(part<QLineEdit>(conditionAt(b, {0}), "value")->text(), str("failed"));
        QCOMPARE(part<QComboBox>(conditionAt(b, {1}), "conditionOperator")->currentText(),
            str("point id is one of"));
        QCOMPARE(compact(b.filter()),
            compact(json("{'must': [{'key': 'outcome', 'match': {'value': 'failed'}}, "
                         "{'has_id': [3]}]}")));
    }

    void invalidJsonShowsWhereAndLosesNothing()
    {
        FilterBuilder b;
        show(b);
        QSignalSpy applied(&b, &FilterBuilder::filterApplied);
        QVERIFY(b.setMode(FilterBuilder::Mode::RawJson));
        auto *raw = b.findChild<QPlainTextEdit *>(QStringLiteral("rawJson"));
        raw->selectAll();
        const QString broken = str("{\n  \"must\": [\n    {\"key\": \"a\" \"match\": {}}\n  ]\n}");
        typeInto(raw, broken);
        QCOMPARE(raw->toPlainText(), broken);
        QVERIFY2(b.messageText().startsWith(str("line 3, column 18: Invalid JSON: ")),
            qPrintable(b.messageText()));

        QTest::mouseClick(part<QToolButton>(&b, "visualMode"), Qt::LeftButton);
        QCOMPARE(b.mode(), FilterBuilder::Mode::RawJson);
        QVERIFY(part<QToolButton>(&b, "jsonMode")->isChecked());
        QVERIFY2(b.messageText().startsWith(
                     str("line 3, column 18: Fix the JSON to switch to the visual builder: ")),
            qPrintable(b.messageText()));
        QCOMPARE(raw->toPlainText(), broken);

        QTest::keyClick(raw, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(applied.size(), 0);
        QVERIFY(b.messageText().startsWith(str("line 3, column 18: Not applied: ")));
        QCOMPARE(raw->toPlainText(), broken);

        // The place is a link that puts the cursor there.
        auto *message = b.findChild<QLabel *>(QStringLiteral("message"));
        QVERIFY(message->text().contains(str("href=\"at:")));
        const int at = message->text().section(str("at:"), 1).section(u'"', 0, 0).toInt();
        QMetaObject::invokeMethod(message, "linkActivated", Q_ARG(QString, str("at:%1").arg(at)));
        QCOMPARE(raw->textCursor().blockNumber(), 2);
        QCOMPARE(raw->textCursor().positionInBlock(), 17);
    }

    void aFilterTheBuilderCannotShowStaysJsonAndApplies()
    {
        FilterBuilder b;
        show(b);
        QSignalSpy applied(&b, &FilterBuilder::filterApplied);
        const QJsonObject geo = json("{'must': [{'key': 'outcome', 'match': {'value': 'x'}}, "
                                     "{'key': 'loc', 'geo_radius': {'center': {'lon': 1, "
                                     "'lat': 2}, 'radius': 5}}]}");
        b.setFilter(geo);
        QCOMPARE(b.mode(), FilterBuilder::Mode::RawJson);
        QTRY_VERIFY(shown(b.findChild<QPlainTextEdit *>(QStringLiteral("rawJson"))));
        QVERIFY2(b.messageText().startsWith(str("line 10, column 13: Shown as JSON: The visual "
                                                "builder cannot show geo conditions.")),
            qPrintable(b.rawText() + u'\n' + b.messageText()));
        QVERIFY(!b.setMode(FilterBuilder::Mode::Visual));
        QCOMPARE(b.filter(), geo);
        QVERIFY(b.apply());
        QCOMPARE(applied.size(), 1);
        QCOMPARE(applied.at(0).at(0).toJsonObject(), geo);
        // The note stays: it still says why this is JSON.
        QVERIFY(b.messageText().contains(str("geo conditions")));
    }

    void rawJsonIsCheckedLikeTheVisualMode()
    {
        FilterBuilder b;
        show(b);
        QSignalSpy applied(&b, &FilterBuilder::filterApplied);
        b.setMode(FilterBuilder::Mode::RawJson);
        auto *raw = b.findChild<QPlainTextEdit *>(QStringLiteral("rawJson"));
        raw->selectAll();
        QTest::keyClicks(raw, str("{\"must\": [{\"key\": \"d\", \"range\": {\"gte\": "
                                  "\"2024-02-30\"}}]}"));
        QVERIFY(!b.apply());
        QCOMPARE(applied.size(), 0);
        QVERIFY2(b.messageText().contains(str("\"2024-02-30\" is not a date and time")),
            qPrintable(b.messageText()));
    }

    void startsEmptyAndClearEmptiesAndSaysSo()
    {
        FilterBuilder b;
        show(b);
        QCOMPARE(b.mode(), FilterBuilder::Mode::Visual);
        QCOMPARE(b.filter(), QJsonObject());
        QCOMPARE(b.summaryText(), str("Matches: every point"));
        QVERIFY(b.messageText().isEmpty());
        QSignalSpy cleared(&b, &FilterBuilder::filterCleared);
        b.setFilter(json("{'should': [{'has_id': [1]}, {'has_id': [2]}]}"));
        QCOMPARE(root(b)->childCount(), 2);
        QTest::mouseClick(part<QPushButton>(&b, "clear"), Qt::LeftButton);
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(root(b)->childCount(), 0);
        QCOMPARE(b.filter(), QJsonObject());
        QCOMPARE(b.summaryText(), str("Matches: every point"));
    }

    // Whatever the visual mode can show comes back out of it unchanged.
    void showsAndGivesBackEveryKind_data()
    {
        QTest::addColumn<QJsonObject>("filter");
        QTest::newRow("empty") << QJsonObject();
        QTest::newRow("value kinds")
            << json("{'must': [{'key': 'a', 'match': {'value': 'x'}}, "
                    "{'key': 'b', 'match': {'value': -7}}, {'key': 'c', 'match': {'value': true}}, "
                    "{'key': 'd', 'match': {'value': '42'}}]}");
        QTest::newRow("lists")
            << json("{'must': [{'key': 'a', 'match': {'any': ['x', 'y, z', '']}}, "
                    "{'key': 'b', 'match': {'except': [1, 2]}}, "
                    "{'has_id': [5, '550e8400-e29b-41d4-a716-446655440000']}]}");
        QTest::newRow("texts")
            << json("{'should': [{'key': 'a', 'match': {'text': 'x y'}}, "
                    "{'key': 'b', 'match': {'text_any': 'p q'}}, "
                    "{'key': 'c', 'match': {'phrase': 'r s'}}]}");
        QTest::newRow("ranges")
            << json("{'must': [{'key': 'a', 'range': {'gt': 0.25, 'lte': 1e+21}}, "
                    "{'key': 'b', 'range': {'gte': '2024-01-01', 'lt': '2024-02-01T00:00:00Z'}}, "
                    "{'key': 'c', 'values_count': {'lt': 3}}]}");
        QTest::newRow("empty and null")
            << json("{'must_not': [{'is_empty': {'key': 'a'}}, {'is_null': {'key': 'b'}}]}");
        QTest::newRow("groups")
            << json("{'must': [{'key': 'a', 'match': {'value': 1}}], "
                    "'should': [{'must_not': [{'has_id': [1]}]}, "
                    "{'key': 'b', 'range': {'lt': 2}}], "
                    "'must_not': [{'is_null': {'key': 'c'}}]}");
        QTest::newRow("unfinished")
            << json("{'must': [{'key': '', 'match': {'value': null}}, "
                    "{'key': 'r', 'range': {}}, {'key': 'c', 'values_count': {'gte': -1}}, "
                    "{'key': 'm', 'match': {'any': [1, 'x']}}]}");
    }

    void showsAndGivesBackEveryKind()
    {
        QFETCH(QJsonObject, filter);
        FilterBuilder b;
        b.setFilter(filter);
        QCOMPARE(b.mode(), FilterBuilder::Mode::Visual);
        QCOMPARE(compact(b.filter()), compact(filter));
        QVERIFY(b.setMode(FilterBuilder::Mode::RawJson));
        QCOMPARE(compact(b.filter()), compact(filter));
        QVERIFY(b.setMode(FilterBuilder::Mode::Visual));
        QCOMPARE(compact(b.filter()), compact(filter));
    }

    // The filters typed into the builder, counted by a real memory-store.
    void typedFiltersCountOnTheStore()
    {
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        m_client = std::make_unique<StoreClient>(m_store.port());
        QCOMPARE(m_client->put(QStringLiteral("/collections/c"),
                     json("{'vectors': {'size': 2, 'distance': 'Dot'}}")).status, 200);
        const auto upserted = m_client->put(QStringLiteral("/collections/c/points?wait=true"),
            json("{'points': ["
                 "{'id': 1, 'vector': [1, 0], 'payload': {'outcome': 'success', 'savings': 35, "
                 "'tags': ['spot']}},"
                 "{'id': 2, 'vector': [1, 0], 'payload': {'outcome': 'failed', 'savings': 0}},"
                 "{'id': 3, 'vector': [1, 0], 'payload': {'outcome': 'success', 'savings': 12, "
                 "'tags': []}},"
                 "{'id': 4, 'vector': [1, 0], 'payload': {'outcome': 'rolled_back', "
                 "'savings': 20, 'tags': ['gpu', 'spot']}}]}"));
        QCOMPARE(upserted.status, 200);

        FilterBuilder b;
        b.setKnownKeys({str("outcome"), str("savings"), str("tags")},
            {{str("outcome"), str("keyword")}, {str("savings"), str("float")},
                {str("tags"), str("keyword[]")}});
        show(b);
        QList<QJsonObject> sent;
        connect(&b, &FilterBuilder::filterApplied, this,
            [&sent](const QJsonObject &f) { sent.append(f); });
        const auto count = [this](const QJsonObject &filter) {
            const auto r = m_client->post(QStringLiteral("/collections/c/points/count"),
                QJsonObject {{QStringLiteral("filter"), filter}});
            return r.status == 200 ? r.result().toObject().value(u"count").toInt() : -r.status;
        };

        FilterConditionEditor *outcome = root(b)->addCondition();
        QTest::keyClicks(part<QComboBox>(outcome, "conditionKey")->lineEdit(), str("outcome"));
        typeInto(part<QLineEdit>(outcome, "value"), str("success"));
        QVERIFY(b.apply());
        QCOMPARE(count(sent.last()), 2);

        FilterConditionEditor *savings = root(b)->addCondition();
        QTest::keyClicks(part<QComboBox>(savings, "conditionKey")->lineEdit(), str("savings"));
        typeInto(part<QLineEdit>(savings, "lower"), str("20"));
        QVERIFY(choose(part<QComboBox>(root(b), "groupOperator"), str("Any of")));
        QVERIFY(b.apply());
        QCOMPARE(count(sent.last()), 3); // 1, 3, 4

        FilterGroupEditor *none = root(b)->addGroup();
        FilterConditionEditor *tags = conditionAt(b, {2, 0});
        QTest::keyClicks(part<QComboBox>(tags, "conditionKey")->lineEdit(), str("tags"));
        QVERIFY(choose(part<QComboBox>(tags, "conditionOperator"), str("is one of")));
        typeInto(part<QLineEdit>(tags, "value"), str("spot, gpu"));
        QVERIFY(choose(part<QComboBox>(none, "groupOperator"), str("None of")));
        QVERIFY(choose(part<QComboBox>(root(b), "groupOperator"), str("All of")));
        QVERIFY(b.apply());
        QCOMPARE(count(sent.last()), 0); // success and ≥ 20: 1, which has spot

        QVERIFY(choose(part<QComboBox>(tags, "conditionOperator"), str("is empty")));
        QVERIFY(choose(part<QComboBox>(root(b), "groupOperator"), str("Any of")));
        QVERIFY(b.apply());
        QCOMPARE(count(sent.last()), 3); // success (1, 3), ≥ 20 (1, 4), tags not empty (1, 4)
        QCOMPARE(sent.size(), 4);
    }

    // A picture of the builder for a person to look at: set MC_SCREENSHOT_DIR to keep it.
    void screenshot()
    {
        FilterBuilder b;
        b.setKnownKeys({str("customer_id"), str("outcome"), str("savings_pct"),
                           str("execution_date"), str("tags")},
            {{str("customer_id"), str("uuid")}, {str("outcome"), str("keyword")},
                {str("savings_pct"), str("float")}, {str("execution_date"), str("datetime")},
                {str("tags"), str("keyword[]")}});
        b.setFilter(json("{'must': [{'key': 'outcome', 'match': {'any': ['success', "
                         "'rolled_back']}}, {'key': 'savings_pct', 'range': {'gte': 20}}, "
                         "{'key': 'execution_date', 'range': {'gte': '2024-01-01T00:00:00Z', "
                         "'lt': '2024-07-01T00:00:00Z'}}], 'should': [{'key': 'customer_id', "
                         "'match': {'value': 'acme'}}, {'values_count': {'gte': 2}, "
                         "'key': 'tags'}], 'must_not': [{'is_empty': {'key': 'tags'}}]}"));
        FilterConditionEditor *unfinished = qobject_cast<FilterGroupEditor *>(
            root(b)->editorAt({3}))->addCondition();
        Q_UNUSED(unfinished);
        show(b);
        b.apply();
        const QImage image = b.grab().toImage();
        QVERIFY(!image.isNull());
        const QString dir = qEnvironmentVariable("MC_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(image.save(dir + QStringLiteral("/filterbuilder.png")));
        b.resize(640, 420);
        // Layouts settle on posted events; the picture is of the settled widget.
        QCoreApplication::sendPostedEvents();
        if (!dir.isEmpty())
            QVERIFY(b.grab().save(dir + QStringLiteral("/filterbuilder-narrow.png")));
        b.setMode(FilterBuilder::Mode::RawJson);
        if (!dir.isEmpty())
            QVERIFY(b.grab().save(dir + QStringLiteral("/filterbuilder-json.png")));
    }
};

QTEST_MAIN(TestFilterBuilder)
#include "tst_filterbuilder.moc"
