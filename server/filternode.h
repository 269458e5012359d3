#pragma once

// Internal to the filter implementation: the node interface of a parsed filter tree and the
// error helpers its parsers share.

#include "apierror.h"
#include "filter.h"

#include <string>

namespace mstore {

/// What a node evaluates against: a point, or, inside a `nested` condition, one object of the
/// array (then id and hasVector are null: Qdrant does not support has_id / has_vector there).
struct FilterContext
{
    const PointId *id = nullptr;
    const Json &payload;
    const std::function<bool(std::string_view)> *hasVector = nullptr;
};

class Filter::Node
{
public:
    virtual ~Node() = default;
    virtual bool matches(const FilterContext &context) const = 0;
    /// Adds the (key, string) matches every point this node accepts must satisfy: the
    /// `match: {value: "..."}` conditions reachable through `must` only.
    virtual void requiredKeywords(std::vector<KeywordMatch> &) const { }
    /// Whether the matches requiredKeywords() adds are all this node asks: a point matches
    /// exactly when it holds each of them.
    virtual bool onlyKeywords() const { return false; }
};

/// A non-negative integer, whether nlohmann stored it as signed or unsigned.
inline bool asUint64(const Json &value, uint64_t &out)
{
    if (value.is_number_unsigned()) {
        out = value.get<uint64_t>();
        return true;
    }
    if (value.is_number_integer() && value.get<int64_t>() >= 0) {
        out = uint64_t(value.get<int64_t>());
        return true;
    }
    return false;
}

/// Compact JSON text of value for error messages, cut to about 200 characters.
std::string describeJson(const Json &value);

/// Throws the 400 error of a body Qdrant cannot deserialize: "Format error in JSON body:
/// <where>: <what>".
[[noreturn]] void throwFilterFormatError(const std::string &where, const std::string &what);

/// Throws the 422 error of a body that deserializes but fails validation, worded as Qdrant's
/// "Validation error in JSON body: [<where>: <what>]".
[[noreturn]] void throwFilterValidationError(const std::string &where, const std::string &what);

} // namespace mstore
