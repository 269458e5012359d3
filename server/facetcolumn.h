#pragma once

#include "json.h"
#include "payloadpath.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace mstore {

/// The values of one facetable payload index (keyword, integer, bool, uuid) for every row,
/// kept on every write, so that a facet counts small integers instead of walking each point's
/// JSON payload: without a filter it reads the per-value point counts (O(distinct values)),
/// with one it adds up the value ids of the matching rows. Values are held as the facet
/// prints them (only those the index accepts, UUIDs canonical), each once per row.
class FacetColumn
{
public:
    FacetColumn(PayloadPath path, std::string type);

    /// Whether a payload index of this type can be faceted (and so gets a column).
    static bool facetable(const std::string &type);

    /// Replaces what row holds with the values of payload.
    void set(uint32_t row, const Json &payload);
    /// Forgets row's values (its point is deleted).
    void clear(uint32_t row);

    /// Calls visit(uint32_t valueId) once for each distinct value row holds.
    template<typename Visit>
    void forEachValue(uint32_t row, Visit &&visit) const
    {
        if (row >= m_single.size() || m_single[row] == kNone)
            return;
        if (m_single[row] != kMulti) {
            visit(m_single[row]);
            return;
        }
        for (const uint32_t id : m_multi.at(row))
            visit(id);
    }

    /// Whether row holds the value of id.
    bool holds(uint32_t row, uint32_t id) const
    {
        if (row >= m_single.size() || m_single[row] == kNone)
            return false;
        if (m_single[row] != kMulti)
            return m_single[row] == id;
        const std::vector<uint32_t> &ids = m_multi.at(row);
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    }
    /// The id of a value some point holds, or nullopt when no point holds it.
    std::optional<uint32_t> idOf(const Json &value) const
    {
        const auto it = m_ids.find(value);
        return it == m_ids.end() ? std::nullopt : std::optional(it->second);
    }

    /// Value ids are below this bound (some may be unused: their count is 0).
    size_t idBound() const { return m_values.size(); }
    /// The value of an id, as the facet prints it.
    const Json &value(uint32_t id) const { return m_values[id]; }
    /// How many live points hold the value.
    size_t pointCount(uint32_t id) const { return m_counts[id]; }

private:
    static constexpr uint32_t kNone = UINT32_MAX;
    static constexpr uint32_t kMulti = UINT32_MAX - 1;

    uint32_t acquire(const Json &value);
    void release(uint32_t id);

    PayloadPath m_path;
    std::string m_type;
    // Most points hold one value: its id in m_single; several go to m_multi (kMulti here).
    std::vector<uint32_t> m_single;
    std::unordered_map<uint32_t, std::vector<uint32_t>> m_multi;
    std::map<Json, uint32_t> m_ids; // Json's order, as the old facet's tie order
    std::vector<Json> m_values;
    std::vector<size_t> m_counts;
    std::vector<uint32_t> m_freeIds; // ids of values no point holds any more, for reuse
};

} // namespace mstore
