// QdrantClient against a real memory-store on loopback, administration and writes: server
// version, collections, aliases, payload indexes, snapshots (download with progress, cancel and
// failure), upserts (byte cap, progress, repeated ids) read back through the client itself.
// Reads, payload operations and queries: tst_qdrantclient_points.

#include "memorystoreprocess.h"
#include "pointsbodywriter.h"
#include "qdranttestutil.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString Dot = QStringLiteral("Dot");

} // namespace

class TestQdrantClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void serverVersionIsAskedOnce();
    void collectionLifecycle();
    void aliases();
    void payloadIndexes();
    void snapshots();
    void snapshotDownloadFailureLeavesTargetAlone();
    void snapshotDownloadPartial_data();
    void snapshotDownloadPartial();
    void upsertAndReadBack();
    void upsertSplitsByBytes();
    void upsertDuplicateIdsLastWins();
    void uuidIdsRoundTrip();

private:
    bool createCollection(const QString &name, const QJsonObject &config);
    bool upsert(const QString &collection, const QList<PointStruct> &points);

    MemoryStoreProcess m_store;
    QdrantClient m_client;
    QList<RequestLogEntry> m_log;
};

bool TestQdrantClient::createCollection(const QString &name, const QJsonObject &config)
{
    const auto r = await<bool>(
        [&](auto done) { return m_client.createCollection(name, config, this, done); });
    if (!r.ok())
        qWarning("create %s: %s", qPrintable(name), errorOf(r).constData());
    return r.ok() && r.value();
}

bool TestQdrantClient::upsert(const QString &collection, const QList<PointStruct> &points)
{
    const auto r = await<UpsertSummary>(
        [&](auto done) { return m_client.upsertPoints(collection, points, this, {}, done); });
    if (!r.ok())
        qWarning("upsert into %s: %s", qPrintable(collection), errorOf(r).constData());
    return r.ok() && r.value().points == points.size();
}

void TestQdrantClient::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_client.setEndpoint(QUrl(m_store.baseUrl()));
    m_client.transport()->setRequestLogger([this](const RequestLogEntry &e) { m_log.append(e); });
    QVERIFY(createCollection(QStringLiteral("memories"), vectorsConfig(4, Dot)));
    QVERIFY(upsert(QStringLiteral("memories"), testPoints(30, 4)));
    const auto index = await<UpdateResult>([&](auto done) {
        return m_client.createPayloadIndex(QStringLiteral("memories"), QStringLiteral("outcome"),
            QStringLiteral("keyword"), this, done);
    });
    QVERIFY2(index.ok(), errorOf(index));
}

void TestQdrantClient::cleanupTestCase()
{
    m_store.stop();
}

void TestQdrantClient::serverVersionIsAskedOnce()
{
    QdrantClient client;
    client.setEndpoint(QUrl(m_store.baseUrl()));
    int probes = 0;
    client.transport()->setRequestLogger([&probes](const RequestLogEntry &e) {
        probes += e.operation == QLatin1String("version") ? 1 : 0;
    });
    QVERIFY(!client.knownServerVersion());
    // Two queries before the version is known: both wait for one GET /.
    auto first = std::make_shared<std::optional<Result<QList<ScoredPoint>>>>();
    auto second = std::make_shared<std::optional<Result<QList<ScoredPoint>>>>();
    const QueryRequest request = QueryRequest::nearestTo(testVector(4, 1), 3);
    client.query(QStringLiteral("memories"), request, this, [first](const auto &r) { *first = r; });
    client.query(
        QStringLiteral("memories"), request, this, [second](const auto &r) { *second = r; });
    QTRY_VERIFY(first->has_value() && second->has_value());
    QVERIFY2(first->value().ok(), errorOf(first->value()));
    QCOMPARE(second->value().value().size(), 3);
    QCOMPARE(probes, 1);
    const auto version
        = await<ServerVersion>([&](auto done) { return client.serverVersion(this, done); });
    QVERIFY(version.ok());
    QCOMPARE(version.value().version, QStringLiteral("1.19.0"));
    QVERIFY(version.value().hasQueryApi());
    QCOMPARE(probes, 1); // answered from the cache
}

void TestQdrantClient::collectionLifecycle()
{
    const QString name = QStringLiteral("life cycle"); // a space: the path must be encoded
    QVERIFY(createCollection(name, vectorsConfig(8, QStringLiteral("Cosine"))));
    const auto exists
        = await<bool>([&](auto done) { return m_client.collectionExists(name, this, done); });
    QVERIFY(exists.ok() && exists.value());
    const auto names
        = await<QStringList>([&](auto done) { return m_client.listCollections(this, done); });
    QVERIFY2(names.ok(), errorOf(names));
    QVERIFY(names.value().contains(name));
    auto info = await<CollectionInfo>(
        [&](auto done) { return m_client.collectionInfo(name, this, done); });
    QVERIFY2(info.ok(), errorOf(info));
    QCOMPARE(info.value().status, QStringLiteral("green"));
    QCOMPARE(info.value().pointsCount, 0);
    QCOMPARE(info.value().vectors.value(QString()).size, 8);
    QCOMPARE(info.value().vectors.value(QString()).distance, QStringLiteral("Cosine"));
    const QJsonObject diff {{QStringLiteral("optimizers_config"),
        QJsonObject {{QStringLiteral("indexing_threshold"), 12345}}}};
    const auto updated
        = await<bool>([&](auto done) { return m_client.updateCollection(name, diff, this, done); });
    QVERIFY2(updated.ok() && updated.value(), errorOf(updated));
    info = await<CollectionInfo>(
        [&](auto done) { return m_client.collectionInfo(name, this, done); });
    QCOMPARE(info.value()
                 .config.value(QStringLiteral("optimizer_config"))
                 .toObject()
                 .value(QStringLiteral("indexing_threshold"))
                 .toInt(),
        12345);
    const auto deleted
        = await<bool>([&](auto done) { return m_client.deleteCollection(name, this, done); });
    QVERIFY(deleted.ok() && deleted.value());
    const auto gone
        = await<bool>([&](auto done) { return m_client.collectionExists(name, this, done); });
    QVERIFY(gone.ok() && !gone.value());
}

void TestQdrantClient::aliases()
{
    const QString collection = QStringLiteral("memories");
    auto update = [&](const QList<AliasOperation> &ops) {
        return await<bool>([&](auto done) { return m_client.updateAliases(ops, this, done); });
    };
    QVERIFY(update({AliasOperation::create(QStringLiteral("current"), collection)}).ok());
    auto all = await<QList<AliasInfo>>([&](auto done) { return m_client.listAliases(this, done); });
    QVERIFY2(all.ok(), errorOf(all));
    QVERIFY(all.value().contains(AliasInfo {QStringLiteral("current"), collection}));
    QVERIFY(
        update({AliasOperation::rename(QStringLiteral("current"), QStringLiteral("live"))}).ok());
    auto mine = await<QList<AliasInfo>>(
        [&](auto done) { return m_client.listCollectionAliases(collection, this, done); });
    QCOMPARE(mine.value(), (QList<AliasInfo> {{QStringLiteral("live"), collection}}));
    // An alias works wherever a collection name does.
    const auto count = await<qint64>(
        [&](auto done) { return m_client.count(QStringLiteral("live"), {}, this, done); });
    QCOMPARE(count.value(), 30);
    QVERIFY(update({AliasOperation::remove(QStringLiteral("live"))}).ok());
    mine = await<QList<AliasInfo>>(
        [&](auto done) { return m_client.listCollectionAliases(collection, this, done); });
    QVERIFY(mine.value().isEmpty());
}

void TestQdrantClient::payloadIndexes()
{
    const QJsonObject tenant {
        {QStringLiteral("type"), QStringLiteral("keyword")}, {QStringLiteral("is_tenant"), true}};
    const auto created = await<UpdateResult>([&](auto done) {
        return m_client.createPayloadIndex(
            QStringLiteral("memories"), QStringLiteral("customer_id"), tenant, this, done);
    });
    QVERIFY2(created.ok(), errorOf(created));
    QCOMPARE(created.value().status, QStringLiteral("completed"));
    auto info = await<CollectionInfo>(
        [&](auto done) { return m_client.collectionInfo(QStringLiteral("memories"), this, done); });
    const QJsonObject field
        = info.value().payloadSchema.value(QStringLiteral("customer_id")).toObject();
    QCOMPARE(field.value(QStringLiteral("data_type")).toString(), QStringLiteral("keyword"));
    QCOMPARE(field.value(QStringLiteral("points")).toInt(), 30);
    const auto deleted = await<UpdateResult>([&](auto done) {
        return m_client.deletePayloadIndex(
            QStringLiteral("memories"), QStringLiteral("customer_id"), this, done);
    });
    QVERIFY2(deleted.ok(), errorOf(deleted));
    info = await<CollectionInfo>(
        [&](auto done) { return m_client.collectionInfo(QStringLiteral("memories"), this, done); });
    QVERIFY(!info.value().payloadSchema.contains(QStringLiteral("customer_id")));
}

void TestQdrantClient::snapshots()
{
    const QString collection = QStringLiteral("memories");
    const auto created = await<SnapshotInfo>(
        [&](auto done) { return m_client.createSnapshot(collection, this, done); });
    QVERIFY2(created.ok(), errorOf(created));
    QVERIFY(created.value().size > 0);
    QVERIFY(created.value().creationTime.isValid());
    const auto listed = await<QList<SnapshotInfo>>(
        [&](auto done) { return m_client.listSnapshots(collection, this, done); });
    QVERIFY2(listed.ok(), errorOf(listed));
    QCOMPARE(listed.value().size(), 1);
    QCOMPARE(listed.value().first().name, created.value().name);

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("copy.snapshot"));
    QList<QPair<qint64, qint64>> progress;
    const auto downloaded = await<qint64>([&](auto done) {
        return m_client.downloadSnapshot(
            collection, created.value().name, file, this,
            [&progress](qint64 received, qint64 total) {
                progress.append({received, total});
            },
            done);
    });
    QVERIFY2(downloaded.ok(), errorOf(downloaded));
    QCOMPARE(downloaded.value(), created.value().size);
    QCOMPARE(QFileInfo(file).size(), created.value().size);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().first, created.value().size);
    QCOMPARE(
        QDir(dir.path()).entryList(QDir::Files), QStringList {QStringLiteral("copy.snapshot")});

    // Recover into a new collection from the downloaded copy, checksum verified.
    const auto recovered = await<bool>([&](auto done) {
        return m_client.recoverSnapshot(QStringLiteral("restored"), QUrl::fromLocalFile(file),
            created.value().checksum, this, done);
    });
    QVERIFY2(recovered.ok() && recovered.value(), errorOf(recovered));
    const auto count = await<qint64>(
        [&](auto done) { return m_client.count(QStringLiteral("restored"), {}, this, done); });
    QCOMPARE(count.value(), 30);
    const auto deleted = await<bool>([&](auto done) {
        return m_client.deleteSnapshot(collection, created.value().name, this, done);
    });
    QVERIFY2(deleted.ok() && deleted.value(), errorOf(deleted));
}

void TestQdrantClient::snapshotDownloadFailureLeavesTargetAlone()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("existing.snapshot"));
    QFile existing(file);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("old content");
    existing.close();
    const auto result = await<qint64>([&](auto done) {
        return m_client.downloadSnapshot(
            QStringLiteral("memories"), QStringLiteral("no-such.snapshot"), file, this, {}, done);
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::Http);
    QCOMPARE(result.error().httpStatus, 404);
    QVERIFY(!result.error().serverMessage.isEmpty());
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("old content"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary left
}

void TestQdrantClient::snapshotDownloadPartial_data()
{
    QTest::addColumn<bool>("cancel");
    QTest::newRow("cancelled mid-way") << true;
    QTest::newRow("connection lost mid-way") << false;
}

void TestQdrantClient::snapshotDownloadPartial()
{
    // A server that promises 8 MiB, sends 256 KiB, then stalls (or hangs up): the download is
    // certainly half-way when the first progress report arrives, whatever the machine's speed.
    QFETCH(bool, cancel);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> sockets;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = server.nextPendingConnection();
        sockets.append(socket);
        connect(socket, &QTcpSocket::readyRead, socket, [socket, cancel] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                          "Content-Length: 8388608\r\n\r\n");
            socket->write(QByteArray(256 * 1024, 'x'));
            if (!cancel)
                socket->disconnectFromHost();
        });
    });
    QdrantClient client;
    client.setEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("partial.snapshot"));
    QdrantCallHandle handle;
    int progressCalls = 0;
    const auto result = await<qint64>([&](auto done) {
        handle = client.downloadSnapshot(
            QStringLiteral("memories"), QStringLiteral("s.snapshot"), file, this,
            [&](qint64 received, qint64 total) {
                QVERIFY(received < total);
                if (++progressCalls == 1 && cancel)
                    handle.cancel();
            },
            done);
        return handle;
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, cancel ? NetError::Kind::Cancelled : NetError::Kind::Network);
    if (cancel)
        QCOMPARE(progressCalls, 1);
    QVERIFY(!handle.isRunning());
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    qDeleteAll(sockets);
}

void TestQdrantClient::upsertAndReadBack()
{
    const QList<PointStruct> points = testPoints(30, 4);
    const auto records = await<QList<PointRecord>>([&](auto done) {
        return m_client.retrievePoints(QStringLiteral("memories"),
            {PointId(3), PointId(1), PointId(999)}, PayloadSelector::all(),
            VectorSelector::everything(), this, done);
    });
    QVERIFY2(records.ok(), errorOf(records));
    QCOMPARE(records.value().size(), 2); // 999 does not exist
    for (const PointRecord &record : records.value()) {
        const PointStruct &original = points.at(int(record.id.number()) - 1);
        QCOMPARE(record.payload, original.payload);
        // Dot distance stores vectors as sent: float32 survives the text round trip exactly.
        QCOMPARE(record.vectors, original.vectors);
    }
    const auto some = await<QList<PointRecord>>([&](auto done) {
        return m_client.retrievePoints(QStringLiteral("memories"), {PointId(2)},
            PayloadSelector::include({QStringLiteral("outcome")}), VectorSelector::none(), this,
            done);
    });
    QCOMPARE(some.value().first().payload,
        (QJsonObject {{QStringLiteral("outcome"), QStringLiteral("failed")}}));
    QVERIFY(some.value().first().vectors.isEmpty());
}

void TestQdrantClient::upsertSplitsByBytes()
{
    const QString collection = QStringLiteral("wide");
    QVERIFY(createCollection(collection, vectorsConfig(1536, Dot)));
    const QList<PointStruct> points = testPoints(700, 1536);
    m_log.clear();
    QList<qint64> progress;
    const auto summary = await<UpsertSummary>([&](auto done) {
        return m_client.upsertPoints(
            collection, points, this,
            [&progress](qint64 done, qint64 total) {
                QCOMPARE(total, 700);
                progress.append(done);
            },
            done);
    });
    QVERIFY2(summary.ok(), errorOf(summary));
    QCOMPARE(summary.value().points, 700);
    QVERIFY2(summary.value().requests >= 3, "700 × 1536 floats is over 12 MB: several batches");
    int upserts = 0;
    for (const RequestLogEntry &entry : std::as_const(m_log)) {
        if (entry.operation != QLatin1String("upsert"))
            continue;
        ++upserts;
        QVERIFY(entry.requestBytes <= pointsbody::kMaxUpsertBytes);
        QCOMPARE(entry.status, 200);
    }
    QCOMPARE(upserts, summary.value().requests);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), 700);
    const auto count
        = await<qint64>([&](auto done) { return m_client.count(collection, {}, this, done); });
    QCOMPARE(count.value(), 700);
}

void TestQdrantClient::upsertDuplicateIdsLastWins()
{
    // Big enough for several batches, so that in-flight order would matter.
    const QString collection = QStringLiteral("wide");
    QList<PointStruct> points = testPoints(500, 1536, 5000);
    PointStruct last = points.first();
    last.payload = QJsonObject {{QStringLiteral("version"), QStringLiteral("last")}};
    points.append(last);
    QVERIFY(upsert(collection, points)); // 501 entries, 500 distinct points
    const auto records = await<QList<PointRecord>>([&](auto done) {
        return m_client.retrievePoints(
            collection, {last.id}, PayloadSelector::all(), VectorSelector::none(), this, done);
    });
    QCOMPARE(records.value().first().payload, last.payload);
}

void TestQdrantClient::uuidIdsRoundTrip()
{
    PointStruct point;
    point.id = PointId::fromString(u"{550E8400-E29B-41D4-A716-446655440000}");
    QVERIFY(point.id.isUuid());
    point.vectors.insert(QString(), testVector(4, 99));
    QVERIFY(upsert(QStringLiteral("memories"), {point}));
    const auto records = await<QList<PointRecord>>([&](auto done) {
        return m_client.retrievePoints(QStringLiteral("memories"), {point.id},
            PayloadSelector::none(), VectorSelector::none(), this, done);
    });
    QCOMPARE(records.value().size(), 1);
    QCOMPARE(records.value().first().id, point.id);
    QCOMPARE(records.value().first().id.toString(),
        QStringLiteral("550e8400-e29b-41d4-a716-446655440000"));
    const auto removed = await<UpdateResult>([&](auto done) {
        return m_client.deletePoints(
            QStringLiteral("memories"), PointSelection::byIds({point.id}), this, done);
    });
    QVERIFY2(removed.ok(), errorOf(removed));
}

QTEST_GUILESS_MAIN(TestQdrantClient)
#include "tst_qdrantclient.moc"
