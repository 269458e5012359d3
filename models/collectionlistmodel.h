#pragma once

#include "qdrantcallhandle.h"
#include "qdranttypes.h"
#include "scopedadmin.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <optional>

class ConsoleSession;

/// The collections the session's scope covers, one row each: name, status, points, vectors
/// and aliases. Loads the names and aliases (ScopedAdmin::listCollections / listAliases), then
/// each collection's info with a few requests in flight, filling rows in as answers come
/// (dataChanged over ranges, coalesced). No page cap: thousands of collections are listed. A
/// generation counter drops answers that belong to an earlier load or scope. Follows the
/// session: a new scope or connection reloads, a closed one empties the list.
class CollectionListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, StatusColumn, PointsColumn, VectorsColumn, AliasesColumn,
                  ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< the raw value to sort on (number, rank, name)
        NameRole,                    ///< the collection's name, in every column
    };

    /// Info requests in flight at once: enough to hide the round trips, few enough not to
    /// crowd out what the user does meanwhile.
    static constexpr int InfoRequestsInFlight = 4;

    /// The session is not owned and must outlive the model.
    explicit CollectionListModel(ConsoleSession *session, QObject *parent = nullptr);
    ~CollectionListModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Lists the collections again; rows stay until the new list arrives.
    void reload();
    /// Asks again for one collection's info and for every alias (after an index, alias or
    /// restore changed them).
    void refreshCollection(const QString &name);
    /// Drops every row and every answer still on its way.
    void clear();

    /// The collection shown in a row; empty for a row that does not exist.
    QString collectionAt(int row) const;
    /// The row of a collection, or -1.
    int rowOf(const QString &name) const;
    /// The aliases of a collection, as last listed.
    QStringList aliasesOf(const QString &name) const;
    /// True from reload() until every info has been answered.
    bool isLoading() const { return m_loading; }

signals:
    /// The names (and aliases) arrived; the rows were reset to them.
    void collectionsListed(int count);
    /// Every collection's info has been answered (some may show an error).
    void detailsLoaded();
    /// The list could not be loaded; the rows are cleared.
    void loadFailed(const NetError &error);

private:
    struct Row
    {
        QString name;
        QStringList aliases;
        bool infoKnown = false;
        QString status;
        qint64 points = -1;
        QString vectors;
        int largestVector = 0;
        QString error; ///< why the info could not be loaded
    };

    void cancelCalls();
    void applyListing(int generation);
    void requestMoreInfo(int generation);
    void applyInfo(const QString &name, const Result<CollectionInfo> &info);
    void applyAliases(const QList<AliasInfo> &aliases);
    void markChanged(int row);
    void flushChanges();

    QPointer<ConsoleSession> m_session;
    ScopedAdmin m_admin; ///< the scope of the load in progress
    QList<Row> m_rows;
    QHash<QString, int> m_rowOf;
    int m_generation = 0;
    bool m_loading = false;

    // The load in progress: both lists must arrive before the rows are replaced.
    std::optional<QStringList> m_listedNames;
    std::optional<QList<AliasInfo>> m_listedAliases;
    std::optional<NetError> m_aliasesError;
    QdrantCallHandle m_namesCall;
    QdrantCallHandle m_aliasesCall;
    QHash<QString, QdrantCallHandle> m_infoCalls;
    int m_nextInfo = 0;

    int m_changedFirst = -1;
    int m_changedLast = -1;
    QTimer m_flushTimer;
};
