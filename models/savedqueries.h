#pragma once

#include "result.h"
#include "searchquery.h"

#include <QAbstractListModel>

/// Searches the user saved under a name for one connection profile, sorted by name, kept in a
/// JSON file (one per profile under the app-data folder). Saving under a name that exists
/// replaces that query.
class SavedQueries final : public QAbstractListModel
{
    Q_OBJECT

public:
    static constexpr int QueryRole = Qt::UserRole; ///< the query as JSON (QJsonObject)

    explicit SavedQueries(QObject *parent = nullptr);

    /// The file of a profile: searchFolder()/<profile id>-saved.json.
    static QString filePathFor(const QUuid &profileId);
    /// Reads the queries kept in filePath; later changes are written there. An empty path
    /// keeps them in memory only.
    Result<bool> load(const QString &filePath);
    /// Saves query under name (trimmed, not empty: Invalid otherwise) and writes the file.
    Result<bool> save(const QString &name, const SearchQuery &query);
    /// Removes a row and writes the file.
    Result<bool> remove(int row);
    /// The row of a name; -1 when there is none.
    int rowOf(const QString &name) const;
    QString name(int row) const { return m_entries.at(row).first; }
    SearchQuery query(int row) const { return m_entries.at(row).second; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    Result<bool> write() const;

    QString m_filePath;
    QList<QPair<QString, SearchQuery>> m_entries;
};
