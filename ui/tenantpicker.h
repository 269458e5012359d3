#pragma once

#include "tenantscope.h"

#include <QJsonValue>
#include <QPointer>
#include <QUuid>
#include <QWidget>

#include <optional>

class ConsoleSession;
class QComboBox;
class QCompleter;
class QLabel;
class QSortFilterProxyModel;
class QToolButton;
class TenantDiscovery;
class TenantListModel;
struct NetError;
struct TenantDiscoveryResult;

/// The toolbar's tenant picker: the current scope's badge, a searchable list of the tenants
/// (TenantListModel: "All tenants (admin)" first, then each tenant with where it was found)
/// and a refresh button. Choosing a row (click, or type and Enter: an exact label, else the
/// first tenant whose id or collections contain the text) sets the session's scope; Ctrl+T
/// puts the cursor in the search. "All tenants (admin)" is shown in amber wherever it
/// appears. Tenants are discovered when the session opens (TenantDiscovery); the tenant last
/// chosen for a profile is kept in QSettings under the profile's id (the value only) and set
/// again when that profile is opened.
class TenantPicker final : public QWidget
{
    Q_OBJECT

public:
    explicit TenantPicker(ConsoleSession *session, QWidget *parent = nullptr);
    ~TenantPicker() override;

    /// Discovers the tenants again.
    void refresh();
    /// Puts the cursor in the search, its text selected (Ctrl+T).
    void focusSearch();

    /// What the badge shows: the scope's badge text.
    QString badgeText() const;
    /// True while the scope is "All tenants (admin)" and the picker shows it as a warning.
    bool showsAdminWarning() const { return m_adminShown; }
    /// The discovery's state in a line: progress, the count of tenants, or the error.
    QString statusText() const;
    QComboBox *comboBox() const { return m_combo; }
    TenantListModel *model() const { return m_model; }
    bool isDiscovering() const;

    /// The QSettings key of the tenant last chosen for a profile.
    static QString settingsKey(const QUuid &profileId);

signals:
    /// A discovery ended (with tenants, or with the error the status line shows).
    void discoveryEnded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onOpened();
    void onClosed();
    void onScopeChanged(const TenantScope &scope);
    void onDiscovered(const TenantDiscoveryResult &result);
    void onDiscoveryFailed(const NetError &error);
    void onProgress(int done, int total, qint64 sampled);
    void onTextEdited(const QString &text);
    void chooseTyped();
    void chooseRow(int row);
    void showScope(const TenantScope &scope);
    int popupWidth() const;
    void setStatus(const QString &text, const QString &toolTip = QString(), bool error = false);
    void remember(const TenantScope &scope);
    std::optional<QJsonValue> remembered() const;

    QPointer<ConsoleSession> m_session;
    TenantDiscovery *m_discovery;
    TenantListModel *m_model;
    QSortFilterProxyModel *m_search;
    QCompleter *m_completer;
    QLabel *m_badge;
    QComboBox *m_combo;
    QToolButton *m_refresh;
    QLabel *m_status;
    bool m_adminShown = false;
    bool m_showingScope = false; ///< true while the combo is set to the scope, not chosen
};
