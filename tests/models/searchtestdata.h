#pragma once

// Agent-memory points for the semantic search tests: two tenants in the shared collections,
// embedded with the lexical embedder at a small size, written with a plain client.

#include "neterror.h"
#include "semanticsearch.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class ConsoleSession;
class StoreClient;

namespace SearchTestData {

inline constexpr int kSize = 64;
inline const QString kTenantKey = QStringLiteral("customer_id");
inline const QString kAcme = QStringLiteral("acme");
inline const QString kGlobex = QStringLiteral("globex");
inline const QString kCost = QStringLiteral("cost_optimization_knowledge");
inline const QString kPerformance = QStringLiteral("performance_patterns");
inline const QString kCustomer = QStringLiteral("customer_context");

/// One point to write: id, tenant, the embedded text and the rest of its payload.
struct Record
{
    quint64 id = 0;
    QString tenant;
    QString text;
    QJsonObject payload;
};

/// The cost decisions: acme ids 1-6, globex ids 101-102 (101 has acme's best text).
QList<Record> costRecords();
/// Performance fixes: acme ids 1-5, globex 101.
QList<Record> performanceRecords();
/// Customer notes: acme ids 1-4, globex 101.
QList<Record> customerRecords();
/// The schema field that holds the embedded text of a collection type.
QString textField(const QString &collection);

/// (Re)creates collection with one unnamed cosine vector of size and writes the records
/// (payload + tenant + text under textField, vector of the text). False on any failure.
bool writeCollection(
    StoreClient &client, const QString &collection, const QList<Record> &records, int size = kSize);
/// Writes (upserts) records into an existing collection.
bool upsert(
    StoreClient &client, const QString &collection, const QList<Record> &records, int size = kSize);
/// A session on baseUrl with the lexical embedder of embedderSize, scoped to tenant ("" for
/// all tenants); nullptr when it does not open.
std::unique_ptr<ConsoleSession> openSession(
    const QString &baseUrl, const QString &tenant, int embedderSize = kSize);

/// What one search ended in.
struct Ran
{
    std::optional<SearchOutcome> outcome;
    std::optional<NetError> error;
};
/// Runs query on search and waits for its outcome or its error (a warning after timeoutMs).
Ran run(SemanticSearch &search, const SearchQuery &query, int timeoutMs = 30000);
/// A search of the cost collection for text.
SearchQuery costQuery(const QString &text, int limit = 100);
/// A filter: key must match value.
QJsonObject matchValue(const QString &key, const QString &value);

} // namespace SearchTestData
