#include "threadclocks.h"

#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

qint64 clockNs(clockid_t clock)
{
    timespec now {};
    clock_gettime(clock, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

ThreadClocks::ThreadClocks()
    : m_schedstat(::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC))
{ }

ThreadClocks::~ThreadClocks()
{
    if (m_schedstat >= 0)
        ::close(m_schedstat);
}

ThreadClocks::Sample ThreadClocks::sample() const
{
    Sample now;
    now.wallNs = clockNs(CLOCK_MONOTONIC);
    now.cpuNs = clockNs(CLOCK_THREAD_CPUTIME_ID);
    if (m_schedstat >= 0) {
        // "exec_ns run_delay_ns timeslices"
        char text[96];
        const ssize_t got = ::pread(m_schedstat, text, sizeof text - 1, 0);
        if (got > 0) {
            text[got] = '\0';
            char *next = nullptr;
            std::strtoll(text, &next, 10);
            now.runDelayNs = std::strtoll(next, nullptr, 10);
        }
    }
    rusage usage {};
    getrusage(RUSAGE_THREAD, &usage);
    now.voluntary = usage.ru_nvcsw;
    now.involuntary = usage.ru_nivcsw;
    return now;
}
