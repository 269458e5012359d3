#include "sqlitedatabase.h"

#include <sqlite3.h>

#include <stdexcept>

namespace mstore {

SqliteDatabase::ResetOnExit::~ResetOnExit()
{
    sqlite3_reset(m_stmt);
}

SqliteDatabase::~SqliteDatabase()
{
    close();
}

void SqliteDatabase::open(const std::string &path, int busyTimeoutMs)
{
    close();
    m_path = path;
    // NOMUTEX: the owner already serialises every use of the connection.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(m_path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        if (!m_db)
            throw std::runtime_error(
                "memory-store: cannot open database " + m_path + ": out of memory");
        fail("cannot open the database");
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
}

void SqliteDatabase::close()
{
    for (sqlite3_stmt *stmt : m_statements)
        sqlite3_finalize(stmt);
    m_statements.clear();
    sqlite3_close_v2(m_db);
    m_db = nullptr;
}

void SqliteDatabase::prepareAll(std::span<const char *const> sql)
{
    m_statements.assign(sql.size(), nullptr);
    for (size_t i = 0; i < sql.size(); ++i) {
        if (sqlite3_prepare_v3(
                m_db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &m_statements[i], nullptr)
            != SQLITE_OK) {
            fail(std::string("cannot prepare \"") + sql[i] + "\"");
        }
    }
}

void SqliteDatabase::exec(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(std::string("cannot run \"") + sql + "\"");
}

int64_t SqliteDatabase::queryInt(const char *sql, const char *what)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        fail(what);
    const int rc = sqlite3_step(stmt);
    const int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sqlite3_finalize(stmt); // returns the step's error, and keeps its message for fail()
        fail(what);
    }
    sqlite3_finalize(stmt);
    return value;
}

std::string SqliteDatabase::queryText(const char *sql, const char *what)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        fail(what);
    const int rc = sqlite3_step(stmt);
    std::string value;
    if (rc == SQLITE_ROW) {
        if (const auto *text = sqlite3_column_text(stmt, 0))
            value = reinterpret_cast<const char *>(text);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sqlite3_finalize(stmt);
        fail(what);
    }
    sqlite3_finalize(stmt);
    return value;
}

void SqliteDatabase::step(sqlite3_stmt *stmt, const char *what)
{
    ResetOnExit reset(stmt);
    if (sqlite3_step(stmt) != SQLITE_DONE)
        fail(what);
}

void SqliteDatabase::bindText(sqlite3_stmt *stmt, int index, std::string_view text)
{
    // SQLITE_STATIC: the caller's string outlives the step, so SQLite need not copy it.
    if (sqlite3_bind_text64(stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8)
        != SQLITE_OK)
        fail("cannot bind a value");
}

void SqliteDatabase::bindBlob(sqlite3_stmt *stmt, int index, const void *data, size_t size)
{
    if (sqlite3_bind_blob64(stmt, index, data, size, SQLITE_STATIC) != SQLITE_OK)
        fail("cannot bind a value");
}

void SqliteDatabase::fail(const std::string &what) const
{
    const int code = m_db ? sqlite3_extended_errcode(m_db) : SQLITE_ERROR;
    const char *message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code);
    throw std::runtime_error("memory-store database " + m_path + ": " + what + ": " + message
        + " (SQLite error " + std::to_string(code) + ")");
}

void SqliteDatabase::failData(const std::string &what) const
{
    throw std::runtime_error("memory-store database " + m_path + ": " + what);
}

} // namespace mstore
