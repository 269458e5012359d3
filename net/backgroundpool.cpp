#include "backgroundpool.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>
#endif

BackgroundPool::BackgroundPool(int maxThreads, QObject *parent)
    : QThreadPool(parent)
{
    setMaxThreadCount(std::max(1, maxThreads));
}

BackgroundPool::~BackgroundPool()
{
    waitForDone();
}

void BackgroundPool::lowerCurrentThread()
{
    // The pool's threads are its own, so a thread once lowered stays so until it expires.
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
#ifdef Q_OS_LINUX
    // Under Linux's normal policy QThread's priorities do nothing but Idle (SCHED_IDLE); the
    // nice value is per thread there.
    // Never raised: a console started under nice keeps at least its own.
    const auto thread = id_t(gettid());
    errno = 0;
    const int now = getpriority(PRIO_PROCESS, thread);
    if (errno == 0 && now < Nice)
        setpriority(PRIO_PROCESS, thread, Nice);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}
