#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mstore {

/// Parses a datetime the way Qdrant does for datetime payloads and DatetimeRange bounds, into
/// microseconds since the Unix epoch, UTC. Accepted: RFC 3339 ("2023-02-08T10:49:00Z",
/// "...+01:00", fractional seconds, 't' or ' ' as separator), offsets as "+01", "+0100" or
/// "+01:00" (optionally after a space), and without an offset (taken as UTC)
/// "2023-02-08T10:49:00[.f]", "2023-02-08 10:49:00", "2023-02-08T10:49", "2023-02-08".
/// Returns nullopt for anything else, including out-of-range fields.
std::optional<int64_t> parseDatetime(std::string_view text);

} // namespace mstore
