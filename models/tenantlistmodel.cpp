#include "tenantlistmodel.h"

#include <QBrush>
#include <QFont>
#include <QLocale>
#include <QSet>

namespace {

// "All tenants (admin)" is a warning: amber, with its own dark text so that it reads the same
// on light and dark palettes.
const QColor kAdminBackground(0xfd, 0xe6, 0x8a);
const QColor kAdminText(0x78, 0x35, 0x0f);

} // namespace

TenantListModel::TenantListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void TenantListModel::setDiscovery(
    const TenantDiscoveryResult &result, const ConnectionProfile &profile)
{
    beginResetModel();
    m_result = result;
    m_rows.clear();
    // Ids held by more than one tenant (42 and "42") get their type in the label.
    QSet<QString> seen;
    QSet<QString> twins;
    for (const TenantDiscoveryResult::Tenant &tenant : result.tenants) {
        if (seen.contains(tenant.id()))
            twins.insert(tenant.id());
        seen.insert(tenant.id());
    }
    for (const TenantDiscoveryResult::Tenant &tenant : result.tenants) {
        Row row;
        row.tenant = tenant;
        if (!twins.contains(tenant.id()))
            row.label = tenant.id();
        else if (tenant.value.isString())
            row.label = tr("\"%1\" (text)").arg(tenant.id());
        else
            row.label = tr("%1 (integer)").arg(tenant.id());
        row.scope = TenantScope::forProfile(profile, tenant.value);
        m_rows.append(row);
    }
    endResetModel();
}

void TenantListModel::clear()
{
    beginResetModel();
    m_result = TenantDiscoveryResult();
    m_rows.clear();
    endResetModel();
}

int TenantListModel::rowOfScope(const TenantScope &scope) const
{
    if (scope.isAdmin())
        return AdminRow;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).scope.ok() && m_rows.at(i).scope.value() == scope)
            return i + 1;
    }
    return -1;
}

int TenantListModel::rowOfTenant(const QJsonValue &value) const
{
    if (!TenantDiscoveryResult::isTenantValue(value))
        return -1;
    const QString key = TenantDiscoveryResult::tenantKey(value);
    for (int i = 0; i < m_rows.size(); ++i) {
        if (TenantDiscoveryResult::tenantKey(m_rows.at(i).tenant.value) == key)
            return i + 1;
    }
    return -1;
}

Result<TenantScope> TenantListModel::scopeAt(int row) const
{
    if (row == AdminRow)
        return TenantScope::allTenants();
    if (row < 1 || row > m_rows.size()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("There is no tenant in row %1.").arg(row);
        return error;
    }
    return m_rows.at(row - 1).scope;
}

int TenantListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

QString TenantListModel::summary(const TenantDiscoveryResult::Tenant &tenant) const
{
    const QLocale locale;
    QStringList parts;
    const qsizetype own = tenant.collections.size();
    if (own == 1)
        parts.append(tenant.collections.constFirst());
    else if (own > 1)
        parts.append(tr("%1 collections").arg(own));
    if (!tenant.pointCounts.isEmpty()) {
        const QString where = tenant.pointCounts.size() == 1
            ? tenant.pointCounts.constFirst().collection
            : tr("%1 shared collections").arg(tenant.pointCounts.size());
        const qint64 points = tenant.sharedPoints();
        QString text = points == 1 ? tr("1 point in %1").arg(where)
                                   : tr("%1 points in %2").arg(locale.toString(points), where);
        if (tenant.sampled())
            text += QLatin1Char(' ') + tr("(sampled)");
        parts.append(text);
    }
    return parts.join(QStringLiteral(" · "));
}

QString TenantListModel::toolTip(const Row &row) const
{
    const QLocale locale;
    const TenantDiscoveryResult::Tenant &tenant = row.tenant;
    QStringList lines;
    lines.append(tenant.value.isString() ? tr("Tenant \"%1\" (text)").arg(tenant.id())
                                         : tr("Tenant %1 (integer)").arg(tenant.id()));
    QStringList how;
    if (tenant.foundByName)
        how.append(tr("collection names (%1)").arg(m_result.pattern));
    if (tenant.foundByKey)
        how.append(tr("values of %1").arg(m_result.payloadKey));
    lines.append(tr("Found by: %1").arg(how.join(QStringLiteral(", "))));
    if (!tenant.collections.isEmpty())
        lines.append(tr("Own collections: %1").arg(tenant.collections.join(QStringLiteral(", "))));
    for (const TenantDiscoveryResult::PointCount &count : tenant.pointCounts) {
        QString line = tr("%1: %2 points").arg(count.collection, locale.toString(count.count));
        if (count.sampled)
            line += QLatin1Char(' ') + tr("(in a sample)");
        lines.append(line);
    }
    if (!row.scope.ok())
        lines.append(row.scope.error().message);
    return lines.join(QLatin1Char('\n'));
}

QVariant TenantListModel::data(const QModelIndex &index, int role) const
{
    // The combo box asks for its current row also when there is none: no warning for that.
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return {};
    if (index.row() == AdminRow) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole: // what an editable combo box shows
        case SearchTextRole:
            return tr("All tenants (admin)");
        case TenantIdRole:
            return QString();
        case Qt::ToolTipRole:
            return tr("Every request goes through unchanged: every tenant's points can be read "
                      "and changed.");
        case SummaryRole:
            return tr("Unscoped: every tenant's points");
        case Qt::BackgroundRole:
            return QBrush(kAdminBackground);
        case Qt::ForegroundRole:
            return QBrush(kAdminText);
        case Qt::FontRole: {
            QFont font;
            font.setBold(true);
            return font;
        }
        case ScopeRole:
            return QVariant::fromValue(TenantScope::allTenants());
        case IsAdminRole:
            return true;
        case TenantValueRole:
            return QVariant::fromValue(QJsonValue(QJsonValue::Undefined));
        case CollectionsRole:
            return QStringList();
        case PointCountRole:
            return qint64(0);
        case SampledRole:
            return false;
        default:
            return {};
        }
    }
    const Row &row = m_rows.at(index.row() - 1);
    const TenantDiscoveryResult::Tenant &tenant = row.tenant;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return row.label;
    case Qt::ToolTipRole:
        return toolTip(row);
    case ScopeRole:
        return row.scope.ok() ? QVariant::fromValue(row.scope.value()) : QVariant();
    case IsAdminRole:
        return false;
    case TenantValueRole:
        return QVariant::fromValue(tenant.value);
    case TenantIdRole:
        return tenant.id();
    case CollectionsRole:
        return tenant.collections;
    case PointCountRole:
        return tenant.sharedPoints();
    case SampledRole:
        return tenant.sampled();
    case SummaryRole:
        return summary(tenant);
    case SearchTextRole:
        return QString(row.label + QLatin1Char(' ') + tenant.collections.join(QLatin1Char(' ')));
    default:
        return {};
    }
}

Qt::ItemFlags TenantListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return Qt::NoItemFlags;
    if (index.row() != AdminRow && !m_rows.at(index.row() - 1).scope.ok())
        return Qt::ItemNeverHasChildren;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> TenantListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ScopeRole, "scope");
    names.insert(IsAdminRole, "isAdmin");
    names.insert(TenantValueRole, "tenantValue");
    names.insert(TenantIdRole, "tenantId");
    names.insert(CollectionsRole, "collections");
    names.insert(PointCountRole, "pointCount");
    names.insert(SampledRole, "sampled");
    names.insert(SummaryRole, "summary");
    names.insert(SearchTextRole, "searchText");
    return names;
}
