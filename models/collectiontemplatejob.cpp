#include "collectiontemplatejob.h"

namespace {

/// The error text as a sentence, so that more can follow it.
QString sentence(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.endsWith(QLatin1Char('.')) ? trimmed : trimmed + QLatin1Char('.');
}

} // namespace

CollectionTemplateJob::CollectionTemplateJob(QObject *parent)
    : QObject(parent)
{ }

CollectionTemplateJob::~CollectionTemplateJob()
{
    m_call.cancel();
}

bool CollectionTemplateJob::start(const ScopedAdmin &admin, const QString &name,
                                  const CollectionTemplate &plan)
{
    if (m_running)
        return false;
    m_admin = admin;
    m_name = name;
    m_plan = plan;
    m_nextIndex = 0;
    m_running = true;
    emit progressed(0, totalSteps(), tr("Creating the collection %1").arg(name));
    m_call = m_admin.createCollection(m_name, m_plan.createBody(), this,
                                      [this](const Result<bool> &result) {
        if (!result.ok()) {
            fail(result.error(), false);
            return;
        }
        createNextIndex();
    });
    return true;
}

void CollectionTemplateJob::cancel()
{
    m_call.cancel();
}

void CollectionTemplateJob::createNextIndex()
{
    const QList<CollectionTemplate::Index> &indexes = m_plan.indexes();
    if (m_nextIndex >= indexes.size()) {
        m_running = false;
        emit progressed(totalSteps(), totalSteps(), tr("Created %1").arg(m_name));
        emit created(m_name);
        return;
    }
    const CollectionTemplate::Index &index = indexes.at(m_nextIndex);
    emit progressed(1 + m_nextIndex, totalSteps(),
                    tr("Creating the %1 index on %2").arg(index.type(), index.field));
    m_call = m_admin.createPayloadIndex(m_name, index.field, index.schema, this,
                                        [this](const Result<UpdateResult> &result) {
        if (!result.ok()) {
            fail(result.error(), true);
            return;
        }
        ++m_nextIndex;
        createNextIndex();
    });
}

void CollectionTemplateJob::fail(NetError error, bool collectionCreated)
{
    m_running = false;
    if (collectionCreated) {
        const CollectionTemplate::Index &index = m_plan.indexes().at(m_nextIndex);
        error.message = tr("The index on %1 was not created: %2 The collection %3 was created "
                           "and is left as it is, with %4 of its %5 payload indexes.")
                            .arg(index.field, sentence(error.message), m_name)
                            .arg(m_nextIndex)
                            .arg(m_plan.indexes().size());
    } else {
        error.message = tr("The collection %1 was not created: %2").arg(m_name, error.message);
    }
    emit failed(error, collectionCreated);
}
