#include "agentmemoryschemas.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {

// The notes are shown as tooltips in the payload editor, hence translatable.
QString notes(const char *text)
{
    return QCoreApplication::translate("AgentMemorySchemas", text);
}

SchemaField field(const char *name, const char *type, const char *note = "",
                  QStringList choices = {})
{
    SchemaField f;
    f.name = QString::fromLatin1(name);
    f.type = QString::fromLatin1(type);
    f.choices = std::move(choices);
    if (*note)
        f.notes = notes(note);
    return f;
}

// A score the agents keep between 0 and 1 (SCHEMAS.md: "float 0..1").
SchemaField unitScore(const char *name, const char *note)
{
    SchemaField f = field(name, "float", note);
    f.minimum = 0.0;
    f.maximum = 1.0;
    return f;
}

SchemaField tenantKey(bool required)
{
    SchemaField f = field("customer_id", "uuid", QT_TRANSLATE_NOOP("AgentMemorySchemas",
                                                                  "Tenant key"));
    f.tenantKey = true;
    f.required = required;
    return f;
}

QList<AgentMemorySchema> buildSchemas()
{
    AgentMemorySchema cost;
    cost.collectionType = QStringLiteral("cost_optimization_knowledge");
    cost.embeddedFields = {QStringLiteral("decision_context")};
    cost.fields = {
        field("optimization_id", "uuid",
              QT_TRANSLATE_NOOP("AgentMemorySchemas",
                                "Link to the relational optimizations table")),
        tenantKey(false),
        field("optimization_type", "keyword", "",
              {QStringLiteral("spot_migration"), QStringLiteral("reserved_instance"),
               QStringLiteral("right_sizing")}),
        field("decision_context", "text",
              QT_TRANSLATE_NOOP("AgentMemorySchemas",
                                "Why the decision was made (the embedded text)")),
        field("outcome", "keyword", "",
              {QStringLiteral("success"), QStringLiteral("failed"), QStringLiteral("rolled_back")}),
        field("savings_percent", "float",
              QT_TRANSLATE_NOOP("AgentMemorySchemas", "Achieved savings, when success")),
        field("cost_impact", "float",
              QT_TRANSLATE_NOOP("AgentMemorySchemas", "Dollars saved per month")),
        field("execution_date", "datetime"),
        field("cloud_provider", "keyword", "",
              {QStringLiteral("aws"), QStringLiteral("gcp"), QStringLiteral("azure")}),
        field("instance_type", "keyword",
              QT_TRANSLATE_NOOP("AgentMemorySchemas", "For example m5.xlarge")),
        field("workload_characteristics", "text"),
        field("lessons_learned", "text"),
        unitScore("confidence_score",
                  QT_TRANSLATE_NOOP("AgentMemorySchemas", "How confident the agent was")),
        field("customer_feedback", "text", QT_TRANSLATE_NOOP("AgentMemorySchemas", "Optional")),
    };

    AgentMemorySchema performance;
    performance.collectionType = QStringLiteral("performance_patterns");
    // SCHEMAS.md: problem_description + blank line + "Solution: " + solution_description.
    performance.embeddedFields = {QStringLiteral("problem_description"),
                                  QStringLiteral("solution_description")};
    performance.embeddedLabels = {QString(), QStringLiteral("Solution: ")};
    performance.fields = {
        field("optimization_id", "uuid"),
        tenantKey(false),
        field("service_type", "keyword", "",
              {QStringLiteral("vllm"), QStringLiteral("tgi"), QStringLiteral("sglang")}),
        field("model_name", "keyword", QT_TRANSLATE_NOOP("AgentMemorySchemas", "Which LLM")),
        field("optimization_applied", "text",
              QT_TRANSLATE_NOOP("AgentMemorySchemas", "What was changed")),
        field("problem_description", "text"),
        field("solution_description", "text"),
        field("before_latency_p95", "float", QT_TRANSLATE_NOOP("AgentMemorySchemas", "ms")),
        field("after_latency_p95", "float", QT_TRANSLATE_NOOP("AgentMemorySchemas", "ms")),
        field("improvement_factor", "float",
              QT_TRANSLATE_NOOP("AgentMemorySchemas", "Before / after (0 when after is 0)")),
        field("config_changes", "object",
              QT_TRANSLATE_NOOP("AgentMemorySchemas", "The configuration delta")),
        field("side_effects", "text"),
        field("execution_date", "datetime"),
        unitScore("stability_score", ""),
        field("replicable", "bool",
              QT_TRANSLATE_NOOP("AgentMemorySchemas",
                                "Can it be repeated for similar cases")),
    };

    AgentMemorySchema customer;
    customer.collectionType = QStringLiteral("customer_context");
    customer.embeddedFields = {QStringLiteral("content")};
    customer.fields = {
        // SCHEMAS.md: "tenant key (required)"; reads are always filtered by it.
        tenantKey(true),
        field("context_type", "keyword", "",
              {QStringLiteral("preference"), QStringLiteral("constraint"),
               QStringLiteral("historical_note")}),
        field("topic", "keyword",
              QT_TRANSLATE_NOOP("AgentMemorySchemas", "For example rollout_strategy")),
        field("content", "text",
              QT_TRANSLATE_NOOP("AgentMemorySchemas", "The note itself (the embedded text)")),
        field("source", "text",
              QT_TRANSLATE_NOOP("AgentMemorySchemas", "conversation, observation, explicit")),
        unitScore("confidence", ""),
        field("created_at", "datetime"),
        field("updated_at", "datetime"),
        field("priority", "keyword", "",
              {QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high"),
               QStringLiteral("critical")}),
        field("applies_to_agents", "keyword[]",
              QT_TRANSLATE_NOOP("AgentMemorySchemas",
                                "For example performance_agent, cost_agent")),
        field("examples", "text"),
        field("exceptions", "text"),
    };
    return {cost, performance, customer};
}

} // namespace

QString AgentMemorySchema::embeddedText(const QJsonObject &payload) const
{
    QStringList parts;
    for (qsizetype i = 0; i < embeddedFields.size(); ++i) {
        const QJsonValue value = payload.value(embeddedFields.at(i));
        QString text;
        if (value.isString() && !value.toString().trimmed().isEmpty()) {
            text = value.toString();
        } else if (value.isArray()) {
            QStringList items;
            for (const QJsonValue &item : value.toArray()) {
                if (item.isString())
                    items.append(item.toString());
            }
            text = items.join(QLatin1Char('\n'));
        }
        if (!text.isEmpty())
            parts.append(embeddedLabels.value(i) + text);
    }
    return parts.join(QStringLiteral("\n\n"));
}

const SchemaField *AgentMemorySchema::field(const QString &name) const
{
    for (const SchemaField &f : fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

const QList<AgentMemorySchema> &agentMemorySchemas()
{
    static const QList<AgentMemorySchema> schemas = buildSchemas();
    return schemas;
}

const AgentMemorySchema *agentMemorySchemaFor(const QString &collectionName)
{
    for (const AgentMemorySchema &schema : agentMemorySchemas()) {
        // Plain name, or the collection-per-tenant form company_{id}_{type}.
        if (collectionName == schema.collectionType
            || (collectionName.startsWith(QLatin1String("company_"))
                && collectionName.endsWith(QLatin1Char('_') + schema.collectionType)))
            return &schema;
    }
    return nullptr;
}
