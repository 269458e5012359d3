#include "collectionbrowser.h"

#include "collectiondetails.h"
#include "collectionlistmodel.h"
#include "consolesession.h"
#include "createcollectiondialog.h"
#include "inlinemessage.h"
#include "typedconfirmdialog.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

CollectionBrowser::CollectionBrowser(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new CollectionListModel(session, this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("collectionBrowser"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CollectionListModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(CollectionListModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    createActions();
    buildUi();

    connect(m_model, &CollectionListModel::collectionsListed, this, &CollectionBrowser::onListed);
    connect(m_model, &CollectionListModel::loadFailed, this,
            [this](const NetError &error) { m_message->showError(error.message); });
    connect(m_details, &CollectionDetails::collectionChanged, m_model,
            &CollectionListModel::refreshCollection);
    if (session) {
        const auto onScope = [this] {
            m_details->setCollection(selectedCollection());
            refreshScopeNote();
            refreshActions();
        };
        connect(session, &ConsoleSession::scopeChanged, this, onScope);
        connect(session, &ConsoleSession::opened, this, onScope);
        connect(session, &ConsoleSession::closed, this, onScope);
        if (session->state() == ConsoleSession::State::Open)
            reload();
    }
    refreshScopeNote();
    refreshActions();
}

CollectionBrowser::~CollectionBrowser()
{
    m_deleteCall.cancel();
}

void CollectionBrowser::createActions()
{
    m_newAction = new QAction(style()->standardIcon(QStyle::SP_FileDialogNewFolder),
                              tr("&New collection…"), this);
    m_newAction->setObjectName(QStringLiteral("newCollectionAction"));
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_newAction->setToolTip(tr("New collection from a template or from scratch (Ctrl+Shift+N)"));
    connect(m_newAction, &QAction::triggered, this, &CollectionBrowser::newCollection);

    m_deleteAction = new QAction(style()->standardIcon(QStyle::SP_TrashIcon),
                                 tr("&Delete collection…"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteCollectionAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    // Only on the list: Del in a text box or another table of the pane means something else.
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_deleteAction->setToolTip(tr("Delete the selected collection and all its points (Del)"));
    connect(m_deleteAction, &QAction::triggered, this,
            &CollectionBrowser::deleteSelectedCollection);

    m_refreshAction = new QAction(style()->standardIcon(QStyle::SP_BrowserReload),
                                  tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshCollectionsAction"));
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refreshAction->setToolTip(tr("List the collections again (F5)"));
    connect(m_refreshAction, &QAction::triggered, this, &CollectionBrowser::reload);

    m_findAction = new QAction(tr("&Find collection"), this);
    m_findAction->setObjectName(QStringLiteral("findCollectionAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(m_newAction);
    addAction(m_refreshAction);
    addAction(m_findAction);
}

void CollectionBrowser::buildUi()
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("collectionSearch"));
    m_search->setPlaceholderText(tr("Filter by name (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(320);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("collectionCount"));

    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addWidget(m_search);
    m_toolBar->addAction(m_newAction);
    m_toolBar->addAction(m_deleteAction);
    m_toolBar->addAction(m_refreshAction);
    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_toolBar->addWidget(m_count);

    m_scopeNote = new QLabel(this);
    m_scopeNote->setObjectName(QStringLiteral("scopeNote"));
    m_scopeNote->setWordWrap(true);
    m_message = new InlineMessage(this);
    m_message->setObjectName(QStringLiteral("browserMessage"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("collectionTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CollectionListModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Thousands of rows: a fixed row height keeps the view from measuring each one.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    // Fixed starting widths: sizing to contents would measure every one of thousands of rows.
    header->resizeSection(CollectionListModel::NameColumn, 220);
    header->resizeSection(CollectionListModel::StatusColumn, 80);
    header->resizeSection(CollectionListModel::PointsColumn, 80);
    header->resizeSection(CollectionListModel::VectorsColumn, 130);
    m_table->addAction(m_deleteAction);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString name = index.data(CollectionListModel::NameRole).toString();
        if (!name.isEmpty())
            emit collectionActivated(name);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CollectionBrowser::onCurrentChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CollectionBrowser::refreshActions);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this,
            &CollectionBrowser::refreshActions);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &CollectionBrowser::refreshActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &CollectionBrowser::refreshActions);

    m_details = new CollectionDetails(m_session, this);
    m_details->setObjectName(QStringLiteral("collectionDetails"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({660, 480});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_scopeNote);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);
}

QString CollectionBrowser::selectedCollection() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(CollectionListModel::NameRole).toString() : QString();
}

bool CollectionBrowser::selectCollection(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void CollectionBrowser::setServerSnapshotFolder(const QString &folder)
{
    m_details->setServerSnapshotFolder(folder);
}

QString CollectionBrowser::messageText() const
{
    return m_message->text();
}

void CollectionBrowser::reload()
{
    // Keep the current row across the reload: the list is replaced, not edited.
    if (m_wanted.isEmpty())
        m_wanted = selectedCollection();
    m_message->clearMessage();
    m_model->reload();
}

void CollectionBrowser::onListed()
{
    const QString wanted = std::exchange(m_wanted, QString());
    if (wanted.isEmpty() || !selectCollection(wanted))
        m_details->setCollection(selectedCollection());
    refreshActions();
}

void CollectionBrowser::onCurrentChanged()
{
    m_details->setCollection(selectedCollection());
    refreshActions();
}

void CollectionBrowser::refreshActions()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    // "%n collection(s)" would need a translation loaded to read well in English.
    const QString all = total == 1 ? tr("1 collection")
                                   : tr("%1 collections").arg(QLocale().toString(total));
    m_count->setText(shown == total ? all
                                    : tr("%1 of %2 shown").arg(QLocale().toString(shown),
                                                              QLocale().toString(total)));
    const bool connected = m_session && m_session->state() == ConsoleSession::State::Open;
    const bool writable = connected && !m_session->isReadOnly()
        && m_session->scope().mode() != TenantScope::Mode::None;
    const QString selected = selectedCollection();
    m_newAction->setEnabled(writable && !(m_createDialog && m_createDialog->isVisible()));
    m_deleteAction->setEnabled(writable && !selected.isEmpty() && !m_deleteCall.isRunning()
                               && m_session->scope().checkCollectionOperation(selected).ok());
    m_refreshAction->setEnabled(connected);
}

void CollectionBrowser::refreshScopeNote()
{
    QString note;
    if (!m_session || m_session->state() != ConsoleSession::State::Open)
        note = tr("Not connected.");
    else if (m_session->scope().mode() == TenantScope::Mode::None)
        note = tr("No tenant chosen: pick a tenant, or All tenants (admin), to see collections.");
    else
        note = tr("Showing the collections of %1.").arg(m_session->scope().badgeText());
    if (m_session && m_session->isReadOnly())
        note += QLatin1Char(' ') + tr("Read-only profile: collections cannot be changed.");
    m_scopeNote->setText(note);
}

void CollectionBrowser::newCollection()
{
    if (!m_newAction->isEnabled())
        return;
    if (m_createDialog) {
        m_createDialog->raise();
        m_createDialog->activateWindow();
        return;
    }
    m_createDialog = new CreateCollectionDialog(m_session, this);
    m_createDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_createDialog, &CreateCollectionDialog::collectionCreated, this,
            [this](const QString &name) {
                m_message->clearMessage();
                m_wanted = name;
                m_model->reload();
                emit collectionCreated(name);
            });
    connect(m_createDialog, &QDialog::finished, this, &CollectionBrowser::refreshActions);
    m_createDialog->show();
    refreshActions();
}

void CollectionBrowser::deleteSelectedCollection()
{
    const QString name = selectedCollection();
    if (name.isEmpty() || !m_deleteAction->isEnabled() || m_confirmDialog)
        return;
    const qint64 points = m_model->index(m_model->rowOf(name), CollectionListModel::PointsColumn)
                              .data(CollectionListModel::SortRole).toLongLong();
    QString what;
    if (points < 0)
        what = tr("Delete the collection %1 with all its points?").arg(name);
    else if (points == 0)
        what = tr("Delete the collection %1? It holds no points.").arg(name);
    else
        what = tr("Delete the collection %1 with its %2 points?")
                   .arg(name, QLocale().toString(points));
    m_confirmDialog = new TypedConfirmDialog(
        tr("Delete collection"), what + QLatin1Char(' ') + tr("This cannot be undone."), name,
        tr("Delete collection"), this);
    m_confirmDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmDialog, &QDialog::accepted, this,
            [this, name] { deleteCollection(name); });
    m_confirmDialog->open();
}

void CollectionBrowser::deleteCollection(const QString &name)
{
    if (!m_session)
        return;
    m_message->showInfo(tr("Deleting %1…").arg(name));
    m_deleteCall = m_session->admin().deleteCollection(
        name, this, [this, name](const Result<bool> &result) {
            refreshActions();
            if (!result.ok()) {
                m_message->showError(result.error().message);
                return;
            }
            m_message->showSuccess(result.value()
                                       ? tr("Deleted the collection %1.").arg(name)
                                       : tr("%1 was already gone.").arg(name));
            emit collectionDeleted(name);
            m_model->reload();
        });
    refreshActions();
}
