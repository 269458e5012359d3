#pragma once

#include "filternode.h"
#include "geo.h"
#include "payloadpath.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace mstore {

/// A Qdrant FieldCondition ({"key": ..., "match" | "range" | "geo_*" | "values_count" |
/// "is_empty" | "is_null": ...}), parsed once into precomputed bounds and sets. Evaluation
/// follows Qdrant's condition_checker.rs: a missing key only satisfies is_empty / is_null
/// forms; otherwise the point matches when any value at the key does, an array value matching
/// when any of its elements does; several sub-conditions in one FieldCondition are OR-ed.
class FieldConditionNode final : public Filter::Node
{
public:
    /// Parses an object that has a "key"; where names it in error messages.
    static std::unique_ptr<const Filter::Node> parse(
        const Json &condition, const std::string &where);

    bool matches(const FilterContext &context) const override;
    void requiredKeywords(std::vector<KeywordMatch> &out) const override;
    bool onlyKeywords() const override;

private:
    enum class MatchKind { None, Value, Text, TextAny, Prefix, Any, Except };
    enum class ValueKind { String, Integer, Bool };
    enum class RangeKind { None, Number, Datetime };

    template <typename T> struct Bounds
    {
        std::optional<T> lt, gt, lte, gte;
        bool contains(T v) const
        {
            return (!lt || v < *lt) && (!gt || v > *gt) && (!lte || v <= *lte)
                && (!gte || v >= *gte);
        }
    };

    void parseMatch(const Json &match, const std::string &where);
    bool parseMatchVariant(
        const Json &match, const char *name, const std::string &where, std::string &error);
    void parseRange(const Json &range, const std::string &where);

    bool checkValue(const Json &value) const;
    bool checkElement(const Json &value) const;
    bool checkMatch(const Json &value) const;
    bool checkExcept(const Json &value) const;
    bool checkCount(const Json &value) const;

    PayloadPath m_key;

    MatchKind m_match = MatchKind::None;
    ValueKind m_valueKind = ValueKind::String;
    std::string m_string; // value, text, phrase, prefix
    int64_t m_integer = 0;
    bool m_bool = false;
    std::vector<std::string> m_tokens; // text_any
    bool m_listOfStrings = true; // any / except
    std::unordered_set<std::string> m_strings;
    std::unordered_set<int64_t> m_integers;

    RangeKind m_range = RangeKind::None;
    Bounds<double> m_numberBounds;
    Bounds<int64_t> m_datetimeBounds;

    std::optional<GeoPoint> m_radiusCenter;
    double m_radius = 0;
    std::optional<GeoPoint> m_boxTopLeft;
    GeoPoint m_boxBottomRight;
    bool m_hasPolygon = false;
    std::vector<GeoPoint> m_exterior;
    std::vector<std::vector<GeoPoint>> m_interiors;

    bool m_hasValuesCount = false;
    Bounds<uint64_t> m_countBounds;

    std::optional<bool> m_isEmpty;
    std::optional<bool> m_isNull;
};

} // namespace mstore
