#include "selectors.h"

#include "apierror.h"
#include "jsonwriter.h"

#include <algorithm>

namespace mstore {

namespace {

std::vector<PayloadPath> parsePaths(const Json &list, const char *field)
{
    if (!list.is_array())
        throw ApiError::jsonError(std::string("with_payload.") + field + ": expected a list of keys");
    std::vector<PayloadPath> paths;
    for (const Json &key : list) {
        if (!key.is_string())
            throw ApiError::jsonError(std::string("with_payload.") + field
                                      + ": payload keys must be strings");
        paths.push_back(PayloadPath::parse(key.get<std::string>()));
    }
    return paths;
}

} // namespace

PayloadSelector PayloadSelector::fromJson(const Json &value, bool defaultAll)
{
    PayloadSelector s;
    if (value.is_null()) {
        s.m_mode = defaultAll ? Mode::All : Mode::None;
    } else if (value.is_boolean()) {
        s.m_mode = value.get<bool>() ? Mode::All : Mode::None;
    } else if (value.is_array()) {
        s.m_mode = Mode::Include;
        s.m_paths = parsePaths(value, "include");
    } else if (value.is_object() && value.contains("include")) {
        s.m_mode = Mode::Include;
        s.m_paths = parsePaths(value["include"], "include");
    } else if (value.is_object() && value.contains("exclude")) {
        s.m_mode = Mode::Exclude;
        s.m_paths = parsePaths(value["exclude"], "exclude");
    } else {
        throw ApiError::jsonError("with_payload: expected true, false, a list of keys, "
                                  "{\"include\": [...]} or {\"exclude\": [...]}");
    }
    return s;
}

Json PayloadSelector::apply(const Json &payload) const
{
    switch (m_mode) {
    case Mode::None: return Json();
    case Mode::All: return payload;
    case Mode::Include: {
        Json out = Json::object();
        for (const PayloadPath &path : m_paths)
            path.copyInto(payload, out);
        return out;
    }
    case Mode::Exclude: {
        Json out = payload;
        for (const PayloadPath &path : m_paths)
            path.remove(out);
        return out;
    }
    }
    return Json();
}

void PayloadSelector::write(const Json &payload, std::string &out) const
{
    JsonWriter w(out);
    if (m_mode == Mode::All)
        w.json(payload);
    else
        w.json(apply(payload));
}

VectorSelector VectorSelector::fromJson(const Json &value)
{
    VectorSelector s;
    if (value.is_null())
        return s;
    if (value.is_boolean()) {
        s.m_all = value.get<bool>();
        return s;
    }
    if (value.is_array()) {
        for (const Json &name : value) {
            if (!name.is_string())
                throw ApiError::jsonError("with_vector: vector names must be strings");
            s.m_names.push_back(name.get<std::string>());
        }
        return s;
    }
    throw ApiError::jsonError("with_vector: expected true, false or a list of vector names");
}

bool VectorSelector::includes(const std::string &name) const
{
    return m_all || std::find(m_names.begin(), m_names.end(), name) != m_names.end();
}

} // namespace mstore
