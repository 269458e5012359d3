#pragma once

// What tst_pointspane and tst_pointspanebulk share: a real memory-store with a collection of
// two tenants' points (acme 250, globex 60, an integer index on `rank`), a session scoped to
// acme, the points pane opened on it, and the server's own count of what matches.

#include "consolesession.h"
#include "editjournal.h"
#include "memorystoreprocess.h"
#include "pointcuration.h"
#include "pointspane.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace pointspanetest {

inline const QString kCollection = QStringLiteral("pane_points");
inline const QString kTenantKey = QStringLiteral("customer_id");
constexpr int kAcme = 250;
constexpr int kGlobex = 60;

QJsonObject match(const QString &key, const QJsonValue &value);
QJsonObject mustAll(const QJsonArray &conditions);
QJsonArray makePoints(quint64 firstId, int count, const QString &tenant);

} // namespace pointspanetest

class PointsPaneFixture : public QObject
{
protected:
    /// Starts memory-store and the session (from initTestCase).
    void startStore();
    /// The collection filled again and a fresh journal (from init).
    void resetCollection();

    /// Server-side count of the points that match filter (no scope: the plain truth).
    qint64 serverCount(const QJsonObject &filter);
    std::unique_ptr<ConsoleSession> openSession(bool readOnly);
    /// A shown pane on the test collection with its first page loaded.
    std::unique_ptr<PointsPane> openPane(ConsoleSession *session);
    void clickHeader(PointsPane &pane, int column);

    /// The journal's records of one operation on the test collection.
    QList<EditJournalRecord> journalled(const QString &operation) const;

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    QTemporaryDir m_journalDir;
    std::unique_ptr<EditJournal> m_journal;
    std::unique_ptr<PointCuration> m_curation; ///< the last opened pane's
};
