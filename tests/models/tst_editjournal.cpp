// EditJournal and EditJournalModel: append (flushed per record), read back, a torn last line
// skipped with a warning without losing anything else, export (all and filtered), and the
// table over it under QAbstractItemModelTester.
#include "editjournal.h"
#include "editjournalmodel.h"

#include <QAbstractItemModelTester>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QUuid Production
    = QUuid::fromString(QStringLiteral("{0b8c2f44-1d55-4c0f-9a7e-111111111111}"));
const QUuid Staging = QUuid::fromString(QStringLiteral("{0b8c2f44-1d55-4c0f-9a7e-222222222222}"));
const PointId Uuid
    = PointId(QUuid::fromString(QStringLiteral("550e8400-e29b-41d4-a716-446655440000")));

EditJournalRecord record(const QUuid &profile, const QString &collection, const PointId &id,
    const QString &note)
{
    EditJournalRecord r;
    r.profileName
        = profile == Production ? QStringLiteral("production") : QStringLiteral("staging");
    r.profileId = profile;
    r.collection = collection;
    r.pointId = id;
    r.operation = QStringLiteral("set_payload");
    r.before = QJsonObject {{QStringLiteral("note"), QStringLiteral("old")}};
    r.after = QJsonObject {{QStringLiteral("note"), note},
        {QStringLiteral("tags"), QJsonArray {QStringLiteral("a"), 2}}};
    return r;
}

QList<QByteArray> fileLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

bool appendRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::Append) && file.write(bytes) == bytes.size();
}

} // namespace

class TestEditJournal : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void appendAndReadBack();
    void eachAppendIsOnDiskAtOnce();
    void tornLastLineIsSkipped();
    void badLineInTheMiddleIsSkipped();
    void missingFileIsAnEmptyJournal();
    void unwritableJournalIsAnError();
    void exportAllAndFiltered_data();
    void exportAllAndFiltered();
    void exportFailureLeavesNoFile();
    void modelShowsAndFilters();
    void changeSummary_data();
    void changeSummary();
    void modelMissesNothingAppendedDuringAReload();

private:
    QString journalPath() const { return m_dir->filePath(QStringLiteral("journal/edits.jsonl")); }
    void fill(EditJournal &journal);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestEditJournal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestEditJournal::fill(EditJournal &journal)
{
    const QString a = QStringLiteral("company_42_cost_optimization_knowledge");
    const QString b = QStringLiteral("company_7_customer_context");
    QVERIFY(journal.append(record(Production, a, PointId(1), QStringLiteral("one"))).ok());
    QVERIFY(journal.append(record(Production, b, PointId(2), QStringLiteral("two"))).ok());
    QVERIFY(journal.append(record(Staging, a, Uuid, QStringLiteral("three"))).ok());
    EditJournalRecord bulk = record(Staging, b, PointId(), QStringLiteral("four"));
    bulk.operation = QStringLiteral("delete_points");
    bulk.after = QJsonValue();
    QVERIFY(journal.append(bulk).ok());
}

void TestEditJournal::appendAndReadBack()
{
    EditJournal journal(journalPath()); // its folder does not exist yet
    QSignalSpy appended(&journal, &EditJournal::recordAppended);
    fill(journal);
    QCOMPARE(appended.size(), 4);

    const auto read = EditJournal::read(journalPath());
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QVERIFY(read.value().warnings.isEmpty());
    const QList<EditJournalRecord> &records = read.value().records;
    QCOMPARE(records.size(), 4);
    QCOMPARE(records.at(0).profileName, QStringLiteral("production"));
    QCOMPARE(records.at(0).profileId, Production);
    QCOMPARE(records.at(0).who, EditJournal::currentUserName());
    QVERIFY(!records.at(0).who.isEmpty());
    QVERIFY(qAbs(records.at(0).when.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QCOMPARE(records.at(0).when.timeSpec(), Qt::UTC);
    QCOMPARE(records.at(0).pointId, PointId(1));
    QCOMPARE(records.at(2).pointId, Uuid);
    QVERIFY(records.at(3).pointId.isNull());
    QCOMPARE(records.at(3).operation, QStringLiteral("delete_points"));
    QVERIFY(records.at(3).after.isNull());
    QCOMPARE(records.at(1).before.toObject().value(QStringLiteral("note")).toString(),
        QStringLiteral("old"));
    QCOMPARE(records.at(1).after, record(Production, {}, {}, QStringLiteral("two")).after);

    // One compact object per line, the time in RFC 3339 (UTC, milliseconds).
    const QList<QByteArray> lines = fileLines(journalPath());
    QCOMPARE(lines.size(), 4);
    const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
    static const QRegularExpression rfc3339(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    QVERIFY2(rfc3339.match(first.value(QStringLiteral("when")).toString()).hasMatch(),
        lines.at(0).constData());
    QCOMPARE(first.value(QStringLiteral("point_id")).toInteger(), 1);
    QCOMPARE(first.value(QStringLiteral("profile_id")).toString(),
        Production.toString(QUuid::WithoutBraces));
    const QJsonObject last = QJsonDocument::fromJson(lines.at(3)).object();
    QVERIFY(last.value(QStringLiteral("point_id")).isNull());
}

void TestEditJournal::eachAppendIsOnDiskAtOnce()
{
    EditJournal journal(journalPath());
    for (int i = 1; i <= 3; ++i) {
        QVERIFY(journal.append(record(Production, QStringLiteral("c"), PointId(i), {})).ok());
        // Another reader (the export, a crash) sees the line while the journal stays open.
        QCOMPARE(fileLines(journalPath()).size(), i);
    }
}

void TestEditJournal::tornLastLineIsSkipped()
{
    {
        EditJournal journal(journalPath());
        fill(journal);
    }
    // A crash in the middle of a write: half a line, no line break.
    QVERIFY(appendRaw(journalPath(), "{\"when\":\"2024-05-01T12:00:00.000Z\",\"op"));
    auto read = EditJournal::read(journalPath());
    QVERIFY(read.ok());
    QCOMPARE(read.value().records.size(), 4); // nothing earlier is lost
    QCOMPARE(read.value().warnings.size(), 1);
    QVERIFY2(read.value().warnings.at(0).contains(QStringLiteral("incomplete")),
        qPrintable(read.value().warnings.at(0)));

    // After a restart the next record starts on its own line and is kept.
    EditJournal restarted(journalPath());
    QVERIFY(restarted.append(record(Staging, QStringLiteral("c"), PointId(9), {})).ok());
    read = EditJournal::read(journalPath());
    QCOMPARE(read.value().records.size(), 5);
    QCOMPARE(read.value().records.last().pointId, PointId(9));
    QCOMPARE(read.value().warnings.size(), 1); // the torn line is now a bad line, still skipped
    QVERIFY2(read.value().warnings.at(0).contains(QStringLiteral("Line 5")),
        qPrintable(read.value().warnings.at(0)));
}

void TestEditJournal::badLineInTheMiddleIsSkipped()
{
    {
        EditJournal journal(journalPath());
        QVERIFY(journal.append(record(Production, QStringLiteral("c"), PointId(1), {})).ok());
    }
    QVERIFY(appendRaw(journalPath(), "not json\n[1,2]\n{\"when\":\"yesterday\"}\n\n"));
    {
        EditJournal journal(journalPath());
        QVERIFY(journal.append(record(Production, QStringLiteral("c"), PointId(2), {})).ok());
    }
    const auto read = EditJournal::read(journalPath());
    QVERIFY(read.ok());
    QCOMPARE(read.value().records.size(), 2);
    QCOMPARE(read.value().warnings.size(), 3);
    QVERIFY(read.value().warnings.at(0).startsWith(QStringLiteral("Line 2 ")));
    QVERIFY(read.value().warnings.at(1).contains(QStringLiteral("not a JSON object")));
    QVERIFY(read.value().warnings.at(2).contains(QStringLiteral("RFC 3339")));
}

void TestEditJournal::missingFileIsAnEmptyJournal()
{
    const auto read = EditJournal::read(journalPath());
    QVERIFY(read.ok());
    QVERIFY(read.value().records.isEmpty());
    QVERIFY(read.value().warnings.isEmpty());
}

void TestEditJournal::unwritableJournalIsAnError()
{
    // The journal's folder is a file: nothing can be created there.
    QVERIFY(appendRaw(m_dir->filePath(QStringLiteral("journal")), "x"));
    EditJournal journal(journalPath());
    QSignalSpy appended(&journal, &EditJournal::recordAppended);
    const Result<bool> result = journal.append(record(Production, QStringLiteral("c"), 1, {}));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, NetError::Kind::LocalFile);
    QVERIFY2(result.error().message.contains(QStringLiteral("edits.jsonl")),
        qPrintable(result.error().message));
    QCOMPARE(appended.size(), 0);
}

void TestEditJournal::exportAllAndFiltered_data()
{
    QTest::addColumn<QUuid>("profile");
    QTest::addColumn<QString>("collection");
    QTest::addColumn<QList<int>>("lines"); // of the journal, 0-based
    QTest::newRow("all") << QUuid() << QString() << QList<int> {0, 1, 2, 3};
    QTest::newRow("profile") << Staging << QString() << QList<int> {2, 3};
    QTest::newRow("collection") << QUuid() << QStringLiteral("company_7_customer_context")
                                << QList<int> {1, 3};
    QTest::newRow("both") << Production << QStringLiteral("company_7_customer_context")
                          << QList<int> {1};
    QTest::newRow("none") << Staging << QStringLiteral("nothing") << QList<int> {};
}

void TestEditJournal::exportAllAndFiltered()
{
    QFETCH(QUuid, profile);
    QFETCH(QString, collection);
    QFETCH(QList<int>, lines);
    EditJournal journal(journalPath());
    fill(journal);
    QVERIFY(appendRaw(journalPath(), "{\"torn")); // never exported
    const QList<QByteArray> journalLines = fileLines(journalPath());

    const QString target = m_dir->filePath(QStringLiteral("export.jsonl"));
    QFutureWatcher<Result<EditJournal::ExportSummary>> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(journal.exportAsync(target, EditJournal::Filter {profile, collection}));
    QVERIFY(finished.wait(10000));
    const Result<EditJournal::ExportSummary> summary = watcher.result();
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
    QCOMPARE(summary.value().records, qint64(lines.size()));
    QCOMPARE(summary.value().skippedLines, 1);
    QList<QByteArray> expected;
    for (int line : lines)
        expected << journalLines.at(line); // byte for byte as journaled
    QCOMPARE(fileLines(target), expected);
    // The export is itself a journal.
    QCOMPARE(EditJournal::read(target).value().records.size(), lines.size());
}

void TestEditJournal::exportFailureLeavesNoFile()
{
    EditJournal journal(journalPath());
    fill(journal);
    const QString target = m_dir->filePath(QStringLiteral("no/such/folder/export.jsonl"));
    const auto summary = EditJournal::exportRecords(journalPath(), target, {});
    QVERIFY(!summary.ok());
    QCOMPARE(summary.error().kind, NetError::Kind::LocalFile);
    QVERIFY(!QFile::exists(target));
}

void TestEditJournal::modelShowsAndFilters()
{
    EditJournal journal(journalPath());
    fill(journal);
    EditJournalModel model(&journal);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy reloaded(&model, &EditJournalModel::reloaded);
    model.reload();
    QVERIFY(reloaded.wait(10000));
    QCOMPARE(model.rowCount(), 4);
    auto shown = [&model](int row, int column) {
        return model.data(model.index(row, column)).toString();
    };
    QCOMPARE(shown(0, EditJournalModel::ProfileColumn), QStringLiteral("production"));
    QCOMPARE(shown(0, EditJournalModel::PointColumn), QStringLiteral("1"));
    QCOMPARE(shown(3, EditJournalModel::PointColumn), QStringLiteral("(many)"));
    QCOMPARE(shown(0, EditJournalModel::OperationColumn), QStringLiteral("set_payload"));
    QCOMPARE(shown(0, EditJournalModel::BeforeColumn), QStringLiteral("{\"note\":\"old\"}"));
    QCOMPARE(shown(3, EditJournalModel::AfterColumn), QString());
    QVERIFY(model.data(model.index(0, EditJournalModel::AfterColumn), Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("\"tags\"")));
    QCOMPARE(model.collections(),
        QStringList({QStringLiteral("company_42_cost_optimization_knowledge"),
            QStringLiteral("company_7_customer_context")}));
    QCOMPARE(model.profiles().size(), 2);
    QCOMPARE(model.profiles().at(0).second, QStringLiteral("production"));

    model.setFilter({Staging, {}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(shown(0, EditJournalModel::ProfileColumn), QStringLiteral("staging"));
    // A new edit shows at once when it passes the filter, and only then.
    QVERIFY(journal.append(record(Staging, QStringLiteral("c"), PointId(5), {})).ok());
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(journal.append(record(Production, QStringLiteral("c"), PointId(6), {})).ok());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.totalRecords(), 6);
    model.setFilter({});
    QCOMPARE(model.rowCount(), 6);

    // A long payload is cut in the cell.
    EditJournalRecord big = record(Production, QStringLiteral("c"), PointId(7), QString(500, u'x'));
    QVERIFY(journal.append(big).ok());
    QVERIFY(shown(6, EditJournalModel::AfterColumn).size()
        <= EditJournalModel::PayloadPreviewChars + 1);
    QVERIFY(shown(6, EditJournalModel::AfterColumn).endsWith(u'…'));
}

void TestEditJournal::changeSummary_data()
{
    QTest::addColumn<QJsonValue>("before");
    QTest::addColumn<QJsonValue>("after");
    QTest::addColumn<QString>("summary");
    const QJsonObject old {{QStringLiteral("outcome"), QStringLiteral("failed")},
        {QStringLiteral("note"), QStringLiteral("x")}, {QStringLiteral("rank"), 3}};
    QJsonObject changed = old;
    changed.insert(QStringLiteral("outcome"), QStringLiteral("success"));
    changed.remove(QStringLiteral("note"));
    changed.insert(QStringLiteral("tags"), QJsonArray {QStringLiteral("spot")});
    QTest::newRow("changed, removed, added")
        << QJsonValue(old) << QJsonValue(changed)
        << QStringLiteral("−note; outcome: \"failed\" → \"success\"; +tags: [\"spot\"]");
    QTest::newRow("same") << QJsonValue(old) << QJsonValue(old) << QStringLiteral("no change");
    QTest::newRow("deleted") << QJsonValue(old) << QJsonValue() << QStringLiteral("removed");
    QTest::newRow("new point") << QJsonValue() << QJsonValue(QJsonObject {{QStringLiteral("a"), 1}})
                               << QStringLiteral("{\"a\":1}");
    QTest::newRow("long value cut")
        << QJsonValue(QJsonObject {{QStringLiteral("t"), QString(100, u'a')}})
        << QJsonValue(QJsonObject {{QStringLiteral("t"), 1}})
        << QStringLiteral("t: \"") + QString(39, u'a') + QStringLiteral("… → 1");
}

void TestEditJournal::changeSummary()
{
    QFETCH(QJsonValue, before);
    QFETCH(QJsonValue, after);
    QTEST(EditJournalModel::changeSummary(before, after), "summary");
}

void TestEditJournal::modelMissesNothingAppendedDuringAReload()
{
    EditJournal journal(journalPath());
    fill(journal);
    QVERIFY(appendRaw(journalPath(), "{\"torn")); // one warning to report
    EditJournalModel model(&journal);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reloaded(&model, &EditJournalModel::reloaded);
    model.reload();
    // Appended after the reload took the file's size: it must come through the signal, once.
    QVERIFY(journal.append(record(Staging, QStringLiteral("late"), PointId(8), {})).ok());
    model.reload(); // superseding a reload in flight neither loses nor doubles anything
    QVERIFY(journal.append(record(Staging, QStringLiteral("later"), PointId(9), {})).ok());
    QVERIFY(reloaded.wait(10000));
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.record(4).collection, QStringLiteral("late"));
    QCOMPARE(model.record(5).collection, QStringLiteral("later"));
    QCOMPARE(model.warnings().size(), 1);
}

QTEST_GUILESS_MAIN(TestEditJournal)
#include "tst_editjournal.moc"
