#include "importwizard.h"

#include "consolesession.h"
#include "embedder.h"
#include "embedderfactory.h"
#include "importfilepage.h"
#include "importmappingpage.h"
#include "importpipeline.h"
#include "importpreviewpage.h"
#include "importrunpage.h"

#include <QMessageBox>
#include <QPushButton>

ImportWizard::ImportWizard(ConsoleSession *session, SecretStore *secrets,
                           const QString &collection, QWidget *parent)
    : QWizard(parent)
    , m_session(session)
    , m_pipeline(new ImportPipeline(this))
{
    setWindowTitle(tr("Import points"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveFinishButtonOnEarlyPages, false);
    m_filePage = new ImportFilePage(this, collection);
    m_mappingPage = new ImportMappingPage(this);
    m_previewPage = new ImportPreviewPage(this);
    m_runPage = new ImportRunPage(this);
    setPage(FilePageId, m_filePage);
    setPage(MappingPageId, m_mappingPage);
    setPage(PreviewPageId, m_previewPage);
    setPage(RunPageId, m_runPage);
    resize(820, 600);

    connect(m_runPage, &ImportRunPage::runFinished, this, [this](const ImportSummary &summary) {
        emit importFinished(this->collection(), summary);
    });
    if (!refusal(session).isEmpty())
        return;
    EmbedderFactory::create(session->profile(), secrets, this,
                            [this](const Result<Embedder *> &made) {
                                if (made.ok())
                                    m_embedder = made.value();
                                else
                                    m_embedderError = made.error().message;
                                emit embedderSettled();
                            });
}

ImportWizard::~ImportWizard()
{
    // Closing the window with a run going stops it; the checkpoint keeps what was written.
    if (m_pipeline->isRunning())
        m_pipeline->cancel();
}

QString ImportWizard::refusal(const ConsoleSession *session)
{
    if (!session || session->state() != ConsoleSession::State::Open)
        return tr("Not connected: connect to a server first.");
    if (session->isReadOnly()) {
        return tr("Profile \"%1\" is read-only: nothing can be imported with it.")
            .arg(session->profile().name);
    }
    if (session->scope().mode() == TenantScope::Mode::None)
        return tr("Choose a tenant (or All tenants) first: imported points are written under "
                  "the current tenant.");
    return QString();
}

ConsoleSession *ImportWizard::session() const
{
    return m_session;
}

Embedder *ImportWizard::embedder() const
{
    return m_embedder;
}

QString ImportWizard::filePath() const
{
    return m_filePage->filePath();
}

ImportFormat::Kind ImportWizard::format() const
{
    return m_filePage->format();
}

QString ImportWizard::collection() const
{
    return m_filePage->collection();
}

const AgentMemorySchema *ImportWizard::schema() const
{
    return agentMemorySchemaFor(collection());
}

const ImportPreview::Scan &ImportWizard::scan() const
{
    return m_filePage->scan();
}

const QMap<QString, VectorParams> &ImportWizard::vectors() const
{
    return m_filePage->vectors();
}

ImportOptions ImportWizard::options() const
{
    ImportOptions options;
    options.filePath = filePath();
    options.format = format();
    options.collection = collection();
    options.mapping = m_mappingPage->mapping();
    options.stopOnFirstError = m_mappingPage->stopOnFirstError();
    return options;
}

void ImportWizard::reject()
{
    if (!m_pipeline->isRunning()) {
        QWizard::reject();
        return;
    }
    if (m_confirmCancel)
        return;
    // Stopping loses nothing (the checkpoint allows resuming) but is not what a stray Esc
    // should do to a long import: ask, without blocking the run.
    m_confirmCancel = new QMessageBox(QMessageBox::Question, tr("Cancel the import?"),
                                      tr("The import is still running. Cancel it and close? "
                                         "What was written stays, and the import can be "
                                         "resumed later from its checkpoint."),
                                      QMessageBox::Yes | QMessageBox::No, this);
    m_confirmCancel->setObjectName(QStringLiteral("importConfirmCancel"));
    m_confirmCancel->setDefaultButton(QMessageBox::No);
    m_confirmCancel->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmCancel, &QMessageBox::finished, this, [this](int result) {
        if (result != QMessageBox::Yes)
            return;
        if (m_pipeline->isRunning())
            m_pipeline->cancel();
        QWizard::reject();
    });
    m_confirmCancel->open();
}
