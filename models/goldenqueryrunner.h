#pragma once

#include "goldenquery.h"
#include "neterror.h"

#include <QObject>

class ConsoleSession;
class SecretStore;
class SemanticSearch;

/// Runs golden queries again, one after the other, with a SemanticSearch of its own (so the
/// search pane's search is left alone), and says for each how its expected points moved.
class GoldenQueryRunner final : public QObject
{
    Q_OBJECT

public:
    /// session is not owned and must outlive this; secrets may be nullptr.
    GoldenQueryRunner(ConsoleSession *session, SecretStore *secrets, QObject *parent = nullptr);

    /// Runs every query in order; a run already going is stopped first.
    void runAll(const QList<GoldenQuery> &queries);
    /// Stops after the query running now (its answer is dropped); finished() follows.
    void cancel();
    bool isRunning() const { return m_next >= 0; }

signals:
    /// Query `index` of the list ran; check says what moved.
    void queryChecked(int index, const GoldenCheck &check);
    /// Query `index` could not run.
    void queryFailed(int index, const NetError &error);
    /// Every query ran (or the run was cancelled); changed counts the ones that moved.
    void finished(int checked, int changed, int failed);

private:
    void runNext();

    SemanticSearch *m_search;
    QList<GoldenQuery> m_queries;
    int m_next = -1; ///< index of the query running; -1 when idle
    int m_checked = 0;
    int m_changed = 0;
    int m_failed = 0;
};
