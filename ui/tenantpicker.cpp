#include "tenantpicker.h"

#include "consolesession.h"
#include "tenantdiscovery.h"
#include "tenantitemdelegate.h"
#include "tenantlistmodel.h"

#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QToolButton>

namespace {

// The same amber as the model's admin row: a warning that reads alike on light and dark.
const QColor kAdminBackground(0xfd, 0xe6, 0x8a);
const QColor kAdminText(0x78, 0x35, 0x0f);

} // namespace

TenantPicker::TenantPicker(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_discovery(new TenantDiscovery(this))
    , m_model(new TenantListModel(this))
    , m_search(new QSortFilterProxyModel(this))
    , m_completer(new QCompleter(this))
    , m_badge(new QLabel(this))
    , m_combo(new QComboBox(this))
    , m_refresh(new QToolButton(this))
    , m_status(new QLabel(this))
{
    m_search->setSourceModel(m_model);
    m_search->setFilterRole(TenantListModel::SearchTextRole);
    m_search->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_badge->setObjectName(QStringLiteral("tenantBadge"));
    m_badge->setTextFormat(Qt::PlainText);

    m_combo->setObjectName(QStringLiteral("tenantCombo"));
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setModel(m_model);
    m_combo->setMinimumContentsLength(18);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setToolTip(tr("Search the tenants by id or collection name (Ctrl+T)"));
    m_combo->lineEdit()->setPlaceholderText(tr("Pick a tenant…"));
    m_combo->lineEdit()->installEventFilter(this);
    auto *delegate = new TenantItemDelegate(this);
    m_combo->setItemDelegate(delegate);

    m_completer->setModel(m_search);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionRole(Qt::DisplayRole);
    m_combo->setCompleter(m_completer);
    m_completer->popup()->setItemDelegate(delegate);

    m_refresh->setObjectName(QStringLiteral("tenantRefresh"));
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refresh->setToolTip(tr("Discover the tenants again"));
    m_refresh->setAutoRaise(true);

    m_status->setObjectName(QStringLiteral("tenantStatus"));
    m_status->setTextFormat(Qt::PlainText);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_badge);
    layout->addWidget(m_combo, 1);
    layout->addWidget(m_refresh);
    layout->addWidget(m_status);

    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_T), this);
    shortcut->setContext(Qt::WindowShortcut);
    connect(shortcut, &QShortcut::activated, this, &TenantPicker::focusSearch);

    connect(m_combo, &QComboBox::activated, this, [this](int row) {
        if (!m_showingScope)
            chooseRow(row);
    });
    connect(m_combo->lineEdit(), &QLineEdit::returnPressed, this, &TenantPicker::chooseTyped);
    connect(m_combo->lineEdit(), &QLineEdit::textEdited, this, &TenantPicker::onTextEdited);
    connect(m_refresh, &QToolButton::clicked, this, &TenantPicker::refresh);
    connect(m_discovery, &TenantDiscovery::finished, this, &TenantPicker::onDiscovered);
    connect(m_discovery, &TenantDiscovery::failed, this, &TenantPicker::onDiscoveryFailed);
    connect(m_discovery, &TenantDiscovery::progress, this, &TenantPicker::onProgress);

    if (m_session) {
        connect(m_session, &ConsoleSession::opened, this, &TenantPicker::onOpened);
        connect(m_session, &ConsoleSession::closed, this, &TenantPicker::onClosed);
        connect(m_session, &ConsoleSession::openFailed, this, &TenantPicker::onClosed);
        connect(m_session, &ConsoleSession::scopeChanged, this, &TenantPicker::onScopeChanged);
    }
    const bool open = m_session && m_session->state() == ConsoleSession::State::Open;
    m_combo->setEnabled(open);
    m_refresh->setEnabled(open);
    showScope(m_session ? m_session->scope() : TenantScope());
    if (open)
        onOpened();
    else
        setStatus(tr("Not connected"));
}

TenantPicker::~TenantPicker() = default;

QString TenantPicker::settingsKey(const QUuid &profileId)
{
    return QStringLiteral("tenantPicker/%1/lastTenant")
        .arg(profileId.toString(QUuid::WithoutBraces));
}

QString TenantPicker::badgeText() const
{
    return m_badge->text();
}

QString TenantPicker::statusText() const
{
    return m_status->text();
}

bool TenantPicker::isDiscovering() const
{
    return m_discovery->isRunning();
}

void TenantPicker::refresh()
{
    if (!m_session || m_session->state() != ConsoleSession::State::Open)
        return;
    setStatus(tr("Discovering tenants…"));
    m_discovery->start(m_session->client(), m_session->profile());
}

void TenantPicker::focusSearch()
{
    if (!m_combo->isEnabled())
        return;
    m_combo->setFocus(Qt::ShortcutFocusReason);
    m_combo->lineEdit()->selectAll();
}

void TenantPicker::onOpened()
{
    m_combo->setEnabled(true);
    m_refresh->setEnabled(true);
    // Back to the tenant chosen last time with this profile, before the list is even known:
    // the scope does not depend on discovery.
    if (m_session->scope().mode() == TenantScope::Mode::None) {
        if (const auto tenant = remembered()) {
            const auto scope = TenantScope::forProfile(m_session->profile(), *tenant);
            if (scope.ok())
                m_session->setScope(scope.value());
        }
    }
    showScope(m_session->scope());
    refresh();
}

void TenantPicker::onClosed()
{
    m_discovery->cancel();
    m_model->clear();
    m_combo->setEnabled(false);
    m_refresh->setEnabled(false);
    showScope(m_session ? m_session->scope() : TenantScope());
    setStatus(tr("Not connected"));
}

void TenantPicker::onScopeChanged(const TenantScope &scope)
{
    showScope(scope);
}

void TenantPicker::onDiscovered(const TenantDiscoveryResult &result)
{
    m_model->setDiscovery(result, m_session ? m_session->profile() : ConnectionProfile());
    // The popups keep this width whatever width the combo box and the completer give them.
    m_combo->view()->setMinimumWidth(popupWidth());
    m_completer->popup()->setMinimumWidth(popupWidth());
    if (m_session)
        showScope(m_session->scope());
    const QLocale locale;
    const qsizetype count = result.tenants.size();
    QString text = count == 1 ? tr("1 tenant") : tr("%1 tenants").arg(locale.toString(count));
    QStringList details;
    for (const TenantDiscoveryResult::KeyScan &scan : result.scans)
        details.append(tr("%1: %2").arg(scan.collection, scan.description()));
    if (!result.ambiguousCollections.isEmpty()) {
        details.append(tr("Names that read as more than one tenant's (admin only): %1")
                           .arg(result.ambiguousCollections.join(QStringLiteral(", "))));
    }
    for (const NetError &problem : result.problems)
        details.append(problem.message);
    if (result.sampled())
        text += QLatin1Char(' ') + tr("(sampled)");
    if (!result.problems.isEmpty()) {
        text += QLatin1Char(' ')
            + (result.problems.size() == 1
                    ? tr("· 1 collection unreadable")
                    : tr("· %1 collections unreadable").arg(result.problems.size()));
    }
    setStatus(text, details.join(QLatin1Char('\n')), !result.problems.isEmpty());
    emit discoveryEnded();
}

void TenantPicker::onDiscoveryFailed(const NetError &error)
{
    if (error.kind == NetError::Kind::Cancelled) {
        if (!m_session || m_session->state() != ConsoleSession::State::Open)
            setStatus(tr("Not connected"));
        return;
    }
    setStatus(tr("Tenants not found: %1").arg(error.message), error.serverMessage, true);
    emit discoveryEnded();
}

void TenantPicker::onProgress(int done, int total, qint64 sampled)
{
    if (!m_discovery->isRunning())
        return;
    const QLocale locale;
    QString text = tr("Discovering tenants… %1 of %2 collections").arg(done).arg(total);
    if (sampled > 0)
        text += QLatin1Char(' ') + tr("(%1 points sampled)").arg(locale.toString(sampled));
    setStatus(text);
}

void TenantPicker::onTextEdited(const QString &text)
{
    m_search->setFilterFixedString(text.trimmed());
    if (!text.trimmed().isEmpty())
        m_completer->complete();
}

int TenantPicker::popupWidth() const
{
    // Wide enough for the summaries under the tenants, never narrower than the combo box.
    const QAbstractItemView *view = m_combo->view();
    const int frame = 2 * view->style()->pixelMetric(QStyle::PM_DefaultFrameWidth);
    const int scrollBar = view->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const int content = view->sizeHintForColumn(0) + frame + scrollBar;
    return qMax(m_combo->width(), qMin(content, 640));
}

void TenantPicker::chooseTyped()
{
    const QString text = m_combo->lineEdit()->text().trimmed();
    if (text.isEmpty()) {
        showScope(m_session ? m_session->scope() : TenantScope());
        return;
    }
    int row = -1;
    // The row highlighted in the search's popup, if any.
    QAbstractItemView *popup = m_completer->popup();
    const QModelIndex highlighted = popup->isVisible() ? popup->currentIndex() : QModelIndex();
    if (highlighted.isValid()) {
        const auto *completion
            = qobject_cast<QAbstractProxyModel *>(m_completer->completionModel());
        const QModelIndex inSearch
            = completion ? completion->mapToSource(highlighted) : QModelIndex();
        if (inSearch.isValid())
            row = m_search->mapToSource(inSearch).row();
    }
    // Else a label typed in full, else the first tenant the search finds.
    for (int r = 0; row < 0 && r < m_model->rowCount(); ++r) {
        if (m_model->index(r).data().toString().compare(text, Qt::CaseInsensitive) == 0)
            row = r;
    }
    if (row < 0) {
        m_search->setFilterFixedString(text);
        for (int r = 0; row < 0 && r < m_search->rowCount(); ++r) {
            const QModelIndex index = m_search->mapToSource(m_search->index(r, 0));
            if (index.flags() & Qt::ItemIsEnabled)
                row = index.row();
        }
    }
    if (row < 0) {
        setStatus(tr("No tenant matches \"%1\"").arg(text), QString(), true);
        return;
    }
    popup->hide();
    chooseRow(row);
}

void TenantPicker::chooseRow(int row)
{
    if (!m_session || row < 0)
        return;
    const auto scope = m_model->scopeAt(row);
    if (!scope.ok()) {
        setStatus(scope.error().message, QString(), true);
        showScope(m_session->scope());
        return;
    }
    remember(scope.value());
    m_session->setScope(scope.value());
    // Also when the scope was already this one (setScope announces nothing then).
    showScope(m_session->scope());
    m_search->setFilterFixedString(QString());
}

void TenantPicker::showScope(const TenantScope &scope)
{
    m_showingScope = true;
    const int row = m_model->rowOfScope(scope);
    m_combo->setCurrentIndex(row);
    QString text;
    if (row >= 0)
        text = m_combo->itemText(row);
    else if (scope.mode() == TenantScope::Mode::Tenant)
        text = scope.tenantId(); // chosen before the list is known
    m_combo->setEditText(text);
    m_showingScope = false;

    m_adminShown = scope.isAdmin();
    QPalette palette = m_combo->lineEdit()->palette();
    palette.setColor(QPalette::Base, QWidget::palette().color(QPalette::Base));
    palette.setColor(QPalette::Text, QWidget::palette().color(QPalette::Text));
    switch (scope.mode()) {
    case TenantScope::Mode::AllTenants:
        m_badge->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; "
                                              "font-weight: bold; border-radius: 3px; "
                                              "padding: 2px 6px; }")
                                   .arg(kAdminBackground.name(), kAdminText.name()));
        m_badge->setToolTip(tr("Every request goes through unchanged: every tenant's points "
                               "can be read and changed."));
        palette.setColor(QPalette::Base, kAdminBackground);
        palette.setColor(QPalette::Text, kAdminText);
        break;
    case TenantScope::Mode::Tenant:
        m_badge->setStyleSheet(QStringLiteral("QLabel { border: 1px solid palette(mid); "
                                              "border-radius: 3px; padding: 1px 5px; }"));
        m_badge->setToolTip(tr("Every pane reads and writes only this tenant's points."));
        break;
    case TenantScope::Mode::None:
        m_badge->setStyleSheet(QStringLiteral("QLabel { color: palette(mid); "
                                              "font-style: italic; padding: 2px 6px; }"));
        m_badge->setToolTip(tr("Nothing is shown or sent until a tenant, or \"All tenants "
                               "(admin)\", is picked."));
        break;
    }
    m_combo->lineEdit()->setPalette(palette);
    // After the style sheet, whose padding the label's size must include.
    m_badge->setText(scope.badgeText());
}

void TenantPicker::setStatus(const QString &text, const QString &toolTip, bool error)
{
    m_status->setText(text);
    m_status->setToolTip(toolTip);
    QPalette palette = QWidget::palette();
    if (error)
        palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_status->setPalette(palette);
}

void TenantPicker::remember(const TenantScope &scope)
{
    if (!m_session || m_session->profile().id.isNull())
        return;
    QSettings settings;
    const QString key = settingsKey(m_session->profile().id);
    if (scope.mode() == TenantScope::Mode::Tenant) {
        // As JSON, so that 42 and "42" come back as what they were.
        const QByteArray json
            = QJsonDocument(QJsonArray {scope.tenantValue()}).toJson(QJsonDocument::Compact);
        settings.setValue(key, QString::fromUtf8(json));
    } else {
        // "All tenants" is chosen each time, never restored behind the user's back.
        settings.remove(key);
    }
}

std::optional<QJsonValue> TenantPicker::remembered() const
{
    if (!m_session || m_session->profile().id.isNull())
        return std::nullopt;
    const QSettings settings;
    const QString json = settings.value(settingsKey(m_session->profile().id)).toString();
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    if (array.size() != 1 || !TenantDiscoveryResult::isTenantValue(array.at(0)))
        return std::nullopt;
    return TenantDiscoveryResult::normalisedTenant(array.at(0));
}

bool TenantPicker::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_combo->lineEdit() && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        // Escape gives up the search: the picker shows the scope again.
        m_search->setFilterFixedString(QString());
        m_completer->popup()->hide();
        showScope(m_session ? m_session->scope() : TenantScope());
    }
    return QWidget::eventFilter(watched, event);
}
