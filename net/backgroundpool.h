#pragma once

#include "runpooled.h"

#include <QThreadPool>

#include <utility>

/// A thread pool for work that must not take a core from the GUI thread: its threads run
/// below normal priority (nice Nice on Linux, QThread::LowPriority elsewhere). On a machine
/// with two cores, a page's rows built at normal priority beside the server and Qt's own pool
/// preempt the GUI thread in the middle of a frame; a lowered thread yields as soon as the
/// GUI thread wakes, and still gets a fair share while other programs keep the cores busy
/// (SCHED_IDLE, QThread::IdlePriority on Linux, would not: a build would starve it).
class BackgroundPool final : public QThreadPool
{
    Q_OBJECT

public:
    /// The nice value of the pool's threads on Linux (a tenth of a normal thread's share), or
    /// the process's own when that is higher.
    static constexpr int Nice = 10;

    /// A pool of at most maxThreads threads.
    explicit BackgroundPool(int maxThreads = 1, QObject *parent = nullptr);
    /// Waits for the work still running (it never touches its caller).
    ~BackgroundPool() override;

    /// runPooled() on this pool: work on a lowered thread, then then(result) on context's.
    template <typename Work, typename Then> void run(QObject *context, Work work, Then then)
    {
        runPooled(this, context,
            [work = std::move(work)]() mutable {
                lowerCurrentThread();
                return work();
            },
            std::move(then));
    }

    /// Lowers the calling thread's priority, once per thread.
    static void lowerCurrentThread();
};
