#include "agentmemoryschemas.h"

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
};

QTEST_GUILESS_MAIN(TestAgentMemorySchemas)
#include "tst_agentmemoryschemas.moc"
