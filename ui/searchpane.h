#pragma once

#include "issuecause.h"
#include "neterror.h"
#include "pointid.h"
#include "qdrantcallhandle.h"
#include "searchoutcome.h"

#include <QJsonObject>
#include <QWidget>

#include <optional>

class ConsoleSession;
class GoldenQueries;
class GoldenQueriesPanel;
class GoldenQueryRunner;
class InlineMessage;
class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QSplitter;
class QTabWidget;
class QTableView;
class SavedQueries;
class ScoreHistogram;
class SearchForm;
class SearchHistory;
class SearchResultModel;
class SearchSummaryCard;
class SecretStore;
class SemanticSearch;
class TenantScope;

/// Semantic search over the agents' memory inside the session's tenant scope: a question in
/// plain words is embedded with the profile's embedder and sent as `points/query` with the
/// filter, limit, minimum score and vector of the SearchForm. The hits show with score bars
/// and the key fields of their collection type; a summary card answers the question at a
/// glance (outcome split, median savings or improvement, common lessons, the customer's
/// note) beside a score histogram. Any hit can be opened in the payload editor (Enter,
/// double-click) or used for "Find similar" (Ctrl+Shift+F). Searches go to the history;
/// queries can be saved by name; golden queries of the tenant can be run again after an
/// import to see how their expected ids moved. Errors show inline and go out through
/// requestFailed for the Issues dock.
class SearchPane final : public QWidget
{
    Q_OBJECT

public:
    /// session is not owned and must outlive the pane; secrets may be nullptr (no keychain).
    SearchPane(ConsoleSession *session, SecretStore *secrets, QWidget *parent = nullptr);
    ~SearchPane() override;

    /// Chooses the collection to search.
    void setCollection(const QString &collection);
    /// Searches for the points nearest to one point (the point itself left out), with the
    /// form's filter, limit and minimum score.
    void findSimilar(const QString &collection, const PointId &id);
    /// Fills the form with query and runs it.
    void runQuery(const SearchQuery &query);
    /// An import into collection has written points: runs the tenant's golden queries again
    /// when one of them searches that collection (and they are not running already), so the
    /// panel shows what the import moved without being asked.
    void rerunGoldenQueriesAfterImport(const QString &collection);

    SearchForm *form() const { return m_form; }
    QTableView *resultsTable() const { return m_table; }
    SearchResultModel *resultModel() const { return m_results; }
    ScoreHistogram *histogram() const { return m_histogram; }
    SearchHistory *history() const { return m_history; }
    SavedQueries *savedQueries() const { return m_saved; }
    GoldenQueries *goldenQueries() const { return m_golden; }
    GoldenQueriesPanel *goldenPanel() const { return m_goldenPanel; }
    QListView *historyView() const { return m_historyView; }
    QListView *savedView() const { return m_savedView; }
    QLineEdit *saveNameEdit() const { return m_saveName; }
    QTabWidget *sideTabs() const { return m_tabs; }
    QAction *findSimilarAction() const { return m_findSimilarAction; }
    QAction *openAction() const { return m_openAction; }
    QAction *focusQueryAction() const { return m_focusAction; }
    /// The summary card's text, headline first.
    QString summaryText() const;
    /// "6 hits in 12 ms · unnamed vector, Cosine", or what is running.
    QString statusText() const;
    /// The inline error or notice; empty when none.
    QString messageText() const;
    /// The last search that finished, if any.
    const std::optional<SearchOutcome> &lastOutcome() const { return m_outcome; }

public slots:
    /// Runs the search the form describes.
    void search();
    /// Stops the search in flight.
    void cancel();
    /// Opens the current hit in the payload editor (emits openPointRequested).
    void openCurrent();
    /// "Find similar" to the current hit.
    void findSimilarToCurrent();

signals:
    /// The user opened a hit: its collection, id and whole payload, for the payload editor.
    void openPointRequested(
        const QString &collection, const PointId &id, const QJsonObject &payload);
    /// A search, or a read it needed, failed; for the Issues dock.
    void requestFailed(const NetError &error, const IssueCause &cause);
    /// A search finished (for the status bar or tests).
    void searchFinished(const SearchOutcome &outcome);

private:
    QWidget *buildSide();
    void createActions();
    void onOpened();
    void onScopeChanged(const TenantScope &scope);
    void loadCollections();
    void loadCollectionInfo(const QString &collection);
    void onFinished(const SearchOutcome &outcome);
    void onFailed(const SearchQuery &query, const NetError &error);
    void showResults(const SearchOutcome &outcome);
    void clearResults(const QString &note);
    void loadStores();
    void saveCurrentQuery();
    void saveGolden(const QString &name);
    void runGoldenQueries();
    void reportFileError(const Result<bool> &result);
    void refreshActions();
    static QString tenantKey(const TenantScope &scope);

    ConsoleSession *m_session;
    SemanticSearch *m_search;
    GoldenQueryRunner *m_goldenRunner;
    SearchResultModel *m_results;
    SearchHistory *m_history;
    SavedQueries *m_saved;
    GoldenQueries *m_golden;
    std::optional<SearchOutcome> m_outcome;
    QdrantCallHandle m_collectionsCall;
    QdrantCallHandle m_infoCall;

    SearchForm *m_form = nullptr;
    InlineMessage *m_message = nullptr;
    QLabel *m_status = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    SearchSummaryCard *m_card = nullptr;
    ScoreHistogram *m_histogram = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListView *m_historyView = nullptr;
    QListView *m_savedView = nullptr;
    QLineEdit *m_saveName = nullptr;
    GoldenQueriesPanel *m_goldenPanel = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_findSimilarAction = nullptr;
    QAction *m_focusAction = nullptr;
};
