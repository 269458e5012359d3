#pragma once

// What tst_filtertree and tst_filtertree_checks share: filters written with single quotes and
// small builders of nodes and trees.

#include "filtertree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaType>

#include <utility>

Q_DECLARE_METATYPE(FilterTree)
Q_DECLARE_METATYPE(FilterNode)

namespace filtertreetest {

using Kind = FilterCondition::Kind;
using Op = FilterNode::Op;

// JSON written with single quotes (this file holds no apostrophes in JSON), for reading ease.
inline QJsonObject json(const char *text)
{
    const QByteArray bytes = QByteArray(text).replace('\'', '"');
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (!doc.isObject())
        qFatal("bad JSON in the test: %s (%s)", bytes.constData(), qPrintable(error.errorString()));
    return doc.object();
}

inline QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

inline QString str(const char *text)
{
    return QString::fromUtf8(text);
}

inline FilterBounds bounds(QJsonValue gt, QJsonValue gte, QJsonValue lt, QJsonValue lte)
{
    FilterBounds b;
    b.gt = std::move(gt);
    b.gte = std::move(gte);
    b.lt = std::move(lt);
    b.lte = std::move(lte);
    return b;
}

inline const QJsonValue none(QJsonValue::Undefined);

inline FilterNode value(const char *key, const QJsonValue &v, Kind kind = Kind::MatchValue)
{
    return FilterNode::leaf(FilterCondition::withValue(kind, str(key), v));
}

inline FilterNode list(Kind kind, const char *key, const QJsonArray &values)
{
    return FilterNode::leaf(FilterCondition::withValues(kind, str(key), values));
}

inline FilterNode range(Kind kind, const char *key, const FilterBounds &b)
{
    return FilterNode::leaf(FilterCondition::withBounds(kind, str(key), b));
}

inline FilterNode onKey(Kind kind, const char *key)
{
    return FilterNode::leaf(FilterCondition::onKey(kind, str(key)));
}

inline FilterTree tree(Op op, QList<FilterNode> nodes)
{
    return FilterTree(FilterNode::group(op, std::move(nodes)));
}

inline QString problemsText(const QList<FilterProblem> &problems)
{
    QStringList lines;
    for (const FilterProblem &p : problems) {
        QStringList path;
        for (int i : p.path)
            path.append(QString::number(i));
        lines.append(u'[' + path.join(u'.') + QStringLiteral("] ") + p.message);
    }
    return lines.join(u'\n');
}

const char *const kUuid = "550e8400-e29b-41d4-a716-446655440000";

} // namespace filtertreetest
