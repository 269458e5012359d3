#include "filtertree.h"
#include "filtertree_p.h"

#include <QDate>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <limits>

// FilterTree: the value and its JSON. Reading JSON: filtertreereader.cpp; validate() and
// describe(): filtertreechecks.cpp.

bool FilterBounds::isEmpty() const
{
    return gt.isUndefined() && gte.isUndefined() && lt.isUndefined() && lte.isUndefined();
}

namespace {

QJsonObject boundsJson(const FilterBounds &bounds)
{
    QJsonObject json;
    if (!bounds.gt.isUndefined())
        json.insert(QStringLiteral("gt"), bounds.gt);
    if (!bounds.gte.isUndefined())
        json.insert(QStringLiteral("gte"), bounds.gte);
    if (!bounds.lt.isUndefined())
        json.insert(QStringLiteral("lt"), bounds.lt);
    if (!bounds.lte.isUndefined())
        json.insert(QStringLiteral("lte"), bounds.lte);
    return json;
}

QJsonObject keyed(const QString &key, const QString &test, const QJsonValue &value)
{
    return QJsonObject {{QStringLiteral("key"), key}, {test, value}};
}

QJsonObject matching(const QString &key, const QString &variant, const QJsonValue &value)
{
    return keyed(key, QStringLiteral("match"), QJsonObject {{variant, value}});
}

} // namespace

QJsonObject FilterCondition::toJson() const
{
    // An unset value is written as null so that an unfinished condition survives a trip
    // through the raw-JSON editor; validate() refuses to send it.
    const QJsonValue text = value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
    switch (kind) {
    case Kind::MatchValue:
        return matching(key, QStringLiteral("value"), text);
    case Kind::MatchAny:
        return matching(key, QStringLiteral("any"), values);
    case Kind::MatchExcept:
        return matching(key, QStringLiteral("except"), values);
    case Kind::MatchText:
        return matching(key, QStringLiteral("text"), text);
    case Kind::MatchTextAny:
        return matching(key, QStringLiteral("text_any"), text);
    case Kind::MatchPhrase:
        return matching(key, QStringLiteral("phrase"), text);
    case Kind::Range:
    case Kind::DatetimeRange:
        return keyed(key, QStringLiteral("range"), boundsJson(bounds));
    case Kind::ValuesCount:
        return keyed(key, QStringLiteral("values_count"), boundsJson(bounds));
    case Kind::IsEmpty:
        return {{QStringLiteral("is_empty"), QJsonObject {{QStringLiteral("key"), key}}}};
    case Kind::IsNull:
        return {{QStringLiteral("is_null"), QJsonObject {{QStringLiteral("key"), key}}}};
    case Kind::HasId:
        return {{QStringLiteral("has_id"), values}};
    }
    return {};
}

FilterCondition FilterCondition::withValue(Kind kind, const QString &key, const QJsonValue &value)
{
    FilterCondition c = onKey(kind, key);
    c.value = value;
    return c;
}

FilterCondition FilterCondition::withValues(Kind kind, const QString &key,
    const QJsonArray &values)
{
    FilterCondition c = onKey(kind, key);
    c.values = values;
    return c;
}

FilterCondition FilterCondition::withBounds(Kind kind, const QString &key,
    const FilterBounds &bounds)
{
    FilterCondition c = onKey(kind, key);
    c.bounds = bounds;
    return c;
}

FilterCondition FilterCondition::onKey(Kind kind, const QString &key)
{
    FilterCondition c;
    c.kind = kind;
    c.key = key;
    return c;
}

FilterNode FilterNode::group(Op op, QList<FilterNode> children)
{
    FilterNode node;
    node.isGroup = true;
    node.op = op;
    node.children = std::move(children);
    return node;
}

FilterNode FilterNode::leaf(FilterCondition condition)
{
    FilterNode node;
    node.isGroup = false;
    node.condition = std::move(condition);
    return node;
}

bool FilterNode::operator==(const FilterNode &other) const
{
    if (isGroup != other.isGroup)
        return false;
    if (isGroup)
        return op == other.op && children == other.children;
    return condition == other.condition;
}

FilterTree::FilterTree(FilterNode root)
    : m_root(root.isGroup ? std::move(root) : FilterNode::group(FilterNode::Op::All, {root}))
{ }

const FilterNode *FilterTree::nodeAt(const QList<int> &path) const
{
    const FilterNode *node = &m_root;
    for (int index : path) {
        if (!node->isGroup || index < 0 || index >= node->children.size())
            return nullptr;
        node = &node->children.at(index);
    }
    return node;
}

// ---- JSON out ----------------------------------------------------------------------------

namespace {

QJsonObject groupJson(const FilterNode &group);

using filtertree_p::isBlank;


QJsonObject nodeJson(const FilterNode &node)
{
    return node.isGroup ? groupJson(node) : node.condition.toJson();
}

QJsonArray nodesJson(const QList<const FilterNode *> &nodes)
{
    QJsonArray array;
    for (const FilterNode *node : nodes)
        array.append(nodeJson(*node));
    return array;
}

bool isGroupWith(const FilterNode *node, FilterNode::Op op)
{
    return node->isGroup && node->op == op;
}

QJsonObject groupJson(const FilterNode &group)
{
    QList<const FilterNode *> nodes;
    for (const FilterNode &child : group.children) {
        if (!isBlank(child))
            nodes.append(&child);
    }
    if (nodes.isEmpty())
        return {};
    if (group.op == FilterNode::Op::Any)
        return {{QStringLiteral("should"), nodesJson(nodes)}};
    if (group.op == FilterNode::Op::None)
        return {{QStringLiteral("must_not"), nodesJson(nodes)}};

    // All: trailing Any and None groups become the object's should and must_not (the shape
    // fromJson reads back as the same tree), when the group holds something besides them.
    const FilterNode *mustNot = nullptr;
    const FilterNode *should = nullptr;
    if (nodes.size() >= 2 && isGroupWith(nodes.last(), FilterNode::Op::None))
        mustNot = nodes.takeLast();
    if ((nodes.size() >= 2 || (mustNot && !nodes.isEmpty()))
        && isGroupWith(nodes.last(), FilterNode::Op::Any)) {
        should = nodes.takeLast();
    }
    QJsonObject json;
    if (!nodes.isEmpty())
        json.insert(QStringLiteral("must"), nodesJson(nodes));
    const auto clause = [](const FilterNode *g) {
        QList<const FilterNode *> inner;
        for (const FilterNode &child : g->children) {
            if (!isBlank(child))
                inner.append(&child);
        }
        return nodesJson(inner);
    };
    if (should)
        json.insert(QStringLiteral("should"), clause(should));
    if (mustNot)
        json.insert(QStringLiteral("must_not"), clause(mustNot));
    return json;
}

} // namespace

QJsonObject FilterTree::toJson() const
{
    return groupJson(m_root);
}

// ---- Datetimes ---------------------------------------------------------------------------

std::optional<qint64> FilterTree::parseDatetime(const QString &text)
{
    // The forms Qdrant's datetime parser takes (see memory-store's datetime.cpp): a date;
    // a date and time without offset ('T' or ' '); RFC 3339 with an offset ('T', 't' or ' ').
    static const QRegularExpression form(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:([Tt ])(\\d{2}):(\\d{2})"
        "(?::(\\d{2})(?:\\.(\\d+))?(?: *([Zz]|[+-]\\d{2}(?::?\\d{2})?))?)?)?$"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    constexpr qint64 unixEpochJulianDay = 2440588;
    const qint64 dayStart = (date.toJulianDay() - unixEpochJulianDay) * 86400;
    if (!m.hasCaptured(4))
        return dayStart * 1000000;

    const QString separator = m.captured(4);
    const int hour = m.captured(5).toInt();
    const int minute = m.captured(6).toInt();
    const int second = m.hasCaptured(7) ? m.captured(7).toInt() : 0;
    const bool hasOffset = m.hasCaptured(9);
    // 't' belongs to RFC 3339 only, which has an offset; second 60 is a leap second.
    if (hour > 23 || minute > 59 || second > 60 || (separator == u"t" && !hasOffset))
        return std::nullopt;
    qint64 micros = 0;
    if (m.hasCaptured(8))
        micros = m.captured(8).left(6).leftJustified(6, u'0').toLongLong();
    qint64 offsetSeconds = 0;
    if (hasOffset) {
        const QString offset = m.captured(9);
        if (offset.compare(u"z", Qt::CaseInsensitive) != 0) {
            const QString digits = offset.mid(1).remove(u':');
            const int hours = digits.left(2).toInt();
            const int minutes = digits.size() > 2 ? digits.mid(2).toInt() : 0;
            if (hours > 23 || minutes > 59)
                return std::nullopt;
            offsetSeconds = (offset.startsWith(u'-') ? -1 : 1) * (hours * 3600 + minutes * 60);
        }
    }
    return (dayStart + hour * 3600 + minute * 60 + second - offsetSeconds) * 1000000 + micros;
}

// ---- Shared with the other parts ---------------------------------------------------------

bool filtertree_p::isBlank(const FilterNode &node)
{
    return node.isGroup && std::all_of(node.children.begin(), node.children.end(), isBlank);
}

// A JSON integer that fits an int64 (QJsonValue keeps integers exactly; 3.0 counts, as in Qt).
bool filtertree_p::isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && std::trunc(d) == d && d >= -9.2233720368547758e18
        && d < 9.2233720368547758e18;
}
