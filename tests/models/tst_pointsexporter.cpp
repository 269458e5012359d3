// PointsExporter against a real memory-store: only the scoped tenant's points are written
// (whatever the filter says), the filter narrows them, CSV follows RFC 4180, vectors only when
// asked, and a cancelled or failed export leaves no file (an older file stays as it was).

#include "consolesession.h"
#include "memorystoreprocess.h"
#include "pointsexporter.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCollection = QStringLiteral("customer_context");
constexpr int kDim = 8;

QList<QJsonObject> jsonLines(const QString &path)
{
    QList<QJsonObject> lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

// A small RFC 4180 reader, so the test does not trust the writer's own idea of quoting.
QList<QStringList> csvRows(const QByteArray &bytes)
{
    QList<QStringList> rows;
    QStringList row;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (quoted) {
            if (c == '"' && i + 1 < bytes.size() && bytes.at(i + 1) == '"') {
                field.append('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.append(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.append(QString::fromUtf8(field));
            field.clear();
        } else if (c == '\r' && i + 1 < bytes.size() && bytes.at(i + 1) == '\n') {
            row.append(QString::fromUtf8(field));
            field.clear();
            rows.append(row);
            row.clear();
            ++i;
        } else {
            field.append(c);
        }
    }
    return rows;
}

} // namespace

class TestPointsExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void csvField_data();
    void csvField();
    void onlyTheTenantsPointsAreWritten();
    void filterNarrowsTheExport();
    void csvHasHeaderQuotingAndNestedJson();
    void vectorsOnlyWhenAsked();
    void cancelLeavesNoFile();
    void serverDownIsAClearErrorAndNoFile();

private:
    Result<qint64> runExport(const ScopedPoints &points, const QString &path,
                             PointsExporter::Options options, const QJsonObject &filter = {});
    ScopedPoints tenantPoints(const QString &tenant);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    ConnectionProfile m_profile;
    QTemporaryDir m_dir;
};

void TestPointsExporter::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kCollection,
                        vectorsConfig(kDim, QStringLiteral("Cosine")))
                 .status,
             200);
    // 30 points of acme (ids 1..30), 20 of globex (31..50); acme's notes have hard text.
    QJsonArray points;
    for (int id = 1; id <= 50; ++id) {
        QJsonArray vector;
        for (int i = 0; i < kDim; ++i)
            vector.append(i == id % kDim ? 1.0 : 0.25);
        const bool acme = id <= 30;
        QJsonObject payload{
            {QStringLiteral("customer_id"), acme ? QStringLiteral("acme")
                                                 : QStringLiteral("globex")},
            {QStringLiteral("context_type"), id % 3 == 0 ? QStringLiteral("constraint")
                                                         : QStringLiteral("preference")},
            {QStringLiteral("content"),
             QStringLiteral("Note %1, says \"hello\"\nsecond line").arg(id)},
            {QStringLiteral("n"), id},
        };
        if (id == 2)
            payload.insert(QStringLiteral("meta"),
                           QJsonObject{{QStringLiteral("a"), 1},
                                       {QStringLiteral("b"), QJsonArray{1, 2}}});
        points.append(QJsonObject{{QStringLiteral("id"), id},
                                  {QStringLiteral("vector"), vector},
                                  {QStringLiteral("payload"), payload}});
    }
    QCOMPARE(m_raw->put(QStringLiteral("/collections/%1/points?wait=true").arg(kCollection),
                        QJsonObject{{QStringLiteral("points"), points}})
                 .status,
             200);
    m_session = std::make_unique<ConsoleSession>();
    m_profile = ConnectionProfile::create(QStringLiteral("export"), QUrl(m_store.baseUrl()));
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(m_profile, QString());
    QVERIFY(opened.wait(10000));
}

ScopedPoints TestPointsExporter::tenantPoints(const QString &tenant)
{
    m_session->setScope(TenantScope::forProfile(m_profile, tenant).value());
    return m_session->points();
}

Result<qint64> TestPointsExporter::runExport(const ScopedPoints &points, const QString &path,
                                             PointsExporter::Options options,
                                             const QJsonObject &filter)
{
    PointsExporter exporter;
    std::optional<Result<qint64>> result;
    connect(&exporter, &PointsExporter::finished, this,
            [&result](const Result<qint64> &r) { result = r; });
    options.pageSize = 7; // several pages
    exporter.start(points, kCollection, filter, path, options);
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000)) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = QStringLiteral("test: no answer");
        return error;
    }
    return *result;
}

void TestPointsExporter::csvField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("field");
    QTest::newRow("plain") << QStringLiteral("abc") << QByteArray("abc");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("comma") << QStringLiteral("a,b") << QByteArray("\"a,b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QByteArray("\"a\nb\"");
    QTest::newRow("cr") << QStringLiteral("a\rb") << QByteArray("\"a\rb\"");
    QTest::newRow("unicode") << QStringLiteral("10%\u219225%") << QByteArray("10%\xe2\x86\x92" "25%");
}

void TestPointsExporter::csvField()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, field);
    QCOMPARE(PointsExporter::csvField(text), field);
}

void TestPointsExporter::onlyTheTenantsPointsAreWritten()
{
    const QString path = m_dir.filePath(QStringLiteral("acme.jsonl"));
    // A filter that names the other tenant can only narrow acme's points, never add globex's.
    const QJsonObject sneaky{{QStringLiteral("should"),
                              QJsonArray{QJsonObject{{QStringLiteral("key"),
                                                      QStringLiteral("customer_id")},
                                                     {QStringLiteral("match"),
                                                      QJsonObject{{QStringLiteral("value"),
                                                                   QStringLiteral("globex")}}}},
                                         QJsonObject{{QStringLiteral("key"),
                                                      QStringLiteral("n")},
                                                     {QStringLiteral("range"),
                                                      QJsonObject{{QStringLiteral("gte"), 0}}}}}}};
    for (const QJsonObject &filter : {QJsonObject(), sneaky}) {
        const Result<qint64> written = runExport(tenantPoints(QStringLiteral("acme")), path,
                                                 {}, filter);
        QVERIFY2(written.ok(), errorOf(written).constData());
        QCOMPARE(written.value(), 30);
        const QList<QJsonObject> lines = jsonLines(path);
        QCOMPARE(lines.size(), 30);
        QSet<qint64> ids;
        for (const QJsonObject &line : lines) {
            QCOMPARE(line.value(QStringLiteral("payload")).toObject()
                         .value(QStringLiteral("customer_id")).toString(),
                     QStringLiteral("acme"));
            ids.insert(line.value(QStringLiteral("id")).toInteger());
        }
        QCOMPARE(ids.size(), 30);
    }
}

void TestPointsExporter::filterNarrowsTheExport()
{
    const QString path = m_dir.filePath(QStringLiteral("constraints.jsonl"));
    const Result<qint64> written
        = runExport(tenantPoints(QStringLiteral("globex")), path, {},
                    matchFilter(QStringLiteral("context_type"), QStringLiteral("constraint")));
    QVERIFY2(written.ok(), errorOf(written).constData());
    // globex holds 31..50; multiples of 3 among them: 33, 36, ..., 48.
    QCOMPARE(written.value(), 6);
    for (const QJsonObject &line : jsonLines(path)) {
        QCOMPARE(line.value(QStringLiteral("payload")).toObject()
                     .value(QStringLiteral("context_type")).toString(),
                 QStringLiteral("constraint"));
        QVERIFY(!line.contains(QStringLiteral("vector")));
    }
}

void TestPointsExporter::csvHasHeaderQuotingAndNestedJson()
{
    const QString path = m_dir.filePath(QStringLiteral("acme.csv"));
    PointsExporter::Options options;
    options.format = PointsExporter::Format::Csv;
    const Result<qint64> written = runExport(tenantPoints(QStringLiteral("acme")), path, options);
    QVERIFY2(written.ok(), errorOf(written).constData());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = csvRows(file.readAll());
    QCOMPARE(rows.size(), 31);
    const QStringList &header = rows.constFirst();
    QCOMPARE(header.constFirst(), QStringLiteral("id"));
    for (const char *key : {"customer_id", "context_type", "content", "n", "meta"})
        QVERIFY2(header.contains(QString::fromLatin1(key)), key);
    QVERIFY(!header.contains(QStringLiteral("vector")));
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), header.size());
    const int content = int(header.indexOf(QStringLiteral("content")));
    const int meta = int(header.indexOf(QStringLiteral("meta")));
    const int n = int(header.indexOf(QStringLiteral("n")));
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList &row = rows.at(r);
        const int id = row.at(0).toInt();
        QCOMPARE(row.at(content), QStringLiteral("Note %1, says \"hello\"\nsecond line").arg(id));
        QCOMPARE(row.at(n), QString::number(id));
        if (id == 2) {
            QCOMPARE(QJsonDocument::fromJson(row.at(meta).toUtf8()).object(),
                     (QJsonObject{{QStringLiteral("a"), 1},
                                  {QStringLiteral("b"), QJsonArray{1, 2}}}));
        } else {
            QCOMPARE(row.at(meta), QString()); // missing stays empty
        }
    }
    // No spool left beside the file.
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("*.spool")},
                                          QDir::Files | QDir::Hidden),
             QStringList());
}

void TestPointsExporter::vectorsOnlyWhenAsked()
{
    PointsExporter::Options options;
    options.withVectors = true;
    const QString path = m_dir.filePath(QStringLiteral("vectors.jsonl"));
    const Result<qint64> written = runExport(tenantPoints(QStringLiteral("globex")), path,
                                             options);
    QVERIFY2(written.ok(), errorOf(written).constData());
    const QList<QJsonObject> lines = jsonLines(path);
    QCOMPARE(lines.size(), 20);
    for (const QJsonObject &line : lines) {
        const QJsonArray vector = line.value(QStringLiteral("vector")).toArray();
        QCOMPARE(vector.size(), kDim);
        const QJsonArray stored = m_raw->get(QStringLiteral("/collections/%1/points/%2")
                                                 .arg(kCollection)
                                                 .arg(line.value(QStringLiteral("id"))
                                                          .toInteger()))
                                      .result()
                                      .toObject()
                                      .value(QStringLiteral("vector"))
                                      .toArray();
        QCOMPARE(vector, stored);
    }

    options.format = PointsExporter::Format::Csv;
    const QString csv = m_dir.filePath(QStringLiteral("vectors.csv"));
    QVERIFY(runExport(tenantPoints(QStringLiteral("globex")), csv, options).ok());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = csvRows(file.readAll());
    QCOMPARE(rows.constFirst().constLast(), QStringLiteral("vector"));
    QCOMPARE(QJsonDocument::fromJson(rows.at(1).constLast().toUtf8()).array().size(), kDim);
}

void TestPointsExporter::cancelLeavesNoFile()
{
    const QString path = m_dir.filePath(QStringLiteral("cancelled.jsonl"));
    // An older file at the path must survive a cancelled export untouched.
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old content\n");
    }
    for (const auto format : {PointsExporter::Format::Jsonl, PointsExporter::Format::Csv}) {
        PointsExporter exporter;
        std::optional<Result<qint64>> result;
        connect(&exporter, &PointsExporter::finished, this,
                [&result](const Result<qint64> &r) { result = r; });
        PointsExporter::Options options;
        options.format = format;
        options.pageSize = 1;
        QSignalSpy progressed(&exporter, &PointsExporter::progressed);
        exporter.start(tenantPoints(QStringLiteral("acme")), kCollection, {}, path, options);
        // Cancelled once the count is in, while pages of one point are still to come.
        QVERIFY(progressed.wait(10000));
        QVERIFY(exporter.isRunning());
        exporter.cancel();
        QVERIFY(result.has_value());
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind, NetError::Kind::Cancelled);
        QVERIFY(!exporter.isRunning());
        QFile old(path);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("old content\n"));
        // Nothing half-written beside it: only the old file.
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("cancelled*"),
                                               QStringLiteral("*.spool")},
                                              QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("cancelled.jsonl")});
    }
}

void TestPointsExporter::serverDownIsAClearErrorAndNoFile()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    ConsoleSession down;
    ConnectionProfile profile = ConnectionProfile::create(
        QStringLiteral("down"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    down.open(profile, QString());
    down.setScope(TenantScope::forProfile(profile, QStringLiteral("acme")).value());
    const QString path = m_dir.filePath(QStringLiteral("down.jsonl"));
    const Result<qint64> written = runExport(down.points(), path, {});
    QVERIFY(!written.ok());
    QCOMPARE(written.error().kind, NetError::Kind::Network);
    QVERIFY2(written.error().message.startsWith(QStringLiteral("Export of customer_context "
                                                               "failed")),
             qPrintable(written.error().message));
    QVERIFY(!QFile::exists(path));

    // A folder that does not exist: LocalFile, nothing sent.
    const Result<qint64> nowhere = runExport(tenantPoints(QStringLiteral("acme")),
                                             m_dir.filePath(QStringLiteral("no/such/x.jsonl")),
                                             {});
    QVERIFY(!nowhere.ok());
    QCOMPARE(nowhere.error().kind, NetError::Kind::LocalFile);
}

QTEST_GUILESS_MAIN(TestPointsExporter)
#include "tst_pointsexporter.moc"
