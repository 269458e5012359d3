#pragma once

#include "editjournal.h"
#include "embedder.h"
#include "qdrantcallhandle.h"
#include "qdranttypes.h"

#include <QObject>
#include <QPointer>

class ConsoleSession;

/// The console's hand edits of points: saving an edited payload, writing a new record
/// (embedded and checked against the collection's vector size first), re-embedding a point
/// whose text changed, and bulk edits by filter. Every write goes through the session's
/// ScopedPoints (tenant scope, read-only) and, once the server confirmed it, is written to the
/// edit journal with the payload before and after. One outcome signal per request.
class PointCuration final : public QObject
{
    Q_OBJECT

public:
    PointCuration(ConsoleSession *session, EditJournal *journal, QObject *parent = nullptr);

    /// The text a collection's schema embeds for a payload (AgentMemorySchema::embeddedText);
    /// empty for a collection without an agent-memory schema or a payload without the text.
    static QString embeddedText(const QString &collection, const QJsonObject &payload);
    /// True when an edit changed the text the collection's vectors are computed from.
    static bool changesEmbeddedText(const QString &collection, const QJsonObject &before,
                                    const QJsonObject &after);

    /// Saves an edited payload of one point: overwrite_payload (replace), or set_payload of the
    /// added and changed top-level keys followed by delete_payload of the removed ones. Refused
    /// when the point is not the tenant's, or when its payload on the server is no longer
    /// `before` (someone else saved in between).
    void savePayload(const QString &collection, const PointId &id, const QJsonObject &before,
                     const QJsonObject &after, bool overwrite);
    /// Embeds `text` with the embedder, checks the vector against the collection's config
    /// (vectorName: empty for the unnamed vector) and upserts a new point with a fresh UUID and
    /// `payload` (stamped with the tenant by the scope).
    void createRecord(const QString &collection, const QJsonObject &payload, const QString &text,
                      Embedder *embedder, const QString &vectorName = QString());
    /// Computes the point's vector again from `text` and replaces it (update_vectors).
    void reembed(const QString &collection, const PointId &id, const QString &text,
                 Embedder *embedder, const QString &vectorName = QString());
    // Bulk edits by filter. Each reads the matching points first (their payloads before the
    // edit go into the journal), then writes; `done` (optional, dropped once context is gone)
    // gets the server's answer after the journal was written. The handle cancels either step.

    /// Sets keys on every point of the scope that matches the user's filter.
    QdrantCallHandle setPayloadWhere(const QString &collection, const QJsonObject &userFilter,
                                     const QJsonObject &payload, QObject *context = nullptr,
                                     QdrantDone<UpdateResult> done = {});
    /// Removes keys from every point of the scope that matches the user's filter.
    QdrantCallHandle deletePayloadKeysWhere(const QString &collection,
                                            const QJsonObject &userFilter,
                                            const QStringList &keys, QObject *context = nullptr,
                                            QdrantDone<UpdateResult> done = {});
    /// Deletes every point of the scope that matches the user's filter.
    QdrantCallHandle deletePointsWhere(const QString &collection, const QJsonObject &userFilter,
                                       QObject *context = nullptr,
                                       QdrantDone<UpdateResult> done = {});

signals:
    void payloadSaved(const QString &collection, const PointId &id, const QJsonObject &after);
    void recordCreated(const QString &collection, const PointId &id, const QJsonObject &payload);
    void vectorUpdated(const QString &collection, const PointId &id);
    void bulkEditDone(const QString &collection, const QString &operation);
    /// A write failed or was refused; `what` says which, for the Issues dock.
    void failed(const QString &what, const NetError &error);

private:
    /// A bulk edit by filter, kept until the server answered so it can be journalled.
    struct BulkEdit
    {
        enum class Kind { SetPayload, DeletePayloadKeys, DeletePoints };
        Kind kind;
        QString collection;
        QJsonObject filter;
        QJsonObject payload;
        QStringList keys;
        QString operationName() const;
    };
    /// Points a bulk edit journals one by one; beyond, one record names the filter.
    static constexpr int kMaxJournalledPoints = 10000;

    void writePayload(const QString &collection, const PointId &id, const QJsonObject &before,
                      const QJsonObject &after, bool overwrite, const QString &what);
    QdrantCallHandle runBulkEdit(const BulkEdit &edit, const QString &what, QObject *context,
                                 QdrantDone<UpdateResult> done);
    void journalBulkEdit(const BulkEdit &edit, const QList<PointRecord> &before, bool complete);
    /// Embeds text and checks the vector against the collection's vector size.
    void embedChecked(const QString &collection, const QString &text, Embedder *embedder,
                      const QString &vectorName, std::function<void(QList<float>)> next,
                      const QString &what);
    void journal(const QString &collection, const PointId &id, const QString &operation,
                 const QJsonValue &before, const QJsonValue &after);

    QPointer<ConsoleSession> m_session;
    QPointer<EditJournal> m_journal;
};
