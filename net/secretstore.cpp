#include "secretstore.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

namespace {

// The kinds a SecretStore error carries, so that failureOf() can read the failure back.
constexpr NetError::Kind NoKeyringKind = NetError::Kind::NoKeyring;
constexpr NetError::Kind AccessDeniedKind = NetError::Kind::KeychainDenied;
constexpr NetError::Kind OtherKind = NetError::Kind::Keychain;

// The probe reads an entry that is never written: "not found" proves the keychain answers.
const QString ProbeEntry = QStringLiteral("availability-probe");

void wipe(QString &secret)
{
    // A key held for the session is overwritten before its memory is released, so it does
    // not linger in freed heap pages.
    secret.fill(QChar(u'\0'));
    secret.clear();
}

} // namespace

SecretStore::SecretStore(QObject *parent) : SecretStore(defaultServiceName(), parent) {}

SecretStore::SecretStore(const QString &serviceName, QObject *parent)
    : QObject(parent)
    , m_service(serviceName)
{
}

SecretStore::~SecretStore()
{
    clearSessionOnlyKeys();
}

QString SecretStore::entryName(const QUuid &profileId, Secret secret)
{
    const QString id = profileId.toString(QUuid::WithoutBraces);
    switch (secret) {
    case Secret::ApiKey: return QStringLiteral("profile/") + id + QStringLiteral("/api-key");
    case Secret::EmbedderKey:
        return QStringLiteral("profile/") + id + QStringLiteral("/embedder-key");
    }
    return {};
}

void SecretStore::write(const QUuid &profileId, Secret secret, const QString &value,
                        QObject *context, DoneCallback done)
{
    if (value.isEmpty()) {
        remove(profileId, secret, context, std::move(done));
        return;
    }
    const QString entry = entryName(profileId, secret);
    QPointer<SecretStore> self(this);
    startJob(Operation::Write, entry, value, context,
             [self, entry, done = std::move(done)](const Result<QString> &result) {
                 if (!result.ok()) {
                     done(result.error());
                     return;
                 }
                 // The keychain holds the key now; a session copy would only shadow it.
                 if (self)
                     self->dropSessionKey(entry);
                 done(true);
             });
}

void SecretStore::read(const QUuid &profileId, Secret secret, QObject *context,
                       ReadCallback done)
{
    const QString entry = entryName(profileId, secret);
    const auto session = m_sessionKeys.constFind(entry);
    if (session != m_sessionKeys.cend()) {
        const QString &value = session.value();
        deliverLater(context ? context : this, [value, done = std::move(done)] { done(value); });
        return;
    }
    startJob(Operation::Read, entry, {}, context, std::move(done));
}

void SecretStore::remove(const QUuid &profileId, Secret secret, QObject *context,
                         DoneCallback done)
{
    clearSessionOnlyKey(profileId, secret);
    startJob(Operation::Remove, entryName(profileId, secret), {}, context,
             [done = std::move(done)](const Result<QString> &result) {
                 if (!result.ok())
                     done(result.error());
                 else
                     done(true);
             });
}

void SecretStore::probeAvailability(QObject *context, DoneCallback done)
{
    startJob(Operation::Probe, ProbeEntry, {}, context,
             [done = std::move(done)](const Result<QString> &result) {
                 if (!result.ok())
                     done(result.error());
                 else
                     done(true);
             });
}

void SecretStore::setSessionOnlyKey(const QUuid &profileId, Secret secret, const QString &value)
{
    if (value.isEmpty()) {
        clearSessionOnlyKey(profileId, secret);
        return;
    }
    QString &slot = m_sessionKeys[entryName(profileId, secret)];
    wipe(slot);
    slot = value;
}

bool SecretStore::hasSessionOnlyKey(const QUuid &profileId, Secret secret) const
{
    return m_sessionKeys.contains(entryName(profileId, secret));
}

void SecretStore::clearSessionOnlyKey(const QUuid &profileId, Secret secret)
{
    dropSessionKey(entryName(profileId, secret));
}

void SecretStore::dropSessionKey(const QString &entry)
{
    const auto it = m_sessionKeys.find(entry);
    if (it == m_sessionKeys.end())
        return;
    wipe(it.value());
    m_sessionKeys.erase(it);
}

void SecretStore::clearSessionOnlyKeys()
{
    for (QString &value : m_sessionKeys)
        wipe(value);
    m_sessionKeys.clear();
}

SecretStore::Failure SecretStore::failureOf(const NetError &error)
{
    switch (error.kind) {
    case NoKeyringKind: return Failure::NoKeyring;
    case AccessDeniedKind: return Failure::AccessDenied;
    case OtherKind: return Failure::Other;
    default: return Failure::None;
    }
}

void SecretStore::startJob(Operation operation, const QString &entry, const QString &value,
                           QObject *context, std::function<void(const Result<QString> &)> finish)
{
    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(value);
        job = write;
        break;
    }
    case Operation::Read:
    case Operation::Probe: job = new QKeychain::ReadPasswordJob(m_service); break;
    case Operation::Remove: job = new QKeychain::DeletePasswordJob(m_service); break;
    }
    // No parent: QtKeychain's backends call back into the job when the keychain answers, so
    // the job must outlive this store if need be; it deletes itself once finished. Never
    // setInsecureFallback(): a key that cannot go to the keychain goes nowhere.
    job->setAutoDelete(true);
    job->setKey(entry);

    QPointer<SecretStore> self(this);
    connect(job, &QKeychain::Job::finished, context ? context : this,
            [self, operation, entry, finish = std::move(finish)](QKeychain::Job *finished) {
                const QKeychain::Error code = finished->error();
                const bool entryMissing = code == QKeychain::EntryNotFound;
                const bool keychainAnswered = code == QKeychain::NoError || entryMissing
                    || code == QKeychain::AccessDenied || code == QKeychain::AccessDeniedByUser;
                if (self) {
                    self->setAvailability(keychainAnswered ? Availability::Available
                                                           : Availability::Unavailable);
                }
                if (code == QKeychain::NoError) {
                    if (operation == Operation::Read)
                        finish(static_cast<QKeychain::ReadPasswordJob *>(finished)->textData());
                    else
                        finish(QString());
                    return;
                }
                // A missing entry is an answer, not a failure: no key stored, nothing to
                // delete, or (for the probe) a keychain that works.
                if (entryMissing && operation != Operation::Write) {
                    finish(QString());
                    return;
                }
                const QString detail = finished->errorString();
                if (self)
                    finish(self->errorFor(operation, entry, code, detail));
                else
                    finish(NetError{OtherKind, 0, detail, {}, -1});
            });
    job->start();
}

void SecretStore::setAvailability(Availability availability)
{
    if (m_availability == availability)
        return;
    m_availability = availability;
    emit availabilityChanged(availability);
}

NetError SecretStore::errorFor(Operation operation, const QString &entry, int keychainError,
                               const QString &detail) const
{
    const QString secret = entry.endsWith(QStringLiteral("/embedder-key"))
        ? tr("The embedder key (keychain entry %1)").arg(entry)
        : tr("The API key (keychain entry %1)").arg(entry);
    QString what;
    switch (operation) {
    case Operation::Write: what = tr("%1 could not be saved").arg(secret); break;
    case Operation::Read: what = tr("%1 could not be read").arg(secret); break;
    case Operation::Remove: what = tr("%1 could not be deleted").arg(secret); break;
    case Operation::Probe: what = tr("The keychain cannot be used"); break;
    }
    const QString because = detail.isEmpty() ? QString() : tr(" (%1)").arg(detail);

    NetError error;
    switch (keychainError) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        error.kind = AccessDeniedKind;
        error.message = what + tr(": the keychain refused access%1. Unlock the keychain and try "
                                  "again, or type the key for this session only.")
                                   .arg(because);
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::OtherError:
    case QKeychain::NotImplemented:
        // On Linux, QtKeychain reports an unreachable Secret Service (no D-Bus session, no
        // gnome-keyring or KWallet running) as OtherError with the D-Bus message.
        error.kind = NoKeyringKind;
        error.message = what + tr(": no keychain is available%1.").arg(because)
            + (operation == Operation::Write ? tr(" The key was not stored anywhere.")
                                             : QString())
            + tr(" Start a Secret Service (GNOME Keyring, KWallet) to keep keys, or type the "
                 "key for this session only: it then stays in memory and is forgotten when the "
                 "console closes.");
        break;
    default:
        error.kind = OtherKind;
        error.message = what + tr(": the keychain reported an error%1.").arg(because);
        break;
    }
    return error;
}

void SecretStore::deliverLater(QObject *context, std::function<void()> call)
{
    // Answers from memory still arrive from the event loop, like the keychain's, so callers
    // never see their callback run inside the call that asked.
    QTimer::singleShot(0, context, std::move(call));
}
