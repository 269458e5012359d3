#pragma once

#include "json.h"
#include "payloadpath.h"

#include <string>
#include <vector>

namespace mstore {

/// `with_payload`: true / false / ["a", "b"] / {"include": [...]} / {"exclude": [...]}.
class PayloadSelector
{
public:
    enum class Mode { None, All, Include, Exclude };

    /// Parses the field; null or absent gives the endpoint's default.
    static PayloadSelector fromJson(const Json &value, bool defaultAll);

    bool wanted() const { return m_mode != Mode::None; }
    /// The payload as the selector shows it.
    Json apply(const Json &payload) const;
    /// Writes the selected payload (fast path for Mode::All: no copy).
    void write(const Json &payload, std::string &out) const;

private:
    Mode m_mode = Mode::None;
    std::vector<PayloadPath> m_paths;
};

/// `with_vector`: true / false / ["name", ...].
class VectorSelector
{
public:
    static VectorSelector fromJson(const Json &value);

    bool wanted() const { return m_all || !m_names.empty(); }
    bool includes(const std::string &name) const;

private:
    bool m_all = false;
    std::vector<std::string> m_names;
};

} // namespace mstore
