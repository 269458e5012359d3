#include "editjournal.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace {

NetError fileError(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::LocalFile;
    error.message = message;
    return error;
}

/// Calls `onLine(lineNumber, bytes, complete)` for each line of the first `byteLimit` bytes
/// (all when < 0); `complete` is false for a last line without its line break.
template<typename OnLine>
Result<bool> forEachLine(const QString &filePath, qint64 byteLimit, OnLine onLine)
{
    QFile file(filePath);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        return fileError(EditJournal::tr("Cannot read the edit journal %1: %2")
                             .arg(QDir::toNativeSeparators(filePath), file.errorString()));
    }
    const qint64 end = byteLimit >= 0 ? std::min(byteLimit, file.size()) : file.size();
    int lineNumber = 0;
    while (file.pos() < end) {
        const qint64 start = file.pos();
        QByteArray line = file.readLine();
        if (line.isEmpty())
            break; // a read error; reported below
        ++lineNumber;
        if (start + line.size() > end)
            line.truncate(end - start); // written after the limit was taken
        const bool complete = line.endsWith('\n');
        if (complete)
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        onLine(lineNumber, line, complete);
    }
    if (file.error() != QFileDevice::NoError) {
        return fileError(EditJournal::tr("Cannot read the edit journal %1: %2")
                             .arg(QDir::toNativeSeparators(filePath), file.errorString()));
    }
    return true;
}

/// The record on a line, or the warning that says why it was skipped.
Result<EditJournalRecord> parseLine(int lineNumber, const QByteArray &line, bool complete)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    QString why;
    if (parseError.error != QJsonParseError::NoError)
        why = parseError.errorString();
    else if (!doc.isObject())
        why = EditJournal::tr("not a JSON object");
    if (why.isEmpty()) {
        Result<EditJournalRecord> record = EditJournalRecord::fromJson(doc.object());
        if (record.ok())
            return record;
        why = record.error().message;
    }
    NetError error;
    error.kind = NetError::Kind::Decode;
    error.message = complete
        ? EditJournal::tr("Line %1 of the edit journal is not a record (%2); skipped.")
              .arg(lineNumber)
              .arg(why)
        : EditJournal::tr("The last line of the edit journal (line %1) is incomplete, probably "
                          "cut short by a crash; skipped.")
              .arg(lineNumber);
    return error;
}

} // namespace

bool EditJournal::Filter::matches(const EditJournalRecord &record) const
{
    return (profileId.isNull() || record.profileId == profileId)
        && (collection.isEmpty() || record.collection == collection);
}

EditJournal::EditJournal(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(filePath)
{
}

EditJournal::~EditJournal() = default;

QString EditJournal::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/edit-journal.jsonl");
}

QString EditJournal::currentUserName()
{
#ifdef Q_OS_UNIX
    // The account, not $USER: an environment variable is whatever the shell says it is.
    if (const passwd *account = getpwuid(getuid()); account && account->pw_name)
        return QString::fromLocal8Bit(account->pw_name);
#endif
    for (const char *name : {"USER", "USERNAME", "LOGNAME"}) {
        QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
    return QDir::home().dirName();
}

Result<bool> EditJournal::openForAppend()
{
    if (m_file.isOpen())
        return true;
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    m_file.setFileName(m_filePath);
    // Unbuffered: each record goes to the file in one write() call.
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered)) {
        return fileError(tr("Cannot write the edit journal %1: %2")
                             .arg(QDir::toNativeSeparators(m_filePath), m_file.errorString()));
    }
    return true;
}

bool EditJournal::endsMidLine()
{
    const qint64 size = m_file.size();
    return size > 0 && m_file.seek(size - 1) && m_file.read(1) != "\n";
}

Result<bool> EditJournal::append(EditJournalRecord record)
{
    if (record.who.isEmpty())
        record.who = currentUserName();
    if (!record.when.isValid())
        record.when = QDateTime::currentDateTimeUtc();
    record.when = record.when.toUTC();
    if (Result<bool> opened = openForAppend(); !opened.ok())
        return opened;
    // A crash (of this or another console) may have left a line without its end: the record
    // must not join it. Checked each time, as another instance may write to the file too.
    QByteArray line = endsMidLine() ? QByteArray("\n") : QByteArray();
    line += QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) + '\n';
    const qint64 written = m_file.write(line);
    if (written != line.size() || !m_file.flush()) {
        const QString reason = m_file.errorString();
        m_file.close(); // the next append reopens and starts a fresh line
        return fileError(tr("Cannot write the edit journal %1: %2")
                             .arg(QDir::toNativeSeparators(m_filePath), reason));
    }
    emit recordAppended(record);
    return true;
}

Result<EditJournal::ReadResult> EditJournal::read(const QString &filePath, qint64 byteLimit)
{
    ReadResult result;
    const Result<bool> done = forEachLine(filePath, byteLimit,
        [&result](int lineNumber, const QByteArray &line, bool complete) {
            Result<EditJournalRecord> record = parseLine(lineNumber, line, complete);
            if (record.ok())
                result.records.append(std::move(record).value());
            else
                result.warnings.append(record.error().message);
        });
    if (!done.ok())
        return done.error();
    return result;
}

Result<EditJournal::ExportSummary> EditJournal::exportRecords(
    const QString &filePath, const QString &targetPath, const Filter &filter)
{
    QSaveFile target(targetPath);
    if (!target.open(QIODevice::WriteOnly)) {
        return fileError(tr("Cannot write %1: %2")
                             .arg(QDir::toNativeSeparators(targetPath), target.errorString()));
    }
    ExportSummary summary;
    const Result<bool> done = forEachLine(filePath, -1,
        [&](int lineNumber, const QByteArray &line, bool complete) {
            const Result<EditJournalRecord> record = parseLine(lineNumber, line, complete);
            if (!record.ok()) {
                ++summary.skippedLines;
                return;
            }
            if (!filter.matches(record.value()))
                return;
            // The line as it was written: an export is a faithful copy, not a re-encoding.
            target.write(line);
            target.write("\n");
            ++summary.records;
        });
    if (!done.ok()) {
        target.cancelWriting();
        return done.error();
    }
    if (!target.commit()) {
        return fileError(tr("Cannot write %1: %2")
                             .arg(QDir::toNativeSeparators(targetPath), target.errorString()));
    }
    return summary;
}

QFuture<Result<EditJournal::ReadResult>> EditJournal::readAsync() const
{
    // Up to what is in the file now: records appended later reach readers as recordAppended.
    const qint64 limit = QFileInfo(m_filePath).size();
    return QtConcurrent::run([path = m_filePath, limit] { return read(path, limit); });
}

QFuture<Result<EditJournal::ExportSummary>> EditJournal::exportAsync(
    const QString &targetPath, const Filter &filter) const
{
    return QtConcurrent::run([path = m_filePath, targetPath, filter] {
        return exportRecords(path, targetPath, filter);
    });
}
