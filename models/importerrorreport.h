#pragma once

#include "importrecord.h"
#include "result.h"

#include <QCoreApplication>
#include <QFile>
#include <QList>
#include <QString>

/// The per-row error report of an import, saved next to its file as `<file>.errors.tsv`:
/// a header line `line<TAB>field<TAB>reason`, then one line per row error in the order found
/// (tabs, line breaks and backslashes in the reason escaped as \t, \n, \\). Written as it goes
/// and flushed often, so a crash keeps what was found; a resumed import keeps the entries
/// before its checkpoint and finds the rest again.
class ImportErrorReport final
{
    Q_DECLARE_TR_FUNCTIONS(ImportErrorReport)

public:
    /// `<sourcePath>.errors.tsv`.
    static QString pathFor(const QString &sourcePath);

    /// Starts the report at path: with keepBeforeLine 0 a new, empty report; else the
    /// existing entries before that line are kept and the others dropped. LocalFile error
    /// when it can't be written.
    Result<bool> open(const QString &path, qint64 keepBeforeLine = 0);
    /// Appends one entry (flushed by flush() or every 64 entries).
    void append(const ImportRowError &error);
    void flush();
    /// Closes it; a report with no entries is removed, so a clean import leaves no file.
    void close();
    /// Entries in the report (kept + appended).
    qint64 count() const { return m_count; }
    QString path() const { return m_path; }

    /// Reads a report back (tests, the wizard's summary); LocalFile or Invalid error.
    static Result<QList<ImportRowError>> read(const QString &path);

private:
    QFile m_file;
    QString m_path;
    qint64 m_count = 0;
    int m_unflushed = 0;
};
