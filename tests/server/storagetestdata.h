// What tst_storage and tst_storage_failures share: points and their texts, raw SQLite access
// to the file under test, and a fresh Storage in a temporary folder for each test.
#pragma once

#include "storage.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace storagetest {

using namespace mstore;

using Vectors = std::map<std::string, std::vector<float>>;

inline PersistedPoint makePoint(const PointId &id, uint64_t version, std::string payload,
                         Vectors vectors)
{
    PersistedPoint p;
    p.id = id;
    p.version = version;
    p.payloadJson = std::move(payload);
    p.vectors = std::move(vectors);
    return p;
}

inline PointId uuid(const char *text)
{
    const auto id = PointId::fromUuid(text);
    Q_ASSERT(id);
    return *id;
}

inline std::vector<PersistedPoint> loadAll(Storage &storage, const std::string &collection)
{
    std::vector<PersistedPoint> points;
    storage.loadPoints(collection, [&](PersistedPoint &&p) { points.push_back(std::move(p)); });
    return points;
}

inline void write(Storage &storage, const std::string &collection,
           const std::vector<PersistedPoint> &points, const std::vector<PointId> &deletes = {})
{
    std::vector<const PersistedPoint *> pointers;
    pointers.reserve(points.size());
    for (const PersistedPoint &p : points)
        pointers.push_back(&p);
    storage.writePoints(collection, pointers, deletes);
}

// JSON written with ' for ", so that the tests stay readable (moc cannot parse this file
// with raw string literals in it).
inline std::string js(std::string_view text)
{
    std::string s(text);
    std::replace(s.begin(), s.end(), '\'', '"');
    return s;
}

inline QByteArray json(std::string_view text)
{
    return QByteArray::fromStdString(js(text));
}

inline QByteArray bytes(const std::string &s)
{
    return QByteArray::fromStdString(s);
}

inline QByteArray idText(const PointId &id)
{
    return bytes(id.toString());
}

inline QByteArray idList(const std::vector<PersistedPoint> &points)
{
    QByteArrayList ids;
    for (const PersistedPoint &p : points)
        ids.append(idText(p.id));
    return ids.join(',');
}

// Runs one SQL statement on the store's file behind Storage's back (to damage rows).
inline void rawExec(const QString &file, const char *sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(file).constData(), &db), SQLITE_OK);
    char *error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    const QByteArray message = error ? QByteArray(error) : QByteArray();
    sqlite3_free(error);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, message.constData());
}

inline qint64 rawCount(const QString &file, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(file).constData(), &db);
    sqlite3_stmt *stmt = nullptr;
    qint64 value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

// The durability test's child writes batches of this shape; the parent checks them.

/// A Storage in a temporary folder of its own, fresh for each test (init / cleanup).
class StorageFixture
{
protected:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Storage> m_storage;

    std::string dirPath() const { return QFile::encodeName(m_dir->path()).toStdString(); }
    QString dbFile() const { return m_dir->filePath(QStringLiteral("store.sqlite")); }
    Storage &reopen()
    {
        m_storage.reset();
        m_storage = std::make_unique<Storage>(dirPath());
        return *m_storage;
    }
    void openFresh()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_storage = std::make_unique<Storage>(dirPath());
    }
    void close()
    {
        m_storage.reset();
        m_dir.reset();
    }
};

} // namespace storagetest
