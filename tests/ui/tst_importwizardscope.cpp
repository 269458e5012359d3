// The import wizard's preview in a tenant scope, driven as a user would, offscreen, against a
// real memory-store: a file with rows of another tenant and rows without the tenant key; the
// preview flags each such row by line (refused / stamped) with counts, and the run that follows
// does exactly that (points written = valid rows, the error report = the refused lines, the
// stamped rows carry the tenant). Screenshot: /tmp/importwizard-scope-preview.png.

#include "consolesession.h"
#include "deterministicpointid.h"
#include "importcheckpoint.h"
#include "importerrorreport.h"
#include "importfilepage.h"
#include "importpreviewpage.h"
#include "importrunpage.h"
#include "importwizard.h"
#include "inlinemessage.h"
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QAbstractButton>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCollection = QStringLiteral("cost_optimization_knowledge");
const QString kTenant = QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
const QString kOther = QStringLiteral("2c5f39cb-3fb2-42e3-994f-1127e4ddb538");

QString key(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

/// Row n: every third of another tenant, every fourth (not third) without customer_id, the
/// others this tenant's; an 8-dim vector made from n.
QByteArray row(int n)
{
    QJsonObject object{{QStringLiteral("optimization_id"), key(n)},
                       {QStringLiteral("outcome"), QStringLiteral("success")},
                       {QStringLiteral("decision_context"),
                        QStringLiteral("Batch job %1 moved to spot").arg(n)}};
    if (n % 3 == 0)
        object.insert(QStringLiteral("customer_id"), kOther);
    else if (n % 4 != 0)
        object.insert(QStringLiteral("customer_id"), kTenant);
    QJsonArray vector;
    for (int d = 0; d < 8; ++d)
        vector.append(double((n * 31 + d * 7) % 97) / 97.0 + 0.01);
    object.insert(QStringLiteral("vector"), vector);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

enum Column { LineColumn, StatusColumn, TenantColumn };

} // namespace

class TestImportWizardScope : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void previewFlagsOtherTenantsAsTheRunDoes();

private:
    bool next(ImportWizard &wizard, QWizard::WizardButton button = QWizard::NextButton);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    QTemporaryDir m_dir;
};

void TestImportWizardScope::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    const QJsonObject config{{QStringLiteral("vectors"),
                              QJsonObject{{QStringLiteral("size"), 8},
                                          {QStringLiteral("distance"), QStringLiteral("Cosine")}}}};
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kCollection, config).status, 200);
}

bool TestImportWizardScope::next(ImportWizard &wizard, QWizard::WizardButton button)
{
    const int before = wizard.currentId();
    QAbstractButton *target = wizard.button(button);
    if (!target->isVisible() || !target->isEnabled())
        return false;
    QTest::mouseClick(target, Qt::LeftButton);
    return wizard.currentId() != before;
}

void TestImportWizardScope::previewFlagsOtherTenantsAsTheRunDoes()
{
    ConsoleSession session;
    const ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("scope test"), QUrl(m_store.baseUrl()));
    QSignalSpy opened(&session, &ConsoleSession::opened);
    session.open(profile, QString());
    QVERIFY(opened.wait(10000));
    const auto scope = TenantScope::forProfile(profile, kTenant);
    QVERIFY(scope.ok());
    session.setScope(scope.value());

    constexpr int kRows = 24;
    QByteArray content;
    for (int n = 1; n <= kRows; ++n)
        content += row(n) + '\n';
    const QString path = m_dir.filePath(QStringLiteral("mixed-tenants.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(content) == content.size());
    file.close();

    ImportWizard wizard(&session, nullptr, kCollection);
    wizard.resize(1000, 640);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    ImportFilePage *filePage = wizard.filePage();
    filePage->pathEdit()->setFocus();
    QTest::keyClicks(filePage->pathEdit(), path);
    QTRY_VERIFY_WITH_TIMEOUT(filePage->isComplete(), 10000);
    QVERIFY(next(wizard));
    QVERIFY(next(wizard));

    ImportPreviewPage *preview = wizard.previewPage();
    QTRY_VERIFY_WITH_TIMEOUT(preview->isComplete(), 10000);
    QTableWidget *table = preview->table();
    QCOMPARE(table->rowCount(), kRows);
    QList<qint64> refusedLines;
    QList<qint64> stampedLines;
    for (int r = 0; r < table->rowCount(); ++r) {
        const qint64 line = table->item(r, LineColumn)->text().toLongLong();
        const QString tenant = table->item(r, TenantColumn)->text();
        const QString status = table->item(r, StatusColumn)->text();
        if (tenant == QStringLiteral("refused")) {
            refusedLines << line;
            QVERIFY2(status.startsWith(QStringLiteral("Refused: customer_id: ")),
                     qPrintable(status));
            QVERIFY2(status.contains(kOther), qPrintable(status));
        } else if (tenant == QStringLiteral("stamped")) {
            stampedLines << line;
            QCOMPARE(status, QStringLiteral("OK"));
            QVERIFY(table->item(r, TenantColumn)->toolTip().contains(kTenant));
        } else {
            QCOMPARE(tenant, QStringLiteral("this tenant"));
        }
    }
    QCOMPARE(refusedLines, (QList<qint64>{3, 6, 9, 12, 15, 18, 21, 24}));
    QCOMPARE(stampedLines, (QList<qint64>{4, 8, 16, 20}));
    QCOMPARE(preview->summaryLabel()->text(), QStringLiteral("16 valid, 8 with errors"));
    QVERIFY(preview->tenantLabel()->isVisible());
    const QString tenantText = preview->tenantLabel()->text();
    QVERIFY2(tenantText.contains(
                 QStringLiteral("8 rows hold another tenant's customer_id: the import refuses "
                                "them."))
                 && tenantText.contains(QStringLiteral("4 rows have no customer_id: the import "
                                                       "writes tenant ")
                                        + kTenant)
                 && tenantText.contains(QStringLiteral("12 rows already belong to tenant")),
             qPrintable(tenantText));
    QVERIFY(wizard.grab().save(QStringLiteral("/tmp/importwizard-scope-preview.png")));

    // The run does what the preview said.
    QSignalSpy finished(&wizard, &ImportWizard::importFinished);
    QVERIFY(next(wizard, QWizard::CommitButton));
    QVERIFY(finished.wait(30000));
    ImportRunPage *run = wizard.runPage();
    const ImportSummary summary = run->lastSummary();
    QCOMPARE(int(summary.outcome), int(ImportSummary::Outcome::Completed));
    QCOMPARE(summary.pointsWritten, qint64(preview->validRows()));
    QCOMPARE(summary.rowsFailed, qint64(preview->invalidRows()));
    QCOMPARE(summary.rowsFailed, qint64(preview->refusedRows()));
    const auto report = ImportErrorReport::read(ImportErrorReport::pathFor(path));
    QVERIFY(report.ok());
    QList<qint64> reported;
    for (const ImportRowError &error : report.value())
        reported << error.line;
    QCOMPARE(reported, refusedLines);
    QVERIFY(wizard.grab().save(QStringLiteral("/tmp/importwizard-scope-run.png")));
    const qint64 count = m_raw
                             ->post(QStringLiteral("/collections/%1/points/count").arg(kCollection),
                                    QJsonObject{{QStringLiteral("exact"), true}})
                             .result()
                             .toObject()
                             .value(QStringLiteral("count"))
                             .toInteger(-1);
    QCOMPARE(count, qint64(preview->validRows()));
    for (qint64 line : stampedLines) {
        const QString id = DeterministicPointId::forKey(key(int(line))).toString();
        const QJsonObject point
            = m_raw->get(QStringLiteral("/collections/%1/points/%2").arg(kCollection, id))
                  .result()
                  .toObject();
        QCOMPARE(point.value(QStringLiteral("payload"))
                     .toObject()
                     .value(QStringLiteral("customer_id"))
                     .toString(),
                 kTenant);
    }
    const QString refusedId = DeterministicPointId::forKey(key(3)).toString();
    QCOMPARE(m_raw->get(QStringLiteral("/collections/%1/points/%2").arg(kCollection, refusedId))
                 .status,
             404);
}

QTEST_MAIN(TestImportWizardScope)
#include "tst_importwizardscope.moc"
