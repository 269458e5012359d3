// Snapshot routes: create, list, download, delete, upload-and-recover, recover from a file URL.
#include "apierror.h"
#include "httpapi.h"
#include "requestbody.h"
#include "snapshots.h"
#include "store.h"

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace mstore {

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
        const auto temp = std::filesystem::path(store.dataDir()) / "snapshots" / ".upload.tmp";
        std::filesystem::create_directories(temp.parent_path());
        std::ofstream(temp, std::ios::binary).write(file.content.data(),
                                                    static_cast<std::streamsize>(file.content.size()));
        struct Remove
        {
            std::filesystem::path p;
            ~Remove() { std::filesystem::remove(p); }
        } remove{temp};
        Snapshots(store).recover(q.matches[1], temp.string());
        return Reply{"true"};
    });
    api.put(base + "/recover", A::Write, [&store](const Req &q) {
        const Json body = requestbody::parse(q.body);
        const std::string location = body.is_object() ? body.value("location", "") : "";
        // Only local files: memory-store makes no outbound connections.
        if (location.rfind("file://", 0) != 0)
            throw ApiError::badRequest("location must be a file:// URL on this machine, got `"
                                       + location + "`");
        const std::string path = location.substr(7);
        if (!std::filesystem::is_regular_file(path))
            throw ApiError::notFound("Snapshot file " + path + " does not exist");
        Snapshots(store).recover(q.matches[1], path);
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
