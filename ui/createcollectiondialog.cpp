#include "createcollectiondialog.h"

#include "collectionpattern.h"
#include "collectiontemplatejob.h"
#include "consolesession.h"
#include "inlinemessage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

constexpr int kMaxVectorSize = 65536;
enum VectorColumn { VectorName, VectorSize, VectorDistance };

const char *const kTemplateTypes[] = {"cost_optimization_knowledge", "performance_patterns",
                                      "customer_context"};

} // namespace

CreateCollectionDialog::CreateCollectionDialog(ConsoleSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_job(new CollectionTemplateJob(this))
{
    setObjectName(QStringLiteral("createCollectionDialog"));
    setWindowTitle(tr("New collection"));
    buildUi();

    connect(m_job, &CollectionTemplateJob::progressed, this,
            [this](int done, int total, const QString &step) {
                m_progress->setRange(0, total);
                m_progress->setValue(done);
                m_step->setText(step);
            });
    connect(m_job, &CollectionTemplateJob::created, this, [this](const QString &name) {
        setBusy(false);
        emit collectionCreated(name);
        accept();
    });
    connect(m_job, &CollectionTemplateJob::failed, this,
            [this](const NetError &error, bool made) {
                m_createdWithErrors = made;
                m_jobError = error.message;
                setBusy(false);
                if (made)
                    emit collectionCreated(m_name->text().trimmed());
                refresh();
            });
    setSource(CostTemplate);
}

CreateCollectionDialog::~CreateCollectionDialog() = default;

void CreateCollectionDialog::buildUi()
{
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("sourceBox"));
    m_source->addItem(tr("Template: cost optimisation knowledge"));
    m_source->addItem(tr("Template: performance patterns"));
    m_source->addItem(tr("Template: customer context"));
    m_source->addItem(tr("From scratch"));

    m_tenant = new QLineEdit(this);
    m_tenant->setObjectName(QStringLiteral("tenantEdit"));
    m_tenantNote = new QLabel(this);
    m_tenantNote->setWordWrap(true);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Collection name"));

    m_templatePage = buildTemplatePage();
    m_scratchPage = buildScratchPage();

    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("previewText"));
    m_preview->setReadOnly(true);
    m_preview->setMinimumHeight(150);
    m_preview->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_message = new InlineMessage(this);
    m_message->setObjectName(QStringLiteral("createMessage"));
    m_step = new QLabel(this);
    m_step->setObjectName(QStringLiteral("createStep"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("createProgress"));
    m_step->hide();
    m_progress->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_create, &QPushButton::clicked, this, &CreateCollectionDialog::create);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Start from:"), m_source);
    form->addRow(tr("Tenant:"), m_tenant);
    form->addRow(QString(), m_tenantNote);
    form->addRow(tr("Name:"), m_name);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_templatePage);
    layout->addWidget(m_scratchPage);
    layout->addWidget(new QLabel(tr("What will be created:"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_step);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(560, 600);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_jobError.clear();
        showPage(index == FromScratch ? 1 : 0);
        proposeName();
        refresh();
    });
    connect(m_tenant, &QLineEdit::textEdited, this, [this] {
        proposeName();
        refresh();
    });
    connect(m_name, &QLineEdit::textChanged, this, &CreateCollectionDialog::refresh);
    // After a failure, an edit is a new start; after a partial creation, a new name is.
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_jobError.clear();
        m_createdWithErrors = false;
        refresh();
    });
}

QWidget *CreateCollectionDialog::buildTemplatePage()
{
    auto *page = new QWidget(this);
    m_templateSize = new QSpinBox(page);
    m_templateSize->setObjectName(QStringLiteral("templateSize"));
    m_templateSize->setRange(1, kMaxVectorSize);
    m_templateNote = new QLabel(page);
    m_templateNote->setWordWrap(true);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Vector size:"), m_templateSize);
    form->addRow(tr("Distance:"), new QLabel(tr("Cosine"), page));
    form->addRow(QString(), m_templateNote);
    connect(m_templateSize, &QSpinBox::valueChanged, this, &CreateCollectionDialog::refresh);
    return page;
}

QWidget *CreateCollectionDialog::buildScratchPage()
{
    auto *page = new QWidget(this);
    m_vectors = new QTableWidget(0, 3, page);
    m_vectors->setObjectName(QStringLiteral("vectorTable"));
    m_vectors->setHorizontalHeaderLabels({tr("Vector name"), tr("Size"), tr("Distance")});
    m_vectors->horizontalHeader()->setSectionResizeMode(VectorName, QHeaderView::Stretch);
    m_vectors->verticalHeader()->hide();
    m_vectors->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_vectors->setMinimumHeight(110);
    m_addVector = new QPushButton(tr("Add vector"), page);
    m_addVector->setObjectName(QStringLiteral("addVectorButton"));
    m_removeVector = new QPushButton(tr("Remove vector"), page);
    m_removeVector->setObjectName(QStringLiteral("removeVectorButton"));
    auto *hint = new QLabel(tr("Leave the name empty for one unnamed vector; name every "
                               "vector to have several."), page);
    hint->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(hint, 1);
    buttons->addWidget(m_addVector);
    buttons->addWidget(m_removeVector);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_vectors);
    layout->addLayout(buttons);

    const int size = m_session ? m_session->profile().embedderDimensions
                               : ConnectionProfile::DefaultDimensions;
    addVectorRow(QString(), size, QStringLiteral("Cosine"));
    connect(m_addVector, &QPushButton::clicked, this, [this] {
        // A second vector means named vectors: give the first one a name if it has none.
        if (m_vectors->rowCount() == 1 && m_vectors->item(0, VectorName)->text().isEmpty())
            m_vectors->item(0, VectorName)->setText(QStringLiteral("text"));
        addVectorRow(QStringLiteral("vector%1").arg(m_vectors->rowCount() + 1), 512,
                     QStringLiteral("Cosine"));
        refresh();
    });
    connect(m_removeVector, &QPushButton::clicked, this, [this] {
        const int row = m_vectors->currentRow();
        if (row >= 0 && m_vectors->rowCount() > 1) {
            m_vectors->removeRow(row);
            refresh();
        }
    });
    connect(m_vectors, &QTableWidget::itemChanged, this, &CreateCollectionDialog::refresh);
    return page;
}

void CreateCollectionDialog::addVectorRow(const QString &name, int size, const QString &distance)
{
    // No itemChanged (and so no refresh) while the row is half made.
    const QSignalBlocker quiet(m_vectors);
    const int row = m_vectors->rowCount();
    m_vectors->insertRow(row);
    m_vectors->setItem(row, VectorName, new QTableWidgetItem(name));
    auto *spin = new QSpinBox(m_vectors);
    spin->setRange(1, kMaxVectorSize);
    spin->setValue(size);
    spin->setFrame(false);
    m_vectors->setCellWidget(row, VectorSize, spin);
    auto *combo = new QComboBox(m_vectors);
    combo->addItems(CollectionTemplate::distances());
    combo->setCurrentText(distance);
    combo->setFrame(false);
    m_vectors->setCellWidget(row, VectorDistance, combo);
    connect(spin, &QSpinBox::valueChanged, this, &CreateCollectionDialog::refresh);
    connect(combo, &QComboBox::currentIndexChanged, this, &CreateCollectionDialog::refresh);
}

QMap<QString, VectorParams> CreateCollectionDialog::scratchVectors(QString *duplicate) const
{
    QMap<QString, VectorParams> vectors;
    for (int row = 0; row < m_vectors->rowCount(); ++row) {
        const QTableWidgetItem *item = m_vectors->item(row, VectorName);
        const QString name = item ? item->text().trimmed() : QString();
        if (vectors.contains(name) && duplicate && duplicate->isNull())
            *duplicate = name;
        const auto *spin = qobject_cast<QSpinBox *>(m_vectors->cellWidget(row, VectorSize));
        const auto *combo = qobject_cast<QComboBox *>(m_vectors->cellWidget(row, VectorDistance));
        if (!spin || !combo)
            continue;
        vectors.insert(name, VectorParams{spin->value(), combo->currentText()});
    }
    return vectors;
}

void CreateCollectionDialog::setSource(Source source)
{
    m_source->setCurrentIndex(source);
    showPage(source == FromScratch ? 1 : 0);
    proposeName();
    refresh();
}

CreateCollectionDialog::Source CreateCollectionDialog::source() const
{
    return Source(m_source->currentIndex());
}

const AgentMemorySchema *CreateCollectionDialog::chosenSchema() const
{
    const int index = m_source->currentIndex();
    if (index < CostTemplate || index > CustomerTemplate)
        return nullptr;
    const QString type = QString::fromLatin1(kTemplateTypes[index]);
    for (const AgentMemorySchema &schema : agentMemorySchemas()) {
        if (schema.collectionType == type)
            return &schema;
    }
    return nullptr;
}

void CreateCollectionDialog::proposeName()
{
    if (!m_session)
        return;
    const TenantScope &scope = m_session->scope();
    const AgentMemorySchema *schema = chosenSchema();
    const bool tenantScope = scope.mode() == TenantScope::Mode::Tenant;
    const Result<CollectionPattern> pattern =
        CollectionPattern::parse(m_session->profile().collectionPattern);
    const bool canPrefix = !tenantScope && pattern.ok() && !pattern.value().isEmpty()
        && pattern.value().hasType();

    // The tenant row: the chosen tenant (fixed), an optional prefix, or nothing to offer.
    if (tenantScope) {
        m_tenant->setText(scope.tenantId());
        m_tenant->setReadOnly(true);
        m_tenant->setEnabled(true);
        m_tenantNote->setText(scope.collectionPattern().isEmpty()
                                  ? tr("The chosen tenant. Its collections are shared ones "
                                       "here: switch to All tenants (admin) to create one.")
                                  : tr("The chosen tenant: its collections are named %1.")
                                        .arg(scope.collectionPattern().text()));
    } else {
        m_tenant->setReadOnly(!canPrefix);
        m_tenant->setEnabled(canPrefix && schema);
        if (!schema)
            m_tenantNote->setText(tr("From scratch: type the collection's full name."));
        else if (canPrefix)
            m_tenantNote->setText(tr("Optional: a tenant id names the collection %1.")
                                      .arg(pattern.value().text()));
        else
            m_tenantNote->setText(tr("The profile has no collection pattern with {type} to "
                                     "prefix names with."));
    }
    if (!schema)
        return; // from scratch: the name is the user's
    if (tenantScope && scope.collectionPattern().hasType()) {
        const Result<QString> own = scope.collectionForType(schema->collectionType);
        m_name->setText(own.ok() ? own.value() : schema->collectionType);
        return;
    }
    const QString tenant = m_tenant->text().trimmed();
    if (canPrefix && !tenant.isEmpty()) {
        const Result<QString> prefixed = pattern.value().format(tenant, schema->collectionType);
        // A tenant id the pattern cannot hold leaves the name as it is; refresh() says why.
        if (prefixed.ok())
            m_name->setText(prefixed.value());
        return;
    }
    m_name->setText(schema->collectionType);
}

Result<CollectionTemplate> CreateCollectionDialog::plan() const
{
    if (const AgentMemorySchema *schema = chosenSchema())
        return CollectionTemplate::fromSchema(*schema, m_templateSize->value());
    QString duplicate;
    const QMap<QString, VectorParams> vectors = scratchVectors(&duplicate);
    // cppcheck-suppress knownConditionTrueFalse ; scratchVectors() sets it through the pointer
    if (!duplicate.isNull()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = duplicate.isEmpty()
            ? tr("Only one vector can be unnamed.")
            : tr("Two vectors are named \"%1\": each needs a name of its own.").arg(duplicate);
        return error;
    }
    return CollectionTemplate::fromVectors(vectors);
}

QString CreateCollectionDialog::collectionName() const
{
    return m_name->text().trimmed();
}

void CreateCollectionDialog::refresh()
{
    if (const AgentMemorySchema *schema = chosenSchema()) {
        if (m_templateSize->property("schema").toString() != schema->collectionType) {
            m_templateSize->setProperty("schema", schema->collectionType);
            m_templateSize->setValue(schema->vectorSize);
        }
        const int embedder = m_session ? m_session->profile().embedderDimensions : 0;
        m_templateNote->setText(embedder > 0 && embedder != m_templateSize->value()
                                    ? tr("The profile's embedder makes %1-dimensional "
                                         "vectors: new records could not be embedded into "
                                         "this collection.").arg(embedder)
                                    : tr("%1 dimensions: OpenAI text-embedding-3-small.")
                                          .arg(m_templateSize->value()));
    }
    m_removeVector->setEnabled(m_vectors->rowCount() > 1);

    QStringList problems;
    const QString name = collectionName();
    if (const QString problem = CollectionTemplate::nameProblem(name); !problem.isEmpty())
        problems.append(problem);
    else if (m_session) {
        const Result<QString> allowed = m_session->scope().checkCollectionOperation(name);
        if (!allowed.ok())
            problems.append(allowed.error().message);
        if (m_session->isReadOnly())
            problems.append(tr("This profile is read-only."));
    }
    const QString tenant = m_tenant->text().trimmed();
    if (chosenSchema() && !m_tenant->isReadOnly() && !tenant.isEmpty() && m_session) {
        const auto pattern = CollectionPattern::parse(m_session->profile().collectionPattern);
        if (pattern.ok() && !pattern.value().format(tenant, chosenSchema()->collectionType))
            problems.append(tr("\"%1\" cannot be a tenant id in %2.")
                                .arg(tenant, pattern.value().text()));
    }
    const Result<CollectionTemplate> planned = plan();
    if (!planned.ok())
        problems.append(planned.error().message);

    QStringList lines;
    lines.append(tr("Collection: %1").arg(name.isEmpty() ? tr("(no name yet)") : name));
    if (planned.ok()) {
        const CollectionTemplate &t = planned.value();
        lines.append(tr("Vectors: %1").arg(CollectionTemplate::describeVectors(t.vectors())));
        if (t.indexes().isEmpty()) {
            lines.append(tr("Payload indexes: none (add them later in the Payload indexes tab)"));
        } else {
            lines.append(tr("Payload indexes (%1):").arg(t.indexes().size()));
            for (const CollectionTemplate::Index &index : t.indexes()) {
                lines.append(index.isTenant()
                                 ? tr("  %1 — %2, tenant key (is_tenant)")
                                       .arg(index.field, index.type())
                                 : tr("  %1 — %2").arg(index.field, index.type()));
            }
        }
    }
    m_preview->setPlainText(lines.join(QLatin1Char('\n')));

    if (!isRunning()) {
        if (!problems.isEmpty())
            m_message->showError(problems.join(QLatin1Char(' ')));
        else if (!m_jobError.isEmpty())
            m_message->showError(m_jobError);
        else
            m_message->clearMessage();
    }
    m_create->setEnabled(problems.isEmpty() && !isRunning() && !m_createdWithErrors);
}

void CreateCollectionDialog::showPage(int page)
{
    // Two widgets shown in turn rather than a QStackedWidget, which is as tall as its tallest
    // page: the template's two rows would sit above a gap the size of the vector table.
    m_templatePage->setVisible(page == 0);
    m_scratchPage->setVisible(page == 1);
}

QString CreateCollectionDialog::previewText() const
{
    return m_preview->toPlainText();
}

QString CreateCollectionDialog::messageText() const
{
    return m_message->text();
}

bool CreateCollectionDialog::isRunning() const
{
    return m_job->isRunning();
}

void CreateCollectionDialog::setBusy(bool busy)
{
    for (QWidget *widget : {static_cast<QWidget *>(m_source), static_cast<QWidget *>(m_name),
                            m_templatePage, m_scratchPage})
        widget->setEnabled(!busy);
    m_step->setVisible(busy || m_createdWithErrors);
    m_progress->setVisible(busy || m_createdWithErrors);
    m_create->setEnabled(!busy);
}

void CreateCollectionDialog::create()
{
    refresh();
    const Result<CollectionTemplate> planned = plan();
    if (!m_session || !m_create->isEnabled() || !planned.ok())
        return;
    m_jobError.clear();
    m_message->clearMessage();
    if (m_job->start(m_session->admin(), collectionName(), planned.value()))
        setBusy(true);
}
