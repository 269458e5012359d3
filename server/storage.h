#pragma once

#include "json.h"
#include "pointid.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

struct sqlite3;

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
/// All methods throw std::runtime_error on an SQLite failure.
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
    /// Removes a collection and all its points.
    void dropCollection(const std::string &name);
    /// name -> meta, for every stored collection.
    std::map<std::string, Json> loadCollections();

    /// Replaces the whole alias table (alias -> collection) in one transaction.
    void putAliases(const std::map<std::string, std::string> &aliases);
    std::map<std::string, std::string> loadAliases();

    /// Writes upserts (full rows, replacing) and deletes of one collection in one transaction.
    void writePoints(const std::string &collection, std::span<const PersistedPoint *const> upserts,
                     std::span<const PointId> deletes);
    /// Streams every point of a collection (in id order) to sink.
    void loadPoints(const std::string &collection,
                    const std::function<void(PersistedPoint &&)> &sink);

    /// Removes every point of a collection (snapshot recovery replaces the whole content).
    void clearPoints(const std::string &collection);

    /// Folds the WAL into the database file (PRAGMA wal_checkpoint(TRUNCATE)).
    void checkpoint();

private:
    void exec(const char *sql);

    sqlite3 *m_db = nullptr;
    std::mutex m_mutex;
};

} // namespace mstore
