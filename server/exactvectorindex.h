#pragma once

#include "vectorindex.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace mstore {

/// Instruction sets the distance kernels of distance.cpp are compiled for, picked at run time
/// so that one binary runs on any x86-64; tests and the benchmark compare them. Declared here
/// rather than in distance.h because only the exact index, its test and its benchmark need to
/// pick a kernel.
enum class SimdLevel { Scalar, Avx2, Avx512 };

/// The highest level this CPU (and OS) supports; Scalar on non-x86 builds.
SimdLevel bestSimdLevel();
/// The level score(), normalize() and new indexes use: AVX2+FMA when supported (measured no
/// slower than AVX-512F), else scalar; the MSTORE_SIMD environment variable (scalar, avx2,
/// avx512) overrides, clamped to bestSimdLevel().
SimdLevel defaultSimdLevel();
const char *simdLevelName(SimdLevel level);

/// The score Qdrant reports for a pair, as score() computes it.
using ScoreFunction = float (*)(const float *a, const float *b, size_t dim);
/// The kernel of `level` for `distance`; a level above bestSimdLevel() is clamped to it.
ScoreFunction scoreFunction(SimdLevel level, Distance distance);

/// Brute-force VectorIndex: one float32 array with `dimension` floats per row, rows at their
/// slot (so a scan streams memory in order), and a presence byte per slot. search() scores
/// every present row and keeps the best `limit` in a bounded heap. A large scan is shared by
/// the calling thread and a process-wide pool of (hardware threads - 1) workers, which claim
/// ~2 MB blocks of rows as they go; their heaps are merged at the end, giving exactly the
/// single-threaded result.
class ExactVectorIndex final : public VectorIndex
{
public:
    ExactVectorIndex(size_t dimension, Distance distance);
    ~ExactVectorIndex() override;
    ExactVectorIndex(const ExactVectorIndex &) = delete;
    ExactVectorIndex &operator=(const ExactVectorIndex &) = delete;

    size_t dimension() const override { return m_dimension; }
    Distance distance() const override { return m_distance; }

    void set(uint32_t row, const float *vector) override;
    void remove(uint32_t row) override;
    bool contains(uint32_t row) const override;
    const float *vector(uint32_t row) const override;
    size_t size() const override { return m_size; }

    std::vector<ScoredRow> search(const float *query, size_t limit, const RowFilter &accept,
        std::optional<float> threshold) const override;

    /// Tuning for tests and benchmarks; not to be called while a search runs.
    /// At most maxThreads threads per search, the caller included (0: one per hardware thread,
    /// 1: the caller alone). The pool has hardware threads - 1 workers (at least one).
    void setMaxThreads(unsigned maxThreads) { m_maxThreads = maxThreads; }
    /// A scan is split only so that each thread gets at least this many floats to read: below
    /// that, starting a thread costs more than it saves.
    void setMinFloatsPerThread(size_t floats) { m_minFloatsPerThread = floats ? floats : 1; }
    /// Uses the kernels of `level` (clamped to bestSimdLevel()).
    void setSimdLevel(SimdLevel level);

    /// Default of setMinFloatsPerThread(): 1M floats = 4 MB, ~0.2 ms of memory bandwidth per
    /// thread, well above the cost of waking a worker (see
    /// docs/decisions/0002-exact-vector-search.md).
    static constexpr size_t defaultMinFloatsPerThread = size_t(1) << 20;

private:
    void reserveRows(size_t rows);
    void scanChunk(const float *query, uint32_t begin, uint32_t end, size_t limit,
        const RowFilter &accept, float thresholdKey, std::vector<ScoredRow> &heap) const;

    size_t m_dimension;
    Distance m_distance;
    ScoreFunction m_score;
    bool m_largerIsBetter;

    float *m_data = nullptr; ///< m_capacity rows of m_dimension floats
    size_t m_capacity = 0; ///< rows allocated
    /// One byte per slot below m_end: bytes rather than bits keep the scan loop simple, and
    /// 100k rows cost 100 kB.
    std::vector<uint8_t> m_present;
    uint32_t m_end = 0; ///< one past the highest present row: the scan range
    size_t m_size = 0;

    unsigned m_maxThreads = 0;
    size_t m_minFloatsPerThread = defaultMinFloatsPerThread;
};

} // namespace mstore
