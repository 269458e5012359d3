#pragma once

#include "editjournal.h"

#include <QDockWidget>
#include <QFutureWatcher>

class EditJournalModel;
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

/// The local edit journal: every edit made from this machine (when, profile, who, collection,
/// point, operation, payload before and after), filterable by profile and collection, and
/// exportable as JSONL (what the filter shows). Problems reading the file (a line torn by a
/// crash) are shown inline under the table.
class JournalDock final : public QDockWidget
{
    Q_OBJECT

public:
    explicit JournalDock(EditJournalModel *model, QWidget *parent = nullptr);
    ~JournalDock() override;

    QTableView *view() const { return m_view; }
    QComboBox *profileFilter() const { return m_profile; }
    QComboBox *collectionFilter() const { return m_collection; }
    /// The line under the table: record count, skipped lines, the last export's outcome.
    QString statusText() const;

    /// Asks for a file name, then exportTo() it.
    void chooseExportFile();
    /// Writes the records the filter shows to `filePath` as JSONL, on a worker thread.
    void exportTo(const QString &filePath);

signals:
    /// An export finished writing `records` lines to filePath.
    void exported(qint64 records, const QString &filePath);
    /// An export could not be written; nothing was left at its target.
    void exportFailed(const NetError &error);

private:
    void applyFilter();
    void refillFilters();
    void onExportFinished();
    void updateStatus();

    EditJournalModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QComboBox *m_profile;
    QComboBox *m_collection;
    QPushButton *m_reload;
    QPushButton *m_export;
    QLabel *m_status;
    QString m_notice; ///< the last export's outcome or a read error, shown after the counts
    QString m_exportPath;
    QFutureWatcher<Result<EditJournal::ExportSummary>> m_exportWatcher;
};
