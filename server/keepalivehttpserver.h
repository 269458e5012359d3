#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

namespace mstore {

/// httplib::Server whose keep-alive connections wait for their next request in poll(), woken
/// by the request itself. httplib 0.11 waits in a loop of 10 ms polls, each one that times out
/// followed by a 1 ms sleep, so a request that arrived during a sleep (1 in 11 on a connection
/// idle for more than 10 ms) waited up to a millisecond to be read
/// (docs/decisions/0007-search-latency-tail.md). It also keeps a connection's read buffer from
/// one request to the next and reads in 64 KiB, not 4 KiB, so a 4 MB upsert takes 64 reads.
class KeepAliveHttpServer final : public httplib::Server
{
public:
    /// Serves the HTTP/1.1 requests in `requests` as one connection would (parsing, routing,
    /// handlers) and returns the bytes it would have written back; no socket involved. For
    /// the fuzz target of the routes (tests/fuzz).
    std::string serveInProcess(std::string_view requests);

private:
    /// Serves requests on `sock` until the client closes it, it stays idle past the keep-alive
    /// timeout, a request fails, or the server stops (noticed within 100 ms); then closes it.
    bool process_and_close_socket(socket_t sock) override;
};

} // namespace mstore
