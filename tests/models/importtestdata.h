#pragma once

// Import files for the import tests, written at test time (no megabytes in the repository).

#include <QByteArray>
#include <QFile>
#include <QString>

namespace importtestdata {

/// The optimization_id (a UUID, as the schema wants) of row n.
inline QByteArray key(int n)
{
    return "00000000-0000-4000-8000-" + QByteArray::number(n).rightJustified(12, '0');
}

/// A cost_optimization_knowledge row: optimization_id key(n), an 8-dim vector made from n
/// (not random: every run writes the same file), two tenants.
inline QByteArray row(int n, int dims = 8)
{
    QByteArray out = "{\"optimization_id\":\"" + key(n) + "\",\"customer_id\":\""
        + (n % 2 ? "1b4e28ba-2fa1-11d2-883f-0016d3cca427" : "2c5f39cb-3fb2-42e3-994f-1127e4ddb538")
        + "\",\"optimization_type\":\"spot_migration\",\"outcome\":\"success\","
          "\"savings_percent\":"
        + QByteArray::number(n % 60) + ",\"confidence_score\":0.5,"
        + "\"decision_context\":\"Batch job " + QByteArray::number(n) + " moved to spot\","
        + "\"vector\":[";
    for (int d = 0; d < dims; ++d) {
        if (d)
            out += ',';
        out += QByteArray::number(double((n * 31 + d * 7) % 97) / 97.0 + 0.01);
    }
    out += "]}";
    return out;
}

inline bool write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) >= 0;
}

/// rows lines of row(1..rows).
inline QByteArray jsonl(int rows, int dims = 8)
{
    QByteArray out;
    for (int n = 1; n <= rows; ++n)
        out += row(n, dims) + '\n';
    return out;
}

} // namespace importtestdata
