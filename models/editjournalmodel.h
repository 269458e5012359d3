#pragma once

#include "editjournal.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QPointer>

/// The edit journal as a table, oldest edit first, optionally filtered by profile and
/// collection. reload() reads the file on a worker thread; edits appended meanwhile (and
/// after) arrive through EditJournal::recordAppended, so none is shown twice or missed.
class EditJournalModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        WhenColumn,
        ProfileColumn,
        WhoColumn,
        CollectionColumn,
        PointColumn,
        OperationColumn,
        ChangeColumn,
        BeforeColumn,
        AfterColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole; ///< raw value to sort on
    /// Characters of a payload shown in a cell; the tooltip shows more.
    static constexpr int PayloadPreviewChars = 160;
    /// Characters of one value in the Change column.
    static constexpr int ChangeValueChars = 40;

    /// A model over `journal` (not owned); empty until reload().
    explicit EditJournalModel(EditJournal *journal, QObject *parent = nullptr);
    ~EditJournalModel() override;

    /// The journal shown; null once it was destroyed.
    EditJournal *journal() const { return m_journal; }
    /// Reads the journal again (asynchronously); a reload in flight is superseded.
    void reload();
    /// A reload is in flight.
    bool isLoading() const { return m_loading; }
    /// Shows only the records that pass `filter`.
    void setFilter(const EditJournal::Filter &filter);
    /// The current filter.
    EditJournal::Filter filter() const { return m_filter; }
    /// The record shown in `row`.
    const EditJournalRecord &record(int row) const { return m_all.at(m_rows.at(row)); }
    /// Records read or appended, filtered or not.
    int totalRecords() const { return int(m_all.size()); }
    /// The warnings of the last reload (skipped lines).
    QStringList warnings() const { return m_warnings; }
    /// Profiles seen in the journal: id and latest name, sorted by name.
    QList<QPair<QUuid, QString>> profiles() const;
    /// Collections seen in the journal, sorted.
    QStringList collections() const;
    /// What an edit changed, key by key: `outcome: "failed" → "success"; +tags: [...]; −note`.
    static QString changeSummary(const QJsonValue &before, const QJsonValue &after);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// A reload finished; warnings() says what it skipped.
    void reloaded();
    /// A reload could not read the file; the rows are left as they were.
    void reloadFailed(const NetError &error);
    /// profiles() or collections() gained an entry.
    void sourcesChanged();

private:
    void onRecordAppended(const EditJournalRecord &record);
    void onReadFinished();
    void addRecord(const EditJournalRecord &record);
    void rebuildRows();
    bool noteSources(const EditJournalRecord &record);
    static QString compactJson(const QJsonValue &value, int maxChars);
    static QString pretty(const QJsonValue &value);

    QPointer<EditJournal> m_journal;
    QFutureWatcher<Result<EditJournal::ReadResult>> m_watcher;
    bool m_loading = false;
    QList<EditJournalRecord> m_pending; ///< appended while a reload is in flight
    QList<EditJournalRecord> m_all;
    QList<int> m_rows; ///< indexes into m_all that pass the filter
    EditJournal::Filter m_filter;
    QStringList m_warnings;
    QHash<QUuid, QString> m_profiles;
    QSet<QString> m_collections;
};
