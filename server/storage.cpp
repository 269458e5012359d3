#include "storage.h"

#include "pointcodec.h"

#include <sqlite3.h>

#include <array>
#include <bit>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>

// Storage layout (schema version 1, PRAGMA user_version; PRAGMA application_id = 'MSTR'):
//
//   collections(name TEXT PRIMARY KEY, meta TEXT NOT NULL, cid INTEGER NOT NULL UNIQUE)
//   aliases(alias TEXT PRIMARY KEY, collection TEXT NOT NULL)
//   points(cid INTEGER NOT NULL, pid BLOB NOT NULL, version INTEGER NOT NULL,
//          payload TEXT NOT NULL, vectors BLOB NOT NULL)
//   UNIQUE INDEX points_by_id ON points(cid, pid)
//
// - cid is a small per-collection integer, so that the points key does not repeat the name.
//   Ids are reused after a drop, which is safe because a drop deletes the points in the
//   same transaction.
// - pid encodes a PointId so that memcmp (SQLite's BLOB order) is PointId order, and vectors
//   is the name -> vector map in a compact binary form: both in pointcodec.h.
// - version is the uint64 stored bit for bit in SQLite's int64.
// - points is a rowid table with a unique index, not WITHOUT ROWID. A row is ~6.7 KiB (1536
//   floats); a WITHOUT ROWID table keeps rows in an index b-tree, where each page split of a
//   random (UUID) insert moves whole rows (16x slower in the benchmark), and which keeps at
//   most a quarter page of a row locally (below 64 KiB pages every row spills to overflow
//   pages). Here new rows get ascending rowids, so the table grows by appends and only the
//   small index takes random inserts. The vectors column comes last, so that the small
//   columns are read before any overflow page.

namespace mstore {

namespace {

constexpr int kSchemaVersion = 1;
constexpr int32_t kApplicationId = 0x4d535452; // "MSTR"

// Tuning, measured with tests/bench/storage_bench; the numbers are in the decision record.
// A 64 KiB page holds nine 1536-dimensional points (6 KiB of floats + ~600 bytes of payload
// each) without overflow pages: the fewest pages, WAL frames and checksums per point, and
// 11% less disk than 4-32 KiB pages, where a point takes 8 KiB. The price is that a single
// point upsert logs at least two 64 KiB pages. It only applies when the file is created.
constexpr int kPageSize = 65536;
// In pages: checkpoint every 64 MiB of WAL rather than every 4 MiB (SQLite's default of 1000
// pages of 4 KiB); every checkpoint fsyncs, so fewer, bigger ones keep the write path fast.
constexpr int kWalAutocheckpointPages = 1024;
// After a checkpoint the WAL file is truncated to this size, so that a burst of writes does
// not leave a huge -wal file behind.
constexpr int64_t kJournalSizeLimit = 64 * 1024 * 1024;
// The points are streamed once at startup and then served from memory, so the cache only
// needs a batch's dirty pages (~2 MiB) and the b-tree interior and index pages; 2, 32 and
// 128 MiB measured the same.
constexpr int kCacheSizeKiB = 16 * 1024;
// No memory-mapped I/O: an I/O error or a file truncated behind our back would be a SIGBUS
// in the middle of a read instead of an error message, and mmap did not load measurably
// faster.
constexpr int64_t kMmapSize = 0;
// Only other processes (a backup, the sqlite3 shell) can hold locks: this process
// serialises its own calls with m_mutex.
constexpr int kBusyTimeoutMs = 5000;

// Why synchronous=NORMAL is enough for "an acknowledged write survives kill -9": in WAL mode
// a commit appends the transaction's pages and a commit frame to the -wal file with
// write(2). When write() returns the bytes are in the kernel's page cache, which belongs to
// the OS and not to the process, so killing the process cannot lose them, and the next
// open replays the WAL up to its last valid commit frame (frames are checksummed, so a torn
// tail is ignored, never half-applied). NORMAL only skips the fsync at each commit; the WAL
// is fsynced before every checkpoint. An OS crash or power cut can therefore roll back the
// last transactions (it cannot corrupt the file); surviving that as well would need
// synchronous=FULL, an fsync per commit.
constexpr const char *kSynchronous = "PRAGMA synchronous = NORMAL";

// Indexed by Storage::Sql.
constexpr const char *kSql[] = {
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "SELECT cid FROM collections WHERE name = ?1",
    "SELECT coalesce(max(cid), 0) + 1 FROM collections",
    "INSERT INTO collections(name, meta, cid) VALUES(?1, ?2, ?3)",
    "UPDATE collections SET meta = ?2 WHERE name = ?1",
    "DELETE FROM collections WHERE name = ?1",
    "SELECT name, meta, cid FROM collections ORDER BY name",
    "DELETE FROM aliases",
    "INSERT INTO aliases(alias, collection) VALUES(?1, ?2)",
    "SELECT alias, collection FROM aliases ORDER BY alias",
    // Updates in place, keeping the rowid (INSERT OR REPLACE would delete and re-append).
    // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one statement; open() checks the count
    "INSERT INTO points(cid, pid, version, payload, vectors) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(cid, pid) DO UPDATE SET version = excluded.version, "
    "payload = excluded.payload, vectors = excluded.vectors",
    "DELETE FROM points WHERE cid = ?1 AND pid = ?2",
    "DELETE FROM points WHERE cid = ?1",
    "SELECT pid, version, payload, vectors FROM points WHERE cid = ?1 ORDER BY pid",
};

constexpr const char *kSchema
    = "CREATE TABLE collections(name TEXT PRIMARY KEY, meta TEXT NOT NULL,"
      " cid INTEGER NOT NULL UNIQUE);"
      "CREATE TABLE aliases(alias TEXT PRIMARY KEY, collection TEXT NOT NULL);"
      "CREATE TABLE points(cid INTEGER NOT NULL, pid BLOB NOT NULL, version INTEGER NOT NULL,"
      " payload TEXT NOT NULL, vectors BLOB NOT NULL);"
      "CREATE UNIQUE INDEX points_by_id ON points(cid, pid);";

} // namespace

enum class Storage::Sql : int {
    Begin,
    Commit,
    Rollback,
    SelectCollectionId,
    NextCollectionId,
    InsertCollection,
    UpdateCollection,
    DeleteCollection,
    SelectCollections,
    DeleteAliases,
    InsertAlias,
    SelectAliases,
    UpsertPoint,
    DeletePoint,
    DeletePointsOf,
    SelectPointsOf,
    Count
};

// One write transaction; rolled back unless commit() was reached, so that an exception
// halfway through a batch leaves nothing of it behind.
class Storage::Transaction
{
public:
    explicit Transaction(Storage &storage)
        : m_storage(storage)
    {
        m_storage.step(Sql::Begin, "begin transaction");
    }
    ~Transaction()
    {
        if (!sqlite3_get_autocommit(m_storage.m_db.handle())) {
            sqlite3_stmt *rollback = m_storage.prepared(Sql::Rollback);
            sqlite3_step(rollback);
            sqlite3_reset(rollback);
        }
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit() { m_storage.step(Sql::Commit, "commit"); }

private:
    Storage &m_storage;
};

Storage::Storage(const std::string &dir)
{
    try {
        open(dir);
    } catch (...) {
        close(); // the destructor does not run for a throwing constructor
        throw;
    }
}

Storage::~Storage()
{
    close();
}

void Storage::close()
{
    // The last connection to close checkpoints and removes the WAL.
    m_db.close();
}

void Storage::open(const std::string &dir)
{
    static_assert(std::size(kSql) == size_t(Sql::Count));

    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        throw std::runtime_error(
            "memory-store: cannot create the data directory " + dir + ": " + ec.message());
    }
    m_db.open((std::filesystem::path(dir) / "store.sqlite").string(), kBusyTimeoutMs);

    // Before anything creates the file's first page; ignored for an existing database.
    m_db.exec(("PRAGMA page_size = " + std::to_string(kPageSize)).c_str());

    // The first statements that read the file: a file that is not an SQLite database fails
    // here with "file is not a database".
    const int64_t applicationId = m_db.queryInt("PRAGMA application_id", "cannot read the file");
    const int64_t userVersion = m_db.queryInt("PRAGMA user_version", "cannot read the file");
    if (applicationId != 0 && applicationId != kApplicationId)
        m_db.failData("the file is an SQLite database of another application, not memory-store's");
    if (userVersion > kSchemaVersion) {
        m_db.failData("the file has schema version " + std::to_string(userVersion)
            + ", written by a newer memory-store; this one reads up to version "
            + std::to_string(kSchemaVersion));
    }

    if (m_db.queryText("PRAGMA journal_mode = WAL", "cannot switch to WAL mode") != "wal")
        m_db.failData("cannot switch the database to WAL mode (is the file system local?)");
    m_db.exec(kSynchronous);
    m_db.exec(("PRAGMA wal_autocheckpoint = " + std::to_string(kWalAutocheckpointPages)).c_str());
    m_db.exec(("PRAGMA journal_size_limit = " + std::to_string(kJournalSizeLimit)).c_str());
    m_db.exec(("PRAGMA cache_size = " + std::to_string(-kCacheSizeKiB)).c_str());
    m_db.exec(("PRAGMA mmap_size = " + std::to_string(kMmapSize)).c_str());

    if (userVersion == 0) {
        if (m_db.queryInt("SELECT count(*) FROM sqlite_schema", "cannot read the schema") != 0)
            m_db.failData(
                "the file is an SQLite database of another application, not memory-store's");
        createSchema();
    }

    // Prepared once and kept (SQLITE_PREPARE_PERSISTENT): the write path only binds and
    // steps. Preparing them all here also checks the schema at startup.
    m_db.prepareAll(kSql);

    // Without a quick_check here: it reads the whole file, and the server reads every point
    // at startup anyway, where a damaged page fails loadPoints with SQLite's error.
}

void Storage::createSchema()
{
    m_db.exec("BEGIN IMMEDIATE");
    try {
        // Another process may have created it between our check and our write lock.
        if (m_db.queryInt("PRAGMA user_version", "cannot read the file") != 0) {
            m_db.exec("COMMIT");
            return;
        }
        m_db.exec(kSchema);
        m_db.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
        m_db.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
        m_db.exec("COMMIT");
    } catch (...) {
        if (!sqlite3_get_autocommit(m_db.handle()))
            sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

sqlite3_stmt *Storage::prepared(Sql which)
{
    return m_db.prepared(size_t(which));
}

void Storage::step(Sql which, const char *what)
{
    m_db.step(prepared(which), what);
}

int64_t Storage::collectionId(const std::string &name)
{
    if (const auto it = m_collectionIds.find(name); it != m_collectionIds.end())
        return it->second;
    sqlite3_stmt *stmt = prepared(Sql::SelectCollectionId);
    SqliteDatabase::ResetOnExit reset(stmt);
    m_db.bindText(stmt, 1, name);
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE)
        return -1;
    if (rc != SQLITE_ROW)
        m_db.fail("cannot look up collection " + name);
    const int64_t cid = sqlite3_column_int64(stmt, 0);
    m_collectionIds.emplace(name, cid);
    return cid;
}

void Storage::putCollection(const std::string &name, const Json &meta)
{
    std::string metaText;
    try {
        metaText = meta.dump();
    } catch (const Json::exception &e) {
        throw std::runtime_error(
            "memory-store: the metadata of collection " + name + " cannot be stored: " + e.what());
    }

    std::lock_guard lock(m_mutex);
    Transaction transaction(*this);
    int64_t cid = collectionId(name);
    if (cid >= 0) {
        sqlite3_stmt *update = prepared(Sql::UpdateCollection);
        SqliteDatabase::ResetOnExit reset(update);
        m_db.bindText(update, 1, name);
        m_db.bindText(update, 2, metaText);
        if (sqlite3_step(update) != SQLITE_DONE)
            m_db.fail("cannot update collection " + name);
        transaction.commit();
        return;
    }

    {
        sqlite3_stmt *next = prepared(Sql::NextCollectionId);
        SqliteDatabase::ResetOnExit reset(next);
        if (sqlite3_step(next) != SQLITE_ROW)
            m_db.fail("cannot allocate an id for collection " + name);
        cid = sqlite3_column_int64(next, 0);
    }
    {
        sqlite3_stmt *insert = prepared(Sql::InsertCollection);
        SqliteDatabase::ResetOnExit reset(insert);
        m_db.bindText(insert, 1, name);
        m_db.bindText(insert, 2, metaText);
        sqlite3_bind_int64(insert, 3, cid);
        if (sqlite3_step(insert) != SQLITE_DONE)
            m_db.fail("cannot insert collection " + name);
    }
    transaction.commit();
    // Only now: a rolled-back insert must not leave its id in the cache.
    m_collectionIds.emplace(name, cid);
}

void Storage::dropCollection(const std::string &name)
{
    std::lock_guard lock(m_mutex);
    const int64_t cid = collectionId(name);
    if (cid < 0)
        return;
    Transaction transaction(*this);
    {
        sqlite3_stmt *points = prepared(Sql::DeletePointsOf);
        SqliteDatabase::ResetOnExit reset(points);
        sqlite3_bind_int64(points, 1, cid);
        if (sqlite3_step(points) != SQLITE_DONE)
            m_db.fail("cannot delete the points of collection " + name);
    }
    {
        sqlite3_stmt *collection = prepared(Sql::DeleteCollection);
        SqliteDatabase::ResetOnExit reset(collection);
        m_db.bindText(collection, 1, name);
        if (sqlite3_step(collection) != SQLITE_DONE)
            m_db.fail("cannot delete collection " + name);
    }
    transaction.commit();
    m_collectionIds.erase(name);
}

std::map<std::string, Json> Storage::loadCollections()
{
    std::lock_guard lock(m_mutex);
    std::map<std::string, Json> collections;
    sqlite3_stmt *stmt = prepared(Sql::SelectCollections);
    SqliteDatabase::ResetOnExit reset(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const auto *name = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
        const auto *meta = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 1));
        const std::string_view metaText(
            meta ? meta : "", meta ? size_t(sqlite3_column_bytes(stmt, 1)) : 0);
        std::string nameText = name ? name : "";
        Json parsed = Json::parse(metaText.begin(), metaText.end(), nullptr, false);
        if (parsed.is_discarded())
            m_db.failData("the stored metadata of collection " + nameText + " is not valid JSON");
        m_collectionIds[nameText] = sqlite3_column_int64(stmt, 2);
        collections.emplace(std::move(nameText), std::move(parsed));
    }
    if (rc != SQLITE_DONE)
        m_db.fail("cannot read the collections");
    return collections;
}

void Storage::putAliases(const std::map<std::string, std::string> &aliases)
{
    std::lock_guard lock(m_mutex);
    Transaction transaction(*this);
    step(Sql::DeleteAliases, "cannot clear the aliases");
    sqlite3_stmt *insert = prepared(Sql::InsertAlias);
    for (const auto &[alias, collection] : aliases) {
        SqliteDatabase::ResetOnExit reset(insert);
        m_db.bindText(insert, 1, alias);
        m_db.bindText(insert, 2, collection);
        if (sqlite3_step(insert) != SQLITE_DONE)
            m_db.fail("cannot store alias " + alias);
    }
    transaction.commit();
}

std::map<std::string, std::string> Storage::loadAliases()
{
    std::lock_guard lock(m_mutex);
    std::map<std::string, std::string> aliases;
    sqlite3_stmt *stmt = prepared(Sql::SelectAliases);
    SqliteDatabase::ResetOnExit reset(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const auto *alias = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
        const auto *collection = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 1));
        aliases.emplace(alias ? alias : "", collection ? collection : "");
    }
    if (rc != SQLITE_DONE)
        m_db.fail("cannot read the aliases");
    return aliases;
}

void Storage::writePoints(const std::string &collection,
    std::span<const PersistedPoint *const> upserts, std::span<const PointId> deletes)
{
    std::lock_guard lock(m_mutex);
    const int64_t cid = collectionId(collection);
    if (cid < 0)
        m_db.failData("cannot write points of collection " + collection + ": it is not stored");
    if (upserts.empty() && deletes.empty())
        return;

    Transaction transaction(*this);
    pointcodec::Key key;
    sqlite3_stmt *upsert = prepared(Sql::UpsertPoint);
    for (const PersistedPoint *point : upserts) {
        SqliteDatabase::ResetOnExit reset(upsert);
        const size_t keySize = pointcodec::encodeKey(point->id, key);
        pointcodec::encodeVectors(point->vectors, m_vectorBuffer);
        sqlite3_bind_int64(upsert, 1, cid);
        m_db.bindBlob(upsert, 2, key.data(), keySize);
        sqlite3_bind_int64(upsert, 3, std::bit_cast<int64_t>(point->version));
        m_db.bindText(upsert, 4, point->payloadJson);
        m_db.bindBlob(upsert, 5, m_vectorBuffer.data(), m_vectorBuffer.size());
        if (sqlite3_step(upsert) != SQLITE_DONE)
            m_db.fail(
                "cannot write point " + point->id.toString() + " of collection " + collection);
    }
    sqlite3_stmt *remove = prepared(Sql::DeletePoint);
    for (const PointId &id : deletes) {
        SqliteDatabase::ResetOnExit reset(remove);
        const size_t keySize = pointcodec::encodeKey(id, key);
        sqlite3_bind_int64(remove, 1, cid);
        m_db.bindBlob(remove, 2, key.data(), keySize);
        if (sqlite3_step(remove) != SQLITE_DONE)
            m_db.fail("cannot delete point " + id.toString() + " of collection " + collection);
    }
    transaction.commit();
}

void Storage::loadPoints(
    const std::string &collection, const std::function<void(PersistedPoint &&)> &sink)
{
    std::lock_guard lock(m_mutex);
    const int64_t cid = collectionId(collection);
    if (cid < 0)
        return;
    sqlite3_stmt *stmt = prepared(Sql::SelectPointsOf);
    SqliteDatabase::ResetOnExit reset(stmt);
    sqlite3_bind_int64(stmt, 1, cid);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        PersistedPoint point;
        const auto *key = static_cast<const uint8_t *>(sqlite3_column_blob(stmt, 0));
        const std::optional<PointId> id = pointcodec::decodeKey(key, sqlite3_column_bytes(stmt, 0));
        if (!id)
            m_db.failData("a point of collection " + collection + " has a malformed id");
        point.id = *id;
        point.version = std::bit_cast<uint64_t>(sqlite3_column_int64(stmt, 1));
        if (const auto *payload = sqlite3_column_text(stmt, 2))
            point.payloadJson.assign(
                reinterpret_cast<const char *>(payload), size_t(sqlite3_column_bytes(stmt, 2)));
        const auto *vectors = static_cast<const uint8_t *>(sqlite3_column_blob(stmt, 3));
        const int vectorsSize = sqlite3_column_bytes(stmt, 3);
        if (!pointcodec::decodeVectors(vectors, size_t(vectorsSize), point.vectors)) {
            m_db.failData("point " + id->toString() + " of collection " + collection
                + " has malformed vectors");
        }
        sink(std::move(point));
    }
    if (rc != SQLITE_DONE)
        m_db.fail("cannot read the points of collection " + collection);
}

void Storage::clearPoints(const std::string &collection)
{
    std::lock_guard lock(m_mutex);
    const int64_t cid = collectionId(collection);
    if (cid < 0)
        return;
    sqlite3_stmt *stmt = prepared(Sql::DeletePointsOf);
    SqliteDatabase::ResetOnExit reset(stmt);
    sqlite3_bind_int64(stmt, 1, cid);
    // One statement is one (implicit) transaction: all points go or none.
    if (sqlite3_step(stmt) != SQLITE_DONE)
        m_db.fail("cannot delete the points of collection " + collection);
}

void Storage::checkpoint()
{
    std::lock_guard lock(m_mutex);
    const int rc = sqlite3_wal_checkpoint_v2(
        m_db.handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    // BUSY: another process's reader or writer outlasted the busy timeout. Nothing is lost,
    // the WAL just stays until a later checkpoint, so this is not worth an error.
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        m_db.fail("cannot checkpoint the WAL");
}

} // namespace mstore
