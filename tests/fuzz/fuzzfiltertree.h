#pragma once

#include <cstddef>
#include <cstdint>

/// The console's filter JSON (the filter builder's raw-JSON mode): the bytes through
/// QJsonDocument and FilterTree::fromJson, error places through JsonTextPosition as the
/// builder shows them, and a read tree through validate(), describe() and toJson(), which
/// must read back to the same JSON. A tree with no problems is one the console would send:
/// memory-store's Filter::parse must accept it. Target fuzz_filter_tree.
void fuzzFilterTree(const uint8_t *data, size_t size);
