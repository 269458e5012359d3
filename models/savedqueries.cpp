#include "savedqueries.h"

#include "jsonfile.h"

#include <QJsonArray>
#include <QUuid>

#include <algorithm>

namespace {
const QString kEntries = QStringLiteral("saved");
const QString kName = QStringLiteral("name");
const QString kQuery = QStringLiteral("query");
} // namespace

SavedQueries::SavedQueries(QObject *parent)
    : QAbstractListModel(parent)
{ }

QString SavedQueries::filePathFor(const QUuid &profileId)
{
    return JsonFile::searchFolder() + QLatin1Char('/') + profileId.toString(QUuid::WithoutBraces)
        + QStringLiteral("-saved.json");
}

Result<bool> SavedQueries::load(const QString &filePath)
{
    beginResetModel();
    m_filePath = filePath;
    m_entries.clear();
    Result<QJsonObject> stored = filePath.isEmpty() ? QJsonObject() : JsonFile::read(filePath);
    if (stored.ok()) {
        for (const QJsonValue &entry : stored.value().value(kEntries).toArray()) {
            const QJsonObject object = entry.toObject();
            const QString name = object.value(kName).toString().trimmed();
            if (!name.isEmpty() && rowOf(name) < 0)
                m_entries.append({name, SearchQuery::fromJson(object.value(kQuery).toObject())});
        }
        std::sort(m_entries.begin(), m_entries.end(),
            [](const auto &a, const auto &b) { return a.first.localeAwareCompare(b.first) < 0; });
    } else {
        m_filePath.clear(); // never overwrite a file we could not read
    }
    endResetModel();
    if (!stored.ok())
        return stored.error();
    return true;
}

int SavedQueries::rowOf(const QString &name) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).first == name)
            return row;
    }
    return -1;
}

Result<bool> SavedQueries::save(const QString &name, const SearchQuery &query)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("A saved query needs a name.");
        return error;
    }
    if (const int row = rowOf(trimmed); row >= 0) {
        m_entries[row].second = query;
        emit dataChanged(index(row), index(row));
        return write();
    }
    int row = 0;
    while (row < m_entries.size() && m_entries.at(row).first.localeAwareCompare(trimmed) < 0)
        ++row;
    beginInsertRows({}, row, row);
    m_entries.insert(row, {trimmed, query});
    endInsertRows();
    return write();
}

Result<bool> SavedQueries::remove(int row)
{
    if (row < 0 || row >= m_entries.size())
        return true;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    return write();
}

Result<bool> SavedQueries::write() const
{
    if (m_filePath.isEmpty())
        return true;
    QJsonArray entries;
    for (const auto &[name, query] : m_entries)
        entries.append(QJsonObject {{kName, name}, {kQuery, query.toJson()}});
    return JsonFile::write(m_filePath, QJsonObject {{kEntries, entries}});
}

int SavedQueries::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant SavedQueries::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &[name, query] = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return name;
    case Qt::ToolTipRole:
        return query.describe();
    case QueryRole:
        return query.toJson();
    default:
        return {};
    }
}
