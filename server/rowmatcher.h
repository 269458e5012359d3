#pragma once

#include "collection.h"
#include "filter.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace mstore {

/// A filter prepared for a scan over a collection's rows (hold its read lock). The string
/// matches the filter requires on a keyword-indexed field (the tenant condition of a scoped
/// request) are tested first on that index's column, an integer compare, so that the full
/// filter, which walks the JSON payload, runs only on rows that can match. When those matches
/// are the whole filter, the columns decide alone.
class RowMatcher
{
public:
    RowMatcher(const Collection &collection, const Filter &filter);

    /// Whether the point in row (a used row) matches the filter.
    bool matches(uint32_t row) const
    {
        if (m_nothing)
            return false;
        for (const auto &[column, id] : m_required) {
            if (!column->holds(row, id))
                return false;
        }
        return m_columnsDecide || m_collection.rowMatches(row, m_filter);
    }

    /// How many points match, when the index knows it without a scan (a filter of one
    /// indexed keyword match, such as `customer_id` = X alone); nullopt otherwise.
    std::optional<size_t> indexedCount() const;

private:
    const Collection &m_collection;
    const Filter &m_filter;
    std::vector<std::pair<const FacetColumn *, uint32_t>> m_required;
    bool m_nothing = false; // a required value no point holds: nothing matches
    bool m_columnsDecide = false; // the required values are the whole filter
};

} // namespace mstore
