#pragma once

#include "importformat.h"
#include "importmapping.h"
#include "result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

/// Where an import stands, saved next to its file (`<file>.import-checkpoint.json`, written
/// atomically: a temporary file renamed over it) so it can resume after a crash of the console or of the server.
/// It only ever records rows whose points the server acknowledged: every row before
/// nextOffset was either written (wait=true) or reported as an error. Because point ids are
/// deterministic and upserts idempotent, resuming there and sending again what may have been
/// in flight gives the exact final count. The file's size, modification time and a hash of
/// its first and last bytes tell whether it is still the file the checkpoint was made for.
struct ImportCheckpoint
{
    Q_DECLARE_TR_FUNCTIONS(ImportCheckpoint)

public:
    /// What identifies the import file's content cheaply.
    struct Fingerprint
    {
        qint64 size = -1;
        QDateTime modified; ///< UTC
        QByteArray headTailSha1; ///< hex SHA-1 of the first and last 64 KiB
        friend bool operator==(const Fingerprint &, const Fingerprint &) = default;
    };

    QString filePath;
    Fingerprint file;
    ImportFormat::Kind format = ImportFormat::Kind::Jsonl;
    QString collection;
    QString scope;          ///< TenantScope's tenant (empty: all tenants), must match on resume
    ImportMapping mapping;
    qint64 nextOffset = 0;  ///< byte offset of the first row not yet settled
    qint64 nextLine = 1;    ///< its line
    qint64 rowsSettled = 0; ///< rows before nextOffset (written or failed)
    qint64 pointsWritten = 0;
    qint64 rowsFailed = 0;
    bool complete = false;  ///< the whole file was settled
    QDateTime updated;      ///< UTC, when it was saved

    /// `<sourcePath>.import-checkpoint.json`.
    static QString pathFor(const QString &sourcePath);
    /// The fingerprint of the file as it is now; LocalFile error when it can't be read.
    static Result<Fingerprint> fingerprintOf(const QString &path);

    /// Writes it to pathFor(filePath) atomically (a crash leaves the old one or the new one).
    Result<bool> save() const;
    /// The checkpoint saved for sourcePath; nullopt when there is none; Invalid when the file
    /// is unreadable or malformed (it is then ignored by a new run and overwritten).
    static Result<std::optional<ImportCheckpoint>> load(const QString &sourcePath);
    /// Removes the checkpoint of sourcePath (after a complete import, or to start over).
    static void remove(const QString &sourcePath);

    /// Whether this checkpoint belongs to the same file content, collection, scope, format
    /// and mapping, so the import may resume from it.
    bool resumes(const ImportCheckpoint &fresh) const;
};
