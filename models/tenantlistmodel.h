#pragma once

#include "connectionprofile.h"
#include "tenantdiscoveryresult.h"
#include "tenantscope.h"

#include <QAbstractListModel>

/// The list the tenant picker shows: "All tenants (admin)" as an explicit first row, then the
/// discovered tenants in the discovery's order, each with its collections, its point counts in
/// shared collections and whether they were sampled. ScopeRole gives the TenantScope to set
/// (built with TenantScope::forProfile); a tenant the profile cannot scope is shown disabled,
/// with the reason as its tooltip. The integer 42 and the text "42" are two rows, labelled so
/// that they can be told apart.
class TenantListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        ScopeRole = Qt::UserRole + 1, ///< TenantScope to set (invalid QVariant when none)
        IsAdminRole, ///< bool: the "All tenants (admin)" row
        TenantValueRole, ///< QJsonValue: the tenant (undefined for the admin row)
        TenantIdRole, ///< QString: the tenant as text
        CollectionsRole, ///< QStringList: its own collections
        PointCountRole, ///< qint64: its points in shared collections
        SampledRole, ///< bool: some count comes from a sample
        SummaryRole, ///< QString: collections and counts in one line
        SearchTextRole, ///< QString: what a search matches (id, label and collections)
    };

    /// The row of "All tenants (admin)".
    static constexpr int AdminRow = 0;

    explicit TenantListModel(QObject *parent = nullptr);

    /// Shows a discovery made with profile's tenancy settings.
    void setDiscovery(const TenantDiscoveryResult &result, const ConnectionProfile &profile);
    /// Back to the admin row alone.
    void clear();
    const TenantDiscoveryResult &discovery() const { return m_result; }

    /// The row whose scope equals scope (AdminRow for All tenants); -1 when none.
    int rowOfScope(const TenantScope &scope) const;
    /// The row of that tenant value (type included); -1 when none.
    int rowOfTenant(const QJsonValue &value) const;
    /// The scope of a row; an error for a tenant the profile cannot scope or a row out of range.
    Result<TenantScope> scopeAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row
    {
        TenantDiscoveryResult::Tenant tenant;
        QString label;
        Result<TenantScope> scope = TenantScope();
    };

    QString summary(const TenantDiscoveryResult::Tenant &tenant) const;
    QString toolTip(const Row &row) const;

    TenantDiscoveryResult m_result;
    QList<Row> m_rows; ///< the tenants; row r of the model is m_rows[r - 1]
};
