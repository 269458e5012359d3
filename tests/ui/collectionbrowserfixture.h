#pragma once

// What the collection browser's GUI tests share: a memory-store with three collections
// (alpha_notes with 5 points, beta_notes, gamma_log), a session on it, a plain client to check
// the server's side, and the steps a user takes (open the pane, click a row, click a tab).

#include "collectionbrowser.h"
#include "consolesession.h"
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonValue>

#include <memory>

class CollectionBrowserFixture
{
public:
    /// Starts memory-store and opens the session (QVERIFY inside: check QTest::currentTestFailed).
    void start();
    /// Back to the three collections, All tenants.
    void reset();

    /// A browser on `session`, shown, active, its list and details loaded.
    std::unique_ptr<CollectionBrowser> openBrowser(ConsoleSession *session);
    /// Clicks a collection's row and gives the table the focus a click would.
    static void selectRow(CollectionBrowser &browser, const QString &name);
    /// Clicks a tab of the details.
    static void showTab(CollectionBrowser &browser, int tab);
    /// Clicks an enabled widget.
    static void click(QWidget *widget);
    /// Saves a screenshot when MC_SCREENSHOT_DIR is set.
    static void screenshot(QWidget *widget, const char *name);

    /// A value of the collection's info on the server, by its path of keys ("config.params").
    QJsonValue onServer(const QString &collection, const char *path);
    /// Qdrant's create body for one unnamed vector.
    static QJsonObject vectors(int size, const char *distance);

    MemoryStoreProcess store;
    std::unique_ptr<StoreClient> raw;
    std::unique_ptr<ConsoleSession> session;
};
