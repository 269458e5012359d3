#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace mstore {

class Store;
class HttpApi;

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
    /// Stops accepting, finishes requests in flight, and joins the server thread.
    void stop();
    /// Blocks until the server stops (the executable's main thread).
    void wait();

    int port() const { return m_port; }
    Store &store() { return *m_store; }

private:
    Options m_options;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<httplib::Server> m_http;
    std::unique_ptr<HttpApi> m_api;
    std::thread m_thread;
    std::atomic<bool> m_listenerExited = false;
    int m_port = 0;
};

} // namespace mstore
