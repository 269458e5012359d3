#include "pointcuration.h"

#include "agentmemoryschemas.h"
#include "consolesession.h"
#include "dimensioncheck.h"
#include "payloaddiff.h"

#include <QJsonArray>
#include <QUuid>

PointCuration::PointCuration(ConsoleSession *session, EditJournal *journal, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_journal(journal)
{ }

QString PointCuration::embeddedText(const QString &collection, const QJsonObject &payload)
{
    const AgentMemorySchema *schema = agentMemorySchemaFor(collection);
    return schema ? schema->embeddedText(payload) : QString();
}

bool PointCuration::changesEmbeddedText(const QString &collection, const QJsonObject &before,
                                        const QJsonObject &after)
{
    return embeddedText(collection, before) != embeddedText(collection, after);
}

void PointCuration::journal(const QString &collection, const PointId &id,
                            const QString &operation, const QJsonValue &before,
                            const QJsonValue &after)
{
    if (!m_journal || !m_session)
        return;
    EditJournalRecord record;
    record.profileName = m_session->profile().name;
    record.profileId = m_session->profile().id;
    record.collection = collection;
    record.pointId = id;
    record.operation = operation;
    record.before = before;
    record.after = after;
    // The server has the edit already; a journal that cannot be written is worth an issue,
    // but not a failed save.
    const Result<bool> written = m_journal->append(record);
    if (!written.ok())
        emit failed(tr("Writing the edit journal"), written.error());
}

void PointCuration::savePayload(const QString &collection, const PointId &id,
                                const QJsonObject &before, const QJsonObject &after,
                                bool overwrite)
{
    if (!m_session)
        return;
    const QString what = tr("Saving point %1 of %2").arg(id.toString(), collection);
    // Read the point again through the scope first: a point outside the tenant (or deleted
    // since) is refused, and so is one that changed on the server since it was opened, so a
    // save never silently undoes someone else's edit.
    m_session->points().retrieve(
        collection, {id}, PayloadSelector::all(), VectorSelector::none(), this,
        [this, collection, id, before, after, overwrite,
         what](const Result<QList<PointRecord>> &current) {
            NetError conflict;
            conflict.kind = NetError::Kind::Invalid;
            if (!current.ok()) {
                emit failed(what, current.error());
            } else if (current.value().isEmpty()) {
                conflict.message = tr("Point %1 is not among this tenant's points in %2 (it "
                                      "may have been deleted); nothing was saved.")
                                       .arg(id.toString(), collection);
                emit failed(what, conflict);
            } else if (current.value().first().payload != before) {
                conflict.message = tr("Point %1 was changed on the server after it was opened; "
                                      "nothing was saved. Reload it and apply your edit again.")
                                       .arg(id.toString());
                emit failed(what, conflict);
            } else {
                writePayload(collection, id, before, after, overwrite, what);
            }
        });
}

void PointCuration::writePayload(const QString &collection, const PointId &id,
                                 const QJsonObject &before, const QJsonObject &after,
                                 bool overwrite, const QString &what)
{
    const ScopedPoints points = m_session->points();
    auto saved = [this, collection, id, before, after, overwrite]() {
        journal(collection, id,
                overwrite ? QStringLiteral("overwrite_payload") : QStringLiteral("set_payload"),
                before, after);
        emit payloadSaved(collection, id, after);
    };
    auto reportOr = [this, what](std::function<void()> next) {
        return [this, what, next = std::move(next)](const Result<UpdateResult> &result) {
            if (!result.ok())
                emit failed(what, result.error());
            else
                next();
        };
    };
    if (overwrite) {
        points.overwritePayload(collection, {id}, after, this, reportOr(saved));
        return;
    }
    const PayloadWritePlan plan = PayloadDiff::between(before, after).writePlan();
    auto deleteRemoved = [this, points, collection, id, plan, saved, reportOr]() {
        if (plan.deleteKeys.isEmpty())
            saved();
        else
            points.deletePayloadKeys(collection, {id}, plan.deleteKeys, this, reportOr(saved));
    };
    if (plan.setPayload.isEmpty())
        deleteRemoved();
    else
        points.setPayload(collection, {id}, plan.setPayload, this, reportOr(deleteRemoved));
}

void PointCuration::embedChecked(const QString &collection, const QString &text,
                                 Embedder *embedder, const QString &vectorName,
                                 std::function<void(QList<float>)> next, const QString &what)
{
    NetError invalid;
    invalid.kind = NetError::Kind::Invalid;
    if (!m_session || !embedder) {
        invalid.message = tr("No embedder is set for this profile.");
        emit failed(what, invalid);
        return;
    }
    if (text.trimmed().isEmpty()) {
        invalid.message = tr("There is no text to embed.");
        emit failed(what, invalid);
        return;
    }
    QPointer<Embedder> guard = embedder;
    m_session->admin().collectionInfo(
        collection, this,
        [this, guard, collection, text, vectorName, next = std::move(next), what](
            const Result<CollectionInfo> &info) {
            if (!info.ok()) {
                emit failed(what, info.error());
                return;
            }
            if (!guard)
                return;
            VectorTarget target{collection, vectorName,
                                info.value().vectors.value(vectorName).size};
            if (auto error = checkEmbedderDimension(*guard, target)) {
                emit failed(what, *error);
                return;
            }
            EmbedCall *call = guard->embed({text});
            connect(call, &EmbedCall::finished, this,
                    [this, target, next, what](const Result<Embeddings> &vectors) {
                        if (!vectors.ok()) {
                            emit failed(what, vectors.error());
                            return;
                        }
                        if (auto error = checkVectorDimensions(vectors.value(), target)) {
                            emit failed(what, *error);
                            return;
                        }
                        next(vectors.value().first());
                    });
        });
}

void PointCuration::createRecord(const QString &collection, const QJsonObject &payload,
                                 const QString &text, Embedder *embedder,
                                 const QString &vectorName)
{
    const QString what = tr("Adding a record to %1").arg(collection);
    embedChecked(
        collection, text, embedder, vectorName,
        [this, collection, payload, vectorName, what](const QList<float> &vector) {
            if (!m_session)
                return;
            PointStruct point;
            point.id = PointId(QUuid::createUuid());
            point.vectors.insert(vectorName, vector);
            point.payload = payload;
            m_session->points().upsert(
                collection, {point}, this, {},
                [this, collection, point, what](const Result<UpsertSummary> &result) {
                    if (!result.ok()) {
                        emit failed(what, result.error());
                        return;
                    }
                    journal(collection, point.id, QStringLiteral("upsert"), QJsonValue::Null,
                            point.payload);
                    emit recordCreated(collection, point.id, point.payload);
                });
        },
        what);
}

void PointCuration::reembed(const QString &collection, const PointId &id, const QString &text,
                            Embedder *embedder, const QString &vectorName)
{
    const QString what = tr("Re-embedding point %1 of %2").arg(id.toString(), collection);
    embedChecked(
        collection, text, embedder, vectorName,
        [this, collection, id, vectorName, what](const QList<float> &vector) {
            if (!m_session)
                return;
            PointStruct point;
            point.id = id;
            point.vectors.insert(vectorName, vector);
            m_session->points().updateVectors(
                collection, {point}, this,
                [this, collection, id, what](const Result<UpdateResult> &result) {
                    if (!result.ok()) {
                        emit failed(what, result.error());
                        return;
                    }
                    emit vectorUpdated(collection, id);
                });
        },
        what);
}

QdrantCallHandle PointCuration::setPayloadWhere(const QString &collection,
                                                const QJsonObject &userFilter,
                                                const QJsonObject &payload, QObject *context,
                                                QdrantDone<UpdateResult> done)
{
    BulkEdit edit{BulkEdit::Kind::SetPayload, collection, userFilter, payload, {}};
    return runBulkEdit(edit, tr("Bulk edit of %1").arg(collection), context, std::move(done));
}

QdrantCallHandle PointCuration::deletePayloadKeysWhere(const QString &collection,
                                                       const QJsonObject &userFilter,
                                                       const QStringList &keys,
                                                       QObject *context,
                                                       QdrantDone<UpdateResult> done)
{
    BulkEdit edit{BulkEdit::Kind::DeletePayloadKeys, collection, userFilter, {}, keys};
    return runBulkEdit(edit, tr("Bulk key removal in %1").arg(collection), context,
                       std::move(done));
}

QdrantCallHandle PointCuration::deletePointsWhere(const QString &collection,
                                                  const QJsonObject &userFilter,
                                                  QObject *context,
                                                  QdrantDone<UpdateResult> done)
{
    BulkEdit edit{BulkEdit::Kind::DeletePoints, collection, userFilter, {}, {}};
    return runBulkEdit(edit, tr("Bulk deletion in %1").arg(collection), context,
                       std::move(done));
}

QdrantCallHandle PointCuration::runBulkEdit(const BulkEdit &edit, const QString &what,
                                            QObject *context, QdrantDone<UpdateResult> done)
{
    // The caller's callback only runs while its context lives; the journal is kept either way.
    QPointer<QObject> guard(context);
    auto report = [guard, hasContext = context != nullptr, done = std::move(done)](
                      const Result<UpdateResult> &result) {
        if (done && (!hasContext || guard))
            done(result);
    };
    if (!m_session) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("There is no connection.");
        report(Result<UpdateResult>(error));
        return {};
    }
    // The points are read first so that the journal keeps each one's payload before the edit
    // (a bulk deletion can then be undone by hand). Past kMaxJournalledPoints the journal
    // keeps one record with the filter instead.
    ScrollRequest request;
    request.filter = edit.filter;
    request.limit = kMaxJournalledPoints;
    request.withPayload = PayloadSelector::all();
    QdrantCallHandle chain(static_cast<QdrantCall *>(nullptr));
    chain.continueWith(m_session->points().scroll(
        edit.collection, request, this,
        [this, edit, what, report, chain](const Result<ScrollPage> &page) {
            if (!page.ok()) {
                if (page.error().kind != NetError::Kind::Cancelled)
                    emit failed(what, page.error());
                report(Result<UpdateResult>(page.error()));
                return;
            }
            const QList<PointRecord> before = page.value().points;
            const bool complete = page.value().nextOffset.isNull();
            auto written = [this, edit, what, before, complete, report](
                               const Result<UpdateResult> &result) {
                if (!result.ok()) {
                    if (result.error().kind != NetError::Kind::Cancelled)
                        emit failed(what, result.error());
                } else {
                    journalBulkEdit(edit, before, complete);
                    emit bulkEditDone(edit.collection, edit.operationName());
                }
                report(result);
            };
            const ScopedPoints points = m_session->points();
            switch (edit.kind) {
            case BulkEdit::Kind::SetPayload:
                chain.continueWith(points.setPayloadWhere(edit.collection, edit.filter,
                                                          edit.payload, this, written));
                break;
            case BulkEdit::Kind::DeletePayloadKeys:
                chain.continueWith(points.deletePayloadKeysWhere(edit.collection, edit.filter,
                                                                 edit.keys, this, written));
                break;
            case BulkEdit::Kind::DeletePoints:
                chain.continueWith(
                    points.deletePointsWhere(edit.collection, edit.filter, this, written));
                break;
            }
        }));
    return chain;
}

void PointCuration::journalBulkEdit(const BulkEdit &edit, const QList<PointRecord> &before,
                                    bool complete)
{
    if (!complete) {
        journal(edit.collection, PointId(), edit.operationName() + QStringLiteral("_by_filter"),
                edit.filter, edit.kind == BulkEdit::Kind::SetPayload
                    ? QJsonValue(edit.payload)
                    : QJsonValue(QJsonArray::fromStringList(edit.keys)));
        return;
    }
    for (const PointRecord &point : before) {
        QJsonValue after = QJsonValue::Null;
        if (edit.kind == BulkEdit::Kind::SetPayload) {
            QJsonObject merged = point.payload;
            for (auto it = edit.payload.begin(); it != edit.payload.end(); ++it)
                merged.insert(it.key(), it.value());
            after = merged;
        } else if (edit.kind == BulkEdit::Kind::DeletePayloadKeys) {
            QJsonObject pruned = point.payload;
            for (const QString &key : edit.keys)
                pruned.remove(key); // top-level keys; a nested path shows as unchanged
            after = pruned;
        }
        journal(edit.collection, point.id, edit.operationName(), point.payload, after);
    }
}

QString PointCuration::BulkEdit::operationName() const
{
    switch (kind) {
    case Kind::SetPayload: return QStringLiteral("set_payload");
    case Kind::DeletePayloadKeys: return QStringLiteral("delete_payload");
    case Kind::DeletePoints: return QStringLiteral("delete_points");
    }
    return {};
}
