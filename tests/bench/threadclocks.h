#pragma once

#include <QtGlobal>

/// The clocks of the thread that made it: wall time, the thread's own CPU time, its time
/// runnable but not running (/proc/thread-self/schedstat) and its context switches. The
/// benches sample them around a GUI-thread stall to tell work from a wait for a core
/// (preempted) and from a wait for anything else (blocked: a lock, the disk, the VM).
class ThreadClocks
{
public:
    /// Where the clocks stood at one moment.
    struct Sample
    {
        qint64 wallNs = 0;
        qint64 cpuNs = 0;      ///< the thread's CPU time
        qint64 runDelayNs = 0; ///< runnable but not running
        long voluntary = 0;    ///< context switches: blocked (a semaphore, a mutex, a poll)
        long involuntary = 0;  ///< context switches: preempted
    };

    /// Opens the calling thread's schedstat: sample() only on this thread.
    ThreadClocks();
    ~ThreadClocks();
    ThreadClocks(const ThreadClocks &) = delete;
    ThreadClocks &operator=(const ThreadClocks &) = delete;

    Sample sample() const;

private:
    int m_schedstat = -1;
};
