// Tests of mstore::Storage when things go wrong: clear errors on damaged files and unusable
// folders, and durability of acknowledged writes across SIGKILL (a child process of this
// test writes batches; the parent kills it and reads back what was acknowledged).

#include "storagetestdata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <set>

using namespace storagetest;

namespace {

constexpr int kBatchPoints = 32;
constexpr int kBatchDims = 256;

PersistedPoint durablePoint(int batch, int i)
{
    const uint64_t n = uint64_t(batch) * kBatchPoints + uint64_t(i);
    std::vector<float> v(kBatchDims);
    for (int d = 0; d < kBatchDims; ++d)
        v[size_t(d)] = float(n) + float(d) / 1000.0f;
    return makePoint(PointId(n), n + 1,
                     "{\"batch\":" + std::to_string(batch) + ",\"i\":" + std::to_string(i) + "}",
                     {{"", std::move(v)}});
}

// Child mode of the durability test: writes batches forever and prints the number of each
// batch once writePoints has returned, i.e. once the write is acknowledged.
int durabilityChild(const char *dir, int firstBatch)
{
    try {
        Storage storage(dir);
        storage.putCollection("durable", Json::object());
        for (int batch = firstBatch;; ++batch) {
            std::vector<PersistedPoint> points;
            points.reserve(kBatchPoints);
            for (int i = 0; i < kBatchPoints; ++i)
                points.push_back(durablePoint(batch, i));
            write(storage, "durable", points);
            std::printf("%d\n", batch);
            std::fflush(stdout);
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "durability child: %s\n", e.what());
        return 1;
    }
}


} // namespace

class TstStorageFailures : public QObject, private StorageFixture
{
    Q_OBJECT

private slots:
    void init() { openFresh(); }
    void cleanup() { close(); }

    void damagedFileGivesClearError_data()
    {
        QTest::addColumn<QByteArray>("damage");
        QTest::addColumn<QByteArray>("expected"); // a part of the message

        QTest::newRow("garbage") << QByteArray("garbage") << QByteArray("not a database");
        QTest::newRow("truncated header") << QByteArray("truncated") << QByteArray();
        QTest::newRow("other application") << QByteArray("foreign")
                                           << QByteArray("another application");
        QTest::newRow("newer schema") << QByteArray("newer") << QByteArray("newer memory-store");
        QTest::newRow("damaged pages") << QByteArray("pages") << QByteArray();
        QTest::newRow("damaged vectors blob") << QByteArray("vectors")
                                              << QByteArray("malformed vectors");
        QTest::newRow("damaged id") << QByteArray("id") << QByteArray("malformed id");
        QTest::newRow("damaged meta") << QByteArray("meta") << QByteArray("not valid JSON");
    }

    void damagedFileGivesClearError()
    {
        QFETCH(QByteArray, damage);
        QFETCH(QByteArray, expected);

        // A store with some content, closed (so the WAL is folded in and removed).
        {
            Storage &s = *m_storage;
            s.putCollection("a", Json::object());
            std::vector<PersistedPoint> points;
            for (uint64_t i = 0; i < 200; ++i) {
                points.push_back(makePoint(PointId(i), 1, js("{'text':'some payload'}"),
                                           {{"", std::vector<float>(512, float(i))}}));
            }
            write(s, "a", points);
            m_storage.reset();
        }

        QFile file(dbFile());
        if (damage == "garbage" || damage == "truncated") {
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            if (damage == "garbage")
                file.write(QByteArray(70000, 'x'));
            else
                file.write(QByteArray("SQLite format 3\0", 16) + QByteArray(30, '\x7f'));
            file.close();
            QFile::remove(dbFile() + QStringLiteral("-wal"));
            QFile::remove(dbFile() + QStringLiteral("-shm"));
        } else if (damage == "foreign") {
            QVERIFY(file.remove());
            rawExec(dbFile(), "CREATE TABLE notes(x); INSERT INTO notes VALUES(1)");
        } else if (damage == "newer") {
            rawExec(dbFile(), "PRAGMA user_version = 99");
        } else if (damage == "pages") {
            // Stamp over the start of every page but the first: b-tree page headers and
            // overflow chain pointers become nonsense.
            QVERIFY(file.open(QIODevice::ReadWrite));
            const qint64 size = file.size();
            const QByteArray header = file.read(18); // bytes 16-17: the page size
            const int rawPageSize = (uchar(header[16]) << 8) | uchar(header[17]);
            const qint64 pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
            QVERIFY(pageSize >= 512);
            for (qint64 offset = pageSize; offset < size; offset += pageSize) {
                file.seek(offset);
                file.write(QByteArray(64, '\xa5'));
            }
            file.close();
        } else if (damage == "vectors") {
            rawExec(dbFile(), "UPDATE points SET vectors = x'01ffffff7f00' WHERE rowid = 50");
        } else if (damage == "id") {
            rawExec(dbFile(), "UPDATE points SET pid = x'0203' WHERE rowid = 60");
        } else if (damage == "meta") {
            rawExec(dbFile(), "UPDATE collections SET meta = '{\"unterminated'");
        }

        std::string message;
        try {
            Storage s(dirPath());
            s.loadCollections();
            s.loadAliases();
            s.loadPoints("a", [](PersistedPoint &&) {});
        } catch (const std::runtime_error &e) {
            message = e.what();
        }
        QVERIFY2(!message.empty(), "the damage went unnoticed");
        qDebug("%s", message.c_str());
        // The message names the file, so that an operator knows what to restore.
        QVERIFY2(message.find(QFile::encodeName(dbFile()).toStdString()) != std::string::npos,
                 message.c_str());
        if (!expected.isEmpty())
            QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
    }

    void unusableDirectoryGivesClearError()
    {
        m_storage.reset();
        const QString path = m_dir->filePath(QStringLiteral("plainfile"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        std::string message;
        try {
            Storage s(QFile::encodeName(path).toStdString());
        } catch (const std::runtime_error &e) {
            message = e.what();
        }
        QVERIFY2(message.find(QFile::encodeName(path).toStdString()) != std::string::npos,
                 message.c_str());
    }

    void acknowledgedWritesSurviveSigkill()
    {
        m_storage.reset();
        int nextBatch = 0;
        std::set<int> acknowledged;
        // Several kill/restart rounds: each restart must recover the previous WAL, then
        // append to it.
        for (int round = 0; round < 3; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--durability-child"), m_dir->path(),
                         QString::number(nextBatch)});
            QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));

            QByteArray output;
            const int target = nextBatch + 40;
            int lastSeen = -1;
            QElapsedTimer timer;
            timer.start();
            while (lastSeen < target && timer.elapsed() < 60000) {
                if (!child.waitForReadyRead(1000) && child.state() != QProcess::Running)
                    break;
                output += child.readAllStandardOutput();
                const int end = output.lastIndexOf('\n');
                if (end > 0) {
                    const int start = output.lastIndexOf('\n', end - 1) + 1;
                    lastSeen = output.mid(start, end - start).toInt();
                }
            }
            QVERIFY2(lastSeen >= target, child.readAllStandardError().constData());
            // SIGKILL at a random point of the following batches: mid-transaction, between
            // commit and acknowledgement, or between batches.
            QThread::usleep(QRandomGenerator::global()->bounded(3000));
            child.kill();
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            output += child.readAllStandardOutput();

            // Only complete lines count: each was printed after its batch was acknowledged.
            const int complete = output.lastIndexOf('\n');
            for (const QByteArray &line : output.left(complete).split('\n')) {
                bool ok = false;
                const int batch = line.toInt(&ok);
                QVERIFY2(ok, line.constData());
                acknowledged.insert(batch);
                nextBatch = batch + 1;
            }
            // The data must come back from the WAL, not from a checkpointed file.
            QVERIFY(QFileInfo(dbFile() + QStringLiteral("-wal")).size() > 0);
        }

        Storage &s = reopen();
        std::map<int, std::vector<PersistedPoint>> batches;
        s.loadPoints("durable", [&](PersistedPoint &&p) {
            batches[int(p.id.number() / kBatchPoints)].push_back(std::move(p));
        });
        for (int batch : acknowledged)
            QVERIFY2(batches.count(batch), qPrintable(QStringLiteral("batch %1 lost").arg(batch)));
        for (const auto &[batch, points] : batches) {
            // Atomic: a batch is all there or not at all (even the one killed mid-write).
            QCOMPARE(points.size(), size_t(kBatchPoints));
            for (int i = 0; i < kBatchPoints; ++i) {
                const PersistedPoint expected = durablePoint(batch, i);
                QCOMPARE(idText(points[size_t(i)].id), idText(expected.id));
                QCOMPARE(bytes(points[size_t(i)].payloadJson), bytes(expected.payloadJson));
                QVERIFY(points[size_t(i)].vectors == expected.vectors);
            }
        }
        QVERIFY(acknowledged.size() >= 120);
        qDebug("%zu acknowledged batches, %zu stored", acknowledged.size(), batches.size());
    }
};

int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--durability-child") == 0)
        return durabilityChild(argv[2], std::atoi(argv[3]));
    QCoreApplication app(argc, argv);
    TstStorageFailures test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storage_failures.moc"
