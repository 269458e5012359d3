#include "importcheckpoint.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace {

constexpr qint64 kHashedBytes = 64 * 1024;

NetError error(NetError::Kind kind, const QString &message)
{
    NetError e;
    e.kind = kind;
    e.message = message;
    return e;
}

} // namespace

QString ImportCheckpoint::pathFor(const QString &sourcePath)
{
    return sourcePath + QStringLiteral(".import-checkpoint.json");
}

Result<ImportCheckpoint::Fingerprint> ImportCheckpoint::fingerprintOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return error(NetError::Kind::LocalFile,
                     tr("%1 can't be read: %2").arg(path, file.errorString()));
    Fingerprint print;
    print.size = file.size();
    print.modified = QFileInfo(file).lastModified().toUTC();
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(file.read(kHashedBytes));
    if (print.size > kHashedBytes) {
        file.seek(std::max(kHashedBytes, print.size - kHashedBytes));
        hash.addData(file.read(kHashedBytes));
    }
    print.headTailSha1 = hash.result().toHex();
    return print;
}

Result<bool> ImportCheckpoint::save() const
{
    const QJsonObject json{
        {QStringLiteral("file"), filePath},
        {QStringLiteral("file_size"), file.size},
        {QStringLiteral("file_modified"), file.modified.toString(Qt::ISODateWithMs)},
        {QStringLiteral("file_sha1"), QString::fromLatin1(file.headTailSha1)},
        {QStringLiteral("format"), ImportFormat::id(format)},
        {QStringLiteral("collection"), collection},
        {QStringLiteral("scope"), scope},
        {QStringLiteral("mapping"), mapping.toJson()},
        {QStringLiteral("next_offset"), nextOffset},
        {QStringLiteral("next_line"), nextLine},
        {QStringLiteral("rows_settled"), rowsSettled},
        {QStringLiteral("points_written"), pointsWritten},
        {QStringLiteral("rows_failed"), rowsFailed},
        {QStringLiteral("complete"), complete},
        {QStringLiteral("updated"), updated.toString(Qt::ISODateWithMs)},
    };
    // Written to a temporary file and renamed over the old one (atomic on POSIX), without
    // QSaveFile's fsync: syncing costs tens of milliseconds while the server writes its own
    // files, several times a second, and buys nothing here. A console crash cannot tear a
    // rename; after a crash of the system a checkpoint that did not reach the disk reads as
    // missing or malformed, and the import starts over, which deterministic ids make exact.
    const QString target = pathFor(filePath);
    QFile out(target + QStringLiteral(".tmp"));
    const QByteArray text = QJsonDocument(json).toJson();
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(text) != text.size()
        || !out.flush()) {
        const QString why = out.errorString();
        out.close();
        out.remove();
        return error(NetError::Kind::LocalFile,
                     tr("The import checkpoint %1 can't be written: %2").arg(target, why));
    }
    out.close();
    if (std::rename(QFile::encodeName(out.fileName()).constData(),
                    QFile::encodeName(target).constData())
        != 0) {
        out.remove();
        return error(NetError::Kind::LocalFile,
                     tr("The import checkpoint %1 can't be written: %2")
                         .arg(target, QString::fromLocal8Bit(std::strerror(errno))));
    }
    return true;
}

Result<std::optional<ImportCheckpoint>> ImportCheckpoint::load(const QString &sourcePath)
{
    QFile in(pathFor(sourcePath));
    if (!in.exists())
        return std::optional<ImportCheckpoint>();
    if (!in.open(QIODevice::ReadOnly))
        return error(NetError::Kind::Invalid, tr("The import checkpoint %1 can't be read: %2")
                                                  .arg(in.fileName(), in.errorString()));
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(in.readAll(), &parseError).object();
    const auto malformed = [&in] {
        return error(NetError::Kind::Invalid,
                     tr("The import checkpoint %1 is malformed.").arg(in.fileName()));
    };
    if (parseError.error != QJsonParseError::NoError || json.isEmpty())
        return malformed();
    ImportCheckpoint checkpoint;
    checkpoint.filePath = json.value(QStringLiteral("file")).toString();
    checkpoint.file.size = json.value(QStringLiteral("file_size")).toInteger(-1);
    checkpoint.file.modified = QDateTime::fromString(
        json.value(QStringLiteral("file_modified")).toString(), Qt::ISODateWithMs);
    checkpoint.file.headTailSha1 = json.value(QStringLiteral("file_sha1")).toString().toLatin1();
    const Result<ImportFormat::Kind> format
        = ImportFormat::fromId(json.value(QStringLiteral("format")).toString());
    const Result<ImportMapping> mapping
        = ImportMapping::fromJson(json.value(QStringLiteral("mapping")).toObject());
    if (!format.ok() || !mapping.ok())
        return malformed();
    checkpoint.format = format.value();
    checkpoint.mapping = mapping.value();
    checkpoint.collection = json.value(QStringLiteral("collection")).toString();
    checkpoint.scope = json.value(QStringLiteral("scope")).toString();
    checkpoint.nextOffset = json.value(QStringLiteral("next_offset")).toInteger(-1);
    checkpoint.nextLine = json.value(QStringLiteral("next_line")).toInteger(-1);
    checkpoint.rowsSettled = json.value(QStringLiteral("rows_settled")).toInteger(-1);
    checkpoint.pointsWritten = json.value(QStringLiteral("points_written")).toInteger(-1);
    checkpoint.rowsFailed = json.value(QStringLiteral("rows_failed")).toInteger(-1);
    checkpoint.complete = json.value(QStringLiteral("complete")).toBool();
    checkpoint.updated = QDateTime::fromString(json.value(QStringLiteral("updated")).toString(),
                                               Qt::ISODateWithMs);
    if (checkpoint.nextOffset < 0 || checkpoint.nextLine < 1 || checkpoint.rowsSettled < 0
        || checkpoint.pointsWritten < 0 || checkpoint.rowsFailed < 0)
        return malformed();
    return std::optional<ImportCheckpoint>(checkpoint);
}

void ImportCheckpoint::remove(const QString &sourcePath)
{
    QFile::remove(pathFor(sourcePath));
}

bool ImportCheckpoint::resumes(const ImportCheckpoint &fresh) const
{
    return filePath == fresh.filePath && file == fresh.file && format == fresh.format
        && collection == fresh.collection && scope == fresh.scope && mapping == fresh.mapping
        && nextOffset <= fresh.file.size;
}
