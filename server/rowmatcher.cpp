#include "rowmatcher.h"

namespace mstore {

RowMatcher::RowMatcher(const Collection &collection, const Filter &filter)
    : m_collection(collection), m_filter(filter)
{
    const std::vector<KeywordMatch> required = filter.requiredKeywords();
    for (const KeywordMatch &match : required) {
        const FacetColumn *column = collection.facetColumn(match.key);
        // Only a keyword index holds exactly the strings a match value compares with.
        if (!column || collection.payloadIndexesUnlocked().at(match.key).type != "keyword")
            continue;
        const auto id = column->idOf(Json(match.value));
        if (!id) {
            m_nothing = true;
            return;
        }
        m_required.emplace_back(column, *id);
    }
    m_columnsDecide = filter.onlyKeywords() && m_required.size() == required.size();
}

std::optional<size_t> RowMatcher::indexedCount() const
{
    if (m_nothing)
        return 0;
    if (m_columnsDecide && m_required.size() == 1)
        return m_required.front().first->pointCount(m_required.front().second);
    return std::nullopt;
}

} // namespace mstore
