#pragma once

#include "goldenquery.h"
#include "neterror.h"
#include "result.h"

#include <QAbstractTableModel>
#include <QJsonObject>

#include <optional>

/// The golden queries of one connection profile and tenant, as a table (name, query,
/// expected ids, last run), kept in one JSON file per profile with a list per tenant.
/// The last run's outcome of each row (setCheck, setFailure) is shown but not kept.
class GoldenQueries final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, QueryColumn, ExpectedColumn, LastRunColumn, ColumnCount };
    /// Qt::UserRole on LastRunColumn: true when the last run changed something or failed.
    static constexpr int ChangedRole = Qt::UserRole;

    explicit GoldenQueries(QObject *parent = nullptr);

    /// The file of a profile: searchFolder()/<profile id>-golden.json.
    static QString filePathFor(const QUuid &profileId);
    /// Reads the file and shows the list of tenant (a tenant id, or "*" for all tenants; empty:
    /// none chosen, nothing shown and nothing can be added). An empty path keeps the lists in
    /// memory only.
    Result<bool> load(const QString &filePath, const QString &tenant);
    /// Shows another tenant's list of the same file.
    void setTenant(const QString &tenant);
    QString tenant() const { return m_tenant; }

    /// Adds (or, by name, replaces) a golden query of the current tenant and writes the file.
    /// Invalid without a tenant, a name or expected ids.
    Result<bool> save(const GoldenQuery &golden);
    /// Removes a row and writes the file.
    Result<bool> remove(int row);
    const GoldenQuery &golden(int row) const { return m_queries.at(row); }
    const QList<GoldenQuery> &queries() const { return m_queries; }
    /// The last run of a row, if it ran this session.
    std::optional<GoldenCheck> lastCheck(int row) const { return m_checks.value(row); }
    /// Records what running a row again found.
    void setCheck(int row, const GoldenCheck &check);
    /// Records that running a row again failed.
    void setFailure(int row, const NetError &error);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Result<bool> write();
    void showTenant();
    QVariant lastRunData(int row, int role) const;

    QString m_filePath;
    QJsonObject m_tenants; ///< tenant → array of golden queries, as stored
    QString m_tenant;
    QList<GoldenQuery> m_queries;
    QList<std::optional<GoldenCheck>> m_checks;
    QList<QString> m_failures;
};
