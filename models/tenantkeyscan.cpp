#include "tenantkeyscan.h"

#include "payloadpath.h"

#include <QJsonArray>
#include <QTimer>

namespace {

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

QJsonObject condition(const QString &key, const char *what, const QJsonValue &value)
{
    return {{QStringLiteral("key"), key}, {QLatin1String(what), value}};
}

QJsonObject isEmpty(const QString &key)
{
    return {{QStringLiteral("is_empty"), QJsonObject {{QStringLiteral("key"), key}}}};
}

void flatten(
    const QJsonValue &value, const QStringList &path, qsizetype step, QList<QJsonValue> &out)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            // Qdrant flattens one level: [[1, 2]] holds the array [1, 2], not 1 and 2.
            if (step < path.size() || !item.isArray())
                flatten(item, path, step, out);
        }
        return;
    }
    if (step == path.size()) {
        if (!value.isNull() && !value.isUndefined() && !out.contains(value))
            out.append(value);
        return;
    }
    if (value.isObject())
        flatten(value.toObject().value(path.at(step)), path, step + 1, out);
}

} // namespace

TenantKeyScan::TenantKeyScan(ScopedPoints points, ScopedAdmin admin, QObject *parent)
    : QObject(parent)
    , m_points(std::move(points))
    , m_admin(std::move(admin))
{ }

QList<QJsonValue> TenantKeyScan::valuesAt(const QJsonObject &payload, const QStringList &path)
{
    QList<QJsonValue> out;
    if (!path.isEmpty())
        flatten(payload.value(path.constFirst()), path, 1, out);
    return out;
}

bool TenantKeyScan::isFacetIndex(const QString &dataType)
{
    return dataType == QLatin1String("keyword") || dataType == QLatin1String("integer")
        || dataType == QLatin1String("uuid");
}

void TenantKeyScan::start(const QString &collection, const QString &key, const Options &options,
    std::function<void(const Result<TenantDiscoveryResult::KeyScan> &)> done)
{
    m_call.cancel();
    m_done = std::move(done);
    m_options = options;
    m_key = key;
    m_scan = TenantDiscoveryResult::KeyScan();
    m_scan.collection = collection;
    m_valueRows.clear();
    const auto path = PayloadPath::keys(key);
    if (!path || path->isEmpty()) {
        const NetError error
            = invalid(tr("The tenant payload key \"%1\" is not a path of object keys.").arg(key));
        // Reported from the event loop, like every other outcome.
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }
    m_path = *path;
    m_call = m_admin.collectionInfo(collection, this, [this](const Result<CollectionInfo> &r) {
        if (!r.ok())
            return fail(r.error());
        onInfo(r.value());
    });
}

void TenantKeyScan::cancel()
{
    m_call.cancel();
}

void TenantKeyScan::onInfo(const CollectionInfo &info)
{
    const QJsonObject schema = info.payloadSchema.value(m_key).toObject();
    m_scan.indexType = schema.value(QStringLiteral("data_type")).toString();
    if (!isFacetIndex(m_scan.indexType)) {
        // No index a facet can read: sample every point that has the key.
        countSample(QJsonObject {{QStringLiteral("must_not"), QJsonArray {isEmpty(m_key)}}});
        return;
    }
    FacetRequest request;
    request.key = m_key;
    request.limit = m_options.facetLimit;
    request.exact = true;
    m_call = m_points.facet(
        m_scan.collection, request, this, [this](const Result<QList<FacetHit>> &r) {
            if (!r.ok())
                return fail(r.error());
            onFacet(r.value());
        });
}

void TenantKeyScan::onFacet(const QList<FacetHit> &hits)
{
    m_scan.usedFacet = true;
    QJsonArray strings;
    QJsonArray integers;
    for (const FacetHit &hit : hits) {
        tally(hit.value, false, hit.count);
        if (hit.value.isString())
            strings.append(hit.value);
        else if (hit.value.isDouble())
            integers.append(hit.value);
    }
    // The points with the key that hold none of the values the facet gave.
    QJsonArray mustNot {isEmpty(m_key)};
    const QString any = QStringLiteral("any");
    if (!strings.isEmpty())
        mustNot.append(condition(m_key, "match", QJsonObject {{any, strings}}));
    if (!integers.isEmpty())
        mustNot.append(condition(m_key, "match", QJsonObject {{any, integers}}));
    countSample(QJsonObject {{QStringLiteral("must_not"), mustNot}});
}

void TenantKeyScan::countSample(const QJsonObject &filter)
{
    CountRequest request;
    request.filter = filter;
    request.exact = true;
    m_call
        = m_points.count(m_scan.collection, request, this, [this, filter](const Result<qint64> &r) {
              if (!r.ok())
                  return fail(r.error());
              m_scan.sampleFrom = r.value();
              if (m_scan.sampleFrom == 0)
                  return finish();
              readPage(filter, PointId());
          });
}

void TenantKeyScan::readPage(const QJsonObject &filter, const PointId &offset)
{
    ScrollRequest request;
    request.filter = filter;
    request.limit = int(qMin<qint64>(m_options.pageSize, m_options.sampleBound - m_scan.sampled));
    request.offset = offset;
    request.withPayload = PayloadSelector::include({m_key});
    request.withVector = VectorSelector::none();
    m_call = m_points.scroll(
        m_scan.collection, request, this, [this, filter](const Result<ScrollPage> &r) {
            if (!r.ok())
                return fail(r.error());
            const ScrollPage &page = r.value();
            for (const PointRecord &point : page.points) {
                for (const QJsonValue &v : valuesAt(point.payload, m_path))
                    tally(v, true, 1);
            }
            m_scan.sampled += page.points.size();
            emit sampledPoints(m_scan.sampled);
            if (page.nextOffset.isNull() || page.points.isEmpty()
                || m_scan.sampled >= m_options.sampleBound)
                return finish();
            readPage(filter, page.nextOffset);
        });
}

void TenantKeyScan::tally(const QJsonValue &value, bool sampled, qint64 count)
{
    if (!TenantDiscoveryResult::isTenantValue(value)) {
        m_scan.unusableValues += count;
        return;
    }
    const QJsonValue tenant = TenantDiscoveryResult::normalisedTenant(value);
    const QString key = TenantDiscoveryResult::tenantKey(tenant);
    const auto it = m_valueRows.constFind(key);
    if (it == m_valueRows.constEnd()) {
        m_valueRows.insert(key, int(m_scan.values.size()));
        m_scan.values.append(TenantDiscoveryResult::ValueCount {tenant, count, sampled});
        return;
    }
    TenantDiscoveryResult::ValueCount &row = m_scan.values[it.value()];
    row.count += count;
    row.sampled = row.sampled || sampled;
}

void TenantKeyScan::finish()
{
    const auto done = std::exchange(m_done, nullptr);
    if (done)
        done(m_scan);
}

void TenantKeyScan::fail(const NetError &error)
{
    const auto done = std::exchange(m_done, nullptr);
    if (done)
        done(error);
}
