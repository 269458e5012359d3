#pragma once

#include "connectionprofile.h"
#include "profiledrafts.h"

#include <QDialog>
#include <QUrl>

#include <functional>

class ConnectionProfileStore;
class ConnectionTester;
class QLabel;
class QListWidget;
class QPushButton;
struct NetError;
struct ServerVersion;

/// File → Connections…: the connection profiles with a colour stripe each, New / Duplicate /
/// Delete, the profile editor, "Test connection" and Connect. Profiles are saved through
/// ConnectionProfileStore (no secrets) and keys through SecretStore (the OS keychain, or this
/// session only when there is none: the dialog then says so). Edits are kept per profile
/// until saved; Connect saves the shown profile first. Errors show inline; only deleting a
/// profile and discarding unsaved edits ask first. Enter connects, Delete (in the list)
/// deletes, Ctrl+N makes a new profile, Ctrl+S saves.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT

public:
    /// Neither store is owned; both must outlive the dialog. profiles should be load()ed.
    ConnectionDialog(
        ConnectionProfileStore *profiles, SecretStore *secrets, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    /// Where the embedded memory-store listens, so that its profile can be tested.
    void setEmbeddedServerUrl(const QUrl &url);
    /// Transfer timeout of "Test connection" (default 5 s).
    void setTestTimeoutMs(int ms) { m_testTimeoutMs = ms; }
    /// Shows the profile with that id, e.g. the one in use.
    void selectProfile(const QUuid &id);

    /// The profile Connect was pressed on (after accepted()).
    ConnectionProfile chosenProfile() const { return m_chosen; }
    /// Its API key for this session (empty for none). The caller keeps it in memory only.
    QString chosenApiKey() const { return m_chosenApiKey; }
    /// Its embedder key for this session (empty for none).
    QString chosenEmbedderKey() const { return m_chosenEmbedderKey; }

    /// The line under "Test connection": the server and its version, or why it failed.
    QString testResultText() const;
    /// The dialog's own message line (saved, deleted, or what went wrong).
    QString statusText() const;
    /// The notice shown when there is no keychain; empty while there is one.
    QString keychainNotice() const;

public slots:
    void newProfile();
    void duplicateProfile();
    /// Asks first; then removes the profile and its keychain entries.
    void deleteProfile();
    /// Saves the shown profile and its keys.
    void saveProfile();
    void testConnection();
    /// Saves the shown profile if it has edits, then accepts with it.
    void connectToProfile();
    void reject() override;

signals:
    /// A profile (and its keys) were saved.
    void profileSaved(const QUuid &id);
    /// A profile was removed from the store (its keychain entries go after).
    void profileDeleted(const QUuid &id);
    /// "Test connection" finished; the result line shows what it found.
    void connectionTested(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void refreshList();
    void updateItem(int row);
    void refreshButtons();
    const ProfileDrafts::Draft *current() const;
    void showDraft(const QUuid &id);
    void onSelectionChanged();
    void onEdited();
    void onKeysLoaded(const QUuid &id);
    void addDraft(const ConnectionProfile &profile, const QString &apiKey,
        const QString &embedderKey, bool sessionOnly);
    QString uniqueName(const QString &base) const;
    /// Saves the shown profile and its keys; then(true) once all is stored.
    void saveShown(std::function<void(bool)> then);
    void removeShown();
    void setKeychainUnavailable(const QString &why);
    enum class Tone { Neutral, Success, Error };
    void showTestResult(const QString &text, Tone tone);
    void onTestSucceeded(const ServerVersion &server, int collectionCount);
    void showStatus(const QString &text, bool error);
    void tintMessages();

    ProfileDrafts *m_drafts;
    ConnectionTester *m_tester;
    QUuid m_shown;
    QUrl m_embeddedUrl;
    int m_testTimeoutMs = 5000;
    bool m_busy = false; ///< a save is writing keys
    bool m_statusIsError = false;
    Tone m_testTone = Tone::Neutral;
    bool m_discardConfirmed = false;

    ConnectionProfile m_chosen;
    QString m_chosenApiKey;
    QString m_chosenEmbedderKey;

    QLabel *m_keychainBanner = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_delete = nullptr;
    ProfileEditor *m_editor = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_connect = nullptr;
    QPushButton *m_cancel = nullptr;
};
