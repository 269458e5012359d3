#pragma once

#include "pointid.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mstore::pointcodec {

/// A point id as a storage key whose memcmp order is PointId order: integers are 0x00 +
/// 8 big-endian bytes, UUIDs are 0x01 + their 16 bytes.
using Key = std::array<uint8_t, 17>;

/// Writes the key of id into key; returns how many bytes of it are used (9 or 17).
size_t encodeKey(const PointId &id, Key &key);
std::optional<PointId> decodeKey(const uint8_t *data, int size);

/// The name -> vector map in memory-store's binary form (little-endian whatever the host):
/// u8 format (= 1), u32 count, then per vector in name order: u32 name length, the name's
/// UTF-8 bytes ("" = the unnamed vector), u32 dimension, dimension x float32.
void encodeVectors(const std::map<std::string, std::vector<float>> &vectors, std::string &out);
/// False when the bytes are not in that form (the caller reports the corrupt row).
bool decodeVectors(const uint8_t *data, size_t size,
                   std::map<std::string, std::vector<float>> &vectors);

} // namespace mstore::pointcodec
