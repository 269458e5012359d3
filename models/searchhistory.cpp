#include "searchhistory.h"

#include "jsonfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace {
const QString kEntries = QStringLiteral("history");
}

SearchHistory::SearchHistory(QObject *parent)
    : QAbstractListModel(parent)
{ }

QString SearchHistory::filePathFor(const QUuid &profileId)
{
    return JsonFile::searchFolder() + QLatin1Char('/') + profileId.toString(QUuid::WithoutBraces)
        + QStringLiteral("-history.json");
}

Result<bool> SearchHistory::load(const QString &filePath)
{
    beginResetModel();
    m_filePath = filePath;
    m_queries.clear();
    Result<QJsonObject> stored = filePath.isEmpty() ? QJsonObject() : JsonFile::read(filePath);
    if (stored.ok()) {
        for (const QJsonValue &entry : stored.value().value(kEntries).toArray()) {
            if (m_queries.size() < MaxEntries)
                m_queries.append(SearchQuery::fromJson(entry.toObject()));
        }
    } else {
        // An unreadable file is never overwritten: the history stays in memory this session.
        m_filePath.clear();
    }
    endResetModel();
    if (!stored.ok())
        return stored.error();
    return true;
}

Result<bool> SearchHistory::add(const SearchQuery &query)
{
    const qsizetype found = m_queries.indexOf(query);
    if (found == 0)
        return true;
    if (found > 0) {
        beginMoveRows({}, int(found), int(found), {}, 0);
        m_queries.move(found, 0);
        endMoveRows();
    } else {
        beginInsertRows({}, 0, 0);
        m_queries.prepend(query);
        endInsertRows();
        if (m_queries.size() > MaxEntries) {
            beginRemoveRows({}, MaxEntries, int(m_queries.size()) - 1);
            m_queries.resize(MaxEntries);
            endRemoveRows();
        }
    }
    return write();
}

Result<bool> SearchHistory::clear()
{
    beginResetModel();
    m_queries.clear();
    endResetModel();
    return write();
}

Result<bool> SearchHistory::write() const
{
    if (m_filePath.isEmpty())
        return true;
    QJsonArray entries;
    for (const SearchQuery &query : m_queries)
        entries.append(query.toJson());
    return JsonFile::write(m_filePath, QJsonObject {{kEntries, entries}});
}

int SearchHistory::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_queries.size());
}

QVariant SearchHistory::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchQuery &query = m_queries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return query.describe();
    case Qt::ToolTipRole:
        return QString::fromUtf8(QJsonDocument(query.toJson()).toJson(QJsonDocument::Indented));
    case QueryRole:
        return query.toJson();
    default:
        return {};
    }
}
