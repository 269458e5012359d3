#pragma once

// What the benchmarks against memory-store share around their measurements: failing with a
// message (after the destructors stopped the server), finding and starting memory-store,
// creating and filling a collection over the raw client, and writing the figures. Plain C++
// (no Qt), like the rest of mc_benchsupport.

#include "benchresults.h"
#include "rawhttpclient.h"
#include "storeprocess.h"

#include <functional>
#include <string>
#include <vector>

namespace bench {

/// Thrown by die(): runGuarded() reports it after the destructors have stopped memory-store
/// and removed its data directory (std::exit would skip them).
struct Failure
{
    std::string message;
};

/// Ends the benchmark with `message` (throws Failure).
[[noreturn]] void die(const std::string &message);

/// Runs `run`; a Failure or another exception is printed as `NAME: FAILED: why` and gives 1.
int runGuarded(const char *name, const std::function<int()> &run);

/// The memory-store built beside this benchmark: build/tests/bench/X -> build/server/memory-store.
std::string defaultStoreBin();

/// Starts memory-store from `binary` on a free loopback port, or dies saying why.
void startStore(StoreProcess &store, const std::string &binary);

/// Dies unless `response` is HTTP 200; `what` names the request.
void expectOk(const RawHttpClient::Response &response, const std::string &what);

/// Creates the collection `name` with one unnamed `dims`-float Cosine vector, or dies.
void createCollection(RawHttpClient &client, const std::string &name, size_t dims);

/// Sends `batches` upsert bodies to collection `name` (PUT points?wait=true) from `connections`
/// threads, each with its own keep-alive connection, taking the next batch from a shared
/// counter; body(b, scratch) gives batch b's body (built ahead, or written into scratch). Dies
/// on the first failed batch. Returns the wall time in seconds; with batchMs, each batch's
/// round trip in ms.
double parallelUpsert(const StoreProcess &store, const std::string &name, size_t batches,
    size_t connections, const std::function<const std::string &(size_t, std::string &)> &body,
    std::vector<double> *batchMs = nullptr);

/// Merges `figures` into the results file at `path` and says so, or dies saying why.
void writeFigures(const std::string &path, const Figures &figures);

} // namespace bench
