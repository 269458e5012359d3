#pragma once

#include "json.h"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mstore {

/// A Qdrant point id: an unsigned 64-bit integer or a UUID. Integers order before UUIDs,
/// as Qdrant's ExtendedPointId does; scroll pages follow this order.
class PointId
{
public:
    PointId() = default;
    explicit PointId(uint64_t number) : m_number(number) {}

    /// Accepts a non-negative integer or a UUID string (hyphenated, simple, braced, urn).
    static std::optional<PointId> fromJson(const Json &value);
    /// For path segments such as GET /points/{id}: digits or a UUID.
    static std::optional<PointId> fromText(std::string_view text);
    static std::optional<PointId> fromUuid(std::string_view text);

    bool isUuid() const { return m_isUuid; }
    uint64_t number() const { return m_number; }
    const std::array<uint8_t, 16> &uuidBytes() const { return m_uuid; }

    Json toJson() const;
    /// Text as Qdrant prints it: digits, or a lower-case hyphenated UUID.
    std::string toString() const;
    /// Appends the JSON form (number or quoted UUID) to out.
    void appendJson(std::string &out) const;

    auto operator<=>(const PointId &other) const = default;

private:
    // Field order matters for the defaulted ordering: numbers (false) before UUIDs (true).
    bool m_isUuid = false;
    uint64_t m_number = 0;
    std::array<uint8_t, 16> m_uuid{};
};

} // namespace mstore
