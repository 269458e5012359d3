#pragma once

// What tst_newrecorddialog and tst_newrecordvectors share: a real memory-store with the four
// collections (three with an agent-memory schema, `notes` without), a console session scoped to
// a tenant, the dialog opened as a user opens it, and the server's own view of what was written.

#include "consolesession.h"
#include "editjournal.h"
#include "memorystoreprocess.h"
#include "newrecorddialog.h"
#include "pointcuration.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace newrecordtest {

inline const QString kTenant = QStringLiteral("8c6f3a52-5d0e-4c57-9a1e-2b7d4f1e9a10");
inline const QString kOther = QStringLiteral("1b0e8d3c-77aa-4f3e-8a52-c0ffee000002");
inline const QString kCustomer = QStringLiteral("customer_context");
inline const QString kCost = QStringLiteral("cost_optimization_knowledge");
inline const QString kPerformance = QStringLiteral("performance_patterns");
inline const QString kNotes = QStringLiteral("notes");
constexpr int kSize = 64;

QJsonObject collectionConfig(int size);
/// The vector the console must have written for text: the lexical embedder's, not any other.
void compareVector(const QJsonArray &stored, const QString &text);

} // namespace newrecordtest

class NewRecordFixture : public QObject
{
protected:
    /// Starts memory-store (from initTestCase).
    void startStore();
    /// The four collections empty again and a fresh session in the tenant (from init).
    void resetCollections();

    std::unique_ptr<ConsoleSession> openSession(int dimensions = newrecordtest::kSize,
                                                bool readOnly = false,
                                                const QString &tenant = newrecordtest::kTenant);
    std::unique_ptr<NewRecordDialog> openDialog(ConsoleSession *session, const QString &name);
    QJsonArray serverPoints(const QString &collection);
    QJsonObject serverPoint(const QString &collection, const QString &id);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    QTemporaryDir m_dir;
    std::unique_ptr<EditJournal> m_journal;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<PointCuration> m_curation;
};
