#pragma once

#include "collectionconfig.h"
#include "facetcolumn.h"
#include "filter.h"
#include "indexedpointcount.h"
#include "json.h"
#include "pointid.h"
#include "requestbody.h"
#include "vectorindex.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace mstore {

class Storage;
struct PersistedPoint;
class PayloadPath;

/// Which points an operation touches: a list of ids, or a filter.
struct PointSelection
{
    std::vector<PointId> ids;
    std::optional<Filter> filter;
};

/// A payload index as declared with PUT /index: its type and parameters.
struct PayloadIndexSpec
{
    std::string type; ///< keyword, integer, float, bool, datetime, uuid, text, geo
    Json params;      ///< the full field_schema as given (null for a bare type name)

    /// Whether an index of this type takes the payload value (a keyword index ignores
    /// numbers, an integer index floats, ...): what Qdrant indexes, counts and facets.
    bool accepts(const Json &value) const;
};

/// One collection held in memory: points in dense rows, one VectorIndex per vector name,
/// payloads as JSON. Every write is persisted (one Storage transaction) before it becomes
/// visible. Reads take a shared lock, writes an exclusive one.
class Collection
{
public:
    Collection(std::string name, CollectionConfig config, Storage &storage);
    ~Collection();

    const std::string &name() const { return m_name; }

    /// Collection metadata as persisted: config and payload indexes.
    Json meta() const;
    /// Restores payload indexes from persisted metadata (at load time).
    void restoreMeta(const Json &meta);
    /// Adds a persisted point at load time (no write-back).
    void loadPoint(PersistedPoint &&point);

    /// GET /collections/{name}: status, counts, config, payload_schema.
    Json info() const;
    void updateConfig(const Json &body);
    CollectionConfig config() const;

    // Writes. Each validates everything before changing anything, persists, then applies;
    // each returns its operation id.
    /// Honours update_mode (insert_only keeps existing points, update_only inserts none) and
    /// update_filter (existing points are replaced only when they match it).
    uint64_t upsert(PointsWrite write);
    /// Points must exist (404 otherwise); those not matching update_filter are left alone.
    uint64_t updateVectors(PointsWrite write);
    uint64_t deletePoints(const PointSelection &selection);
    uint64_t setPayload(const PointSelection &selection, const Json &payload,
                        const PayloadPath *key);
    uint64_t overwritePayload(const PointSelection &selection, const Json &payload);
    uint64_t deletePayload(const PointSelection &selection, const std::vector<PayloadPath> &keys);
    uint64_t clearPayload(const PointSelection &selection);
    uint64_t deleteVectors(const PointSelection &selection, const std::vector<std::string> &names);

    /// Each returns its operation id.
    uint64_t createPayloadIndex(const std::string &field, const PayloadIndexSpec &spec);
    uint64_t deletePayloadIndex(const std::string &field);
    std::map<std::string, PayloadIndexSpec> payloadIndexes() const;

    // Read access for the query classes; hold readLock() while using these.
    std::shared_lock<std::shared_mutex> readLock() const
    {
        return std::shared_lock<std::shared_mutex>(m_mutex);
    }
    struct Row
    {
        PointId id;
        Json payload;
        uint64_t version = 0;
        bool used = false;
    };
    const std::vector<Row> &rows() const { return m_rows; }
    const std::map<PointId, uint32_t> &idIndex() const { return m_idToRow; }
    std::optional<uint32_t> rowOf(const PointId &id) const;
    /// The index of a named vector ("" = unnamed), or nullptr.
    const VectorIndex *vectorIndex(const std::string &name) const;
    const std::map<std::string, std::unique_ptr<VectorIndex>> &vectorIndexes() const
    {
        return m_vectors;
    }
    bool rowMatches(uint32_t row, const Filter &filter) const;
    const CollectionConfig &configUnlocked() const { return m_config; }
    const std::map<std::string, PayloadIndexSpec> &payloadIndexesUnlocked() const
    {
        return m_indexes;
    }
    size_t pointCount() const { return m_idToRow.size(); }
    /// The values column of a facetable payload index (keyword, integer, bool, uuid) on
    /// field, kept up to date with every write, or nullptr when there is no such index.
    const FacetColumn *facetColumn(const std::string &field) const;

private:
    struct Change;
    std::vector<uint32_t> selectRows(const PointSelection &selection, bool requireExisting) const;
    void validateVectors(const PointInput &point, bool requireAll) const;
    uint64_t commit(std::vector<Change> &changes, const std::vector<PointId> &deletes);
    Change changeForRow(uint32_t row) const;
    uint64_t rewritePayloads(const PointSelection &selection,
                             const std::function<void(Json &)> &edit);
    void persistMeta();
    /// The points a payload index holds a value for (kept count, else a walk); under a lock.
    size_t indexedPoints(const std::string &field, const PayloadIndexSpec &spec) const;
    /// (Re)builds the facet column and the indexed-point count of field from every row, or
    /// drops them when the field has no (facetable) index any more.
    void rebuildFacetColumn(const std::string &field);

    std::string m_name;
    CollectionConfig m_config;
    Storage &m_storage;

    mutable std::shared_mutex m_mutex;
    std::vector<Row> m_rows;
    std::vector<uint32_t> m_freeRows;
    std::map<PointId, uint32_t> m_idToRow;
    std::map<std::string, std::unique_ptr<VectorIndex>> m_vectors;
    std::map<std::string, PayloadIndexSpec> m_indexes;
    std::map<std::string, FacetColumn> m_facetColumns;
    /// Per payload index, the points it holds a value for (collection info's "points").
    std::map<std::string, IndexedPointCount> m_indexedCounts;
    uint64_t m_nextOperation = 0;
};

} // namespace mstore
