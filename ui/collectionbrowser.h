#pragma once

#include "qdrantcallhandle.h"

#include <QPointer>
#include <QWidget>

class CollectionDetails;
class CollectionListModel;
class ConsoleSession;
class CreateCollectionDialog;
class InlineMessage;
class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;
class TypedConfirmDialog;
struct NetError;

/// The collection browser and admin pane: the collections the session's scope covers (name,
/// status, points, vectors, aliases; no page cap) with a name filter, and the selected one's
/// details (CollectionDetails: info, payload indexes, aliases, snapshots). Actions: New
/// collection (Ctrl+Shift+N, CreateCollectionDialog), Delete (Del, after typing the
/// collection's name), Refresh (F5), Find (Ctrl+F focuses the filter). Every change goes
/// through the session's ScopedAdmin; a read-only profile disables the changes here and the
/// layer below refuses them too. Errors show in the pane. Double-click or Enter on a row
/// emits collectionActivated (the points table opens it).
class CollectionBrowser final : public QWidget
{
    Q_OBJECT

public:
    /// The session is not owned and must outlive the pane.
    explicit CollectionBrowser(ConsoleSession *session, QWidget *parent = nullptr);
    ~CollectionBrowser() override;

    QAction *newCollectionAction() const { return m_newAction; }
    QAction *deleteCollectionAction() const { return m_deleteAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *findAction() const { return m_findAction; }

    /// The collection of the current row; empty when none.
    QString selectedCollection() const;
    /// Makes a collection the current row; false when it is not listed (or filtered out).
    bool selectCollection(const QString &name);
    /// See SnapshotsPanel::setServerSnapshotFolder (MainWindow sets the embedded store's).
    void setServerSnapshotFolder(const QString &folder);

    CollectionListModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }
    CollectionDetails *details() const { return m_details; }
    /// The error or notice the pane shows, if any.
    QString messageText() const;

public slots:
    /// Lists the collections again.
    void reload();
    /// Opens the New collection form.
    void newCollection();
    /// Asks for the selected collection's name, then deletes it.
    void deleteSelectedCollection();

signals:
    /// The user opened a collection (double-click or Enter).
    void collectionActivated(const QString &name);
    /// A collection was created on the server (from a template or from scratch).
    void collectionCreated(const QString &name);
    /// A collection was deleted on the server.
    void collectionDeleted(const QString &name);

private:
    void buildUi();
    void createActions();
    void onCurrentChanged();
    void onListed();
    void refreshActions();
    void refreshScopeNote();
    void deleteCollection(const QString &name);

    QPointer<ConsoleSession> m_session;
    CollectionListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QString m_wanted; ///< the collection to select once the list arrives
    QdrantCallHandle m_deleteCall;
    QPointer<CreateCollectionDialog> m_createDialog;
    QPointer<TypedConfirmDialog> m_confirmDialog;

    QToolBar *m_toolBar = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_scopeNote = nullptr;
    InlineMessage *m_message = nullptr;
    QTableView *m_table = nullptr;
    CollectionDetails *m_details = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_findAction = nullptr;
};
