#pragma once

// The rows import_bench and import_rows_bench import: 12 payload fields valid for
// cost_optimization_knowledge and a 1536-float vector, as JSONL text.

#include "floattext.h"

#include <cstdio>
#include <string>
#include <vector>

namespace importbench {

constexpr int kDims = 1536;

inline std::string uuidOf(const char *prefix, long n)
{
    char text[40];
    std::snprintf(text, sizeof text, "%s-0000-4000-8000-%012ld", prefix, n);
    return text;
}

/// Row n's natural key, its optimization_id.
inline std::string optimizationIdOf(long n)
{
    return uuidOf("00000000", n);
}

/// The 12 payload fields of row n, schema-valid for cost_optimization_knowledge.
inline std::string payloadOf(long n)
{
    static const char *types[] = {"spot_migration", "reserved_instance", "right_sizing"};
    static const char *outcomes[] = {"success", "failed", "rolled_back"};
    static const char *clouds[] = {"aws", "gcp", "azure"};
    const long h = (n * 2654435761L) & 0x7fffffff;
    std::string p = "{\"optimization_id\":\"" + optimizationIdOf(n) + "\",\"customer_id\":\""
        + uuidOf("11111111", h % 20) + "\",\"optimization_type\":\"" + types[h % 3]
        + "\",\"decision_context\":\"Batch processing fleet " + std::to_string(h % 500)
        + " moved to spot instances after a week of stable interruption rates\","
        + "\"outcome\":\"" + outcomes[h % 3] + "\",\"savings_percent\":"
        + std::to_string(h % 60) + ".5,\"cost_impact\":" + std::to_string(h % 20000)
        + ",\"execution_date\":\"2026-0" + std::to_string(1 + h % 9) + "-1"
        + std::to_string(h % 10) + "T10:00:00Z\",\"cloud_provider\":\"" + clouds[h % 3]
        + "\",\"instance_type\":\"m5.xlarge\",\"workload_characteristics\":\"bursty batch, "
          "checkpointed every 10 minutes\",\"lessons_learned\":\"keep an on-demand fallback "
          "pool\",\"confidence_score\":0."
        + std::to_string(10 + h % 90) + "}";
    return p;
}

/// Appends v as a JSON array, each float as QdrantClient prints it.
inline void appendVector(std::string &out, const std::vector<float> &v)
{
    out += '[';
    for (size_t k = 0; k < v.size(); ++k) {
        if (k)
            out += ',';
        char text[floattext::kRoom];
        out.append(text, floattext::write(text, v[k]));
    }
    out += ']';
}

/// The file's line for a row: its payload's fields and "vector", ending in '\n'.
inline std::string lineOf(const std::string &payload, const std::vector<float> &vector)
{
    std::string line = payload;
    line.pop_back();
    line += ",\"vector\":";
    appendVector(line, vector);
    line += "}\n";
    return line;
}

} // namespace importbench
