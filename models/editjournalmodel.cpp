#include "editjournalmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

EditJournalModel::EditJournalModel(EditJournal *journal, QObject *parent)
    : QAbstractTableModel(parent)
    , m_journal(journal)
{
    connect(journal, &EditJournal::recordAppended, this, &EditJournalModel::onRecordAppended);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &EditJournalModel::onReadFinished);
}

// A read in flight holds nothing of ours (it captured the path), so it may outlive us.
EditJournalModel::~EditJournalModel() = default;

void EditJournalModel::reload()
{
    if (!m_journal)
        return;
    // The new read covers everything appended so far, including what a superseded read missed.
    m_pending.clear();
    m_loading = true;
    // A new future replaces the watched one: the superseded read's result is never delivered.
    m_watcher.setFuture(m_journal->readAsync());
}

void EditJournalModel::onRecordAppended(const EditJournalRecord &record)
{
    if (m_loading)
        m_pending.append(record); // not in the file the worker reads up to
    else
        addRecord(record);
}

void EditJournalModel::onReadFinished()
{
    if (m_watcher.future().isCanceled() || m_watcher.future().resultCount() == 0)
        return;
    const Result<EditJournal::ReadResult> result = m_watcher.result();
    m_loading = false;
    const QList<EditJournalRecord> pending = std::exchange(m_pending, {});
    if (!result.ok()) {
        for (const EditJournalRecord &record : pending)
            addRecord(record);
        emit reloadFailed(result.error());
        return;
    }
    beginResetModel();
    m_all = result.value().records;
    m_all.append(pending);
    m_warnings = result.value().warnings;
    m_profiles.clear();
    m_collections.clear();
    for (const EditJournalRecord &record : std::as_const(m_all))
        noteSources(record);
    m_rows.clear();
    for (int i = 0; i < m_all.size(); ++i) {
        if (m_filter.matches(m_all.at(i)))
            m_rows.append(i);
    }
    endResetModel();
    emit sourcesChanged();
    emit reloaded();
}

void EditJournalModel::addRecord(const EditJournalRecord &record)
{
    m_all.append(record);
    if (m_filter.matches(record)) {
        const int row = int(m_rows.size());
        beginInsertRows({}, row, row);
        m_rows.append(int(m_all.size()) - 1);
        endInsertRows();
    }
    if (noteSources(record))
        emit sourcesChanged();
}

bool EditJournalModel::noteSources(const EditJournalRecord &record)
{
    bool added = false;
    if (!record.profileId.isNull()) {
        const auto known = m_profiles.constFind(record.profileId);
        added = known == m_profiles.cend() || *known != record.profileName;
        m_profiles.insert(record.profileId, record.profileName); // the latest name wins
    }
    if (!record.collection.isEmpty() && !m_collections.contains(record.collection)) {
        m_collections.insert(record.collection);
        added = true;
    }
    return added;
}

void EditJournalModel::setFilter(const EditJournal::Filter &filter)
{
    m_filter = filter;
    rebuildRows();
}

void EditJournalModel::rebuildRows()
{
    beginResetModel();
    m_rows.clear();
    for (int i = 0; i < m_all.size(); ++i) {
        if (m_filter.matches(m_all.at(i)))
            m_rows.append(i);
    }
    endResetModel();
}

QList<QPair<QUuid, QString>> EditJournalModel::profiles() const
{
    QList<QPair<QUuid, QString>> list;
    for (auto it = m_profiles.cbegin(); it != m_profiles.cend(); ++it)
        list.append({it.key(), it.value()});
    std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
        const int byName = QString::localeAwareCompare(a.second, b.second);
        return byName != 0 ? byName < 0 : a.first.toString() < b.first.toString();
    });
    return list;
}

QStringList EditJournalModel::collections() const
{
    QStringList list(m_collections.cbegin(), m_collections.cend());
    list.sort();
    return list;
}

int EditJournalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EditJournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EditJournalModel::compactJson(const QJsonValue &value, int maxChars)
{
    if (value.isUndefined())
        return {};
    QString text;
    if (value.isObject()) {
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    } else {
        // A scalar as JSON (strings quoted): written inside an array, brackets cut off.
        const QByteArray array
            = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
        text = QString::fromUtf8(array.mid(1, array.size() - 2));
    }
    if (text.size() > maxChars)
        text = text.left(maxChars) + u'…';
    return text;
}

QString EditJournalModel::changeSummary(const QJsonValue &before, const QJsonValue &after)
{
    const bool hadBefore = !before.isNull() && !before.isUndefined();
    const bool hasAfter = !after.isNull() && !after.isUndefined();
    if (!hadBefore && !hasAfter)
        return {};
    if (!hasAfter)
        return tr("removed");
    if (!before.isObject() || !after.isObject()) {
        if (!hadBefore)
            return compactJson(after, ChangeValueChars);
        return tr("%1 → %2")
            .arg(compactJson(before, ChangeValueChars), compactJson(after, ChangeValueChars));
    }
    const QJsonObject old = before.toObject();
    const QJsonObject now = after.toObject();
    QStringList parts;
    for (auto it = old.constBegin(); it != old.constEnd(); ++it) {
        if (!now.contains(it.key())) {
            parts << tr("−%1").arg(it.key());
        } else if (now.value(it.key()) != it.value()) {
            parts << tr("%1: %2 → %3")
                         .arg(it.key(), compactJson(it.value(), ChangeValueChars),
                             compactJson(now.value(it.key()), ChangeValueChars));
        }
    }
    for (auto it = now.constBegin(); it != now.constEnd(); ++it) {
        if (!old.contains(it.key()))
            parts << tr("+%1: %2").arg(it.key(), compactJson(it.value(), ChangeValueChars));
    }
    return parts.isEmpty() ? tr("no change") : parts.join(QStringLiteral("; "));
}

QString EditJournalModel::pretty(const QJsonValue &value)
{
    constexpr int MaxChars = 4000;
    QString text;
    if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    else if (value.isNull() || value.isUndefined())
        return tr("(none)");
    else
        text = value.toVariant().toString();
    if (text.size() > MaxChars)
        text = text.left(MaxChars) + u'…';
    return text.trimmed();
}

QVariant EditJournalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EditJournalRecord &r = record(index.row());
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case WhenColumn:
            if (role == SortRole)
                return r.when.toMSecsSinceEpoch();
            return QLocale().toString(r.when.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case ProfileColumn: return r.profileName;
        case WhoColumn: return r.who;
        case CollectionColumn: return r.collection;
        case PointColumn: return r.pointId.isNull() ? tr("(many)") : r.pointId.toString();
        case OperationColumn: return r.operation;
        case ChangeColumn: return changeSummary(r.before, r.after);
        case BeforeColumn:
            return r.before.isNull() ? QString() : compactJson(r.before, PayloadPreviewChars);
        case AfterColumn:
            return r.after.isNull() ? QString() : compactJson(r.after, PayloadPreviewChars);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case WhenColumn: return EditJournalRecord::rfc3339(r.when);
        case ProfileColumn: return r.profileId.toString(QUuid::WithoutBraces);
        case PointColumn: return r.pointId.toString();
        case ChangeColumn:
            return tr("Before:\n%1\n\nAfter:\n%2").arg(pretty(r.before), pretty(r.after));
        case BeforeColumn: return pretty(r.before);
        case AfterColumn: return pretty(r.after);
        default: return {};
        }
    }
    return {};
}

QVariant EditJournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn: return tr("When");
    case ProfileColumn: return tr("Profile");
    case WhoColumn: return tr("Who");
    case CollectionColumn: return tr("Collection");
    case PointColumn: return tr("Point");
    case OperationColumn: return tr("Operation");
    case ChangeColumn: return tr("Change");
    case BeforeColumn: return tr("Before");
    case AfterColumn: return tr("After");
    default: return {};
    }
}
