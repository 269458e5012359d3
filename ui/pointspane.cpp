#include "pointspane.h"

#include "agentmemoryschemas.h"
#include "bulkeditdialog.h"
#include "columnchooser.h"
#include "consolesession.h"
#include "filterbuilder.h"
#include "floattext.h"
#include "inlinemessage.h"
#include "pointcelldelegate.h"
#include "pointsmodel.h"
#include "scrollbarbandstyle.h"

#include <QAction>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QString vectorAsText(const QList<float> &vector)
{
    QByteArray text;
    text.reserve(vector.size() * 12 + 2);
    text.append('[');
    char buffer[floattext::kRoom];
    for (qsizetype i = 0; i < vector.size(); ++i) {
        if (i)
            text.append(", ");
        text.append(buffer, floattext::write(buffer, vector.at(i)) - buffer);
    }
    text.append(']');
    return QString::fromLatin1(text);
}

QToolButton *toolButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(true);
    return button;
}

} // namespace

PointsPane::PointsPane(ConsoleSession *session, PointCuration *curation, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_curation(curation)
    , m_model(new PointsModel(this))
    , m_title(new QLabel(this))
    , m_count(new QLabel(this))
    , m_builder(new FilterBuilder(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_table(new QTableView(this))
    , m_message(new InlineMessage(this))
    , m_vectorPanel(new QWidget(this))
    , m_vectorTitle(new QLabel(m_vectorPanel))
    , m_vectorText(new QPlainTextEdit(m_vectorPanel))
{
    createActions();
    buildUi();

    connect(m_model, &PointsModel::totalChanged, this, &PointsPane::refreshCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PointsPane::refreshCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        refreshCount();
        refreshSortIndicator();
        refreshActions();
    });
    connect(m_model, &PointsModel::requestFailed, this, &PointsPane::onRequestFailed);
    connect(m_model, &PointsModel::vectorLoaded, this, &PointsPane::onVectorLoaded);
    connect(m_model, &PointsModel::payloadLoaded, this, &PointsPane::onPayloadLoaded);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &PointsPane::refreshActions);
    connect(m_table, &QAbstractItemView::activated, this,
        [this](const QModelIndex &index) { activateRow(index.row()); });

    connect(m_builder, &FilterBuilder::filterApplied, this, &PointsPane::setFilter);
    connect(m_builder, &FilterBuilder::filterCleared, this, &PointsPane::clearFilter);
    connect(m_model, &PointsModel::discoveredKeysChanged, this, &PointsPane::refreshKnownKeys);
    connect(m_session, &ConsoleSession::scopeChanged, this, &PointsPane::onScopeChanged);
    connect(m_session, &ConsoleSession::opened, this, &PointsPane::refreshActions);
    connect(m_session, &ConsoleSession::closed, this, [this] {
        m_infoCall.cancel();
        m_collection.clear();
        m_model->clear();
        m_title->clear();
        refreshActions();
    });
    refreshCount();
    refreshActions();
}

PointsPane::~PointsPane()
{
    m_infoCall.cancel();
}

void PointsPane::createActions()
{
    m_reloadAction = new QAction(tr("Reload"), this);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_reloadAction->setToolTip(tr("Read the points again from the first page (F5)"));
    connect(m_reloadAction, &QAction::triggered, this, &PointsPane::reload);

    m_columnsAction = new QAction(tr("Columns…"), this);
    m_columnsAction->setToolTip(tr("Choose and order the payload keys shown"));
    connect(m_columnsAction, &QAction::triggered, this, &PointsPane::chooseColumns);

    m_vectorAction = new QAction(tr("Show vector"), this);
    m_vectorAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_vectorAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_vectorAction->setToolTip(tr("Read the vectors of the selected point (pages carry none)"));
    connect(m_vectorAction, &QAction::triggered, this, &PointsPane::showVectorOfCurrent);

    m_bulkAction = new QAction(tr("Bulk edit…"), this);
    m_bulkAction->setToolTip(tr("Set or delete keys, or delete the points, of every point "
                                "that matches the filter; a dry-run count comes first"));
    connect(m_bulkAction, &QAction::triggered, this, &PointsPane::openBulkEdit);

    addAction(m_reloadAction);
    addAction(m_vectorAction);
}

void PointsPane::buildUi()
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("collectionTitle"));
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_builder->setObjectName(QStringLiteral("filterBuilder"));
    m_message->setObjectName(QStringLiteral("pointsMessage"));
    m_table->setObjectName(QStringLiteral("pointsTable"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addSpacing(12);
    top->addWidget(m_count);
    top->addStretch();
    top->addWidget(toolButton(m_columnsAction, this));
    top->addWidget(toolButton(m_vectorAction, this));
    top->addWidget(toolButton(m_bulkAction, this));
    top->addWidget(toolButton(m_reloadAction, this));

    m_table->setModel(m_model);
    auto *delegate = new PointCellDelegate(m_table);
    // The cells draw the grid (two fills each) instead of the view's per-line strokes, which
    // the raster engine hands to a thread pool and waits for on every scrolled frame.
    delegate->setGridShown(true);
    m_table->setShowGrid(false);
    m_table->setItemDelegate(delegate);
    // The scroll bars too: Fusion draws them with long fills (a span per row along the
    // vertical one, a span per pixel of a line along the horizontal one), which the raster
    // engine also hands to that pool.
    auto *barStyle = new ScrollBarBandStyle(m_table);
    m_table->verticalScrollBar()->setStyle(barStyle);
    m_table->horizontalScrollBar()->setStyle(barStyle);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Virtualised: fixed row heights, so no row is measured while scrolling.
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 8);
    rows->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setHighlightSections(false);
    header->setDefaultSectionSize(160);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::sectionClicked, this, &PointsPane::sortByColumn);
    connect(header, &QWidget::customContextMenuRequested, this, &PointsPane::showHeaderMenu);

    m_vectorPanel->setObjectName(QStringLiteral("vectorPanel"));
    m_vectorText->setObjectName(QStringLiteral("vectorText"));
    m_vectorText->setReadOnly(true);
    m_vectorText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_vectorText->setFixedHeight(m_vectorText->fontMetrics().lineSpacing() * 5);
    auto *closeVector = new QToolButton(m_vectorPanel);
    closeVector->setText(tr("Hide"));
    closeVector->setAutoRaise(true);
    connect(closeVector, &QToolButton::clicked, this, [this] {
        m_vectorFor = PointId();
        m_vectorText->clear();
        m_vectorPanel->hide();
    });
    auto *vectorHead = new QHBoxLayout;
    vectorHead->addWidget(m_vectorTitle, 1);
    vectorHead->addWidget(closeVector);
    auto *vectorLayout = new QVBoxLayout(m_vectorPanel);
    vectorLayout->setContentsMargins(0, 0, 0, 0);
    vectorLayout->addLayout(vectorHead);
    vectorLayout->addWidget(m_vectorText);
    m_vectorPanel->hide();

    // The builder above the table; the user decides how much room each gets.
    auto *tableArea = new QWidget(m_splitter);
    auto *tableLayout = new QVBoxLayout(tableArea);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_message);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_vectorPanel);
    m_splitter->addWidget(m_builder);
    m_splitter->addWidget(tableArea);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    // The table gets the room at first: the builder shows a few conditions and the user
    // drags the handle for more.
    m_splitter->setSizes({fontMetrics().height() * 8, 100000});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);
}

void PointsPane::openCollection(const QString &collection)
{
    m_collection = collection;
    m_filter = {};
    m_payloadSchema = {};
    m_schemaKnown = false;
    m_schemaKeys.clear();
    if (const AgentMemorySchema *schema = agentMemorySchemaFor(collection)) {
        for (const SchemaField &field : schema->fields)
            m_schemaKeys.append(field.name);
    }
    m_title->setText(collection);
    m_vectorFor = PointId();
    m_vectorPanel->hide();
    m_message->clearMessage();
    m_builder->setFilter(m_filter);
    refreshKnownKeys();
    startSource();
    // The pages do not wait for the info: it only tells which keys can be sorted.
    m_infoCall.cancel();
    m_infoCall = m_session->admin().collectionInfo(
        collection, this, [this, collection](const Result<CollectionInfo> &info) {
            if (collection != m_collection)
                return;
            if (!info.ok()) {
                onRequestFailed(info.error());
                return;
            }
            m_payloadSchema = info.value().payloadSchema;
            m_schemaKnown = true;
            m_model->setPayloadSchema(m_payloadSchema);
            refreshSortIndicator();
            refreshKnownKeys();
        });
}

void PointsPane::setFilter(const QJsonObject &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    if (m_builder->filter() != filter)
        m_builder->setFilter(filter);
    if (!m_collection.isEmpty())
        startSource();
}

void PointsPane::startSource()
{
    const TenantScope &scope = m_session->scope();
    if (scope.mode() == TenantScope::Mode::None) {
        m_model->clear();
        m_message->showInfo(tr("Choose a tenant (or All tenants) to see the points."));
        refreshActions();
        return;
    }
    if (!scope.coversCollection(m_collection)) {
        m_model->clear();
        m_message->showError(
            tr("%1 is not among the collections of %2.").arg(m_collection, scope.badgeText()));
        refreshActions();
        return;
    }
    m_message->clearMessage();
    // The columns chosen so far stay; a new collection starts from its schema or discovers.
    QStringList columns = m_model->collection() == m_collection ? m_model->columns() : m_schemaKeys;
    if (m_model->collection() == m_collection && m_model->isDiscoveringColumns())
        columns.clear();
    const PointsOrder order
        = m_model->collection() == m_collection ? m_model->order() : PointsOrder();
    m_model->setSource(m_session->points(), m_collection, m_filter, columns, order);
    if (m_schemaKnown)
        m_model->setPayloadSchema(m_payloadSchema);
    m_table->horizontalHeader()->resizeSection(0, 90);
    refreshActions();
}

void PointsPane::reload()
{
    if (m_collection.isEmpty())
        return;
    m_message->clearMessage();
    startSource();
}

void PointsPane::onScopeChanged(const TenantScope &)
{
    m_vectorFor = PointId();
    m_vectorPanel->hide();
    if (!m_collection.isEmpty())
        startSource();
    refreshActions();
}

QStringList PointsPane::knownKeys() const
{
    QStringList keys = m_schemaKeys;
    keys.append(m_payloadSchema.keys());
    keys.append(m_model->discoveredKeys());
    keys.append(m_model->columns());
    keys.removeDuplicates();
    return keys;
}

void PointsPane::chooseColumns()
{
    if (m_collection.isEmpty())
        return;
    if (m_chooser) {
        m_chooser->raise();
        return;
    }
    m_chooser = new ColumnChooser(knownKeys(), m_model->columns(), this);
    m_chooser->setAttribute(Qt::WA_DeleteOnClose);
    const QString collection = m_collection;
    connect(m_chooser, &QDialog::accepted, this, [this, collection] {
        if (m_chooser && collection == m_collection)
            m_model->setColumns(m_chooser->chosenColumns());
    });
    m_chooser->open();
}

void PointsPane::showHeaderMenu(const QPoint &pos)
{
    if (m_collection.isEmpty())
        return;
    // popup(), not exec(): no nested event loop while the menu is open.
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("columnsMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList shown = m_model->columns();
    const QString collection = m_collection;
    for (const QString &key : knownKeys()) {
        QAction *toggle = menu->addAction(key);
        toggle->setCheckable(true);
        toggle->setChecked(shown.contains(key));
        connect(toggle, &QAction::toggled, this, [this, key, collection](bool checked) {
            if (collection == m_collection)
                toggleColumn(key, checked);
        });
    }
    menu->addSeparator();
    menu->addAction(m_columnsAction);
    menu->popup(m_table->horizontalHeader()->mapToGlobal(pos));
}

void PointsPane::toggleColumn(const QString &key, bool shown)
{
    QStringList columns = m_model->columns();
    if (shown && !columns.contains(key))
        columns.append(key);
    else if (!shown)
        columns.removeAll(key);
    m_model->setColumns(columns);
}

bool PointsPane::sortByColumn(int column)
{
    if (m_collection.isEmpty())
        return false;
    const QString why = m_model->whyNotSortable(column);
    if (!why.isEmpty()) {
        m_message->showInfo(why);
        refreshSortIndicator();
        return false;
    }
    m_message->clearMessage();
    if (column == 0) {
        m_model->setOrder(PointsOrder());
    } else {
        const QString key = m_model->columnKey(column);
        const PointsOrder current = m_model->order();
        const Qt::SortOrder direction
            = current.key == key && current.direction == Qt::AscendingOrder ? Qt::DescendingOrder
                                                                            : Qt::AscendingOrder;
        m_model->setOrder(PointsOrder {key, direction});
    }
    refreshSortIndicator();
    return true;
}

void PointsPane::refreshSortIndicator()
{
    // QHeaderView flips its indicator on every click; it must show the model's real order.
    QHeaderView *header = m_table->horizontalHeader();
    const PointsOrder order = m_model->order();
    const int column = order.isById() ? 0 : m_model->columnOf(order.key);
    header->setSortIndicator(column, order.isById() ? Qt::AscendingOrder : order.direction);
}

void PointsPane::showVectorOfCurrent()
{
    const int row = m_table->currentIndex().row();
    if (row < 0)
        return;
    m_vectorFor = m_model->pointId(row);
    m_vectorTitle->setText(tr("Vector of point %1: reading…").arg(m_vectorFor.toString()));
    m_vectorText->clear();
    m_vectorPanel->show();
    m_model->fetchVector(row);
}

void PointsPane::onVectorLoaded(const PointId &id, const NamedVectors &vectors)
{
    if (id != m_vectorFor)
        return; // another point was asked for since
    QStringList parts;
    QStringList blocks;
    for (auto it = vectors.cbegin(); it != vectors.cend(); ++it) {
        const QString name = it.key().isEmpty() ? tr("unnamed") : it.key();
        parts.append(tr("%1 (%n dimensions)", nullptr, int(it.value().size())).arg(name));
        blocks.append(vectors.size() > 1 ? name + QStringLiteral(": ") + vectorAsText(it.value())
                                         : vectorAsText(it.value()));
    }
    if (parts.isEmpty()) {
        m_vectorTitle->setText(tr("Point %1 has no vector.").arg(id.toString()));
        return;
    }
    m_vectorTitle->setText(
        tr("Vector of point %1 · %2").arg(id.toString(), parts.join(QStringLiteral(", "))));
    m_vectorText->setPlainText(blocks.join(QStringLiteral("\n\n")));
}

void PointsPane::activateRow(int row)
{
    const PointId id = m_model->pointId(row);
    if (id.isNull())
        return;
    m_activating = id;
    m_model->fetchPayload(row); // at once when the row holds the whole payload
}

void PointsPane::onPayloadLoaded(const PointId &id, const QJsonObject &payload)
{
    if (id != m_activating)
        return;
    m_activating = PointId();
    emit pointActivated(m_collection, id, payload);
}

void PointsPane::openBulkEdit()
{
    if (m_collection.isEmpty() || !m_bulkAction->isEnabled())
        return;
    if (m_bulkDialog) {
        m_bulkDialog->raise();
        return;
    }
    // The dialog keeps the scope, collection and filter it was opened with: it acts on what
    // it shows even if the pane moves on.
    m_bulkDialog
        = new BulkEditDialog(m_session->points(), m_curation, m_collection, m_filter,
                             knownKeys(), this);
    m_bulkDialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString collection = m_collection;
    connect(m_bulkDialog, &BulkEditDialog::applied, this, [this, collection] {
        if (collection == m_collection)
            reload();
    });
    m_bulkDialog->show();
}

void PointsPane::onRequestFailed(const NetError &error)
{
    if (error.kind == NetError::Kind::Cancelled)
        return;
    m_message->showError(error.message);
    IssueCause cause;
    cause.collection = m_collection;
    cause.pane = QStringLiteral("points");
    emit requestFailed(error, cause);
}

ColumnChooser *PointsPane::columnChooser() const
{
    return m_chooser;
}

BulkEditDialog *PointsPane::bulkEditDialog() const
{
    return m_bulkDialog;
}

QString PointsPane::countText() const
{
    return m_count->text();
}

QString PointsPane::messageText() const
{
    return m_message->text();
}

QString PointsPane::vectorText() const
{
    return m_vectorPanel->isVisible() ? m_vectorText->toPlainText() : QString();
}

void PointsPane::refreshCount()
{
    if (m_collection.isEmpty() || m_model->collection().isEmpty()) {
        m_count->clear();
        return;
    }
    const QLocale locale;
    const qint64 total = m_model->totalCount();
    QString text;
    if (total < 0)
        text = tr("Counting…");
    else if (total == 1)
        text = tr("1 point matches");
    else
        text = tr("%1 points match").arg(locale.toString(total));
    const int loaded = m_model->rowCount();
    if (total != loaded || !m_model->isAtEnd())
        text += tr(" · %1 loaded").arg(locale.toString(loaded));
    const PointsOrder order = m_model->order();
    QString tip;
    if (!order.isById()) {
        text += order.direction == Qt::AscendingOrder
            ? tr(" · sorted by %1, lowest first").arg(order.key)
            : tr(" · sorted by %1, highest first").arg(order.key);
        tip = tr("Sorted by %1 through order_by: points without a value of %1 are not listed, "
                 "so fewer rows may load than match.")
                  .arg(order.key);
    }
    m_count->setToolTip(tip);
    m_count->setText(text);
}

void PointsPane::refreshKnownKeys()
{
    // The builder offers every known key, typed where the schema or an index says how.
    QHash<QString, QString> types;
    for (auto it = m_payloadSchema.constBegin(); it != m_payloadSchema.constEnd(); ++it) {
        const QString type = it.value().toObject().value(QStringLiteral("data_type")).toString();
        if (!type.isEmpty())
            types.insert(it.key(), type);
    }
    if (const AgentMemorySchema *schema = agentMemorySchemaFor(m_collection)) {
        for (const SchemaField &field : schema->fields)
            types.insert(field.name, field.type);
    }
    m_builder->setKnownKeys(knownKeys(), types);
}

void PointsPane::refreshActions()
{
    const bool open = !m_collection.isEmpty() && !m_model->collection().isEmpty();
    const bool hasRow = open && m_table->currentIndex().isValid();
    m_reloadAction->setEnabled(open);
    m_columnsAction->setEnabled(open);
    m_vectorAction->setEnabled(hasRow);
    const bool readOnly = m_session->isReadOnly();
    m_bulkAction->setEnabled(open && !readOnly);
    m_bulkAction->setToolTip(readOnly ? tr("This profile is read-only: bulk edits are disabled.")
                                      : tr("Set or delete keys, or delete the points, of every "
                                           "point that matches the filter; a dry-run count comes "
                                           "first"));
}
