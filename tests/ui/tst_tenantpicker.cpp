// The tenant picker offscreen against a real memory-store, driven as a user would: type and
// press Enter, Ctrl+T, Escape, refresh; checked by what it shows and by the session's scope.

#include "consolesession.h"
#include "memorystoreprocess.h"
#include "qdranttestutil.h"
#include "storeclient.h"
#include "tenantlistmodel.h"
#include "tenantpicker.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtTest>

namespace {

QJsonObject point(quint64 id, const QJsonValue &customer)
{
    return {{QStringLiteral("id"), qint64(id)},
        {QStringLiteral("vector"), QJsonArray {double(id), 1.0}},
        {QStringLiteral("payload"),
            QJsonObject {{QStringLiteral("customer_id"), customer},
                {QStringLiteral("text"), QStringLiteral("note %1").arg(id)}}}};
}

const QColor kAmber(0xfd, 0xe6, 0x8a);

} // namespace

class TestTenantPicker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listsTheTenantsOnceConnected();
    void typingAndEnterChoosesATenant();
    void aCollectionNameFindsItsTenant();
    void integerAndTextTenantsAreTwoChoices();
    void allTenantsIsAVisibleWarning();
    void ctrlTPutsTheCursorInTheSearch();
    void noMatchSaysSoAndKeepsTheScope();
    void escapeGoesBackToTheScope();
    void theTenantIsRememberedAcrossReconnects();
    void allTenantsIsNeverRestored();
    void refreshFindsNewTenants();

private:
    void makeCollection(const QString &name, const QJsonArray &points);
    void openSession();
    void typeAndEnter(const QString &text);
    void shoot(QWidget *widget, const QString &name);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    ConnectionProfile m_profile;
    std::unique_ptr<QWidget> m_window;
    ConsoleSession *m_session = nullptr;
    TenantPicker *m_picker = nullptr;
    QLineEdit *m_otherField = nullptr;
};

void TestTenantPicker::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_tenantpicker"));
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_profile = ConnectionProfile::create(QStringLiteral("test"), QUrl(m_store.baseUrl()));
    makeCollection(QStringLiteral("shared_memory"),
        QJsonArray {point(1, QStringLiteral("acme")), point(2, QStringLiteral("acme")),
            point(3, QStringLiteral("globex")), point(4, 42), point(5, QStringLiteral("42"))});
    makeCollection(
        QStringLiteral("company_acme_notes"), QJsonArray {point(1, QStringLiteral("x"))});
    makeCollection(QStringLiteral("company_9_notes"), QJsonArray {point(1, QStringLiteral("x"))});
}

void TestTenantPicker::makeCollection(const QString &name, const QJsonArray &points)
{
    const QString path = QStringLiteral("/collections/") + name;
    m_raw->del(path);
    QCOMPARE(m_raw->put(path, vectorsConfig(2, QStringLiteral("Dot"))).status, 200);
    QCOMPARE(m_raw
                 ->put(path + QStringLiteral("/points?wait=true"),
                     QJsonObject {{QStringLiteral("points"), points}})
                 .status,
        200);
}

void TestTenantPicker::init()
{
    QSettings().remove(TenantPicker::settingsKey(m_profile.id));
    m_window = std::make_unique<QWidget>();
    m_window->resize(720, 80);
    m_session = new ConsoleSession(m_window.get());
    m_picker = new TenantPicker(m_session, m_window.get());
    m_otherField = new QLineEdit(m_window.get());
    auto *layout = new QVBoxLayout(m_window.get());
    layout->addWidget(m_picker);
    layout->addWidget(m_otherField);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    openSession();
}

void TestTenantPicker::cleanup()
{
    m_window.reset();
    m_session = nullptr;
    m_picker = nullptr;
}

void TestTenantPicker::openSession()
{
    QSignalSpy ended(m_picker, &TenantPicker::discoveryEnded);
    m_session->open(m_profile, QString());
    QVERIFY(ended.wait(10000));
}

void TestTenantPicker::typeAndEnter(const QString &text)
{
    QLineEdit *edit = m_picker->comboBox()->lineEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestTenantPicker::shoot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    // Layouts settle on posted events, as the event loop would before the next paint.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name));
}

void TestTenantPicker::listsTheTenantsOnceConnected()
{
    // Connected with tenancy settings: nothing chosen yet, and the badge says so.
    QCOMPARE(m_session->scope().mode(), TenantScope::Mode::None);
    QCOMPARE(m_picker->badgeText(), QStringLiteral("No tenant chosen"));
    QVERIFY(m_picker->comboBox()->isEnabled());
    QStringList labels;
    for (int row = 0; row < m_picker->comboBox()->count(); ++row)
        labels.append(m_picker->comboBox()->itemText(row));
    QCOMPARE(labels,
        (QStringList {QStringLiteral("All tenants (admin)"), QStringLiteral("9"),
            QStringLiteral("42 (integer)"), QStringLiteral("\"42\" (text)"), QStringLiteral("acme"),
            QStringLiteral("globex")}));
    // No index on customer_id: the counts come from a sample, and the picker says so.
    QCOMPARE(m_picker->statusText(), QStringLiteral("5 tenants (sampled)"));
    QVERIFY(m_picker->findChild<QLabel *>(QStringLiteral("tenantStatus"))
                ->toolTip()
                .contains(QStringLiteral("shared_memory: no index; sampled (5 of 5 points)")));
    shoot(m_window.get(), QStringLiteral("tenantpicker_none.png"));

    // The drop-down shows each tenant with where it was found, "All tenants" first.
    QComboBox *combo = m_picker->comboBox();
    combo->showPopup();
    QTRY_VERIFY(combo->view()->isVisible());
    QVERIFY(combo->view()->width() >= combo->view()->sizeHintForColumn(0));
    shoot(combo->view()->parentWidget(), QStringLiteral("tenantpicker_list.png"));
    combo->hidePopup();
}

void TestTenantPicker::typingAndEnterChoosesATenant()
{
    QSignalSpy changed(m_session, &ConsoleSession::scopeChanged);
    typeAndEnter(QStringLiteral("glob"));
    QTRY_COMPARE(m_session->scope().tenantValue(), QJsonValue(QStringLiteral("globex")));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(
        m_picker->badgeText(), QStringLiteral("Tenant globex · customer_id, company_{id}_{type}"));
    QCOMPARE(m_picker->comboBox()->currentText(), QStringLiteral("globex"));
    QVERIFY(!m_picker->showsAdminWarning());
    shoot(m_window.get(), QStringLiteral("tenantpicker_tenant.png"));
}

void TestTenantPicker::aCollectionNameFindsItsTenant()
{
    typeAndEnter(QStringLiteral("company_9"));
    QTRY_COMPARE(m_session->scope().tenantValue(), QJsonValue(QStringLiteral("9")));
    QCOMPARE(m_picker->comboBox()->currentText(), QStringLiteral("9"));
}

void TestTenantPicker::integerAndTextTenantsAreTwoChoices()
{
    typeAndEnter(QStringLiteral("42 (int"));
    QTRY_VERIFY(m_session->scope().mode() == TenantScope::Mode::Tenant);
    QVERIFY(m_session->scope().tenantValue().isDouble());
    QCOMPARE(m_session->scope().tenantValue().toInteger(), 42);
    typeAndEnter(QStringLiteral("\"42\""));
    QTRY_VERIFY(m_session->scope().tenantValue().isString());
    QCOMPARE(m_session->scope().tenantValue().toString(), QStringLiteral("42"));
    QCOMPARE(m_picker->comboBox()->currentText(), QStringLiteral("\"42\" (text)"));
}

void TestTenantPicker::allTenantsIsAVisibleWarning()
{
    typeAndEnter(QStringLiteral("acme"));
    QTRY_VERIFY(m_session->scope().mode() == TenantScope::Mode::Tenant);
    QVERIFY(!m_picker->showsAdminWarning());
    QVERIFY(m_picker->comboBox()->lineEdit()->palette().color(QPalette::Base) != kAmber);
    typeAndEnter(QStringLiteral("all tenants"));
    QTRY_VERIFY(m_session->scope().isAdmin());
    QVERIFY(m_picker->showsAdminWarning());
    QCOMPARE(m_picker->badgeText(), QStringLiteral("All tenants (admin)"));
    QCOMPARE(m_picker->comboBox()->currentText(), QStringLiteral("All tenants (admin)"));
    QCOMPARE(m_picker->comboBox()->lineEdit()->palette().color(QPalette::Base), kAmber);
    QVERIFY(m_picker->findChild<QLabel *>(QStringLiteral("tenantBadge"))
                ->styleSheet()
                .contains(kAmber.name()));
    shoot(m_window.get(), QStringLiteral("tenantpicker_admin.png"));
    // The list puts it first, in the same amber.
    const QModelIndex admin = m_picker->model()->index(TenantListModel::AdminRow);
    QCOMPARE(admin.data(Qt::BackgroundRole).value<QBrush>().color(), kAmber);
}

void TestTenantPicker::ctrlTPutsTheCursorInTheSearch()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_otherField->setFocus();
    QTRY_VERIFY(m_otherField->hasFocus());
    QTest::keyClick(m_otherField, Qt::Key_T, Qt::ControlModifier);
    QTRY_VERIFY(m_picker->comboBox()->lineEdit()->hasFocus());
    // The search shows what the user types, with the popup of matching tenants.
    QTest::keyClicks(m_picker->comboBox()->lineEdit(), QStringLiteral("ac"));
    QAbstractItemView *popup = m_picker->comboBox()->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(popup->model()->rowCount(), 1);
    QCOMPARE(popup->model()->index(0, 0).data().toString(), QStringLiteral("acme"));
    // Wide enough for the line under the tenant (where it was found), not cut short.
    QVERIFY(popup->width() >= popup->sizeHintForColumn(0));
    shoot(popup, QStringLiteral("tenantpicker_search.png"));
}

void TestTenantPicker::noMatchSaysSoAndKeepsTheScope()
{
    typeAndEnter(QStringLiteral("acme"));
    QTRY_COMPARE(m_session->scope().tenantValue(), QJsonValue(QStringLiteral("acme")));
    QSignalSpy changed(m_session, &ConsoleSession::scopeChanged);
    typeAndEnter(QStringLiteral("initech"));
    QTRY_COMPARE(m_picker->statusText(), QStringLiteral("No tenant matches \"initech\""));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_session->scope().tenantValue(), QJsonValue(QStringLiteral("acme")));
}

void TestTenantPicker::escapeGoesBackToTheScope()
{
    typeAndEnter(QStringLiteral("acme"));
    QTRY_COMPARE(m_session->scope().tenantValue(), QJsonValue(QStringLiteral("acme")));
    QLineEdit *edit = m_picker->comboBox()->lineEdit();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("glo"));
    QCOMPARE(edit->text(), QStringLiteral("glo"));
    QTest::keyClick(edit, Qt::Key_Escape);
    QTRY_COMPARE(edit->text(), QStringLiteral("acme"));
    QCOMPARE(m_session->scope().tenantValue(), QJsonValue(QStringLiteral("acme")));
}

void TestTenantPicker::theTenantIsRememberedAcrossReconnects()
{
    typeAndEnter(QStringLiteral("\"42\""));
    QTRY_COMPARE(m_session->scope().tenantValue(), QJsonValue(QStringLiteral("42")));
    // Only the value is kept, under the profile's id.
    QCOMPARE(QSettings().value(TenantPicker::settingsKey(m_profile.id)).toString(),
        QStringLiteral("[\"42\"]"));

    m_session->close();
    QCOMPARE(m_session->scope().mode(), TenantScope::Mode::None);
    QCOMPARE(m_picker->badgeText(), QStringLiteral("No tenant chosen"));
    QVERIFY(!m_picker->comboBox()->isEnabled());
    QCOMPARE(m_picker->statusText(), QStringLiteral("Not connected"));

    openSession();
    QCOMPARE(m_session->scope().mode(), TenantScope::Mode::Tenant);
    QVERIFY(m_session->scope().tenantValue().isString()); // "42", not 42
    QCOMPARE(m_session->scope().tenantValue().toString(), QStringLiteral("42"));
    QCOMPARE(m_picker->comboBox()->currentText(), QStringLiteral("\"42\" (text)"));
    QCOMPARE(m_picker->badgeText(),
        QStringLiteral("Tenant 42 · customer_id, company_{id}_{type}"));

    // A new picker (the app restarted) finds it too.
    auto *again = new TenantPicker(m_session, m_window.get());
    QSignalSpy ended(again, &TenantPicker::discoveryEnded);
    m_session->close();
    m_session->open(m_profile, QString());
    QVERIFY(ended.wait(10000));
    QCOMPARE(again->comboBox()->currentText(), QStringLiteral("\"42\" (text)"));
}

void TestTenantPicker::allTenantsIsNeverRestored()
{
    typeAndEnter(QStringLiteral("acme"));
    QTRY_COMPARE(m_session->scope().tenantValue(), QJsonValue(QStringLiteral("acme")));
    typeAndEnter(QStringLiteral("All tenants (admin)"));
    QTRY_VERIFY(m_session->scope().isAdmin());
    m_session->close();
    openSession();
    // Admin mode is always an explicit choice: after reconnecting, nothing is chosen.
    QCOMPARE(m_session->scope().mode(), TenantScope::Mode::None);
    QVERIFY(!m_picker->showsAdminWarning());
}

void TestTenantPicker::refreshFindsNewTenants()
{
    QCOMPARE(m_picker->model()->rowOfTenant(QStringLiteral("newco")), -1);
    makeCollection(
        QStringLiteral("company_newco_notes"), QJsonArray {point(1, QStringLiteral("x"))});
    QSignalSpy ended(m_picker, &TenantPicker::discoveryEnded);
    QTest::mouseClick(
        m_picker->findChild<QToolButton *>(QStringLiteral("tenantRefresh")), Qt::LeftButton);
    QVERIFY(ended.wait(10000));
    QVERIFY(m_picker->model()->rowOfTenant(QStringLiteral("newco")) > 0);
    QCOMPARE(m_picker->statusText(), QStringLiteral("6 tenants (sampled)"));
    m_raw->del(QStringLiteral("/collections/company_newco_notes"));
}

QTEST_MAIN(TestTenantPicker)
#include "tst_tenantpicker.moc"
