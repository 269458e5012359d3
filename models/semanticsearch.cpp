#include "semanticsearch.h"

#include "consolesession.h"
#include "embedderfactory.h"

#include <QTimer>

namespace {

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

QString vectorList(const QMap<QString, VectorParams> &vectors)
{
    QStringList names;
    for (auto it = vectors.begin(); it != vectors.end(); ++it) {
        names << (it.key().isEmpty() ? SemanticSearch::tr("unnamed") : it.key())
                + QStringLiteral(" (%1)").arg(it.value().size);
    }
    return names.join(QStringLiteral(", "));
}

} // namespace

SemanticSearch::SemanticSearch(ConsoleSession *session, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_secrets(secrets)
{
    auto forget = [this] {
        m_infos.clear();
        if (!m_running)
            return;
        NetError error;
        error.kind = NetError::Kind::Cancelled;
        error.message = tr("The search was dropped: the connection or the tenant scope changed.");
        const SearchQuery query = m_query;
        drop();
        emit searchFailed(query, error);
    };
    connect(session, &ConsoleSession::scopeChanged, this, forget);
    connect(session, &ConsoleSession::closed, this, forget);
    connect(session, &ConsoleSession::opened, this, forget);
}

SemanticSearch::~SemanticSearch()
{
    drop();
}

void SemanticSearch::search(const SearchQuery &query)
{
    drop();
    const int generation = ++m_generation;
    m_query = query;
    m_running = true;
    m_clock.start();
    emit searchStarted(query);
    if (const QString problem = query.problem(); !problem.isEmpty()) {
        QTimer::singleShot(
            0, this, [this, generation, problem] { fail(generation, invalid(problem)); });
        return;
    }
    withCollectionInfo(generation, query.collection,
        [this, generation](const CollectionInfo &info) { runWithInfo(generation, info); });
}

void SemanticSearch::cancel()
{
    if (!m_running)
        return;
    const SearchQuery query = m_query;
    drop();
    NetError error;
    error.kind = NetError::Kind::Cancelled;
    error.message = tr("The search was cancelled.");
    emit searchFailed(query, error);
}

void SemanticSearch::drop()
{
    ++m_generation;
    m_running = false;
    m_call.cancel();
    m_call = QdrantCallHandle();
    if (m_embedCall)
        m_embedCall->cancel();
    m_embedCall = nullptr;
}

void SemanticSearch::fail(int generation, const NetError &error)
{
    if (generation != m_generation)
        return;
    m_running = false;
    // The collection may have been recreated with another layout: ask again next time.
    m_infos.remove(m_query.collection);
    emit searchFailed(m_query, error);
}

void SemanticSearch::withEmbedder(int generation, std::function<void(Embedder *)> next)
{
    const ConnectionProfile &profile = m_session->profile();
    if (m_embedder && m_embedderProfile == profile) {
        next(m_embedder);
        return;
    }
    EmbedderFactory::create(profile, m_secrets, this,
        [this, generation, profile, next = std::move(next)](const Result<Embedder *> &made) {
            if (!made.ok()) {
                fail(generation, made.error());
                return;
            }
            // Kept even for a dropped search: the next one needs the same embedder.
            if (m_embedder && m_embedder != made.value())
                m_embedder->deleteLater();
            m_embedder = made.value();
            m_embedderProfile = profile;
            if (generation == m_generation)
                next(m_embedder);
        });
}

void SemanticSearch::withCollectionInfo(
    int generation, const QString &collection, std::function<void(const CollectionInfo &)> next)
{
    if (const auto it = m_infos.constFind(collection); it != m_infos.constEnd()) {
        next(it.value());
        return;
    }
    m_call = m_session->admin().collectionInfo(
        collection, this,
        [this, generation, collection, next = std::move(next)](const Result<CollectionInfo> &info) {
            if (generation != m_generation)
                return;
            if (!info.ok()) {
                fail(generation, info.error());
                return;
            }
            m_infos.insert(collection, info.value());
            next(info.value());
        });
}

Result<QString> SemanticSearch::chooseVector(const CollectionInfo &info, int dimension) const
{
    const QString &collection = m_query.collection;
    if (info.vectors.isEmpty())
        return invalid(tr("Collection %1 has no dense vector to search.").arg(collection));
    if (m_query.vectorName) {
        if (info.vectors.contains(*m_query.vectorName))
            return *m_query.vectorName;
        return invalid(tr("Collection %1 has no vector named \"%2\"; it has: %3.")
                           .arg(collection, *m_query.vectorName, vectorList(info.vectors)));
    }
    if (const auto name = EmbedderFactory::vectorFor(info.vectors, dimension))
        return *name;
    return invalid(tr("Collection %1 has several vectors (%2): choose the one to search.")
                       .arg(collection, vectorList(info.vectors)));
}

void SemanticSearch::runWithInfo(int generation, const CollectionInfo &info)
{
    if (m_query.isSimilarSearch()) {
        const Result<QString> vector = chooseVector(info, m_embedder ? m_embedder->dimension() : 0);
        if (!vector.ok()) {
            fail(generation, vector.error());
            return;
        }
        QueryRequest request = QueryRequest::nearestToPoint(m_query.similarTo, m_query.limit);
        request.vectorName = vector.value();
        sendQuery(generation, request, info.vectors.value(vector.value()).distance);
        return;
    }
    withEmbedder(generation, [this, generation, info](Embedder *embedder) {
        const Result<QString> vector = chooseVector(info, embedder->dimension());
        if (!vector.ok()) {
            fail(generation, vector.error());
            return;
        }
        const VectorParams params = info.vectors.value(vector.value());
        const VectorTarget target {m_query.collection, vector.value(), params.size};
        if (auto error = checkEmbedderDimension(*embedder, target)) {
            error->message
                = tr("The query cannot be embedded for this collection: %1.").arg(error->message);
            fail(generation, *error);
            return;
        }
        embedAndQuery(generation, embedder, target, params.distance);
    });
}

void SemanticSearch::embedAndQuery(
    int generation, Embedder *embedder, const VectorTarget &target, const QString &distance)
{
    m_embedCall = embedder->embed({m_query.text});
    connect(m_embedCall, &EmbedCall::finished, this,
        [this, generation, target, distance](const Result<Embeddings> &vectors) {
            if (generation != m_generation)
                return;
            m_embedCall = nullptr;
            if (!vectors.ok()) {
                NetError error = vectors.error();
                error.message = tr("The query could not be embedded: %1").arg(error.message);
                fail(generation, error);
                return;
            }
            if (auto error = checkVectorDimensions(vectors.value(), target)) {
                fail(generation, *error);
                return;
            }
            QueryRequest request = QueryRequest::nearestTo(vectors.value().first(), m_query.limit);
            request.vectorName = target.vectorName;
            sendQuery(generation, request, distance);
        });
}

void SemanticSearch::sendQuery(int generation, QueryRequest request, const QString &distance)
{
    request.filter = m_query.filter;
    request.scoreThreshold = m_query.scoreThreshold;
    request.withPayload = PayloadSelector::all();
    const QString vectorName = request.vectorName;
    m_call = m_session->points().query(m_query.collection, request, this,
        [this, generation, vectorName, distance](const Result<QList<ScoredPoint>> &hits) {
            if (generation != m_generation)
                return;
            if (!hits.ok()) {
                fail(generation, hits.error());
                return;
            }
            m_running = false;
            m_call = QdrantCallHandle();
            SearchOutcome outcome;
            outcome.query = m_query;
            outcome.vectorName = vectorName;
            outcome.distance = distance;
            outcome.hits = hits.value();
            outcome.elapsedMs = m_clock.elapsed();
            emit searchFinished(outcome);
        });
}
