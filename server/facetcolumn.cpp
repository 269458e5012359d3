#include "facetcolumn.h"

#include "pointid.h"

#include <algorithm>

namespace mstore {

FacetColumn::FacetColumn(PayloadPath path, std::string type)
    : m_path(std::move(path)), m_type(std::move(type))
{
}

bool FacetColumn::facetable(const std::string &type)
{
    return type == "keyword" || type == "integer" || type == "bool" || type == "uuid";
}

void FacetColumn::set(uint32_t row, const Json &payload)
{
    // Acquire the new values before releasing the old ones, so that an unchanged value keeps
    // its id instead of being freed and taken again.
    std::vector<const Json *> found;
    m_path.collectFlat(payload, found);
    std::vector<uint32_t> ids;
    for (const Json *value : found) {
        // The facet reads the index: only values of its type count (a keyword index holds no
        // numbers, as PayloadIndexSpec::accepts says), and UUIDs count in their canonical
        // form, as Qdrant prints them.
        Json canonical;
        if ((m_type == "keyword" && value->is_string())
            || (m_type == "integer" && value->is_number_integer())
            || (m_type == "bool" && value->is_boolean())) {
            canonical = *value;
        } else if (m_type == "uuid" && value->is_string()) {
            const auto uuid = PointId::fromUuid(value->get_ref<const std::string &>());
            if (!uuid)
                continue;
            canonical = uuid->toString();
        } else {
            continue;
        }
        const auto known = m_ids.find(canonical);
        // A point counts once per distinct value.
        if (known != m_ids.end()
            && std::find(ids.begin(), ids.end(), known->second) != ids.end())
            continue;
        ids.push_back(acquire(canonical));
    }
    clear(row);
    if (row >= m_single.size())
        m_single.resize(size_t(row) + 1, kNone);
    if (ids.size() == 1) {
        m_single[row] = ids.front();
    } else if (ids.size() > 1) {
        m_single[row] = kMulti;
        m_multi[row] = std::move(ids);
    }
}

void FacetColumn::clear(uint32_t row)
{
    if (row >= m_single.size() || m_single[row] == kNone)
        return;
    forEachValue(row, [this](uint32_t id) { release(id); });
    if (m_single[row] == kMulti)
        m_multi.erase(row);
    m_single[row] = kNone;
}

uint32_t FacetColumn::acquire(const Json &value)
{
    const auto known = m_ids.find(value);
    if (known != m_ids.end()) {
        ++m_counts[known->second];
        return known->second;
    }
    uint32_t id;
    if (!m_freeIds.empty()) {
        id = m_freeIds.back();
        m_freeIds.pop_back();
        m_values[id] = value;
    } else {
        id = static_cast<uint32_t>(m_values.size());
        m_values.push_back(value);
        m_counts.push_back(0);
    }
    m_ids.emplace(value, id);
    m_counts[id] = 1;
    return id;
}

void FacetColumn::release(uint32_t id)
{
    if (--m_counts[id] > 0)
        return;
    // No point holds the value any more: forget it, so that values that come and go (ids,
    // timestamps as keywords) do not grow the dictionary for ever.
    m_ids.erase(m_values[id]);
    m_values[id] = Json();
    m_freeIds.push_back(id);
}

} // namespace mstore
