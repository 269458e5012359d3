#include "connectionprofilestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <algorithm>

namespace {

const QString ProfilesGroup = QStringLiteral("profiles");
const QString VersionKey = QStringLiteral("format/version");

namespace Key {
const QString Name = QStringLiteral("name");
const QString Url = QStringLiteral("url");
const QString Embedded = QStringLiteral("embedded");
const QString TlsIgnoreErrors = QStringLiteral("tlsIgnoreErrors");
const QString CaCertificatePath = QStringLiteral("caCertificatePath");
const QString Colour = QStringLiteral("colour");
const QString ReadOnly = QStringLiteral("readOnly");
const QString CollectionPattern = QStringLiteral("tenancy/collectionPattern");
const QString TenantPayloadKey = QStringLiteral("tenancy/tenantPayloadKey");
const QString EmbedderKind = QStringLiteral("embedder/kind");
const QString EmbedderBaseUrl = QStringLiteral("embedder/baseUrl");
const QString EmbedderModel = QStringLiteral("embedder/model");
const QString EmbedderDimensions = QStringLiteral("embedder/dimensions");
} // namespace Key

ConnectionProfile readProfile(const QSettings &settings, const QUuid &id)
{
    ConnectionProfile p;
    p.id = id;
    p.name = settings.value(Key::Name).toString();
    p.url = QUrl(settings.value(Key::Url).toString());
    p.embedded = settings.value(Key::Embedded, false).toBool();
    p.tlsIgnoreErrors = settings.value(Key::TlsIgnoreErrors, false).toBool();
    p.caCertificatePath = settings.value(Key::CaCertificatePath).toString();
    p.colour = settings.value(Key::Colour).toString();
    p.readOnly = settings.value(Key::ReadOnly, false).toBool();
    p.collectionPattern =
        settings.value(Key::CollectionPattern, ConnectionProfile::defaultCollectionPattern())
            .toString();
    p.tenantPayloadKey =
        settings.value(Key::TenantPayloadKey, ConnectionProfile::defaultTenantPayloadKey())
            .toString();
    p.embedderKind =
        ConnectionProfile::embedderKindFromName(settings.value(Key::EmbedderKind).toString());
    p.embedderBaseUrl = QUrl(settings.value(Key::EmbedderBaseUrl).toString());
    p.embedderModel = settings.value(Key::EmbedderModel).toString();
    p.embedderDimensions =
        settings.value(Key::EmbedderDimensions, ConnectionProfile::DefaultDimensions).toInt();
    return p;
}

void writeProfile(QSettings &settings, const ConnectionProfile &p)
{
    settings.setValue(Key::Name, p.name);
    settings.setValue(Key::Url, p.url.toString(QUrl::FullyEncoded));
    settings.setValue(Key::Embedded, p.embedded);
    settings.setValue(Key::TlsIgnoreErrors, p.tlsIgnoreErrors);
    settings.setValue(Key::CaCertificatePath, p.caCertificatePath);
    settings.setValue(Key::Colour, p.colour);
    settings.setValue(Key::ReadOnly, p.readOnly);
    settings.setValue(Key::CollectionPattern, p.collectionPattern);
    settings.setValue(Key::TenantPayloadKey, p.tenantPayloadKey);
    settings.setValue(Key::EmbedderKind, ConnectionProfile::embedderKindName(p.embedderKind));
    settings.setValue(Key::EmbedderBaseUrl, p.embedderBaseUrl.toString(QUrl::FullyEncoded));
    settings.setValue(Key::EmbedderModel, p.embedderModel);
    settings.setValue(Key::EmbedderDimensions, p.embedderDimensions);
}

void sortByName(QList<ConnectionProfile> &profiles)
{
    std::stable_sort(profiles.begin(), profiles.end(),
                     [](const ConnectionProfile &a, const ConnectionProfile &b) {
                         return a.name.localeAwareCompare(b.name) < 0;
                     });
}

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

} // namespace

ConnectionProfileStore::ConnectionProfileStore(QString filePath) : m_filePath(std::move(filePath))
{
}

QString ConnectionProfileStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/connections.ini");
}

Result<bool> ConnectionProfileStore::load()
{
    if (!QFileInfo::exists(m_filePath)) {
        m_profiles.clear();
        return true;
    }
    if (!QFileInfo(m_filePath).isReadable())
        return fileError(tr("The connection profiles in %1 cannot be read.").arg(m_filePath));

    QSettings settings(m_filePath, QSettings::IniFormat);
    const int version = settings.value(VersionKey, 1).toInt();
    if (settings.status() == QSettings::FormatError) {
        return fileError(tr("The connection profiles file %1 is damaged; it was left as it is.")
                             .arg(m_filePath));
    }
    if (settings.status() != QSettings::NoError)
        return fileError(tr("The connection profiles in %1 cannot be read.").arg(m_filePath));
    if (version > FormatVersion) {
        return fileError(tr("The connection profiles in %1 were written by a newer version of "
                            "Memory Console (format %2); this one reads format %3 at most.")
                             .arg(m_filePath)
                             .arg(version)
                             .arg(FormatVersion));
    }

    QList<ConnectionProfile> loaded;
    settings.beginGroup(ProfilesGroup);
    const QStringList ids = settings.childGroups();
    for (const QString &key : ids) {
        const QUuid id(key);
        if (id.isNull())
            continue; // not ours; keep reading the rest
        settings.beginGroup(key);
        loaded << readProfile(settings, id);
        settings.endGroup();
    }
    settings.endGroup();
    sortByName(loaded);
    m_profiles = loaded;
    return true;
}

QList<ConnectionProfile> ConnectionProfileStore::profiles() const
{
    if (m_profiles.isEmpty())
        return {ConnectionProfile::embeddedDefault()};
    return m_profiles;
}

Result<ConnectionProfile> ConnectionProfileStore::profile(const QUuid &id) const
{
    for (const ConnectionProfile &p : profiles()) {
        if (p.id == id)
            return p;
    }
    return invalid(tr("There is no connection profile with the id %1.")
                       .arg(id.toString(QUuid::WithoutBraces)));
}

Result<bool> ConnectionProfileStore::save(const ConnectionProfile &profile)
{
    const QStringList problems = profile.problems();
    if (!problems.isEmpty())
        return invalid(problems.join(u' '));

    QList<ConnectionProfile> next = m_profiles;
    bool replaced = false;
    for (ConnectionProfile &p : next) {
        if (p.id == profile.id) {
            p = profile;
            replaced = true;
        } else if (p.name.trimmed().compare(profile.name.trimmed(), Qt::CaseInsensitive) == 0) {
            return invalid(tr("A connection profile named \"%1\" exists already.")
                               .arg(profile.name.trimmed()));
        }
    }
    if (!replaced)
        next << profile;
    sortByName(next);

    Result<bool> written = writeFile(next);
    if (!written.ok())
        return written;
    m_profiles = next;
    return true;
}

Result<bool> ConnectionProfileStore::remove(const QUuid &id)
{
    const auto found = std::find_if(m_profiles.cbegin(), m_profiles.cend(),
                                    [&id](const ConnectionProfile &p) { return p.id == id; });
    if (found == m_profiles.cend()) {
        if (m_profiles.isEmpty() && id == ConnectionProfile::embeddedDefault().id) {
            return invalid(tr("The embedded memory-store profile is offered while no other "
                              "profile exists; it cannot be removed."));
        }
        return invalid(tr("There is no connection profile with the id %1.")
                           .arg(id.toString(QUuid::WithoutBraces)));
    }
    QList<ConnectionProfile> next = m_profiles;
    next.removeAt(found - m_profiles.cbegin());

    Result<bool> written = writeFile(next);
    if (!written.ok())
        return written;
    m_profiles = next;
    return true;
}

Result<bool> ConnectionProfileStore::writeFile(const QList<ConnectionProfile> &profiles) const
{
    const QFileInfo target(m_filePath);
    const QString dir = target.absolutePath();
    if (!QDir().mkpath(dir))
        return fileError(tr("The folder %1 for the connection profiles cannot be created.")
                             .arg(dir));

    // QSettings writes the INI into a scratch file next to the target; QSaveFile then puts
    // those bytes in place with a rename, so the old file stays whole until the new one is.
    QTemporaryFile scratch(dir + QStringLiteral("/.") + target.fileName()
                           + QStringLiteral(".XXXXXX"));
    if (!scratch.open()) {
        return fileError(tr("The connection profiles cannot be written in %1: %2")
                             .arg(dir, scratch.errorString()));
    }
    scratch.close();
    {
        QSettings settings(scratch.fileName(), QSettings::IniFormat);
        settings.clear();
        settings.setValue(VersionKey, FormatVersion);
        settings.beginGroup(ProfilesGroup);
        for (const ConnectionProfile &p : profiles) {
            settings.beginGroup(p.id.toString(QUuid::WithoutBraces));
            writeProfile(settings, p);
            settings.endGroup();
        }
        settings.endGroup();
        settings.sync();
        if (settings.status() != QSettings::NoError) {
            return fileError(tr("The connection profiles cannot be written in %1 (disk full or "
                                "no permission).")
                                 .arg(dir));
        }
    }

    QFile written(scratch.fileName());
    if (!written.open(QIODevice::ReadOnly)) {
        return fileError(tr("The connection profiles cannot be written in %1: %2")
                             .arg(dir, written.errorString()));
    }
    const QByteArray bytes = written.readAll();
    written.close();

    QSaveFile out(m_filePath);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        // Without commit() QSaveFile drops its temporary file: the old file is untouched.
        return fileError(tr("The connection profiles cannot be saved to %1: %2")
                             .arg(m_filePath, out.errorString()));
    }
    return true;
}

NetError ConnectionProfileStore::fileError(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::LocalFile;
    error.message = message;
    return error;
}
