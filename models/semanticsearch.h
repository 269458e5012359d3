#pragma once

#include "connectionprofile.h"
#include "dimensioncheck.h"
#include "embedder.h"
#include "neterror.h"
#include "qdrantcallhandle.h"
#include "searchoutcome.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

class ConsoleSession;
class SecretStore;

/// Runs semantic searches inside the session's tenant scope: the query text goes through the
/// profile's embedder (EmbedderFactory, made once per profile), its vector is checked against
/// the collection's (a clear error naming both sizes when they differ), then sent as
/// `points/query` (legacy search on old servers) through ScopedPoints with the user's filter,
/// limit and score threshold. "Find similar" sends a point id instead (read through the scope,
/// left out of its own results). One search at a time: a new one, cancel(), a scope change or
/// a new connection drop the one in flight, whose late answer is never reported.
class SemanticSearch final : public QObject
{
    Q_OBJECT

public:
    /// session is not owned and must outlive this; secrets may be nullptr (no keychain).
    SemanticSearch(ConsoleSession *session, SecretStore *secrets, QObject *parent = nullptr);
    ~SemanticSearch() override;

    /// Starts a search; ends in searchFinished() or searchFailed() (never both, once).
    void search(const SearchQuery &query);
    /// Stops the search in flight; it ends in searchFailed() with Cancelled.
    void cancel();
    /// True while a search runs.
    bool isRunning() const { return m_running; }
    /// The profile's embedder once made (nullptr before the first text search).
    Embedder *embedder() const { return m_embedder; }

signals:
    void searchStarted(const SearchQuery &query);
    void searchFinished(const SearchOutcome &outcome);
    void searchFailed(const SearchQuery &query, const NetError &error);

private:
    void withEmbedder(int generation, std::function<void(Embedder *)> next);
    void withCollectionInfo(int generation, const QString &collection,
        std::function<void(const CollectionInfo &)> next);
    void runWithInfo(int generation, const CollectionInfo &info);
    void embedAndQuery(
        int generation, Embedder *embedder, const VectorTarget &target, const QString &distance);
    void sendQuery(int generation, QueryRequest request, const QString &distance);
    /// The vector to search, or the error that says which to choose.
    Result<QString> chooseVector(const CollectionInfo &info, int dimension) const;
    void fail(int generation, const NetError &error);
    void drop();

    ConsoleSession *m_session;
    SecretStore *m_secrets;
    QPointer<Embedder> m_embedder;
    ConnectionProfile m_embedderProfile; ///< the profile m_embedder was made for
    QHash<QString, CollectionInfo> m_infos; ///< by collection, until the scope changes
    SearchQuery m_query;
    QdrantCallHandle m_call;
    QPointer<EmbedCall> m_embedCall;
    QElapsedTimer m_clock;
    int m_generation = 0; ///< bumped by every search and cancel: late answers are dropped
    bool m_running = false;
};
