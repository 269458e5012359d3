#pragma once

#include "backgroundpool.h"
#include "pointcelltext.h"
#include "pointsorder.h"
#include "scopedpoints.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>

/// The points of one collection, inside a tenant scope, as a lazy table: column 0 is the id,
/// the others are payload keys. Rows come a page at a time from ScopedPoints::scroll (never
/// with vectors; with the payload of the shown keys only, or whole while the columns are
/// discovered) when a view asks through fetchMore(). Every setSource() (and reload, new order,
/// new unloaded columns) starts a new generation: what an older one asked for is cancelled,
/// and a page or count of it that still comes back is dropped. Vectors and whole payloads are
/// read for one point when asked.
///
/// A page's rows are made ready on a thread of the model's own below-normal-priority pool (each
/// shown cell's text worked out once), so that painting a cell only copies a string and the
/// work never takes a core from the GUI thread; the page counts as loading until they are in.
///
/// Ordered by a key, Qdrant's order_by has no cursor (next_page_offset stays null): the next
/// page starts from the last value seen (start_from, inclusive) and leaves out, with
/// must_not has_id, the points already read at that value. Ties longer than
/// MaxTiedPoints stop the paging with an error rather than send ever longer filters. A point
/// with several values of the key is listed once, at its first value.
class PointsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        RawValueRole = Qt::UserRole + 1, ///< PointCellText::raw of the cell (sorting, editors)
        JsonValueRole, ///< the cell's QJsonValue (undefined when the key is missing)
        PointIdRole, ///< the row's PointId, any column
        PayloadRole, ///< the row's payload as loaded (QJsonObject), any column
        FullPayloadRole, ///< bool: PayloadRole holds the whole payload, not only shown keys
    };
    static constexpr int DefaultPageSize = 100;
    static constexpr int MaxTiedPoints = 10000;

    explicit PointsModel(QObject *parent = nullptr);
    ~PointsModel() override;

    /// Shows the points of collection that match userFilter inside points' scope, in order.
    /// columns are the payload keys to show (only they are read); empty columns discover the
    /// keys from the pages (whole payloads are read). Drops the rows and asks the first page
    /// and the count at once.
    void setSource(const ScopedPoints &points, const QString &collection,
        const QJsonObject &userFilter, const QStringList &columns, const PointsOrder &order = {});
    /// Drops the rows and the source; asks nothing until the next setSource().
    void clear();
    /// Reads the same source again from its first page (after an edit or a failed page).
    void reload();

    /// Rows asked per page, from the next page on (at least 1).
    void setPageSize(int rows);
    /// Rows asked per page.
    int pageSize() const { return m_pageSize; }

    /// The payload keys to show, in this order after the id column. Keys already read are
    /// shown at once; any other makes the model read the points again with them. Stops
    /// following the discovered keys.
    void setColumns(const QStringList &keys);
    /// The payload keys shown, in order (column i + 1).
    QStringList columns() const { return m_columns; }
    /// True while the columns follow the keys found in the pages (setSource with none).
    bool isDiscoveringColumns() const { return m_discovering; }
    /// Every top-level payload key seen in this collection's pages so far, sorted.
    QStringList discoveredKeys() const { return m_discovered; }

    /// The collection's payload_schema (CollectionInfo::payloadSchema): which keys can order.
    /// Forgotten when the source moves to another collection; until it is known no key can.
    void setPayloadSchema(const QJsonObject &schema) { m_payloadSchema = schema; }
    /// Orders by a payload key through order_by, or by id; reads the points again.
    void setOrder(const PointsOrder &order);
    /// The order of the rows.
    const PointsOrder &order() const { return m_order; }
    /// Why a column cannot order the rows; empty when it can (the id column always can).
    QString whyNotSortable(int column) const;

    /// Payload fields whose cells show PresentationOptions::maskText() instead of their value
    /// (presentation mode); the other roles keep the real value.
    void setMaskedFields(const QStringList &fields);
    QStringList maskedFields() const { return m_maskedFields; }

    /// The payload key of a column; empty for the id column or out of range.
    QString columnKey(int column) const;
    /// The column of a payload key; -1 when it is not shown.
    int columnOf(const QString &key) const;
    /// The row of a loaded point; -1 when it is not loaded.
    int rowOf(const PointId &id) const { return m_rowOf.value(id, -1); }
    /// The point of a row; null out of range.
    PointId pointId(int row) const;
    /// How many points match (count); -1 until the server says.
    qint64 totalCount() const { return m_total; }
    /// True while a page is asked for.
    bool isLoading() const { return m_loading; }
    /// True when the last page of this generation has come.
    bool isAtEnd() const { return m_atEnd; }
    /// The collection shown; empty without a source.
    QString collection() const { return m_collection; }
    /// The user's filter (the scope's condition is added by ScopedPoints).
    QJsonObject userFilter() const { return m_filter; }
    /// The scoped gateway the rows were read through.
    const ScopedPoints &points() const { return m_points; }

    /// Reads the whole payload of a row's point (only the shown keys may be loaded) into the
    /// row; payloadLoaded() or requestFailed(). At once when the row already holds it.
    void fetchPayload(int row);
    /// Reads every vector of a row's point; vectorLoaded() or requestFailed().
    void fetchVector(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    /// Orders through order_by when the column allows it (see whyNotSortable()).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    /// The count of matching points is known (or changed with a new source).
    void totalChanged(qint64 total);
    /// A page, count, payload or vector could not be read; paging stops until reload().
    void requestFailed(const NetError &error);
    /// The vectors of a point, asked with fetchVector().
    void vectorLoaded(const PointId &id, const NamedVectors &vectors);
    /// The whole payload of a point, asked with fetchPayload().
    void payloadLoaded(const PointId &id, const QJsonObject &payload);
    /// New payload keys were seen in a page.
    void discoveredKeysChanged(const QStringList &keys);
    /// A page started or stopped being loaded.
    void loadingChanged(bool loading);

private:
    struct Row
    {
        PointId id;
        QJsonObject payload;
        bool fullPayload = false;
        QString idText; ///< what the id column shows
        // The shown columns' cells as they were at cellsVersion (m_cellsVersion); worked out
        // again in data() when the columns or the payload changed since.
        mutable QList<PointCellText::Cell> cells;
        mutable int cellsVersion = -1;
    };
    /// A page's new rows, built on the thread pool.
    struct BuiltPage
    {
        QList<Row> rows;
        QSet<QString> keys; ///< the top-level keys of the whole payloads among them
    };

    /// Cancels what the old generation asked, drops the rows, asks the count and a page.
    void startGeneration(const QStringList &columns);
    void requestPage();
    void onPage(int generation, int limit, const Result<ScrollPage> &page);
    /// Tracks the value order_by reached, for the next page's start_from and ties.
    void noteOrderedRecord(const PointRecord &record);
    /// The user's filter, without the points already read at the order_by boundary.
    QJsonObject pageFilter() const;
    PayloadSelector pageSelector() const;
    /// The rows of records (each once) with their cells under columns; runs on the pool.
    static BuiltPage buildPage(
        const QList<PointRecord> &records, const QStringList &columns, bool fullPayloads,
        int cellsVersion);
    /// Appends the rows of a built page that are not listed yet, in one insertion.
    void insertPage(BuiltPage page);
    /// The cell of a payload column (1..), worked out again when stale.
    const PointCellText::Cell &cellOf(const Row &row, int column) const;
    /// Notes the keys of whole payloads; adds the new ones as columns while discovering.
    void absorbKeys(const QSet<QString> &keys);
    void replaceColumns(const QStringList &keys);
    void setLoading(bool loading);
    void fail(const NetError &error);

    ScopedPoints m_points;
    QString m_collection;
    QJsonObject m_filter;
    PointsOrder m_order;
    std::optional<QJsonObject> m_payloadSchema;
    QStringList m_columns;
    QStringList m_maskedFields;
    bool m_discovering = false;
    bool m_fullPayloads = false; ///< this generation reads whole payloads
    QSet<QString> m_readKeys; ///< the keys this generation reads, when not whole payloads
    QList<Row> m_rows;
    int m_cellsVersion = 0; ///< bumped whenever m_columns changes
    QHash<PointId, int> m_rowOf;
    QStringList m_discovered;
    QSet<QString> m_discoveredSet;

    int m_pageSize = DefaultPageSize;
    int m_generation = 0;
    bool m_hasSource = false;
    bool m_loading = false;
    bool m_atEnd = true;
    bool m_failed = false;
    qint64 m_total = -1;
    PointId m_nextOffset; ///< by id: the scroll cursor
    // By a key: the boundary the last page reached.
    bool m_hasBoundary = false;
    double m_boundaryKey = 0;
    QJsonValue m_startFrom;
    QList<PointId> m_boundaryIds;
    QdrantCallHandle m_pageCall;
    QdrantCallHandle m_countCall;
    BackgroundPool m_builders; ///< builds the pages' rows, one page at a time
};
