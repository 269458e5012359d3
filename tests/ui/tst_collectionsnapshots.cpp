// Snapshots of a collection from the browser's details, offscreen, against a real
// memory-store: created, downloaded to a chosen file with progress (and Cancel, which leaves
// nothing behind), the collection restored from one after its points were deleted, and one
// deleted after a question. What the server holds is checked with a plain client.

#include "collectionbrowser.h"
#include "collectionbrowserfixture.h"
#include "collectiondetails.h"
#include "collectionlistmodel.h"
#include "snapshotspanel.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

class TestCollectionSnapshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { f.start(); }
    void init() { f.reset(); }

    void createdDownloadedRestoredDeleted();

private:
    CollectionBrowserFixture f;
    QTemporaryDir m_downloads;
};

using F = CollectionBrowserFixture;

void TestCollectionSnapshots::createdDownloadedRestoredDeleted()
{
    auto browser = f.openBrowser(f.session.get());
    // memory-store keeps snapshots under <data>/snapshots; Qdrant under its snapshots_path.
    browser->setServerSnapshotFolder(f.store.dataDir() + QStringLiteral("/snapshots"));
    F::selectRow(*browser, QStringLiteral("alpha_notes"));
    CollectionDetails *details = browser->details();
    SnapshotsPanel *panel = details->snapshotsPanel();
    F::showTab(*browser, CollectionDetails::SnapshotsTab);

    QSignalSpy listed(panel, &SnapshotsPanel::snapshotsListed);
    F::click(details->findChild<QPushButton *>(QStringLiteral("createSnapshotButton")));
    QTRY_COMPARE_WITH_TIMEOUT(panel->snapshots().size(), 1, 10000);
    const SnapshotInfo snapshot = panel->snapshots().constFirst();
    QVERIFY(snapshot.size > 0);
    auto *table = details->findChild<QTableWidget *>(QStringLiteral("snapshotTable"));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualItemRect(table->item(0, 0)).center());

    // Download: the file chooser, then progress (and Cancel), then the file.
    QSignalSpy progressed(panel, &SnapshotsPanel::downloadProgressed);
    QSignalSpy finished(panel, &SnapshotsPanel::downloadFinished);
    QSignalSpy failed(panel, &SnapshotsPanel::downloadFailed);
    const auto saveTo = [details](const QString &path) {
        F::click(details->findChild<QPushButton *>(QStringLiteral("downloadSnapshotButton")));
        // The chooser of this download (the last one may not be deleted yet).
        const auto visibleChooser = [details]() -> QFileDialog * {
            for (QFileDialog *dialog : details->findChildren<QFileDialog *>(
                     QStringLiteral("snapshotFileDialog"))) {
                if (dialog->isVisible())
                    return dialog;
            }
            return nullptr;
        };
        QFileDialog *chooser = nullptr;
        QTRY_VERIFY((chooser = visibleChooser()));
        // The path goes in with selectFile(): keys typed into Qt's file-name box offscreen do
        // not reach its selection (it keeps the folder as the selected file), and the chooser
        // is Qt's, not ours. Save is then clicked as a user would.
        chooser->selectFile(path);
        auto *buttons = chooser->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
        QVERIFY(buttons);
        QTRY_VERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
        F::click(buttons->button(QDialogButtonBox::Save));
    };
    // Cancel before the first byte: nothing is saved.
    const QString cancelled = m_downloads.filePath(QStringLiteral("cancelled.snapshot"));
    saveTo(cancelled);
    QVERIFY(details->findChild<QProgressBar *>(QStringLiteral("downloadProgress"))->isVisible());
    F::click(details->findChild<QPushButton *>(QStringLiteral("cancelDownloadButton")));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(0).value<NetError>().kind, NetError::Kind::Cancelled);
    QVERIFY(panel->messageText().contains(QStringLiteral("cancelled")));
    QVERIFY(!QFileInfo::exists(cancelled));
    QVERIFY(finished.isEmpty());

    const QString target = m_downloads.filePath(QStringLiteral("alpha.snapshot"));
    saveTo(target);
    QVERIFY2(finished.wait(20000), qPrintable(panel->messageText()));
    QVERIFY(!progressed.isEmpty());
    const QList<QVariant> &last = progressed.constLast();
    QCOMPARE(last.at(0).toLongLong(), snapshot.size);
    QCOMPARE(finished.at(0).at(0).toString(), target);
    QCOMPARE(finished.at(0).at(1).toLongLong(), snapshot.size);
    QCOMPARE(QFileInfo(target).size(), snapshot.size);
    QVERIFY(!details->findChild<QProgressBar *>(QStringLiteral("downloadProgress"))->isVisible());
    QVERIFY(panel->messageText().contains(QStringLiteral("Saved")));
    F::screenshot(details, "collectiondetails_snapshots.png");

    // Restore after the points are gone: they come back.
    QCOMPARE(f.raw->post(QStringLiteral("/collections/alpha_notes/points/delete?wait=true"),
                         QJsonObject{{QStringLiteral("points"), QJsonArray{1, 2, 3, 4, 5}}})
                 .status,
             200);
    QCOMPARE(qint64(f.onServer(QStringLiteral("alpha_notes"), "points_count").toDouble()), 0);
    F::click(details->findChild<QPushButton *>(QStringLiteral("restoreSnapshotButton")));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = details->findChild<QMessageBox *>(QStringLiteral("restoreConfirmation"))));
    F::screenshot(box, "restoreconfirmation.png");
    QSignalSpy restored(panel, &SnapshotsPanel::collectionRestored);
    F::click(box->findChild<QPushButton *>(QStringLiteral("confirmRestoreButton")));
    QVERIFY2(restored.wait(10000), qPrintable(panel->messageText()));
    QCOMPARE(qint64(f.onServer(QStringLiteral("alpha_notes"), "points_count").toDouble()), 5);
    QTRY_COMPARE(details->overviewValue(QStringLiteral("points")), QStringLiteral("5"));
    QTRY_COMPARE(browser->model()->index(browser->model()->rowOf(QStringLiteral("alpha_notes")),
                                         CollectionListModel::PointsColumn).data().toString(),
                 QStringLiteral("5"));

    // Delete the snapshot, after a question.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualItemRect(table->item(0, 0)).center());
    F::click(details->findChild<QPushButton *>(QStringLiteral("deleteSnapshotButton")));
    QTRY_VERIFY((box = details->findChild<QMessageBox *>(
                     QStringLiteral("deleteSnapshotConfirmation"))));
    F::click(box->findChild<QPushButton *>(QStringLiteral("confirmDeleteSnapshotButton")));
    QTRY_VERIFY(panel->snapshots().isEmpty());
    QCOMPARE(f.raw->get(QStringLiteral("/collections/alpha_notes/snapshots")).result().toArray()
                 .size(), 0);
}

QTEST_MAIN(TestCollectionSnapshots)
#include "tst_collectionsnapshots.moc"
