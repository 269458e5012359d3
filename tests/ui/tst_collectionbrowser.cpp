// The collection browser, offscreen, against a real memory-store, driven as a user would:
// filter by typing, create from a template or from scratch through the dialog, delete after
// typing the name, indexes and aliases from the details, and a read-only profile that offers
// no change (and is refused one when asked). Snapshots: tst_collectionsnapshots. What the
// server holds is checked with a plain client.

#include "aliasespanel.h"
#include "collectionbrowser.h"
#include "collectionbrowserfixture.h"
#include "collectiondetails.h"
#include "collectionlistmodel.h"
#include "createcollectiondialog.h"
#include "indexespanel.h"
#include "typedconfirmdialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QtTest>

class TestCollectionBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { f.start(); }
    void init() { f.reset(); }

    void typingInTheSearchBoxFiltersRows();
    void doubleClickAndEnterOpenTheCollection();
    void createFromATemplateThroughTheDialog();
    void fromScratchWithNamedVectors();
    void tenantScopeProposesTheTenantsName();
    void deleteNeedsTheTypedName();
    void indexesAndAliasesFromTheDetails();
    void readOnlyProfileOffersNoChange();

private:
    CollectionBrowserFixture f;
};

using F = CollectionBrowserFixture;

void TestCollectionBrowser::typingInTheSearchBoxFiltersRows()
{
    auto browser = f.openBrowser(f.session.get());
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
    F::screenshot(browser.get(), "collectionbrowser.png");
}

void TestCollectionBrowser::doubleClickAndEnterOpenTheCollection()
{
    auto browser = f.openBrowser(f.session.get());
    QSignalSpy activated(browser.get(), &CollectionBrowser::collectionActivated);
    QTableView *table = browser->table();
    const QModelIndex beta = browser->proxy()->index(1, 0);
    QCOMPARE(beta.data().toString(), QStringLiteral("beta_notes"));
    // A double click is a click and then the second press.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(beta).center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(beta).center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("beta_notes"));
    F::selectRow(*browser, QStringLiteral("gamma_log"));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).at(0).toString(), QStringLiteral("gamma_log"));
}

void TestCollectionBrowser::createFromATemplateThroughTheDialog()
{
    auto browser = f.openBrowser(f.session.get());
    auto *toolBar = browser->findChild<QToolBar *>();
    F::click(toolBar->widgetForAction(browser->newCollectionAction()));
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
    F::screenshot(dialog, "createcollectiondialog.png");

    // A name that is taken is refused by the server and said in the dialog.
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("gamma_log"));
    F::click(dialog->findChild<QPushButton *>(QStringLiteral("createButton")));
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
    F::click(dialog->findChild<QPushButton *>(QStringLiteral("createButton")));
    QVERIFY(created.wait(10000));
    QTRY_VERIFY(!browser->findChild<CreateCollectionDialog *>());
    QTRY_COMPARE(browser->selectedCollection(), QStringLiteral("customer_context"));
    QCOMPARE(browser->model()->rowCount(), 4);

    const QString made = QStringLiteral("customer_context");
    QVERIFY(f.onServer(made, "payload_schema.customer_id.params.is_tenant").toBool());
    QCOMPARE(f.onServer(made, "payload_schema.content.data_type").toString(),
             QStringLiteral("text"));
    // The details show what was made.
    QTRY_VERIFY(browser->details()->indexesPanel()->fields().contains(
        QStringLiteral("applies_to_agents")));
    QCOMPARE(browser->details()->overviewValue(QStringLiteral("vectors")),
             QStringLiteral("1536 dimensions · Cosine"));
}

void TestCollectionBrowser::fromScratchWithNamedVectors()
{
    auto browser = f.openBrowser(f.session.get());
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
    F::click(dialog->findChild<QPushButton *>(QStringLiteral("addVectorButton")));
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
    F::screenshot(dialog, "createcollectiondialog_scratch.png");
    QSignalSpy created(dialog, &CreateCollectionDialog::collectionCreated);
    F::click(dialog->findChild<QPushButton *>(QStringLiteral("createButton")));
    QVERIFY(created.wait(10000));
    const QString made = QStringLiteral("scratch_named");
    QCOMPARE(f.onServer(made, "config.params.vectors.image.size").toInt(), 512);
    QCOMPARE(f.onServer(made, "config.params.vectors.text.size").toInt(), 1536);
    QTRY_COMPARE(browser->model()->index(browser->model()->rowOf(QStringLiteral("scratch_named")),
                                         CollectionListModel::VectorsColumn).data().toString(),
                 QStringLiteral("image: 512 · Cosine, text: 1536 · Cosine"));
}

void TestCollectionBrowser::tenantScopeProposesTheTenantsName()
{
    f.session->setScope(TenantScope::forTenant(
        QStringLiteral("acme"), QStringLiteral("customer_id"),
        CollectionPattern::parse(QStringLiteral("company_{id}_{type}")).value()).value());
    QCOMPARE(f.raw->put(QStringLiteral("/collections/company_globex_notes"),
                        F::vectors(4, "Dot")).status, 200);
    auto browser = f.openBrowser(f.session.get());
    // The shared collections and none of globex's.
    QCOMPARE(browser->model()->rowOf(QStringLiteral("company_globex_notes")), -1);
    QVERIFY(browser->model()->rowOf(QStringLiteral("alpha_notes")) >= 0);
    // A shared collection cannot be deleted from a tenant scope: it holds other tenants' points.
    F::selectRow(*browser, QStringLiteral("alpha_notes"));
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
    F::screenshot(dialog, "createcollectiondialog_tenant.png");

    // Another tenant's name is refused before anything is sent.
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("company_globex_performance_patterns"));
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("createButton"))->isEnabled());
    QVERIFY(!dialog->messageText().isEmpty());
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("company_acme_performance_patterns"));
    F::click(dialog->findChild<QPushButton *>(QStringLiteral("createButton")));
    QTRY_COMPARE_WITH_TIMEOUT(browser->selectedCollection(),
                              QStringLiteral("company_acme_performance_patterns"), 10000);
    QCOMPARE(f.raw->get(QStringLiteral("/collections/company_acme_performance_patterns")).status,
             200);
    QCOMPARE(f.raw->get(QStringLiteral("/collections/company_globex_performance_patterns"))
                 .status, 404);
    // Its own collection: deletable from the tenant scope.
    QVERIFY(browser->deleteCollectionAction()->isEnabled());
}

void TestCollectionBrowser::deleteNeedsTheTypedName()
{
    auto browser = f.openBrowser(f.session.get());
    F::selectRow(*browser, QStringLiteral("beta_notes"));
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
    F::screenshot(confirm, "typedconfirmdialog.png");
    QTest::keyClick(confirm->input(), Qt::Key_Escape);
    QTRY_VERIFY(!browser->findChild<TypedConfirmDialog *>());
    QCOMPARE(f.raw->get(QStringLiteral("/collections/beta_notes")).status, 200);
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
    F::click(confirm->confirmButton());
    QVERIFY(deleted.wait(10000));
    QCOMPARE(f.raw->get(QStringLiteral("/collections/beta_notes")).status, 404);
    QTRY_COMPARE(browser->model()->rowOf(QStringLiteral("beta_notes")), -1);
    QVERIFY(browser->messageText().contains(QStringLiteral("Deleted")));
}

void TestCollectionBrowser::indexesAndAliasesFromTheDetails()
{
    auto browser = f.openBrowser(f.session.get());
    F::selectRow(*browser, QStringLiteral("alpha_notes"));
    CollectionDetails *details = browser->details();
    QTRY_COMPARE(details->overviewValue(QStringLiteral("points")), QStringLiteral("5"));

    F::showTab(*browser, CollectionDetails::IndexesTab);
    auto *field = details->findChild<QLineEdit *>(QStringLiteral("indexField"));
    QTest::keyClicks(field, QStringLiteral("customer_id"));
    auto *tenant = details->findChild<QCheckBox *>(QStringLiteral("indexIsTenant"));
    QVERIFY(tenant->isEnabled()); // keyword is the default type
    QTest::mouseClick(tenant, Qt::LeftButton, {}, QPoint(4, tenant->height() / 2));
    QVERIFY(tenant->isChecked());
    F::click(details->findChild<QPushButton *>(QStringLiteral("createIndexButton")));
    QTRY_VERIFY(details->indexesPanel()->fields().contains(QStringLiteral("customer_id")));
    const QString alpha = QStringLiteral("alpha_notes");
    QVERIFY(f.onServer(alpha, "payload_schema.customer_id.params.is_tenant").toBool());
    auto *indexTable = details->findChild<QTableWidget *>(QStringLiteral("indexTable"));
    QCOMPARE(indexTable->item(0, 3)->text(), QStringLiteral("tenant"));
    QCOMPARE(indexTable->item(0, 2)->text(), QStringLiteral("5"));
    F::screenshot(details, "collectiondetails_indexes.png");

    // Drop it again.
    QTest::mouseClick(indexTable->viewport(), Qt::LeftButton, {},
                      indexTable->visualItemRect(indexTable->item(0, 0)).center());
    F::click(details->findChild<QPushButton *>(QStringLiteral("dropIndexButton")));
    QTRY_VERIFY(details->indexesPanel()->fields().isEmpty());
    QVERIFY(f.onServer(alpha, "payload_schema").toObject().isEmpty());

    // An alias, shown in the list too; renamed; deleted after a question.
    F::showTab(*browser, CollectionDetails::AliasesTab);
    auto *aliasName = details->findChild<QLineEdit *>(QStringLiteral("aliasName"));
    QTest::keyClicks(aliasName, QStringLiteral("alpha_live"));
    F::click(details->findChild<QPushButton *>(QStringLiteral("createAliasButton")));
    QTRY_COMPARE(details->aliasesPanel()->aliases(), QStringList{QStringLiteral("alpha_live")});
    QTRY_COMPARE(browser->model()->aliasesOf(QStringLiteral("alpha_notes")),
                 QStringList{QStringLiteral("alpha_live")});
    auto *aliasList = details->findChild<QListWidget *>(QStringLiteral("aliasList"));
    QTest::mouseClick(aliasList->viewport(), Qt::LeftButton, {},
                      aliasList->visualItemRect(aliasList->item(0)).center());
    QTest::keyClicks(aliasName, QStringLiteral("alpha_prod"));
    F::click(details->findChild<QPushButton *>(QStringLiteral("renameAliasButton")));
    QTRY_COMPARE(details->aliasesPanel()->aliases(), QStringList{QStringLiteral("alpha_prod")});
    QTRY_COMPARE(browser->model()->aliasesOf(QStringLiteral("alpha_notes")),
                 QStringList{QStringLiteral("alpha_prod")});
    F::screenshot(details, "collectiondetails_aliases.png");
    QTest::mouseClick(aliasList->viewport(), Qt::LeftButton, {},
                      aliasList->visualItemRect(aliasList->item(0)).center());
    F::click(details->findChild<QPushButton *>(QStringLiteral("deleteAliasButton")));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = details->findChild<QMessageBox *>(
                     QStringLiteral("deleteAliasConfirmation"))));
    F::click(box->findChild<QPushButton *>(QStringLiteral("confirmDeleteAliasButton")));
    QTRY_VERIFY(details->aliasesPanel()->aliases().isEmpty());
    QTRY_VERIFY(browser->model()->aliasesOf(QStringLiteral("alpha_notes")).isEmpty());
    QCOMPARE(f.raw->get(QStringLiteral("/aliases")).result().toObject()
                 .value(QStringLiteral("aliases")).toArray().size(), 0);
}

void TestCollectionBrowser::readOnlyProfileOffersNoChange()
{
    ConsoleSession readOnly;
    ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("read only"),
                                                          QUrl(f.store.baseUrl()));
    profile.readOnly = true;
    QSignalSpy opened(&readOnly, &ConsoleSession::opened);
    readOnly.open(profile, QString());
    QVERIFY(opened.wait(10000));
    readOnly.setScope(TenantScope::allTenants());
    auto browser = f.openBrowser(&readOnly);
    QCOMPARE(browser->model()->rowCount(), 3);
    F::selectRow(*browser, QStringLiteral("alpha_notes"));
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
    F::screenshot(browser.get(), "collectionbrowser_readonly.png");

    // Asked anyway, the layer below refuses and the panel says so; the server is untouched.
    details->indexesPanel()->createIndex(QStringLiteral("customer_id"), QStringLiteral("keyword"),
                                         true);
    QTRY_VERIFY(details->indexesPanel()->messageText().contains(QStringLiteral("read-only")));
    QVERIFY(f.onServer(QStringLiteral("alpha_notes"), "payload_schema").toObject().isEmpty());
}

QTEST_MAIN(TestCollectionBrowser)
#include "tst_collectionbrowser.moc"
