// PayloadValidator: agent-memory payloads against their schema, any payload for JSON sanity.
#include "payloadvalidator.h"

#include <QJsonArray>
#include <QtTest>

#include <cmath>

namespace {

const QString kTenant = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");

QJsonObject validCustomerContext()
{
    return QJsonObject{
        {QStringLiteral("customer_id"), kTenant},
        {QStringLiteral("context_type"), QStringLiteral("preference")},
        {QStringLiteral("topic"), QStringLiteral("rollout_strategy")},
        {QStringLiteral("content"), QStringLiteral("Prefers 10%, 25%, 50%, 100% rollouts.")},
        {QStringLiteral("confidence"), 0.9},
        {QStringLiteral("created_at"), QStringLiteral("2024-05-01T12:00:00Z")},
        {QStringLiteral("updated_at"), QStringLiteral("2024-05-02T08:30:00.250+02:00")},
        {QStringLiteral("priority"), QStringLiteral("high")},
        {QStringLiteral("applies_to_agents"),
            QJsonArray{QStringLiteral("performance_agent"), QStringLiteral("cost_agent")}},
        {QStringLiteral("an_agent_s_own_field"), QJsonObject{{QStringLiteral("x"), 1}}},
    };
}

// Expected lines written as plain literals (the build has no implicit const char * → QString).
QStringList lines(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

QStringList describe(const QList<PayloadProblem> &problems)
{
    QStringList lines;
    for (const PayloadProblem &problem : problems)
        lines.append(problem.path + QStringLiteral(": ") + problem.message);
    return lines;
}

} // namespace

class TestPayloadValidator : public QObject
{
    Q_OBJECT

private slots:
    void aValidPayloadHasNoProblems()
    {
        const AgentMemorySchema *schema = agentMemorySchemaFor(QStringLiteral("customer_context"));
        QVERIFY(schema);
        QCOMPARE(
            describe(PayloadValidator::validate(validCustomerContext(), schema)), QStringList());
    }

    void customerContextProblems_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value"); // Undefined: the key is removed
        QTest::addColumn<QStringList>("problems");
        const QJsonValue gone(QJsonValue::Undefined);
        QTest::newRow("missing tenant key")
            << "customer_id" << gone
            << lines({"customer_id: Required: every point of customer_context has it."});
        QTest::newRow("missing optional field") << "examples" << gone << QStringList();
        QTest::newRow("tenant key not a uuid")
            << "customer_id" << QJsonValue(QStringLiteral("acme"))
            << lines({"customer_id: “acme” is not a UUID (like "
                      "0f8fad5b-d9cb-469f-a165-70867728950e)."});
        QTest::newRow("choice outside the enum")
            << "priority" << QJsonValue(QStringLiteral("urgent"))
            << lines({"priority: “urgent” is not one of: low, medium, high, critical."});
        QTest::newRow("number where a keyword goes")
            << "context_type" << QJsonValue(3)
            << lines({"context_type: Expected a keyword, found a number."});
        QTest::newRow("above the range") << "confidence" << QJsonValue(1.5)
                                         << lines({"confidence: 1.5 is above the maximum, 1."});
        QTest::newRow("below the range") << "confidence" << QJsonValue(-0.1)
                                         << lines({"confidence: -0.1 is below the minimum, 0."});
        QTest::newRow("range ends included") << "confidence" << QJsonValue(1) << QStringList();
        QTest::newRow("text where a number goes")
            << "confidence" << QJsonValue(QStringLiteral("0.5"))
            << lines({"confidence: Expected a number, found text."});
        QTest::newRow("null where a number goes")
            << "confidence" << QJsonValue(QJsonValue::Null)
            << lines({"confidence: Expected a number, found null."});
        QTest::newRow("date without zone")
            << "created_at" << QJsonValue(QStringLiteral("2024-05-01T12:00:00"))
            << lines({"created_at: “2024-05-01T12:00:00” has no time zone: add Z (UTC) or "
                      "an offset such as +02:00."});
        QTest::newRow("date only")
            << "created_at" << QJsonValue(QStringLiteral("2024-05-01"))
            << lines({"created_at: “2024-05-01” has no time: write 2024-05-01T00:00:00Z."});
        QTest::newRow("february 30")
            << "updated_at" << QJsonValue(QStringLiteral("2024-02-30T10:00:00Z"))
            << lines({"updated_at: “2024-02-30T10:00:00Z” names a day that does not exist."});
        QTest::newRow("hour 24")
            << "updated_at" << QJsonValue(QStringLiteral("2024-02-03T24:00:00Z"))
            << lines({"updated_at: “2024-02-03T24:00:00Z” names a time that does not "
                      "exist."});
        QTest::newRow("not a date")
            << "updated_at" << QJsonValue(QStringLiteral("yesterday"))
            << lines({"updated_at: “yesterday” is not an RFC 3339 date-time such as "
                      "2024-05-01T12:00:00Z."});
        QTest::newRow("leap day and leap second")
            << "updated_at" << QJsonValue(QStringLiteral("2024-02-29T23:59:60-05:00"))
            << QStringList();
        QTest::newRow("one keyword instead of a list")
            << "applies_to_agents" << QJsonValue(QStringLiteral("cost_agent"))
            << lines({"applies_to_agents: Expected a list of keywords, found text."});
        QTest::newRow("a list item of the wrong type")
            << "applies_to_agents" << QJsonValue(QJsonArray{QStringLiteral("cost_agent"), 7})
            << lines({"applies_to_agents[1]: Expected a keyword, found a number."});
        QTest::newRow("an empty list")
            << "applies_to_agents" << QJsonValue(QJsonArray()) << QStringList();
        QTest::newRow("empty key anywhere")
            << "an_agent_s_own_field" << QJsonValue(QJsonObject{{QString(), 1}})
            << lines({"an_agent_s_own_field.\"\": A field name cannot be empty: no filter "
                      "or index can reach it."});
    }

    // Common forms are checked without the regular expression: each must be judged as the
    // regular expression judges it, and what the quick check refuses must still reach it.
    void dateTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const auto row = [](const char *text, bool valid) {
            QTest::newRow(text) << QString::fromUtf8(text) << valid;
        };
        row("2024-05-01T12:00:00Z", true);
        row("2024-05-01t12:00:00z", true);
        row("2024-05-01 12:00:00Z", true); // a space: the regular expression's form
        row("2024-05-01T12:00:00.5Z", true);
        row("2024-05-01T12:00:00.123456789+02:00", true);
        row("2024-05-01T12:00:00-23:59", true);
        row("2024-12-31T23:59:60Z", true);
        row("2023-02-29T10:00:00Z", false);
        row("2024-13-01T10:00:00Z", false);
        row("2024-00-10T10:00:00Z", false);
        row("2024-05-01T12:60:00Z", false);
        row("2024-05-01T12:00:61Z", false);
        row("2024-05-01T12:00:00.Z", false);
        row("2024-05-01T12:00:00+24:00", false);
        row("2024-05-01T12:00:00+02:60", false);
        row("2024-05-01T12:00:00+02:0", false);
        row("2024-05-01T12:00:00+0200", false);
        row("2024-05-01T12:00:00Zx", false);
        row("2024-05-01T12:00:00 Z", false);
        row("2024-5-01T12:00:00Z", false);
        row("\u0662\u0660\u0662\u0664-05-01T12:00:00Z", false); // Arabic-Indic digits
    }
    void dateTimes()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(PayloadValidator::dateTimeProblem(text).isEmpty(), valid);
    }

    void customerContextProblems()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QStringList, problems);
        QJsonObject payload = validCustomerContext();
        if (value.isUndefined())
            payload.remove(key);
        else
            payload.insert(key, value);
        const AgentMemorySchema *schema = agentMemorySchemaFor(QStringLiteral("customer_context"));
        QCOMPARE(describe(PayloadValidator::validate(payload, schema)), problems);
    }

    void otherSchemasHaveTheirTypes()
    {
        const AgentMemorySchema *performance
            = agentMemorySchemaFor(QStringLiteral("company_7_performance_patterns"));
        QVERIFY(performance);
        const QJsonObject payload {
            {QStringLiteral("replicable"), QStringLiteral("yes")},
            {QStringLiteral("config_changes"), QJsonArray()},
            {QStringLiteral("stability_score"), 2},
            {QStringLiteral("service_type"), QStringLiteral("vllm")},
        };
        QCOMPARE(describe(PayloadValidator::validate(payload, performance)),
            (lines({"config_changes: Expected an object, found a list.",
                "stability_score: 2 is above the maximum, 1.",
                "replicable: Expected true or false, found text."})));
        // Outside customer_context the tenant key is not required (collection per tenant).
        QVERIFY(PayloadValidator::validate({}, performance).isEmpty());
    }

    void unknownCollectionsOnlyNeedSaneJson()
    {
        const QJsonObject anything {{QStringLiteral("priority"), QStringLiteral("urgent")},
            {QStringLiteral("confidence"), 7},
            {QStringLiteral("list"), QJsonArray{1, QStringLiteral("a")}}};
        QVERIFY(PayloadValidator::validate(anything, nullptr).isEmpty());
        const QJsonObject insane {{QStringLiteral("x"), QJsonArray{QJsonObject{{QString(), 1}}}},
            {QStringLiteral("y"), std::nan("")}};
        QCOMPARE(describe(PayloadValidator::validate(insane, nullptr)),
            (lines({"x[0].\"\": A field name cannot be empty: no filter or index can "
                    "reach it.",
                "y: JSON has no infinite or NaN numbers."})));
    }

    void schemasCarryTheirRanges()
    {
        for (const AgentMemorySchema &schema : agentMemorySchemas()) {
            for (const SchemaField &field : schema.fields) {
                const bool score
                    = field.name.endsWith(QLatin1String("_score")) || field.name == u"confidence";
                QCOMPARE(field.minimum.has_value(), score);
                if (score)
                    QCOMPARE(*field.maximum, 1.0);
                QCOMPARE(field.required,
                    field.tenantKey && schema.collectionType == u"customer_context");
            }
        }
        const AgentMemorySchema *cost
            = agentMemorySchemaFor(QStringLiteral("cost_optimization_knowledge"));
        QCOMPARE(cost->field(QStringLiteral("outcome"))->choices.size(), 3);
        QVERIFY(!cost->field(QStringLiteral("nope")));
    }
};

QTEST_GUILESS_MAIN(TestPayloadValidator)
#include "tst_payloadvalidator.moc"
