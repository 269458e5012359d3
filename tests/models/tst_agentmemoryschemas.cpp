#include "agentmemoryschemas.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

class TestAgentMemorySchemas : public QObject
{
    Q_OBJECT

private slots:
    void schemaForCollectionName_data()
    {
        QTest::addColumn<QString>("collection");
        QTest::addColumn<QString>("type");
        QTest::newRow("plain") << QStringLiteral("customer_context")
                               << QStringLiteral("customer_context");
        QTest::newRow("tenant prefixed") << QStringLiteral("company_42_performance_patterns")
                                         << QStringLiteral("performance_patterns");
        QTest::newRow("cost") << QStringLiteral("company_7_cost_optimization_knowledge")
                              << QStringLiteral("cost_optimization_knowledge");
        QTest::newRow("unknown") << QStringLiteral("images") << QString();
        QTest::newRow("suffix without tenant prefix") << QStringLiteral("old_customer_context")
                                                      << QString();
    }
    void schemaForCollectionName()
    {
        QFETCH(QString, collection);
        QFETCH(QString, type);
        const AgentMemorySchema *schema = agentMemorySchemaFor(collection);
        QCOMPARE(schema ? schema->collectionType : QString(), type);
    }

    void everySchemaHasTheTenantKeyAndItsEmbeddedText()
    {
        QCOMPARE(agentMemorySchemas().size(), 3);
        for (const AgentMemorySchema &schema : agentMemorySchemas()) {
            QCOMPARE(schema.vectorSize, 1536);
            bool tenant = false;
            for (const SchemaField &f : schema.fields)
                tenant |= f.tenantKey && f.name == QStringLiteral("customer_id");
            QVERIFY2(tenant, qPrintable(schema.collectionType));
            for (const QString &embedded : schema.embeddedFields) {
                const bool present = std::any_of(schema.fields.begin(), schema.fields.end(),
                                                 [&](const SchemaField &f) {
                                                     return f.name == embedded
                                                            && f.type == QStringLiteral("text");
                                                 });
                QVERIFY2(present, qPrintable(embedded));
            }
        }
    }

    // SCHEMAS.md: what each collection type embeds, composed exactly as the agents do.
    void embeddedTextFollowsSchemasMd_data()
    {
        QTest::addColumn<QString>("collection");
        QTest::addColumn<QJsonObject>("payload");
        QTest::addColumn<QString>("expected");
        const QString problem = QStringLiteral("p95 latency doubled under batch load");
        const QString solution = QStringLiteral("Enabled continuous batching");
        const QJsonObject both{{QStringLiteral("problem_description"), problem},
                               {QStringLiteral("solution_description"), solution},
                               {QStringLiteral("model_name"), QStringLiteral("llama-3-70b")}};
        QTest::newRow("performance: problem, blank line, Solution: solution")
            << QStringLiteral("company_42_performance_patterns") << both
            << QString(problem + QStringLiteral("\n\nSolution: ") + solution);
        QTest::newRow("performance: problem only")
            << QStringLiteral("performance_patterns")
            << QJsonObject{{QStringLiteral("problem_description"), problem}} << problem;
        QTest::newRow("performance: solution only keeps its label")
            << QStringLiteral("performance_patterns")
            << QJsonObject{{QStringLiteral("solution_description"), solution},
                           {QStringLiteral("problem_description"), QStringLiteral("  ")}}
            << QString(QStringLiteral("Solution: ") + solution);
        QTest::newRow("cost: decision_context")
            << QStringLiteral("company_7_cost_optimization_knowledge")
            << QJsonObject{{QStringLiteral("decision_context"), QStringLiteral("Idle for 30 d")},
                           {QStringLiteral("lessons_learned"), QStringLiteral("not embedded")}}
            << QStringLiteral("Idle for 30 d");
        QTest::newRow("customer: content")
            << QStringLiteral("customer_context")
            << QJsonObject{{QStringLiteral("content"), QStringLiteral("Prefers spot")}}
            << QStringLiteral("Prefers spot");
        QTest::newRow("customer: content as a list")
            << QStringLiteral("customer_context")
            << QJsonObject{{QStringLiteral("content"),
                            QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}}
            << QStringLiteral("a\nb");
        QTest::newRow("none of the embedded fields")
            << QStringLiteral("performance_patterns")
            << QJsonObject{{QStringLiteral("model_name"), QStringLiteral("x")}} << QString();
    }
    void embeddedTextFollowsSchemasMd()
    {
        QFETCH(QString, collection);
        QFETCH(QJsonObject, payload);
        QFETCH(QString, expected);
        const AgentMemorySchema *schema = agentMemorySchemaFor(collection);
        QVERIFY(schema);
        QCOMPARE(schema->embeddedText(payload), expected);
    }
};

QTEST_GUILESS_MAIN(TestAgentMemorySchemas)
#include "tst_agentmemoryschemas.moc"
