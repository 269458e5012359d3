#pragma once

namespace mstore {

/// The Qdrant REST API level memory-store speaks (reported by GET /).
inline constexpr const char *kQdrantApiVersion = "1.19.0";
/// memory-store's own version; the build sets it from the CMake project version.
#ifndef MSTORE_VERSION
#define MSTORE_VERSION "0.0.0"
#endif
inline constexpr const char *kMemoryStoreVersion = MSTORE_VERSION;

} // namespace mstore
