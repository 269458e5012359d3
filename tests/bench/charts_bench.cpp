// charts_bench: the charts pane's figures of issue 5, against memory-store.
//
//   charts_facet_1m_ms     a keyword distribution (optimization_type) over a 1M-point
//                          collection in "All tenants", end to end through ChartDataSource
//                          (count + facet, exact); median of --repeat runs
//   charts_numeric_100k_ms the savings % histogram split by outcome over one tenant's 100k
//                          points (of the 1M, payload tenancy), end to end through
//                          ChartDataSource from the first request to the finished histogram
//                          (count, scroll pages of two payload fields, reduction and binning
//                          on the thread pool); median of --repeat runs
//
// Also printed: the server's own facet time (raw HTTP), the tenant-scoped facet, and the
// numeric figure for each page size of --page-sizes.
//
// Usage: charts_bench [--points N] [--repeat R] [--page-sizes 500,2000,5000] [--out FILE];
// memory-store from MC_STORE_BIN. Prints a table; merges the figures into FILE.

#include "chartcohort.h"
#include "chartdatasource.h"
#include "consolesession.h"
#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

#include <algorithm>
#include <cstdio>

namespace {

const QString kCollection = QStringLiteral("charts_bench");
constexpr int kTenants = 10; // 100k points per tenant in 1M

struct Options
{
    int points = 1'000'000;
    int repeat = 5;
    QList<int> pageSizes{500, 2000, 5000};
    QString out;
};

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

void appendPoint(QByteArray &out, qint64 id)
{
    static const char *types[] = {"spot_migration", "reserved_instance", "right_sizing"};
    static const char *outcomes[] = {"success", "failed", "rolled_back"};
    static const char *clouds[] = {"aws", "gcp", "azure"};
    const qint64 h = (id * 2654435761LL) & 0x7fffffff;
    out += "{\"id\":" + QByteArray::number(id) + ",\"vector\":[" + QByteArray::number(h % 7)
        + ".5,1,0.25," + QByteArray::number(h % 3) + "],\"payload\":{\"customer_id\":\"tenant-"
        + QByteArray::number(id % kTenants) + "\",\"optimization_id\":\"opt-"
        + QByteArray::number(id) + "\",\"optimization_type\":\"" + types[h % 3]
        + "\",\"outcome\":\"" + outcomes[(h >> 3) % 3] + "\",\"savings_percent\":"
        + QByteArray::number(double(h % 6000) / 100.0) + ",\"cost_impact\":"
        + QByteArray::number(h % 50000) + ",\"cloud_provider\":\"" + clouds[(h >> 5) % 3]
        + "\",\"instance_type\":\"m5." + QByteArray::number(h % 4) + "xlarge\",\"execution_date\":"
        + "\"2026-" + QByteArray::number(1 + h % 9).rightJustified(2, '0') + "-"
        + QByteArray::number(1 + h % 28).rightJustified(2, '0')
        + "T10:00:00Z\",\"confidence_score\":" + QByteArray::number(double(h % 100) / 100.0)
        + ",\"lessons_learned\":\"Batch jobs tolerate interruption; keep a fallback pool.\"}}";
}

bool loadCollection(StoreClient &client, int points)
{
    const QString base = QStringLiteral("/collections/") + kCollection;
    client.del(base);
    if (client.put(base, QJsonObject{{QStringLiteral("vectors"),
                                      QJsonObject{{QStringLiteral("size"), 4},
                                                  {QStringLiteral("distance"),
                                                   QStringLiteral("Dot")}}}})
            .status
        != 200)
        return false;
    const QList<std::pair<QString, QJsonValue>> indexes{
        {QStringLiteral("customer_id"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("keyword")},
                     {QStringLiteral("is_tenant"), true}}},
        {QStringLiteral("optimization_type"), QStringLiteral("keyword")},
        {QStringLiteral("outcome"), QStringLiteral("keyword")},
    };
    for (const auto &[field, schema] : indexes) {
        client.put(base + QStringLiteral("/index?wait=true"),
                   QJsonObject{{QStringLiteral("field_name"), field},
                               {QStringLiteral("field_schema"), schema}});
    }
    QElapsedTimer timer;
    timer.start();
    const int batch = 10'000;
    for (int start = 0; start < points; start += batch) {
        QByteArray body = "{\"points\":[";
        for (int i = start; i < std::min(points, start + batch); ++i) {
            if (i > start)
                body += ',';
            appendPoint(body, i + 1);
        }
        body += "]}";
        if (client.put(base + QStringLiteral("/points?wait=true"), body).status != 200)
            return false;
    }
    std::printf("loaded %d points in %.1f s\n", points, double(timer.elapsed()) / 1000.0);
    return true;
}

/// One chart end to end: start() to finished(); -1 on failure.
double chartMs(const ChartSpec &spec, const ChartCohort &cohort, int pageSize,
               qint64 *pointsRead = nullptr)
{
    ChartDataSource source;
    source.setPageSize(pageSize);
    QSignalSpy finished(&source, &ChartDataSource::finished);
    QSignalSpy failed(&source, &ChartDataSource::failed);
    QElapsedTimer timer;
    timer.start();
    source.start(spec, {cohort});
    if (!finished.wait(120000)) {
        if (!failed.isEmpty())
            std::fprintf(stderr, "chart failed: %s\n",
                         qPrintable(failed.first().first().value<NetError>().message));
        return -1;
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (pointsRead)
        *pointsRead = finished.first().first().value<ChartResult>().pointsRead();
    return ms;
}

double rawFacetMs(StoreClient &client, const QJsonObject &body)
{
    QElapsedTimer timer;
    timer.start();
    const auto response = client.post(
        QStringLiteral("/collections/%1/facet").arg(kCollection), body);
    if (response.status != 200)
        return -1;
    return double(timer.nsecsElapsed()) / 1e6;
}

void mergeResults(const QString &path, const QList<std::pair<QString, double>> &figures)
{
    QJsonObject results;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        results = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    for (const auto &[key, value] : figures)
        results.insert(key, value);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "charts_bench: cannot write %s\n", qPrintable(path));
        return;
    }
    file.write(QJsonDocument(results).toJson());
}

} // namespace

int main(int argc, char *argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCoreApplication app(argc, argv);
    Options options;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QStringLiteral("--points")) {
            options.points = std::max(1000, args.at(++i).toInt());
        } else if (args.at(i) == QStringLiteral("--repeat")) {
            options.repeat = std::max(1, args.at(++i).toInt());
        } else if (args.at(i) == QStringLiteral("--page-sizes")) {
            options.pageSizes.clear();
            for (const QString &size : args.at(++i).split(QLatin1Char(',')))
                options.pageSizes.append(std::max(1, size.toInt()));
        } else if (args.at(i) == QStringLiteral("--out")) {
            options.out = args.at(++i);
        }
    }

    MemoryStoreProcess store;
    if (!store.start(30000)) {
        std::fprintf(stderr, "memory-store: %s\n", qPrintable(store.error()));
        return 1;
    }
    StoreClient client(store.port());
    if (!loadCollection(client, options.points))
        return 1;

    ConsoleSession session;
    QSignalSpy opened(&session, &ConsoleSession::opened);
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("bench"), QUrl(store.baseUrl()));
    profile.tenantPayloadKey = QStringLiteral("customer_id");
    session.open(profile, QString());
    if (!opened.wait(10000))
        return 1;

    ChartSpec facet;
    facet.kind = ChartSpec::Kind::KeywordDistribution;
    facet.valueKey = QStringLiteral("optimization_type");
    session.setScope(TenantScope::allTenants());
    const ChartCohort all = ChartCohort::current(session, kCollection).value();
    QList<double> facetAll, facetRaw, facetTenant;
    for (int i = 0; i < options.repeat; ++i) {
        facetRaw.append(rawFacetMs(client,
                                   QJsonObject{{QStringLiteral("key"),
                                                QStringLiteral("optimization_type")},
                                               {QStringLiteral("exact"), true}}));
        facetAll.append(chartMs(facet, all, 2000));
    }
    session.setScope(TenantScope::forProfile(profile, QStringLiteral("tenant-3")).value());
    const ChartCohort tenant = ChartCohort::current(session, kCollection).value();
    for (int i = 0; i < options.repeat; ++i)
        facetTenant.append(chartMs(facet, tenant, 2000));

    ChartSpec savings;
    savings.splitKey = QStringLiteral("outcome");
    QList<std::pair<int, double>> byPage;
    qint64 tenantPoints = 0;
    for (int pageSize : options.pageSizes) {
        QList<double> runs;
        for (int i = 0; i < options.repeat; ++i)
            runs.append(chartMs(savings, tenant, pageSize, &tenantPoints));
        byPage.append({pageSize, median(runs)});
        std::printf("  savings histogram, page %d: %.1f ms (median of %d; %lld points)\n",
                    pageSize, median(runs), options.repeat, static_cast<long long>(tenantPoints));
    }
    const ChartDataSource defaults;
    double numeric = -1;
    for (const auto &[pageSize, ms] : byPage) {
        if (pageSize == defaults.pageSize())
            numeric = ms;
    }
    if (numeric < 0 && !byPage.isEmpty())
        numeric = byPage.first().second;

    std::printf("\n%-40s %12s %10s\n", "charts figure", "value", "target");
    std::printf("%-40s %12.1f %10s\n", "charts_facet_1m_ms (all tenants)", median(facetAll),
                "<= 1000");
    std::printf("%-40s %12.1f %10s\n", "  server facet alone (raw HTTP)", median(facetRaw), "");
    std::printf("%-40s %12.1f %10s\n", "  facet, one tenant of 10", median(facetTenant), "");
    std::printf("%-40s %12.1f %10s\n", "charts_numeric_100k_ms (one tenant)", numeric,
                "<= 2000");
    std::printf("(%d points in the collection, %lld in the tenant, page size %d)\n",
                options.points, static_cast<long long>(tenantPoints), defaults.pageSize());
    if (!options.out.isEmpty()) {
        mergeResults(options.out,
                     {{QStringLiteral("charts_points"), options.points},
                      {QStringLiteral("charts_facet_1m_ms"), median(facetAll)},
                      {QStringLiteral("charts_facet_server_ms"), median(facetRaw)},
                      {QStringLiteral("charts_facet_tenant_ms"), median(facetTenant)},
                      {QStringLiteral("charts_numeric_points"), double(tenantPoints)},
                      {QStringLiteral("charts_numeric_100k_ms"), numeric}});
    }
    return 0;
}
