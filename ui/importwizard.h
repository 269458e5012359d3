#pragma once

#include "importoptions.h"
#include "importpreview.h"
#include "qdranttypes.h"

#include <QMap>
#include <QPointer>
#include <QWizard>

class ConsoleSession;
class Embedder;
class ImportFilePage;
class ImportMappingPage;
class ImportPipeline;
class ImportPreviewPage;
class ImportRunPage;
class QMessageBox;
class SecretStore;
struct AgentMemorySchema;

/// The import wizard (issue 5): a file (format detected, fields and unreadable rows shown) →
/// the mapping to the collection's payload keys, the natural key of the deterministic ids and
/// the vector source (a vector field of the file, or the profile's embedder on a text) → a
/// preview of the first rows validated as the import will → the run through ImportPipeline
/// (progress, pause, cancel, resume from a checkpoint, the error report). Everything it writes
/// goes through the session's ScopedPoints, so the tenant scope holds by construction. Errors
/// are shown inline on the page they belong to; Esc asks only while an import runs.
class ImportWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { FilePageId, MappingPageId, PreviewPageId, RunPageId };

    /// collection preselects the target (else the scope's first collection); secrets makes
    /// the profile's embedder (EmbedderFactory); both may be nullptr.
    ImportWizard(ConsoleSession *session, SecretStore *secrets,
                 const QString &collection = QString(), QWidget *parent = nullptr);
    ~ImportWizard() override;

    /// Why this session can't import at all (not connected, read-only, no tenant); empty
    /// when it can.
    static QString refusal(const ConsoleSession *session);

    ConsoleSession *session() const;
    ImportFilePage *filePage() const { return m_filePage; }
    ImportMappingPage *mappingPage() const { return m_mappingPage; }
    ImportPreviewPage *previewPage() const { return m_previewPage; }
    ImportRunPage *runPage() const { return m_runPage; }
    ImportPipeline *pipeline() const { return m_pipeline; }

    // What the pages decided so far, for the pages after them.
    QString filePath() const;
    ImportFormat::Kind format() const;
    QString collection() const;
    const AgentMemorySchema *schema() const;
    const ImportPreview::Scan &scan() const;
    /// The target collection's dense vectors ("" for the unnamed one).
    const QMap<QString, VectorParams> &vectors() const;
    /// The profile's embedder once made; nullptr before, or when it can't be made.
    Embedder *embedder() const;
    /// Why the embedder can't be made ("" while pending or once made).
    QString embedderError() const { return m_embedderError; }
    /// The options a run would start with (resume left as ImportOptions' default).
    ImportOptions options() const;

signals:
    /// The profile's embedder was made, or could not be (embedderError()).
    void embedderSettled();
    /// An import ended; panes showing collection reload. Emitted for every outcome (a
    /// cancelled or failed run has written points too).
    void importFinished(const QString &collection, const ImportSummary &summary);

public slots:
    void reject() override;

private:
    QPointer<ConsoleSession> m_session;
    ImportPipeline *m_pipeline;
    ImportFilePage *m_filePage;
    ImportMappingPage *m_mappingPage;
    ImportPreviewPage *m_previewPage;
    ImportRunPage *m_runPage;
    QPointer<Embedder> m_embedder;
    QString m_embedderError;
    QPointer<QMessageBox> m_confirmCancel;
};
