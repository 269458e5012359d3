#include "filtertree.h"
#include "filtertree_p.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

// FilterTree::validate() and FilterTree::describe().

using filtertree_p::isBlank;
using filtertree_p::isInteger;

// ---- Checks ------------------------------------------------------------------------------

namespace {

bool isPointId(const QJsonValue &value)
{
    if (isInteger(value))
        return value.toInteger() >= 0;
    if (!value.isString())
        return false;
    // The UUID forms Qdrant takes: hyphenated (in braces or not), simple, urn:uuid:.
    static const QRegularExpression uuid(QStringLiteral(
        "^(?:urn:uuid:)?(?:\\{%1\\}|%1|[0-9a-fA-F]{32})$")
            .arg(QStringLiteral("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                                "-[0-9a-fA-F]{12}")));
    return uuid.match(value.toString()).hasMatch();
}

// A payload key path as Qdrant (and memory-store) reads it: keys of letters, digits, _ and -
// (or "quoted", without a quote or backslash inside) joined by dots, any key followed by []
// or [n]. Anything else the server refuses with 400, so the builder says so first.
bool isPayloadKeyPath(const QString &path)
{
    const QList<uint> chars = path.toUcs4();
    qsizetype i = 0;
    const auto key = [&] {
        if (i < chars.size() && chars[i] == u'"') {
            for (++i; i < chars.size(); ++i) {
                if (chars[i] == u'\\')
                    return false;
                if (chars[i] == u'"') {
                    ++i;
                    return true;
                }
            }
            return false;
        }
        const qsizetype start = i;
        while (i < chars.size()
               && (chars[i] == u'_' || chars[i] == u'-' || QChar::isLetterOrNumber(chars[i])))
            ++i;
        return i > start;
    };
    if (!key())
        return false;
    while (i < chars.size()) {
        if (chars[i] == u'.') {
            ++i;
            if (!key())
                return false;
            continue;
        }
        if (chars[i] != u'[')
            return false;
        // [n]: an index that fits 64 bits, as the server reads it.
        quint64 index = 0;
        for (++i; i < chars.size() && chars[i] >= u'0' && chars[i] <= u'9'; ++i) {
            const quint64 digit = chars[i] - u'0';
            if (index > (std::numeric_limits<quint64>::max() - digit) / 10)
                return false;
            index = index * 10 + digit;
        }
        if (i == chars.size() || chars[i] != u']')
            return false;
        ++i;
    }
    return true;
}

// Text with half of a UTF-16 surrogate pair (a lone "\ud800" in raw JSON) is not Unicode: it
// goes out as bytes that are not UTF-8, and the server refuses the whole request.
bool isBrokenText(const QJsonValue &value)
{
    return value.isString() && !QStringView(value.toString()).isValidUtf16();
}

bool hasBrokenText(const FilterCondition &c)
{
    const FilterBounds &b = c.bounds;
    return !QStringView(c.key).isValidUtf16() || isBrokenText(c.value)
        || std::any_of(c.values.begin(), c.values.end(), isBrokenText) || isBrokenText(b.gt)
        || isBrokenText(b.gte) || isBrokenText(b.lt) || isBrokenText(b.lte);
}

// How validate() and describe() write values: strings quoted, numbers shortest.
QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u'"' + value.toString() + u'"';
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        if (isInteger(value))
            return QString::number(value.toInteger());
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("?");
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return QStringLiteral("…");
}

QString listText(const QJsonArray &values)
{
    QStringList items;
    for (const QJsonValue &value : values)
        items.append(valueText(value));
    return u'(' + items.join(QStringLiteral(", ")) + u')';
}

// The lower and the upper bound of a range, with their operators, whichever are set.
struct BoundPair
{
    QJsonValue lower = QJsonValue(QJsonValue::Undefined);
    QString lowerOp;
    bool lowerStrict = false;
    QJsonValue upper = QJsonValue(QJsonValue::Undefined);
    QString upperOp;
    bool upperStrict = false;
};

BoundPair boundPair(const FilterBounds &bounds)
{
    BoundPair pair;
    if (!bounds.gt.isUndefined()) {
        pair.lower = bounds.gt;
        pair.lowerOp = QStringLiteral(">");
        pair.lowerStrict = true;
    } else if (!bounds.gte.isUndefined()) {
        pair.lower = bounds.gte;
        pair.lowerOp = QStringLiteral("≥");
    }
    if (!bounds.lt.isUndefined()) {
        pair.upper = bounds.lt;
        pair.upperOp = QStringLiteral("<");
        pair.upperStrict = true;
    } else if (!bounds.lte.isUndefined()) {
        pair.upper = bounds.lte;
        pair.upperOp = QStringLiteral("≤");
    }
    return pair;
}

QList<QJsonValue> boundValues(const FilterBounds &bounds)
{
    QList<QJsonValue> values;
    for (const QJsonValue &v : {bounds.gt, bounds.gte, bounds.lt, bounds.lte}) {
        if (!v.isUndefined())
            values.append(v);
    }
    return values;
}

} // namespace

namespace {

class Checker
{
    Q_DECLARE_TR_FUNCTIONS(FilterTree)

public:
    QList<FilterProblem> problems;

    void checkGroup(const FilterNode &group, QList<int> &path)
    {
        if (!path.isEmpty() && group.children.isEmpty())
            add(path, tr("A group is empty: add a condition to it or remove it."));
        for (int i = 0; i < group.children.size(); ++i) {
            path.append(i);
            const FilterNode &child = group.children.at(i);
            if (child.isGroup)
                checkGroup(child, path);
            else
                checkCondition(child.condition, path);
            path.removeLast();
        }
    }

private:
    using Kind = FilterCondition::Kind;

    void add(const QList<int> &path, const QString &message) { problems.append({path, message}); }

    void checkCondition(const FilterCondition &c, const QList<int> &path)
    {
        QString subject = c.key.trimmed();
        if (c.hasKey() && subject.isEmpty()) {
            add(path, tr("A condition has no payload key: choose or type one."));
            subject = tr("The condition");
        } else if (c.hasKey() && !isPayloadKeyPath(c.key)) {
            add(path, tr("%1 is not a payload key Qdrant can read: letters, digits, _ and - "
                         "(or a \"quoted\" key), with dots between keys and [] or [n] after an "
                         "array.").arg(u'"' + c.key + u'"'));
        }
        if (hasBrokenText(c)) {
            add(path, tr("%1: a text holds half of a UTF-16 surrogate pair (such as \\ud800 "
                         "alone), which Qdrant refuses; retype the character.").arg(subject));
        }
        switch (c.kind) {
        case Kind::MatchValue:
            if (!c.value.isString() && !c.value.isBool() && !isInteger(c.value))
                add(path, tr("%1: enter a value to match (text, an integer, true or false).")
                              .arg(subject));
            break;
        case Kind::MatchAny:
        case Kind::MatchExcept:
            checkList(c, subject, path);
            break;
        case Kind::MatchText:
        case Kind::MatchTextAny:
        case Kind::MatchPhrase:
            if (c.value.toString().trimmed().isEmpty())
                add(path, tr("%1: enter the text to look for.").arg(subject));
            break;
        case Kind::Range:
            checkBounds(c, subject, path, [](const QJsonValue &v) -> std::optional<double> {
                if (!v.isDouble() || !std::isfinite(v.toDouble()))
                    return std::nullopt;
                return v.toDouble();
            }, tr("%1: %2 is not a number."));
            break;
        case Kind::DatetimeRange:
            checkBounds(c, subject, path, [](const QJsonValue &v) -> std::optional<double> {
                const auto micros = FilterTree::parseDatetime(v.toString());
                return micros && v.isString() ? std::optional<double>(double(*micros))
                                              : std::nullopt;
            }, tr("%1: %2 is not a date and time Qdrant reads; write it as RFC 3339, "
                  "e.g. 2024-01-31T09:00:00Z."));
            break;
        case Kind::ValuesCount:
            checkBounds(c, subject, path, [](const QJsonValue &v) -> std::optional<double> {
                if (!isInteger(v) || v.toInteger() < 0)
                    return std::nullopt;
                return v.toDouble();
            }, tr("%1: a count of values is a whole number, 0 or more, not %2."));
            break;
        case Kind::IsEmpty:
        case Kind::IsNull:
            break;
        case Kind::HasId:
            if (c.values.isEmpty())
                add(path, tr("Enter at least one point id."));
            for (const QJsonValue &id : c.values) {
                if (!isPointId(id)) {
                    add(path, tr("%1 is not a point id (an unsigned integer or a UUID).")
                                  .arg(valueText(id)));
                }
            }
            break;
        }
    }

    void checkList(const FilterCondition &c, const QString &subject, const QList<int> &path)
    {
        if (c.values.isEmpty()) {
            add(path, tr("%1: list at least one value.").arg(subject));
            return;
        }
        const bool allText = std::all_of(c.values.begin(), c.values.end(),
            [](const QJsonValue &v) { return v.isString(); });
        const bool allIntegers = std::all_of(c.values.begin(), c.values.end(), isInteger);
        if (!allText && !allIntegers) {
            add(path, tr("%1: the values %2 mix text and numbers; Qdrant takes a list of text "
                         "or a list of integers.").arg(subject, listText(c.values)));
        }
    }

    template<typename Order>
    void checkBounds(const FilterCondition &c, const QString &subject, const QList<int> &path,
        Order order, const QString &badValue)
    {
        if (c.bounds.isEmpty()) {
            add(path, tr("%1: set a lower bound, an upper bound or both.").arg(subject));
            return;
        }
        bool allGood = true;
        for (const QJsonValue &v : boundValues(c.bounds)) {
            if (!order(v)) {
                add(path, badValue.arg(subject, valueText(v)));
                allGood = false;
            }
        }
        const BoundPair pair = boundPair(c.bounds);
        if (!allGood || pair.lower.isUndefined() || pair.upper.isUndefined())
            return;
        const double lower = *order(pair.lower);
        const double upper = *order(pair.upper);
        if (lower > upper || (lower == upper && (pair.lowerStrict || pair.upperStrict))) {
            add(path, tr("%1: no value is %2 %3 and %4 %5 at once.")
                          .arg(subject, pair.lowerOp, valueText(pair.lower), pair.upperOp,
                              valueText(pair.upper)));
        }
    }
};

} // namespace

QList<FilterProblem> FilterTree::validate() const
{
    Checker checker;
    QList<int> path;
    checker.checkGroup(m_root, path);
    return checker.problems;
}

// ---- Description -------------------------------------------------------------------------

namespace {

class Describer
{
    Q_DECLARE_TR_FUNCTIONS(FilterTree)

public:
    // The text of a node; `composite` says whether it joins several parts (and so needs
    // parentheses inside another group).
    QString node(const FilterNode &n, bool &composite) const
    {
        composite = false;
        if (!n.isGroup)
            return condition(n.condition);
        QStringList parts;
        for (const FilterNode &child : n.children) {
            if (isBlank(child))
                continue;
            bool inner = false;
            const QString text = node(child, inner);
            parts.append(inner ? u'(' + text + u')' : text);
        }
        if (parts.isEmpty())
            return {};
        if (n.op == FilterNode::Op::None) {
            const QString any = parts.join(tr(" OR "));
            return tr("NOT %1").arg(parts.size() == 1 ? any : u'(' + any + u')');
        }
        composite = parts.size() > 1;
        return parts.join(n.op == FilterNode::Op::All ? tr(" AND ") : tr(" OR "));
    }

private:
    using Kind = FilterCondition::Kind;

    QString condition(const FilterCondition &c) const
    {
        const QString key = c.key.trimmed().isEmpty() ? QStringLiteral("?") : c.key.trimmed();
        switch (c.kind) {
        case Kind::MatchValue:
            return tr("%1 = %2").arg(key, valueText(c.value));
        case Kind::MatchAny:
            return tr("%1 is one of %2").arg(key, listText(c.values));
        case Kind::MatchExcept:
            return tr("%1 is none of %2").arg(key, listText(c.values));
        case Kind::MatchText:
            return tr("%1 contains %2").arg(key, valueText(c.value.toString()));
        case Kind::MatchTextAny:
            return tr("%1 contains any word of %2").arg(key, valueText(c.value.toString()));
        case Kind::MatchPhrase:
            return tr("%1 contains the phrase %2").arg(key, valueText(c.value.toString()));
        case Kind::Range:
        case Kind::DatetimeRange:
            return bounds(key, c.bounds, c.kind == Kind::DatetimeRange);
        case Kind::ValuesCount:
            return bounds(tr("count(%1)").arg(key), c.bounds, false);
        case Kind::IsEmpty:
            return tr("%1 is empty").arg(key);
        case Kind::IsNull:
            return tr("%1 is null").arg(key);
        case Kind::HasId:
            return tr("id is one of %1").arg(listText(c.values));
        }
        return {};
    }

    QString bounds(const QString &subject, const FilterBounds &b, bool dates) const
    {
        const BoundPair pair = boundPair(b);
        // Dates read better unquoted: 2024-01-01 ≤ execution_date.
        const auto text = [dates](const QJsonValue &v) {
            return dates && v.isString() ? v.toString() : valueText(v);
        };
        if (!pair.lower.isUndefined() && !pair.upper.isUndefined()) {
            // "a < x" reads the lower bound from the left: > becomes <, ≥ becomes ≤.
            const QString flipped = pair.lowerStrict ? QStringLiteral("<") : QStringLiteral("≤");
            return QStringLiteral("%1 %2 %3 %4 %5")
                .arg(text(pair.lower), flipped, subject, pair.upperOp, text(pair.upper));
        }
        if (!pair.lower.isUndefined())
            return QStringLiteral("%1 %2 %3").arg(subject, pair.lowerOp, text(pair.lower));
        if (!pair.upper.isUndefined())
            return QStringLiteral("%1 %2 %3").arg(subject, pair.upperOp, text(pair.upper));
        return tr("%1 in any range").arg(subject);
    }
};

} // namespace

QString FilterTree::describe() const
{
    bool composite = false;
    const QString text = Describer().node(m_root, composite);
    return text.isEmpty() ? tr("every point") : text;
}
