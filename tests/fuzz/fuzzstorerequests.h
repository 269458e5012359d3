#pragma once

#include <cstddef>
#include <cstdint>

/// memory-store's request parsing and routing, in-process (MemoryStoreServer::serveInProcess):
/// the input is up to 8 requests, each `METHOD TARGET`, header lines, a blank line and the
/// body, separated by lines of `===`. Each becomes an HTTP/1.1 request with the right
/// Content-Length; its response must be whole, its JSON parse, and its status must not be a
/// 500 (bad input is a 4xx). One store per process in a temporary folder, emptied after each
/// input so that every input runs on the same empty store. Target fuzz_store_requests.
void fuzzStoreRequests(const uint8_t *data, size_t size);
