#include "exactvectorindex.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace mstore {

namespace {

constexpr size_t kCacheLine = 64;
constexpr size_t kHugePage = size_t(2) << 20;

/// Storage for `floats` floats. Large blocks are 2 MB aligned and marked for transparent huge
/// pages: a 600 MB scan then walks 300 TLB entries instead of 150k. Pages are only committed
/// when written, so the unused tail of a geometric reserve costs address space, not memory.
float *allocateFloats(size_t floats)
{
    const size_t bytes = floats * sizeof(float);
    const size_t align = bytes >= 2 * kHugePage ? kHugePage : kCacheLine;
    const size_t rounded = (bytes + align - 1) / align * align;
    void *p = std::aligned_alloc(align, rounded);
    if (!p)
        throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (align == kHugePage)
        madvise(p, rounded, MADV_HUGEPAGE); // a hint only: failure just means 4 kB pages
#endif
    return static_cast<float *>(p);
}

#ifdef __linux__
size_t mappedBytes(size_t floats)
{
    const size_t page = 4096;
    return (std::max<size_t>(1, floats) * sizeof(float) + page - 1) / page * page;
}

/// The rows live in an anonymous mapping so that growing them is an mremap: the kernel moves
/// page-table entries instead of copying. With malloc + memcpy, the step from 64k to 128k rows
/// of 1536 floats copied 400 MB under the collection's write lock (0.4 s upsert stalls).
float *remapRows(float *old, size_t oldFloats, size_t newFloats)
{
    const size_t bytes = mappedBytes(newFloats);
    void *p = old ? mremap(old, mappedBytes(oldFloats), bytes, MREMAP_MAYMOVE)
                  : mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE); // a hint only: failure just means 4 kB pages
#endif
    return static_cast<float *>(p);
}
#endif

struct FreeDeleter
{
    void operator()(float *p) const { std::free(p); }
};

unsigned hardwareThreads()
{
    static const unsigned n = std::max(1u, std::thread::hardware_concurrency());
    return n;
}

/// Rows handed to a thread at a time: about 2 MB of vectors, ~0.1 ms of memory bandwidth.
constexpr size_t kBlockFloats = size_t(512) << 10;

/// Order of results: a larger key first, then the lower row. Keys are scores turned so that
/// larger is better (negated for Euclid and Manhattan; negation is exact, so no ties change).
struct Better
{
    bool operator()(const ScoredRow &x, const ScoredRow &y) const
    {
        return x.score > y.score || (x.score == y.score && x.row < y.row);
    }
};

/// One search shared by the calling thread and pool workers. Rows are handed out in blocks
/// from an atomic counter rather than as one fixed chunk per thread: on a machine where other
/// processes (the console's UI, a compiler) hold a core, a worker that the OS does not run
/// simply takes fewer blocks, instead of making the whole search wait for its chunk. Each
/// thread claims increasing block numbers, so its rows still arrive in ascending order and its
/// heap keeps the tie rule.
struct ParallelScan
{
    size_t blocks = 0;
    /// Scans block b into a thread's heap. Refers to the caller's stack (query, filter): only
    /// called for claimed blocks, and the caller returns only once every block is finished.
    std::function<void(size_t block, std::vector<ScoredRow> &heap)> scanBlock;

    std::atomic<size_t> next {0};
    std::mutex mutex;
    std::condition_variable allFinished;
    size_t finished = 0; ///< blocks whose rows are in heaps
    std::vector<std::vector<ScoredRow>> heaps;
    std::exception_ptr error;

    /// Claims and scans blocks until none are left, then hands its heap over.
    void work()
    {
        std::vector<ScoredRow> heap;
        std::exception_ptr failure;
        size_t done = 0;
        for (size_t b = next.fetch_add(1); b < blocks; b = next.fetch_add(1)) {
            if (!failure) {
                try {
                    scanBlock(b, heap);
                } catch (...) {
                    failure = std::current_exception(); // still count the blocks: no hang
                }
            }
            ++done;
        }
        if (done == 0)
            return; // came too late: touches nothing of a search that may have returned
        std::lock_guard lock(mutex);
        finished += done;
        if (!heap.empty())
            heaps.push_back(std::move(heap));
        if (failure && !error)
            error = failure;
        if (finished == blocks)
            allFinished.notify_all();
    }
};

/// hardware threads - 1 workers shared by every index, started on the first parallel search;
/// the calling thread is the remaining one. A pool rather than a std::thread per search:
/// starting and joining a thread costs ~20-60 us, and a pool bounds the threads however many
/// searches run at once (each caller scans too, so a busy pool only means less help).
class WorkerPool
{
public:
    static WorkerPool &instance()
    {
        static WorkerPool pool(std::max(1u, hardwareThreads() - 1));
        return pool;
    }

    size_t size() const { return m_threads.size(); }

    void post(const std::shared_ptr<ParallelScan> &scan, size_t helpers)
    {
        {
            std::lock_guard lock(m_mutex);
            for (size_t i = 0; i < helpers; ++i)
                m_queue.push_back(scan);
        }
        if (helpers == 1)
            m_wake.notify_one();
        else
            m_wake.notify_all();
    }

private:
    explicit WorkerPool(unsigned threads)
    {
        for (unsigned i = 0; i < threads; ++i) {
            try {
                m_threads.emplace_back([this] { run(); });
            } catch (const std::system_error &) {
                break; // fewer helpers; callers scan what nobody takes
            }
        }
    }

    ~WorkerPool()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        for (std::thread &t : m_threads)
            t.join();
    }

    void run()
    {
        for (;;) {
            std::shared_ptr<ParallelScan> scan;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
                if (m_stop)
                    return;
                scan = std::move(m_queue.front());
                m_queue.pop_front();
            }
            scan->work();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::shared_ptr<ParallelScan>> m_queue;
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

} // namespace

std::unique_ptr<VectorIndex> makeExactVectorIndex(size_t dimension, Distance distance)
{
    return std::make_unique<ExactVectorIndex>(dimension, distance);
}

ExactVectorIndex::ExactVectorIndex(size_t dimension, Distance distance)
    : m_dimension(dimension)
    , m_distance(distance)
    , m_score(scoreFunction(defaultSimdLevel(), distance))
    , m_largerIsBetter(largerIsBetter(distance))
{ }

ExactVectorIndex::~ExactVectorIndex()
{
#ifdef __linux__
    if (m_data)
        munmap(m_data, mappedBytes(m_capacity * m_dimension));
#else
    std::free(m_data);
#endif
}

void ExactVectorIndex::setSimdLevel(SimdLevel level)
{
    m_score = scoreFunction(level, m_distance);
}

void ExactVectorIndex::reserveRows(size_t rows)
{
    if (rows <= m_capacity)
        return;
    // Geometric growth keeps set() amortised O(dim) while a collection is filled row by row.
    const size_t capacity = std::max({rows, m_capacity * 2, size_t(16)});
#ifdef __linux__
    m_data = remapRows(m_data, m_capacity * m_dimension, capacity * m_dimension);
#else
    float *data = allocateFloats(std::max<size_t>(1, capacity * m_dimension));
    if (m_data) {
        std::memcpy(data, m_data, size_t(m_end) * m_dimension * sizeof(float));
        std::free(m_data);
    }
    m_data = data;
#endif
    m_capacity = capacity;
}

void ExactVectorIndex::set(uint32_t row, const float *vector)
{
    const size_t rowCount = size_t(row) + 1;
    if (rowCount > m_capacity) {
        // The source may be one of our own rows (vector() of another row): copy it out before
        // the reallocation frees it.
        if (m_data && vector >= m_data && vector < m_data + m_capacity * m_dimension) {
            const std::vector<float> copy(vector, vector + m_dimension);
            reserveRows(rowCount);
            set(row, copy.data());
            return;
        }
        reserveRows(rowCount);
    }
    if (m_present.size() < rowCount)
        m_present.resize(std::max(rowCount, m_present.size() * 2), 0);

    std::memmove(m_data + size_t(row) * m_dimension, vector, m_dimension * sizeof(float));
    if (!m_present[row]) {
        m_present[row] = 1;
        ++m_size;
    }
    m_end = std::max<uint32_t>(m_end, row + 1);
}

void ExactVectorIndex::remove(uint32_t row)
{
    if (!contains(row))
        return;
    m_present[row] = 0;
    --m_size;
    // Keep the scan range tight when the last rows go.
    while (m_end > 0 && !m_present[m_end - 1])
        --m_end;
}

bool ExactVectorIndex::contains(uint32_t row) const
{
    return row < m_end && m_present[row];
}

const float *ExactVectorIndex::vector(uint32_t row) const
{
    return contains(row) ? m_data + size_t(row) * m_dimension : nullptr;
}

void ExactVectorIndex::scanChunk(const float *query, uint32_t begin, uint32_t end, size_t limit,
    const RowFilter &accept, float thresholdKey, std::vector<ScoredRow> &heap) const
{
    // A bounded heap whose front is the worst kept row. Rows come in ascending order, so a
    // later row with an equal key never displaces an earlier one: ties keep the lower row.
    heap.reserve(std::min<size_t>(limit, end - begin));
    const bool filtered = bool(accept);
    const float sign = m_largerIsBetter ? 1.0f : -1.0f;
    const uint8_t *present = m_present.data();
    const float *data = m_data;
    const size_t dim = m_dimension;
    const ScoreFunction scoreRow = m_score;
    for (uint32_t row = begin; row < end; ++row) {
        if (!present[row])
            continue;
        if (filtered && !accept(row))
            continue;
        const float key = sign * scoreRow(query, data + size_t(row) * dim, dim);
        // Also drops NaN scores, which would break the heap's ordering.
        if (!(key >= thresholdKey))
            continue;
        if (heap.size() < limit) {
            heap.push_back({row, key});
            std::push_heap(heap.begin(), heap.end(), Better());
        } else if (key > heap.front().score) {
            std::pop_heap(heap.begin(), heap.end(), Better());
            heap.back() = {row, key};
            std::push_heap(heap.begin(), heap.end(), Better());
        }
    }
}

std::vector<ScoredRow> ExactVectorIndex::search(
    const float *query, size_t limit, const RowFilter &accept, std::optional<float> threshold) const
{
    if (limit == 0 || m_size == 0)
        return {};

    // A cache-line aligned copy of the query, so that no load of it straddles two lines
    // whatever allocator the caller's vector came from: latency then does not depend on the
    // query's address (a few % with AVX2, see docs/decisions/0002-exact-vector-search.md).
    const std::unique_ptr<float, FreeDeleter> alignedQuery(
        allocateFloats(std::max<size_t>(1, m_dimension)));
    std::memcpy(alignedQuery.get(), query, m_dimension * sizeof(float));
    query = alignedQuery.get();

    const float thresholdKey = !threshold ? -std::numeric_limits<float>::infinity()
        : m_largerIsBetter                ? *threshold
                                          : -*threshold;

    // Only as many threads as the scan is worth: it is bound by memory bandwidth, so a small
    // one gains nothing from a second thread and pays for waking it.
    const size_t work = size_t(m_end) * std::max<size_t>(1, m_dimension);
    size_t threads = m_maxThreads ? m_maxThreads : hardwareThreads();
    threads = std::min({threads, work / m_minFloatsPerThread, size_t(m_end)});

    std::vector<ScoredRow> result;
    if (threads <= 1) {
        scanChunk(query, 0, m_end, limit, accept, thresholdKey, result);
    } else {
        WorkerPool &pool = WorkerPool::instance();
        const size_t helpers = std::min(threads - 1, pool.size());
        // Blocks of ~2 MB, but at least 8 per thread so that the split can even out.
        const size_t rowsPerBlock = std::max<size_t>(1,
            std::min(kBlockFloats / std::max<size_t>(1, m_dimension), m_end / ((helpers + 1) * 8)));
        auto scan = std::make_shared<ParallelScan>();
        scan->blocks = (m_end + rowsPerBlock - 1) / rowsPerBlock;
        scan->scanBlock = [&, rowsPerBlock](size_t block, std::vector<ScoredRow> &heap) {
            const uint32_t begin = uint32_t(block * rowsPerBlock);
            const uint32_t end = uint32_t(std::min<size_t>(m_end, begin + rowsPerBlock));
            scanChunk(query, begin, end, limit, accept, thresholdKey, heap);
        };
        pool.post(scan, helpers);
        scan->work();
        std::unique_lock lock(scan->mutex);
        scan->allFinished.wait(lock, [&] { return scan->finished == scan->blocks; });
        if (scan->error)
            std::rethrow_exception(scan->error);

        size_t total = 0;
        for (const auto &heap : scan->heaps)
            total += heap.size();
        result.reserve(total);
        for (const auto &heap : scan->heaps)
            result.insert(result.end(), heap.begin(), heap.end());
    }

    // Each thread kept its best `limit`, so the best `limit` overall are among them.
    std::sort(result.begin(), result.end(), Better());
    if (result.size() > limit)
        result.resize(limit);
    if (!m_largerIsBetter) {
        for (ScoredRow &r : result)
            r.score = -r.score;
    }
    return result;
}

} // namespace mstore
