#include "memorystoreserver.h"

#include "apierror.h"
#include "httpapi.h"
#include "keepalivehttpserver.h"
#include "store.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace mstore {

MemoryStoreServer::MemoryStoreServer(Options options) : m_options(std::move(options)) {}

MemoryStoreServer::~MemoryStoreServer()
{
    stop();
}

void MemoryStoreServer::open()
{
    m_store = std::make_unique<Store>(m_options.dataDir);
    // Not httplib::Server itself: its idle connections read a request up to 1 ms late.
    m_http = std::make_unique<KeepAliveHttpServer>();

    const int threads = m_options.threads > 0
                            ? m_options.threads
                            // A worker per open keep-alive connection (httplib): room for
                            // several clients with 8 connections each, whatever the cores.
                            : std::max(32, 4 * static_cast<int>(std::thread::hardware_concurrency()));
    m_http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // Small request bodies must not wait for a delayed ACK; clients keep connections open.
    m_http->set_tcp_nodelay(true);
    m_http->set_keep_alive_max_count(1000000);
    // Idle keep-alive connections close after 5 s, actix-web's default that Qdrant keeps.
    m_http->set_keep_alive_timeout(5);
    m_http->set_read_timeout(60, 0);
    m_http->set_write_timeout(60, 0);
    m_http->set_payload_max_length(size_t(64) << 20);

    // Routes keep a reference to the api object: it lives as long as the server.
    m_api = std::make_unique<HttpApi>(*m_http, *m_store,
                                      HttpApi::Keys{m_options.apiKey, m_options.readOnlyApiKey});
    addServiceRoutes(*m_api);
    addCollectionRoutes(*m_api);
    addPointRoutes(*m_api);
    addSearchRoutes(*m_api);
    addSnapshotRoutes(*m_api);
    m_http->set_error_handler([](const httplib::Request &, httplib::Response &res) {
        if (res.body.empty() && res.status == 404)
            res.set_content("{\"status\":{\"error\":\"Not found: no such endpoint\"},\"time\":0}",
                            "application/json");
    });
}

std::string MemoryStoreServer::serveInProcess(std::string_view requests)
{
    return m_http->serveInProcess(requests);
}

int MemoryStoreServer::start()
{
    open();
    if (m_options.port == 0) {
        m_port = m_http->bind_to_any_port(m_options.host);
    } else {
        m_port = m_http->bind_to_port(m_options.host, m_options.port) ? m_options.port : -1;
    }
    if (m_port <= 0)
        throw std::runtime_error("cannot listen on " + m_options.host + ":"
                                 + std::to_string(m_options.port)
                                 + " (address in use or not available)");
    m_thread = std::thread([this] {
        m_http->listen_after_bind();
        m_listenerExited = true;
    });
    // httplib's stop() does nothing until listen_after_bind() has entered its accept loop, so
    // a stop() (a SIGTERM) right after start() would leave the join in stop() waiting forever.
    // Return only once the server is really accepting.
    while (!m_http->is_running() && !m_listenerExited)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return m_port;
}

void MemoryStoreServer::stop()
{
    if (m_http)
        m_http->stop();
    if (m_thread.joinable())
        m_thread.join();
}

void MemoryStoreServer::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace mstore
