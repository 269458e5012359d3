#pragma once

#include <cstddef>
#include <cstdint>

namespace mstore {

/// SipHash-2-4 of `size` bytes under the 128-bit key (k0, k1), as in the reference
/// implementation (key bytes little-endian). Used by the `slice` filter condition.
uint64_t sipHash24(uint64_t k0, uint64_t k1, const uint8_t *data, size_t size);

} // namespace mstore
