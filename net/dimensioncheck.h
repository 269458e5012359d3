#pragma once

#include "embedder.h"
#include "neterror.h"

#include <QString>

#include <optional>

/// Where vectors are going: a collection and, for named vectors, the vector's name.
struct VectorTarget
{
    QString collection;
    QString vectorName; ///< empty for the collection's single unnamed vector
    int size = 0; ///< the `size` of that vector in the collection's config
};

/// Refuses an embedder whose vectors cannot fit the target, before anything is embedded or
/// written: NetError::Kind::Invalid naming both dimensions. An embedder that does not know its
/// dimension yet passes; its vectors are checked with checkVectorDimensions().
std::optional<NetError> checkEmbedderDimension(
    const Embedder &embedder, const VectorTarget &target);

/// Refuses vectors that do not fit the target (checked before an upsert): Invalid, naming the
/// first vector whose length differs and both dimensions.
std::optional<NetError> checkVectorDimensions(
    const Embeddings &vectors, const VectorTarget &target);
