#pragma once

#include "neterror.h"

#include <utility>
#include <variant>

/// A value or the NetError that kept it from being there. Fallible calls in `net/` and
/// `models/` return this instead of bool + lastError().
template<typename T>
class Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(NetError error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const NetError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, NetError> m_data;
};
