#pragma once

#include "json.h"
#include "pointid.h"
#include "sqlitedatabase.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mstore {

/// One point as it is persisted: its payload as JSON text and its vectors by name
/// ("" = the unnamed vector).
struct PersistedPoint
{
    PointId id;
    uint64_t version = 0;
    std::string payloadJson;
    std::map<std::string, std::vector<float>> vectors;
};

/// Durable storage of memory-store: SQLite in WAL mode with synchronous=NORMAL, so that a
/// committed write survives kill -9 of the process (the OS holds the WAL); one transaction
/// per API operation. Thread-safe: calls are serialised by an internal mutex.
/// All methods throw std::runtime_error on an SQLite failure, a corrupt or foreign database
/// file, or undecodable stored data; the message names the database file.
/// Schema, encodings and tuning: storage.cpp and docs/decisions/0003-storage-sqlite-wal.md.
class Storage
{
public:
    /// Opens (creating when needed) `<dir>/store.sqlite`; creates dir too.
    explicit Storage(const std::string &dir);
    ~Storage();
    Storage(const Storage &) = delete;
    Storage &operator=(const Storage &) = delete;

    /// Collection metadata (config, payload indexes, ...) as one JSON object; insert or replace.
    void putCollection(const std::string &name, const Json &meta);
    /// Removes a collection and all its points, in one transaction. Aliases are left alone
    /// (the caller rewrites them with putAliases). Unknown names are a no-op.
    void dropCollection(const std::string &name);
    /// name -> meta, for every stored collection.
    std::map<std::string, Json> loadCollections();

    /// Replaces the whole alias table (alias -> collection) in one transaction.
    void putAliases(const std::map<std::string, std::string> &aliases);
    std::map<std::string, std::string> loadAliases();

    /// Writes upserts (full rows, replacing) and deletes of one collection in one transaction.
    /// Upserts are applied first, then deletes: an id in both ends up deleted. The collection
    /// must have been stored with putCollection.
    void writePoints(const std::string &collection, std::span<const PersistedPoint *const> upserts,
                     std::span<const PointId> deletes);
    /// Streams every point of a collection (in id order) to sink. Unknown collections stream
    /// nothing. The sink runs under the storage lock: it must not call back into Storage.
    void loadPoints(const std::string &collection,
                    const std::function<void(PersistedPoint &&)> &sink);

    /// Removes every point of a collection (snapshot recovery replaces the whole content).
    void clearPoints(const std::string &collection);

    /// Folds the WAL into the database file (PRAGMA wal_checkpoint(TRUNCATE)). Returns
    /// without error when another process's reader keeps it from completing.
    void checkpoint();

    /// The database file, as named in error messages.
    const std::string &path() const { return m_db.path(); }

private:
    enum class Sql : int; // the cached statements, defined in storage.cpp
    class Transaction;

    void open(const std::string &dir);
    void close();
    void createSchema();
    /// Runs a cached statement that returns no rows; fails with `what`.
    void step(Sql which, const char *what);
    /// The statement prepared at open; reset it after use (the cache keeps it).
    sqlite3_stmt *prepared(Sql which);
    /// The collection's integer key in the points table, or -1 when it is not stored.
    int64_t collectionId(const std::string &name);

    SqliteDatabase m_db; // its prepared statements are indexed by Sql
    std::map<std::string, int64_t, std::less<>> m_collectionIds; // cache of the collections table
    std::string m_vectorBuffer; // reused by writePoints, so that the hot path does not allocate
    std::mutex m_mutex;
};

} // namespace mstore
