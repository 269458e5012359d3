#pragma once

#include "connectionprofile.h"
#include "profileeditor.h"
#include "result.h"
#include "secretstore.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUuid>

#include <functional>

class ConnectionProfileStore;

/// The connection dialog's working copy of the profiles: each one as saved and as being
/// edited, with its keys, until it is saved. Saving writes the profile through
/// ConnectionProfileStore (no secrets) and the keys through SecretStore: into the keychain,
/// or into memory for this session only when the user chose so or there is no keychain.
/// Never writes a key anywhere else.
class ProfileDrafts final : public QObject
{
    Q_OBJECT

public:
    using KeyLocation = ProfileEditor::KeyLocation;

    struct Draft
    {
        ConnectionProfile saved; ///< as in the store (or as created, for a new one)
        ConnectionProfile draft; ///< as being edited
        bool stored = false; ///< saved in the store
        bool offeredDefault = false; ///< the embedded profile offered while none is saved
        bool keysLoaded = false;
        QString savedApiKey;
        QString savedEmbedderKey;
        QString apiKey;
        QString embedderKey;
        KeyLocation apiKeyLocation = KeyLocation::None;
        KeyLocation embedderKeyLocation = KeyLocation::None;
        bool savedSessionOnly = false;
        bool sessionOnly = false;

        QUuid id() const { return draft.id; }
        /// Not saved yet, or edited since.
        bool isDirty() const;
    };

    /// Neither store is owned.
    ProfileDrafts(
        ConnectionProfileStore *profiles, SecretStore *secrets, QObject *parent = nullptr);

    /// Starts over from the store's profiles; every edit is dropped.
    void reload();
    const QList<Draft> &drafts() const { return m_drafts; }
    int indexOf(const QUuid &id) const;
    /// The draft with that id, or nullptr.
    const Draft *find(const QUuid &id) const;
    /// How many drafts have edits that are not saved.
    int dirtyCount() const;

    /// Adds a new, unsaved profile with those keys (held here until saved).
    void add(const ConnectionProfile &profile, const QString &apiKey = {},
        const QString &embedderKey = {}, bool sessionOnly = false);
    /// Records an edit of the profile and, when keysLoaded, of its keys.
    void edit(const QUuid &id, const ConnectionProfile &profile);
    void editKeys(
        const QUuid &id, const QString &apiKey, const QString &embedderKey, bool sessionOnly);
    /// Reads the profile's keys; keysLoaded(id) follows.
    void loadKeys(const QUuid &id);

    /// Saves the profile, then its keys; done(true) once everything is stored, or the error.
    void save(const QUuid &id, std::function<void(const Result<bool> &)> done);
    /// Removes the profile from the store and drops its draft; its keychain entries are
    /// deleted after (a failure there is reported through keychainError()).
    Result<bool> remove(const QUuid &id);

    bool isKeychainAvailable() const { return m_keychainAvailable; }

signals:
    void keysLoaded(const QUuid &id);
    /// The keychain cannot be used; why says so and what the user can do.
    void keychainUnavailable(const QString &why);
    /// A key could not be deleted from the keychain after its profile was removed.
    void keychainError(const QString &message);

private:
    void noteKeychainError(const NetError &error);
    void storeSecret(const QUuid &id, SecretStore::Secret which, const QString &value,
        bool sessionOnly, KeyLocation before, std::function<void(const Result<bool> &)> done);
    void saveKeys(const QUuid &id, std::function<void(const Result<bool> &)> done);
    void sortByName();

    ConnectionProfileStore *m_profiles;
    SecretStore *m_secrets;
    QList<Draft> m_drafts;
    bool m_keychainAvailable = true;
};
