// The collection browser, offscreen, against a real memory-store, driven as a user would:
// filter by typing, create from a template through the dialog, delete after typing the name,
// indexes and aliases from the details, snapshots created, downloaded with progress and
// restored, and a read-only profile that offers no change (and is refused one when asked).
// What the server holds is checked with a plain client.

#include "aliasespanel.h"
#include "collectionbrowser.h"
#include "collectiondetails.h"
#include "collectionlistmodel.h"
#include "consolesession.h"
#include "createcollectiondialog.h"
#include "indexespanel.h"
#include "memorystoreprocess.h"
#include "snapshotspanel.h"
#include "storeclient.h"
#include "typedconfirmdialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

#include <memory>

namespace {

QJsonObject vectors(int size, const char *distance)
{
    return {{QStringLiteral("vectors"),
             QJsonObject{{QStringLiteral("size"), size},
                         {QStringLiteral("distance"), QString::fromLatin1(distance)}}}};
}

void click(QWidget *widget)
{
    QVERIFY(widget);
    QVERIFY2(widget->isEnabled(), qPrintable(widget->objectName()));
    QTest::mouseClick(widget, Qt::LeftButton);
}

} // namespace

class TestCollectionBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void typingInTheSearchBoxFiltersRows();
    void doubleClickAndEnterOpenTheCollection();
    void createFromATemplateThroughTheDialog();
    void fromScratchWithNamedVectors();
    void tenantScopeProposesTheTenantsName();
    void deleteNeedsTheTypedName();
    void indexesAndAliasesFromTheDetails();
    void snapshotCreatedDownloadedRestoredDeleted();
    void readOnlyProfileOffersNoChange();

private:
    /// A browser on `session`, shown, active, its list and details loaded.
    std::unique_ptr<CollectionBrowser> openBrowser(ConsoleSession *session);
    void selectRow(CollectionBrowser &browser, const QString &name);
    void showTab(CollectionBrowser &browser, int tab);
    qint64 pointsOnServer(const QString &collection);
    /// A value of the collection's info on the server, by its path of keys.
    QJsonValue onServer(const QString &collection, const char *path);
    void screenshot(QWidget *widget, const char *name);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    QTemporaryDir m_downloads;
};

void TestCollectionBrowser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Qt's own file chooser, which a test can type into (a platform's native one would be
    // driven by the platform, out of the test's reach).
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = std::make_unique<ConsoleSession>();
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(ConnectionProfile::create(QStringLiteral("test"), QUrl(m_store.baseUrl())),
                    QString());
    QVERIFY(opened.wait(10000));
}

void TestCollectionBrowser::init()
{
    m_session->setScope(TenantScope::allTenants());
    const QJsonArray all = m_raw->get(QStringLiteral("/collections")).result().toObject()
                               .value(QStringLiteral("collections")).toArray();
    for (const QJsonValue &c : all)
        m_raw->del(QStringLiteral("/collections/")
                   + c.toObject().value(QStringLiteral("name")).toString());
    for (const char *name : {"alpha_notes", "beta_notes", "gamma_log"})
        QCOMPARE(m_raw->put(QStringLiteral("/collections/") + QString::fromLatin1(name),
                            vectors(4, "Dot")).status, 200);
    QJsonArray points;
    for (int id = 1; id <= 5; ++id) {
        points.append(QJsonObject{
            {QStringLiteral("id"), id},
            {QStringLiteral("vector"), QJsonArray{double(id), 0.5, -0.25, 1.0}},
            {QStringLiteral("payload"),
             QJsonObject{{QStringLiteral("customer_id"), QStringLiteral("acme")},
                         {QStringLiteral("text"), QStringLiteral("note %1").arg(id)}}}});
    }
    QCOMPARE(m_raw->put(QStringLiteral("/collections/alpha_notes/points?wait=true"),
                        QJsonObject{{QStringLiteral("points"), points}}).status, 200);
}

std::unique_ptr<CollectionBrowser> TestCollectionBrowser::openBrowser(ConsoleSession *session)
{
    auto browser = std::make_unique<CollectionBrowser>(session);
    browser->resize(1200, 720);
    QSignalSpy loaded(browser->model(), &CollectionListModel::detailsLoaded);
    browser->show();
    // Shortcuts (Ctrl+F, Del) only reach the active window.
    browser->activateWindow();
    if (!QTest::qWaitForWindowActive(browser.get()))
        qWarning("the browser did not become the active window");
    browser->reload();
    if (!loaded.wait(10000))
        qWarning("the collection list did not load");
    return browser;
}

void TestCollectionBrowser::selectRow(CollectionBrowser &browser, const QString &name)
{
    QTableView *table = browser.table();
    const QModelIndex source = browser.model()->index(browser.model()->rowOf(name), 0);
    const QModelIndex index = browser.proxy()->mapFromSource(source);
    QVERIFY2(index.isValid(), qPrintable(name));
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    // The click's focus change is the window system's job, which offscreen QTest does not do.
    table->setFocus(Qt::MouseFocusReason);
    QCOMPARE(browser.selectedCollection(), name);
}

void TestCollectionBrowser::showTab(CollectionBrowser &browser, int tab)
{
    QTabWidget *tabs = browser.details()->tabs();
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(tab).center());
    QCOMPARE(tabs->currentIndex(), tab);
}

qint64 TestCollectionBrowser::pointsOnServer(const QString &collection)
{
    const auto response = m_raw->get(QStringLiteral("/collections/") + collection);
    return response.status == 200
        ? qint64(response.result().toObject().value(QStringLiteral("points_count")).toDouble())
        : -1;
}

QJsonValue TestCollectionBrowser::onServer(const QString &collection, const char *path)
{
    QJsonValue value = m_raw->get(QStringLiteral("/collections/") + collection).result();
    for (const QString &key : QString::fromLatin1(path).split(QLatin1Char('.')))
        value = value.toObject().value(key);
    return value;
}

void TestCollectionBrowser::screenshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("MC_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget->grab().save(dir + QLatin1Char('/') + QString::fromLatin1(name)));
}

void TestCollectionBrowser::typingInTheSearchBoxFiltersRows()
{
    auto browser = openBrowser(m_session.get());
    QCOMPARE(browser->table()->model()->rowCount(), 3);
    QLabel *count = browser->findChild<QLabel *>(QStringLiteral("collectionCount"));
    QCOMPARE(count->text(), QStringLiteral("3 collections"));

    // Ctrl+F from the table puts the cursor in the search box.
    browser->table()->setFocus();
    QTest::keyClick(browser->table(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(browser->searchBox()->hasFocus());
    QTest::keyClicks(browser->searchBox(), QStringLiteral("NOTES"));
    QCOMPARE(browser->table()->model()->rowCount(), 2);
    QCOMPARE(count->text(), QStringLiteral("2 of 3 shown"));
    QTest::keyClicks(browser->searchBox(), QStringLiteral("x"));
    QCOMPARE(browser->table()->model()->rowCount(), 0);
    // Delete in the search box edits the text; it never deletes a collection.
    QTest::keyClick(browser->searchBox(), Qt::Key_Backspace);
    QTest::keyClick(browser->searchBox(), Qt::Key_Home);
    QTest::keyClick(browser->searchBox(), Qt::Key_Delete);
    QCOMPARE(browser->searchBox()->text(), QStringLiteral("OTES"));
    QVERIFY(!browser->findChild<TypedConfirmDialog *>());
    QCOMPARE(browser->table()->model()->rowCount(), 2);
    browser->searchBox()->clear();
    QCOMPARE(browser->table()->model()->rowCount(), 3);
    screenshot(browser.get(), "collectionbrowser.png");
}

void TestCollectionBrowser::doubleClickAndEnterOpenTheCollection()
{
    auto browser = openBrowser(m_session.get());
    QSignalSpy activated(browser.get(), &CollectionBrowser::collectionActivated);
    QTableView *table = browser->table();
    const QModelIndex beta = browser->proxy()->index(1, 0);
    QCOMPARE(beta.data().toString(), QStringLiteral("beta_notes"));
    // A double click is a click and then the second press.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(beta).center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(beta).center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("beta_notes"));
    selectRow(*browser, QStringLiteral("gamma_log"));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).at(0).toString(), QStringLiteral("gamma_log"));
}

void TestCollectionBrowser::createFromATemplateThroughTheDialog()
{
    auto browser = openBrowser(m_session.get());
    auto *toolBar = browser->findChild<QToolBar *>();
    click(toolBar->widgetForAction(browser->newCollectionAction()));
    CreateCollectionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = browser->findChild<CreateCollectionDialog *>()) && dialog->isVisible());
    QVERIFY(!browser->newCollectionAction()->isEnabled()); // one form at a time

    // Down twice in "Start from": the customer-context template.
    auto *source = dialog->findChild<QComboBox *>(QStringLiteral("sourceBox"));
    source->setFocus();
    QTest::keyClick(source, Qt::Key_Down);
    QTest::keyClick(source, Qt::Key_Down);
    QCOMPARE(dialog->source(), CreateCollectionDialog::CustomerTemplate);
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QCOMPARE(name->text(), QStringLiteral("customer_context"));
    const QString preview = dialog->previewText();
    QVERIFY2(preview.contains(QStringLiteral("Vectors: 1536 · Cosine")), qPrintable(preview));
    QVERIFY2(preview.contains(QStringLiteral("customer_id — keyword, tenant key (is_tenant)")),
             qPrintable(preview));
    QVERIFY2(preview.contains(QStringLiteral("content — text")), qPrintable(preview));
    screenshot(dialog, "createcollectiondialog.png");

    // A name that is taken is refused by the server and said in the dialog.
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("gamma_log"));
    click(dialog->findChild<QPushButton *>(QStringLiteral("createButton")));
    QTRY_VERIFY(dialog->messageText().contains(QStringLiteral("was not created")));
    QVERIFY(dialog->isVisible());
    // A name Qdrant would refuse never leaves the dialog.
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("a/b"));
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("createButton"))->isEnabled());
    QVERIFY(dialog->messageText().contains(QStringLiteral("\"/\"")));

    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("customer_context"));
    QSignalSpy created(dialog, &CreateCollectionDialog::collectionCreated);
    click(dialog->findChild<QPushButton *>(QStringLiteral("createButton")));
    QVERIFY(created.wait(10000));
    QTRY_VERIFY(!browser->findChild<CreateCollectionDialog *>());
    QTRY_COMPARE(browser->selectedCollection(), QStringLiteral("customer_context"));
    QCOMPARE(browser->model()->rowCount(), 4);

    const QString made = QStringLiteral("customer_context");
    QVERIFY(onServer(made, "payload_schema.customer_id.params.is_tenant").toBool());
    QCOMPARE(onServer(made, "payload_schema.content.data_type").toString(),
             QStringLiteral("text"));
    // The details show what was made.
    QTRY_VERIFY(browser->details()->indexesPanel()->fields().contains(
        QStringLiteral("applies_to_agents")));
    QCOMPARE(browser->details()->overviewValue(QStringLiteral("vectors")),
             QStringLiteral("1536 dimensions · Cosine"));
}

void TestCollectionBrowser::fromScratchWithNamedVectors()
{
    auto browser = openBrowser(m_session.get());
    browser->table()->setFocus();
    QTest::keyClick(browser->table(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    CreateCollectionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = browser->findChild<CreateCollectionDialog *>()) && dialog->isVisible());
    auto *source = dialog->findChild<QComboBox *>(QStringLiteral("sourceBox"));
    source->setFocus();
    QTest::keyClick(source, Qt::Key_End);
    QCOMPARE(dialog->source(), CreateCollectionDialog::FromScratch);
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("scratch_named"));
    QVERIFY2(dialog->previewText().contains(QStringLiteral("Vectors: 1536 · Cosine")),
             qPrintable(dialog->previewText()));
    QVERIFY(dialog->previewText().contains(QStringLiteral("Payload indexes: none")));
    // A second vector: both get names.
    click(dialog->findChild<QPushButton *>(QStringLiteral("addVectorButton")));
    QVERIFY2(dialog->previewText().contains(
                 QStringLiteral("Vectors: text: 1536 · Cosine, vector2: 512 · Cosine")),
             qPrintable(dialog->previewText()));
    // Two vectors of one name are one vector: the form says so and offers no Create.
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("vectorTable"));
    table->item(1, 0)->setText(QStringLiteral("text"));
    QVERIFY(!dialog->plan().ok());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("createButton"))->isEnabled());
    QVERIFY2(dialog->messageText().contains(QStringLiteral("Two vectors are named")),
             qPrintable(dialog->messageText()));
    table->item(1, 0)->setText(QStringLiteral("image"));
    screenshot(dialog, "createcollectiondialog_scratch.png");
    QSignalSpy created(dialog, &CreateCollectionDialog::collectionCreated);
    click(dialog->findChild<QPushButton *>(QStringLiteral("createButton")));
    QVERIFY(created.wait(10000));
    const QString made = QStringLiteral("scratch_named");
    QCOMPARE(onServer(made, "config.params.vectors.image.size").toInt(), 512);
    QCOMPARE(onServer(made, "config.params.vectors.text.size").toInt(), 1536);
    QTRY_COMPARE(browser->model()->index(browser->model()->rowOf(QStringLiteral("scratch_named")),
                                         CollectionListModel::VectorsColumn).data().toString(),
                 QStringLiteral("image: 512 · Cosine, text: 1536 · Cosine"));
}

void TestCollectionBrowser::tenantScopeProposesTheTenantsName()
{
    m_session->setScope(TenantScope::forTenant(
        QStringLiteral("acme"), QStringLiteral("customer_id"),
        CollectionPattern::parse(QStringLiteral("company_{id}_{type}")).value()).value());
    QCOMPARE(m_raw->put(QStringLiteral("/collections/company_globex_notes"),
                        vectors(4, "Dot")).status, 200);
    auto browser = openBrowser(m_session.get());
    // The shared collections and none of globex's.
    QCOMPARE(browser->model()->rowOf(QStringLiteral("company_globex_notes")), -1);
    QVERIFY(browser->model()->rowOf(QStringLiteral("alpha_notes")) >= 0);
    // A shared collection cannot be deleted from a tenant scope: it holds other tenants' points.
    selectRow(*browser, QStringLiteral("alpha_notes"));
    QVERIFY(!browser->deleteCollectionAction()->isEnabled());
    auto *note = browser->details()->findChild<QLabel *>(QStringLiteral("accessNote"));
    QVERIFY(note->isVisible());
    QVERIFY(!browser->details()->findChild<QPushButton *>(
        QStringLiteral("createIndexButton"))->isEnabled());

    browser->table()->setFocus();
    QTest::keyClick(browser->table(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    CreateCollectionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = browser->findChild<CreateCollectionDialog *>()) && dialog->isVisible());
    dialog->findChild<QComboBox *>(QStringLiteral("sourceBox"))->setFocus();
    QTest::keyClick(dialog->findChild<QComboBox *>(QStringLiteral("sourceBox")), Qt::Key_Down);
    QCOMPARE(dialog->collectionName(), QStringLiteral("company_acme_performance_patterns"));
    auto *tenant = dialog->findChild<QLineEdit *>(QStringLiteral("tenantEdit"));
    QCOMPARE(tenant->text(), QStringLiteral("acme"));
    QVERIFY(tenant->isReadOnly());
    screenshot(dialog, "createcollectiondialog_tenant.png");

    // Another tenant's name is refused before anything is sent.
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("company_globex_performance_patterns"));
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("createButton"))->isEnabled());
    QVERIFY(!dialog->messageText().isEmpty());
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("company_acme_performance_patterns"));
    click(dialog->findChild<QPushButton *>(QStringLiteral("createButton")));
    QTRY_COMPARE_WITH_TIMEOUT(browser->selectedCollection(),
                              QStringLiteral("company_acme_performance_patterns"), 10000);
    QCOMPARE(m_raw->get(QStringLiteral("/collections/company_acme_performance_patterns")).status,
             200);
    QCOMPARE(m_raw->get(QStringLiteral("/collections/company_globex_performance_patterns"))
                 .status, 404);
    // Its own collection: deletable from the tenant scope.
    QVERIFY(browser->deleteCollectionAction()->isEnabled());
}

void TestCollectionBrowser::deleteNeedsTheTypedName()
{
    auto browser = openBrowser(m_session.get());
    selectRow(*browser, QStringLiteral("beta_notes"));
    QTest::keyClick(browser->table(), Qt::Key_Delete);
    TypedConfirmDialog *confirm = nullptr;
    QTRY_VERIFY((confirm = browser->findChild<TypedConfirmDialog *>()) && confirm->isVisible());
    QVERIFY(confirm->findChild<QLabel *>(QStringLiteral("confirmMessage"))->text()
                .contains(QStringLiteral("beta_notes")));

    // A wrong name: the button stays off and Enter does nothing.
    QTest::keyClicks(confirm->input(), QStringLiteral("beta_note"));
    QVERIFY(!confirm->confirmButton()->isEnabled());
    QTest::keyClick(confirm->input(), Qt::Key_Return);
    QVERIFY(confirm->isVisible());
    QTest::keyClicks(confirm->input(), QStringLiteral("S"));
    QVERIFY(!confirm->confirmButton()->isEnabled()); // names are case-sensitive
    screenshot(confirm, "typedconfirmdialog.png");
    QTest::keyClick(confirm->input(), Qt::Key_Escape);
    QTRY_VERIFY(!browser->findChild<TypedConfirmDialog *>());
    QCOMPARE(m_raw->get(QStringLiteral("/collections/beta_notes")).status, 200);
    QVERIFY(browser->model()->rowOf(QStringLiteral("beta_notes")) >= 0);

    // The right name: deleted. (The window system gives the browser its focus back once the
    // dialog is gone; offscreen, the test does.)
    QSignalSpy deleted(browser.get(), &CollectionBrowser::collectionDeleted);
    browser->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(browser.get()));
    browser->table()->setFocus();
    QTest::keyClick(browser->table(), Qt::Key_Delete);
    QTRY_VERIFY((confirm = browser->findChild<TypedConfirmDialog *>()) && confirm->isVisible());
    QTest::keyClicks(confirm->input(), QStringLiteral("beta_notes"));
    QVERIFY(confirm->confirmButton()->isEnabled());
    click(confirm->confirmButton());
    QVERIFY(deleted.wait(10000));
    QCOMPARE(m_raw->get(QStringLiteral("/collections/beta_notes")).status, 404);
    QTRY_COMPARE(browser->model()->rowOf(QStringLiteral("beta_notes")), -1);
    QVERIFY(browser->messageText().contains(QStringLiteral("Deleted")));
}

void TestCollectionBrowser::indexesAndAliasesFromTheDetails()
{
    auto browser = openBrowser(m_session.get());
    selectRow(*browser, QStringLiteral("alpha_notes"));
    CollectionDetails *details = browser->details();
    QTRY_COMPARE(details->overviewValue(QStringLiteral("points")), QStringLiteral("5"));

    showTab(*browser, CollectionDetails::IndexesTab);
    auto *field = details->findChild<QLineEdit *>(QStringLiteral("indexField"));
    QTest::keyClicks(field, QStringLiteral("customer_id"));
    auto *tenant = details->findChild<QCheckBox *>(QStringLiteral("indexIsTenant"));
    QVERIFY(tenant->isEnabled()); // keyword is the default type
    QTest::mouseClick(tenant, Qt::LeftButton, {}, QPoint(4, tenant->height() / 2));
    QVERIFY(tenant->isChecked());
    click(details->findChild<QPushButton *>(QStringLiteral("createIndexButton")));
    QTRY_VERIFY(details->indexesPanel()->fields().contains(QStringLiteral("customer_id")));
    const QString alpha = QStringLiteral("alpha_notes");
    QVERIFY(onServer(alpha, "payload_schema.customer_id.params.is_tenant").toBool());
    auto *indexTable = details->findChild<QTableWidget *>(QStringLiteral("indexTable"));
    QCOMPARE(indexTable->item(0, 3)->text(), QStringLiteral("tenant"));
    QCOMPARE(indexTable->item(0, 2)->text(), QStringLiteral("5"));
    screenshot(details, "collectiondetails_indexes.png");

    // Drop it again.
    QTest::mouseClick(indexTable->viewport(), Qt::LeftButton, {},
                      indexTable->visualItemRect(indexTable->item(0, 0)).center());
    click(details->findChild<QPushButton *>(QStringLiteral("dropIndexButton")));
    QTRY_VERIFY(details->indexesPanel()->fields().isEmpty());
    QVERIFY(onServer(alpha, "payload_schema").toObject().isEmpty());

    // An alias, shown in the list too; renamed; deleted after a question.
    showTab(*browser, CollectionDetails::AliasesTab);
    auto *aliasName = details->findChild<QLineEdit *>(QStringLiteral("aliasName"));
    QTest::keyClicks(aliasName, QStringLiteral("alpha_live"));
    click(details->findChild<QPushButton *>(QStringLiteral("createAliasButton")));
    QTRY_COMPARE(details->aliasesPanel()->aliases(), QStringList{QStringLiteral("alpha_live")});
    QTRY_COMPARE(browser->model()->aliasesOf(QStringLiteral("alpha_notes")),
                 QStringList{QStringLiteral("alpha_live")});
    auto *aliasList = details->findChild<QListWidget *>(QStringLiteral("aliasList"));
    QTest::mouseClick(aliasList->viewport(), Qt::LeftButton, {},
                      aliasList->visualItemRect(aliasList->item(0)).center());
    QTest::keyClicks(aliasName, QStringLiteral("alpha_prod"));
    click(details->findChild<QPushButton *>(QStringLiteral("renameAliasButton")));
    QTRY_COMPARE(details->aliasesPanel()->aliases(), QStringList{QStringLiteral("alpha_prod")});
    QTRY_COMPARE(browser->model()->aliasesOf(QStringLiteral("alpha_notes")),
                 QStringList{QStringLiteral("alpha_prod")});
    screenshot(details, "collectiondetails_aliases.png");
    QTest::mouseClick(aliasList->viewport(), Qt::LeftButton, {},
                      aliasList->visualItemRect(aliasList->item(0)).center());
    click(details->findChild<QPushButton *>(QStringLiteral("deleteAliasButton")));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = details->findChild<QMessageBox *>(
                     QStringLiteral("deleteAliasConfirmation"))));
    click(box->findChild<QPushButton *>(QStringLiteral("confirmDeleteAliasButton")));
    QTRY_VERIFY(details->aliasesPanel()->aliases().isEmpty());
    QTRY_VERIFY(browser->model()->aliasesOf(QStringLiteral("alpha_notes")).isEmpty());
    QCOMPARE(m_raw->get(QStringLiteral("/aliases")).result().toObject()
                 .value(QStringLiteral("aliases")).toArray().size(), 0);
}

void TestCollectionBrowser::snapshotCreatedDownloadedRestoredDeleted()
{
    auto browser = openBrowser(m_session.get());
    // memory-store keeps snapshots under <data>/snapshots; Qdrant under its snapshots_path.
    browser->setServerSnapshotFolder(m_store.dataDir() + QStringLiteral("/snapshots"));
    selectRow(*browser, QStringLiteral("alpha_notes"));
    CollectionDetails *details = browser->details();
    SnapshotsPanel *panel = details->snapshotsPanel();
    showTab(*browser, CollectionDetails::SnapshotsTab);

    QSignalSpy listed(panel, &SnapshotsPanel::snapshotsListed);
    click(details->findChild<QPushButton *>(QStringLiteral("createSnapshotButton")));
    QTRY_COMPARE_WITH_TIMEOUT(panel->snapshots().size(), 1, 10000);
    const SnapshotInfo snapshot = panel->snapshots().constFirst();
    QVERIFY(snapshot.size > 0);
    auto *table = details->findChild<QTableWidget *>(QStringLiteral("snapshotTable"));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualItemRect(table->item(0, 0)).center());

    // Download: the file chooser, then progress, then the file.
    QSignalSpy progressed(panel, &SnapshotsPanel::downloadProgressed);
    QSignalSpy finished(panel, &SnapshotsPanel::downloadFinished);
    click(details->findChild<QPushButton *>(QStringLiteral("downloadSnapshotButton")));
    QFileDialog *chooser = nullptr;
    QTRY_VERIFY((chooser = details->findChild<QFileDialog *>(
                     QStringLiteral("snapshotFileDialog"))) && chooser->isVisible());
    const QString target = m_downloads.filePath(QStringLiteral("alpha.snapshot"));
    // The path goes in with selectFile(): keys typed into Qt's file-name box offscreen do not
    // reach its selection (QFileDialog keeps the folder as the selected file), and the chooser
    // is Qt's, not ours. Save is then clicked as a user would.
    chooser->selectFile(target);
    auto *chooserButtons = chooser->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    QVERIFY(chooserButtons);
    QTRY_VERIFY(chooserButtons->button(QDialogButtonBox::Save)->isEnabled());
    click(chooserButtons->button(QDialogButtonBox::Save));
    QVERIFY2(finished.wait(20000), qPrintable(panel->messageText() + QStringLiteral(" | dialog ")
                                              + (chooser && chooser->isVisible()
                                                     ? QStringLiteral("open")
                                                     : QStringLiteral("closed"))));
    QVERIFY(!progressed.isEmpty());
    const QList<QVariant> last = progressed.constLast();
    QCOMPARE(last.at(0).toLongLong(), snapshot.size);
    QCOMPARE(finished.at(0).at(0).toString(), target);
    QCOMPARE(finished.at(0).at(1).toLongLong(), snapshot.size);
    QCOMPARE(QFileInfo(target).size(), snapshot.size);
    QVERIFY(!details->findChild<QProgressBar *>(QStringLiteral("downloadProgress"))->isVisible());
    QVERIFY(panel->messageText().contains(QStringLiteral("Saved")));
    screenshot(details, "collectiondetails_snapshots.png");

    // Restore after the points are gone: they come back.
    QCOMPARE(m_raw->post(QStringLiteral("/collections/alpha_notes/points/delete?wait=true"),
                         QJsonObject{{QStringLiteral("points"), QJsonArray{1, 2, 3, 4, 5}}})
                 .status,
             200);
    QCOMPARE(pointsOnServer(QStringLiteral("alpha_notes")), 0);
    click(details->findChild<QPushButton *>(QStringLiteral("restoreSnapshotButton")));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = details->findChild<QMessageBox *>(QStringLiteral("restoreConfirmation"))));
    screenshot(box, "restoreconfirmation.png");
    QSignalSpy restored(panel, &SnapshotsPanel::collectionRestored);
    click(box->findChild<QPushButton *>(QStringLiteral("confirmRestoreButton")));
    QVERIFY2(restored.wait(10000), qPrintable(panel->messageText()));
    QCOMPARE(pointsOnServer(QStringLiteral("alpha_notes")), 5);
    QTRY_COMPARE(details->overviewValue(QStringLiteral("points")), QStringLiteral("5"));
    QTRY_COMPARE(browser->model()->index(browser->model()->rowOf(QStringLiteral("alpha_notes")),
                                         CollectionListModel::PointsColumn).data().toString(),
                 QStringLiteral("5"));

    // Delete the snapshot, after a question.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualItemRect(table->item(0, 0)).center());
    click(details->findChild<QPushButton *>(QStringLiteral("deleteSnapshotButton")));
    QTRY_VERIFY((box = details->findChild<QMessageBox *>(
                     QStringLiteral("deleteSnapshotConfirmation"))));
    click(box->findChild<QPushButton *>(QStringLiteral("confirmDeleteSnapshotButton")));
    QTRY_VERIFY(panel->snapshots().isEmpty());
    QCOMPARE(m_raw->get(QStringLiteral("/collections/alpha_notes/snapshots")).result().toArray()
                 .size(), 0);
}

void TestCollectionBrowser::readOnlyProfileOffersNoChange()
{
    ConsoleSession readOnly;
    ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("read only"),
                                                          QUrl(m_store.baseUrl()));
    profile.readOnly = true;
    QSignalSpy opened(&readOnly, &ConsoleSession::opened);
    readOnly.open(profile, QString());
    QVERIFY(opened.wait(10000));
    readOnly.setScope(TenantScope::allTenants());
    auto browser = openBrowser(&readOnly);
    QCOMPARE(browser->model()->rowCount(), 3);
    selectRow(*browser, QStringLiteral("alpha_notes"));
    QVERIFY(!browser->newCollectionAction()->isEnabled());
    QVERIFY(!browser->deleteCollectionAction()->isEnabled());
    QVERIFY(browser->refreshAction()->isEnabled());
    QTest::keyClick(browser->table(), Qt::Key_Delete);
    QTest::keyClick(browser->table(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!browser->findChild<TypedConfirmDialog *>());
    QVERIFY(!browser->findChild<CreateCollectionDialog *>());
    CollectionDetails *details = browser->details();
    for (const char *name : {"createIndexButton", "createAliasButton", "createSnapshotButton"})
        QVERIFY2(!details->findChild<QPushButton *>(QString::fromLatin1(name))->isEnabled(),
                 name);
    QVERIFY(!details->findChild<QLineEdit *>(QStringLiteral("indexField"))->isEnabled());
    QVERIFY(details->findChild<QLabel *>(QStringLiteral("accessNote"))->text()
                .contains(QStringLiteral("Read-only")));
    QTRY_COMPARE(details->overviewValue(QStringLiteral("points")), QStringLiteral("5"));
    screenshot(browser.get(), "collectionbrowser_readonly.png");

    // Asked anyway, the layer below refuses and the panel says so; the server is untouched.
    details->indexesPanel()->createIndex(QStringLiteral("customer_id"), QStringLiteral("keyword"),
                                         true);
    QTRY_VERIFY(details->indexesPanel()->messageText().contains(QStringLiteral("read-only")));
    QVERIFY(onServer(QStringLiteral("alpha_notes"), "payload_schema").toObject().isEmpty());
}

QTEST_MAIN(TestCollectionBrowser)
#include "tst_collectionbrowser.moc"
