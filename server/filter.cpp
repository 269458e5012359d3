#include "filter.h"

#include "fieldcondition.h"
#include "filternode.h"
#include "payloadpath.h"
#include "siphash.h"

#include <algorithm>
#include <limits>

namespace mstore {

namespace {

// Json::dump recurses without limit and throws on invalid UTF-8; error text must do neither,
// whatever the request holds.
void describeInto(const Json &value, int depth, std::string &out)
{
    if (out.size() > 200)
        return;
    if (value.is_object() || value.is_array()) {
        if (depth >= 8) {
            out += value.is_object() ? "{...}" : "[...]";
            return;
        }
        out += value.is_object() ? '{' : '[';
        bool first = true;
        for (auto it = value.begin(); it != value.end() && out.size() <= 200; ++it) {
            if (!first)
                out += ',';
            first = false;
            if (value.is_object()) {
                out += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace);
                out += ':';
            }
            describeInto(*it, depth + 1, out);
        }
        out += value.is_object() ? '}' : ']';
        return;
    }
    out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace

std::string describeJson(const Json &value)
{
    std::string text;
    describeInto(value, 0, text);
    if (text.size() > 200) {
        text.resize(197);
        text += "...";
    }
    return text;
}

void throwFilterFormatError(const std::string &where, const std::string &what)
{
    throw ApiError::jsonError(where + ": " + what);
}

void throwFilterValidationError(const std::string &where, const std::string &what)
{
    throw ApiError(422, "Validation error in JSON body: [" + where + ": " + what + "]");
}

namespace {

using NodePtr = std::unique_ptr<const Filter::Node>;

// Filters nest through conditions and `nested`; the limit keeps recursion off the stack's edge
// for hostile bodies (serde_json stops at a JSON depth of 128, about 40 filter levels).
constexpr int kMaxFilterDepth = 40;

class BoolNode final : public Filter::Node
{
public:
    std::vector<NodePtr> m_must;
    std::vector<NodePtr> m_should;
    std::vector<NodePtr> m_mustNot;
    std::vector<NodePtr> m_minShould;
    bool m_hasMinShould = false;
    size_t m_minCount = 0;

    bool isEmpty() const
    {
        return m_must.empty() && m_should.empty() && m_mustNot.empty() && !m_hasMinShould;
    }

    void requiredKeywords(std::vector<KeywordMatch> &out) const override
    {
        for (const NodePtr &c : m_must)
            c->requiredKeywords(out);
    }

    bool onlyKeywords() const override
    {
        return m_should.empty() && m_mustNot.empty() && !m_hasMinShould
            && std::all_of(m_must.begin(), m_must.end(),
                [](const NodePtr &c) { return c->onlyKeywords(); });
    }

    bool matches(const FilterContext &context) const override
    {
        for (const NodePtr &c : m_must) {
            if (!c->matches(context))
                return false;
        }
        for (const NodePtr &c : m_mustNot) {
            if (c->matches(context))
                return false;
        }
        // An empty should list is dropped by Qdrant's filter optimizer, so it is no constraint.
        if (!m_should.empty()) {
            const auto hit = [&](const NodePtr &c) { return c->matches(context); };
            if (std::none_of(m_should.begin(), m_should.end(), hit))
                return false;
        }
        if (m_hasMinShould) {
            size_t count = 0;
            for (const NodePtr &c : m_minShould) {
                if (count >= m_minCount)
                    break;
                count += c->matches(context) ? 1 : 0;
            }
            if (count < m_minCount)
                return false;
        }
        return true;
    }
};

class IsEmptyNode final : public Filter::Node
{
public:
    explicit IsEmptyNode(PayloadPath key)
        : m_key(std::move(key))
    { }

    // Empty when every value at the key is null or [] (so also when there is none).
    bool matches(const FilterContext &context) const override
    {
        return !m_key.anyValue(context.payload,
            [](const Json &v) { return !(v.is_null() || (v.is_array() && v.empty())); });
    }

private:
    PayloadPath m_key;
};

class IsNullNode final : public Filter::Node
{
public:
    explicit IsNullNode(PayloadPath key)
        : m_key(std::move(key))
    { }

    // Null when some value at the key is null itself; [null] is an array, not null.
    bool matches(const FilterContext &context) const override
    {
        return m_key.anyValue(context.payload, [](const Json &v) { return v.is_null(); });
    }

private:
    PayloadPath m_key;
};

class HasIdNode final : public Filter::Node
{
public:
    explicit HasIdNode(std::vector<PointId> ids)
        : m_ids(std::move(ids))
    {
        std::sort(m_ids.begin(), m_ids.end());
    }

    bool matches(const FilterContext &context) const override
    {
        return context.id && std::binary_search(m_ids.begin(), m_ids.end(), *context.id);
    }

private:
    std::vector<PointId> m_ids;
};

class HasVectorNode final : public Filter::Node
{
public:
    explicit HasVectorNode(std::string name)
        : m_name(std::move(name))
    { }

    bool matches(const FilterContext &context) const override
    {
        return context.hasVector && *context.hasVector && (*context.hasVector)(m_name);
    }

private:
    std::string m_name;
};

class NestedNode final : public Filter::Node
{
public:
    NestedNode(PayloadPath arrayKey, NodePtr filter)
        : m_arrayKey(std::move(arrayKey))
        , m_filter(std::move(filter))
    { }

    // Some single object of the array must satisfy the whole inner filter.
    bool matches(const FilterContext &context) const override
    {
        return m_arrayKey.anyValue(context.payload, [this](const Json &element) {
            if (!element.is_object())
                return false;
            return m_filter->matches(FilterContext {nullptr, element, nullptr});
        });
    }

private:
    PayloadPath m_arrayKey;
    NodePtr m_filter;
};

class SliceNode final : public Filter::Node
{
public:
    SliceNode(uint32_t index, uint32_t total)
        : m_index(index)
        , m_total(total)
    { }

    // hash(id) % total == index, SipHash-2-4 with a zero key over the canonical id bytes:
    // 8 little-endian bytes for numbers, the 16 RFC 4122 bytes for UUIDs.
    bool matches(const FilterContext &context) const override
    {
        if (!context.id)
            return false;
        uint64_t hash = 0;
        if (context.id->isUuid()) {
            hash = sipHash24(0, 0, context.id->uuidBytes().data(), 16);
        } else {
            uint8_t bytes[8];
            for (int i = 0; i < 8; ++i)
                bytes[i] = uint8_t(context.id->number() >> (8 * i));
            hash = sipHash24(0, 0, bytes, 8);
        }
        return hash % m_total == m_index;
    }

private:
    uint32_t m_index;
    uint32_t m_total;
};

std::unique_ptr<BoolNode> parseFilter(
    const Json &value, const std::string &where, int depth, bool asCondition);

PayloadPath parseKey(const Json &key, const std::string &where)
{
    if (!key.is_string())
        throwFilterFormatError(where, "expected a string");
    auto path = PayloadPath::tryParse(key.get_ref<const std::string &>());
    if (!path)
        throwFilterFormatError(where, "Invalid json path: '" + key.get<std::string>() + "'");
    return std::move(*path);
}

const Json &required(const Json &object, const char *name, const std::string &where)
{
    const auto it = object.find(name);
    if (it == object.end())
        throwFilterFormatError(where, std::string("missing field `") + name + "`");
    return *it;
}

// {"key": "..."} of is_empty / is_null.
PayloadPath parsePayloadField(const Json &value, const std::string &where)
{
    if (!value.is_object())
        throwFilterFormatError(where, "expected {\"key\": \"...\"}");
    return parseKey(required(value, "key", where), where + ".key");
}

uint32_t parseUint32(const Json &object, const char *name, const std::string &where)
{
    uint64_t n = 0;
    if (!asUint64(required(object, name, where), n) || n > std::numeric_limits<uint32_t>::max())
        throwFilterFormatError(where + "." + name, "expected an unsigned 32-bit integer");
    return uint32_t(n);
}

NodePtr parseCondition(const Json &value, const std::string &where, int depth)
{
    if (!value.is_object())
        throwFilterFormatError(where, "expected a condition object, got " + describeJson(value));
    // Qdrant tries the variants of its untagged Condition enum in this order.
    if (value.contains("key"))
        return FieldConditionNode::parse(value, where);
    if (const auto it = value.find("is_empty"); it != value.end())
        return std::make_unique<IsEmptyNode>(parsePayloadField(*it, where + ".is_empty"));
    if (const auto it = value.find("is_null"); it != value.end())
        return std::make_unique<IsNullNode>(parsePayloadField(*it, where + ".is_null"));
    if (const auto it = value.find("has_id"); it != value.end()) {
        if (!it->is_array())
            throwFilterFormatError(where + ".has_id", "expected a list of point ids");
        std::vector<PointId> ids;
        ids.reserve(it->size());
        for (size_t i = 0; i < it->size(); ++i) {
            const auto id = PointId::fromJson((*it)[i]);
            if (!id) {
                throwFilterFormatError(where + ".has_id[" + std::to_string(i) + "]",
                    "value " + describeJson((*it)[i])
                        + " is not a valid point ID, valid values are either"
                          " an unsigned integer or a UUID");
            }
            ids.push_back(*id);
        }
        return std::make_unique<HasIdNode>(std::move(ids));
    }
    if (const auto it = value.find("has_vector"); it != value.end()) {
        if (!it->is_string())
            throwFilterFormatError(where + ".has_vector", "expected a vector name");
        return std::make_unique<HasVectorNode>(it->get<std::string>());
    }
    if (const auto it = value.find("nested"); it != value.end()) {
        const std::string w = where + ".nested";
        if (!it->is_object())
            throwFilterFormatError(w, "expected {\"key\": ..., \"filter\": ...}");
        PayloadPath key = parseKey(required(*it, "key", w), w + ".key");
        NodePtr filter = parseFilter(required(*it, "filter", w), w + ".filter", depth + 1, false);
        return std::make_unique<NestedNode>(key.arrayKey(), std::move(filter));
    }
    if (const auto it = value.find("slice"); it != value.end()) {
        const std::string w = where + ".slice";
        if (!it->is_object())
            throwFilterFormatError(w, "expected {\"index\": ..., \"total\": ...}");
        const uint32_t total = parseUint32(*it, "total", w);
        const uint32_t index = parseUint32(*it, "index", w);
        if (total < 1)
            throwFilterValidationError(w + ".total", "value 0 invalid, must be 1 or larger");
        if (index >= total) {
            throwFilterValidationError(w + ".index",
                "value " + std::to_string(index) + " invalid, must be less than total ("
                    + std::to_string(total) + ")");
        }
        return std::make_unique<SliceNode>(index, total);
    }
    return parseFilter(value, where, depth + 1, true);
}

// should / must / must_not: one condition, a list of them, or null.
void parseConditions(
    const Json &value, const std::string &where, int depth, std::vector<NodePtr> &out)
{
    if (value.is_null())
        return;
    if (value.is_object()) {
        out.push_back(parseCondition(value, where, depth));
        return;
    }
    if (!value.is_array())
        throwFilterFormatError(where, "expected a condition or a list of conditions");
    out.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i)
        out.push_back(parseCondition(value[i], where + "[" + std::to_string(i) + "]", depth));
}

std::unique_ptr<BoolNode> parseFilter(
    const Json &value, const std::string &where, int depth, bool asCondition)
{
    if (depth > kMaxFilterDepth)
        throwFilterFormatError(where, "filters are nested too deeply");
    if (!value.is_object())
        throwFilterFormatError(where, "expected a filter object, got " + describeJson(value));
    for (const auto &[name, _] : value.items()) {
        if (name == "must" || name == "should" || name == "must_not" || name == "min_should")
            continue;
        if (asCondition)
            throwFilterFormatError(where, "unknown condition " + describeJson(value));
        throwFilterFormatError(where,
            "unknown field `" + name
                + "`, expected one of `should`, `min_should`, "
                  "`must`, `must_not`");
    }
    auto node = std::make_unique<BoolNode>();
    if (const auto it = value.find("must"); it != value.end())
        parseConditions(*it, where + ".must", depth, node->m_must);
    if (const auto it = value.find("should"); it != value.end())
        parseConditions(*it, where + ".should", depth, node->m_should);
    if (const auto it = value.find("must_not"); it != value.end())
        parseConditions(*it, where + ".must_not", depth, node->m_mustNot);
    if (const auto it = value.find("min_should"); it != value.end() && !it->is_null()) {
        const std::string w = where + ".min_should";
        if (!it->is_object())
            throwFilterFormatError(w, "expected {\"conditions\": [...], \"min_count\": ...}");
        const Json &conditions = required(*it, "conditions", w);
        if (!conditions.is_array())
            throwFilterFormatError(w + ".conditions", "expected a list of conditions");
        parseConditions(conditions, w + ".conditions", depth, node->m_minShould);
        uint64_t minCount = 0;
        if (!asUint64(required(*it, "min_count", w), minCount))
            throwFilterFormatError(w + ".min_count", "expected a non-negative integer");
        node->m_minCount = minCount;
        if (node->m_minCount < 1)
            throwFilterValidationError(w + ".min_count", "value 0 invalid, must be 1 or larger");
        node->m_hasMinShould = true;
    }
    return node;
}

} // namespace

Filter::Filter() = default;

Filter Filter::parse(const Json &filter, std::string_view where)
{
    Filter result;
    if (filter.is_null())
        return result;
    std::unique_ptr<BoolNode> root = parseFilter(filter, std::string(where), 0, false);
    if (!root->isEmpty())
        result.m_root = std::move(root);
    return result;
}

bool Filter::matchesEverything() const
{
    return !m_root;
}

std::vector<KeywordMatch> Filter::requiredKeywords() const
{
    std::vector<KeywordMatch> out;
    if (m_root)
        m_root->requiredKeywords(out);
    return out;
}

bool Filter::onlyKeywords() const
{
    return m_root && m_root->onlyKeywords();
}

bool Filter::matches(const PointView &point) const
{
    return !m_root || m_root->matches(FilterContext {&point.id, point.payload, point.hasVector});
}

} // namespace mstore
