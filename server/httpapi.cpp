#include "httpapi.h"

#include "apierror.h"
#include "jsonwriter.h"

#include <httplib.h>

#include <chrono>

namespace mstore {

namespace {

// Constant-time comparison: the time taken must not reveal how much of a key matched.
bool sameSecret(const std::string &given, const std::string &expected)
{
    if (expected.empty())
        return false;
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (size_t i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
    return diff == 0;
}

std::string errorEnvelope(const std::string &message, double seconds)
{
    std::string out = "{\"status\":{\"error\":";
    JsonWriter w(out);
    w.string(message).raw("},\"time\":").number(seconds);
    out.push_back('}');
    return out;
}

} // namespace

std::string aliasesResult(const std::map<std::string, std::string> &aliases)
{
    std::string out = "{\"aliases\":[";
    JsonWriter w(out);
    bool first = true;
    for (const auto &[alias, collection] : aliases) {
        if (!first)
            out.push_back(',');
        first = false;
        w.raw("{\"alias_name\":").string(alias).raw(",\"collection_name\":").string(collection);
        out.push_back('}');
    }
    out += "]}";
    return out;
}

HttpApi::HttpApi(httplib::Server &server, Store &store, Keys keys)
    : m_server(server), m_store(store), m_keys(std::move(keys))
{}

Reply HttpApi::updateResult(const httplib::Request &request, uint64_t operationId)
{
    const bool wait = request.get_param_value("wait") == "true";
    return {"{\"operation_id\":" + std::to_string(operationId) + ",\"status\":\""
            + (wait ? "completed" : "acknowledged") + "\"}"};
}

bool HttpApi::authorise(Access access, const httplib::Request &request, Reply &denied) const
{
    if (access == Access::Open || (m_keys.apiKey.empty() && m_keys.readOnlyApiKey.empty()))
        return true;
    std::string key = request.get_header_value("api-key");
    const std::string bearer = request.get_header_value("Authorization");
    if (key.empty() && bearer.rfind("Bearer ", 0) == 0)
        key = bearer.substr(7);
    if (key.empty()) {
        denied = {"Must provide an API key or an Authorization bearer token", 401};
        return false;
    }
    if (sameSecret(key, m_keys.apiKey))
        return true;
    if (sameSecret(key, m_keys.readOnlyApiKey)) {
        if (access == Access::Read)
            return true;
        denied = {"Forbidden: Write access denied for a read-only API key", 403};
        return false;
    }
    denied = {"Invalid API key or JWT", 401};
    return false;
}

void HttpApi::dispatch(Access access, const Handler &handler, const httplib::Request &request,
                       httplib::Response &response) const
{
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    Reply reply;
    std::string error;
    if (!authorise(access, request, reply)) {
        // Qdrant's auth middleware answers 401 with the bare reason as text, not the JSON
        // envelope; a read-only key's write is refused further in, as a StorageError (JSON).
        if (reply.status == 401) {
            response.status = 401;
            response.set_content(reply.body, "text/plain; charset=utf-8");
            return;
        }
        error = reply.body;
    } else {
        try {
            reply = handler(request);
        } catch (const ApiError &e) {
            reply.status = e.status();
            error = e.what();
        } catch (const std::bad_alloc &) {
            reply.status = 500;
            error = "Service internal error: out of memory";
        } catch (const std::exception &e) {
            // Storage failures (disk full, I/O); bad input never gets here.
            reply.status = 500;
            error = std::string("Service internal error: ") + e.what();
        }
    }
    response.status = reply.status;
    if (!error.empty()) {
        response.set_content(errorEnvelope(error, elapsed()), "application/json");
        return;
    }
    if (reply.raw) {
        response.set_content(reply.body, reply.contentType);
        return;
    }
    std::string out;
    out.reserve(reply.body.size() + 64);
    out += "{\"result\":";
    out += reply.body;
    out += ",\"status\":\"ok\",\"time\":";
    JsonWriter(out).number(elapsed());
    out.push_back('}');
    response.set_content(out, "application/json");
}

void HttpApi::get(const std::string &pattern, Access access, Handler handler)
{
    m_server.Get(pattern,
        [this, access, handler = std::move(handler)](
            const httplib::Request &q, httplib::Response &r) { dispatch(access, handler, q, r); });
}

void HttpApi::post(const std::string &pattern, Access access, Handler handler)
{
    m_server.Post(pattern,
        [this, access, handler = std::move(handler)](
            const httplib::Request &q, httplib::Response &r) { dispatch(access, handler, q, r); });
}

void HttpApi::put(const std::string &pattern, Access access, Handler handler)
{
    m_server.Put(pattern,
        [this, access, handler = std::move(handler)](
            const httplib::Request &q, httplib::Response &r) { dispatch(access, handler, q, r); });
}

void HttpApi::patch(const std::string &pattern, Access access, Handler handler)
{
    m_server.Patch(pattern,
        [this, access, handler = std::move(handler)](
            const httplib::Request &q, httplib::Response &r) { dispatch(access, handler, q, r); });
}

void HttpApi::del(const std::string &pattern, Access access, Handler handler)
{
    m_server.Delete(pattern,
        [this, access, handler = std::move(handler)](
            const httplib::Request &q, httplib::Response &r) { dispatch(access, handler, q, r); });
}

} // namespace mstore
