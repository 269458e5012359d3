// The import wizard driven as a user would, offscreen, against a real memory-store: a typed
// path, the detected format and fields, the mapping, the preview's bad row, the run (checked on
// the server: count, payloads stamped with the tenant), a re-run without duplicates, cancel and
// resume, embedding with the profile's LocalEmbedder, dimension mismatches, refusals and Esc.
// Screenshots of each page go to /tmp/importwizard-*.png.

#include "consolesession.h"
#include "deterministicpointid.h"
#include "importcheckpoint.h"
#include "importerrorreport.h"
#include "importfilepage.h"
#include "importmappingpage.h"
#include "importpipeline.h"
#include "importpreviewpage.h"
#include "importrunpage.h"
#include "importwizard.h"
#include "inlinemessage.h"
#include "localembedder.h"
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

namespace {

const QString kCollection = QStringLiteral("cost_optimization_knowledge");
const QString kTenant = QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
const QString kOtherTenant = QStringLiteral("2c5f39cb-3fb2-42e3-994f-1127e4ddb538");

QString key(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

/// Row n of a cost_optimization_knowledge file: no customer_id (the scope stamps it), a
/// vector of dims made from n (not random), or none when dims is 0.
QByteArray row(int n, int dims)
{
    QJsonObject object{{QStringLiteral("optimization_id"), key(n)},
                       {QStringLiteral("optimization_type"), QStringLiteral("spot_migration")},
                       {QStringLiteral("outcome"), QStringLiteral("success")},
                       {QStringLiteral("savings_percent"), n % 60},
                       {QStringLiteral("decision_context"),
                        QStringLiteral("Batch job %1 moved to spot").arg(n)}};
    if (dims > 0) {
        QJsonArray vector;
        for (int d = 0; d < dims; ++d)
            vector.append(double((n * 31 + d * 7) % 97) / 97.0 + 0.01);
        object.insert(QStringLiteral("vector"), vector);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestImportWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void importsAJsonlFileAndReRunsWithoutDuplicates();
    void detectsCsvAndShowsUnreadableRows();
    void cancelThenResumeFinishesWithTheExactCount();
    void embedsATextFieldWithTheProfilesEmbedder();
    void saysWhenTheDimensionsDiffer();
    void refusesReadOnlyAndNoTenant();
    void escapeClosesAtOnceUnlessAnImportRuns();

private:
    std::unique_ptr<ConsoleSession> openSession(bool readOnly, bool chooseTenant = true);
    void createCollection(int dims);
    qint64 serverCount();
    QJsonObject serverPoint(int n);
    QString writeFile(const QString &name, const QByteArray &content);
    /// A shown wizard with path typed in and scanned.
    std::unique_ptr<ImportWizard> openWizard(const QString &path);
    bool next(ImportWizard &wizard, QWizard::WizardButton button = QWizard::NextButton);
    void grab(QWidget *widget, const QString &name);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    QTemporaryDir m_dir;
};

void TestImportWizard::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = openSession(false);
    QVERIFY(m_session);
}

void TestImportWizard::init()
{
    createCollection(8);
}

std::unique_ptr<ConsoleSession> TestImportWizard::openSession(bool readOnly, bool chooseTenant)
{
    auto session = std::make_unique<ConsoleSession>();
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("import test"), QUrl(m_store.baseUrl()));
    profile.readOnly = readOnly;
    QSignalSpy opened(session.get(), &ConsoleSession::opened);
    session->open(profile, QString());
    if (!opened.wait(10000))
        return nullptr;
    if (!chooseTenant)
        return session;
    const auto scope = TenantScope::forProfile(profile, kTenant);
    if (!scope.ok())
        return nullptr;
    session->setScope(scope.value());
    return session;
}

void TestImportWizard::createCollection(int dims)
{
    m_raw->del(QStringLiteral("/collections/") + kCollection);
    const QJsonObject config{{QStringLiteral("vectors"),
                              QJsonObject{{QStringLiteral("size"), dims},
                                          {QStringLiteral("distance"), QStringLiteral("Cosine")}}}};
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kCollection, config).status, 200);
}

qint64 TestImportWizard::serverCount()
{
    return m_raw
        ->post(QStringLiteral("/collections/%1/points/count").arg(kCollection),
               QJsonObject{{QStringLiteral("exact"), true}})
        .result()
        .toObject()
        .value(QStringLiteral("count"))
        .toInteger(-1);
}

QJsonObject TestImportWizard::serverPoint(int n)
{
    const QString id = DeterministicPointId::forKey(key(n)).toString();
    return m_raw->get(QStringLiteral("/collections/%1/points/%2").arg(kCollection, id))
        .result()
        .toObject();
}

QString TestImportWizard::writeFile(const QString &name, const QByteArray &content)
{
    QString path = m_dir.filePath(name);
    QFile::remove(ImportCheckpoint::pathFor(path));
    QFile::remove(ImportErrorReport::pathFor(path));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) < 0)
        return QString();
    return path;
}

std::unique_ptr<ImportWizard> TestImportWizard::openWizard(const QString &path)
{
    auto wizard = std::make_unique<ImportWizard>(m_session.get(), nullptr, kCollection);
    wizard->show();
    if (!QTest::qWaitForWindowExposed(wizard.get()))
        return nullptr;
    ImportFilePage *page = wizard->filePage();
    page->pathEdit()->setFocus();
    QTest::keyClicks(page->pathEdit(), path);
    if (!QTest::qWaitFor([&] { return page->isComplete(); }, 10000)) {
        qWarning("not complete: %s | %s | %s | pool %d/%d", qPrintable(page->detectedLabel()->text()),
                 qPrintable(page->message()->text()), qPrintable(page->collection()),
                 QThreadPool::globalInstance()->activeThreadCount(),
                 QThreadPool::globalInstance()->maxThreadCount());
        return nullptr;
    }
    return wizard;
}

bool TestImportWizard::next(ImportWizard &wizard, QWizard::WizardButton button)
{
    const int before = wizard.currentId();
    QAbstractButton *target = wizard.button(button);
    if (!target->isVisible() || !target->isEnabled())
        return false;
    QTest::mouseClick(target, Qt::LeftButton);
    return wizard.currentId() != before;
}

void TestImportWizard::grab(QWidget *widget, const QString &name)
{
    widget->grab().save(QStringLiteral("/tmp/importwizard-%1.png").arg(name));
}

void TestImportWizard::importsAJsonlFileAndReRunsWithoutDuplicates()
{
    QByteArray content;
    constexpr int kRows = 300;
    for (int n = 1; n <= kRows; ++n) {
        if (n == 5) // a savings_percent the schema refuses, on line 5
            content += "{\"optimization_id\":\"" + key(5).toLatin1()
                + "\",\"savings_percent\":\"lots\",\"vector\":[1,2,3,4,5,6,7,8]}\n";
        else
            content += row(n, 8) + '\n';
    }
    const QString path = writeFile(QStringLiteral("memories.jsonl"), content);
    auto wizard = openWizard(path);
    QVERIFY(wizard);
    ImportFilePage *file = wizard->filePage();
    QVERIFY2(file->detectedLabel()->text().contains(QStringLiteral("JSON lines")),
             qPrintable(file->detectedLabel()->text()));
    for (const char *field : {"optimization_id", "decision_context", "vector", "outcome"})
        QVERIFY(file->fieldsLabel()->text().contains(QLatin1String(field)));
    QVERIFY(file->collectionBox()->currentText() == kCollection);
    grab(wizard.get(), QStringLiteral("1-file"));

    // Enter advances.
    QTest::keyClick(file->pathEdit(), Qt::Key_Return);
    QCOMPARE(wizard->currentId(), int(ImportWizard::MappingPageId));
    ImportMappingPage *mapping = wizard->mappingPage();
    QCOMPARE(mapping->idFieldBox()->currentText(), QStringLiteral("optimization_id"));
    QVERIFY(mapping->fromFileButton()->isChecked());
    QCOMPARE(mapping->vectorFieldBox()->currentText(), QStringLiteral("vector"));
    QCOMPARE(mapping->targetBox(QStringLiteral("outcome"))->currentText(),
             QStringLiteral("outcome"));
    QVERIFY(mapping->isComplete());
    QVERIFY(!mapping->message()->isError());
    grab(wizard.get(), QStringLiteral("2-mapping"));

    QVERIFY(next(*wizard));
    ImportPreviewPage *preview = wizard->previewPage();
    QTRY_VERIFY_WITH_TIMEOUT(preview->isComplete(), 10000);
    QCOMPARE(preview->summaryLabel()->text(), QStringLiteral("99 valid, 1 with errors"));
    QTableWidget *table = preview->table();
    QCOMPARE(table->rowCount(), 100);
    QCOMPARE(table->item(4, 0)->text(), QStringLiteral("5"));
    QVERIFY2(table->item(4, 1)->text().contains(QStringLiteral("savings_percent")),
             qPrintable(table->item(4, 1)->text()));
    QVERIFY(table->item(4, 1)->background() != table->item(3, 1)->background());
    QCOMPARE(table->item(3, 1)->text(), QStringLiteral("OK"));
    grab(wizard.get(), QStringLiteral("3-preview"));

    QSignalSpy finished(wizard.get(), &ImportWizard::importFinished);
    QVERIFY(next(*wizard, QWizard::CommitButton));
    QCOMPARE(wizard->currentId(), int(ImportWizard::RunPageId));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toString(), kCollection);
    ImportRunPage *run = wizard->runPage();
    const ImportSummary summary = run->lastSummary();
    QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
    QCOMPARE(summary.pointsWritten, kRows - 1);
    QCOMPARE(summary.rowsFailed, 1);
    QVERIFY(run->summaryMessage()->text().contains(QStringLiteral("299 points written")));
    QCOMPARE(run->errorCountLabel()->text().left(1), QStringLiteral("1"));
    QVERIFY(run->lastErrors()->item(0)->text().startsWith(QStringLiteral("Line 5")));
    QVERIFY(run->reportPathEdit()->isVisible());
    QCOMPARE(run->reportPathEdit()->text(), ImportErrorReport::pathFor(path));
    QVERIFY(QFile::exists(ImportErrorReport::pathFor(path)));
    QVERIFY(!run->resumeButton()->isVisible());
    QCOMPARE(run->progressBar()->value(), run->progressBar()->maximum());
    QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    grab(wizard.get(), QStringLiteral("4-run-done"));

    QCOMPARE(serverCount(), qint64(kRows - 1));
    const QJsonObject point = serverPoint(7);
    const QJsonObject payload = point.value(QStringLiteral("payload")).toObject();
    QCOMPARE(payload.value(QStringLiteral("customer_id")).toString(), kTenant); // stamped
    QCOMPARE(payload.value(QStringLiteral("decision_context")).toString(),
             QStringLiteral("Batch job 7 moved to spot"));
    QVERIFY(!payload.contains(QStringLiteral("vector")));
    QVERIFY(serverPoint(5).isEmpty());
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QVERIFY(!wizard->isVisible());

    // The same file again: the same ids, nothing twice.
    auto again = openWizard(path);
    QVERIFY(again);
    QVERIFY(next(*again));
    QVERIFY(next(*again));
    QTRY_VERIFY_WITH_TIMEOUT(again->previewPage()->isComplete(), 10000);
    QSignalSpy finishedAgain(again.get(), &ImportWizard::importFinished);
    QVERIFY(next(*again, QWizard::CommitButton));
    QVERIFY(finishedAgain.wait(30000));
    QCOMPARE(again->runPage()->lastSummary().pointsWritten, kRows - 1);
    QCOMPARE(serverCount(), qint64(kRows - 1));
}

void TestImportWizard::detectsCsvAndShowsUnreadableRows()
{
    QByteArray csv = "optimization_id,outcome,decision_context,vector\n";
    for (int n = 1; n <= 4; ++n)
        csv += key(n).toLatin1() + ",success,Job " + QByteArray::number(n)
            + ",\"[1,2,3,4,5,6,7,8]\"\n";
    csv += key(5).toLatin1() + ",success,\"unterminated\n"; // line 6 never closes its quote
    const QString path = writeFile(QStringLiteral("memories.csv"), csv);
    auto wizard = openWizard(path);
    QVERIFY(wizard);
    ImportFilePage *file = wizard->filePage();
    QVERIFY2(file->detectedLabel()->text().contains(QStringLiteral("CSV")),
             qPrintable(file->detectedLabel()->text()));
    QCOMPARE(file->fieldsLabel()->text(),
             QStringLiteral("optimization_id, outcome, decision_context, vector"));
    QVERIFY(file->readErrorList()->isVisible());
    QCOMPARE(file->readErrorList()->count(), 1);
    QVERIFY2(file->readErrorList()->item(0)->text().startsWith(QStringLiteral("Line 6")),
             qPrintable(file->readErrorList()->item(0)->text()));

    // Overridden: read as JSON lines, the file has no readable row.
    QSignalSpy scanned(file, &ImportFilePage::scanned);
    file->formatBox()->setCurrentIndex(file->formatBox()->findData(int(ImportFormat::Kind::Jsonl)));
    QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty(), 10000);
    QVERIFY(!file->isComplete());
    QVERIFY(file->message()->isError() || file->fieldsLabel()->text() == QStringLiteral("none found"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    file->formatBox()->setCurrentIndex(0);
    QTRY_VERIFY_WITH_TIMEOUT(file->isComplete(), 10000);
    QVERIFY(next(*wizard));
    QCOMPARE(wizard->mappingPage()->vectorFieldBox()->currentText(), QStringLiteral("vector"));
}

void TestImportWizard::cancelThenResumeFinishesWithTheExactCount()
{
    constexpr int kRows = 6000;
    QByteArray content;
    for (int n = 1; n <= kRows; ++n)
        content += row(n, 8) + '\n';
    const QString path = writeFile(QStringLiteral("big.jsonl"), content);
    auto wizard = openWizard(path);
    QVERIFY(wizard);
    QVERIFY(next(*wizard));
    QVERIFY(next(*wizard));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->previewPage()->isComplete(), 10000);
    ImportRunPage *run = wizard->runPage();
    ImportPipeline *pipeline = wizard->pipeline();
    // Pause as soon as the first rows are settled, so the cancel comes mid-run.
    bool paused = false;
    connect(pipeline, &ImportPipeline::progress, this,
            [&](qint64 done, qint64, double, double) {
                if (!paused && done > 0 && done < kRows) {
                    paused = true;
                    QTest::mouseClick(run->pauseButton(), Qt::LeftButton);
                }
            });
    QSignalSpy finished(wizard.get(), &ImportWizard::importFinished);
    QVERIFY(next(*wizard, QWizard::CommitButton));
    QTRY_VERIFY_WITH_TIMEOUT(paused, 30000);
    QCOMPARE(pipeline->state(), ImportPipeline::State::Paused);
    QCOMPARE(run->pauseButton()->text(), QStringLiteral("&Resume"));
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    grab(wizard.get(), QStringLiteral("5-run-paused"));
    QTest::mouseClick(run->cancelButton(), Qt::LeftButton);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(int(run->lastSummary().outcome), int(ImportSummary::Outcome::Cancelled));
    QVERIFY(run->resumeButton()->isVisible());
    QVERIFY(run->summaryMessage()->text().startsWith(QStringLiteral("Cancelled")));
    grab(wizard.get(), QStringLiteral("6-run-cancelled"));
    const qint64 written = serverCount();
    QVERIFY2(written < kRows, qPrintable(QString::number(written)));
    wizard->close();

    // A new wizard on the same file finds the checkpoint and offers to resume from it.
    const auto checkpoint = ImportCheckpoint::load(path);
    QVERIFY(checkpoint.ok() && checkpoint.value());
    const qint64 line = checkpoint.value()->nextLine;
    QVERIFY(line > 1);
    auto second = openWizard(path);
    QVERIFY(second);
    QVERIFY(next(*second));
    QVERIFY(next(*second));
    QTRY_VERIFY_WITH_TIMEOUT(second->previewPage()->isComplete(), 10000);
    QVERIFY(next(*second, QWizard::CommitButton));
    ImportRunPage *resumed = second->runPage();
    QVERIFY(resumed->checkpointLabel()->isVisible());
    const QString lineText = QLocale().toString(line);
    QVERIFY2(resumed->checkpointLabel()->text().contains(QStringLiteral("line ") + lineText),
             qPrintable(resumed->checkpointLabel()->text()));
    QVERIFY(resumed->resumeButton()->text().contains(lineText));
    QVERIFY(resumed->startOverButton()->isVisible());
    QVERIFY(!second->pipeline()->isRunning());
    grab(second.get(), QStringLiteral("7-run-checkpoint"));
    QSignalSpy done(second.get(), &ImportWizard::importFinished);
    QTest::mouseClick(resumed->resumeButton(), Qt::LeftButton);
    QVERIFY(done.wait(30000));
    const ImportSummary summary = resumed->lastSummary();
    QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
    QCOMPARE(summary.resumedFromLine, line);
    QCOMPARE(summary.rowsRead, kRows);
    QCOMPARE(serverCount(), qint64(kRows));
    QVERIFY(!QFile::exists(ImportCheckpoint::pathFor(path)));
}

void TestImportWizard::embedsATextFieldWithTheProfilesEmbedder()
{
    const int dims = ConnectionProfile::DefaultDimensions; // the profile's LocalEmbedder
    createCollection(dims);
    QByteArray content;
    for (int n = 1; n <= 200; ++n)
        content += row(n, 0) + '\n';
    const QString path = writeFile(QStringLiteral("texts.jsonl"), content);
    auto wizard = openWizard(path);
    QVERIFY(wizard);
    QVERIFY(next(*wizard));
    ImportMappingPage *mapping = wizard->mappingPage();
    QVERIFY(mapping->embedButton()->isChecked()); // no vector field in the file
    QVERIFY(!mapping->fromFileButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(mapping->isComplete(), 10000); // the embedder is made
    QVERIFY2(mapping->embedderLabel()->text().contains(QString::number(dims)),
             qPrintable(mapping->embedderLabel()->text()));
    QComboBox *text = mapping->embedTextBox();
    text->setCurrentIndex(text->findData(QStringLiteral("decision_context")));
    QVERIFY(text->currentIndex() > 0);
    QCOMPARE(wizard->options().mapping.embedFields,
             QStringList{QStringLiteral("decision_context")});
    QVERIFY(next(*wizard));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->previewPage()->isComplete(), 10000);
    QCOMPARE(wizard->previewPage()->summaryLabel()->text(), QStringLiteral("100 valid"));
    QSignalSpy finished(wizard.get(), &ImportWizard::importFinished);
    QVERIFY(next(*wizard, QWizard::CommitButton));
    QVERIFY(finished.wait(30000));
    QCOMPARE(int(wizard->runPage()->lastSummary().outcome),
             int(ImportSummary::Outcome::Completed));
    QCOMPARE(serverCount(), 200);
    const QJsonArray vector = serverPoint(3).value(QStringLiteral("vector")).toArray();
    const QList<float> expected
        = LocalEmbedder::embedText(QStringLiteral("Batch job 3 moved to spot"), dims).value();
    QCOMPARE(vector.size(), dims);
    for (int i = 0; i < dims; ++i) // cosine collections store normalised vectors
        QVERIFY(qAbs(vector.at(i).toDouble() - expected.at(i)) < 1e-4);
}

void TestImportWizard::saysWhenTheDimensionsDiffer()
{
    // The profile embeds 1536 dimensions; the collection holds 8.
    QByteArray texts;
    for (int n = 1; n <= 10; ++n)
        texts += row(n, 0) + '\n';
    auto wizard = openWizard(writeFile(QStringLiteral("texts8.jsonl"), texts));
    QVERIFY(wizard);
    QVERIFY(next(*wizard));
    ImportMappingPage *mapping = wizard->mappingPage();
    QTRY_VERIFY_WITH_TIMEOUT(mapping->message()->isError(), 10000);
    const QString message = mapping->message()->text();
    QVERIFY2(message.contains(QStringLiteral("1536")) && message.contains(QStringLiteral("8")),
             qPrintable(message));
    QVERIFY(!mapping->isComplete());
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    grab(wizard.get(), QStringLiteral("8-mapping-dimensions"));

    // A vector field of 4 dimensions for the same 8-dimension collection.
    QByteArray vectors;
    for (int n = 1; n <= 10; ++n)
        vectors += row(n, 4) + '\n';
    auto other = openWizard(writeFile(QStringLiteral("vectors4.jsonl"), vectors));
    QVERIFY(other);
    QVERIFY(next(*other));
    const QString fileMessage = other->mappingPage()->message()->text();
    QVERIFY2(fileMessage.contains(QStringLiteral("have 4 dimensions"))
                 && fileMessage.contains(QStringLiteral("expects 8")),
             qPrintable(fileMessage));
    QVERIFY(!other->button(QWizard::NextButton)->isEnabled());
}

void TestImportWizard::refusesReadOnlyAndNoTenant()
{
    auto readOnly = openSession(true);
    QVERIFY(readOnly);
    ImportWizard wizard(readOnly.get(), nullptr, kCollection);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    ImportFilePage *file = wizard.filePage();
    QVERIFY(file->message()->isError());
    QVERIFY2(file->message()->text().contains(QStringLiteral("read-only")),
             qPrintable(file->message()->text()));
    QVERIFY(!file->pathEdit()->isEnabled());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(!wizard.findChild<QMessageBox *>());
    grab(&wizard, QStringLiteral("9-read-only"));

    auto noTenant = openSession(false, false);
    QVERIFY(noTenant);
    ImportWizard other(noTenant.get(), nullptr, kCollection);
    QVERIFY(other.filePage()->message()->text().contains(QStringLiteral("Choose a tenant")));
    QVERIFY(!other.filePage()->isComplete());
}

void TestImportWizard::escapeClosesAtOnceUnlessAnImportRuns()
{
    auto idle = std::make_unique<ImportWizard>(m_session.get(), nullptr, kCollection);
    idle->show();
    QVERIFY(QTest::qWaitForWindowExposed(idle.get()));
    QTest::keyClick(idle.get(), Qt::Key_Escape);
    QVERIFY(!idle->isVisible());
    QCOMPARE(idle->result(), int(QDialog::Rejected));

    QByteArray content;
    for (int n = 1; n <= 3000; ++n)
        content += row(n, 8) + '\n';
    auto wizard = openWizard(writeFile(QStringLiteral("esc.jsonl"), content));
    QVERIFY(wizard);
    QVERIFY(next(*wizard));
    QVERIFY(next(*wizard));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->previewPage()->isComplete(), 10000);
    ImportPipeline *pipeline = wizard->pipeline();
    // Paused at its start, the run stays in progress while Esc is tried.
    connect(pipeline, &ImportPipeline::started, pipeline, &ImportPipeline::pause);
    QVERIFY(next(*wizard, QWizard::CommitButton));
    QTRY_COMPARE(pipeline->state(), ImportPipeline::State::Paused);
    QTest::keyClick(wizard.get(), Qt::Key_Escape);
    QMessageBox *ask = nullptr;
    QTRY_VERIFY((ask = wizard->findChild<QMessageBox *>()) != nullptr);
    QVERIFY(wizard->isVisible());
    QTest::mouseClick(ask->button(QMessageBox::No), Qt::LeftButton);
    QVERIFY(wizard->isVisible());
    QVERIFY(pipeline->isRunning());
    QTest::keyClick(wizard.get(), Qt::Key_Escape);
    QTRY_VERIFY((ask = wizard->findChild<QMessageBox *>()) != nullptr);
    QSignalSpy finished(wizard.get(), &ImportWizard::importFinished);
    QTest::mouseClick(ask->button(QMessageBox::Yes), Qt::LeftButton);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!pipeline->isRunning());
    QVERIFY(!wizard->isVisible());
}

QTEST_MAIN(TestImportWizard)
#include "tst_importwizard.moc"
