// ExportDialog driven offscreen against a real memory-store: a user picks CSV, types a file
// name and clicks Export; the file holds the scoped tenant's points only; Cancel during an
// export leaves no file; a missing folder and a closed server show inline errors.

#include "consolesession.h"
#include "exportdialog.h"
#include "inlinemessage.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCollection = QStringLiteral("cost_optimization_knowledge");

} // namespace

class TestExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exportsCsvOfTheTenant();
    void formatChangesTheExtension();
    void cancelDuringExportLeavesNoFile();
    void missingFolderIsAnInlineError();
    void serverDownIsAnInlineError();

private:
    void typePath(ExportDialog &dialog, const QString &path);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    ConnectionProfile m_profile;
    QTemporaryDir m_dir;
};

void TestExportDialog::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kCollection,
                        vectorsConfig(4, QStringLiteral("Cosine")))
                 .status,
             200);
    QJsonArray points;
    for (int id = 1; id <= 600; ++id) {
        points.append(QJsonObject{
            {QStringLiteral("id"), id},
            {QStringLiteral("vector"), QJsonArray{1.0, double(id % 7), 0.5, 0.25}},
            {QStringLiteral("payload"),
             QJsonObject{{QStringLiteral("customer_id"),
                          id % 2 ? QStringLiteral("acme") : QStringLiteral("globex")},
                         {QStringLiteral("decision_context"),
                          QStringLiteral("Spot, for batch %1").arg(id)}}}});
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
    m_session->setScope(TenantScope::forProfile(m_profile, QStringLiteral("acme")).value());
}

void TestExportDialog::typePath(ExportDialog &dialog, const QString &path)
{
    dialog.pathEdit()->selectAll();
    QTest::keyClick(dialog.pathEdit(), Qt::Key_Backspace);
    QTest::keyClicks(dialog.pathEdit(), path);
}

void TestExportDialog::exportsCsvOfTheTenant()
{
    ExportDialog dialog(m_session.get(), kCollection, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.formatBox()->setCurrentIndex(1); // CSV
    const QString path = m_dir.filePath(QStringLiteral("acme.csv"));
    typePath(dialog, path);
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isExporting(), 20000);
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("Exported 300 points")),
             qPrintable(dialog.messageText()));
    QCOMPARE(dialog.progressBar()->value(), dialog.progressBar()->maximum());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.constFirst(), QByteArray("id,customer_id,decision_context\r"));
    QCOMPARE(lines.size(), 302); // header, 300 rows, and the empty rest after the last CRLF
    for (qsizetype i = 1; i < lines.size() - 1; ++i)
        QVERIFY2(lines.at(i).contains(",acme,\"Spot, for batch "), lines.at(i).constData());
    dialog.grab().save(QStringLiteral("/tmp/exportdialog.png"));
}

void TestExportDialog::formatChangesTheExtension()
{
    ExportDialog dialog(m_session.get(), kCollection, {});
    typePath(dialog, m_dir.filePath(QStringLiteral("notes.jsonl")));
    dialog.formatBox()->setCurrentIndex(1);
    QCOMPARE(dialog.pathEdit()->text(), m_dir.filePath(QStringLiteral("notes.csv")));
    dialog.formatBox()->setCurrentIndex(0);
    QCOMPARE(dialog.pathEdit()->text(), m_dir.filePath(QStringLiteral("notes.jsonl")));
}

void TestExportDialog::cancelDuringExportLeavesNoFile()
{
    ExportDialog dialog(m_session.get(), kCollection, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString path = m_dir.filePath(QStringLiteral("cancelled.jsonl"));
    typePath(dialog, path);
    dialog.vectorsBox()->setChecked(true);
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QVERIFY(dialog.isExporting());
    QCOMPARE(dialog.cancelButton()->text(), QStringLiteral("Cancel"));
    QVERIFY(!dialog.exportButton()->isEnabled());
    QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
    QVERIFY(!dialog.isExporting());
    QVERIFY(dialog.isVisible()); // the dialog stays to say what happened
    QCOMPARE(dialog.messageText(), QStringLiteral("Export cancelled; no file was written."));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(dialog.cancelButton()->text(), QStringLiteral("Close"));
    QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
    QVERIFY(!dialog.isVisible());
}

void TestExportDialog::missingFolderIsAnInlineError()
{
    ExportDialog dialog(m_session.get(), kCollection, {});
    dialog.show();
    typePath(dialog, m_dir.filePath(QStringLiteral("missing/folder/x.jsonl")));
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QVERIFY(!dialog.isExporting());
    QVERIFY2(dialog.messageText().contains(QStringLiteral("does not exist")),
             qPrintable(dialog.messageText()));
    typePath(dialog, QString());
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QCOMPARE(dialog.messageText(), QStringLiteral("Choose a file to export to."));
}

void TestExportDialog::serverDownIsAnInlineError()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    ConsoleSession down;
    const ConnectionProfile profile = ConnectionProfile::create(
        QStringLiteral("down"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    down.open(profile, QString());
    down.setScope(TenantScope::forProfile(profile, QStringLiteral("acme")).value());
    ExportDialog dialog(&down, kCollection, {});
    dialog.show();
    const QString path = m_dir.filePath(QStringLiteral("down.jsonl"));
    typePath(dialog, path);
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isExporting(), 30000);
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("Export of %1 failed")
                                                 .arg(kCollection)),
             qPrintable(dialog.messageText()));
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
