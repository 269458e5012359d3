#include "vectorsearch.h"

#include "apierror.h"
#include "pointreader.h"
#include "recordwriter.h"
#include "requestfields.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mstore {

namespace fields = requestfields;

struct VectorSearch::Plan
{
    enum class Kind { Nearest, BestScore, SumScores, ById } kind = Kind::Nearest;
    std::string vectorName;
    std::vector<float> query;                        // Nearest
    std::vector<std::vector<float>> positive, negative; // BestScore / SumScores
    Filter filter;
    std::set<PointId> excluded;
    std::optional<float> threshold;
    size_t limit = 10;
    size_t offset = 0;
    Json withPayload;
    Json withVector;
};

namespace {

std::vector<float> floatsOf(const Json &list, const std::string &where)
{
    std::vector<float> v;
    v.reserve(list.size());
    for (const Json &x : list) {
        if (!x.is_number())
            throw ApiError::jsonError(where + ": expected a list of numbers");
        v.push_back(x.get<float>());
    }
    return v;
}

std::optional<float> thresholdOf(const Json &body)
{
    const auto it = body.find("score_threshold");
    if (it == body.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number())
        throw ApiError::jsonError("score_threshold: expected a number");
    return it->get<float>();
}

std::string usingOf(const Json &body, const char *key = "using")
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null())
        return {};
    if (!it->is_string())
        throw ApiError::jsonError(std::string(key) + ": expected a vector name");
    return it->get<std::string>();
}

// `with_vector`, or its serde alias `with_vectors` that older clients send; default false.
Json withVectorOf(const Json &body)
{
    for (const char *key : {"with_vector", "with_vectors"}) {
        const auto it = body.find(key);
        if (it != body.end())
            return *it;
    }
    return false;
}

// Qdrant keeps points whose score is strictly better than score_threshold (Distance::
// check_threshold: `>` for Cosine/Dot, `<` for Euclid/Manhattan). The index keeps scores that
// are at least as good, so move the bound one float step towards the better side.
float strictThreshold(Distance distance, float threshold)
{
    const float better = largerIsBetter(distance) ? std::numeric_limits<float>::infinity()
                                                  : -std::numeric_limits<float>::infinity();
    return std::nextafter(threshold, better);
}

// The raw similarity Qdrant's custom (recommend best_score / sum_scores) scorers use: larger is
// better for every metric and no post-processing, so Euclid is the negated squared distance
// and Manhattan the negated L1 distance (spaces/simple.rs).
float similarity(Distance distance, const float *a, const float *b, size_t dim)
{
    const float s = score(distance, a, b, dim);
    switch (distance) {
    case Distance::Euclid: return -(s * s);
    case Distance::Manhattan: return -s;
    case Distance::Cosine:
    case Distance::Dot: break;
    }
    return s;
}

// common::math::scaled_fast_sigmoid, which best_score applies to the winning similarity.
float scaledFastSigmoid(float x)
{
    return 0.5f * (x / (1.0f + std::fabs(x)) + 1.0f);
}

void rejectUnsupported(const Json &body)
{
    for (const char *key : {"prefetch", "lookup_from"}) {
        if (body.contains(key) && !body[key].is_null())
            throw ApiError::badRequest(std::string("`") + key
                                       + "` is not supported by memory-store");
    }
}

} // namespace

std::optional<std::vector<float>> VectorSearch::resolveVector(const Json &input,
                                                              const std::string &vectorName,
                                                              std::set<PointId> &referenced,
                                                              const std::string &where) const
{
    if (input.is_array())
        return floatsOf(input, where);
    const auto id = PointId::fromJson(input);
    if (!id)
        throw ApiError::jsonError(where + ": expected a vector or a point id");
    const VectorIndex *index = m_collection.vectorIndex(vectorName);
    if (!index)
        throw ApiError::wrongInput("Not existing vector name error: " + vectorName);
    const auto row = m_collection.rowOf(*id);
    if (!row)
        throw ApiError::notFound("No point with id " + id->toString() + " found");
    // Qdrant excludes every point the request references, found vector or not.
    referenced.insert(*id);
    const float *v = index->vector(*row);
    if (!v)
        return std::nullopt;
    return std::vector<float>(v, v + index->dimension());
}

VectorSearch::Plan VectorSearch::planRecommend(const Json &input, const std::string &where) const
{
    if (!input.is_object())
        throw ApiError::jsonError(where + ": expected {\"positive\", \"negative\", \"strategy\"}");
    Plan plan;
    auto examples = [&](const char *key) {
        std::vector<std::vector<float>> out;
        const Json list = input.value(key, Json::array());
        if (!list.is_array() && !list.is_null())
            throw ApiError::jsonError(where + "." + key + ": expected a list");
        // As Qdrant's resolve_reco_reference: an example point without the vector is dropped.
        for (size_t i = 0; i < list.size(); ++i) {
            auto v = resolveVector(list[i], plan.vectorName, plan.excluded,
                                   where + "." + key + "[" + std::to_string(i) + "]");
            if (v)
                out.push_back(std::move(*v));
        }
        return out;
    };
    plan.vectorName = usingOf(input);
    plan.positive = examples("positive");
    plan.negative = examples("negative");
    // An absent or null strategy is average_vector.
    const Json strategyField = input.value("strategy", Json());
    const std::string strategy = strategyField.is_null()     ? "average_vector"
                                 : strategyField.is_string() ? strategyField.get<std::string>()
                                                             : "";
    if (strategy == "best_score") {
        plan.kind = Plan::Kind::BestScore;
    } else if (strategy == "sum_scores") {
        plan.kind = Plan::Kind::SumScores;
    } else if (strategy == "average_vector") {
        if (plan.positive.empty())
            throw ApiError::badRequest("At least one positive vector ID required with this "
                                       "strategy");
        // query = avg_pos + avg_pos - avg_neg, as Qdrant's average_vector strategy.
        const size_t dim = plan.positive.front().size();
        for (const auto *list : {&plan.positive, &plan.negative}) {
            for (const auto &v : *list) {
                if (v.size() != dim)
                    throw ApiError::wrongInput("Vector dimension error: expected dim: "
                                               + std::to_string(dim) + ", got "
                                               + std::to_string(v.size()));
            }
        }
        std::vector<float> avgPos(dim, 0.f), avgNeg(dim, 0.f);
        for (const auto &v : plan.positive)
            for (size_t i = 0; i < dim && i < v.size(); ++i)
                avgPos[i] += v[i] / float(plan.positive.size());
        for (const auto &v : plan.negative)
            for (size_t i = 0; i < dim && i < v.size(); ++i)
                avgNeg[i] += v[i] / float(plan.negative.size());
        plan.query = avgPos;
        if (!plan.negative.empty())
            for (size_t i = 0; i < dim; ++i)
                plan.query[i] = avgPos[i] + avgPos[i] - avgNeg[i];
    } else {
        throw ApiError::jsonError(where + ".strategy: expected average_vector, best_score or "
                                          "sum_scores");
    }
    if (plan.positive.empty() && plan.negative.empty())
        throw ApiError::badRequest("At least one positive or negative vector ID required with "
                                   "this strategy");
    return plan;
}

VectorSearch::Plan VectorSearch::planQuery(const Json &body) const
{
    fields::requireObject(body);
    rejectUnsupported(body);
    Plan plan;
    const std::string vectorName = usingOf(body);
    const Json query = body.value("query", Json());
    // The referenced point may lack the vector: Qdrant's vector_not_found_error.
    const auto nearest = [&](const Json &input, const char *where) {
        auto v = resolveVector(input, vectorName, plan.excluded, where);
        if (!v)
            throw ApiError::notFound("Vector with name " + Json(vectorName).dump()
                                     + " for point");
        return std::move(*v);
    };
    if (query.is_null()) {
        if (thresholdOf(body))
            throw ApiError::badRequest("A query is needed to use the score_threshold. Can't "
                                       "have score_threshold without defining a query.");
        plan.kind = Plan::Kind::ById;
    } else if (query.is_array() || query.is_number() || query.is_string()) {
        plan.query = nearest(query, "query");
    } else if (query.is_object() && query.contains("nearest")) {
        if (query.contains("mmr") && !query["mmr"].is_null())
            throw ApiError::badRequest("`mmr` is not supported by memory-store");
        plan.query = nearest(query["nearest"], "query.nearest");
    } else if (query.is_object() && query.contains("recommend")) {
        Json input = query["recommend"];
        if (input.is_object() && !vectorName.empty())
            input["using"] = vectorName;
        plan = planRecommend(input, "query.recommend");
    } else if (query.is_object() && query.size() == 1) {
        throw ApiError::badRequest("query `" + query.begin().key()
                                   + "` is not supported by memory-store");
    } else {
        throw ApiError::jsonError("query: expected a vector, a point id, or a query object");
    }
    plan.vectorName = vectorName;
    plan.filter = fields::filter(body);
    plan.threshold = thresholdOf(body);
    plan.limit = fields::positive(body, "limit", 10);
    plan.offset = fields::nonNegative(body, "offset", 0);
    plan.withPayload = body.value("with_payload", Json(false));
    plan.withVector = withVectorOf(body);
    return plan;
}

VectorSearch::Plan VectorSearch::planSearch(const Json &body) const
{
    fields::requireObject(body);
    Plan plan;
    const Json vector = body.value("vector", Json());
    if (vector.is_array()) {
        plan.query = floatsOf(vector, "vector");
    } else if (vector.is_object() && vector.contains("vector") && vector["vector"].is_array()) {
        plan.vectorName = vector.value("name", "");
        plan.query = floatsOf(vector["vector"], "vector.vector");
    } else {
        throw ApiError::jsonError("missing field `vector`: expected a list of numbers or "
                                  "{\"name\", \"vector\"}");
    }
    if (!body.contains("limit"))
        throw ApiError::jsonError("missing field `limit`");
    plan.filter = fields::filter(body);
    plan.threshold = thresholdOf(body);
    plan.limit = fields::positive(body, "limit", 10);
    plan.offset = fields::nonNegative(body, "offset", 0);
    plan.withPayload = body.value("with_payload", Json(false));
    plan.withVector = withVectorOf(body);
    return plan;
}

void VectorSearch::run(const Plan &plan, std::string &out) const
{
    RecordWriter writer(m_collection, PayloadSelector::fromJson(plan.withPayload, false),
                        VectorSelector::fromJson(plan.withVector));
    const auto accept = [&](uint32_t row) {
        if (!plan.excluded.empty() && plan.excluded.contains(m_collection.rows()[row].id))
            return false;
        return m_collection.rowMatches(row, plan.filter);
    };

    std::vector<ScoredRow> hits;
    if (plan.kind == Plan::Kind::ById) {
        // No query: points in id order, as Qdrant does.
        size_t skipped = 0;
        for (const auto &[id, row] : m_collection.idIndex()) {
            if (hits.size() == plan.limit)
                break;
            if (!accept(row))
                continue;
            if (skipped++ < plan.offset)
                continue;
            hits.push_back({row, 0.f});
        }
    } else {
        const VectorIndex *index = m_collection.vectorIndex(plan.vectorName);
        if (!index)
            throw ApiError::wrongInput("Not existing vector name error: " + plan.vectorName);
        const size_t dim = index->dimension();
        auto checkDim = [&](const std::vector<float> &v) {
            if (v.size() != dim)
                throw ApiError::wrongInput("Vector dimension error: expected dim: "
                                           + std::to_string(dim) + ", got "
                                           + std::to_string(v.size()));
        };
        const Distance distance = index->distance();
        if (plan.kind == Plan::Kind::Nearest) {
            checkDim(plan.query);
            std::vector<float> query = plan.query;
            if (distance == Distance::Cosine)
                normalize(query.data(), query.size());
            std::optional<float> threshold;
            if (plan.threshold)
                threshold = strictThreshold(distance, *plan.threshold);
            hits = index->search(query.data(), plan.limit + plan.offset, accept, threshold);
        } else {
            // best_score / sum_scores: a custom objective over every example.
            auto prepared = [&](std::vector<std::vector<float>> list) {
                for (auto &v : list) {
                    checkDim(v);
                    if (distance == Distance::Cosine)
                        normalize(v.data(), v.size());
                }
                return list;
            };
            const auto pos = prepared(plan.positive);
            const auto neg = prepared(plan.negative);
            // Qdrant's RecoSumScoresQuery / RecoBestScoreQuery (vector_storage/query/
            // reco_query.rs) over raw similarities; the scores are reported as they are.
            for (const auto &[id, row] : m_collection.idIndex()) {
                const float *v = index->vector(row);
                if (!v || !accept(row))
                    continue;
                float s;
                if (plan.kind == Plan::Kind::SumScores) {
                    float positive = 0.f, negative = 0.f;
                    for (const auto &p : pos)
                        positive += similarity(distance, v, p.data(), dim);
                    for (const auto &n : neg)
                        negative += similarity(distance, v, n.data(), dim);
                    s = positive - negative;
                } else {
                    float bestPos = -std::numeric_limits<float>::infinity();
                    float bestNeg = -std::numeric_limits<float>::infinity();
                    for (const auto &p : pos)
                        bestPos = std::max(bestPos, similarity(distance, v, p.data(), dim));
                    for (const auto &n : neg)
                        bestNeg = std::max(bestNeg, similarity(distance, v, n.data(), dim));
                    s = bestPos > bestNeg ? scaledFastSigmoid(bestPos)
                                          : -scaledFastSigmoid(bestNeg);
                }
                // Custom scores rank larger-first for every metric; for Cosine and Dot
                // check_threshold keeps score > threshold, which is a plain filter here.
                if (plan.threshold && largerIsBetter(distance) && !(s > *plan.threshold))
                    continue;
                hits.push_back({row, s});
            }
            const size_t keep = std::min(hits.size(), plan.limit + plan.offset);
            std::partial_sort(hits.begin(), hits.begin() + keep, hits.end(),
                              [](const ScoredRow &a, const ScoredRow &b) {
                                  return a.score != b.score ? a.score > b.score : a.row < b.row;
                              });
            hits.resize(keep);
            // For Euclid and Manhattan Qdrant applies the distance's check (score < threshold)
            // to these larger-first scores with take_while (local_shard/search.rs): either the
            // best score is below the threshold and every hit stays, or none does.
            if (plan.threshold && !largerIsBetter(distance) && !hits.empty()
                && !(hits.front().score < *plan.threshold))
                hits.clear();
        }
        hits.erase(hits.begin(), hits.begin() + std::min(plan.offset, hits.size()));
    }
    out.push_back('[');
    for (size_t i = 0; i < hits.size(); ++i) {
        if (i)
            out.push_back(',');
        if (plan.kind == Plan::Kind::ById)
            writer.writeScrolled(out, hits[i].row, nullptr);
        else
            writer.writeScored(out, hits[i].row, hits[i].score);
    }
    out.push_back(']');
}

std::string VectorSearch::queryOrdered(const Json &body) const
{
    // Qdrant answers an order_by query with a scroll ordered by that key (planned_query.rs)
    // and turns its records into ScoredPoints with version 0, score 1.0 and the order_value.
    rejectUnsupported(body);
    if (thresholdOf(body))
        throw ApiError::badRequest("Can't use score_threshold with an order_by query.");
    const size_t limit = fields::positive(body, "limit", 10);
    const size_t offset = fields::nonNegative(body, "offset", 0);
    RecordWriter writer(m_collection,
                        PayloadSelector::fromJson(body.value("with_payload", Json(false)), false),
                        VectorSelector::fromJson(withVectorOf(body)));
    // PointReader owns the ordering rules (range index required, direction, start_from, one
    // entry per value); it returns only ids and order values here.
    Json scroll = {{"order_by", body["query"]["order_by"]},
                   {"limit", limit + offset},
                   {"with_payload", false},
                   {"with_vector", false}};
    if (body.contains("filter"))
        scroll["filter"] = body["filter"];
    const Json page = Json::parse(PointReader(m_collection).scroll(scroll));

    std::string out = "{\"points\":[";
    auto lock = m_collection.readLock();
    size_t index = 0;
    bool first = true;
    for (const Json &point : page.value("points", Json::array())) {
        if (index++ < offset)
            continue;
        const auto id = PointId::fromJson(point.value("id", Json()));
        const auto row = id ? m_collection.rowOf(*id) : std::nullopt;
        if (!row)
            continue; // deleted since the scroll read it
        if (!first)
            out.push_back(',');
        first = false;
        const auto value = point.find("order_value");
        writer.writeScrolled(out, *row, value == point.end() ? nullptr : &*value);
    }
    out += "]}";
    return out;
}

std::string VectorSearch::query(const Json &body) const
{
    if (body.is_object() && body.contains("query") && body["query"].is_object()
        && body["query"].contains("order_by"))
        return queryOrdered(body);
    std::string out = "{\"points\":";
    auto lock = m_collection.readLock();
    run(planQuery(body), out);
    out.push_back('}');
    return out;
}

std::string VectorSearch::batch(const Json &body, Single single) const
{
    fields::requireObject(body);
    const Json searches = body.value("searches", Json());
    if (!searches.is_array())
        throw ApiError::jsonError("missing field `searches`");
    std::string out = "[";
    for (size_t i = 0; i < searches.size(); ++i) {
        if (i)
            out.push_back(',');
        out += (this->*single)(searches[i]);
    }
    out.push_back(']');
    return out;
}

std::string VectorSearch::queryBatch(const Json &body) const
{
    return batch(body, &VectorSearch::query);
}

std::string VectorSearch::search(const Json &body) const
{
    std::string out;
    const Plan plan = planSearch(body);
    auto lock = m_collection.readLock();
    run(plan, out);
    return out;
}

std::string VectorSearch::searchBatch(const Json &body) const
{
    return batch(body, &VectorSearch::search);
}

std::string VectorSearch::recommend(const Json &body) const
{
    fields::requireObject(body);
    rejectUnsupported(body);
    auto lock = m_collection.readLock();
    Plan plan = planRecommend(body, "recommend");
    plan.filter = fields::filter(body);
    plan.threshold = thresholdOf(body);
    if (!body.contains("limit"))
        throw ApiError::jsonError("missing field `limit`");
    plan.limit = fields::positive(body, "limit", 10);
    plan.offset = fields::nonNegative(body, "offset", 0);
    plan.withPayload = body.value("with_payload", Json(false));
    plan.withVector = withVectorOf(body);
    std::string out;
    run(plan, out);
    return out;
}

std::string VectorSearch::recommendBatch(const Json &body) const
{
    return batch(body, &VectorSearch::recommend);
}

} // namespace mstore
