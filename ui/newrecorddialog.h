#pragma once

#include "pointid.h"
#include "qdranttypes.h"
#include "tenantscope.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPointer>

class ConsoleSession;
class Embedder;
class FreeFormRecordEditor;
class InlineMessage;
class PointCuration;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class SchemaFormField;
class SchemaRecordForm;
class SecretStore;
struct AgentMemorySchema;
struct NetError;

/// Writes a new record (a customer-context note, a cost decision, ...) into a collection: a
/// form generated from the collection's agent-memory schema (SchemaFormField), or fields and
/// JSON values plus the choice of the text to embed for collections without one. The tenant
/// key is not asked for: the session's scope stamps it, and the dialog says under which
/// tenant the record goes. Save stays disabled while a field has a problem (PayloadValidator
/// and the scope's own check), while there is no text to embed, and when the profile's
/// embedder makes vectors of another size than the collection's; then PointCuration embeds,
/// checks and upserts, and the dialog closes once the record is on the server. Errors stay in
/// the dialog with what was typed. Non-modal; refuses to open for a read-only profile.
class NewRecordDialog final : public QDialog
{
    Q_OBJECT

public:
    /// secrets may be nullptr (no keychain: a remote embedder goes without a key).
    NewRecordDialog(ConsoleSession *session, PointCuration *curation, SecretStore *secrets,
        const QString &collection, QWidget *parent = nullptr);
    ~NewRecordDialog() override;

    /// Why no record can be written into collection in this session (not connected,
    /// read-only profile, no tenant chosen, a collection outside the scope); empty when one
    /// can. Callers disable their action with it.
    static QString refusal(const ConsoleSession *session, const QString &collection);

    QString collection() const { return m_collection; }
    /// The collection's schema; nullptr for the free form.
    const AgentMemorySchema *schema() const { return m_schema; }
    /// The payload the form makes now (the scope adds the tenant key when saving).
    QJsonObject payload() const;
    /// The text the record's vector will be computed from.
    QString embeddedText() const;
    /// The vector the record's vector goes to ("" for the unnamed one).
    QString vectorName() const { return m_vectorName; }
    /// The embedder, once the profile's is made; nullptr before (or when it failed).
    Embedder *embedder() const { return m_embedder; }
    bool isSaving() const { return m_saving; }
    /// True once the embedder is made and the collection's vectors are read (or either
    /// failed, which messageText() then says).
    bool isReady() const { return !m_embedderPending && !m_infoPending; }

    /// The form's field of that name; nullptr when the form has none (hidden tenant key,
    /// free form).
    SchemaFormField *field(const QString &name) const;
    FreeFormRecordEditor *freeForm() const { return m_freeForm; }
    QComboBox *vectorBox() const { return m_vectorBox; }
    QPushButton *saveButton() const { return m_saveButton; }
    /// "Saved under tenant 42", ...
    QString tenantText() const;
    /// "Embedding with: lexical, offline · 64 dimensions"
    QString embedderText() const;
    /// What keeps Save disabled, or what happened (an error from the embedder or the server).
    QString messageText() const;
    QString hintText() const;

    void setVisible(bool visible) override;
    /// Refused (Rejected at once) like show(); the dialog is meant to be shown non-modal.
    int exec() override;

public slots:
    /// Embeds the text and writes the record (when Save is enabled).
    void save();

signals:
    /// The record is on the server; the dialog closes.
    void recordSaved(const QString &collection, const PointId &id, const QJsonObject &payload);
    /// The dialog was asked to open and did not (refusal() says why).
    void openRefused(const QString &reason);

private:
    QWidget *buildHeader();
    QString hiddenTenantKey() const;
    void embedderMade(Embedder *embedder);
    void infoRead(const CollectionInfo &info);
    void chooseVector();
    void setupFailed(const QString &text);
    void showMessage();
    void revalidate();
    void setSaving(bool saving);
    void created(const QString &collection, const PointId &id, const QJsonObject &payload);
    void saveFailed(const QString &what, const NetError &error);
    void scopeMoved();

    QPointer<ConsoleSession> m_session;
    QPointer<PointCuration> m_curation;
    QString m_collection;
    const AgentMemorySchema *m_schema = nullptr;
    QString m_refusal;
    QString m_hiddenKey; ///< the schema's tenant key field, when the scope stamps it
    QString m_tenantText;

    Embedder *m_embedder = nullptr;
    bool m_embedderPending = true;
    bool m_infoPending = true;
    QMap<QString, VectorParams> m_vectors;
    QString m_vectorName;
    QString m_setupError; ///< the embedder or the collection cannot be used
    QString m_dimensionError; ///< the embedder's vectors do not fit the chosen vector
    QString m_saveError; ///< the last Save failed
    TenantScope m_scope; ///< the scope the dialog was opened in
    bool m_saving = false;
    QJsonObject m_sentPayload;

    QLabel *m_tenantLabel;
    QLabel *m_embedderLabel;
    QLabel *m_vectorLabel;
    QComboBox *m_vectorBox;
    QScrollArea *m_scroll;
    SchemaRecordForm *m_schemaForm = nullptr;
    FreeFormRecordEditor *m_freeForm = nullptr;
    InlineMessage *m_hint;
    InlineMessage *m_message;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    QPushButton *m_saveButton;
    QPushButton *m_cancelButton;
};
