#include "searchpane.h"

#include "agentmemoryschemas.h"
#include "consolesession.h"
#include "goldenqueries.h"
#include "goldenqueriespanel.h"
#include "goldenqueryrunner.h"
#include "inlinemessage.h"
#include "savedqueries.h"
#include "scorebardelegate.h"
#include "scorehistogram.h"
#include "searchform.h"
#include "searchhistory.h"
#include "searchresultmodel.h"
#include "searchsummary.h"
#include "searchsummarycard.h"
#include "semanticsearch.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kMaxColumnWidth = 280;
const QString kPane = QStringLiteral("search");

} // namespace

SearchPane::SearchPane(ConsoleSession *session, SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_search(new SemanticSearch(session, secrets, this))
    , m_goldenRunner(new GoldenQueryRunner(session, secrets, this))
    , m_results(new SearchResultModel(this))
    , m_history(new SearchHistory(this))
    , m_saved(new SavedQueries(this))
    , m_golden(new GoldenQueries(this))
    , m_form(new SearchForm(this))
    , m_message(new InlineMessage(this))
    , m_status(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_table(new QTableView(m_splitter))
{
    m_table->setModel(m_results);
    m_table->setItemDelegateForColumn(
        SearchResultModel::ScoreColumn, new ScoreBarDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setAccessibleName(tr("Search results"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(buildSide());
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_form);
    layout->addWidget(m_message);
    layout->addWidget(m_status);
    layout->addWidget(m_splitter, 1);
    createActions();

    connect(m_form, &SearchForm::searchRequested, this, &SearchPane::search);
    connect(m_form, &SearchForm::cancelRequested, this, &SearchPane::cancel);
    connect(m_form, &SearchForm::collectionChanged, this, &SearchPane::loadCollectionInfo);
    connect(m_search, &SemanticSearch::searchStarted, this, [this](const SearchQuery &query) {
        m_form->setRunning(true);
        m_message->clearMessage();
        m_status->setText(query.isSimilarSearch()
                ? tr("Finding points similar to %1…").arg(query.similarTo.toString())
                : tr("Searching…"));
    });
    connect(m_search, &SemanticSearch::searchFinished, this, &SearchPane::onFinished);
    connect(m_search, &SemanticSearch::searchFailed, this, &SearchPane::onFailed);
    connect(m_table, &QTableView::activated, this, &SearchPane::openCurrent);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_table->indexAt(pos).isValid())
            return;
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(m_openAction);
        menu->addAction(m_findSimilarAction);
        const QString id = m_results->hit(m_table->indexAt(pos).row()).id.toString();
        menu->addAction(tr("Copy id"), this, [id] { QApplication::clipboard()->setText(id); });
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &SearchPane::refreshActions);

    connect(session, &ConsoleSession::opened, this, &SearchPane::onOpened);
    connect(session, &ConsoleSession::scopeChanged, this, &SearchPane::onScopeChanged);
    connect(session, &ConsoleSession::closed, this, [this] {
        m_form->setCollections({});
        clearResults(tr("Not connected."));
    });
    clearResults(QString());
    if (session->state() == ConsoleSession::State::Open)
        onOpened();
    refreshActions();
}

SearchPane::~SearchPane() = default;

QWidget *SearchPane::buildSide()
{
    auto *side = new QWidget(m_splitter);
    m_card = new SearchSummaryCard(side);
    m_histogram = new ScoreHistogram(side);
    m_tabs = new QTabWidget(side);

    m_historyView = new QListView(m_tabs);
    m_historyView->setModel(m_history);
    m_historyView->setToolTip(tr("Enter or double-click runs a search again"));
    m_tabs->addTab(m_historyView, tr("History"));

    auto *savedPage = new QWidget(m_tabs);
    m_savedView = new QListView(savedPage);
    m_savedView->setModel(m_saved);
    m_saveName = new QLineEdit(savedPage);
    m_saveName->setPlaceholderText(tr("Name for the current query"));
    auto *save = new QPushButton(tr("Save"), savedPage);
    auto *remove = new QPushButton(tr("Remove"), savedPage);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_saveName, 1);
    saveRow->addWidget(save);
    saveRow->addWidget(remove);
    auto *savedLayout = new QVBoxLayout(savedPage);
    savedLayout->setContentsMargins(0, 4, 0, 0);
    savedLayout->addLayout(saveRow);
    savedLayout->addWidget(m_savedView, 1);
    m_tabs->addTab(savedPage, tr("Saved"));

    m_goldenPanel = new GoldenQueriesPanel(m_golden, m_tabs);
    m_tabs->addTab(m_goldenPanel, tr("Golden"));

    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_card);
    layout->addWidget(m_histogram);
    layout->addWidget(m_tabs, 1);

    connect(m_historyView, &QListView::activated, this,
        [this](const QModelIndex &index) { runQuery(m_history->query(index.row())); });
    connect(m_savedView, &QListView::activated, this,
        [this](const QModelIndex &index) { runQuery(m_saved->query(index.row())); });
    connect(save, &QPushButton::clicked, this, &SearchPane::saveCurrentQuery);
    connect(m_saveName, &QLineEdit::returnPressed, this, &SearchPane::saveCurrentQuery);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_savedView->currentIndex().isValid())
            reportFileError(m_saved->remove(m_savedView->currentIndex().row()));
    });
    connect(m_goldenPanel, &GoldenQueriesPanel::saveRequested, this, &SearchPane::saveGolden);
    connect(
        m_goldenPanel, &GoldenQueriesPanel::runAllRequested, this, &SearchPane::runGoldenQueries);
    connect(m_goldenPanel, &GoldenQueriesPanel::stopRequested, m_goldenRunner,
        &GoldenQueryRunner::cancel);
    connect(m_goldenPanel, &GoldenQueriesPanel::removeRequested, this,
        [this](int row) { reportFileError(m_golden->remove(row)); });
    connect(m_goldenPanel, &GoldenQueriesPanel::queryActivated, this,
        [this](int row) { runQuery(m_golden->golden(row).query); });
    connect(m_goldenRunner, &GoldenQueryRunner::queryChecked, m_golden, &GoldenQueries::setCheck);
    connect(m_goldenRunner, &GoldenQueryRunner::queryFailed, m_golden, &GoldenQueries::setFailure);
    connect(m_goldenRunner, &GoldenQueryRunner::finished, this,
        [this](int checked, int changed, int failed) {
            m_goldenPanel->setRunning(false);
            m_goldenPanel->showMessage(tr("Ran %1 of %2 golden queries: %3 changed, %4 failed.")
                                           .arg(checked + failed)
                                           .arg(m_golden->rowCount())
                                           .arg(changed)
                                           .arg(failed),
                changed > 0 || failed > 0);
        });
    return side;
}

void SearchPane::createActions()
{
    m_openAction = new QAction(tr("Open in editor"), this);
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_findSimilarAction = new QAction(tr("Find similar"), this);
    m_findSimilarAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_findSimilarAction->setToolTip(tr("Search for the points nearest to this one (itself left "
                                       "out), with the same filter and limit"));
    m_focusAction = new QAction(tr("Search text"), this);
    m_focusAction->setShortcut(QKeySequence::Find);
    for (QAction *action : {m_openAction, m_findSimilarAction, m_focusAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(m_openAction, &QAction::triggered, this, &SearchPane::openCurrent);
    connect(m_findSimilarAction, &QAction::triggered, this, &SearchPane::findSimilarToCurrent);
    connect(m_focusAction, &QAction::triggered, m_form, &SearchForm::focusQuery);
}

void SearchPane::refreshActions()
{
    const bool hasRow = m_table->currentIndex().isValid();
    m_openAction->setEnabled(hasRow);
    m_findSimilarAction->setEnabled(hasRow);
}

QString SearchPane::tenantKey(const TenantScope &scope)
{
    switch (scope.mode()) {
    case TenantScope::Mode::None:
        return {};
    case TenantScope::Mode::AllTenants:
        return QStringLiteral("*");
    case TenantScope::Mode::Tenant:
        return scope.tenantId();
    }
    return {};
}

void SearchPane::onOpened()
{
    loadStores();
    onScopeChanged(m_session->scope());
}

void SearchPane::loadStores()
{
    const QUuid profile = m_session->profile().id;
    if (profile.isNull())
        return;
    reportFileError(m_history->load(SearchHistory::filePathFor(profile)));
    reportFileError(m_saved->load(SavedQueries::filePathFor(profile)));
    reportFileError(
        m_golden->load(GoldenQueries::filePathFor(profile), tenantKey(m_session->scope())));
}

void SearchPane::onScopeChanged(const TenantScope &scope)
{
    m_goldenRunner->cancel();
    m_golden->setTenant(tenantKey(scope));
    if (scope.mode() == TenantScope::Mode::None) {
        m_form->setCollections({});
        clearResults(tr("Choose a tenant (or All tenants) to search its memory."));
        return;
    }
    clearResults(QString());
    loadCollections();
}

void SearchPane::loadCollections()
{
    m_collectionsCall.cancel();
    m_collectionsCall = m_session->admin().listCollections(
        this, [this](const Result<QStringList> &collections) {
            if (!collections.ok()) {
                m_message->showError(
                    tr("The collections could not be listed: %1").arg(collections.error().message));
                emit requestFailed(collections.error(), IssueCause {{}, {}, kPane, {}});
                return;
            }
            // The agent-memory collections first: they are what the pane is for.
            QStringList memory, other;
            for (const QString &name : collections.value())
                (agentMemorySchemaFor(name) ? memory : other).append(name);
            m_form->setCollections(memory + other);
            loadCollectionInfo(m_form->collection());
        });
}

void SearchPane::loadCollectionInfo(const QString &collection)
{
    m_infoCall.cancel();
    m_form->setVectors({});
    if (collection.isEmpty())
        return;
    m_infoCall = m_session->admin().collectionInfo(
        collection, this, [this, collection](const Result<CollectionInfo> &info) {
            if (!info.ok() || collection != m_form->collection())
                return; // the search itself says what is wrong with the collection
            m_form->setVectors(info.value().vectors);
            QStringList keys;
            QHash<QString, QString> types;
            const QJsonObject &schema = info.value().payloadSchema;
            for (auto it = schema.begin(); it != schema.end(); ++it) {
                keys.append(it.key());
                const QString type
                    = it.value().toObject().value(QStringLiteral("data_type")).toString();
                if (!type.isEmpty())
                    types.insert(it.key(), type);
            }
            if (const AgentMemorySchema *memory = agentMemorySchemaFor(collection)) {
                for (const SchemaField &field : memory->fields) {
                    if (!keys.contains(field.name))
                        keys.append(field.name);
                    types.insert(field.name, field.type);
                }
            }
            m_form->setKnownKeys(keys, types);
        });
}

void SearchPane::setCollection(const QString &collection)
{
    m_form->setCollection(collection);
}

void SearchPane::search()
{
    m_search->search(m_form->query());
}

void SearchPane::cancel()
{
    m_search->cancel();
}

void SearchPane::runQuery(const SearchQuery &query)
{
    m_form->setQuery(query);
    m_search->search(query);
}

void SearchPane::findSimilar(const QString &collection, const PointId &id)
{
    m_form->setCollection(collection);
    SearchQuery query = m_form->query();
    query.collection = collection;
    query.similarTo = id;
    m_search->search(query);
}

void SearchPane::findSimilarToCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_outcome)
        return;
    findSimilar(m_outcome->query.collection, m_results->hit(current.row()).id);
}

void SearchPane::openCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_outcome)
        return;
    const ScoredPoint &hit = m_results->hit(current.row());
    emit openPointRequested(m_outcome->query.collection, hit.id, hit.payload);
}

void SearchPane::onFinished(const SearchOutcome &outcome)
{
    m_form->setRunning(false);
    showResults(outcome);
    reportFileError(m_history->add(outcome.query));
    emit searchFinished(outcome);
}

void SearchPane::onFailed(const SearchQuery &query, const NetError &error)
{
    m_form->setRunning(false);
    if (error.kind == NetError::Kind::Cancelled) {
        m_status->setText(error.message);
        return;
    }
    m_status->setText(m_outcome ? tr("Showing the previous results.") : QString());
    m_message->showError(tr("Search failed: %1").arg(error.message));
    emit requestFailed(error, IssueCause {query.collection, query.similarTo, kPane, {}});
}

void SearchPane::showResults(const SearchOutcome &outcome)
{
    m_outcome = outcome;
    m_results->setResults(outcome.query.collection, outcome.distance, outcome.hits);
    m_card->setSummary(SearchSummary::of(outcome.query.collection, outcome.hits));
    QList<float> scores;
    for (const ScoredPoint &hit : outcome.hits)
        scores.append(hit.score);
    m_histogram->setScores(scores, outcome.distance == u"Cosine");

    const QString vector = outcome.vectorName.isEmpty() ? tr("unnamed vector")
                                                        : tr("vector %1").arg(outcome.vectorName);
    QString status = outcome.hits.size() == 1 ? tr("1 hit in %1 ms").arg(outcome.elapsedMs)
                                              : tr("%1 hits in %2 ms")
                                                    .arg(QLocale().toString(outcome.hits.size()))
                                                    .arg(outcome.elapsedMs);
    status += tr(" · %1, %2").arg(vector, outcome.distance);
    if (outcome.query.isSimilarSearch())
        status += tr(" · similar to %1").arg(outcome.query.similarTo.toString());
    if (outcome.query.scoreThreshold)
        status += tr(" · min score %1").arg(double(*outcome.query.scoreThreshold));
    m_status->setText(status);

    for (int column = 0; column < m_results->columnCount(); ++column) {
        m_table->resizeColumnToContents(column);
        if (m_table->columnWidth(column) > kMaxColumnWidth)
            m_table->setColumnWidth(column, kMaxColumnWidth);
    }
    m_table->setColumnWidth(SearchResultModel::ScoreColumn,
        std::max(m_table->columnWidth(SearchResultModel::ScoreColumn),
            fontMetrics().horizontalAdvance(u'0') * 14));
    if (!outcome.hits.isEmpty())
        m_table->setCurrentIndex(m_results->index(0, 0));
    m_goldenPanel->setCanSave(!outcome.hits.isEmpty() && !m_golden->tenant().isEmpty());
    refreshActions();
}

void SearchPane::clearResults(const QString &note)
{
    m_outcome.reset();
    m_results->clear();
    m_histogram->setScores({}, true);
    m_card->setNote(tr("Run a search to see what the similar cases say."));
    m_status->clear();
    if (note.isEmpty())
        m_message->clearMessage();
    else
        m_message->showInfo(note);
    m_goldenPanel->setCanSave(false);
    refreshActions();
}

void SearchPane::saveCurrentQuery()
{
    SearchQuery query = m_outcome ? m_outcome->query : m_form->query();
    const Result<bool> saved = m_saved->save(m_saveName->text(), query);
    if (!saved.ok()) {
        m_message->showError(saved.error().message);
        return;
    }
    m_message->showSuccess(
        tr("Saved the query as \u201c%1\u201d.").arg(m_saveName->text().trimmed()));
    m_saveName->clear();
}

void SearchPane::saveGolden(const QString &name)
{
    if (!m_outcome)
        return;
    const Result<bool> saved
        = m_golden->save(GoldenQuery::fromHits(name, m_outcome->query, m_outcome->hits));
    if (!saved.ok()) {
        m_goldenPanel->showMessage(saved.error().message, true);
        return;
    }
    m_goldenPanel->nameEdit()->clear();
    m_goldenPanel->showMessage(tr("\u201c%1\u201d expects these %2 ids, in this order.")
                                   .arg(name.trimmed())
                                   .arg(m_outcome->hits.size()),
        false);
}

void SearchPane::runGoldenQueries()
{
    if (m_golden->rowCount() == 0)
        return;
    m_goldenPanel->setRunning(true);
    m_goldenPanel->showMessage(tr("Running %1 golden queries…").arg(m_golden->rowCount()), false);
    m_goldenRunner->runAll(m_golden->queries());
}

void SearchPane::rerunGoldenQueriesAfterImport(const QString &collection)
{
    if (m_goldenRunner->isRunning())
        return;
    const QList<GoldenQuery> queries = m_golden->queries();
    const bool concerned = std::any_of(queries.cbegin(), queries.cend(),
        [&collection](const GoldenQuery &golden) { return golden.query.collection == collection; });
    if (!concerned)
        return;
    m_goldenPanel->setRunning(true);
    m_goldenPanel->showMessage(tr("An import into %1 finished: running %2 golden queries again…")
                                   .arg(collection)
                                   .arg(queries.size()),
        false);
    m_goldenRunner->runAll(queries);
}

void SearchPane::reportFileError(const Result<bool> &result)
{
    if (result.ok())
        return;
    m_message->showError(result.error().message);
    emit requestFailed(result.error(), IssueCause {{}, {}, kPane, {}});
}

QString SearchPane::summaryText() const
{
    return m_card->text();
}

QString SearchPane::statusText() const
{
    return m_status->text();
}

QString SearchPane::messageText() const
{
    return m_message->text();
}
