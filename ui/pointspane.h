#pragma once

#include "issuecause.h"
#include "neterror.h"
#include "qdrantcallhandle.h"
#include "qdranttypes.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class BulkEditDialog;
class ColumnChooser;
class ConsoleSession;
class FilterBuilder;
class InlineMessage;
class PointCuration;
class PointsModel;
class QAction;
class QLabel;
class QPlainTextEdit;
class QSplitter;
class QTableView;
class TenantScope;

/// The points table: one collection's points inside the session's tenant scope, a page at a
/// time (PointsModel), with the count of matches, columns from the agent-memory schema or the
/// keys found in the pages (a column chooser, and the header's context menu), sorting by a
/// header click where the key has a range index (the header's tooltip says why not
/// elsewhere), the vector of the current point on demand, and bulk edits by the current
/// filter (BulkEditDialog: a dry-run count first). The filter comes from the FilterBuilder
/// above the table (visual or raw JSON) or from setFilter(). Enter or a double-click on a row emits
/// pointActivated with the point's whole payload for the payload editor. A read-only profile
/// disables the bulk edits. Errors show in the pane and go out through requestFailed for the Issues
/// dock.
class PointsPane final : public QWidget
{
    Q_OBJECT

public:
    /// Neither is owned; both must outlive the pane. Bulk edits are written through curation
    /// (journalled).
    PointsPane(ConsoleSession *session, PointCuration *curation, QWidget *parent = nullptr);
    ~PointsPane() override;

    /// Shows a collection's points with no filter, by id. An agent-memory collection shows
    /// its schema's keys, any other the keys found in the pages; its payload indexes (what
    /// can be sorted) are read alongside.
    void openCollection(const QString &collection);
    /// The collection shown; empty when none.
    QString collection() const { return m_collection; }
    /// Shows only the points that match filter (Qdrant's JSON; the scope is added below it).
    void setFilter(const QJsonObject &filter);
    /// Shows every point of the scope again.
    void clearFilter() { setFilter(QJsonObject()); }
    /// The user's filter in force.
    QJsonObject filter() const { return m_filter; }
    /// Every key known for the collection: schema, payload indexes, keys seen in pages.
    QStringList knownKeys() const;

    PointsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    FilterBuilder *filterBuilder() const { return m_builder; }
    QAction *reloadAction() const { return m_reloadAction; }
    QAction *columnsAction() const { return m_columnsAction; }
    QAction *showVectorAction() const { return m_vectorAction; }
    QAction *bulkEditAction() const { return m_bulkAction; }
    /// "1,234 points match" (with what is loaded and how it is sorted).
    QString countText() const;
    /// The pane's error or notice line.
    QString messageText() const;
    /// The vector panel's text; empty while it is hidden.
    QString vectorText() const;
    /// The column chooser, while it is open.
    ColumnChooser *columnChooser() const;
    /// The bulk edit dialog, while it is open.
    BulkEditDialog *bulkEditDialog() const;

public slots:
    /// Reads the points again from the first page (F5).
    void reload();
    /// Opens the column chooser.
    void chooseColumns();
    /// Reads and shows the vectors of the current row's point.
    void showVectorOfCurrent();
    /// Opens the bulk edit dialog for the current filter.
    void openBulkEdit();
    /// What a click on a header does: sort by it (again: the other way) when it has a range
    /// index, by id for the id column; else the pane says why not. False when it did not.
    bool sortByColumn(int column);

signals:
    /// The user opened a point (Enter or double-click): its whole payload, for the editor.
    void pointActivated(const QString &collection, const PointId &id, const QJsonObject &payload);
    /// A read or write failed; for the Issues dock.
    void requestFailed(const NetError &error, const IssueCause &cause);

private:
    void buildUi();
    void createActions();
    void startSource();
    void onScopeChanged(const TenantScope &scope);
    void onRequestFailed(const NetError &error);
    void onVectorLoaded(const PointId &id, const NamedVectors &vectors);
    void onPayloadLoaded(const PointId &id, const QJsonObject &payload);
    void activateRow(int row);
    void showHeaderMenu(const QPoint &pos);
    void toggleColumn(const QString &key, bool shown);
    void refreshSortIndicator();
    void refreshCount();
    void refreshActions();
    void refreshKnownKeys();

    ConsoleSession *m_session;
    PointCuration *m_curation;
    PointsModel *m_model;
    QString m_collection;
    QJsonObject m_filter;
    QJsonObject m_payloadSchema;
    bool m_schemaKnown = false; ///< m_payloadSchema came from the server
    QStringList m_schemaKeys;
    QdrantCallHandle m_infoCall;
    PointId m_vectorFor; ///< the point whose vector the panel waits for
    PointId m_activating; ///< the point whose whole payload is awaited to open it

    QLabel *m_title = nullptr;
    QLabel *m_count = nullptr;
    FilterBuilder *m_builder = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    InlineMessage *m_message = nullptr;
    QWidget *m_vectorPanel = nullptr;
    QLabel *m_vectorTitle = nullptr;
    QPlainTextEdit *m_vectorText = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_columnsAction = nullptr;
    QAction *m_vectorAction = nullptr;
    QAction *m_bulkAction = nullptr;
    QPointer<ColumnChooser> m_chooser;
    QPointer<BulkEditDialog> m_bulkDialog;
};
