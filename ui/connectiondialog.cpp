#include "connectiondialog.h"

#include "connectiontester.h"
#include "profilecolours.h"
#include "profileeditor.h"
#include "profilelistdelegate.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int IdRole = ProfileListDelegate::UnsavedRole + 1;

void tint(QLabel *label, const QColor &colour)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}

} // namespace

ConnectionDialog::ConnectionDialog(
    ConnectionProfileStore *profiles, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_drafts(new ProfileDrafts(profiles, secrets, this))
    , m_tester(new ConnectionTester(this))
{
    setWindowTitle(tr("Connections"));
    buildUi();
    tintMessages();

    connect(m_tester, &ConnectionTester::succeeded, this, &ConnectionDialog::onTestSucceeded);
    connect(m_tester, &ConnectionTester::failed, this, [this](const QString &message) {
        showTestResult(message, Tone::Error);
        emit connectionTested(false);
    });
    connect(m_drafts, &ProfileDrafts::keysLoaded, this, &ConnectionDialog::onKeysLoaded);
    connect(m_drafts, &ProfileDrafts::keychainUnavailable, this,
        &ConnectionDialog::setKeychainUnavailable);
    connect(m_drafts, &ProfileDrafts::keychainError, this,
        [this](const QString &message) { showStatus(message, true); });

    refreshList();
    if (!m_drafts->drafts().isEmpty())
        showDraft(m_drafts->drafts().constFirst().id());
    refreshButtons();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::buildUi()
{
    m_keychainBanner = new QLabel(this);
    m_keychainBanner->setObjectName(QStringLiteral("keychainBanner"));
    m_keychainBanner->setWordWrap(true);
    m_keychainBanner->setTextFormat(Qt::PlainText);
    m_keychainBanner->setFrameShape(QFrame::StyledPanel);
    m_keychainBanner->setMargin(6);
    m_keychainBanner->setAutoFillBackground(true);
    m_keychainBanner->hide();

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setItemDelegate(new ProfileListDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumWidth(230);
    m_new = new QPushButton(tr("&New"), this);
    m_new->setObjectName(QStringLiteral("newButton"));
    m_new->setToolTip(tr("New profile (%1)")
                          .arg(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));
    m_duplicate = new QPushButton(tr("D&uplicate"), this);
    m_duplicate->setObjectName(QStringLiteral("duplicateButton"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    for (QPushButton *button : {m_new, m_duplicate, m_delete})
        button->setAutoDefault(false);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_delete);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    m_editor = new ProfileEditor(this);
    m_editor->setObjectName(QStringLiteral("profileEditor"));

    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(QStringLiteral("testButton"));
    m_test->setAutoDefault(false);
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_editor, 1);
    right->addLayout(testRow);

    auto *panes = new QHBoxLayout;
    panes->addLayout(left, 0);
    panes->addLayout(right, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    m_save = new QPushButton(tr("&Save"), this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setAutoDefault(false);
    m_cancel = new QPushButton(tr("Close"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAutoDefault(false);
    m_connect = new QPushButton(tr("&Connect"), this);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_connect);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_keychainBanner);
    layout->addLayout(panes, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(940, 720);

    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionDialog::onSelectionChanged);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &ConnectionDialog::connectToProfile);
    connect(m_new, &QPushButton::clicked, this, &ConnectionDialog::newProfile);
    connect(m_duplicate, &QPushButton::clicked, this, &ConnectionDialog::duplicateProfile);
    connect(m_delete, &QPushButton::clicked, this, &ConnectionDialog::deleteProfile);
    connect(m_editor, &ProfileEditor::edited, this, &ConnectionDialog::onEdited);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_save, &QPushButton::clicked, this, &ConnectionDialog::saveProfile);
    connect(m_cancel, &QPushButton::clicked, this, &ConnectionDialog::reject);
    connect(m_connect, &QPushButton::clicked, this, &ConnectionDialog::connectToProfile);

    // Delete only in the list: in a text field the key deletes text.
    auto *remove
        = new QShortcut(QKeySequence::Delete, m_list, nullptr, nullptr, Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &ConnectionDialog::deleteProfile);
    auto *create = new QShortcut(QKeySequence::New, this);
    connect(create, &QShortcut::activated, this, &ConnectionDialog::newProfile);
    auto *save = new QShortcut(QKeySequence::Save, this);
    connect(save, &QShortcut::activated, this, &ConnectionDialog::saveProfile);
}

void ConnectionDialog::refreshList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (int row = 0; row < m_drafts->drafts().size(); ++row) {
        m_list->addItem(new QListWidgetItem);
        updateItem(row);
    }
    m_list->setCurrentRow(m_drafts->indexOf(m_shown));
}

void ConnectionDialog::updateItem(int row)
{
    QListWidgetItem *item = m_list->item(row);
    if (!item || row < 0 || row >= m_drafts->drafts().size())
        return;
    const ProfileDrafts::Draft &d = m_drafts->drafts().at(row);
    const ConnectionProfile &p = d.draft;
    QString detail = p.embedded ? tr("embedded memory-store") : p.url.toDisplayString();
    if (!d.stored && !d.offeredDefault)
        detail = tr("not saved — %1").arg(detail);
    else if (d.isDirty())
        detail = tr("edited — %1").arg(detail);
    item->setText(p.name.isEmpty() ? tr("(no name)") : p.name);
    item->setData(ProfileListDelegate::ColourRole, p.colour);
    item->setData(ProfileListDelegate::DetailRole, detail);
    item->setData(ProfileListDelegate::ReadOnlyRole, p.readOnly);
    item->setData(ProfileListDelegate::UnsavedRole, d.isDirty());
    item->setData(IdRole, p.id);
    item->setToolTip(p.readOnly ? tr("%1 (read-only)").arg(detail) : detail);
}

void ConnectionDialog::refreshButtons()
{
    const ProfileDrafts::Draft *d = current();
    const bool ready = d && d->keysLoaded && !m_busy;
    const bool valid = d && m_editor->isValid();
    m_editor->setEnabled(d != nullptr);
    m_new->setEnabled(!m_busy);
    m_duplicate->setEnabled(ready);
    m_delete->setEnabled(d && !d->offeredDefault && !m_busy);
    m_save->setEnabled(ready && valid && d->isDirty());
    m_test->setEnabled(ready);
    m_connect->setEnabled(ready && valid);
}

const ProfileDrafts::Draft *ConnectionDialog::current() const
{
    return m_drafts->find(m_shown);
}

void ConnectionDialog::selectProfile(const QUuid &id)
{
    if (m_drafts->indexOf(id) >= 0)
        showDraft(id);
}

void ConnectionDialog::onSelectionChanged()
{
    const QListWidgetItem *item = m_list->currentItem();
    const QUuid id = item ? item->data(IdRole).toUuid() : QUuid();
    if (!id.isNull() && id != m_shown)
        showDraft(id);
}

void ConnectionDialog::showDraft(const QUuid &id)
{
    const ProfileDrafts::Draft *d = m_drafts->find(id);
    if (!d)
        return;
    m_shown = id;
    const int row = m_drafts->indexOf(id);
    if (m_list->currentRow() != row) {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(row);
    }
    // A test result belongs to the profile it was run for.
    m_tester->cancel();
    showTestResult(QString(), Tone::Neutral);
    m_editor->setProfile(d->draft);
    m_editor->setKeychainAvailable(m_drafts->isKeychainAvailable());
    if (d->keysLoaded) {
        m_editor->setKeys(
            d->savedApiKey, d->apiKeyLocation, d->savedEmbedderKey, d->embedderKeyLocation);
        m_editor->setKeyTexts(d->apiKey, d->embedderKey);
        m_editor->setSessionOnly(d->sessionOnly);
    } else {
        m_editor->setKeysLoading();
        m_drafts->loadKeys(id);
    }
    refreshButtons();
}

void ConnectionDialog::onKeysLoaded(const QUuid &id)
{
    if (id == m_shown)
        showDraft(id);
    else
        refreshButtons();
}

void ConnectionDialog::onEdited()
{
    if (!current())
        return;
    m_drafts->edit(m_shown, m_editor->profile());
    if (m_editor->keysLoaded()) {
        m_drafts->editKeys(
            m_shown, m_editor->apiKey(), m_editor->embedderKey(), m_editor->isSessionOnly());
    }
    updateItem(m_drafts->indexOf(m_shown));
    showStatus(QString(), false);
    refreshButtons();
}

void ConnectionDialog::addDraft(const ConnectionProfile &profile, const QString &apiKey,
    const QString &embedderKey, bool sessionOnly)
{
    m_drafts->add(profile, apiKey, embedderKey, sessionOnly);
    m_shown = profile.id;
    refreshList();
    showDraft(profile.id);
    m_editor->focusName();
    showStatus(QString(), false);
}

QString ConnectionDialog::uniqueName(const QString &base) const
{
    const auto taken = [this](const QString &name) {
        const auto &drafts = m_drafts->drafts();
        return std::any_of(drafts.cbegin(), drafts.cend(), [&name](const auto &d) {
            return d.draft.name.compare(name, Qt::CaseInsensitive) == 0;
        });
    };
    QString name = base;
    for (int n = 2; taken(name); ++n)
        name = tr("%1 %2").arg(base).arg(n);
    return name;
}

void ConnectionDialog::newProfile()
{
    if (m_busy)
        return;
    addDraft(ConnectionProfile::create(
                 uniqueName(tr("New connection")), QUrl(QStringLiteral("http://localhost:6333"))),
        QString(), QString(), false);
}

void ConnectionDialog::duplicateProfile()
{
    const ProfileDrafts::Draft *source = current();
    if (!source || !source->keysLoaded || m_busy)
        return;
    ConnectionProfile copy = source->draft;
    copy.id = QUuid::createUuid();
    if (copy.embedded) {
        // A copy of the embedded profile is an ordinary one, aimed where the store listens.
        copy.embedded = false;
        copy.url = m_embeddedUrl;
    }
    copy.name = uniqueName(tr("%1 (copy)").arg(source->draft.name));
    addDraft(copy, source->apiKey, source->embedderKey, source->sessionOnly);
}

void ConnectionDialog::saveProfile()
{
    saveShown([](bool) {});
}

void ConnectionDialog::saveShown(std::function<void(bool)> then)
{
    const ProfileDrafts::Draft *d = current();
    if (!d || m_busy) {
        then(false);
        return;
    }
    const QStringList problems = m_editor->problems();
    if (!problems.isEmpty()) {
        showStatus(tr("Not saved: %1").arg(problems.join(u' ')), true);
        then(false);
        return;
    }
    m_busy = true;
    refreshButtons();
    const QUuid id = m_shown;
    const QString name = d->draft.name;
    m_drafts->save(id, [this, id, name, then = std::move(then)](const Result<bool> &result) {
        m_busy = false;
        refreshList();
        if (id == m_shown)
            showDraft(id); // the key notes now say where the keys went
        if (!result.ok()) {
            // The profile goes first, so a keychain failure means it is saved without its key.
            const bool keyFailed =
                SecretStore::failureOf(result.error()) != SecretStore::Failure::None;
            showStatus(keyFailed ? tr("The profile was saved, but its key was not: %1")
                                       .arg(result.error().message)
                                 : tr("Not saved: %1").arg(result.error().message),
                       true);
            refreshButtons();
            then(false);
            return;
        }
        showStatus(tr("Saved \"%1\".").arg(name), false);
        refreshButtons();
        emit profileSaved(id);
        then(true);
    });
}

void ConnectionDialog::deleteProfile()
{
    const ProfileDrafts::Draft *d = current();
    if (!d || d->offeredDefault || m_busy)
        return;
    // The one modal question this dialog asks: deleting cannot be undone. open(), not exec():
    // no nested event loop.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete connection profile"),
        tr("Delete the connection profile \"%1\"?").arg(d->draft.name), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setInformativeText(tr("Its API key and embedder key are deleted from the keychain too. "
                               "This cannot be undone."));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QUuid id = m_shown;
    connect(box, &QMessageBox::finished, this, [this, box, remove, id] {
        if (box->clickedButton() == remove && id == m_shown)
            removeShown();
    });
    box->open();
}

void ConnectionDialog::removeShown()
{
    const ProfileDrafts::Draft *d = current();
    if (!d)
        return;
    const QUuid id = m_shown;
    const QString name = d->draft.name;
    const int row = m_drafts->indexOf(id);
    const Result<bool> removed = m_drafts->remove(id);
    if (!removed.ok()) {
        showStatus(tr("Not deleted: %1").arg(removed.error().message), true);
        return;
    }
    const auto &drafts = m_drafts->drafts();
    m_shown = drafts.isEmpty() ? QUuid() : drafts.at(qBound(0, row, int(drafts.size()) - 1)).id();
    refreshList();
    showDraft(m_shown);
    refreshButtons();
    showStatus(tr("Deleted \"%1\".").arg(name), false);
    emit profileDeleted(id);
}

void ConnectionDialog::testConnection()
{
    const ProfileDrafts::Draft *d = current();
    if (!d || !m_editor->keysLoaded())
        return;
    const ConnectionProfile p = m_editor->profile();
    const QUrl url = p.embedded ? m_embeddedUrl : p.url;
    if (p.embedded && url.isEmpty()) {
        showTestResult(tr("The embedded memory-store is started by the console; it can be "
                          "tested once the console runs it."),
            Tone::Error);
        emit connectionTested(false);
        return;
    }
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https")) {
        showTestResult(
            tr("Enter a server URL that starts with http:// or https:// first."), Tone::Error);
        emit connectionTested(false);
        return;
    }
    showTestResult(tr("Testing %1…").arg(url.toDisplayString()), Tone::Neutral);
    m_tester->start(url, m_editor->apiKey(), p.tlsIgnoreErrors, m_testTimeoutMs,
                    p.caCertificatePath);
}

void ConnectionDialog::onTestSucceeded(const ServerVersion &server, int collectionCount)
{
    const QString title = server.title.isEmpty() ? tr("a Qdrant server") : server.title;
    // Spelled out rather than "%n collection(s)": without a translation file Qt does not
    // pick English plurals.
    const QString collections
        = collectionCount == 1 ? tr("1 collection") : tr("%1 collections").arg(collectionCount);
    showTestResult(tr("Connected to %1, version %2: %3.").arg(title, server.version, collections),
        Tone::Success);
    emit connectionTested(true);
}

void ConnectionDialog::connectToProfile()
{
    const ProfileDrafts::Draft *d = current();
    if (!d || !d->keysLoaded || m_busy)
        return;
    const QUuid id = m_shown;
    auto accept = [this, id] {
        const ProfileDrafts::Draft *chosen = m_drafts->find(id);
        if (!chosen)
            return;
        m_chosen = chosen->saved;
        m_chosenApiKey = chosen->apiKey;
        m_chosenEmbedderKey = chosen->embedderKey;
        m_discardConfirmed = true; // what is left unsaved was seen and left so
        QDialog::accept();
    };
    if (!d->isDirty()) {
        accept();
        return;
    }
    saveShown([accept](bool saved) {
        if (saved)
            accept();
    });
}

void ConnectionDialog::reject()
{
    const int unsaved = m_drafts->dirtyCount();
    if (unsaved == 0 || m_discardConfirmed) {
        QDialog::reject();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
        tr("Discard the changes to %n profile(s)?", nullptr, unsaved), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("discardConfirmation"));
    QPushButton *discard = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, discard] {
        if (box->clickedButton() != discard)
            return;
        m_discardConfirmed = true;
        QDialog::reject();
    });
    box->open();
}

void ConnectionDialog::setEmbeddedServerUrl(const QUrl &url)
{
    m_embeddedUrl = url;
}

void ConnectionDialog::setKeychainUnavailable(const QString &why)
{
    m_keychainBanner->setText(why);
    m_keychainBanner->show();
    m_editor->setKeychainAvailable(false);
}

QString ConnectionDialog::keychainNotice() const
{
    return m_keychainBanner->isHidden() ? QString() : m_keychainBanner->text();
}

QString ConnectionDialog::testResultText() const
{
    return m_testResult->text();
}

QString ConnectionDialog::statusText() const
{
    return m_status->text();
}

void ConnectionDialog::showTestResult(const QString &text, Tone tone)
{
    m_testTone = tone;
    m_testResult->setText(text);
    tintMessages();
}

void ConnectionDialog::showStatus(const QString &text, bool error)
{
    m_statusIsError = error;
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    tintMessages();
}

void ConnectionDialog::tintMessages()
{
    const QPalette &p = palette();
    QPalette notice = m_keychainBanner->palette();
    notice.setColor(QPalette::Window, ProfileColours::noticeBackground(p));
    notice.setColor(QPalette::WindowText, ProfileColours::noticeText(p));
    m_keychainBanner->setPalette(notice);
    const QColor testColour = m_testTone == Tone::Error ? ProfileColours::errorText(p)
        : m_testTone == Tone::Success                   ? ProfileColours::successText(p)
                                                        : p.color(QPalette::WindowText);
    tint(m_testResult, testColour);
    tint(m_status, m_statusIsError ? ProfileColours::errorText(p) : p.color(QPalette::WindowText));
}

void ConnectionDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        tintMessages();
}
