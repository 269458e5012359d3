#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// The bounds of a range, a datetime range or a values count, as Qdrant names them. An
/// undefined QJsonValue (the default) is no bound. Numbers for a range, RFC 3339 strings for a
/// datetime range, non-negative integers for a values count.
struct FilterBounds
{
    QJsonValue gt = QJsonValue(QJsonValue::Undefined);
    QJsonValue gte = QJsonValue(QJsonValue::Undefined);
    QJsonValue lt = QJsonValue(QJsonValue::Undefined);
    QJsonValue lte = QJsonValue(QJsonValue::Undefined);

    /// True when no bound is set.
    bool isEmpty() const;
    bool operator==(const FilterBounds &other) const = default;
};

/// One condition of a FilterTree: a test on one payload key, or on the point ids.
/// The fields a kind does not use stay empty.
struct FilterCondition
{
    enum class Kind {
        MatchValue,    ///< {"key", "match": {"value"}}: a keyword (string), integer or bool
        MatchAny,      ///< {"key", "match": {"any": [...]}}: strings or integers
        MatchExcept,   ///< {"key", "match": {"except": [...]}}: strings or integers
        MatchText,     ///< {"key", "match": {"text"}}: full-text (substring without an index)
        MatchTextAny,  ///< {"key", "match": {"text_any"}}: any of the words
        MatchPhrase,   ///< {"key", "match": {"phrase"}}: the words in this order
        Range,         ///< {"key", "range": {gt, gte, lt, lte}} with numbers
        DatetimeRange, ///< {"key", "range": {...}} with RFC 3339 strings
        ValuesCount,   ///< {"key", "values_count": {...}}: how many values the key holds
        IsEmpty,       ///< {"is_empty": {"key"}}: missing, null or []
        IsNull,        ///< {"is_null": {"key"}}: present and null
        HasId,         ///< {"has_id": [...]}: unsigned integers or UUIDs; no key
    };

    Kind kind = Kind::MatchValue;
    QString key;
    QJsonValue value;    ///< MatchValue: string, integer or bool; the text kinds: the text
    QJsonArray values;   ///< MatchAny, MatchExcept: strings or integers; HasId: the ids
    FilterBounds bounds; ///< Range, DatetimeRange, ValuesCount

    /// A condition of a kind that holds one value (MatchValue and the text kinds).
    static FilterCondition withValue(Kind kind, const QString &key, const QJsonValue &value);
    /// A condition of a kind that holds a list (MatchAny, MatchExcept; HasId with no key).
    static FilterCondition withValues(Kind kind, const QString &key, const QJsonArray &values);
    /// A condition of a kind that holds bounds (Range, DatetimeRange, ValuesCount).
    static FilterCondition withBounds(Kind kind, const QString &key, const FilterBounds &bounds);
    /// A condition of a kind that holds only its key (IsEmpty, IsNull).
    static FilterCondition onKey(Kind kind, const QString &key);

    /// True for the kinds that test a payload key (all but HasId).
    bool hasKey() const { return kind != Kind::HasId; }
    /// The condition in Qdrant's JSON shape.
    QJsonObject toJson() const;
    bool operator==(const FilterCondition &other) const = default;
};

/// A node of a FilterTree: a group of nodes joined by an operator, or one condition.
struct FilterNode
{
    /// How a group joins its nodes: Qdrant's must, should and must_not.
    enum class Op {
        All,  ///< must: every node matches (AND)
        Any,  ///< should: at least one node matches (OR)
        None, ///< must_not: no node matches (NOT)
    };

    bool isGroup = true;
    Op op = Op::All;             ///< a group's operator
    QList<FilterNode> children;  ///< a group's nodes, in the order shown
    FilterCondition condition;   ///< a condition node's condition

    /// A group of these nodes.
    static FilterNode group(Op op, QList<FilterNode> children = {});
    /// A condition node.
    static FilterNode leaf(FilterCondition condition);

    /// Same kind; groups: same operator and children; conditions: same condition.
    bool operator==(const FilterNode &other) const;
};

/// One problem validate() found: the node it is about and a sentence for the user.
struct FilterProblem
{
    QList<int> path; ///< child indexes from the root group down to the node
    QString message;

    bool operator==(const FilterProblem &other) const = default;
};

/// The filter a user builds in the visual filter builder, as a value: nested groups (All =
/// must, Any = should, None = must_not) of conditions on payload keys. It converts to and from
/// Qdrant's filter JSON. fromJson() takes only what the builder can show and refuses the rest
/// (geo, nested, min_should, has_vector, several tests in one field condition, ...) with a
/// sentence, so the caller keeps such a filter as raw JSON. Shapes it can show but that are
/// not right yet (an empty key, a range without a bound, a bad date) are taken, and
/// validate() names them, so switching between raw JSON and the builder loses nothing.
///
/// JSON, both ways: a group is a filter object. An All group whose last nodes are an Any
/// group and/or a None group (in that order, next to other nodes) writes them as that object's
/// should and must_not, so {"must": [a], "should": [b, c], "must_not": [d]} reads as
/// All(a, Any(b, c), None(d)) and writes back unchanged. The empty tree is {}.
class FilterTree final
{
    Q_DECLARE_TR_FUNCTIONS(FilterTree)

public:
    /// The empty tree: an All group with no nodes; the filter {} that matches every point.
    FilterTree() = default;
    /// A tree with this root; a condition node is put in an All group of its own.
    explicit FilterTree(FilterNode root);

    /// The root group (always a group; its operator may be All, Any or None).
    const FilterNode &root() const { return m_root; }
    /// The root group, to edit in place.
    FilterNode &root() { return m_root; }
    /// True when the root group has no nodes.
    bool isEmpty() const { return m_root.children.isEmpty(); }

    /// Qdrant's filter JSON; {} for the empty tree. Empty nested groups are left out.
    QJsonObject toJson() const;
    /// The tree of a Qdrant filter, or an Invalid error with a sentence saying what the
    /// builder cannot show. On error, `where` (when given) receives the path to the refused
    /// part: object keys and array indexes (in decimal) from the top.
    static Result<FilterTree> fromJson(const QJsonObject &filter, QStringList *where = nullptr);

    /// One problem per sentence, in tree order; empty when the filter can be sent.
    QList<FilterProblem> validate() const;
    /// A short text for people: `customer_id = 42 AND savings_pct ≥ 20`.
    QString describe() const;

    /// The node at a path of child indexes (empty path: the root); nullptr when out of range.
    const FilterNode *nodeAt(const QList<int> &path) const;

    /// The microseconds since the epoch (UTC) of a datetime Qdrant accepts (RFC 3339, or a
    /// date, or a date and time without offset taken as UTC); nullopt for anything else.
    static std::optional<qint64> parseDatetime(const QString &text);

    /// Same groups, operators and conditions, in the same order.
    bool operator==(const FilterTree &other) const { return m_root == other.m_root; }

private:
    FilterNode m_root;
};
