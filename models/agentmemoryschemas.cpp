#include "agentmemoryschemas.h"

namespace {

SchemaField field(const char *name, const char *type, QStringList choices = {})
{
    return {QString::fromLatin1(name), QString::fromLatin1(type), std::move(choices), false};
}

SchemaField tenantKey()
{
    return {QStringLiteral("customer_id"), QStringLiteral("uuid"), {}, true};
}

QList<AgentMemorySchema> buildSchemas()
{
    AgentMemorySchema cost;
    cost.collectionType = QStringLiteral("cost_optimization_knowledge");
    cost.embeddedFields = {QStringLiteral("decision_context")};
    cost.fields = {
        field("optimization_id", "uuid"),
        tenantKey(),
        field("optimization_type", "keyword",
              {QStringLiteral("spot_migration"), QStringLiteral("reserved_instance"),
               QStringLiteral("right_sizing")}),
        field("decision_context", "text"),
        field("outcome", "keyword",
              {QStringLiteral("success"), QStringLiteral("failed"), QStringLiteral("rolled_back")}),
        field("savings_percent", "float"),
        field("cost_impact", "float"),
        field("execution_date", "datetime"),
        field("cloud_provider", "keyword",
              {QStringLiteral("aws"), QStringLiteral("gcp"), QStringLiteral("azure")}),
        field("instance_type", "keyword"),
        field("workload_characteristics", "text"),
        field("lessons_learned", "text"),
        field("confidence_score", "float"),
        field("customer_feedback", "text"),
    };

    AgentMemorySchema performance;
    performance.collectionType = QStringLiteral("performance_patterns");
    performance.embeddedFields = {QStringLiteral("problem_description"),
                                  QStringLiteral("solution_description")};
    performance.fields = {
        field("optimization_id", "uuid"),
        tenantKey(),
        field("service_type", "keyword",
              {QStringLiteral("vllm"), QStringLiteral("tgi"), QStringLiteral("sglang")}),
        field("model_name", "keyword"),
        field("optimization_applied", "text"),
        field("problem_description", "text"),
        field("solution_description", "text"),
        field("before_latency_p95", "float"),
        field("after_latency_p95", "float"),
        field("improvement_factor", "float"),
        field("config_changes", "object"),
        field("side_effects", "text"),
        field("execution_date", "datetime"),
        field("stability_score", "float"),
        field("replicable", "bool"),
    };

    AgentMemorySchema customer;
    customer.collectionType = QStringLiteral("customer_context");
    customer.embeddedFields = {QStringLiteral("content")};
    customer.fields = {
        tenantKey(),
        field("context_type", "keyword",
              {QStringLiteral("preference"), QStringLiteral("constraint"),
               QStringLiteral("historical_note")}),
        field("topic", "keyword"),
        field("content", "text"),
        field("source", "text"),
        field("confidence", "float"),
        field("created_at", "datetime"),
        field("updated_at", "datetime"),
        field("priority", "keyword",
              {QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high"),
               QStringLiteral("critical")}),
        field("applies_to_agents", "keyword[]"),
        field("examples", "text"),
        field("exceptions", "text"),
    };
    return {cost, performance, customer};
}

} // namespace

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
