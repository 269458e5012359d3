#pragma once

#include <cstddef>
#include <cstdint>

/// VectorTextScanner::count over the bytes as a vector's text: the 64-byte check of runs of
/// plain numbers must agree with the number-by-number scan, and whatever is accepted must be
/// what simdjson reads as that many numbers, each within a float's range (the import sends an
/// accepted text to the server as it is). Target fuzz_vector_text.
void fuzzVectorText(const uint8_t *data, size_t size);
