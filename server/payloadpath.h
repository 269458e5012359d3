#pragma once

#include "json.h"

#include <string>
#include <string_view>
#include <vector>

namespace mstore {

/// A payload key as Qdrant writes it: `a.b`, `a[].b` (every element of array a), `a[2].b`,
/// and `"quoted.key"` segments. Used by filters, facets, order_by, payload selectors and
/// payload key operations.
class PayloadPath
{
public:
    /// Throws ApiError (400) naming the key when it cannot be parsed.
    static PayloadPath parse(std::string_view key);

    const std::string &text() const { return m_text; }

    /// Every value at the path. `[]` flattens arrays; a plain key that meets an array of objects
    /// looks into each element (as Qdrant does). Arrays at the end are returned as one value.
    void collect(const Json &payload, std::vector<const Json *> &out) const;
    /// Like collect, but arrays at the end are flattened into their elements (match semantics).
    void collectFlat(const Json &payload, std::vector<const Json *> &out) const;

    /// Removes the key from payload (delete_payload); a missing key is no error.
    void remove(Json &payload) const;
    /// Merges object `value` into the object at the path, creating objects on the way
    /// (set_payload with `key`).
    void mergeAt(Json &payload, const Json &value) const;

    /// For with_payload include lists: copies only the selected parts of payload into out.
    void copyInto(const Json &payload, Json &out) const;

    struct Segment
    {
        std::string key;
        enum class Index { None, All, One } index = Index::None;
        size_t position = 0;
    };
    const std::vector<Segment> &segments() const { return m_segments; }

private:
    std::string m_text;
    std::vector<Segment> m_segments;
};

} // namespace mstore
