// RequestLogModel: bounded rows and kept bodies under QAbstractItemModelTester, the latency
// signal for the status bar, and a real QdrantClient against memory-store filling it without
// the API key ever showing in a cell, a tooltip or a "copy as curl" text.
#include "curlcommand.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "requestlogmodel.h"
#include "secretscan.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

namespace {

RequestLogEntry entry(int i, const QByteArray &body = {})
{
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("http://127.0.0.1:6333/p/%1").arg(i));
    request.body = body;
    RequestLogEntry e = RequestLogEntry::describing(request);
    e.status = 200;
    e.clientMs = i;
    e.responseBytes = 10;
    return e;
}

/// Every text the model shows or sorts on, for leak checks.
QString everythingShown(const QAbstractItemModel &model)
{
    QString all;
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), RequestLogModel::SortRole})
                all += model.data(index, role).toString() + u'\n';
        }
    }
    for (int column = 0; column < model.columnCount(); ++column)
        all += model.headerData(column, Qt::Horizontal).toString();
    return all;
}

} // namespace

class TestRequestLogModel : public QObject
{
    Q_OBJECT

private slots:
    void boundedToCapacity();
    void bodiesBoundedToBudget();
    void showsAnEntry();
    void lastLatencyForTheStatusBar();
    void realClientFillsItWithoutTheKey();
};

void TestRequestLogModel::boundedToCapacity()
{
    RequestLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(10);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 25; ++i)
        model.append(entry(i));
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(removed.size(), 15); // one oldest row per new row once full
    QCOMPARE(model.entry(0).path, QStringLiteral("/p/15"));
    QCOMPARE(model.data(model.index(9, RequestLogModel::PathColumn)).toString(),
        QStringLiteral("/p/24"));

    model.setCapacity(4); // lowering drops the oldest at once
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.entry(0).path, QStringLiteral("/p/21"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.append(entry(99));
    QCOMPARE(model.rowCount(), 1);
}

void TestRequestLogModel::bodiesBoundedToBudget()
{
    RequestLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBodyBudget(250);
    for (int i = 0; i < 5; ++i)
        model.append(entry(i, QByteArray(100, char('a' + i))));
    QCOMPARE(model.keptBodyBytes(), qint64(200));
    for (int row = 0; row < 3; ++row) {
        QVERIFY(model.entry(row).requestBody.isEmpty());
        const QString curl = CurlCommand::fromEntry(model.entry(row));
        QVERIFY2(curl.contains(QStringLiteral("no longer kept")), qPrintable(curl));
    }
    QCOMPARE(model.entry(3).requestBody, QByteArray(100, 'd'));
    QCOMPARE(model.entry(4).requestBody, QByteArray(100, 'e'));

    // Rows leaving at the top keep the bookkeeping right: newest bodies always stay.
    model.setCapacity(3);
    for (int i = 5; i < 12; ++i)
        model.append(entry(i, QByteArray(100, 'z')));
    qint64 sum = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        sum += model.entry(row).requestBody.size();
    QCOMPARE(model.keptBodyBytes(), sum);
    QCOMPARE(sum, qint64(200));
    QVERIFY(model.entry(0).requestBody.isEmpty());
    QVERIFY(!model.entry(2).requestBody.isEmpty());
}

void TestRequestLogModel::showsAnEntry()
{
    RequestLogModel model;
    RequestLogEntry failed = entry(1, "{}");
    failed.status = 0;
    failed.serverMs = -1;
    failed.clientMs = 1234.56;
    failed.requestBytes = 2048;
    failed.error = QStringLiteral("POST /p/1: connection refused");
    model.append(failed);
    RequestLogEntry ok = entry(2);
    ok.serverMs = 1.25;
    model.append(ok);
    auto shown = [&model](int row, int column) {
        return model.data(model.index(row, column)).toString();
    };
    QCOMPARE(shown(0, RequestLogModel::MethodColumn), QStringLiteral("POST"));
    QCOMPARE(shown(0, RequestLogModel::StatusColumn), QStringLiteral("—"));
    QCOMPARE(shown(0, RequestLogModel::ClientMsColumn), QLocale().toString(1234.6, 'f', 1));
    QCOMPARE(shown(0, RequestLogModel::ServerMsColumn), QString());
    QCOMPARE(shown(0, RequestLogModel::ErrorColumn), QStringLiteral("connection refused"));
    QCOMPARE(model.data(model.index(0, RequestLogModel::ErrorColumn), Qt::ToolTipRole)
                 .toString(),
        failed.error);
    QCOMPARE(shown(0, RequestLogModel::BytesColumn),
        QLocale().formattedDataSize(2048, 1) + QStringLiteral(" / —"));
    QCOMPARE(shown(1, RequestLogModel::BytesColumn), QStringLiteral("0 B / 10 B"));
    QCOMPARE(shown(1, RequestLogModel::StatusColumn), QStringLiteral("200"));
    // Failures stand out; answered calls keep the palette's colour.
    auto colour = [&model](int row) {
        return model.data(model.index(row, RequestLogModel::StatusColumn), Qt::ForegroundRole);
    };
    QVERIFY(colour(0).isValid());
    QVERIFY(colour(1).isNull());
    QCOMPARE(shown(1, RequestLogModel::ServerMsColumn), QLocale().toString(1.25, 'f', 1));
    QCOMPARE(model.data(model.index(1, RequestLogModel::ServerMsColumn), RequestLogModel::SortRole)
                 .toDouble(),
        1.25);
    QVERIFY(model.data(model.index(1, RequestLogModel::PathColumn), Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("http://127.0.0.1:6333/p/2")));
    QCOMPARE(shown(1, RequestLogModel::TimeColumn),
        ok.finishedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
}

void TestRequestLogModel::lastLatencyForTheStatusBar()
{
    RequestLogModel model;
    QSignalSpy latency(&model, &RequestLogModel::lastLatencyChanged);
    RequestLogEntry ok = entry(1);
    ok.clientMs = 12.5;
    ok.serverMs = 1.5;
    model.append(ok);
    QCOMPARE(latency.size(), 1);
    QCOMPARE(latency.at(0).at(0).toDouble(), 12.5);
    QCOMPARE(latency.at(0).at(1).toDouble(), 1.5);
    QCOMPARE(model.lastClientMs(), 12.5);

    RequestLogEntry refused = entry(2);
    refused.status = 0; // no answer: no latency to show
    refused.error = QStringLiteral("refused");
    model.append(refused);
    QCOMPARE(latency.size(), 1);
    QCOMPARE(RequestLogModel::latencyText(12.5, 1.5),
        QStringLiteral("%1 ms (server %2 ms)")
            .arg(QLocale().toString(12.5, 'f', 1), QLocale().toString(1.5, 'f', 1)));
    QCOMPARE(RequestLogModel::latencyText(3, -1),
        QStringLiteral("%1 ms").arg(QLocale().toString(3.0, 'f', 1)));
}

void TestRequestLogModel::realClientFillsItWithoutTheKey()
{
    const QString secret = makeTestSecret();
    MemoryStoreProcess store({QStringLiteral("--api-key"), secret});
    QVERIFY2(store.start(), qPrintable(store.error()));
    QdrantClient client;
    client.setEndpoint(QUrl(store.baseUrl()), secret);
    RequestLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attachTo(client.transport());
    QSignalSpy latency(&model, &RequestLogModel::lastLatencyChanged);

    const QString collection = QStringLiteral("memories");
    const auto created = await<bool>([&](auto done) {
        return client.createCollection(collection, vectorsConfig(4, QStringLiteral("Dot")),
            this, done);
    });
    QVERIFY2(created.ok(), errorOf(created));
    const auto upserted = await<UpsertSummary>([&](auto done) {
        return client.upsertPoints(collection, testPoints(5, 4), this, {}, done);
    });
    QVERIFY2(upserted.ok(), errorOf(upserted));
    ScrollRequest scroll;
    scroll.limit = 3;
    const auto page = await<ScrollPage>(
        [&](auto done) { return client.scroll(collection, scroll, this, done); });
    QVERIFY2(page.ok(), errorOf(page));
    const auto missing = await<CollectionInfo>([&](auto done) {
        return client.collectionInfo(QStringLiteral("no such"), this, done);
    });
    QVERIFY(!missing.ok());

    QVERIFY(model.rowCount() >= 4);
    QVERIFY(latency.size() >= 4);
    int scrollRow = -1;
    int missingRow = -1;
    for (int row = 0; row < model.rowCount(); ++row) {
        const RequestLogEntry &e = model.entry(row);
        if (e.path.endsWith(QStringLiteral("/points/scroll")))
            scrollRow = row;
        if (e.path == QStringLiteral("/collections/no such"))
            missingRow = row;
        QVERIFY2(e.hadApiKey, qPrintable(e.path));
        const QString curl = CurlCommand::fromEntry(e);
        QVERIFY2(!curl.contains(secret), qPrintable(curl));
        QVERIFY2(curl.contains(QStringLiteral("-H 'api-key: <redacted>'")), qPrintable(curl));
    }
    QVERIFY(scrollRow >= 0);
    QVERIFY(missingRow >= 0);
    QCOMPARE(model.data(model.index(scrollRow, RequestLogModel::StatusColumn)).toString(),
        QStringLiteral("200"));
    QVERIFY(model.entry(scrollRow).serverMs >= 0); // memory-store reports its time
    QCOMPARE(model.data(model.index(missingRow, RequestLogModel::StatusColumn)).toString(),
        QStringLiteral("404"));
    const QString shown = everythingShown(model);
    QVERIFY(!shown.contains(secret));
    QVERIFY(!shown.contains(QStringLiteral("mc-test-secret")));

    // The copied command does what the console did once the user puts the key back in.
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty()) {
        qInfo("curl is not installed: the copied command was not run");
        return;
    }
    QString command = CurlCommand::fromEntry(model.entry(scrollRow));
    command.replace(CurlCommand::redactedValue(), secret);
    QProcess shell;
    shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), command + QStringLiteral(" -s")});
    QVERIFY(shell.waitForFinished(20000));
    QCOMPARE(shell.exitCode(), 0);
    const QJsonObject answer = QJsonDocument::fromJson(shell.readAllStandardOutput()).object();
    const QJsonObject result = answer.value(QStringLiteral("result")).toObject();
    const QJsonArray points = result.value(QStringLiteral("points")).toArray();
    QCOMPARE(points.size(), 3);
}

QTEST_GUILESS_MAIN(TestRequestLogModel)
#include "tst_requestlogmodel.moc"
