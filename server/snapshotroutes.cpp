// Snapshot routes: create, list, download, delete, upload-and-recover, recover from a file URL.
#include "apierror.h"
#include "httpapi.h"
#include "requestbody.h"
#include "snapshots.h"
#include "store.h"

#include <httplib.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mstore {

namespace {

std::string percentDecoded(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned value = 0;
        const char *digits = text.data() + i + 1;
        if (text[i] == '%' && i + 2 < text.size()
            && std::from_chars(digits, digits + 2, value, 16).ptr == digits + 2) {
            out.push_back(static_cast<char>(value));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

} // namespace

void addSnapshotRoutes(HttpApi &api)
{
    using A = HttpApi::Access;
    using Req = httplib::Request;
    Store &store = api.store();
    const std::string base = "/collections/([^/]+)/snapshots";

    api.post(base, A::Write, [&store](const Req &q) {
        return Reply{Snapshots(store).create(q.matches[1]).dump()};
    });
    api.get(base, A::Read, [&store](const Req &q) {
        return Reply{Snapshots(store).list(q.matches[1]).dump()};
    });
    api.post(base + "/upload", A::Write, [&store](const Req &q) {
        if (!q.has_file("snapshot"))
            throw ApiError::badRequest("expected a multipart form with a `snapshot` file");
        const auto file = q.get_file_value("snapshot");
        const auto temp = std::filesystem::path(store.dataDir()) / "snapshots"
                          / Snapshots::stagingName(".upload-");
        std::filesystem::create_directories(temp.parent_path());
        std::ofstream(temp, std::ios::binary).write(file.content.data(),
                                                    static_cast<std::streamsize>(file.content.size()));
        struct Remove
        {
            std::filesystem::path p;
            ~Remove() { std::filesystem::remove(p); }
        } remove{temp};
        Snapshots(store).recover(q.matches[1], temp.string(), q.get_param_value("checksum"));
        return Reply{"true"};
    });
    api.put(base + "/recover", A::Write, [&store](const Req &q) {
        const Json body = requestbody::parse(q.body);
        const Json locationField = body.is_object() ? body.value("location", Json()) : Json();
        if (!locationField.is_null() && !locationField.is_string())
            throw ApiError::jsonError("location: expected a URL string");
        const std::string location = locationField.is_string() ? locationField.get<std::string>()
                                                                : std::string();
        const Json checksum = body.is_object() ? body.value("checksum", Json()) : Json();
        if (!checksum.is_null() && !checksum.is_string())
            throw ApiError::jsonError("checksum: expected a sha256 hex string");
        // Only local files: memory-store makes no outbound connections.
        if (location.rfind("file://", 0) != 0)
            throw ApiError::badRequest("location must be a file:// URL on this machine, got `"
                                       + location + "`");
        // A URL: its path is percent-encoded (QUrl::fromLocalFile writes a space as %20).
        const std::string path = percentDecoded(location.substr(7));
        // Qdrant: a 400, with the path quoted as Rust's Debug prints it.
        if (!std::filesystem::is_regular_file(path))
            throw ApiError::badRequest("Snapshot file \"" + path + "\" does not exist");
        Snapshots(store).recover(q.matches[1], path,
                                 checksum.is_string() ? checksum.get<std::string>() : "");
        return Reply{"true"};
    });
    api.get(base + "/([^/]+)", A::Read, [&store](const Req &q) {
        const std::string path = Snapshots(store).path(q.matches[1], q.matches[2]);
        std::ifstream in(path, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        return Reply{content.str(), 200, true, "application/octet-stream"};
    });
    api.del(base + "/([^/]+)", A::Write, [&store](const Req &q) {
        Snapshots(store).remove(q.matches[1], q.matches[2]);
        return Reply{"true"};
    });
}

} // namespace mstore
