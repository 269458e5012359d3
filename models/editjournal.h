#pragma once

#include "editjournalrecord.h"
#include "result.h"

#include <QFile>
#include <QFuture>
#include <QObject>
#include <QStringList>

/// The local, append-only edit journal: a JSONL file, one EditJournalRecord per line. Every
/// append is written with one system call and flushed before append() returns, so a crash can
/// at worst leave the last line incomplete; reading skips such a line (and any other line that
/// is not a record) with a warning and keeps every other record. The next append starts on a
/// fresh line, so a torn line never swallows a new record.
class EditJournal final : public QObject
{
    Q_OBJECT

public:
    /// Which records to show or export; an empty field matches everything.
    struct Filter
    {
        QUuid profileId;
        QString collection;
        /// Whether the record passes the filter.
        bool matches(const EditJournalRecord &record) const;
    };
    /// What reading a journal found.
    struct ReadResult
    {
        QList<EditJournalRecord> records;
        QStringList warnings; ///< one sentence per skipped line
    };
    /// What an export wrote.
    struct ExportSummary
    {
        qint64 records = 0; ///< lines written
        int skippedLines = 0; ///< lines of the journal that were not records
    };

    explicit EditJournal(const QString &filePath, QObject *parent = nullptr);
    ~EditJournal() override;

    /// edit-journal.jsonl in the application's data folder.
    static QString defaultFilePath();
    /// The OS user name recorded as "who".
    static QString currentUserName();
    /// The journal file.
    QString filePath() const { return m_filePath; }

    /// Writes one record as a line and flushes it; an empty `who` or invalid `when` is filled
    /// in (the OS user, now). Kind::LocalFile when the file cannot be written.
    Result<bool> append(EditJournalRecord record);

    /// Reads the records of a journal file, at most its first `byteLimit` bytes when ≥ 0.
    /// Thread-safe; a missing file is an empty journal.
    static Result<ReadResult> read(const QString &filePath, qint64 byteLimit = -1);
    /// Copies the records that pass `filter` to `targetPath` as JSONL, replacing it only once
    /// complete. Thread-safe.
    static Result<ExportSummary> exportRecords(
        const QString &filePath, const QString &targetPath, const Filter &filter);
    /// read() of this journal on a worker thread, up to what has been appended so far.
    QFuture<Result<ReadResult>> readAsync() const;
    /// exportRecords() of this journal on a worker thread.
    QFuture<Result<ExportSummary>> exportAsync(
        const QString &targetPath, const Filter &filter) const;

signals:
    /// A record was written (and flushed).
    void recordAppended(const EditJournalRecord &record);

private:
    Result<bool> openForAppend();
    bool endsMidLine();

    QString m_filePath;
    QFile m_file;
};
