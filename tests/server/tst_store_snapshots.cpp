// memory-store over real HTTP: collection snapshots. Create (a SnapshotDescription with name,
// size and sha256 checksum), list, download, delete, recover from a file:// location into the
// same and into a new collection, multipart upload, and the refusal of a file that is not a
// memory-store snapshot without harm to the collection it was aimed at.
// Plain literals where a raw string would hold `//`, an unbalanced bracket or an odd number
// of quotes: Qt 6.4's moc mis-lexes those and then finds no test class.
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray kConfig = R"({"vectors":{"image":{"size":4,"distance":"Dot"},
                                          "text":{"size":2,"distance":"Cosine"}},
                               "hnsw_config":{"m":20},
                               "optimizers_config":{"indexing_threshold":4321}})";

const QByteArray kPoints = R"({"points":[
    {"id":1,"vector":{"image":[1,2,3,4],"text":[3,4]},"payload":{"city":"Berlin","n":1}},
    {"id":2,"vector":{"image":[4,3,2,1]},"payload":{"city":"Paris","n":2,"tags":["a","b"]}},
    {"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","vector":{"text":[1,0]},"payload":{"n":3}}]})";

// As a client builds it: percent-encoded (a space becomes %20).
QString fileUrl(const QString &path)
{
    return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded);
}

QJsonArray idsOf(const QJsonArray &records)
{
    QJsonArray ids;
    for (const QJsonValue &r : records)
        ids.append(r[QStringLiteral("id")]);
    return ids;
}

} // namespace

class TestStoreSnapshots : public QObject
{
    Q_OBJECT

private:
    StoreClient &client() { return *m_client; }

    // A collection with named vectors, three points, two payload indexes and a tuned config.
    void createSource(const QString &name)
    {
        client().del(QStringLiteral("/collections/") + name);
        auto r = client().put(QStringLiteral("/collections/") + name, kConfig);
        QVERIFY2(r.status == 200, r.body.constData());
        r = client().put(QStringLiteral("/collections/%1/points?wait=true").arg(name), kPoints);
        QVERIFY2(r.status == 200, r.body.constData());
        for (const QByteArray &index :
            {QByteArray(R"({"field_name":"city","field_schema":"keyword"})"),
                QByteArray(R"({"field_name":"n","field_schema":
                                                       {"type":"integer","range":true}})")}) {
            r = client().put(QStringLiteral("/collections/%1/index?wait=true").arg(name), index);
            QVERIFY2(r.status == 200, r.body.constData());
        }
    }

    QJsonObject createSnapshot(const QString &collection)
    {
        const auto r = client().post(
            QStringLiteral("/collections/%1/snapshots?wait=true").arg(collection), QByteArray());
        if (r.status != 200)
            qWarning("snapshot failed: %s", r.body.constData());
        return r.result().toObject();
    }

    QJsonArray allPoints(const QString &collection)
    {
        return client()
            .post(QStringLiteral("/collections/%1/points/scroll").arg(collection),
                QByteArray(R"({"limit":100,"with_vector":true})"))
            .result()[QStringLiteral("points")]
            .toArray();
    }

    // What recovery must restore: points, vectors, payloads, config and payload indexes.
    void verifyRestored(
        const QString &collection, const QJsonArray &points, const QJsonObject &info)
    {
        QCOMPARE(allPoints(collection), points);
        const auto r = client().get(QStringLiteral("/collections/") + collection);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result()[QStringLiteral("config")].toObject(),
            info[QStringLiteral("config")].toObject());
        QCOMPARE(r.result()[QStringLiteral("payload_schema")].toObject(),
            info[QStringLiteral("payload_schema")].toObject());
        QCOMPARE(r.result()[QStringLiteral("points_count")].toInt(), points.size());
    }

    // Downloads a snapshot into the test's own directory, so recovery reads a file the server
    // never wrote itself.
    QString download(const QString &collection, const QString &name)
    {
        const auto r
            = client().get(QStringLiteral("/collections/%1/snapshots/%2").arg(collection, name));
        if (r.status != 200)
            return {};
        // A directory with a space: the file:// URL then carries %20, which must be decoded.
        QDir().mkpath(m_files.filePath(QStringLiteral("down loads")));
        QString path = m_files.filePath(
            QStringLiteral("down loads/") + collection + QStringLiteral("-") + name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(r.body) != r.body.size())
            return {};
        return path;
    }

    StoreClient::Response recover(const QString &collection, const QString &location)
    {
        return client().put(QStringLiteral("/collections/%1/snapshots/recover").arg(collection),
            QJsonObject {{QStringLiteral("location"), location}});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        m_client = std::make_unique<StoreClient>(m_store.port());
    }

    void createListDownloadDelete()
    {
        createSource(QStringLiteral("snap"));
        const QJsonObject description = createSnapshot(QStringLiteral("snap"));
        const QString name = description[QStringLiteral("name")].toString();
        QVERIFY2(name.startsWith(QStringLiteral("snap-")), qPrintable(name));
        QVERIFY(name.endsWith(QStringLiteral(".snapshot")));
        const qint64 size = description[QStringLiteral("size")].toInteger();
        QVERIFY(size > 0);
        const QString checksum = description[QStringLiteral("checksum")].toString();
        static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
        QVERIFY2(sha256.match(checksum).hasMatch(), qPrintable(checksum));
        QVERIFY(description[QStringLiteral("creation_time")].isString());

        // Listed with the same description.
        auto r = client().get(QStringLiteral("/collections/snap/snapshots"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.result().toArray().contains(description));

        // The download is the file: its size and sha256 are the ones described.
        r = client().get(QStringLiteral("/collections/snap/snapshots/") + name);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.size(), size);
        QCOMPARE(QString::fromLatin1(
                     QCryptographicHash::hash(r.body, QCryptographicHash::Sha256).toHex()),
            checksum);

        // A second snapshot gets a name of its own.
        const QJsonObject second = createSnapshot(QStringLiteral("snap"));
        QVERIFY(second[QStringLiteral("name")].toString() != name);
        QCOMPARE(
            client().get(QStringLiteral("/collections/snap/snapshots")).result().toArray().size(),
            2);

        r = client().del(QStringLiteral("/collections/snap/snapshots/") + name);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result().toBool(), true);
        const QJsonArray left
            = client().get(QStringLiteral("/collections/snap/snapshots")).result().toArray();
        QCOMPARE(left.size(), 1);
        QCOMPARE(
            left[0][QStringLiteral("name")].toString(), second[QStringLiteral("name")].toString());
        r = client().get(QStringLiteral("/collections/snap/snapshots/") + name);
        QCOMPARE(r.status, 404);
        QVERIFY2(r.error().contains(name), qPrintable(r.error()));
        r = client().del(QStringLiteral("/collections/snap/snapshots/") + name);
        QCOMPARE(r.status, 404);
    }

    void snapshotErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("create for missing collection")
            << QByteArray("POST") << QStringLiteral("/collections/ghost/snapshots") << 404;
        QTest::newRow("list for missing collection")
            << QByteArray("GET") << QStringLiteral("/collections/ghost/snapshots") << 404;
        QTest::newRow("download missing snapshot")
            << QByteArray("GET") << QStringLiteral("/collections/snap/snapshots/none.snapshot")
            << 404;
        QTest::newRow("download outside the directory")
            << QByteArray("GET") << QStringLiteral("/collections/snap/snapshots/..%2Fstore.sqlite")
            << 404;
        QTest::newRow("delete missing snapshot")
            << QByteArray("DELETE") << QStringLiteral("/collections/snap/snapshots/none.snapshot")
            << 404;
    }
    void snapshotErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        if (client().get(QStringLiteral("/collections/snap")).status != 200)
            createSource(QStringLiteral("snap"));
        const auto r = client().request(method, path, {}, {});
        QCOMPARE(r.status, status);
        QVERIFY(!r.error().isEmpty());
    }

    void recoverIntoTheSameCollection()
    {
        createSource(QStringLiteral("rewind"));
        const QJsonArray points = allPoints(QStringLiteral("rewind"));
        const QJsonObject info
            = client().get(QStringLiteral("/collections/rewind")).result().toObject();
        const QString file = download(QStringLiteral("rewind"),
            createSnapshot(QStringLiteral("rewind"))[QStringLiteral("name")].toString());
        QVERIFY(!file.isEmpty());

        // Change everything a snapshot holds.
        QCOMPARE(client()
                     .post(QStringLiteral("/collections/rewind/points/delete?wait=true"),
                         QByteArray(R"({"points":[1]})"))
                     .status,
            200);
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/rewind/points?wait=true"),
                         QByteArray(R"({"points":[{"id":99,"vector":{"image":[0,0,0,1]}}]})"))
                     .status,
            200);
        QCOMPARE(client()
                     .post(QStringLiteral("/collections/rewind/points/payload?wait=true"),
                         QByteArray(R"({"points":[2],"payload":{"city":"Rome"}})"))
                     .status,
            200);
        QCOMPARE(client().del(QStringLiteral("/collections/rewind/index/city")).status, 200);
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/rewind/index"),
                         QByteArray(R"({"field_name":"extra","field_schema":"float"})"))
                     .status,
            200);
        QCOMPARE(client()
                     .patch(QStringLiteral("/collections/rewind"),
                         QByteArray(R"({"optimizers_config":{"indexing_threshold":1}})"))
                     .status,
            200);

        const auto r = recover(QStringLiteral("rewind"), fileUrl(file));
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result().toBool(), true);
        verifyRestored(QStringLiteral("rewind"), points, info);
        // The recovered collection takes writes.
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/rewind/points?wait=true"),
                         QByteArray(R"({"points":[{"id":5,"vector":{"text":[0,1]}}]})"))
                     .status,
            200);
        QCOMPARE(client()
                     .get(QStringLiteral("/collections/rewind"))
                     .result()[QStringLiteral("points_count")]
                     .toInt(),
            4);
    }

    void recoverIntoANewCollection()
    {
        createSource(QStringLiteral("original"));
        const QJsonArray points = allPoints(QStringLiteral("original"));
        const QJsonObject info
            = client().get(QStringLiteral("/collections/original")).result().toObject();
        const QString name
            = createSnapshot(QStringLiteral("original"))[QStringLiteral("name")].toString();
        // Straight from the server's own snapshot directory, too.
        const QString file
            = QDir(m_store.dataDir()).filePath(QStringLiteral("snapshots/original/") + name);
        QVERIFY2(QFile::exists(file), qPrintable(file));

        client().del(QStringLiteral("/collections/copy"));
        const auto r = recover(QStringLiteral("copy"), fileUrl(file));
        QVERIFY2(r.status == 200, r.body.constData());
        verifyRestored(QStringLiteral("copy"), points, info);

        // Two independent collections from here on.
        QCOMPARE(client()
                     .post(QStringLiteral("/collections/copy/points/delete?wait=true"),
                         QByteArray(R"({"points":[1,2]})"))
                     .status,
            200);
        QCOMPARE(allPoints(QStringLiteral("original")), points);
        const QJsonArray names = client()
                                     .get(QStringLiteral("/collections"))
                                     .result()[QStringLiteral("collections")]
                                     .toArray();
        QVERIFY(names.contains(QJsonObject {{QStringLiteral("name"), QStringLiteral("copy")}}));
    }

    void recoverErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("http location")
            << QByteArray("{\"location\":\"http://example.com/x.snapshot\"}") << 400
            << QStringLiteral("file://");
        QTest::newRow("missing file")
            << QByteArray("{\"location\":\"file:///nonexistent/dir/x.snapshot\"}") << 400
            << QStringLiteral("Snapshot file \"/nonexistent/dir/x.snapshot\" does not exist");
        QTest::newRow("no location") << QByteArray(R"({})") << 400 << QStringLiteral("location");
        QTest::newRow("location a number")
            << QByteArray(R"({"location":5})") << 400 << QStringLiteral("location");
        QTest::newRow("checksum a number")
            << QByteArray("{\"location\":\"file:///x.snapshot\",\"checksum\":5}") << 400
            << QStringLiteral("checksum");
        QTest::newRow("malformed JSON")
            << QByteArray("{\"location\":") << 400 << QStringLiteral("JSON");
    }
    void recoverErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        if (client().get(QStringLiteral("/collections/snap")).status != 200)
            createSource(QStringLiteral("snap"));
        const QJsonArray before = allPoints(QStringLiteral("snap"));
        const auto r = client().put(QStringLiteral("/collections/snap/snapshots/recover"), body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
        QCOMPARE(allPoints(QStringLiteral("snap")), before);
    }

    // As in Qdrant: a checksum, when given, must match the snapshot (case aside).
    void checksumIsVerified()
    {
        createSource(QStringLiteral("summed"));
        const QJsonObject description = createSnapshot(QStringLiteral("summed"));
        const QString name = description[QStringLiteral("name")].toString();
        const QString checksum = description[QStringLiteral("checksum")].toString();
        const QString file = download(QStringLiteral("summed"), name);
        QVERIFY(!file.isEmpty());
        const QJsonArray points = allPoints(QStringLiteral("summed"));
        const QJsonObject info
            = client().get(QStringLiteral("/collections/summed")).result().toObject();
        const QString url = fileUrl(file);
        QVERIFY2(url.contains(QStringLiteral("%20")), qPrintable(url));
        const QString wrong = QString(64, QLatin1Char('0'));

        auto r = client().put(QStringLiteral("/collections/summed_copy/snapshots/recover"),
            QJsonObject {{QStringLiteral("location"), url}, {QStringLiteral("checksum"), wrong}});
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(QStringLiteral("Snapshot checksum mismatch: expected ") + wrong
                     + QStringLiteral(", got ") + checksum),
            qPrintable(r.error()));
        QCOMPARE(client().get(QStringLiteral("/collections/summed_copy")).status, 404);

        const QByteArray bytes
            = client().get(QStringLiteral("/collections/summed/snapshots/") + name).body;
        r = client().postFile(
            QStringLiteral("/collections/summed/snapshots/upload?checksum=") + wrong, "snapshot",
            "x.snapshot", bytes);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(QStringLiteral("checksum mismatch")), qPrintable(r.error()));

        r = client().put(QStringLiteral("/collections/summed_copy/snapshots/recover"),
            QJsonObject {{QStringLiteral("location"), url},
                {QStringLiteral("checksum"), checksum.toUpper()}});
        QVERIFY2(r.status == 200, r.body.constData());
        verifyRestored(QStringLiteral("summed_copy"), points, info);
        r = client().postFile(
            QStringLiteral("/collections/summed_copy/snapshots/upload?checksum=") + checksum,
            "snapshot", "x.snapshot", bytes);
        QVERIFY2(r.status == 200, r.body.constData());
    }

    // Qdrant refuses a snapshot whose vectors differ from the existing collection's, and an
    // alias recovers the collection behind it.
    void recoverChecksTheTarget()
    {
        createSource(QStringLiteral("target_src"));
        const QJsonArray points = allPoints(QStringLiteral("target_src"));
        const QString url = fileUrl(download(QStringLiteral("target_src"),
            createSnapshot(QStringLiteral("target_src"))[QStringLiteral("name")].toString()));

        client().del(QStringLiteral("/collections/other_shape"));
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/other_shape"),
                         QByteArray(R"({"vectors":{"size":3,"distance":"Euclid"}})"))
                     .status,
            200);
        QCOMPARE(client()
                     .put(QStringLiteral("/collections/other_shape/points?wait=true"),
                         QByteArray(R"({"points":[{"id":7,"vector":[1,2,3]}]})"))
                     .status,
            200);
        auto r = recover(QStringLiteral("other_shape"), url);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(
                     QStringLiteral("Snapshot is not compatible with existing collection")),
            qPrintable(r.error()));
        QCOMPARE(idsOf(allPoints(QStringLiteral("other_shape"))), QJsonArray({7}));

        // Through an alias: the aliased collection is recovered, no collection takes its name.
        client().del(QStringLiteral("/collections/target"));
        createSource(QStringLiteral("target"));
        QCOMPARE(client()
                     .post(QStringLiteral("/collections/target/points/delete?wait=true"),
                         QByteArray(R"({"points":[1,2]})"))
                     .status,
            200);
        QCOMPARE(client()
                     .post(QStringLiteral("/collections/aliases"),
                         QByteArray(R"({"actions":[{"create_alias":{"collection_name":"target",
                                        "alias_name":"target_alias"}}]})"))
                     .status,
            200);
        r = recover(QStringLiteral("target_alias"), url);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(allPoints(QStringLiteral("target")), points);
        const QJsonArray names = client()
                                     .get(QStringLiteral("/collections"))
                                     .result()[QStringLiteral("collections")]
                                     .toArray();
        QVERIFY(!names.contains(
            QJsonObject {{QStringLiteral("name"), QStringLiteral("target_alias")}}));
    }

    void uploadRecoversIntoNewAndExisting()
    {
        createSource(QStringLiteral("uploaded_src"));
        const QJsonArray points = allPoints(QStringLiteral("uploaded_src"));
        const QJsonObject info
            = client().get(QStringLiteral("/collections/uploaded_src")).result().toObject();
        const QString name
            = createSnapshot(QStringLiteral("uploaded_src"))[QStringLiteral("name")].toString();
        const QByteArray bytes
            = client().get(QStringLiteral("/collections/uploaded_src/snapshots/") + name).body;
        QVERIFY(!bytes.isEmpty());

        client().del(QStringLiteral("/collections/uploaded"));
        auto r = client().postFile(QStringLiteral("/collections/uploaded/snapshots/upload"),
            "snapshot", name.toUtf8(), bytes);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result().toBool(), true);
        verifyRestored(QStringLiteral("uploaded"), points, info);

        // Uploading over an existing collection replaces its content.
        QCOMPARE(client()
                     .post(QStringLiteral("/collections/uploaded/points/payload/clear?wait=true"),
                         QByteArray(R"({"filter":{}})"))
                     .status,
            200);
        r = client().postFile(
            QStringLiteral("/collections/uploaded/snapshots/upload?priority=snapshot"), "snapshot",
            "upload.snapshot", bytes);
        QVERIFY2(r.status == 200, r.body.constData());
        verifyRestored(QStringLiteral("uploaded"), points, info);
    }

    void garbageUploadIsRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("this is not a snapshot\n");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("tar-like header") << QByteArray(1024, '\0');
        QTest::newRow("sqlite header, then garbage")
            << QByteArray("SQLite format 3\0", 16) + QByteArray(4080, 'x');
    }
    void garbageUploadIsRefused()
    {
        QFETCH(QByteArray, content);
        if (client().get(QStringLiteral("/collections/victim")).status != 200)
            createSource(QStringLiteral("victim"));
        const QJsonArray points = allPoints(QStringLiteral("victim"));
        const QJsonObject info
            = client().get(QStringLiteral("/collections/victim")).result().toObject();

        const auto r = client().postFile(QStringLiteral("/collections/victim/snapshots/upload"),
            "snapshot", "garbage.snapshot", content);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(QStringLiteral("not a memory-store snapshot")),
            qPrintable(r.error()));
        verifyRestored(QStringLiteral("victim"), points, info);

        // Nor does it create a collection that did not exist.
        const auto fresh
            = client().postFile(QStringLiteral("/collections/never_made/snapshots/upload"),
                "snapshot", "garbage.snapshot", content);
        QCOMPARE(fresh.status, 400);
        QCOMPARE(client().get(QStringLiteral("/collections/never_made")).status, 404);
    }

    void uploadWithoutFileIsRefused()
    {
        if (client().get(QStringLiteral("/collections/victim")).status != 200)
            createSource(QStringLiteral("victim"));
        const auto r = client().postFile(QStringLiteral("/collections/victim/snapshots/upload"),
            "file", "x.snapshot", "whatever");
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error().contains(QStringLiteral("snapshot")), qPrintable(r.error()));
    }

    // Recovered content is stored, not only held in memory: it survives a restart.
    void recoveredCollectionSurvivesRestart()
    {
        createSource(QStringLiteral("lasting_src"));
        const QJsonArray points = allPoints(QStringLiteral("lasting_src"));
        const QJsonObject info
            = client().get(QStringLiteral("/collections/lasting_src")).result().toObject();
        const QString file = download(QStringLiteral("lasting_src"),
            createSnapshot(QStringLiteral("lasting_src"))[QStringLiteral("name")].toString());
        QVERIFY(!file.isEmpty());
        QCOMPARE(recover(QStringLiteral("lasting"), fileUrl(file)).status, 200);

        m_client.reset();
        m_store.stop();
        QVERIFY2(m_store.start(), qPrintable(m_store.error()));
        m_client = std::make_unique<StoreClient>(m_store.port());
        verifyRestored(QStringLiteral("lasting"), points, info);
        verifyRestored(QStringLiteral("lasting_src"), points, info);
    }

private:
    QTemporaryDir m_files;
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};

QTEST_GUILESS_MAIN(TestStoreSnapshots)
#include "tst_store_snapshots.moc"
