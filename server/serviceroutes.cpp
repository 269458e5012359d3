// Service and catalog-wide routes: root, health checks, telemetry, collection and alias lists.
#include "httpapi.h"
#include "jsonwriter.h"
#include "store.h"
#include "version.h"

#include <httplib.h>

namespace mstore {

void addServiceRoutes(HttpApi &api)
{
    using A = HttpApi::Access;
    // The version is the Qdrant API level spoken: clients choose endpoints by it.
    api.get("/", A::Open, [](const httplib::Request &) {
        Reply r{std::string("{\"title\":\"memory-store - Qdrant-compatible vector store\","
                            "\"version\":\"") + kQdrantApiVersion + "\",\"memory_store_version\":\""
                + kMemoryStoreVersion + "\"}"};
        r.raw = true;
        return r;
    });
    const auto text = [](const char *body) {
        return [body](const httplib::Request &) {
            return Reply{body, 200, true, "text/plain; charset=utf-8"};
        };
    };
    api.get("/healthz", A::Open, text("healthz check passed"));
    api.get("/livez", A::Open, text("livez check passed"));
    api.get("/readyz", A::Open, text("all shards are ready"));

    api.get("/telemetry", A::Read, [&api](const httplib::Request &) {
        const auto names = api.store().collectionNames();
        std::string out = "{\"id\":\"memory-store\",\"app\":{\"name\":\"memory-store\",\"version\":\"";
        out += kQdrantApiVersion;
        out += "\"},\"collections\":{\"number_of_collections\":" + std::to_string(names.size())
               + "}}";
        return Reply{out};
    });

    api.get("/cluster", A::Read, [](const httplib::Request &) {
        return Reply{"{\"status\":\"disabled\"}"};
    });

    api.get("/collections", A::Read, [&api](const httplib::Request &) {
        std::string out = "{\"collections\":[";
        JsonWriter w(out);
        bool first = true;
        for (const std::string &name : api.store().collectionNames()) {
            if (!first)
                out.push_back(',');
            first = false;
            w.raw("{\"name\":").string(name).raw("}");
        }
        out += "]}";
        return Reply{out};
    });

    api.get("/aliases", A::Read, [&api](const httplib::Request &) {
        return Reply{aliasesResult(api.store().aliases())};
    });
}

} // namespace mstore
