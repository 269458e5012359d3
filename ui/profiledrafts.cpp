#include "profiledrafts.h"

#include "connectionprofilestore.h"

#include <algorithm>
#include <memory>

namespace {

using KeyLocation = ProfileEditor::KeyLocation;

KeyLocation locationAfterSave(const QString &key, bool sessionOnly)
{
    if (key.isEmpty())
        return KeyLocation::None;
    return sessionOnly ? KeyLocation::Session : KeyLocation::Keychain;
}

} // namespace

bool ProfileDrafts::Draft::isDirty() const
{
    if (!stored && !offeredDefault)
        return true;
    if (draft != saved || apiKey != savedApiKey || embedderKey != savedEmbedderKey)
        return true;
    // Where the keys are kept matters only when there are keys.
    return sessionOnly != savedSessionOnly && !(apiKey.isEmpty() && embedderKey.isEmpty());
}

ProfileDrafts::ProfileDrafts(
    ConnectionProfileStore *profiles, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
{
    reload();
    // Asked up front, so that the user learns there is no keychain before typing a key.
    m_secrets->probeAvailability(this, [this](const Result<bool> &answer) {
        if (!answer.ok())
            noteKeychainError(answer.error());
    });
}

void ProfileDrafts::reload()
{
    m_drafts.clear();
    for (const ConnectionProfile &profile : m_profiles->profiles()) {
        Draft d;
        d.saved = d.draft = profile;
        d.stored = !m_profiles->isDefaultList();
        d.offeredDefault = m_profiles->isDefaultList();
        d.savedSessionOnly = d.sessionOnly = !m_keychainAvailable;
        m_drafts << d;
    }
}

int ProfileDrafts::indexOf(const QUuid &id) const
{
    if (id.isNull())
        return -1;
    for (int i = 0; i < m_drafts.size(); ++i) {
        if (m_drafts.at(i).id() == id)
            return i;
    }
    return -1;
}

const ProfileDrafts::Draft *ProfileDrafts::find(const QUuid &id) const
{
    const int index = indexOf(id);
    return index >= 0 ? &m_drafts.at(index) : nullptr;
}

int ProfileDrafts::dirtyCount() const
{
    return int(std::count_if(
        m_drafts.cbegin(), m_drafts.cend(), [](const Draft &d) { return d.isDirty(); }));
}

void ProfileDrafts::add(const ConnectionProfile &profile, const QString &apiKey,
    const QString &embedderKey, bool sessionOnly)
{
    Draft d;
    d.saved = d.draft = profile;
    d.keysLoaded = true;
    d.apiKey = apiKey;
    d.embedderKey = embedderKey;
    d.savedSessionOnly = !m_keychainAvailable;
    d.sessionOnly = sessionOnly || !m_keychainAvailable;
    m_drafts << d;
}

void ProfileDrafts::edit(const QUuid &id, const ConnectionProfile &profile)
{
    const int index = indexOf(id);
    if (index >= 0)
        m_drafts[index].draft = profile;
}

void ProfileDrafts::editKeys(
    const QUuid &id, const QString &apiKey, const QString &embedderKey, bool sessionOnly)
{
    const int index = indexOf(id);
    if (index < 0 || !m_drafts.at(index).keysLoaded)
        return;
    Draft &d = m_drafts[index];
    d.apiKey = apiKey;
    d.embedderKey = embedderKey;
    d.sessionOnly = sessionOnly;
}

void ProfileDrafts::loadKeys(const QUuid &id)
{
    // Both keys, one after the other; the draft may be gone by the time they arrive.
    auto api = std::make_shared<Result<QString>>(QString());
    m_secrets->read(
        id, SecretStore::Secret::ApiKey, this, [this, id, api](const Result<QString> &apiAnswer) {
            *api = apiAnswer;
            m_secrets->read(id, SecretStore::Secret::EmbedderKey, this,
                [this, id, api](const Result<QString> &embedder) {
                    if (!api->ok())
                        noteKeychainError(api->error());
                    if (!embedder.ok())
                        noteKeychainError(embedder.error());
                    const int index = indexOf(id);
                    if (index < 0)
                        return;
                    const auto where = [this, id](
                                           const Result<QString> &r, SecretStore::Secret which) {
                        if (!r.ok() || r.value().isEmpty())
                            return KeyLocation::None;
                        return m_secrets->hasSessionOnlyKey(id, which) ? KeyLocation::Session
                                                                       : KeyLocation::Keychain;
                    };
                    Draft &d = m_drafts[index];
                    d.keysLoaded = true;
                    d.savedApiKey = d.apiKey = api->ok() ? api->value() : QString();
                    d.savedEmbedderKey = d.embedderKey
                        = embedder.ok() ? embedder.value() : QString();
                    d.apiKeyLocation = where(*api, SecretStore::Secret::ApiKey);
                    d.embedderKeyLocation = where(embedder, SecretStore::Secret::EmbedderKey);
                    d.savedSessionOnly = d.sessionOnly = !m_keychainAvailable
                        || d.apiKeyLocation == KeyLocation::Session
                        || d.embedderKeyLocation == KeyLocation::Session;
                    emit keysLoaded(id);
                });
        });
}

void ProfileDrafts::save(const QUuid &id, std::function<void(const Result<bool> &)> done)
{
    const int index = indexOf(id);
    if (index < 0) {
        done(NetError {NetError::Kind::Invalid, 0, tr("That profile is gone."), {}, -1});
        return;
    }
    if (!m_drafts.at(index).keysLoaded) {
        done(NetError {NetError::Kind::Invalid, 0,
            tr("The keys of this profile are still being read; try again in a "
               "moment."),
            {}, -1});
        return;
    }
    // The profile first: if the store refuses it (a duplicate name, a full disk) no key is
    // written for a profile that does not exist.
    const Result<bool> saved = m_profiles->save(m_drafts.at(index).draft);
    if (!saved.ok()) {
        done(saved);
        return;
    }
    Draft &d = m_drafts[index];
    d.saved = d.draft;
    d.stored = true;
    d.offeredDefault = false;
    // The store offers the embedded profile only while no profile is saved; the list follows.
    m_drafts.removeIf([](const Draft &other) { return other.offeredDefault; });
    sortByName();
    saveKeys(id, std::move(done));
}

void ProfileDrafts::saveKeys(const QUuid &id, std::function<void(const Result<bool> &)> done)
{
    const Draft *d = find(id);
    const QString apiKey = d->apiKey;
    const QString embedderKey = d->embedderKey;
    const bool sessionOnly = d->sessionOnly || !m_keychainAvailable;
    const KeyLocation apiBefore = d->apiKeyLocation;
    const KeyLocation embedderBefore = d->embedderKeyLocation;

    // A key that moves to the session is also deleted from the keychain, so a later run does
    // not find the old one there.
    const auto finish
        = [this, id, apiKey, embedderKey, sessionOnly, done = std::move(done)](
              const Result<bool> &result) {
              const int index = indexOf(id);
              if (result.ok() && index >= 0) {
                  Draft &d = m_drafts[index];
                  d.savedApiKey = apiKey;
                  d.savedEmbedderKey = embedderKey;
                  d.apiKeyLocation = locationAfterSave(apiKey, sessionOnly);
                  d.embedderKeyLocation = locationAfterSave(embedderKey, sessionOnly);
                  d.savedSessionOnly = d.sessionOnly = sessionOnly;
              }
              done(result);
          };
    storeSecret(id, SecretStore::Secret::ApiKey, apiKey, sessionOnly, apiBefore,
        [this, id, embedderKey, sessionOnly, embedderBefore, finish](
            const Result<bool> &apiResult) {
            if (!apiResult.ok()) {
                finish(apiResult);
                return;
            }
            storeSecret(id, SecretStore::Secret::EmbedderKey, embedderKey, sessionOnly,
                embedderBefore, finish);
        });
}

void ProfileDrafts::storeSecret(const QUuid &id, SecretStore::Secret which, const QString &value,
    bool sessionOnly, KeyLocation before, std::function<void(const Result<bool> &)> done)
{
    if (!sessionOnly) {
        // write() stores the key (an empty one removes the entry) and drops a session copy.
        m_secrets->write(
            id, which, value, this, [this, done = std::move(done)](const Result<bool> &result) {
                if (!result.ok())
                    noteKeychainError(result.error());
                done(result);
            });
        return;
    }
    if (before != KeyLocation::Keychain) {
        m_secrets->setSessionOnlyKey(id, which, value);
        done(true);
        return;
    }
    // remove() also clears the session copy, so the session key is set once it is done.
    m_secrets->remove(
        id, which, this, [this, id, which, value, done = std::move(done)](const Result<bool> &r) {
            m_secrets->setSessionOnlyKey(id, which, value);
            if (!r.ok() && SecretStore::failureOf(r.error()) != SecretStore::Failure::NoKeyring) {
                done(r);
                return;
            }
            done(true);
        });
}

Result<bool> ProfileDrafts::remove(const QUuid &id)
{
    const int index = indexOf(id);
    if (index < 0)
        return NetError {NetError::Kind::Invalid, 0, tr("That profile is gone."), {}, -1};
    if (m_drafts.at(index).stored) {
        Result<bool> removed = m_profiles->remove(id);
        if (!removed.ok())
            return removed;
    }
    m_drafts.removeAt(index);
    for (SecretStore::Secret which :
        {SecretStore::Secret::ApiKey, SecretStore::Secret::EmbedderKey}) {
        m_secrets->remove(id, which, this, [this](const Result<bool> &r) {
            // Without a keychain nothing was ever stored there: nothing is left behind.
            if (!r.ok() && SecretStore::failureOf(r.error()) != SecretStore::Failure::NoKeyring)
                emit keychainError(r.error().message);
        });
    }
    if (m_drafts.isEmpty())
        reload(); // the store offers the embedded profile again
    return true;
}

void ProfileDrafts::noteKeychainError(const NetError &error)
{
    if (SecretStore::failureOf(error) != SecretStore::Failure::NoKeyring || !m_keychainAvailable)
        return;
    m_keychainAvailable = false;
    // Nothing can be in a keychain that is not there: keys now live in the session only.
    for (Draft &d : m_drafts)
        d.savedSessionOnly = d.sessionOnly = true;
    emit keychainUnavailable(error.message);
}

void ProfileDrafts::sortByName()
{
    std::stable_sort(m_drafts.begin(), m_drafts.end(), [](const Draft &a, const Draft &b) {
        return a.draft.name.localeAwareCompare(b.draft.name) < 0;
    });
}
