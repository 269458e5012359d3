#pragma once

#include "result.h"
#include "searchquery.h"

#include <QAbstractListModel>

/// The searches run lately with one connection profile, newest first, kept in a JSON file
/// (one per profile under the app-data folder). Running a query again moves it to the top
/// instead of adding a row; at most MaxEntries are kept.
class SearchHistory final : public QAbstractListModel
{
    Q_OBJECT

public:
    static constexpr int MaxEntries = 50;
    static constexpr int QueryRole = Qt::UserRole; ///< the query as JSON (QJsonObject)

    explicit SearchHistory(QObject *parent = nullptr);

    /// The history file of a profile: searchFolder()/<profile id>-history.json.
    static QString filePathFor(const QUuid &profileId);
    /// Reads the history kept in filePath (none when it does not exist yet); later changes
    /// are written there. An empty path keeps the history in memory only.
    Result<bool> load(const QString &filePath);
    /// Puts query on top (moving it when it is there already) and writes the file.
    Result<bool> add(const SearchQuery &query);
    /// Forgets every entry and writes the file.
    Result<bool> clear();
    /// The query of a row (0 ≤ row < rowCount()).
    SearchQuery query(int row) const { return m_queries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    Result<bool> write() const;

    QString m_filePath;
    QList<SearchQuery> m_queries;
};
