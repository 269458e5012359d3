#pragma once

#include "json.h"
#include "payloadpath.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace mstore {

/// How many live points a payload index holds a value for (Qdrant's payload_schema "points"):
/// kept row by row on every write, so collection info does not walk every payload per index.
class IndexedPointCount
{
public:
    /// accepts: whether the index takes a value (PayloadIndexSpec::accepts).
    IndexedPointCount(PayloadPath path, std::function<bool(const Json &)> accepts)
        : m_path(std::move(path))
        , m_accepts(std::move(accepts))
    { }

    /// Takes row's payload as it is now (after an upsert or a payload change).
    void set(uint32_t row, const Json &payload)
    {
        std::vector<const Json *> values;
        m_path.collectFlat(payload, values);
        bool holds = false;
        for (const Json *value : values)
            holds = holds || m_accepts(*value);
        if (row >= m_holds.size())
            m_holds.resize(row + 1, 0);
        m_count += size_t(holds) - size_t(m_holds[row]);
        m_holds[row] = holds;
    }
    /// Forgets row (its point is deleted).
    void clear(uint32_t row)
    {
        if (row < m_holds.size() && m_holds[row]) {
            m_holds[row] = 0;
            --m_count;
        }
    }
    size_t count() const { return m_count; }

private:
    PayloadPath m_path;
    std::function<bool(const Json &)> m_accepts;
    std::vector<uint8_t> m_holds; ///< per row: 1 when the index holds a value of it
    size_t m_count = 0;
};

} // namespace mstore
