#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

namespace mstore {

class Store;
class HttpApi;
class KeepAliveHttpServer;

/// memory-store as an object: the storage engine plus the Qdrant REST routes on a loopback
/// HTTP server with its own threads. The memory-store executable and the console's embedded
/// default both use it.
class MemoryStoreServer
{
public:
    struct Options
    {
        std::string host = "127.0.0.1";
        int port = 6333; ///< 0 picks a free port
        std::string dataDir = "./memory-store-data";
        std::string apiKey;
        std::string readOnlyApiKey;
        int threads = 0; ///< request threads; 0 = max(8, cores)
    };

    explicit MemoryStoreServer(Options options);
    ~MemoryStoreServer();

    /// Loads the data directory and starts listening in a background thread. Returns the bound
    /// port; throws std::runtime_error (data directory unusable, port taken) otherwise.
    int start();
    /// Loads the data directory and sets up the routes without listening (start() does it
    /// first); throws std::runtime_error when the data directory is unusable.
    void open();
    /// After open(): serves raw HTTP/1.1 request bytes in-process, as one connection would,
    /// and returns the response bytes (the fuzz target of the routes; no socket).
    std::string serveInProcess(std::string_view requests);
    /// Stops accepting, finishes requests in flight, and joins the server thread.
    void stop();
    /// Blocks until the server stops (the executable's main thread).
    void wait();

    int port() const { return m_port; }
    Store &store() { return *m_store; }

private:
    Options m_options;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<KeepAliveHttpServer> m_http;
    std::unique_ptr<HttpApi> m_api;
    std::thread m_thread;
    std::atomic<bool> m_listenerExited = false;
    int m_port = 0;
};

} // namespace mstore
