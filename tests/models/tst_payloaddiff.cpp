// PayloadDiff: what changed between a stored payload and its edit, and what each write sends.
#include "payloaddiff.h"

#include <QJsonArray>
#include <QtTest>

namespace {

QJsonObject stored()
{
    return QJsonObject{
        {QStringLiteral("customer_id"), QStringLiteral("c1")},
        {QStringLiteral("outcome"), QStringLiteral("success")},
        {QStringLiteral("savings_percent"), 35},
        {QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
        {QStringLiteral("config"),
            QJsonObject{{QStringLiteral("tp"), 2}, {QStringLiteral("kv"), QStringLiteral("fp8")}}},
        {QStringLiteral("feedback"), QStringLiteral("good")},
        {QStringLiteral("odd.key"), 1},
    };
}

QString change(const PayloadChange &c)
{
    const char *kind = c.kind == PayloadChange::Kind::Added ? "added"
        : c.kind == PayloadChange::Kind::Removed            ? "removed"
                                                            : "changed";
    return QString::fromLatin1(kind) + QLatin1Char(' ') + c.path;
}

} // namespace

class TestPayloadDiff : public QObject
{
    Q_OBJECT

private slots:
    void noChangeIsAnEmptyDiff()
    {
        const PayloadDiff diff = PayloadDiff::between(stored(), stored());
        QVERIFY(diff.isEmpty());
        QCOMPARE(diff.text(), QString());
        QVERIFY(diff.writePlan().setPayload.isEmpty());
        QVERIFY(diff.writePlan().deleteKeys.isEmpty());
        QCOMPARE(diff.writePlan().overwritePayload, stored());
    }

    void changes_data()
    {
        QTest::addColumn<QJsonObject>("after");
        QTest::addColumn<QStringList>("changes");
        QJsonObject e = stored();
        e.insert(QStringLiteral("outcome"), QStringLiteral("failed"));
        QTest::newRow("changed value") << e << QStringList{QStringLiteral("changed outcome")};
        e = stored();
        e.insert(QStringLiteral("savings_percent"), QStringLiteral("35"));
        QTest::newRow("same text, other type")
            << e << QStringList{QStringLiteral("changed savings_percent")};
        e = stored();
        e.insert(QStringLiteral("savings_percent"), 35.0);
        QTest::newRow("35 and 35.0 are one number") << e << QStringList();
        e = stored();
        e.remove(QStringLiteral("feedback"));
        e.insert(QStringLiteral("lessons"), QStringLiteral("x"));
        QTest::newRow("added and removed")
            << e
            << QStringList{QStringLiteral("removed feedback"), QStringLiteral("added lessons")};
        e = stored();
        e.insert(QStringLiteral("config"),
            QJsonObject{{QStringLiteral("tp"), 4}, {QStringLiteral("pp"), 2}});
        QTest::newRow("nested") << e
                                << QStringList{QStringLiteral("removed config.kv"),
                                       QStringLiteral("added config.pp"),
                                       QStringLiteral("changed config.tp")};
        e = stored();
        e.insert(QStringLiteral("tags"),
            QJsonArray{QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("d")});
        QTest::newRow("list items")
            << e
            << QStringList{QStringLiteral("changed tags[1]"), QStringLiteral("added tags[2]")};
        e = stored();
        e.insert(QStringLiteral("tags"), QJsonArray{QStringLiteral("a")});
        QTest::newRow("shorter list") << e << QStringList{QStringLiteral("removed tags[1]")};
        e = stored();
        e.insert(QStringLiteral("config"), QJsonArray());
        QTest::newRow("object to list") << e << QStringList{QStringLiteral("changed config")};
        e = stored();
        e.insert(QStringLiteral("odd.key"), 2);
        QTest::newRow("quoted key") << e << QStringList{QStringLiteral("changed \"odd.key\"")};
    }

    void changes()
    {
        QFETCH(QJsonObject, after);
        QFETCH(QStringList, changes);
        const PayloadDiff diff = PayloadDiff::between(stored(), after);
        QStringList found;
        for (const PayloadChange &c : diff.changes())
            found.append(change(c));
        QCOMPARE(found, changes);
        QCOMPARE(diff.isEmpty(), changes.isEmpty());
    }

    void changesCarryBothValuesAndReadAsText()
    {
        QJsonObject after = stored();
        after.insert(QStringLiteral("outcome"), QStringLiteral("rolled_back"));
        after.remove(QStringLiteral("feedback"));
        after.insert(QStringLiteral("tags"),
            QJsonArray{
                QStringLiteral("a"), QStringLiteral("b"), QJsonObject{{QStringLiteral("n"), 1}}});
        const PayloadDiff diff = PayloadDiff::between(stored(), after);
        QCOMPARE(diff.changes().size(), 3);
        QCOMPARE(diff.count(PayloadChange::Kind::Added), 1);
        QCOMPARE(diff.count(PayloadChange::Kind::Removed), 1);
        QCOMPARE(diff.count(PayloadChange::Kind::Changed), 1);
        const PayloadChange outcome = diff.changes().at(1);
        QCOMPARE(outcome.oldValue, QJsonValue(QStringLiteral("success")));
        QCOMPARE(outcome.newValue, QJsonValue(QStringLiteral("rolled_back")));
        QVERIFY(diff.changes().at(0).newValue.isUndefined());
        QVERIFY(diff.changes().at(2).oldValue.isUndefined());
        QCOMPARE(diff.text(),
            QString::fromUtf8("- feedback: \"good\"\n"
                              "~ outcome: \"success\" → \"rolled_back\"\n"
                              "+ tags[2]: {\"n\":1}"));
    }

    void setWritesChangedKeysAndOverwriteTheWhole()
    {
        QJsonObject after = stored();
        after.insert(QStringLiteral("outcome"), QStringLiteral("failed"));
        after.insert(QStringLiteral("config"),
            QJsonObject{{QStringLiteral("tp"), 8}, {QStringLiteral("kv"), QStringLiteral("fp8")}});
        after.insert(QStringLiteral("new"), true);
        after.remove(QStringLiteral("feedback"));
        after.remove(QStringLiteral("odd.key"));
        const PayloadWritePlan plan = PayloadDiff::between(stored(), after).writePlan();
        // set_payload merges top-level keys: a nested change sends its whole top-level value.
        QCOMPARE(plan.setPayload,
            (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("failed")},
                {QStringLiteral("config"), after.value(QStringLiteral("config"))},
                {QStringLiteral("new"), true}}));
        // A removed key needs delete_payload; a key with a dot is quoted to stay top-level.
        QCOMPARE(plan.deleteKeys,
            (QStringList{QStringLiteral("feedback"), QStringLiteral("\"odd.key\"")}));
        QCOMPARE(plan.overwritePayload, after);
    }
};

QTEST_GUILESS_MAIN(TestPayloadDiff)
#include "tst_payloaddiff.moc"
