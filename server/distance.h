#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace mstore {

/// Qdrant's distance functions. Cosine vectors are normalised on insert (as Qdrant does),
/// so Cosine scoring is a dot product of unit vectors.
enum class Distance { Cosine, Dot, Euclid, Manhattan };

std::optional<Distance> distanceFromName(std::string_view name); ///< "Cosine", "Dot", ...
const char *distanceName(Distance distance);

/// Cosine and Dot: a larger score is better. Euclid and Manhattan: a smaller one is.
bool largerIsBetter(Distance distance);

/// The score Qdrant reports for a pair (Euclid: plain, not squared, distance).
float score(Distance distance, const float *a, const float *b, size_t dim);

/// Scales v to unit length in place; a zero vector stays zero.
void normalize(float *v, size_t dim);

} // namespace mstore
