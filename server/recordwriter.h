#pragma once

#include "collection.h"
#include "selectors.h"

#include <optional>
#include <string>

namespace mstore {

/// Writes points as Qdrant's `Record` ({id, payload, vector}) and `ScoredPoint`
/// ({id, version, score, payload, vector}) JSON. The caller holds the collection's read lock.
class RecordWriter
{
public:
    RecordWriter(const Collection &collection, PayloadSelector payload, VectorSelector vectors);

    void writeRecord(std::string &out, uint32_t row) const;
    void writeScored(std::string &out, uint32_t row, float score) const;
    /// A record of an order_by scroll: carries the value it was ordered by.
    void writeOrdered(std::string &out, uint32_t row, double orderValue, bool integral) const;
    /// A ScoredPoint of a query that Qdrant answers with a scroll (no `query`, or order_by):
    /// version 0 and score 1.0, as its local shard reports them, plus the order value if any.
    void writeScrolled(std::string &out, uint32_t row, const Json *orderValue) const;

private:
    void writeBody(std::string &out, uint32_t row) const;
    void writeVectors(std::string &out, uint32_t row) const;

    const Collection &m_collection;
    PayloadSelector m_payload;
    VectorSelector m_vectors;
};

} // namespace mstore
