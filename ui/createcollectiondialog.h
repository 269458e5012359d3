#pragma once

#include "collectiontemplate.h"

#include <QDialog>
#include <QPointer>

class CollectionTemplateJob;
class ConsoleSession;
class InlineMessage;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

/// New collection: from one of the three agent-memory templates (SCHEMAS.md: the vector,
/// and the payload indexes with the tenant key as is_tenant) or from scratch (one unnamed
/// vector, or several named ones with size and distance). The name is proposed from the
/// template: in a tenant scope with a name pattern it is the tenant's collection of that type
/// (TenantScope::collectionForType); for All tenants an optional tenant id prefixes it with
/// the profile's pattern. Shows what will be created before Create, then runs a
/// CollectionTemplateJob with progress. A form, not a question: problems and errors show in
/// the dialog, which stays open until the collection exists.
class CreateCollectionDialog final : public QDialog
{
    Q_OBJECT

public:
    /// The sources offered, in the order of the "Start from" box.
    enum Source { CostTemplate, PerformanceTemplate, CustomerTemplate, FromScratch };

    /// The session is not owned and must outlive the dialog.
    explicit CreateCollectionDialog(ConsoleSession *session, QWidget *parent = nullptr);
    ~CreateCollectionDialog() override;

    /// Chooses what the collection starts from.
    void setSource(Source source);
    Source source() const;
    /// The collection's name as it stands.
    QString collectionName() const;
    /// What would be created now, or why nothing can be.
    Result<CollectionTemplate> plan() const;
    /// The "what will be created" text.
    QString previewText() const;
    /// The problem or error shown, if any.
    QString messageText() const;
    bool isRunning() const;

    /// Starts creating when the form is valid.
    void create();

signals:
    /// The collection exists (with all its indexes, or some when an index failed).
    void collectionCreated(const QString &name);

private:
    void buildUi();
    QWidget *buildTemplatePage();
    QWidget *buildScratchPage();
    void showPage(int page);
    void addVectorRow(const QString &name, int size, const QString &distance);
    /// The vectors of the table; the first name used twice goes to *duplicate.
    QMap<QString, VectorParams> scratchVectors(QString *duplicate) const;
    const AgentMemorySchema *chosenSchema() const;
    void proposeName();
    void refresh();
    void setBusy(bool busy);

    QPointer<ConsoleSession> m_session;
    CollectionTemplateJob *m_job;
    bool m_createdWithErrors = false;
    QString m_jobError; ///< why the last Create failed, shown until the form is edited

    QComboBox *m_source = nullptr;
    QLineEdit *m_tenant = nullptr;
    QLabel *m_tenantNote = nullptr;
    QLineEdit *m_name = nullptr;
    QWidget *m_templatePage = nullptr;
    QWidget *m_scratchPage = nullptr;
    QSpinBox *m_templateSize = nullptr;
    QLabel *m_templateNote = nullptr;
    QTableWidget *m_vectors = nullptr;
    QPushButton *m_addVector = nullptr;
    QPushButton *m_removeVector = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    InlineMessage *m_message = nullptr;
    QLabel *m_step = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_close = nullptr;
};
