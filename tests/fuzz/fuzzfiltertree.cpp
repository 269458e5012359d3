#include "fuzzfiltertree.h"

#include "fuzzcheck.h"

#include "apierror.h"
#include "filter.h"
#include "filtertree.h"
#include "jsontextposition.h"
#include "requestbody.h"

#include <QJsonDocument>

namespace {

std::string utf8(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace

void fuzzFilterTree(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        const JsonTextPosition place = JsonTextPosition::ofUtf8Offset(text, error.offset);
        fuzzCheck(place.offset >= 0 && place.offset <= text.size(),
                  "a JSON error's place is outside the text");
        return;
    }
    if (!doc.isObject())
        return;
    QStringList where;
    const Result<FilterTree> tree = FilterTree::fromJson(doc.object(), &where);
    if (!tree.ok()) {
        const JsonTextPosition place = JsonTextPosition::ofPath(text, where);
        fuzzCheck(place.offset >= 0 && place.offset <= text.size(),
                  "a refused part's place is outside the text");
        return;
    }
    const QList<FilterProblem> problems = tree.value().validate();
    for (const FilterProblem &problem : problems)
        fuzzCheck(tree.value().nodeAt(problem.path) != nullptr, "a problem names no node");
    tree.value().describe();

    // The builder switches to raw JSON and back: what it writes must read again, the same.
    const QJsonObject written = tree.value().toJson();
    const Result<FilterTree> again = FilterTree::fromJson(written);
    if (!again.ok())
        throw FuzzCheckFailed("the builder's own JSON is refused: " + utf8(written));
    if (again.value().toJson() != written)
        throw FuzzCheckFailed("the builder's JSON changes when read again: " + utf8(written));

    if (!problems.isEmpty())
        return;
    // No problems: the console sends this filter, and the store must take it.
    try {
        mstore::Filter::parse(mstore::requestbody::parse(utf8(written)));
    } catch (const mstore::ApiError &e) {
        throw FuzzCheckFailed("memory-store refuses a filter the builder finds right: "
                              + utf8(written) + ": " + e.what());
    }
}
