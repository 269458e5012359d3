#pragma once

#include "collectiontemplate.h"
#include "qdrantcallhandle.h"
#include "scopedadmin.h"

#include <QObject>

/// Creates a collection from a CollectionTemplate through ScopedAdmin (so the tenant scope and
/// the read-only flag hold): the collection first, then its payload indexes one after another
/// (Qdrant builds each over the whole collection; sending them together gains nothing on an
/// empty one and makes a failure harder to report). Stops at the first error. A collection
/// that was created stays as created, with the indexes made so far: deleting it behind the
/// user's back could lose points someone wrote in the meantime; the error says so.
class CollectionTemplateJob final : public QObject
{
    Q_OBJECT

public:
    explicit CollectionTemplateJob(QObject *parent = nullptr);
    ~CollectionTemplateJob() override;

    /// Starts creating `name`; false (and nothing sent) while a job runs.
    bool start(const ScopedAdmin &admin, const QString &name, const CollectionTemplate &plan);
    /// Stops after the request in flight is cancelled; failed() reports what was made.
    void cancel();

    bool isRunning() const { return m_running; }
    /// Requests the job makes: the collection and each index.
    int totalSteps() const { return 1 + int(m_plan.indexes().size()); }
    /// Indexes created so far.
    int indexesCreated() const { return m_nextIndex; }

signals:
    /// A step is about to be sent: `done` of `total` steps finished so far.
    void progressed(int done, int total, const QString &step);
    /// The collection and all its indexes exist.
    void created(const QString &name);
    /// Stopped at an error; collectionCreated says whether the collection exists (as created,
    /// with indexesCreated() of its indexes). error.message names what is left.
    void failed(const NetError &error, bool collectionCreated);

private:
    void createNextIndex();
    void fail(NetError error, bool collectionCreated);

    ScopedAdmin m_admin;
    QString m_name;
    CollectionTemplate m_plan;
    QdrantCallHandle m_call;
    int m_nextIndex = 0;
    bool m_running = false;
};
