#pragma once

// The results file every benchmark writes to (`make bench`): one flat JSON object of figures,
// each program merging its own keys in and keeping everyone else's. Plain C++ (no Qt), so that
// the Qt benches and the socket-level ones write it the same way.

#include <string>
#include <utility>
#include <vector>

namespace bench {

/// A benchmark's figures in the order it reports them: flat key, value.
using Figures = std::vector<std::pair<std::string, double>>;

/// Merges `figures` into the flat JSON object at `path` (created, with its folder, when
/// missing), keeping every other key; written to a temporary file that then replaces it, so a
/// failed write loses nothing. Returns an empty string, or why it could not: a file there that
/// is not a JSON object is left as it is and named in the error.
std::string mergeResults(const std::string &path, const Figures &figures);

} // namespace bench
