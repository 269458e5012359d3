#pragma once

#include <functional>
#include <map>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace mstore {

class Store;

/// What a route handler returns: the `result` JSON text, wrapped in Qdrant's envelope, or a
/// raw body (root, health checks, snapshot downloads).
struct Reply
{
    std::string body;
    int status = 200;
    bool raw = false;
    std::string contentType = "application/json";
};

/// Wires Qdrant's REST routes onto an httplib server: envelope, error mapping, timing and
/// api-key checks live here once; the route files only say what each path does.
class HttpApi
{
public:
    enum class Access { Open, Read, Write };
    using Handler = std::function<Reply(const httplib::Request &)>;

    struct Keys
    {
        std::string apiKey;         ///< full access; empty = no authentication
        std::string readOnlyApiKey; ///< may only read
    };

    HttpApi(httplib::Server &server, Store &store, Keys keys);

    void get(const std::string &pattern, Access access, Handler handler);
    void post(const std::string &pattern, Access access, Handler handler);
    void put(const std::string &pattern, Access access, Handler handler);
    void patch(const std::string &pattern, Access access, Handler handler);
    void del(const std::string &pattern, Access access, Handler handler);

    Store &store() { return m_store; }

    /// `?wait=true` -> "completed", otherwise "acknowledged" (both applied before replying).
    static Reply updateResult(const httplib::Request &request, uint64_t operationId);

private:
    void dispatch(Access access, const Handler &handler, const httplib::Request &request,
                  httplib::Response &response) const;
    bool authorise(Access access, const httplib::Request &request, Reply &denied) const;

    httplib::Server &m_server;
    Store &m_store;
    Keys m_keys;
};

/// `{"aliases":[{"alias_name","collection_name"}, ...]}` for GET /aliases and per collection.
std::string aliasesResult(const std::map<std::string, std::string> &aliases);

void addServiceRoutes(HttpApi &api);
void addCollectionRoutes(HttpApi &api);
void addPointRoutes(HttpApi &api);
void addSearchRoutes(HttpApi &api);
void addSnapshotRoutes(HttpApi &api);

} // namespace mstore
