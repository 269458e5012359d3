#include "fieldcondition.h"

#include "datetime.h"

#include <cfloat>
#include <cmath>
#include <limits>

namespace mstore {

namespace {

// serde_json's as_i64: integers that fit an i64; floats (even 3.0) do not count.
bool asInt64(const Json &value, int64_t &out)
{
    if (value.is_number_unsigned()) {
        const uint64_t u = value.get<uint64_t>();
        if (u > uint64_t(std::numeric_limits<int64_t>::max()))
            return false;
        out = int64_t(u);
        return true;
    }
    if (value.is_number_integer()) {
        out = value.get<int64_t>();
        return true;
    }
    return false;
}

// A payload geo point: an object with numeric lon and lat (not range-checked, as in Qdrant).
bool payloadGeoPoint(const Json &value, GeoPoint &out)
{
    if (!value.is_object())
        return false;
    const auto lon = value.find("lon");
    const auto lat = value.find("lat");
    if (lon == value.end() || lat == value.end() || !lon->is_number() || !lat->is_number())
        return false;
    out.lon = lon->get<double>();
    out.lat = lat->get<double>();
    return true;
}

const Json *field(const Json &object, const char *name)
{
    const auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

const Json &requiredField(const Json &object, const char *name, const std::string &where)
{
    const auto it = object.find(name);
    if (it == object.end())
        throwFilterFormatError(where, std::string("missing field `") + name + "`");
    return *it;
}

GeoPoint parseGeoPoint(const Json &value, const std::string &where)
{
    if (!value.is_object())
        throwFilterFormatError(where, "expected a geo point {\"lon\": ..., \"lat\": ...}");
    const Json &lon = requiredField(value, "lon", where);
    const Json &lat = requiredField(value, "lat", where);
    if (!lon.is_number())
        throwFilterFormatError(where + ".lon", "expected a number");
    if (!lat.is_number())
        throwFilterFormatError(where + ".lat", "expected a number");
    GeoPoint p {lon.get<double>(), lat.get<double>()};
    if (!(p.lon >= -180 && p.lon <= 180 && p.lat >= -90 && p.lat <= 90)) {
        throwFilterFormatError(where,
            "Wrong format of GeoPoint payload: expected `lat` = " + lat.dump()
                + " within [-90;90] and `lon` = " + lon.dump() + " within [-180;180]");
    }
    return p;
}

std::vector<GeoPoint> parseLineString(const Json &value, const std::string &where)
{
    if (!value.is_object())
        throwFilterFormatError(where, "expected a line string {\"points\": [...]}");
    const Json &points = requiredField(value, "points", where);
    if (!points.is_array())
        throwFilterFormatError(where + ".points", "expected a list of geo points");
    std::vector<GeoPoint> line;
    line.reserve(points.size());
    for (size_t i = 0; i < points.size(); ++i)
        line.push_back(parseGeoPoint(points[i], where + ".points[" + std::to_string(i) + "]"));
    if (line.size() <= 3) {
        throwFilterFormatError(where,
            "polygon invalid, the size must be at least 4, got " + std::to_string(line.size()));
    }
    if (std::fabs(line.front().lat - line.back().lat) > DBL_EPSILON
        || std::fabs(line.front().lon - line.back().lon) > DBL_EPSILON) {
        throwFilterFormatError(where,
            "polygon invalid, the first and the last points should be "
            "the same to form a closed line");
    }
    return line;
}

bool isUnicodeSpace(uint32_t c)
{
    return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0x85 || c == 0xa0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
        || c == 0x3000;
}

// Rust's str::split_whitespace: splits on Unicode White_Space, drops empty pieces.
std::vector<std::string> splitWhitespace(std::string_view text)
{
    std::vector<std::string> tokens;
    size_t start = 0;
    size_t i = 0;
    while (i < text.size()) {
        const auto b = static_cast<unsigned char>(text[i]);
        uint32_t c = b;
        size_t len = 1;
        if (b >= 0xc0 && b < 0xe0 && i + 1 < text.size()) {
            c = ((b & 0x1fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3fu);
            len = 2;
        } else if (b >= 0xe0 && b < 0xf0 && i + 2 < text.size()) {
            c = ((b & 0x0fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3fu) << 6)
                | (static_cast<unsigned char>(text[i + 2]) & 0x3fu);
            len = 3;
        }
        if (isUnicodeSpace(c)) {
            if (i > start)
                tokens.emplace_back(text.substr(start, i - start));
            start = i + len;
        }
        i += len;
    }
    if (start < text.size())
        tokens.emplace_back(text.substr(start));
    return tokens;
}

} // namespace

std::unique_ptr<const Filter::Node> FieldConditionNode::parse(
    const Json &condition, const std::string &where)
{
    auto node = std::make_unique<FieldConditionNode>();
    const Json &key = requiredField(condition, "key", where);
    if (!key.is_string())
        throwFilterFormatError(where + ".key", "expected a string");
    auto path = PayloadPath::tryParse(key.get_ref<const std::string &>());
    if (!path)
        throwFilterFormatError(
            where + ".key", "Invalid json path: '" + key.get<std::string>() + "'");
    node->m_key = std::move(*path);

    bool any = false;
    if (const Json *match = field(condition, "match")) {
        node->parseMatch(*match, where + ".match");
        any = true;
    }
    if (const Json *range = field(condition, "range")) {
        node->parseRange(*range, where + ".range");
        any = true;
    }
    if (const Json *box = field(condition, "geo_bounding_box")) {
        const std::string w = where + ".geo_bounding_box";
        if (!box->is_object())
            throwFilterFormatError(w, "expected {\"top_left\": ..., \"bottom_right\": ...}");
        node->m_boxTopLeft = parseGeoPoint(requiredField(*box, "top_left", w), w + ".top_left");
        node->m_boxBottomRight
            = parseGeoPoint(requiredField(*box, "bottom_right", w), w + ".bottom_right");
        any = true;
    }
    if (const Json *radius = field(condition, "geo_radius")) {
        const std::string w = where + ".geo_radius";
        if (!radius->is_object())
            throwFilterFormatError(w, "expected {\"center\": ..., \"radius\": ...}");
        node->m_radiusCenter = parseGeoPoint(requiredField(*radius, "center", w), w + ".center");
        const Json &meters = requiredField(*radius, "radius", w);
        if (!meters.is_number())
            throwFilterFormatError(w + ".radius", "expected a number of meters");
        node->m_radius = meters.get<double>();
        any = true;
    }
    if (const Json *polygon = field(condition, "geo_polygon")) {
        const std::string w = where + ".geo_polygon";
        if (!polygon->is_object())
            throwFilterFormatError(w, "expected {\"exterior\": ..., \"interiors\": [...]}");
        node->m_exterior = parseLineString(requiredField(*polygon, "exterior", w), w + ".exterior");
        if (const Json *interiors = field(*polygon, "interiors")) {
            if (!interiors->is_array())
                throwFilterFormatError(w + ".interiors", "expected a list of line strings");
            for (size_t i = 0; i < interiors->size(); ++i) {
                node->m_interiors.push_back(
                    parseLineString((*interiors)[i], w + ".interiors[" + std::to_string(i) + "]"));
            }
        }
        node->m_hasPolygon = true;
        any = true;
    }
    if (const Json *count = field(condition, "values_count")) {
        const std::string w = where + ".values_count";
        if (!count->is_object())
            throwFilterFormatError(w, "expected an object with gt, gte, lt or lte");
        const auto bound = [&](const char *name, std::optional<uint64_t> &out) {
            const Json *v = field(*count, name);
            if (!v)
                return;
            uint64_t n = 0;
            if (!asUint64(*v, n))
                throwFilterFormatError(w + "." + name, "expected a non-negative integer");
            out = n;
        };
        bound("lt", node->m_countBounds.lt);
        bound("gt", node->m_countBounds.gt);
        bound("lte", node->m_countBounds.lte);
        bound("gte", node->m_countBounds.gte);
        node->m_hasValuesCount = true;
        any = true;
    }
    const auto flag = [&](const char *name, std::optional<bool> &out) {
        const Json *v = field(condition, name);
        if (!v)
            return;
        if (!v->is_boolean())
            throwFilterFormatError(where + "." + name, "expected true or false");
        out = v->get<bool>();
        any = true;
    };
    flag("is_empty", node->m_isEmpty);
    flag("is_null", node->m_isNull);
    if (!any)
        throwFilterValidationError(where, "At least one field condition must be specified");
    return node;
}

void FieldConditionNode::parseMatch(const Json &match, const std::string &where)
{
    if (!match.is_object())
        throwFilterFormatError(where, "expected an object such as {\"value\": ...}");
    // Qdrant's Match is an untagged enum: the first variant that deserializes wins.
    std::string firstError;
    for (const char *name : {"value", "text", "text_any", "phrase", "prefix", "any", "except"}) {
        if (parseMatchVariant(match, name, where, firstError))
            return;
    }
    if (firstError.empty()) {
        throwFilterFormatError(where,
            "expected one of value, text, text_any, phrase, prefix, "
            "any, except");
    }
    throw ApiError::jsonError(firstError);
}

bool FieldConditionNode::parseMatchVariant(
    const Json &match, const char *name, const std::string &where, std::string &error)
{
    const auto it = match.find(name);
    if (it == match.end())
        return false;
    const Json &v = *it;
    const std::string w = where + "." + name;
    const auto fail = [&](const std::string &what) {
        if (error.empty())
            error = w + ": " + what;
        return false;
    };
    const std::string_view kind = name;
    if (kind == "value") {
        if (v.is_string()) {
            m_valueKind = ValueKind::String;
            m_string = v.get<std::string>();
        } else if (v.is_boolean()) {
            m_valueKind = ValueKind::Bool;
            m_bool = v.get<bool>();
        } else if (asInt64(v, m_integer)) {
            m_valueKind = ValueKind::Integer;
        } else {
            return fail("expected a string, an integer or a boolean, got " + describeJson(v));
        }
        m_match = MatchKind::Value;
        return true;
    }
    if (kind == "any" || kind == "except") {
        if (!v.is_array())
            return fail("expected a list of strings or a list of integers");
        bool strings = true;
        bool integers = true;
        for (const Json &item : v) {
            int64_t n = 0;
            strings = strings && item.is_string();
            integers = integers && asInt64(item, n);
        }
        if (strings) {
            m_listOfStrings = true;
            for (const Json &item : v)
                m_strings.insert(item.get<std::string>());
        } else if (integers) {
            m_listOfStrings = false;
            for (const Json &item : v)
                m_integers.insert(item.get<int64_t>());
        } else {
            return fail("expected a list of strings or a list of integers");
        }
        m_match = kind == "any" ? MatchKind::Any : MatchKind::Except;
        return true;
    }
    if (!v.is_string())
        return fail("expected a string");
    m_string = v.get<std::string>();
    if (kind == "text_any") {
        m_tokens = splitWhitespace(m_string);
        m_match = MatchKind::TextAny;
    } else if (kind == "prefix") {
        m_match = MatchKind::Prefix;
    } else {
        // Without a full-text index Qdrant matches text and phrase as substrings.
        m_match = MatchKind::Text;
    }
    return true;
}

void FieldConditionNode::parseRange(const Json &range, const std::string &where)
{
    if (!range.is_object())
        throwFilterFormatError(where, "expected an object with gt, gte, lt or lte");
    static constexpr const char *kNames[] = {"lt", "gt", "lte", "gte"};
    bool datetime = false;
    for (const char *name : kNames) {
        const Json *v = field(range, name);
        datetime = datetime || (v && v->is_string());
    }
    // As in Qdrant, any string bound makes it a datetime range.
    m_range = datetime ? RangeKind::Datetime : RangeKind::Number;
    std::optional<double> *numbers[]
        = {&m_numberBounds.lt, &m_numberBounds.gt, &m_numberBounds.lte, &m_numberBounds.gte};
    std::optional<int64_t> *times[] = {
        &m_datetimeBounds.lt, &m_datetimeBounds.gt, &m_datetimeBounds.lte, &m_datetimeBounds.gte};
    for (size_t i = 0; i < 4; ++i) {
        const Json *v = field(range, kNames[i]);
        if (!v)
            continue;
        const std::string w = where + "." + kNames[i];
        if (!datetime) {
            if (!v->is_number())
                throwFilterFormatError(w, "expected a number or a datetime string");
            *numbers[i] = v->get<double>();
            continue;
        }
        if (!v->is_string())
            throwFilterFormatError(w, "expected a datetime string, as the range has one");
        const auto micros = parseDatetime(v->get_ref<const std::string &>());
        if (!micros) {
            throwFilterFormatError(w,
                describeJson(*v)
                    + " does not match accepted datetime format (RFC3339)."
                      " Example: 2014-01-01T00:00:00Z");
        }
        *times[i] = *micros;
    }
}

bool FieldConditionNode::matches(const FilterContext &context) const
{
    bool found = false;
    const bool any = m_key.anyValue(context.payload, [&](const Json &value) {
        found = true;
        return checkValue(value);
    });
    if (found)
        return any;
    // Qdrant's check_empty: only the is_empty / is_null forms can match a missing key.
    if (m_isEmpty)
        return *m_isEmpty;
    if (m_isNull)
        return !*m_isNull;
    return false;
}

void FieldConditionNode::requiredKeywords(std::vector<KeywordMatch> &out) const
{
    if (onlyKeywords())
        out.push_back({m_key.text(), m_string});
}

bool FieldConditionNode::onlyKeywords() const
{
    // Only a lone string match: the other forms of one condition are OR-ed with it.
    const bool alone = m_range == RangeKind::None && !m_radiusCenter && !m_boxTopLeft
        && !m_hasPolygon && !m_hasValuesCount && !m_isEmpty && !m_isNull;
    return alone && m_match == MatchKind::Value && m_valueKind == ValueKind::String;
}

bool FieldConditionNode::checkValue(const Json &value) const
{
    if (m_hasValuesCount)
        return checkCount(value);
    if (m_isEmpty) {
        if (value.is_null())
            return *m_isEmpty;
        if (value.is_array())
            return value.empty() == *m_isEmpty;
        return !*m_isEmpty;
    }
    if (m_isNull) {
        if (value.is_null())
            return *m_isNull;
        if (value.is_array()) {
            bool hasNull = false;
            for (const Json &element : value)
                hasNull = hasNull || element.is_null();
            return hasNull == *m_isNull;
        }
        return !*m_isNull;
    }
    // Only one level of arrays is looked into: an array inside an array is a value of its own.
    if (value.is_array()) {
        for (const Json &element : value) {
            if (checkElement(element))
                return true;
        }
        return false;
    }
    return checkElement(value);
}

bool FieldConditionNode::checkCount(const Json &value) const
{
    const uint64_t count = value.is_null() ? 0 : value.is_array() ? value.size() : 1;
    return m_countBounds.contains(count);
}

bool FieldConditionNode::checkElement(const Json &value) const
{
    if (m_match != MatchKind::None && checkMatch(value))
        return true;
    if (m_range == RangeKind::Number && value.is_number()
        && m_numberBounds.contains(value.get<double>()))
        return true;
    if (m_range == RangeKind::Datetime && value.is_string()) {
        const auto micros = parseDatetime(value.get_ref<const std::string &>());
        if (micros && m_datetimeBounds.contains(*micros))
            return true;
    }
    if (m_radiusCenter || m_boxTopLeft || m_hasPolygon) {
        GeoPoint p;
        if (payloadGeoPoint(value, p)) {
            if (m_radiusCenter && haversineMeters(*m_radiusCenter, p) < m_radius)
                return true;
            if (m_boxTopLeft && inBoundingBox(*m_boxTopLeft, m_boxBottomRight, p))
                return true;
            if (m_hasPolygon && inPolygon(m_exterior, m_interiors, p))
                return true;
        }
    }
    return false;
}

bool FieldConditionNode::checkMatch(const Json &value) const
{
    int64_t n = 0;
    switch (m_match) {
    case MatchKind::None:
        return false;
    case MatchKind::Value:
        switch (m_valueKind) {
        case ValueKind::String:
            return value.is_string() && value.get_ref<const std::string &>() == m_string;
        case ValueKind::Bool:
            return value.is_boolean() && value.get<bool>() == m_bool;
        case ValueKind::Integer:
            return asInt64(value, n) && n == m_integer;
        }
        return false;
    case MatchKind::Text:
        return value.is_string()
            && value.get_ref<const std::string &>().find(m_string) != std::string::npos;
    case MatchKind::TextAny:
        if (!value.is_string())
            return false;
        for (const std::string &token : m_tokens) {
            if (value.get_ref<const std::string &>().find(token) != std::string::npos)
                return true;
        }
        return false;
    case MatchKind::Prefix:
        return value.is_string() && value.get_ref<const std::string &>().starts_with(m_string);
    case MatchKind::Any:
        if (m_listOfStrings)
            return value.is_string() && m_strings.contains(value.get_ref<const std::string &>());
        return asInt64(value, n) && m_integers.contains(n);
    case MatchKind::Except:
        return checkExcept(value);
    }
    return false;
}

bool FieldConditionNode::checkExcept(const Json &value) const
{
    // Qdrant's table: null never matches; a value of the list's type matches when it is not
    // listed; any other type (bool, object, nested array, mismatched type) matches.
    if (value.is_null())
        return false;
    if (value.is_string() && m_listOfStrings)
        return !m_strings.contains(value.get_ref<const std::string &>());
    if (value.is_number() && !m_listOfStrings) {
        int64_t n = 0;
        return !asInt64(value, n) || !m_integers.contains(n);
    }
    return true;
}

} // namespace mstore
