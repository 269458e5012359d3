#pragma once

#include <stdexcept>
#include <string>

namespace mstore {

/// An error that becomes a Qdrant error envelope: HTTP status + `status.error` text.
/// Prefixes follow Qdrant's StorageError display ("Wrong input: ", "Not found: ", ...).
class ApiError final : public std::runtime_error
{
public:
    ApiError(int httpStatus, const std::string &message)
        : std::runtime_error(message), m_status(httpStatus)
    {}

    int status() const { return m_status; }

    static ApiError badRequest(const std::string &m) { return {400, "Bad request: " + m}; }
    static ApiError wrongInput(const std::string &m) { return {400, "Wrong input: " + m}; }
    static ApiError badInput(const std::string &m) { return {422, "Validation error: " + m}; }
    static ApiError jsonError(const std::string &m) { return {400, "Format error in JSON body: " + m}; }
    static ApiError notFound(const std::string &m) { return {404, "Not found: " + m}; }
    static ApiError forbidden(const std::string &m) { return {403, "Forbidden: " + m}; }
    static ApiError conflict(const std::string &m) { return {409, m}; }
    static ApiError collectionNotFound(const std::string &name)
    {
        return notFound("Collection `" + name + "` doesn't exist!");
    }

private:
    int m_status;
};

} // namespace mstore
