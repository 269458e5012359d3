#include "rowmatcher.h"

namespace mstore {

RowMatcher::RowMatcher(const Collection &collection, const Filter &filter)
    : m_collection(collection), m_filter(filter)
{
    for (const KeywordMatch &match : filter.requiredKeywords()) {
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
}

} // namespace mstore
