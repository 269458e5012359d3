#pragma once

#include "connectionprofile.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QUuid>

/// The connection profiles, kept in an INI file (QSettings format) that holds no secret.
/// Every change rewrites the whole file into a temporary file next to it and renames it over
/// the old one, so a crash or a full disk leaves either the old or the new file, never half
/// of one. Offers the embedded memory-store's profile when no profile is saved. Errors: an
/// invalid profile or unknown id is Kind::Invalid; a file that cannot be read or written is
/// Kind::LocalFile; the message names the file.
class ConnectionProfileStore final
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfileStore)

public:
    /// The settings file format this class writes; older ones are read, newer ones refused.
    static constexpr int FormatVersion = 1;

    /// A store over the file at filePath (created on the first save).
    explicit ConnectionProfileStore(QString filePath);

    /// connections.ini in the application's configuration folder.
    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }

    /// Reads the file again. A missing file is no error: the list is then the default.
    Result<bool> load();
    /// All profiles, sorted by name; the embedded default when none is saved.
    QList<ConnectionProfile> profiles() const;
    /// The profile with that id; an Invalid error when there is none.
    Result<ConnectionProfile> profile(const QUuid &id) const;
    /// True when the file holds no profile and profiles() offers the default.
    bool isDefaultList() const { return m_profiles.isEmpty(); }

    /// Validates, then adds or replaces the profile with the same id and writes the file.
    /// On failure nothing changes, in memory or on disk.
    Result<bool> save(const ConnectionProfile &profile);
    /// Removes a profile and writes the file; removing an unknown id is an Invalid error. The
    /// caller deletes the profile's keychain entries (SecretStore::remove).
    Result<bool> remove(const QUuid &id);

private:
    Result<bool> writeFile(const QList<ConnectionProfile> &profiles) const;
    static NetError fileError(const QString &message);

    QString m_filePath;
    QList<ConnectionProfile> m_profiles;
};
