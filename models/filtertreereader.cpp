#include "filtertree.h"
#include "filtertree_p.h"

#include <QHash>
#include <QJsonDocument>

// FilterTree::fromJson(): Qdrant's filter JSON into the tree the visual builder shows.
// It refuses only what the builder cannot show; values that are not right yet are taken and
// left to validate(), so that nothing is lost between the builder and the raw-JSON editor.

using filtertree_p::isInteger;

namespace {

using Kind = FilterCondition::Kind;

// Thrown inside the reader only; fromJson turns it into a Result.
struct Refusal
{
    QStringList where;
    QString message;
};

class Reader
{
    Q_DECLARE_TR_FUNCTIONS(FilterTree)

public:
    FilterNode filter(const QJsonObject &json)
    {
        static const QStringList clauses = {QStringLiteral("must"), QStringLiteral("should"),
                                            QStringLiteral("must_not")};
        QList<FilterNode> groups[3];
        for (auto it = json.begin(); it != json.end(); ++it) {
            const QString name = it.key();
            const qsizetype clause = clauses.indexOf(name);
            if (clause < 0) {
                m_path.append(name);
                if (name == u"min_should") {
                    refuse(tr("The visual builder cannot show min_should (at least N of a list "
                              "of conditions)."));
                }
                refuse(tr("\"%1\" is not part of a Qdrant filter; a filter has must, should, "
                          "must_not and min_should.").arg(name));
            }
            m_path.append(name);
            groups[clause] = conditions(it.value());
            m_path.removeLast();
        }
        const FilterNode::Op ops[3] = {FilterNode::Op::All, FilterNode::Op::Any,
                                       FilterNode::Op::None};
        int used = 0;
        int only = 0;
        for (int i = 0; i < 3; ++i) {
            if (!groups[i].isEmpty()) {
                ++used;
                only = i;
            }
        }
        if (used == 0)
            return FilterNode::group(FilterNode::Op::All);
        if (used == 1)
            return FilterNode::group(ops[only], groups[only]);
        // must, should and must_not together: the must nodes, then Any(should), then
        // None(must_not), the shape FilterTree::toJson writes back as the same object.
        QList<FilterNode> all = groups[0];
        if (!groups[1].isEmpty())
            all.append(FilterNode::group(FilterNode::Op::Any, groups[1]));
        if (!groups[2].isEmpty())
            all.append(FilterNode::group(FilterNode::Op::None, groups[2]));
        return FilterNode::group(FilterNode::Op::All, all);
    }

    QStringList m_path;

private:
    [[noreturn]] void refuse(const QString &message) { throw Refusal {m_path, message}; }

    // A clause holds one condition or a list of them; null is no clause.
    QList<FilterNode> conditions(const QJsonValue &value)
    {
        QList<FilterNode> nodes;
        if (value.isNull())
            return nodes;
        if (value.isObject()) {
            nodes.append(node(value.toObject()));
            return nodes;
        }
        if (!value.isArray())
            refuse(tr("A filter clause holds a condition or a list of conditions."));
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            m_path.append(QString::number(i));
            if (!array.at(i).isObject())
                refuse(tr("A condition is a JSON object."));
            nodes.append(node(array.at(i).toObject()));
            m_path.removeLast();
        }
        return nodes;
    }

    // One condition, in the order Qdrant tries the variants of its Condition.
    FilterNode node(const QJsonObject &json)
    {
        if (json.contains(u"key"))
            return FilterNode::leaf(fieldCondition(json));
        if (json.contains(u"is_empty"))
            return FilterNode::leaf(payloadField(json, QStringLiteral("is_empty"), Kind::IsEmpty));
        if (json.contains(u"is_null"))
            return FilterNode::leaf(payloadField(json, QStringLiteral("is_null"), Kind::IsNull));
        if (json.contains(u"has_id"))
            return FilterNode::leaf(hasId(json));
        for (const char *name : {"has_vector", "nested", "slice"}) {
            if (json.contains(QLatin1String(name))) {
                m_path.append(QString::fromLatin1(name));
                refuse(tr("The visual builder cannot show %1 conditions.")
                           .arg(QString::fromLatin1(name)));
            }
        }
        // Anything else is a nested filter (all of its fields are optional).
        return filter(json);
    }

    void onlyFields(const QJsonObject &json, const QStringList &allowed)
    {
        for (auto it = json.begin(); it != json.end(); ++it) {
            if (!allowed.contains(it.key())) {
                m_path.append(it.key());
                refuse(tr("The visual builder does not know the field \"%1\" here.")
                           .arg(it.key()));
            }
        }
    }

    QString keyOf(const QJsonObject &json)
    {
        const QJsonValue key = json.value(u"key");
        if (!key.isString()) {
            m_path.append(QStringLiteral("key"));
            refuse(tr("A payload key is a string."));
        }
        return key.toString();
    }

    FilterCondition payloadField(const QJsonObject &json, const QString &name, Kind kind)
    {
        onlyFields(json, {name});
        m_path.append(name);
        const QJsonValue field = json.value(name);
        if (!field.isObject())
            refuse(tr("%1 takes {\"key\": \"...\"}.").arg(name));
        onlyFields(field.toObject(), {QStringLiteral("key")});
        FilterCondition condition = FilterCondition::onKey(kind, keyOf(field.toObject()));
        m_path.removeLast();
        return condition;
    }

    FilterCondition hasId(const QJsonObject &json)
    {
        onlyFields(json, {QStringLiteral("has_id")});
        m_path.append(QStringLiteral("has_id"));
        const QJsonValue ids = json.value(u"has_id");
        if (!ids.isArray())
            refuse(tr("has_id takes a list of point ids."));
        m_path.removeLast();
        return FilterCondition::withValues(Kind::HasId, {}, ids.toArray());
    }

    FilterCondition fieldCondition(const QJsonObject &json)
    {
        static const QStringList tests = {QStringLiteral("match"), QStringLiteral("range"),
            QStringLiteral("values_count"), QStringLiteral("is_empty"), QStringLiteral("is_null"),
            QStringLiteral("geo_bounding_box"), QStringLiteral("geo_radius"),
            QStringLiteral("geo_polygon")};
        onlyFields(json, QStringList(tests) << QStringLiteral("key"));
        FilterCondition condition = FilterCondition::onKey(Kind::MatchValue, keyOf(json));
        QString test;
        for (const QString &name : tests) {
            if (json.value(name).isNull() || json.value(name).isUndefined())
                continue;
            if (!test.isEmpty()) {
                m_path.append(name);
                refuse(tr("The visual builder shows one test per condition; this one has %1 "
                          "and %2. Split it into two conditions.").arg(test, name));
            }
            test = name;
        }
        if (test.isEmpty())
            refuse(tr("The condition on \"%1\" tests nothing; add match, range, values_count, "
                      "is_empty or is_null.").arg(condition.key));
        m_path.append(test);
        const QJsonValue value = json.value(test);
        if (test.startsWith(u"geo_")) {
            refuse(tr("The visual builder cannot show geo conditions."));
        } else if (test == u"match") {
            match(value, condition);
        } else if (test == u"range") {
            condition.bounds = bounds(value, false);
            condition.kind = Kind::Range;
            for (const QJsonValue &v : {condition.bounds.gt, condition.bounds.gte,
                     condition.bounds.lt, condition.bounds.lte}) {
                // As in Qdrant: a string bound makes it a datetime range.
                if (v.isString())
                    condition.kind = Kind::DatetimeRange;
            }
        } else if (test == u"values_count") {
            condition.bounds = bounds(value, true);
            condition.kind = Kind::ValuesCount;
        } else {
            // is_empty / is_null inside a field condition: the builder shows only `true`.
            if (value != QJsonValue(true))
                refuse(tr("The visual builder shows %1 only as true; use a None group for the "
                          "opposite.").arg(test));
            condition.kind = test == u"is_empty" ? Kind::IsEmpty : Kind::IsNull;
        }
        m_path.removeLast();
        return condition;
    }

    void match(const QJsonValue &value, FilterCondition &condition)
    {
        if (!value.isObject())
            refuse(tr("match takes an object such as {\"value\": ...}."));
        const QJsonObject json = value.toObject();
        if (json.size() != 1) {
            refuse(tr("match takes one of value, any, except, text, text_any and phrase, "
                      "not %1.").arg(json.keys().join(QStringLiteral(", "))));
        }
        const QString variant = json.begin().key();
        const QJsonValue v = json.begin().value();
        m_path.append(variant);
        static const QHash<QString, Kind> texts = {{QStringLiteral("text"), Kind::MatchText},
            {QStringLiteral("text_any"), Kind::MatchTextAny},
            {QStringLiteral("phrase"), Kind::MatchPhrase}};
        if (variant == u"value") {
            const bool scalar = v.isString() || v.isBool() || isInteger(v) || v.isNull();
            if (!scalar) {
                refuse(tr("Qdrant matches text, an integer, true or false, not %1.")
                           .arg(QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(
                                QJsonDocument::Compact)).mid(1).chopped(1)));
            }
            condition.kind = Kind::MatchValue;
            condition.value = v;
        } else if (texts.contains(variant)) {
            if (!v.isString() && !v.isNull())
                refuse(tr("%1 takes a string.").arg(variant));
            condition.kind = texts.value(variant);
            condition.value = v.isNull() ? QJsonValue(QString()) : v;
        } else if (variant == u"any" || variant == u"except") {
            if (!v.isArray())
                refuse(tr("%1 takes a list of strings or of integers.").arg(variant));
            for (const QJsonValue &item : v.toArray()) {
                if (!item.isString() && !item.isDouble())
                    refuse(tr("%1 takes a list of strings or of integers.").arg(variant));
            }
            condition.kind = variant == u"any" ? Kind::MatchAny : Kind::MatchExcept;
            condition.values = v.toArray();
        } else if (variant == u"prefix") {
            refuse(tr("The visual builder cannot show prefix matches."));
        } else {
            refuse(tr("\"%1\" is not a kind of match Qdrant knows.").arg(variant));
        }
        m_path.removeLast();
    }

    FilterBounds bounds(const QJsonValue &value, bool counts)
    {
        if (!value.isObject())
            refuse(tr("A range takes an object with gt, gte, lt and lte."));
        const QJsonObject json = value.toObject();
        onlyFields(json, {QStringLiteral("gt"), QStringLiteral("gte"), QStringLiteral("lt"),
                          QStringLiteral("lte")});
        const auto bound = [&](const char *name) {
            QJsonValue v = json.value(QLatin1String(name));
            if (v.isNull() || v.isUndefined())
                return QJsonValue(QJsonValue::Undefined);
            if (!v.isDouble() && (counts || !v.isString())) {
                m_path.append(QString::fromLatin1(name));
                refuse(counts ? tr("A bound of values_count is a number.")
                              : tr("A bound of a range is a number or a date and time."));
            }
            return v;
        };
        FilterBounds b {bound("gt"), bound("gte"), bound("lt"), bound("lte")};
        if (!b.gt.isUndefined() && !b.gte.isUndefined())
            refuse(tr("The visual builder shows one lower bound: gt or gte, not both."));
        if (!b.lt.isUndefined() && !b.lte.isUndefined())
            refuse(tr("The visual builder shows one upper bound: lt or lte, not both."));
        return b;
    }
};

} // namespace

Result<FilterTree> FilterTree::fromJson(const QJsonObject &filter, QStringList *where)
{
    Reader reader;
    try {
        return FilterTree(reader.filter(filter));
    } catch (const Refusal &refusal) {
        if (where)
            *where = refusal.where;
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = refusal.message;
        return error;
    }
}
