#include "benchharness.h"
#include "benchutil.h"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

namespace bench {

namespace fs = std::filesystem;

void die(const std::string &message)
{
    throw Failure {message};
}

int runGuarded(const char *name, const std::function<int()> &run)
{
    try {
        return run();
    } catch (const Failure &failure) {
        std::fprintf(stderr, "%s: FAILED: %s\n", name, failure.message.c_str());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "%s: FAILED: %s\n", name, e.what());
    }
    return 1;
}

std::string defaultStoreBin()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return fs::weakly_canonical(self.parent_path() / "../../server/memory-store").string();
}

void startStore(StoreProcess &store, const std::string &binary)
{
    if (!fs::exists(binary)) {
        die("memory-store not found at " + binary
            + " (build the memory-store target, or pass --store-bin PATH)");
    }
    if (!store.start(binary))
        die("cannot start " + binary + ": " + store.error());
}

void expectOk(const RawHttpClient::Response &response, const std::string &what)
{
    if (response.status == 0)
        die(what + ": no answer");
    if (response.status != 200) {
        die(what + " answered HTTP " + std::to_string(response.status) + ": "
            + response.body.substr(0, 500));
    }
}

void createCollection(RawHttpClient &client, const std::string &name, size_t dims)
{
    const std::string path = "/collections/" + name;
    const RawHttpClient::Response response = client.request("PUT", path,
        R"({"vectors":{"size":)" + std::to_string(dims) + R"(,"distance":"Cosine"}})");
    if (response.status == 0)
        die("PUT " + path + ": " + client.error());
    expectOk(response, "PUT " + path);
}

double parallelUpsert(const StoreProcess &store, const std::string &name, size_t batches,
    size_t connections, const std::function<const std::string &(size_t, std::string &)> &body,
    std::vector<double> *batchMs)
{
    const std::string path = "/collections/" + name + "/points?wait=true";
    std::atomic<size_t> next {0};
    std::atomic<bool> failed {false};
    std::string failure;
    std::mutex mutex; // guards failure and batchMs
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (size_t c = 0; c < std::max<size_t>(1, connections); ++c) {
        threads.emplace_back([&] {
            RawHttpClient client(store.host(), store.port());
            std::string scratch;
            for (size_t b; !failed && (b = next.fetch_add(1)) < batches;) {
                const auto t0 = Clock::now();
                const RawHttpClient::Response response
                    = client.request("PUT", path, body(b, scratch));
                const double ms = millisSince(t0);
                std::lock_guard lock(mutex);
                if (batchMs)
                    batchMs->push_back(ms);
                if (response.status != 200 && !failed.exchange(true)) {
                    failure = "upsert of batch " + std::to_string(b) + " into " + name
                        + " answered "
                        + (response.status ? "HTTP " + std::to_string(response.status)
                                           : client.error())
                        + ": " + response.body.substr(0, 500);
                }
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    if (failed)
        die(failure);
    return millisSince(start) / 1000;
}

void writeFigures(const std::string &path, const Figures &figures)
{
    const std::string error = mergeResults(path, figures);
    if (!error.empty())
        die(error);
    std::printf("figures merged into %s\n", path.c_str());
}

} // namespace bench
