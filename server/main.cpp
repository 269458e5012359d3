// memory-store: a single-node server that speaks the Qdrant REST API.
#include "memorystoreserver.h"
#include "version.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

const char *kUsage = R"(Usage: memory-store [options]

A single-node server that speaks the Qdrant REST API (level %s), for first runs, demos
and tests of Memory Console. Production and scale-out belong to Qdrant itself.

Options:
  --host HOST                 address to listen on (default 127.0.0.1)
  --port PORT                 port (default 6333; 0 picks a free port)
  --data DIR                  data directory (default ./memory-store-data)
  --api-key KEY               require this key (api-key header or Bearer token)
  --read-only-api-key KEY     a second key that may only read
  --threads N                 request threads (default max(8, cores))
  --version                   print the version and exit
  --help                      print this help and exit

Keys may also come from MEMORY_STORE_API_KEY and MEMORY_STORE_READ_ONLY_API_KEY, which
keeps them out of the process list.
)";

int usageError(const std::string &message)
{
    std::fprintf(stderr, "memory-store: %s\nTry 'memory-store --help'.\n", message.c_str());
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    mstore::MemoryStoreServer::Options options;
    if (const char *key = std::getenv("MEMORY_STORE_API_KEY"))
        options.apiKey = key;
    if (const char *key = std::getenv("MEMORY_STORE_READ_ONLY_API_KEY"))
        options.readOnlyApiKey = key;

    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> const char * { return i + 1 < argc ? argv[++i] : nullptr; };
        if (arg == "--help" || arg == "-h") {
            std::printf(kUsage, mstore::kQdrantApiVersion);
            return 0;
        }
        if (arg == "--version") {
            std::printf("memory-store %s (Qdrant REST API %s)\n", mstore::kMemoryStoreVersion,
                        mstore::kQdrantApiVersion);
            return 0;
        }
        const char *v = nullptr;
        if (arg == "--host" || arg == "--port" || arg == "--data" || arg == "--api-key"
            || arg == "--read-only-api-key" || arg == "--threads") {
            v = value();
            if (!v)
                return usageError(arg + " needs a value");
        } else {
            return usageError("unknown option " + arg);
        }
        if (arg == "--host") {
            options.host = v;
        } else if (arg == "--port" || arg == "--threads") {
            char *end = nullptr;
            const long n = std::strtol(v, &end, 10);
            if (*v == '\0' || *end != '\0' || n < 0 || n > 65535)
                return usageError(arg + " expects a number, got '" + v + "'");
            (arg == "--port" ? options.port : options.threads) = static_cast<int>(n);
        } else if (arg == "--data") {
            options.dataDir = v;
        } else if (arg == "--api-key") {
            options.apiKey = v;
        } else if (arg == "--read-only-api-key") {
            options.readOnlyApiKey = v;
        }
    }

    // Handle SIGINT/SIGTERM in this thread only: block them before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    mstore::MemoryStoreServer server(options);
    int port = 0;
    try {
        port = server.start();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "memory-store: %s\n", e.what());
        return 1;
    }
    std::printf("listening on http://%s:%d\n", options.host.c_str(), port);
    std::fflush(stdout);

    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    return 0;
}
