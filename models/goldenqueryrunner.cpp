#include "goldenqueryrunner.h"

#include "semanticsearch.h"

GoldenQueryRunner::GoldenQueryRunner(ConsoleSession *session, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_search(new SemanticSearch(session, secrets, this))
{
    connect(m_search, &SemanticSearch::searchFinished, this, [this](const SearchOutcome &outcome) {
        if (m_next < 0)
            return;
        const GoldenCheck check = m_queries.at(m_next).check(outcome.hits);
        ++m_checked;
        if (!check.isUnchanged() || !check.newcomers.isEmpty())
            ++m_changed;
        emit queryChecked(m_next, check);
        ++m_next;
        runNext();
    });
    connect(m_search, &SemanticSearch::searchFailed, this,
        [this](const SearchQuery &, const NetError &error) {
            if (m_next < 0)
                return;
            ++m_failed;
            emit queryFailed(m_next, error);
            if (error.kind == NetError::Kind::Cancelled) {
                m_next = int(m_queries.size()); // the scope or connection changed
            } else {
                ++m_next;
            }
            runNext();
        });
}

void GoldenQueryRunner::runAll(const QList<GoldenQuery> &queries)
{
    if (isRunning())
        cancel();
    m_queries = queries;
    m_checked = m_changed = m_failed = 0;
    m_next = 0;
    runNext();
}

void GoldenQueryRunner::cancel()
{
    if (!isRunning())
        return;
    m_next = -1;
    m_search->cancel();
    emit finished(m_checked, m_changed, m_failed);
}

void GoldenQueryRunner::runNext()
{
    if (m_next >= m_queries.size()) {
        m_next = -1;
        emit finished(m_checked, m_changed, m_failed);
        return;
    }
    SearchQuery query = m_queries.at(m_next).query;
    // At least as many hits as were expected, so a point that slipped a rank is still found.
    query.limit = std::max(query.limit, int(m_queries.at(m_next).expectedIds.size()));
    m_search->search(query);
}
