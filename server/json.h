#pragma once

#include <nlohmann/json.hpp>

namespace mstore {

/// The mutable JSON document used for payloads, configs and small request bodies.
/// Integers and floats stay distinct, as they are in Qdrant's payloads.
using Json = nlohmann::json;

} // namespace mstore
