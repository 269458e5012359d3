#pragma once

#include "connectionprofile.h"

#include <QStringList>
#include <QWidget>

class ProfileBadge;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

/// A form for one connection profile: server, API key, colour, read-only flag, TLS, tenancy
/// and embedder. It validates as the user types (ConnectionProfile::problems() and the
/// collection-name pattern) and says under each key field where the key lives. It holds keys
/// only in its fields; the connection dialog reads and writes them through SecretStore.
class ProfileEditor final : public QWidget
{
    Q_OBJECT

public:
    /// Where a key shown in a key field is kept.
    enum class KeyLocation {
        Loading, ///< being read from the keychain
        None, ///< no key stored
        Keychain, ///< in the OS keychain
        Session, ///< in memory for this session only
    };

    explicit ProfileEditor(QWidget *parent = nullptr);

    /// Fills the form with a profile; emits no edited().
    void setProfile(const ConnectionProfile &profile);
    /// The profile as the form shows it now (same id as the one set).
    ConnectionProfile profile() const;

    /// Everything wrong with the form's profile, one sentence each; empty when it can be
    /// saved.
    QStringList problems() const;
    bool isValid() const { return problems().isEmpty(); }

    /// Shows that the keys are being read; the key fields wait for setKeys().
    void setKeysLoading();
    /// Fills the key fields with the stored keys and where they are kept; emits no edited().
    void setKeys(const QString &apiKey, KeyLocation apiKeyLocation, const QString &embedderKey,
        KeyLocation embedderKeyLocation);
    /// Puts keys typed earlier (an unsaved draft) back in the key fields; emits no edited().
    void setKeyTexts(const QString &apiKey, const QString &embedderKey);
    QString apiKey() const;
    QString embedderKey() const;
    bool keysLoaded() const;

    /// Whether the keys are to be kept in memory for this session only, never saved.
    bool isSessionOnly() const;
    void setSessionOnly(bool sessionOnly);
    /// Without a keychain, keys can only be kept for the session: the choice is forced.
    void setKeychainAvailable(bool available);

    /// Moves the focus to the name and selects it (a new profile is named first).
    void focusName();

signals:
    /// The user changed something in the form.
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildServerGroup();
    QWidget *buildLookGroup();
    QWidget *buildTlsGroup();
    QWidget *buildTenancyGroup();
    QWidget *buildEmbedderGroup();
    void fillColourChoices(const QString &current);
    void setColour(const QString &colour);
    QString colour() const;
    void chooseColour();
    void chooseCaFile();
    void onEdited();
    void refresh();
    void refreshKeyNotes();
    QString keyNote(
        KeyLocation location, const QString &stored, const QString &current, bool apiKey) const;
    /// The collection-name pattern's own problems, or CollectionPattern's parse error.
    QStringList patternProblems(const ConnectionProfile &profile) const;
    void tintMessages();

    ConnectionProfile m_base;
    bool m_loading = false;
    bool m_keychainAvailable = true;
    QString m_storedApiKey;
    QString m_storedEmbedderKey;
    KeyLocation m_apiKeyLocation = KeyLocation::None;
    KeyLocation m_embedderKeyLocation = KeyLocation::None;

    QLineEdit *m_name = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QLabel *m_apiKeyNote = nullptr;
    QCheckBox *m_sessionOnly = nullptr;
    QComboBox *m_colour = nullptr;
    QPushButton *m_chooseColour = nullptr;
    ProfileBadge *m_preview = nullptr;
    QCheckBox *m_readOnly = nullptr;
    QCheckBox *m_ignoreTls = nullptr;
    QLabel *m_tlsWarning = nullptr;
    QLineEdit *m_caFile = nullptr;
    QWidget *m_tlsGroup = nullptr;
    QLineEdit *m_pattern = nullptr;
    QLabel *m_patternNote = nullptr;
    bool m_patternOk = true;
    QLineEdit *m_tenantKey = nullptr;
    QComboBox *m_embedderKind = nullptr;
    QFormLayout *m_embedderForm = nullptr;
    QLineEdit *m_embedderUrl = nullptr;
    QLineEdit *m_embedderModel = nullptr;
    QSpinBox *m_dimensions = nullptr;
    QLineEdit *m_embedderKey = nullptr;
    QLabel *m_embedderKeyNote = nullptr;
    QLabel *m_problems = nullptr;
};
