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

void rejectUnsupported(const Json &body)
{
    for (const char *key : {"prefetch", "lookup_from"}) {
        if (body.contains(key) && !body[key].is_null())
            throw ApiError::badRequest(std::string("`") + key
                                       + "` is not supported by memory-store");
    }
}

} // namespace

std::vector<float> VectorSearch::resolveVector(const Json &input, const std::string &vectorName,
                                               std::set<PointId> &referenced,
                                               const std::string &where) const
{
    if (input.is_array())
        return floatsOf(input, where);
    const auto id = PointId::fromJson(input);
    if (!id)
        throw ApiError::jsonError(where + ": expected a vector or a point id");
    const auto row = m_collection.rowOf(*id);
    if (!row)
        throw ApiError::notFound("No point with id " + id->toString() + " found");
    const VectorIndex *index = m_collection.vectorIndex(vectorName);
    const float *v = index ? index->vector(*row) : nullptr;
    if (!v)
        throw ApiError::badRequest("Point " + id->toString() + " has no vector `" + vectorName
                                   + "`");
    referenced.insert(*id);
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
        for (size_t i = 0; i < list.size(); ++i)
            out.push_back(resolveVector(list[i], plan.vectorName, plan.excluded,
                                        where + "." + key + "[" + std::to_string(i) + "]"));
        return out;
    };
    plan.vectorName = usingOf(input);
    plan.positive = examples("positive");
    plan.negative = examples("negative");
    const std::string strategy = input.value("strategy", Json("average_vector")).is_string()
                                     ? input.value("strategy", "average_vector")
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
        throw ApiError::badRequest("No positive or negative examples given");
    return plan;
}

VectorSearch::Plan VectorSearch::planQuery(const Json &body) const
{
    fields::requireObject(body);
    rejectUnsupported(body);
    Plan plan;
    const std::string vectorName = usingOf(body);
    const Json query = body.value("query", Json());
    if (query.is_null()) {
        plan.kind = Plan::Kind::ById;
    } else if (query.is_array() || query.is_number() || query.is_string()) {
        plan.query = resolveVector(query, vectorName, plan.excluded, "query");
    } else if (query.is_object() && query.contains("nearest")) {
        if (query.contains("mmr") && !query["mmr"].is_null())
            throw ApiError::badRequest("`mmr` is not supported by memory-store");
        plan.query = resolveVector(query["nearest"], vectorName, plan.excluded, "query.nearest");
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
    plan.withVector = body.value("with_vector", Json(false));
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
    plan.withVector = body.value("with_vector", Json(false));
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
            hits = index->search(query.data(), plan.limit + plan.offset, accept, plan.threshold);
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
            const float sign = largerIsBetter(distance) ? 1.f : -1.f;
            for (const auto &[id, row] : m_collection.idIndex()) {
                const float *v = index->vector(row);
                if (!v || !accept(row))
                    continue;
                float s;
                if (plan.kind == Plan::Kind::SumScores) {
                    s = 0.f;
                    for (const auto &p : pos)
                        s += sign * score(distance, v, p.data(), dim);
                    for (const auto &n : neg)
                        s -= sign * score(distance, v, n.data(), dim);
                } else {
                    float bestPos = -std::numeric_limits<float>::infinity();
                    float bestNeg = -std::numeric_limits<float>::infinity();
                    for (const auto &p : pos)
                        bestPos = std::max(bestPos, sign * score(distance, v, p.data(), dim));
                    for (const auto &n : neg)
                        bestNeg = std::max(bestNeg, sign * score(distance, v, n.data(), dim));
                    s = bestPos >= bestNeg ? bestPos : -(bestNeg * bestNeg);
                }
                if (plan.threshold && s < *plan.threshold)
                    continue;
                hits.push_back({row, s});
            }
            const size_t keep = std::min(hits.size(), plan.limit + plan.offset);
            std::partial_sort(hits.begin(), hits.begin() + keep, hits.end(),
                              [](const ScoredRow &a, const ScoredRow &b) {
                                  return a.score != b.score ? a.score > b.score : a.row < b.row;
                              });
            hits.resize(keep);
        }
        hits.erase(hits.begin(), hits.begin() + std::min(plan.offset, hits.size()));
    }
    out.push_back('[');
    for (size_t i = 0; i < hits.size(); ++i) {
        if (i)
            out.push_back(',');
        writer.writeScored(out, hits[i].row, hits[i].score);
    }
    out.push_back(']');
}

std::string VectorSearch::query(const Json &body) const
{
    if (body.is_object() && body.contains("query") && body["query"].is_object()
        && body["query"].contains("order_by")) {
        // Ordering by payload is a scroll with order_by; results carry order_value.
        Json scroll = body;
        scroll["order_by"] = body["query"]["order_by"];
        scroll.erase("query");
        scroll["with_payload"] = body.value("with_payload", Json(false));
        std::string result = PointReader(m_collection).scroll(scroll);
        const auto end = result.rfind("],\"next_page_offset\"");
        return result.substr(0, end + 1) + "}";
    }
    std::string out = "{\"points\":";
    auto lock = m_collection.readLock();
    run(planQuery(body), out);
    out.push_back('}');
    return out;
}

std::string VectorSearch::queryBatch(const Json &body) const
{
    fields::requireObject(body);
    const Json searches = body.value("searches", Json());
    if (!searches.is_array())
        throw ApiError::jsonError("missing field `searches`");
    std::string out = "[";
    for (size_t i = 0; i < searches.size(); ++i) {
        if (i)
            out.push_back(',');
        out += query(searches[i]);
    }
    out.push_back(']');
    return out;
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
    fields::requireObject(body);
    const Json searches = body.value("searches", Json());
    if (!searches.is_array())
        throw ApiError::jsonError("missing field `searches`");
    std::string out = "[";
    for (size_t i = 0; i < searches.size(); ++i) {
        if (i)
            out.push_back(',');
        const Plan plan = planSearch(searches[i]);
        auto lock = m_collection.readLock();
        run(plan, out);
    }
    out.push_back(']');
    return out;
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
    plan.withVector = body.value("with_vector", Json(false));
    std::string out;
    run(plan, out);
    return out;
}

} // namespace mstore
