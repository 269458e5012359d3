#pragma once

// Value types of QdrantClient's requests and results. Filters, collection configs and payloads
// are QJsonObjects passed through as Qdrant defines them; everything that carries vectors or
// ids is typed, because those are written and parsed on the fast paths.

#include "pointid.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

/// Dense vectors of one point by name; the empty name is the collection's unnamed vector.
using NamedVectors = QMap<QString, QList<float>>;

/// What `GET /` says: the server's name and the Qdrant API version it speaks.
struct ServerVersion
{
    QString title;
    QString version; ///< as sent, e.g. "1.19.0"
    QString commit;
    int major = 0;
    int minor = 0;
    int patch = 0;

    /// Reads "1.7.4", "v1.10.0", "1.12.0-dev"; false when there is no major.minor.
    bool parse(const QString &text);
    bool atLeast(int wantMajor, int wantMinor, int wantPatch = 0) const;
    /// Qdrant 1.10 brought the universal `points/query`; older servers only have the legacy
    /// `points/search` and `points/recommend`.
    bool hasQueryApi() const { return atLeast(1, 10); }
};

/// One named (or the unnamed) dense vector of a collection.
struct VectorParams
{
    int size = 0;
    QString distance; ///< Cosine, Dot, Euclid, Manhattan
};

/// `GET /collections/{name}`: status, counts, vector layout; the rest as sent.
struct CollectionInfo
{
    QString status; ///< green, yellow, grey, red
    QString optimizerStatus; ///< "ok", or the optimizer's error
    qint64 pointsCount = -1; ///< -1 when the server did not say
    qint64 indexedVectorsCount = -1;
    qint64 segmentsCount = 0;
    QMap<QString, VectorParams> vectors; ///< "" for the unnamed vector
    QJsonObject payloadSchema; ///< field → {data_type, params, points}
    QJsonObject config; ///< params, hnsw_config, optimizer_config, ...
};

/// An alias and the collection it points to.
struct AliasInfo
{
    QString alias;
    QString collection;
    friend bool operator==(const AliasInfo &, const AliasInfo &) = default;
};

/// One step of an atomic `POST /collections/aliases`.
struct AliasOperation
{
    enum class Kind { Create, Delete, Rename };
    Kind kind = Kind::Create;
    QString alias; ///< the alias (Rename: its old name)
    QString collection; ///< Create only
    QString newAlias; ///< Rename only

    static AliasOperation create(const QString &alias, const QString &collection);
    static AliasOperation remove(const QString &alias);
    static AliasOperation rename(const QString &alias, const QString &newAlias);
};

/// A snapshot of a collection on the server.
struct SnapshotInfo
{
    QString name;
    QDateTime creationTime; ///< UTC; invalid when the server did not say
    qint64 size = 0;
    QString checksum; ///< sha256 hex, when the server gives one
};

/// Qdrant's answer to a write: its operation number and whether it is applied.
struct UpdateResult
{
    qint64 operationId = -1;
    QString status; ///< "completed" (wait=true) or "acknowledged"
};

/// What QdrantClient::upsertPoints() did.
struct UpsertSummary
{
    qint64 points = 0;
    int requests = 0;
    qint64 bytes = 0; ///< request bodies sent
    qint64 lastOperationId = -1;
};

/// A point to write: id, vectors and payload.
struct PointStruct
{
    PointId id;
    NamedVectors vectors;
    QJsonObject payload;
    /// Vectors given as JSON text (an array of numbers that whoever set it has checked: the
    /// import's readers check count, type and float range), copied into request bodies byte
    /// for byte, so a vector read from a file is not parsed and printed again. By name like
    /// `vectors`; a name in both is written from here.
    QMap<QString, QByteArray> vectorTexts;
};

/// A point as read back (retrieve, scroll).
struct PointRecord
{
    PointId id;
    QJsonObject payload;
    NamedVectors vectors; ///< empty unless vectors were asked for
};

/// A search hit.
struct ScoredPoint
{
    PointId id;
    float score = 0;
    qint64 version = 0;
    QJsonObject payload;
    NamedVectors vectors;
};

/// One page of `points/scroll`; nextOffset is null after the last page.
struct ScrollPage
{
    QList<PointRecord> points;
    PointId nextOffset;
};

/// One value of a payload key and how many points have it.
struct FacetHit
{
    QJsonValue value;
    qint64 count = 0;
};

/// Which payload fields to return (`with_payload`).
struct PayloadSelector
{
    enum class Mode { All, None, Include, Exclude };
    Mode mode = Mode::All;
    QStringList fields;

    static PayloadSelector all() { return {}; }
    static PayloadSelector none() { return {Mode::None, {}}; }
    static PayloadSelector include(const QStringList &fields) { return {Mode::Include, fields}; }
    static PayloadSelector exclude(const QStringList &fields) { return {Mode::Exclude, fields}; }
};

/// Which vectors to return (`with_vector`): none, all, or some by name.
struct VectorSelector
{
    bool all = false;
    QStringList names;

    static VectorSelector none() { return {}; }
    static VectorSelector everything() { return {true, {}}; }
    static VectorSelector named(const QStringList &names) { return {false, names}; }
    bool wantsAny() const { return all || !names.isEmpty(); }
};

/// Points chosen by ids or by a filter (Qdrant's PointsSelector).
struct PointSelection
{
    QList<PointId> ids;
    QJsonObject filter; ///< used when ids is empty

    static PointSelection byIds(const QList<PointId> &ids) { return {ids, {}}; }
    static PointSelection byFilter(const QJsonObject &filter) { return {{}, filter}; }
    bool isByIds() const { return !ids.isEmpty(); }
};

/// `POST /points/scroll`.
struct ScrollRequest
{
    QJsonObject filter;
    int limit = 10;
    PointId offset; ///< null: from the start
    PayloadSelector withPayload;
    VectorSelector withVector;
    QJsonValue orderBy; ///< Qdrant's order_by, passed through when not undefined
};

/// `POST /points/count`.
struct CountRequest
{
    QJsonObject filter;
    bool exact = true;
};

/// `POST /facet`: the most frequent values of a (keyword, integer, bool, uuid) indexed key.
struct FacetRequest
{
    QString key;
    int limit = 10;
    QJsonObject filter;
    bool exact = false;
};

/// A query input: a dense vector, or the id of a point whose vector is used.
struct VectorInput
{
    QList<float> vector;
    PointId id; ///< used when vector is empty

    static VectorInput ofVector(const QList<float> &vector) { return {vector, {}}; }
    static VectorInput ofPoint(const PointId &id) { return {{}, id}; }
};

/// A search: nearest to a vector or to a point, or a recommendation from examples. The client
/// sends it as `points/query` to Qdrant ≥ 1.10 and as `points/search` / `points/recommend` to
/// older servers, with the same results.
struct QueryRequest
{
    enum class Kind { Nearest, Recommend };
    Kind kind = Kind::Nearest;
    VectorInput nearest; ///< Nearest
    QList<VectorInput> positive; ///< Recommend
    QList<VectorInput> negative; ///< Recommend
    QString strategy; ///< Recommend: average_vector (default), best_score, ...
    QString vectorName; ///< `using`; empty for the unnamed vector
    QJsonObject filter;
    int limit = 10;
    int offset = 0;
    std::optional<float> scoreThreshold;
    PayloadSelector withPayload = PayloadSelector::none();
    VectorSelector withVector;

    static QueryRequest nearestTo(const QList<float> &vector, int limit = 10);
    static QueryRequest nearestToPoint(const PointId &id, int limit = 10);
    static QueryRequest recommend(const QList<VectorInput> &positive,
        const QList<VectorInput> &negative = {}, int limit = 10);
};

/// One operation of `POST /points/batch`, applied in order with the others.
struct UpdateOperation
{
    enum class Kind {
        Upsert,
        Delete,
        SetPayload,
        OverwritePayload,
        DeletePayload,
        ClearPayload,
        UpdateVectors,
        DeleteVectors,
    };
    Kind kind = Kind::Upsert;
    QList<PointStruct> points; ///< Upsert, UpdateVectors
    PointSelection selection; ///< the others
    QJsonObject payload; ///< SetPayload, OverwritePayload
    QString key; ///< SetPayload: nested key to set under, may be empty
    QStringList names; ///< DeletePayload: payload keys; DeleteVectors: vector names

    static UpdateOperation upsert(const QList<PointStruct> &points);
    static UpdateOperation remove(const PointSelection &selection);
    static UpdateOperation setPayload(
        const PointSelection &selection, const QJsonObject &payload, const QString &key = {});
    static UpdateOperation overwritePayload(
        const PointSelection &selection, const QJsonObject &payload);
    static UpdateOperation deletePayload(const PointSelection &selection, const QStringList &keys);
    static UpdateOperation clearPayload(const PointSelection &selection);
    static UpdateOperation updateVectors(const QList<PointStruct> &points);
    static UpdateOperation deleteVectors(
        const PointSelection &selection, const QStringList &vectorNames);
};

Q_DECLARE_METATYPE(ServerVersion)
Q_DECLARE_METATYPE(ScoredPoint)
Q_DECLARE_METATYPE(PointRecord)
