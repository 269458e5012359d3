#include "bulkeditdialog.h"

#include "inlinemessage.h"
#include "payloadtext.h"
#include "pointcuration.h"

#include <QButtonGroup>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

BulkEditDialog::BulkEditDialog(const ScopedPoints &points, PointCuration *curation,
    const QString &collection, const QJsonObject &filter, const QStringList &knownKeys,
    QWidget *parent)
    : QDialog(parent)
    , m_points(points)
    , m_curation(curation)
    , m_collection(collection)
    , m_filter(filter)
    , m_actions(new QButtonGroup(this))
    , m_pages(new QStackedWidget(this))
    , m_payload(nullptr)
    , m_keys(nullptr)
    , m_otherKeys(nullptr)
    , m_dryRun(new QLabel(this))
    , m_message(new InlineMessage(this))
    , m_dryRunButton(new QPushButton(tr("Count points (dry run)"), this))
    , m_applyButton(new QPushButton(tr("Apply"), this))
    , m_closeButton(new QPushButton(tr("Close"), this))
{
    setWindowTitle(tr("Bulk edit · %1").arg(collection));
    m_dryRun->setObjectName(QStringLiteral("dryRunResult"));
    m_dryRun->setWordWrap(true);
    QFont emphasis = m_dryRun->font();
    emphasis.setBold(true);
    m_dryRun->setFont(emphasis);
    m_message->setObjectName(QStringLiteral("bulkMessage"));
    m_dryRunButton->setObjectName(QStringLiteral("dryRunButton"));
    m_applyButton->setObjectName(QStringLiteral("applyButton"));

    // What the action will reach: the collection, the scope, the filter.
    auto *where = new QFormLayout;
    auto *collectionLabel = new QLabel(collection, this);
    collectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    where->addRow(tr("Collection:"), collectionLabel);
    where->addRow(tr("Scope:"), new QLabel(scopeText(), this));
    auto *filterText = new QLineEdit(this);
    filterText->setObjectName(QStringLiteral("filterText"));
    filterText->setReadOnly(true);
    filterText->setText(
        filter.isEmpty() ? tr("none: every point of %1").arg(scopeText()) : compactJson(filter));
    filterText->setCursorPosition(0);
    where->addRow(tr("Filter:"), filterText);

    auto *setButton = new QRadioButton(tr("Set keys"), this);
    auto *deleteKeysButton = new QRadioButton(tr("Delete keys"), this);
    auto *deletePointsButton = new QRadioButton(tr("Delete points"), this);
    setButton->setObjectName(QStringLiteral("setKeysAction"));
    deleteKeysButton->setObjectName(QStringLiteral("deleteKeysAction"));
    deletePointsButton->setObjectName(QStringLiteral("deletePointsAction"));
    m_actions->addButton(setButton, int(Action::SetKeys));
    m_actions->addButton(deleteKeysButton, int(Action::DeleteKeys));
    m_actions->addButton(deletePointsButton, int(Action::DeletePoints));
    setButton->setChecked(true);
    auto *actionRow = new QHBoxLayout;
    actionRow->addWidget(setButton);
    actionRow->addWidget(deleteKeysButton);
    actionRow->addWidget(deletePointsButton);
    actionRow->addStretch();

    m_pages->addWidget(buildSetPage());
    m_pages->addWidget(buildDeleteKeysPage(knownKeys));
    auto *deletePage = new QLabel(tr("Every matching point is deleted, with its vectors and "
                                     "payload. This cannot be undone."),
        this);
    deletePage->setWordWrap(true);
    deletePage->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_pages->addWidget(deletePage);

    connect(m_actions, &QButtonGroup::idClicked, this, [this](int id) { setAction(Action(id)); });
    connect(m_dryRunButton, &QPushButton::clicked, this, &BulkEditDialog::runDryRun);
    connect(m_applyButton, &QPushButton::clicked, this, &BulkEditDialog::apply);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    // Neither Apply nor the dry run may fire on Enter in the payload editor.
    m_applyButton->setAutoDefault(false);
    m_dryRunButton->setAutoDefault(false);
    m_closeButton->setAutoDefault(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_dryRunButton);
    buttons->addStretch();
    buttons->addWidget(m_applyButton);
    buttons->addWidget(m_closeButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(where);
    layout->addLayout(actionRow);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_dryRun);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    resize(540, 400);
    invalidateDryRun();
}

BulkEditDialog::~BulkEditDialog()
{
    m_call.cancel();
}

QWidget *BulkEditDialog::buildSetPage()
{
    auto *page = new QWidget(this);
    auto *hint = new QLabel(tr("A JSON object; its keys are merged into each point's payload "
                               "(set_payload: other keys stay, null clears a key)."),
        page);
    hint->setWordWrap(true);
    m_payload = new QPlainTextEdit(page);
    m_payload->setObjectName(QStringLiteral("payloadEdit"));
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setPlaceholderText(tr("{\"reviewed\": true}"));
    m_payload->setTabChangesFocus(true);
    connect(m_payload, &QPlainTextEdit::textChanged, this, &BulkEditDialog::invalidateDryRun);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(hint);
    layout->addWidget(m_payload, 1);
    return page;
}

QWidget *BulkEditDialog::buildDeleteKeysPage(const QStringList &knownKeys)
{
    auto *page = new QWidget(this);
    auto *hint = new QLabel(tr("Check the keys to remove from each matching point."), page);
    hint->setWordWrap(true);
    m_keys = new QListWidget(page);
    m_keys->setObjectName(QStringLiteral("keysList"));
    QStringList keys = knownKeys;
    keys.removeDuplicates();
    keys.sort(Qt::CaseInsensitive);
    for (const QString &key : std::as_const(keys)) {
        auto *item = new QListWidgetItem(key, m_keys);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    connect(m_keys, &QListWidget::itemChanged, this, &BulkEditDialog::invalidateDryRun);
    m_otherKeys = new QLineEdit(page);
    m_otherKeys->setObjectName(QStringLiteral("otherKeysEdit"));
    m_otherKeys->setPlaceholderText(tr("Other keys, separated by commas (metadata.source)"));
    connect(m_otherKeys, &QLineEdit::textChanged, this, &BulkEditDialog::invalidateDryRun);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(hint);
    layout->addWidget(m_keys, 1);
    layout->addWidget(m_otherKeys);
    return page;
}

void BulkEditDialog::setAction(Action action)
{
    m_action = action;
    if (QAbstractButton *button = m_actions->button(int(action)); button && !button->isChecked())
        button->setChecked(true);
    m_pages->setCurrentIndex(int(action));
    invalidateDryRun();
}

QRadioButton *BulkEditDialog::actionButton(Action action) const
{
    return qobject_cast<QRadioButton *>(m_actions->button(int(action)));
}

QString BulkEditDialog::dryRunText() const
{
    return m_dryRun->text();
}

QString BulkEditDialog::messageText() const
{
    return m_message->text();
}

QString BulkEditDialog::scopeText() const
{
    const TenantScope &scope = m_points.scope();
    if (scope.mode() == TenantScope::Mode::Tenant)
        return tr("tenant %1").arg(scope.tenantId());
    if (scope.isAdmin())
        return tr("all tenants");
    return tr("no tenant");
}

QString BulkEditDialog::pointsText(qint64 count) const
{
    return count == 1 ? tr("1 point") : tr("%1 points").arg(QLocale().toString(count));
}

QString BulkEditDialog::describe(qint64 count) const
{
    if (count == 0)
        return tr("No point of %1 matches the filter: there is nothing to change.")
            .arg(scopeText());
    switch (m_action) {
    case Action::SetKeys:
        return tr("This will change %1 of %2.").arg(pointsText(count), scopeText());
    case Action::DeleteKeys:
        return tr("This will remove %1 from %2 of %3 (where they are present).")
            .arg(m_deleteKeys.join(QStringLiteral(", ")), pointsText(count), scopeText());
    case Action::DeletePoints:
        return tr("This will delete %1 of %2.").arg(pointsText(count), scopeText());
    }
    return {};
}

QString BulkEditDialog::validationError()
{
    if (m_action == Action::SetKeys) {
        const QString text = m_payload->toPlainText();
        if (text.trimmed().isEmpty())
            return tr("Type the keys to set as a JSON object, e.g. {\"reviewed\": true}.");
        const PayloadTextParse parsed = PayloadText::parse(text);
        if (!parsed.payload)
            return tr("Line %1, column %2: %3")
                .arg(parsed.line)
                .arg(parsed.column)
                .arg(parsed.message);
        if (parsed.payload->isEmpty())
            return tr("The object has no keys: there is nothing to set.");
        const auto checked = m_points.scope().checkPayloadEdit(
            m_collection, *parsed.payload, TenantScope::PayloadEdit::Set);
        if (!checked)
            return checked.error().message;
        m_setPayload = checked.value();
        return {};
    }
    if (m_action == Action::DeleteKeys) {
        QStringList keys;
        for (int row = 0; row < m_keys->count(); ++row) {
            if (m_keys->item(row)->checkState() == Qt::Checked)
                keys.append(m_keys->item(row)->text());
        }
        for (const QString &part : m_otherKeys->text().split(QLatin1Char(','))) {
            if (!part.trimmed().isEmpty())
                keys.append(part.trimmed());
        }
        keys.removeDuplicates();
        if (keys.isEmpty())
            return tr("Check or type the keys to remove.");
        const auto checked = m_points.scope().checkPayloadKeyDeletion(m_collection, keys);
        if (!checked)
            return checked.error().message;
        m_deleteKeys = checked.value();
        return {};
    }
    return {};
}

void BulkEditDialog::invalidateDryRun()
{
    // Whatever the dry run counted was for other input: Apply must wait for a new one. A
    // write already sent is not cancelled: the server may have applied it anyway.
    if (m_writing)
        return;
    m_call.cancel();
    m_dryRunCount = -1;
    m_dryRun->setText(tr("Run the dry run to see how many points this touches; Apply waits "
                         "for it."));
    if (m_busy)
        setBusy(false);
    refreshButtons();
}

void BulkEditDialog::runDryRun()
{
    m_message->clearMessage();
    const QString problem = validationError();
    if (!problem.isEmpty()) {
        m_message->showError(problem);
        return;
    }
    CountRequest request;
    request.filter = m_filter;
    setBusy(true);
    m_dryRun->setText(tr("Counting…"));
    m_call = m_points.count(m_collection, request, this, [this](const Result<qint64> &count) {
        setBusy(false);
        if (!count.ok()) {
            m_dryRun->setText(QString());
            m_message->showError(tr("The dry run failed: %1").arg(count.error().message));
            return;
        }
        m_dryRunCount = count.value();
        m_dryRun->setText(describe(m_dryRunCount));
        refreshButtons();
        emit dryRunFinished(m_dryRunCount);
    });
}

void BulkEditDialog::apply()
{
    if (m_busy || m_dryRunCount <= 0)
        return;
    m_message->clearMessage();
    if (m_action == Action::SetKeys) {
        recountThenWrite();
        return;
    }
    const QString what = m_action == Action::DeletePoints
        ? tr("Delete %1 of %2 from %3?").arg(pointsText(m_dryRunCount), scopeText(), m_collection)
        : tr("Remove %1 from %2 of %3 in %4?")
              .arg(m_deleteKeys.join(QStringLiteral(", ")), pointsText(m_dryRunCount), scopeText(),
                  m_collection);
    auto *box
        = new QMessageBox(QMessageBox::Warning, windowTitle(), what, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("bulkConfirmation"));
    box->setInformativeText(tr("This cannot be undone."));
    QPushButton *confirm
        = box->addButton(m_action == Action::DeletePoints ? tr("Delete points") : tr("Remove keys"),
            QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmBulkButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    const Action action = m_action;
    const qint64 counted = m_dryRunCount;
    connect(box, &QMessageBox::finished, this, [this, box, confirm, action, counted] {
        m_confirmation = nullptr;
        // Only what was confirmed: the same action and the same dry run.
        if (box->clickedButton() == confirm && action == m_action && counted == m_dryRunCount)
            recountThenWrite();
    });
    box->open();
}

void BulkEditDialog::recountThenWrite()
{
    // The filter may match other points by now (another client, another tab): count right
    // before writing and only write what the user saw.
    CountRequest request;
    request.filter = m_filter;
    setBusy(true);
    m_call = m_points.count(m_collection, request, this, [this](const Result<qint64> &count) {
        if (!count.ok()) {
            setBusy(false);
            m_message->showError(
                tr("Nothing was changed: counting again failed: %1").arg(count.error().message));
            return;
        }
        if (count.value() != m_dryRunCount) {
            setBusy(false);
            m_dryRunCount = count.value();
            m_dryRun->setText(describe(m_dryRunCount));
            m_message->showError(tr("Nothing was changed: the number of matching points "
                                    "changed since the dry run. Check it and apply again."));
            refreshButtons();
            return;
        }
        write(count.value());
    });
}

void BulkEditDialog::write(qint64 count)
{
    const Action action = m_action;
    m_writing = true;
    auto done = [this, action, count](const Result<UpdateResult> &result) {
        m_writing = false;
        setBusy(false);
        if (!result.ok()) {
            m_message->showError(tr("Nothing was changed: %1").arg(result.error().message));
            return;
        }
        QString text;
        if (action == Action::SetKeys)
            text = tr("Set the keys on %1 of %2.").arg(pointsText(count), scopeText());
        else if (action == Action::DeleteKeys)
            text = tr("Removed the keys from %1 of %2.").arg(pointsText(count), scopeText());
        else
            text = tr("Deleted %1 of %2.").arg(pointsText(count), scopeText());
        invalidateDryRun();
        m_message->showSuccess(text);
        emit applied(action, count);
    };
    if (!m_curation) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("the console is closing");
        done(Result<UpdateResult>(error));
        return;
    }
    if (action == Action::SetKeys)
        m_call = m_curation->setPayloadWhere(m_collection, m_filter, m_setPayload, this, done);
    else if (action == Action::DeleteKeys)
        m_call = m_curation->deletePayloadKeysWhere(
            m_collection, m_filter, m_deleteKeys, this, done);
    else
        m_call = m_curation->deletePointsWhere(m_collection, m_filter, this, done);
}

void BulkEditDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_pages->setEnabled(!busy);
    for (QAbstractButton *button : m_actions->buttons())
        button->setEnabled(!busy);
    refreshButtons();
}

void BulkEditDialog::refreshButtons()
{
    const bool readOnly = m_points.isReadOnly();
    m_dryRunButton->setEnabled(!m_busy);
    m_applyButton->setEnabled(!m_busy && !readOnly && m_dryRunCount > 0);
    m_applyButton->setToolTip(readOnly ? tr("This profile is read-only.")
                                       : tr("Available after a dry run that finds points."));
}
