#pragma once

#include "distance.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace mstore {

struct ScoredRow
{
    uint32_t row;
    float score;
};

/// Accepts or rejects a row during a search; an empty function accepts every row.
/// Called from several threads at once, so it must only read.
using RowFilter = std::function<bool(uint32_t row)>;

/// Storage and nearest-neighbour search for one (named) vector of a collection.
/// Rows are the collection's dense point slots. Exact search today; an ANN index (hnswlib)
/// can implement the same interface later.
class VectorIndex
{
public:
    virtual ~VectorIndex() = default;

    virtual size_t dimension() const = 0;
    virtual Distance distance() const = 0;

    /// Stores a copy of the vector for row. Cosine vectors must already be normalised.
    virtual void set(uint32_t row, const float *vector) = 0;
    virtual void remove(uint32_t row) = 0;
    virtual bool contains(uint32_t row) const = 0;
    /// The stored vector, or nullptr when row has none.
    virtual const float *vector(uint32_t row) const = 0;
    /// How many rows hold a vector.
    virtual size_t size() const = 0;

    /// The best `limit` accepted rows, best first (ties: lower row first). A threshold keeps
    /// scores >= it when larger is better, <= it otherwise. Reads only: safe under a shared lock.
    virtual std::vector<ScoredRow> search(const float *query, size_t limit, const RowFilter &accept,
                                          std::optional<float> threshold) const = 0;
};

/// Brute-force search over contiguous float32 rows, SIMD kernels, split across cores.
std::unique_ptr<VectorIndex> makeExactVectorIndex(size_t dimension, Distance distance);

} // namespace mstore
