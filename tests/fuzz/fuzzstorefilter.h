#pragma once

#include <cstddef>
#include <cstdint>

/// memory-store's filter parsing: the bytes as a request body (simdjson, as the routes read
/// it), its `filter` field (or the whole body) through Filter::parse, and a parsed filter
/// evaluated on a few payloads. Bad input must be an ApiError; anything else escapes (a
/// finding). Target fuzz_store_filter.
void fuzzStoreFilter(const uint8_t *data, size_t size);
