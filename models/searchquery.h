#pragma once

#include "pointid.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

/// One semantic search as the user set it up: the text (or the point to find similar ones
/// to), the collection, the filter, the limit, the score threshold and the vector. A value:
/// the history, the saved queries and the golden queries keep it as JSON.
struct SearchQuery
{
    Q_DECLARE_TR_FUNCTIONS(SearchQuery)

public:
    static constexpr int DefaultLimit = 10;
    static constexpr int MaxLimit = 1000;

    QString text; ///< what to search for; unused when similarTo is set
    QString collection;
    QJsonObject filter; ///< the user's filter (the tenant scope is added below it)
    int limit = DefaultLimit;
    std::optional<float> scoreThreshold;
    /// The named vector to search; nullopt: the one the embedder fits
    /// (EmbedderFactory::vectorFor); "" is the collection's unnamed vector.
    std::optional<QString> vectorName;
    PointId similarTo; ///< "find similar": the point whose vector is the query

    /// True for "find similar" (no text is embedded).
    bool isSimilarSearch() const { return !similarTo.isNull(); }
    /// A sentence naming what is wrong (no collection, no text, limit out of range);
    /// empty when it can run.
    QString problem() const;
    /// One line for lists: `"high P95" in performance_patterns` or `similar to 42 in …`.
    QString describe() const;

    /// The query as JSON (the keys of the fields; absent when unset).
    QJsonObject toJson() const;
    /// The query of toJson()'s shape; missing keys keep their defaults.
    static SearchQuery fromJson(const QJsonObject &json);

    friend bool operator==(const SearchQuery &a, const SearchQuery &b);
};

Q_DECLARE_METATYPE(SearchQuery)
