#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace mstore {

/// One SQLite connection whose every failure is a std::runtime_error naming the database file
/// and SQLite's own message, with the statements its owner prepares once and keeps. Not
/// thread-safe: its owner serialises the calls (Storage holds a mutex).
class SqliteDatabase final
{
public:
    /// Resets a statement when the scope ends, also on an exception, so that it releases its
    /// read snapshot and can be reused.
    class ResetOnExit final
    {
    public:
        explicit ResetOnExit(sqlite3_stmt *stmt)
            : m_stmt(stmt)
        { }
        ~ResetOnExit();
        ResetOnExit(const ResetOnExit &) = delete;
        ResetOnExit &operator=(const ResetOnExit &) = delete;

    private:
        sqlite3_stmt *m_stmt;
    };

    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    /// Opens (creating) the database file at path, without SQLite's own mutex, with extended
    /// result codes and a busy timeout for other processes' locks.
    void open(const std::string &path, int busyTimeoutMs);
    /// Finalises the prepared statements and closes the connection (the last one checkpoints
    /// and removes the WAL); safe to call twice.
    void close();
    /// Prepares each statement once (SQLITE_PREPARE_PERSISTENT), kept until close(); fetched
    /// by its index with prepared().
    void prepareAll(std::span<const char *const> sql);
    /// The statement prepareAll() made of sql[index]; reset it after use.
    sqlite3_stmt *prepared(size_t index) const { return m_statements[index]; }

    /// Runs SQL text that returns no rows; fails naming it.
    void exec(const char *sql);
    /// The first column of the first row of sql as an integer (0 for no row); fails with what.
    int64_t queryInt(const char *sql, const char *what);
    /// The first column of the first row of sql as text ("" for no row); fails with what.
    std::string queryText(const char *sql, const char *what);
    /// Steps a statement that returns no rows and resets it; fails with what.
    void step(sqlite3_stmt *stmt, const char *what);
    /// Binds text the caller keeps alive until the step (SQLite does not copy it).
    void bindText(sqlite3_stmt *stmt, int index, std::string_view text);
    /// Binds bytes the caller keeps alive until the step (SQLite does not copy them).
    void bindBlob(sqlite3_stmt *stmt, int index, const void *data, size_t size);

    /// Throws what went wrong with SQLite's last error on this connection.
    [[noreturn]] void fail(const std::string &what) const;
    /// Throws a problem with the file's content (no SQLite error behind it).
    [[noreturn]] void failData(const std::string &what) const;

    /// The connection, for the column reads and pragmas its owner does itself.
    sqlite3 *handle() const { return m_db; }
    /// The database file, as named in error messages.
    const std::string &path() const { return m_path; }

private:
    std::string m_path;
    sqlite3 *m_db = nullptr;
    std::vector<sqlite3_stmt *> m_statements; // kept until close()
};

} // namespace mstore
