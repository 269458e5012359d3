#pragma once

#include "json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mstore {

/// A payload key as Qdrant writes it: `a.b`, `a[].b` (every element of array a), `a[2].b`,
/// and `"quoted.key"` segments. Used by filters, facets, order_by, payload selectors and
/// payload key operations. Semantics follow Qdrant's JsonPath (lib/segment/src/json_path):
/// a plain key does not look into arrays; only `[]` and `[n]` do.
class PayloadPath
{
public:
    /// Throws ApiError (400) naming the key when it cannot be parsed.
    static PayloadPath parse(std::string_view key);
    /// Like parse, but returns nullopt instead of throwing.
    static std::optional<PayloadPath> tryParse(std::string_view key);

    const std::string &text() const { return m_text; }

    /// Every value at the path. `[]` flattens arrays, `[n]` picks one element; a key step only
    /// enters objects (`a.b` finds nothing when a is an array). Arrays at the end are returned
    /// as one value.
    void collect(const Json &payload, std::vector<const Json *> &out) const;
    /// Like collect, but arrays at the end are flattened into their elements (match semantics).
    void collectFlat(const Json &payload, std::vector<const Json *> &out) const;

    /// Calls visit(const Json &) for every value collect would return, without allocating;
    /// stops early and returns true as soon as visit returns true.
    template <typename Visit> bool anyValue(const Json &payload, Visit &&visit) const;

    /// Removes the key from payload (delete_payload, with_payload exclude); a missing key is no
    /// error. As in Qdrant, a trailing `[]` empties the array and a trailing `[n]` removes nothing.
    void remove(Json &payload) const;
    /// Merges object `value` into the object at the path, creating objects on the way
    /// (set_payload with `key`). Follows Qdrant's value_set: steps that meet the wrong type
    /// replace it, and null values in `value` delete keys. A non-object value is ignored.
    void mergeAt(Json &payload, const Json &value) const;
    /// Qdrant's merge of set_payload without a key: copies src's keys into dest (an object),
    /// deleting the keys whose value is null.
    static void mergeObject(Json &dest, const Json &src);

    /// For with_payload include lists: copies only the selected parts of payload into out
    /// (made an object when it is not one). Calling it once per include key gives the same
    /// result as Qdrant's include filter over all keys.
    void copyInto(const Json &payload, Json &out) const;

    /// This path with `[]` appended unless it already ends with `[]` (nested conditions).
    PayloadPath arrayKey() const;

    /// One segment per path item: a key (index None; the first segment is always a key),
    /// `[]` (index All) or `[n]` (index One, position n).
    struct Segment
    {
        std::string key;
        enum class Index { None, All, One } index = Index::None;
        size_t position = 0;
    };
    const std::vector<Segment> &segments() const { return m_segments; }

private:
    template <typename Visit> bool anyFrom(size_t segment, const Json &value, Visit &visit) const;

    std::string m_text;
    std::vector<Segment> m_segments;
};

template <typename Visit> bool PayloadPath::anyValue(const Json &payload, Visit &&visit) const
{
    if (!payload.is_object() || m_segments.empty())
        return false;
    const auto &object = payload.get_ref<const Json::object_t &>();
    const auto it = object.find(m_segments.front().key);
    if (it == object.end())
        return false;
    return anyFrom(1, it->second, visit);
}

template <typename Visit>
bool PayloadPath::anyFrom(size_t segment, const Json &value, Visit &visit) const
{
    // Iterative while the path is a single chain, recursive only at `[]` fan-outs.
    const Json *current = &value;
    for (; segment < m_segments.size(); ++segment) {
        const Segment &s = m_segments[segment];
        switch (s.index) {
        case Segment::Index::None: {
            if (!current->is_object())
                return false;
            const auto &object = current->get_ref<const Json::object_t &>();
            const auto it = object.find(s.key);
            if (it == object.end())
                return false;
            current = &it->second;
            break;
        }
        case Segment::Index::One: {
            if (!current->is_array() || s.position >= current->size())
                return false;
            current = &(*current)[s.position];
            break;
        }
        case Segment::Index::All: {
            if (!current->is_array())
                return false;
            for (const Json &element : current->get_ref<const Json::array_t &>()) {
                if (anyFrom(segment + 1, element, visit))
                    return true;
            }
            return false;
        }
        }
    }
    return visit(*current);
}

} // namespace mstore
