#pragma once

#include "result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUuid>

#include <functional>

/// The API keys of connection profiles, kept in the OS keychain (QtKeychain: Secret Service,
/// KWallet, macOS Keychain, Windows Credential Store) and nowhere else. Every call is
/// asynchronous and answers exactly once through its callback, from the event loop, unless
/// the context object is gone by then. When there is no keychain, nothing is ever written in
/// plain text: the UI may tell the user and keep a key in memory for this session only.
class SecretStore final : public QObject
{
    Q_OBJECT

public:
    /// Which secret of a profile.
    enum class Secret {
        ApiKey,      ///< the Qdrant server's api-key
        EmbedderKey, ///< the key of the profile's remote embedder (OpenAI-compatible)
    };
    Q_ENUM(Secret)

    /// Why a keychain call failed; failureOf() reads it back from a NetError.
    enum class Failure {
        None,         ///< not a keychain failure
        NoKeyring,    ///< no keychain service to talk to (no backend, D-Bus unreachable, ...)
        AccessDenied, ///< the keychain is there but refused (locked, user said no)
        Other,        ///< the keychain answered with an error of its own
    };
    Q_ENUM(Failure)

    /// What the last keychain answer said about the keychain itself.
    enum class Availability { Unknown, Available, Unavailable };
    Q_ENUM(Availability)

    using ReadCallback = std::function<void(const Result<QString> &)>;
    using DoneCallback = std::function<void(const Result<bool> &)>;

    /// The service name the keychain files every entry under.
    static QString defaultServiceName() { return QStringLiteral("memory-console"); }

    explicit SecretStore(QObject *parent = nullptr);
    /// A store under another service name (tests use their own, never the user's).
    explicit SecretStore(const QString &serviceName, QObject *parent = nullptr);
    ~SecretStore() override;

    QString serviceName() const { return m_service; }
    /// The keychain entry of a secret, e.g. "profile/<uuid>/api-key".
    static QString entryName(const QUuid &profileId, Secret secret);

    /// Stores (or replaces) a secret. An empty secret removes the entry instead, because an
    /// empty key means "none". On success the session-only key of that entry is dropped.
    void write(const QUuid &profileId, Secret secret, const QString &value, QObject *context,
               DoneCallback done);
    /// Reads a secret: the session-only key when one is set, else the keychain's entry.
    /// An empty string means no entry is stored (a profile without a key), not a failure.
    /// A locked Secret Service that cannot ask for its password also reads as empty (that is
    /// what libsecret answers); write() then fails with AccessDenied.
    void read(const QUuid &profileId, Secret secret, QObject *context, ReadCallback done);
    /// Deletes a secret from the keychain and from the session; deleting a missing entry
    /// succeeds.
    void remove(const QUuid &profileId, Secret secret, QObject *context, DoneCallback done);
    /// Asks the keychain whether it can be used: true, or the NetError that says why not.
    void probeAvailability(QObject *context, DoneCallback done);

    /// Keeps a key in this process's memory only, for when the keychain cannot; the UI calls
    /// it after telling the user the key will not be saved. Never written anywhere.
    void setSessionOnlyKey(const QUuid &profileId, Secret secret, const QString &value);
    bool hasSessionOnlyKey(const QUuid &profileId, Secret secret) const;
    void clearSessionOnlyKey(const QUuid &profileId, Secret secret);
    void clearSessionOnlyKeys();

    /// What the keychain's last answer (or probe) said; Unknown before the first one.
    Availability availability() const { return m_availability; }

    /// Which keychain failure a NetError reported by this class stands for (Kind::NoKeyring,
    /// Kind::KeychainDenied or Kind::Keychain).
    static Failure failureOf(const NetError &error);

signals:
    void availabilityChanged(SecretStore::Availability availability);

private:
    enum class Operation { Write, Read, Remove, Probe };

    void startJob(Operation operation, const QString &entry, const QString &value,
                  QObject *context, std::function<void(const Result<QString> &)> finish);
    void setAvailability(Availability availability);
    void dropSessionKey(const QString &entry);
    NetError errorFor(Operation operation, const QString &entry, int keychainError,
                      const QString &detail) const;
    static void deliverLater(QObject *context, std::function<void()> call);

    QString m_service;
    QHash<QString, QString> m_sessionKeys;
    Availability m_availability = Availability::Unknown;
};
