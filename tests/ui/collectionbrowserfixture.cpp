#include "collectionbrowserfixture.h"

#include "collectionlistmodel.h"
#include "collectiondetails.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

void CollectionBrowserFixture::start()
{
    QStandardPaths::setTestModeEnabled(true);
    // Qt's own file chooser, which a test can reach (a platform's native one would be driven
    // by the platform, out of the test's reach).
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    QVERIFY2(store.start(), qPrintable(store.error()));
    raw = std::make_unique<StoreClient>(store.port());
    session = std::make_unique<ConsoleSession>();
    QSignalSpy opened(session.get(), &ConsoleSession::opened);
    session->open(ConnectionProfile::create(QStringLiteral("test"), QUrl(store.baseUrl())),
                  QString());
    QVERIFY(opened.wait(10000));
}

void CollectionBrowserFixture::reset()
{
    session->setScope(TenantScope::allTenants());
    const QJsonArray all = raw->get(QStringLiteral("/collections")).result().toObject()
                               .value(QStringLiteral("collections")).toArray();
    for (const QJsonValue &c : all)
        raw->del(QStringLiteral("/collections/")
                 + c.toObject().value(QStringLiteral("name")).toString());
    for (const char *name : {"alpha_notes", "beta_notes", "gamma_log"})
        QCOMPARE(raw->put(QStringLiteral("/collections/") + QString::fromLatin1(name),
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
    QCOMPARE(raw->put(QStringLiteral("/collections/alpha_notes/points?wait=true"),
                      QJsonObject{{QStringLiteral("points"), points}}).status, 200);
}

std::unique_ptr<CollectionBrowser> CollectionBrowserFixture::openBrowser(ConsoleSession *on)
{
    auto browser = std::make_unique<CollectionBrowser>(on);
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

void CollectionBrowserFixture::selectRow(CollectionBrowser &browser, const QString &name)
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

void CollectionBrowserFixture::showTab(CollectionBrowser &browser, int tab)
{
    QTabWidget *tabs = browser.details()->tabs();
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(tab).center());
    QCOMPARE(tabs->currentIndex(), tab);
}

void CollectionBrowserFixture::click(QWidget *widget)
{
    QVERIFY(widget);
    QVERIFY2(widget->isEnabled(), qPrintable(widget->objectName()));
    QTest::mouseClick(widget, Qt::LeftButton);
}

void CollectionBrowserFixture::screenshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("MC_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget->grab().save(dir + QLatin1Char('/') + QString::fromLatin1(name)));
}

QJsonValue CollectionBrowserFixture::onServer(const QString &collection, const char *path)
{
    QJsonValue value = raw->get(QStringLiteral("/collections/") + collection).result();
    for (const QString &key : QString::fromLatin1(path).split(QLatin1Char('.')))
        value = value.toObject().value(key);
    return value;
}

QJsonObject CollectionBrowserFixture::vectors(int size, const char *distance)
{
    return {{QStringLiteral("vectors"),
             QJsonObject{{QStringLiteral("size"), size},
                         {QStringLiteral("distance"), QString::fromLatin1(distance)}}}};
}
