#include "dimensioncheck.h"

#include <QCoreApplication>

namespace {

QString describe(const VectorTarget &target)
{
    if (target.vectorName.isEmpty())
        return QCoreApplication::translate("DimensionCheck", "collection %1")
            .arg(target.collection);
    return QCoreApplication::translate("DimensionCheck", "vector \"%1\" of collection %2")
        .arg(target.vectorName, target.collection);
}

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

std::optional<NetError> checkTargetSize(const VectorTarget &target)
{
    // A size we do not know would make every check pass; refuse rather than write blind.
    if (target.size <= 0)
        return invalid(
            QCoreApplication::translate("DimensionCheck", "the vector size of %1 is not known")
                .arg(describe(target)));
    return std::nullopt;
}

} // namespace

std::optional<NetError> checkEmbedderDimension(const Embedder &embedder, const VectorTarget &target)
{
    if (auto error = checkTargetSize(target))
        return error;
    const int dimension = embedder.dimension();
    if (dimension == 0 || dimension == target.size)
        return std::nullopt;
    return invalid(QCoreApplication::translate(
        "DimensionCheck", "the embedder (%1) makes %2-dimensional vectors but %3 expects %4")
                       .arg(embedder.displayName(), QString::number(dimension), describe(target),
                           QString::number(target.size)));
}

std::optional<NetError> checkVectorDimensions(const Embeddings &vectors, const VectorTarget &target)
{
    if (auto error = checkTargetSize(target))
        return error;
    for (qsizetype i = 0; i < vectors.size(); ++i) {
        if (vectors.at(i).size() == target.size)
            continue;
        return invalid(QCoreApplication::translate(
            "DimensionCheck", "vector %1 of %2 has %3 dimensions but %4 expects %5")
                           .arg(QString::number(i + 1), QString::number(vectors.size()),
                               QString::number(vectors.at(i).size()), describe(target),
                               QString::number(target.size)));
    }
    return std::nullopt;
}
