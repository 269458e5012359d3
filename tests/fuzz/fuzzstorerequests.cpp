#include "fuzzstorerequests.h"

#include "fuzzcheck.h"

#include "json.h"
#include "memorystoreserver.h"
#include "store.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr size_t kMaxRequests = 8;

/// memory-store opened (not listening) on a fresh folder, removed when the process ends.
class InProcessStore
{
public:
    InProcessStore()
    {
        // tmpfs when there is one: every write of the store is an SQLite transaction.
        const std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                               ? std::filesystem::path("/dev/shm")
                                               : std::filesystem::temp_directory_path();
        std::string pattern = (base / "mc-fuzz-store-XXXXXX").string();
        fuzzCheck(::mkdtemp(pattern.data()) != nullptr, "no temporary folder for the store");
        m_dir = pattern;
        mstore::MemoryStoreServer::Options options;
        options.dataDir = m_dir.string();
        m_server = std::make_unique<mstore::MemoryStoreServer>(options);
        m_server->open();
    }

    ~InProcessStore()
    {
        m_server.reset();
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }

    mstore::MemoryStoreServer &server() { return *m_server; }

    /// Back to an empty store: no collections (their aliases go with them), no snapshots.
    void empty()
    {
        mstore::Store &store = m_server->store();
        for (const std::string &name : store.collectionNames())
            store.dropCollection(name);
        std::error_code ignored;
        std::filesystem::remove_all(m_dir / "snapshots", ignored);
    }

private:
    std::filesystem::path m_dir;
    std::unique_ptr<mstore::MemoryStoreServer> m_server;
};

InProcessStore &inProcessStore()
{
    static InProcessStore store;
    return store;
}

std::string_view nextLine(std::string_view &text)
{
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    return line;
}

std::string withoutLineBreaks(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (c != '\r' && c != '\n')
            out.push_back(c);
    }
    return out;
}

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i])
            return false;
    }
    return true;
}

/// One part of the input (`METHOD TARGET`, headers, blank line, body) as an HTTP/1.1 request.
std::string httpRequest(std::string_view part)
{
    std::string out = withoutLineBreaks(nextLine(part));
    out += " HTTP/1.1\r\nHost: fuzz\r\n";
    while (!part.empty()) {
        const std::string_view header = nextLine(part);
        if (header.empty() || header == "\r")
            break;
        // The body's length is the harness's to say, and the connection stays open.
        if (startsWithNoCase(header, "content-length") || startsWithNoCase(header, "connection")
            || startsWithNoCase(header, "transfer-encoding"))
            continue;
        out += withoutLineBreaks(header);
        out += "\r\n";
    }
    out += "Content-Length: " + std::to_string(part.size()) + "\r\n\r\n";
    out += part;
    return out;
}

/// The status of one HTTP response at the start of `responses`, which it removes; checks
/// that the response is whole and that a JSON body parses.
int takeResponse(std::string_view &responses, bool head)
{
    fuzzCheck(responses.rfind("HTTP/1.1 ", 0) == 0, "no status line");
    const size_t headerEnd = responses.find("\r\n\r\n");
    fuzzCheck(headerEnd != std::string_view::npos, "a response's headers do not end");
    const std::string_view headers = responses.substr(0, headerEnd + 2);
    const int status = std::atoi(std::string(responses.substr(9, 3)).c_str());
    size_t length = 0;
    bool json = false;
    bool compressed = false;
    for (std::string_view rest = headers.substr(headers.find("\r\n") + 2); !rest.empty();) {
        const size_t end = rest.find("\r\n");
        const std::string_view header = rest.substr(0, end);
        rest.remove_prefix(end + 2);
        if (startsWithNoCase(header, "content-length:"))
            length = std::strtoull(std::string(header.substr(15)).c_str(), nullptr, 10);
        else if (startsWithNoCase(header, "content-type: application/json"))
            json = true;
        else if (startsWithNoCase(header, "content-encoding:"))
            compressed = true; // the client asked for gzip, brotli or deflate
    }
    responses.remove_prefix(headerEnd + 4);
    if (head)
        return status;
    fuzzCheck(responses.size() >= length, "a response's body is shorter than its length");
    const std::string_view body = responses.substr(0, length);
    responses.remove_prefix(length);
    if (json && !compressed && !body.empty() && !mstore::Json::accept(body))
        throw FuzzCheckFailed("a JSON response does not parse: "
                              + std::string(body.substr(0, 300)));
    return status;
}

/// The HTTP/1.1 requests of an input.
std::vector<std::string> httpRequests(const uint8_t *data, size_t size)
{
    std::vector<std::string> requests;
    std::string_view input(reinterpret_cast<const char *>(data), size);
    while (!input.empty() && requests.size() < kMaxRequests) {
        size_t end = input.find("\n===\n");
        std::string_view part = input.substr(0, end);
        input.remove_prefix(end == std::string_view::npos ? input.size() : end + 5);
        // A body that names a local file would have the store read any file of the machine
        // (snapshot recovery from file://): not for a fuzzer.
        if (part.find("file:") != std::string_view::npos)
            continue;
        requests.push_back(httpRequest(part));
    }
    return requests;
}

} // namespace

void fuzzStoreRequests(const uint8_t *data, size_t size)
{
    InProcessStore &store = inProcessStore();
    struct Empty
    {
        InProcessStore &store;
        ~Empty() { store.empty(); }
    } emptyAfter{store};
    // MC_FUZZ_TRACE=1: each request line and its status on stderr, to see what seeds reach.
    static const bool trace = std::getenv("MC_FUZZ_TRACE") != nullptr;
    for (const std::string &request : httpRequests(data, size)) {
        const std::string responses = store.server().serveInProcess(request);
        const bool head = request.rfind("HEAD ", 0) == 0;
        std::string_view rest = responses;
        // httplib answers a request it cannot parse with a 400 and no more.
        while (!rest.empty()) {
            const int status = takeResponse(rest, head);
            if (trace)
                std::fprintf(stderr, "%d %s\n", status,
                             request.substr(0, request.find('\r')).c_str());
            if (status == 500) {
                throw FuzzCheckFailed("a request gets a 500 (" + request.substr(0, 300)
                                      + "): " + responses.substr(0, 300));
            }
        }
    }
}
