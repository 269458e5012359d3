#include "newrecorddialog.h"

#include "agentmemoryschemas.h"
#include "consolesession.h"
#include "dimensioncheck.h"
#include "embedderfactory.h"
#include "freeformrecordeditor.h"
#include "inlinemessage.h"
#include "payloadpath.h"
#include "payloadvalidator.h"
#include "pointcuration.h"
#include "schemarecordform.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {

// Errors from net/ are clauses ("the embedder ... expects 64"); shown after a colon they end
// the sentence, so they get its full stop.
QString sentenceEnd(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.endsWith(u'.') || trimmed.endsWith(u'!')
        || trimmed.endsWith(u'?') || trimmed.endsWith(u')'))
        return trimmed;
    return trimmed + QLatin1Char('.');
}

QString vectorText(const QString &name, const VectorParams &params)
{
    // A vector of one dimension does not occur: "dimensions" needs no plural forms.
    const QString size
        = NewRecordDialog::tr("%1 dimensions, %2").arg(params.size).arg(params.distance);
    return name.isEmpty() ? size : name + QStringLiteral(" · ") + size;
}

} // namespace

NewRecordDialog::NewRecordDialog(ConsoleSession *session, PointCuration *curation,
    SecretStore *secrets, const QString &collection, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_curation(curation)
    , m_collection(collection)
    , m_schema(agentMemorySchemaFor(collection))
    , m_refusal(refusal(session, collection))
    , m_tenantLabel(new QLabel(this))
    , m_embedderLabel(new QLabel(this))
    , m_vectorLabel(new QLabel(this))
    , m_vectorBox(new QComboBox(this))
    , m_scroll(new QScrollArea(this))
    , m_hint(new InlineMessage(this))
    , m_message(new InlineMessage(this))
    , m_progressLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("New record · %1").arg(collection));
    if (session)
        m_scope = session->scope();
    m_hiddenKey = hiddenTenantKey();

    m_hint->setObjectName(QStringLiteral("newRecordHint"));
    m_message->setObjectName(QStringLiteral("newRecordMessage"));
    m_progressLabel->setObjectName(QStringLiteral("newRecordProgress"));
    m_saveButton->setObjectName(QStringLiteral("newRecordSave"));
    m_saveButton->setDefault(true);
    m_saveButton->setEnabled(false);
    m_cancelButton->setAutoDefault(false);
    m_progress->setRange(0, 0); // PointCuration reports no steps: a busy bar while it works
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progressLabel->fontMetrics().height());
    m_progress->hide();
    m_progressLabel->hide();

    if (m_schema) {
        m_schemaForm = new SchemaRecordForm(m_schema, m_hiddenKey, this);
        connect(m_schemaForm, &SchemaRecordForm::edited, this, &NewRecordDialog::revalidate);
        m_scroll->setWidget(m_schemaForm);
    } else {
        m_freeForm = new FreeFormRecordEditor(this);
        connect(m_freeForm, &FreeFormRecordEditor::edited, this, &NewRecordDialog::revalidate);
        m_scroll->setWidget(m_freeForm);
    }
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressLabel);
    progressRow->addWidget(m_progress, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildHeader());
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_hint);
    layout->addWidget(m_message);
    layout->addLayout(progressRow);
    layout->addLayout(buttons);

    connect(m_saveButton, &QPushButton::clicked, this, &NewRecordDialog::save);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_vectorBox, &QComboBox::currentIndexChanged, this, [this] {
        chooseVector();
        revalidate();
    });
    // Tall enough to show the whole form where the screen allows; it scrolls beyond.
    const int formHeight = m_scroll->widget()->sizeHint().height();
    const int wanted = sizeHint().height() - m_scroll->sizeHint().height() + formHeight + 12;
    const int room = screen() ? screen()->availableGeometry().height() * 9 / 10 : 760;
    resize(620, std::min(wanted, room));

    if (!m_refusal.isEmpty() || !session || !curation) {
        setupFailed(m_refusal.isEmpty() ? tr("Not connected.") : m_refusal);
        return;
    }
    connect(curation, &PointCuration::recordCreated, this, &NewRecordDialog::created);
    connect(curation, &PointCuration::failed, this, &NewRecordDialog::saveFailed);
    connect(session, &ConsoleSession::scopeChanged, this, &NewRecordDialog::scopeMoved);
    connect(session, &ConsoleSession::closed, this, &NewRecordDialog::scopeMoved);
    EmbedderFactory::create(
        session->profile(), secrets, this, [this](const Result<Embedder *> &made) {
            m_embedderPending = false;
            if (made.ok())
                embedderMade(made.value());
            else
                setupFailed(made.error().message);
        });
    session->admin().collectionInfo(collection, this, [this](const Result<CollectionInfo> &info) {
        m_infoPending = false;
        if (info.ok())
            infoRead(info.value());
        else
            setupFailed(info.error().message);
    });
    revalidate();
}

NewRecordDialog::~NewRecordDialog() = default;

QString NewRecordDialog::refusal(const ConsoleSession *session, const QString &collection)
{
    if (!session || session->state() != ConsoleSession::State::Open)
        return tr("Not connected: connect to a server first.");
    if (session->isReadOnly()) {
        return tr("Profile \"%1\" is read-only: it writes no records.")
            .arg(session->profile().name);
    }
    const TenantScope &scope = session->scope();
    if (scope.mode() == TenantScope::Mode::None)
        return tr("Choose a tenant first: a new record is saved under the current tenant.");
    if (!scope.coversCollection(collection)) {
        return tr("%1 is not in tenant %2's scope; no record can be written to it.")
            .arg(collection, scope.tenantId());
    }
    return QString();
}

QString NewRecordDialog::hiddenTenantKey() const
{
    if (!m_schema || m_scope.mode() != TenantScope::Mode::Tenant)
        return QString();
    // Only a key the scope writes itself is hidden; in the tenant's own collection the key
    // may hold the tenant's own customers, so it stays a field like any other.
    const Result<QJsonObject> stamped = m_scope.stampPayload(m_collection, QJsonObject());
    QString key = m_scope.payloadKey();
    if (!stamped.ok() || !stamped.value().contains(key) || !m_schema->field(key))
        return QString();
    return key;
}

QWidget *NewRecordDialog::buildHeader()
{
    auto *header = new QWidget(this);
    auto *form = new QFormLayout(header);
    form->setContentsMargins(0, 0, 0, 0);
    auto *collectionLabel = new QLabel(m_collection, header);
    collectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Collection:"), collectionLabel);

    m_tenantLabel->setObjectName(QStringLiteral("newRecordTenant"));
    m_tenantLabel->setWordWrap(true);
    if (m_scope.isAdmin()) {
        const QString key = m_session ? m_session->profile().tenantPayloadKey : QString();
        m_tenantText = key.isEmpty()
            ? tr("All tenants (admin): the record is saved as entered.")
            : tr("All tenants (admin): nothing is stamped; %1 is saved as you enter it.").arg(key);
    } else if (m_scope.mode() == TenantScope::Mode::Tenant) {
        const Result<QJsonObject> stamped = m_scope.stampPayload(m_collection, QJsonObject());
        m_tenantText = stamped.ok() && !stamped.value().isEmpty()
            ? tr("Saved under tenant %1 (the scope sets %2).")
                  .arg(m_scope.tenantId(), m_scope.payloadKey())
            : tr("Saved under tenant %1, in its own collection.").arg(m_scope.tenantId());
    }
    m_tenantLabel->setText(m_tenantText);
    form->addRow(tr("Tenant:"), m_tenantLabel);

    m_embedderLabel->setObjectName(QStringLiteral("newRecordEmbedder"));
    m_embedderLabel->setWordWrap(true);
    if (m_session) {
        m_embedderLabel->setText(
            tr("%1 (preparing…)").arg(EmbedderFactory::describe(m_session->profile())));
    }
    form->addRow(tr("Embedding with:"), m_embedderLabel);

    m_vectorLabel->setObjectName(QStringLiteral("newRecordVector"));
    m_vectorBox->setObjectName(QStringLiteral("newRecordVectorBox"));
    m_vectorBox->hide();
    m_vectorLabel->setText(tr("reading the collection…"));
    auto *vectorRow = new QHBoxLayout;
    vectorRow->addWidget(m_vectorLabel);
    vectorRow->addWidget(m_vectorBox, 1);
    form->addRow(tr("Vector:"), vectorRow);
    return header;
}

QJsonObject NewRecordDialog::payload() const
{
    return m_freeForm ? m_freeForm->payload() : m_schemaForm->payload();
}

QString NewRecordDialog::embeddedText() const
{
    if (m_freeForm)
        return m_freeForm->embeddedText();
    return PointCuration::embeddedText(m_collection, payload()).trimmed();
}

SchemaFormField *NewRecordDialog::field(const QString &name) const
{
    return m_schemaForm ? m_schemaForm->field(name) : nullptr;
}

QString NewRecordDialog::tenantText() const
{
    return m_tenantText;
}

QString NewRecordDialog::embedderText() const
{
    return tr("Embedding with: %1").arg(m_embedderLabel->text());
}

QString NewRecordDialog::messageText() const
{
    return m_message->text();
}

QString NewRecordDialog::hintText() const
{
    return m_hint->text();
}

void NewRecordDialog::embedderMade(Embedder *embedder)
{
    m_embedder = embedder;
    const int dimension = embedder->dimension();
    m_embedderLabel->setText(dimension > 0
            ? tr("%1 · %2 dimensions").arg(embedder->displayName()).arg(dimension)
            : embedder->displayName());
    chooseVector();
    revalidate();
}

void NewRecordDialog::infoRead(const CollectionInfo &info)
{
    m_vectors = info.vectors;
    if (m_vectors.isEmpty()) {
        setupFailed(tr("%1 has no dense vector to write a record's vector to.").arg(m_collection));
        return;
    }
    if (m_vectors.size() == 1) {
        m_vectorLabel->setText(vectorText(m_vectors.firstKey(), m_vectors.first()));
    } else {
        const QSignalBlocker quiet(m_vectorBox);
        for (auto it = m_vectors.begin(); it != m_vectors.end(); ++it)
            m_vectorBox->addItem(vectorText(it.key(), it.value()), it.key());
        m_vectorBox->setCurrentIndex(-1);
        m_vectorLabel->hide();
        m_vectorBox->show();
    }
    chooseVector();
    revalidate();
}

void NewRecordDialog::chooseVector()
{
    if (!m_embedder || m_vectors.isEmpty())
        return;
    if (m_vectors.size() == 1) {
        m_vectorName = m_vectors.firstKey();
    } else {
        if (m_vectorBox->currentIndex() < 0) {
            // First time: the vector the embedder's size fits, else the user picks.
            const std::optional<QString> fitting
                = EmbedderFactory::vectorFor(m_vectors, m_embedder->dimension());
            const QSignalBlocker quiet(m_vectorBox);
            m_vectorBox->setCurrentIndex(fitting ? m_vectorBox->findData(*fitting) : 0);
        }
        m_vectorName = m_vectorBox->currentData().toString();
    }
    const VectorTarget target {m_collection, m_vectorName, m_vectors.value(m_vectorName).size};
    const std::optional<NetError> wrong = checkEmbedderDimension(*m_embedder, target);
    m_dimensionError
        = wrong ? tr("Nothing can be saved: %1").arg(sentenceEnd(wrong->message)) : QString();
    showMessage();
}

void NewRecordDialog::setupFailed(const QString &text)
{
    m_setupError = text;
    if (!m_embedder && !m_embedderPending && m_session) {
        m_embedderLabel->setText(
            tr("%1 (unavailable)").arg(EmbedderFactory::describe(m_session->profile())));
    }
    if (m_infoPending || m_vectors.isEmpty())
        m_vectorLabel->setText(tr("unknown"));
    showMessage();
    revalidate();
}

void NewRecordDialog::showMessage()
{
    // The most lasting reason first: a dialog that cannot save says why before anything else.
    for (const QString &text : {m_setupError, m_dimensionError, m_saveError}) {
        if (!text.isEmpty()) {
            m_message->showError(text);
            return;
        }
    }
    m_message->clearMessage();
}

void NewRecordDialog::revalidate()
{
    if (m_saving)
        return;
    const QJsonObject current = payload();
    QStringList other;
    // Checked as the server will get it: with the tenant key the scope adds (or refuses).
    QJsonObject checked = current;
    if (m_scope.mode() != TenantScope::Mode::None) {
        const Result<QJsonObject> stamped = m_scope.stampPayload(m_collection, current);
        if (stamped.ok())
            checked = stamped.value();
        else
            other.append(stamped.error().message);
    }
    QList<PayloadProblem> problems = PayloadValidator::validate(checked, m_schema);
    if (!m_hiddenKey.isEmpty()) {
        // The scope's own value: not the form's to fix.
        const QString key = PayloadPath::member(QString(), m_hiddenKey);
        problems.removeIf([&key](const PayloadProblem &p) {
            return p.path == key || p.path.startsWith(key + QLatin1Char('.'))
                || p.path.startsWith(key + QLatin1Char('['));
        });
    }
    QStringList marked;
    if (m_schemaForm)
        marked = m_schemaForm->showProblems(problems, &other);
    else
        m_freeForm->setProblems(problems); // marked in the tree, and named below
    if (m_freeForm) {
        for (const PayloadProblem &p : std::as_const(problems))
            other.append(p.path.isEmpty() ? p.message : p.path + QStringLiteral(": ") + p.message);
    }

    QString hint;
    bool hintIsError = true;
    if (!marked.isEmpty()) {
        hint = tr("Fix the marked fields to save: %1.").arg(marked.join(QStringLiteral(", ")));
    } else if (!other.isEmpty()) {
        hint = other.join(QLatin1Char('\n'));
    } else if (!m_setupError.isEmpty() || !m_dimensionError.isEmpty()) {
        // The message below already says why nothing can be saved.
    } else if (embeddedText().isEmpty()) {
        hintIsError = false;
        if (m_schema) {
            hint = tr("Write %1 to save: the record's vector is computed from it.")
                       .arg(m_schema->embeddedFields.join(tr(" or ")));
        // NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage): no schema means a free form
        } else if (m_freeForm->textField().isEmpty()) {
            hint = tr("Add a text field to save: the record's vector is computed from it.");
        } else {
            hint = tr("Write the text of “%1” to save: the record's vector is computed from "
                      "it.")
                       .arg(m_freeForm->textField());
        }
    } else if (m_embedderPending || m_infoPending) {
        hintIsError = false;
        hint = tr("Preparing the embedder and reading the collection's vector size…");
    }
    if (hint.isEmpty())
        m_hint->clearMessage();
    else
        m_hint->showMessage(
            hint, hintIsError ? InlineMessage::Kind::Error : InlineMessage::Kind::Info);
    m_saveButton->setEnabled(hint.isEmpty() && m_setupError.isEmpty() && m_dimensionError.isEmpty()
        && m_embedder && !m_saving);
}

void NewRecordDialog::save()
{
    if (!m_saveButton->isEnabled() || !m_curation || !m_embedder)
        return;
    m_sentPayload = payload();
    m_saveError.clear();
    showMessage();
    setSaving(true);
    m_curation->createRecord(m_collection, m_sentPayload, embeddedText(), m_embedder, m_vectorName);
}

void NewRecordDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_scroll->setEnabled(!saving);
    m_vectorBox->setEnabled(!saving);
    m_progress->setVisible(saving);
    m_progressLabel->setVisible(saving);
    if (saving) {
        m_progressLabel->setText(tr("Embedding with %1 and saving…")
                                     .arg(m_embedder ? m_embedder->displayName() : QString()));
        m_saveButton->setEnabled(false);
    } else {
        revalidate();
    }
}

void NewRecordDialog::created(
    const QString &collection, const PointId &id, const QJsonObject &payload)
{
    if (!m_saving || collection != m_collection || payload != m_sentPayload)
        return; // another pane's record
    m_saving = false;
    m_progress->hide();
    m_progressLabel->hide();
    emit recordSaved(collection, id, payload);
    accept();
}

void NewRecordDialog::saveFailed(const QString &what, const NetError &error)
{
    // PointCuration names each request's failure by what it was doing; only ours is ours.
    const QString ours
        = QCoreApplication::translate("PointCuration", "Adding a record to %1").arg(m_collection);
    if (!m_saving || what != ours)
        return;
    QString text = error.message;
    if (!error.serverMessage.isEmpty() && !text.contains(error.serverMessage))
        text += QStringLiteral(" (") + error.serverMessage + QLatin1Char(')');
    m_saveError = tr("Nothing was saved: %1").arg(sentenceEnd(text));
    showMessage();
    setSaving(false);
}

void NewRecordDialog::scopeMoved()
{
    if (m_session && m_session->state() == ConsoleSession::State::Open
        && m_session->scope() == m_scope)
        return;
    setupFailed(tr("The connection or the tenant changed since this dialog opened, so it "
                   "saves nothing; close it and add the record again."));
}

void NewRecordDialog::setVisible(bool visible)
{
    if (visible && !isVisible()) {
        const QString why = refusal(m_session.data(), m_collection);
        if (!why.isEmpty()) {
            emit openRefused(why);
            return;
        }
    }
    QDialog::setVisible(visible);
}

int NewRecordDialog::exec()
{
    const QString why = refusal(m_session.data(), m_collection);
    if (!why.isEmpty()) {
        emit openRefused(why);
        return QDialog::Rejected;
    }
    return QDialog::exec();
}
