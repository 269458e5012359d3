// Ranking routes: the query API of Qdrant >= 1.10 and the legacy search/recommend endpoints.
#include "httpapi.h"
#include "requestbody.h"
#include "store.h"
#include "vectorsearch.h"

#include <httplib.h>

namespace mstore {

void addSearchRoutes(HttpApi &api)
{
    using A = HttpApi::Access;
    using Req = httplib::Request;
    Store &store = api.store();
    const std::string points = "/collections/([^/]+)/points";
    using Method = std::string (VectorSearch::*)(const Json &) const;
    // The collection's shared_ptr must outlive the call: keep it in a local.
    const auto route = [&store](Method method) {
        return [&store, method](const Req &q) {
            const auto collection = store.collection(q.matches[1]);
            return Reply{(VectorSearch(*collection).*method)(requestbody::parse(q.body))};
        };
    };
    api.post(points + "/query", A::Read, route(&VectorSearch::query));
    api.post(points + "/query/batch", A::Read, route(&VectorSearch::queryBatch));
    api.post(points + "/search", A::Read, route(&VectorSearch::search));
    api.post(points + "/search/batch", A::Read, route(&VectorSearch::searchBatch));
    api.post(points + "/recommend", A::Read, route(&VectorSearch::recommend));
    api.post(points + "/recommend/batch", A::Read, route(&VectorSearch::recommendBatch));
}

} // namespace mstore
