#include "goldenqueries.h"

#include "jsonfile.h"

#include <QJsonArray>
#include <QUuid>

namespace {
const QString kTenants = QStringLiteral("tenants");

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}
} // namespace

GoldenQueries::GoldenQueries(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString GoldenQueries::filePathFor(const QUuid &profileId)
{
    return JsonFile::searchFolder() + QLatin1Char('/') + profileId.toString(QUuid::WithoutBraces)
        + QStringLiteral("-golden.json");
}

Result<bool> GoldenQueries::load(const QString &filePath, const QString &tenant)
{
    Result<QJsonObject> stored = filePath.isEmpty() ? QJsonObject() : JsonFile::read(filePath);
    m_filePath = stored.ok() ? filePath : QString(); // never overwrite an unreadable file
    m_tenants = stored.ok() ? stored.value().value(kTenants).toObject() : QJsonObject();
    m_tenant = tenant;
    showTenant();
    if (!stored.ok())
        return stored.error();
    return true;
}

void GoldenQueries::setTenant(const QString &tenant)
{
    if (tenant == m_tenant)
        return;
    m_tenant = tenant;
    showTenant();
}

void GoldenQueries::showTenant()
{
    beginResetModel();
    m_queries.clear();
    if (!m_tenant.isEmpty()) {
        for (const QJsonValue &entry : m_tenants.value(m_tenant).toArray())
            m_queries.append(GoldenQuery::fromJson(entry.toObject()));
    }
    m_checks = QList<std::optional<GoldenCheck>>(m_queries.size());
    m_failures = QList<QString>(m_queries.size());
    endResetModel();
}

Result<bool> GoldenQueries::save(const GoldenQuery &golden)
{
    if (m_tenant.isEmpty())
        return invalid(tr("Choose a tenant before saving a golden query."));
    if (golden.name.trimmed().isEmpty())
        return invalid(tr("A golden query needs a name."));
    if (golden.expectedIds.isEmpty())
        return invalid(tr("A golden query needs results to expect: run the search first."));
    for (int row = 0; row < m_queries.size(); ++row) {
        if (m_queries.at(row).name == golden.name) {
            m_queries[row] = golden;
            m_checks[row].reset();
            m_failures[row].clear();
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return write();
        }
    }
    const int row = int(m_queries.size());
    beginInsertRows({}, row, row);
    m_queries.append(golden);
    m_checks.append(std::nullopt);
    m_failures.append(QString());
    endInsertRows();
    return write();
}

Result<bool> GoldenQueries::remove(int row)
{
    if (row < 0 || row >= m_queries.size())
        return true;
    beginRemoveRows({}, row, row);
    m_queries.removeAt(row);
    m_checks.removeAt(row);
    m_failures.removeAt(row);
    endRemoveRows();
    return write();
}

void GoldenQueries::setCheck(int row, const GoldenCheck &check)
{
    if (row < 0 || row >= m_queries.size())
        return;
    m_checks[row] = check;
    m_failures[row].clear();
    emit dataChanged(index(row, LastRunColumn), index(row, LastRunColumn));
}

void GoldenQueries::setFailure(int row, const NetError &error)
{
    if (row < 0 || row >= m_queries.size())
        return;
    m_checks[row].reset();
    m_failures[row] = error.message;
    emit dataChanged(index(row, LastRunColumn), index(row, LastRunColumn));
}

Result<bool> GoldenQueries::write()
{
    QJsonArray list;
    for (const GoldenQuery &golden : m_queries)
        list.append(golden.toJson());
    if (list.isEmpty())
        m_tenants.remove(m_tenant);
    else
        m_tenants.insert(m_tenant, list);
    if (m_filePath.isEmpty())
        return true;
    return JsonFile::write(m_filePath, QJsonObject {{kTenants, m_tenants}});
}

int GoldenQueries::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_queries.size());
}

int GoldenQueries::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GoldenQueries::lastRunData(int row, int role) const
{
    const std::optional<GoldenCheck> &check = m_checks.at(row);
    const QString &failure = m_failures.at(row);
    if (role == ChangedRole)
        return !failure.isEmpty()
            || (check && (!check->isUnchanged() || !check->newcomers.isEmpty()));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (!failure.isEmpty())
        return tr("failed: %1").arg(failure);
    if (!check)
        return role == Qt::DisplayRole ? tr("not run yet") : QVariant();
    if (role == Qt::DisplayRole)
        return check->summary();
    QStringList lines;
    for (const GoldenRankChange &change : check->changes) {
        if (change.isMissing()) {
            lines << tr("%1: was #%2, now missing")
                         .arg(change.id.toString())
                         .arg(change.expectedRank);
        } else {
            lines << tr("%1: #%2 → #%3, score %4 → %5")
                         .arg(change.id.toString())
                         .arg(change.expectedRank)
                         .arg(change.rank)
                         .arg(double(change.expectedScore), 0, 'f', 3)
                         .arg(double(change.score), 0, 'f', 3);
        }
    }
    for (const PointId &id : check->newcomers)
        lines << tr("%1: new among the expected ranks").arg(id.toString());
    return lines.join(QLatin1Char('\n'));
}

QVariant GoldenQueries::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GoldenQuery &golden = m_queries.at(index.row());
    switch (index.column()) {
    case NameColumn:
        return role == Qt::DisplayRole ? QVariant(golden.name) : QVariant();
    case QueryColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return golden.query.describe();
        return {};
    case ExpectedColumn:
        if (role == Qt::DisplayRole)
            return golden.expectedIds.size() == 1 ? tr("1 id")
                                                  : tr("%1 ids").arg(golden.expectedIds.size());
        if (role == Qt::ToolTipRole) {
            QStringList ids;
            for (const PointId &id : golden.expectedIds)
                ids << id.toString();
            return ids.join(QLatin1Char('\n'));
        }
        return {};
    case LastRunColumn:
        return lastRunData(index.row(), role);
    default:
        return {};
    }
}

QVariant GoldenQueries::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case QueryColumn:
        return tr("Query");
    case ExpectedColumn:
        return tr("Expected");
    case LastRunColumn:
        return tr("Last run");
    default:
        return {};
    }
}
