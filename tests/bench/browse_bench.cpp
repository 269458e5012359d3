// browse_bench: the console's browsing figures of issue 4, against memory-store.
//
//   browse_first_page_ms      a 1M-point collection (12 payload fields, 4-dim vectors), from
//                             selecting it (collection info, then PointsModel::setSource) to
//                             the first 100 rows in the model; median of 15, tenant-scoped
//                             (the console's normal case) and for All tenants
//   browse_scroll_max_gui_ms  the longest GUI-thread stretch (a 1 ms watchdog timer's longest
//                             late tick) while the points pane's table is scrolled a page
//                             every 16 ms
//                             through 20,000 rows; beside it the GUI thread's own CPU time
//                             in those stretches (max and p99), which excludes waiting for a
//                             core on a loaded machine
//   browse_idle_max_gui_ms    the same watchdog for 10 s with nothing to do, right after the
//                             scroll: what the machine alone costs (a VM whose core is taken
//                             away for 10 ms shows it here too)
//   startup_first_paint_ms    `memory-console --startup-report`: process start to the first
//                             painted widget, median of 5
//   rss_idle_mb               the console's resident memory after 3 s idle on the embedded
//                             store, median of 5
//
// Usage: browse_bench [--points N] [--console PATH] [--out FILE]; memory-store from
// MC_STORE_BIN. Prints a table; merges the figures into FILE (a flat JSON object).

#include "benchresults.h"
#include "benchutil.h"
#include "consolesession.h"
#include "guieventlog.h"
#include "memorystoreprocess.h"
#include "pointsmodel.h"
#include "pointspane.h"
#include "storeclient.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QMetaEnum>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

const QString kCollection = QStringLiteral("browse_bench");
constexpr int kTenants = 20;

struct Options
{
    int points = 1'000'000;
    QString console;
    QString out;
};

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// 12 payload fields like the agents' cost-optimisation memories.
void appendPoint(QByteArray &out, qint64 id)
{
    static const char *types[] = {"rightsizing", "spot", "reserved", "storage_tier", "autoscale"};
    static const char *outcomes[] = {"success", "partial", "failed", "rolled_back"};
    static const char *clouds[] = {"aws", "gcp", "azure"};
    const qint64 h = (id * 2654435761LL) & 0x7fffffff;
    out += "{\"id\":" + QByteArray::number(id) + ",\"vector\":[" + QByteArray::number(h % 7)
        + ".5,1,0.25," + QByteArray::number(h % 3) + "],\"payload\":{\"customer_id\":\"tenant-"
        + QByteArray::number(id % kTenants) + "\",\"optimization_id\":\"opt-"
        + QByteArray::number(id) + "\",\"optimization_type\":\"" + types[h % 5]
        + "\",\"outcome\":\"" + outcomes[h % 4] + "\",\"savings_percent\":"
        + QByteArray::number(double(h % 6000) / 100.0) + ",\"cost_impact\":"
        + QByteArray::number(h % 50000) + ",\"cloud_provider\":\"" + clouds[h % 3]
        + "\",\"service\":\"svc-" + QByteArray::number(h % 40) + "\",\"region\":\"region-"
        + QByteArray::number(h % 9) + "\",\"execution_date\":\"2026-"
        + QByteArray::number(1 + h % 9).rightJustified(2, '0') + "-"
        + QByteArray::number(1 + h % 28).rightJustified(2, '0')
        + "T10:00:00Z\",\"confidence\":" + QByteArray::number(double(h % 100) / 100.0)
        + ",\"lessons\":\"Batch jobs tolerate interruption; keep a fallback pool.\"}}";
}

bool loadCollection(StoreClient &client, int points)
{
    client.del(QStringLiteral("/collections/") + kCollection);
    if (client.put(QStringLiteral("/collections/") + kCollection,
                   QJsonObject{{QStringLiteral("vectors"),
                                QJsonObject{{QStringLiteral("size"), 4},
                                            {QStringLiteral("distance"), QStringLiteral("Dot")}}}})
            .status
        != 200)
        return false;
    client.put(QStringLiteral("/collections/%1/index?wait=true").arg(kCollection),
               QJsonObject{{QStringLiteral("field_name"), QStringLiteral("customer_id")},
                           {QStringLiteral("field_schema"),
                            QJsonObject{{QStringLiteral("type"), QStringLiteral("keyword")},
                                        {QStringLiteral("is_tenant"), true}}}});
    const int batch = 10'000;
    QElapsedTimer timer;
    timer.start();
    for (int start = 0; start < points; start += batch) {
        QByteArray body = "{\"points\":[";
        for (int i = start; i < std::min(points, start + batch); ++i) {
            if (i > start)
                body += ',';
            appendPoint(body, i + 1);
        }
        body += "]}";
        const auto response = client.put(
            QStringLiteral("/collections/%1/points?wait=true").arg(kCollection), body);
        if (response.status != 200) {
            std::fprintf(stderr, "upsert failed: %d\n", response.status);
            return false;
        }
    }
    std::printf("loaded %d points in %.1f s\n", points, double(timer.elapsed()) / 1000.0);
    return true;
}

/// Runs an event loop, as the console's exec() does, until done() holds after one of the
/// model's signals, the model fails a request, or timeoutMs pass; whether done() held. Not
/// QTest::qWaitFor: it sleeps 10 ms between rounds, so a page handed over from the thread pool
/// waited for its next round, and the watchdog took each sleep for a 10 ms GUI stretch.
template <typename Done> bool runUntil(PointsModel &model, Done done, int timeoutMs = 30000)
{
    QEventLoop loop;
    auto check = [&] {
        if (done())
            loop.quit();
    };
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &loop, check);
    QObject::connect(&model, &PointsModel::totalChanged, &loop, check);
    QObject::connect(&model, &PointsModel::requestFailed, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!done())
        loop.exec();
    return done();
}

/// From selecting the collection to the first 100 rows, as the points pane does it; the time
/// to the model's exact count (asked beside the first page) goes to countMs.
double firstPageMs(ConsoleSession &session, PointsModel &model, QList<double> &countMs)
{
    QElapsedTimer timer;
    timer.start();
    bool ready = false;
    session.admin().collectionInfo(kCollection, &model, [&](const Result<CollectionInfo> &info) {
        if (!info.ok()) {
            std::fprintf(stderr, "collection info: %s\n", qPrintable(info.error().message));
            return;
        }
        model.setPayloadSchema(info.value().payloadSchema);
        model.setSource(session.points(), kCollection, {}, {});
        ready = true;
    });
    if (!runUntil(model, [&] { return ready && model.rowCount() >= 100; }))
        return -1;
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    // Each measurement (and the scroll phase after them) starts on a store that is done with
    // the last one's count: a tenant's count walks all 1M points.
    if (!runUntil(model, [&] { return model.totalCount() >= 0; }))
        return -1;
    countMs.append(double(timer.nsecsElapsed()) / 1e6);
    return ms;
}

/// The longest stretch the GUI thread spent away from its event loop: a 1 ms precise timer's
/// longest gap between two ticks, less the 1 ms it waits by design (an event-loop watchdog).
/// Beside that wall time it keeps the GUI thread's own CPU time in each gap: on a loaded
/// machine the wall gap also holds the time the thread waited for a core, the CPU time only
/// what the console did. The longest gaps are kept with what made them: the thread's CPU
/// time, its time runnable but not running (preempted), the rest (blocked: a semaphore or a
/// mutex), and the events delivered in the gap with the same figures (GuiEventLog).
class GuiStretchWatch final : public QObject
{
public:
    struct Stretch
    {
        GuiEventLog::Sample from;
        GuiEventLog::Sample to;
        std::vector<GuiEventLog::Entry> events;
        double wallMs() const { return double(to.wallNs - from.wallNs) / 1e6 - 1.0; }
    };
    static constexpr int Kept = 8;

    explicit GuiStretchWatch(GuiEventLog &log)
        : m_log(log)
    {
        m_log.setRecording(true);
        m_tick.setTimerType(Qt::PreciseTimer);
        m_tick.setObjectName(QStringLiteral("watchdog"));
        connect(&m_tick, &QTimer::timeout, this, [this] { onTick(); });
        m_tick.start(1);
    }
    ~GuiStretchWatch() override { m_log.setRecording(false); }
    double maxWallMs() const { return std::max(0.0, m_maxWall); }
    double maxCpuMs() const { return m_cpu.empty() ? 0.0 : bench::percentile(m_cpu, 100); }
    double p99CpuMs() const { return bench::percentile(m_cpu, 99); }
    /// The longest stretches, longest first.
    const std::vector<Stretch> &longest() const { return m_longest; }
    /// Over the stretches longer than 8 ms: how many, and their summed CPU, runnable-waiting
    /// and blocked milliseconds.
    struct Totals
    {
        int count = 0;
        double cpuMs = 0, runDelayMs = 0, blockedMs = 0;
    };
    Totals overTarget() const { return m_over; }

private:
    void onTick()
    {
        const GuiEventLog::Sample now = m_log.sample();
        std::vector<GuiEventLog::Entry> events = m_log.takeEntries();
        if (m_started) {
            Stretch stretch {m_last, now, {}};
            const double wall = stretch.wallMs();
            m_maxWall = std::max(m_maxWall, wall);
            m_cpu.push_back(double(now.cpuNs - m_last.cpuNs) / 1e6);
            if (wall > 8.0) {
                const double cpu = double(now.cpuNs - m_last.cpuNs) / 1e6;
                const double delay = double(now.runDelayNs - m_last.runDelayNs) / 1e6;
                ++m_over.count;
                m_over.cpuMs += cpu;
                m_over.runDelayMs += delay;
                m_over.blockedMs += std::max(0.0, wall + 1.0 - cpu - delay);
            }
            if (m_longest.size() < Kept || wall > m_longest.back().wallMs()) {
                stretch.events = std::move(events);
                m_longest.push_back(std::move(stretch));
                std::sort(m_longest.begin(), m_longest.end(),
                          [](const Stretch &a, const Stretch &b) {
                              return a.wallMs() > b.wallMs();
                          });
                if (m_longest.size() > Kept)
                    m_longest.pop_back();
            }
        }
        m_started = true;
        m_last = now;
    }

    GuiEventLog &m_log;
    QTimer m_tick;
    bool m_started = false;
    GuiEventLog::Sample m_last;
    double m_maxWall = 0;
    std::vector<double> m_cpu; ///< the GUI thread's CPU time between two ticks
    std::vector<Stretch> m_longest;
    Totals m_over;
};

void printStretches(const GuiStretchWatch &watch)
{
    const auto ms = [](qint64 ns) { return double(ns) / 1e6; };
    const auto parts = [&ms](const GuiEventLog::Sample &a, const GuiEventLog::Sample &b) {
        const qint64 wall = b.wallNs - a.wallNs;
        const qint64 cpu = b.cpuNs - a.cpuNs;
        const qint64 delay = b.runDelayNs - a.runDelayNs;
        std::printf("wall %6.2f  cpu %6.2f  preempted %6.2f  blocked %6.2f  (switches %ld "
                    "voluntary, %ld preempted)",
                    ms(wall), ms(cpu), ms(delay), ms(std::max<qint64>(0, wall - cpu - delay)),
                    b.voluntary - a.voluntary, b.involuntary - a.involuntary);
    };
    const GuiStretchWatch::Totals over = watch.overTarget();
    std::printf("stretches over 8 ms: %d; in them %.1f ms CPU, %.1f ms preempted, %.1f ms "
                "blocked\n",
                over.count, over.cpuMs, over.runDelayMs, over.blockedMs);
    const QMetaEnum types = QMetaEnum::fromType<QEvent::Type>();
    for (const GuiStretchWatch::Stretch &stretch : watch.longest()) {
        std::printf("stretch of %.2f ms (less the 1 ms tick):\n  ", stretch.wallMs());
        parts(stretch.from, stretch.to);
        std::printf("\n");
        std::vector<GuiEventLog::Entry> events = stretch.events;
        std::stable_sort(events.begin(), events.end(),
                         [](const GuiEventLog::Entry &a, const GuiEventLog::Entry &b) {
                             return a.start.wallNs < b.start.wallNs;
                         });
        for (const GuiEventLog::Entry &event : events) {
            if (event.depth > 3)
                continue;
            const char *type = types.valueToKey(event.type);
            std::printf("  %*s+%6.2f %s -> %s%s%s\n  %*s", 2 * event.depth, "",
                        ms(event.start.wallNs - stretch.from.wallNs),
                        type ? type : qPrintable(QString::number(event.type)),
                        event.receiverClass,
                        event.receiverName.isEmpty() ? "" : " ",
                        qPrintable(event.receiverName), 2 * event.depth + 8, "");
            parts(event.start, event.end);
            std::printf("\n");
        }
    }
}

struct ScrollFigures
{
    double maxWallMs = -1;
    double maxCpuMs = -1;
    double p99CpuMs = -1;
};

ScrollFigures scrollGuiStretches(GuiEventLog &log, ConsoleSession &session, int rows)
{
    // The console's own points table (its delegate caches laid-out cell text), not a bare view.
    PointsPane pane(&session, nullptr);
    pane.resize(1200, 800);
    pane.show();
    if (!QTest::qWaitForWindowExposed(&pane))
        return {};
    pane.openCollection(kCollection);
    PointsModel &model = *pane.model();
    QTableView &view = *pane.table();
    if (!runUntil(model, [&] { return model.rowCount() >= 100; }))
        return {};
    GuiStretchWatch watch(log);
    // A user holding Page Down: one page every frame; the view fetches more at the bottom.
    QTimer pager;
    pager.setObjectName(QStringLiteral("pager"));
    QObject::connect(&pager, &QTimer::timeout, &view, [&view, &model] {
        QScrollBar *bar = view.verticalScrollBar();
        bar->setValue(bar->value() + bar->pageStep());
        // What the view does when its bar reaches the bottom; asked again on every tick,
        // since a request made while a page is still loading is not queued.
        if (bar->value() == bar->maximum() && model.canFetchMore({}))
            model.fetchMore({});
    });
    pager.start(16);
    QTimer progress;
    progress.setObjectName(QStringLiteral("progress"));
    QObject::connect(&progress, &QTimer::timeout, &view, [&view, &model] {
        std::printf("  %d rows, bar at %d of %d, loading %d\n", model.rowCount(),
                    view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum(),
                    int(model.isLoading()));
    });
    progress.start(2000);
    const bool reached = runUntil(model, [&] { return model.rowCount() >= rows; }, 180000);
    pager.stop();
    if (!reached)
        std::fprintf(stderr, "scroll: only %d rows\n", model.rowCount());
    printStretches(watch);
    return {watch.maxWallMs(), watch.maxCpuMs(), watch.p99CpuMs()};
}

/// Runs the console once with --startup-report; false when it did not report.
bool startupOnce(const QString &console, double &firstPaintMs, double &rssMb)
{
    QTemporaryDir data;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), data.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), data.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    process.start(console, {QStringLiteral("--data-dir"), data.filePath(QStringLiteral("store")),
                            QStringLiteral("--startup-report"), QStringLiteral("3000")});
    firstPaintMs = -1;
    rssMb = -1;
    QByteArray output;
    while (process.waitForReadyRead(20000) || process.state() == QProcess::Running) {
        output += process.readAllStandardOutput();
        if (firstPaintMs < 0 && output.contains("first-paint"))
            firstPaintMs = double(timer.nsecsElapsed()) / 1e6;
        const int rss = output.indexOf("idle-rss-kb:");
        if (rss >= 0 && output.indexOf('\n', rss) > 0) {
            rssMb = output.mid(rss + 12, output.indexOf('\n', rss) - rss - 12).trimmed()
                        .toDouble()
                / 1024.0;
            break;
        }
        if (timer.elapsed() > 60000)
            break;
    }
    process.waitForFinished(10000);
    if (process.state() != QProcess::NotRunning)
        process.kill();
    return firstPaintMs >= 0 && rssMb > 0;
}

} // namespace

int main(int argc, char *argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // lines appear as they are printed, even in a pipe
    qputenv("QT_QPA_PLATFORM", "offscreen");
    GuiEventLog app(argc, argv);
    Options options;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QStringLiteral("--points"))
            options.points = std::max(1000, args.at(++i).toInt());
        else if (args.at(i) == QStringLiteral("--console"))
            options.console = args.at(++i);
        else if (args.at(i) == QStringLiteral("--out"))
            options.out = args.at(++i);
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
    session.open(ConnectionProfile::create(QStringLiteral("bench"), QUrl(store.baseUrl())),
                 QString());
    if (!opened.wait(10000))
        return 1;

    std::printf("first page, 15 times each for All tenants and a tenant\n");
    QList<double> admin, tenant, adminCount, tenantCount;
    PointsModel model;
    for (int i = 0; i < 15; ++i) {
        session.setScope(TenantScope::allTenants());
        admin.append(firstPageMs(session, model, adminCount));
        session.setScope(TenantScope::forProfile(session.profile(), QStringLiteral("tenant-%1")
                                                                        .arg(i % kTenants))
                             .value());
        tenant.append(firstPageMs(session, model, tenantCount));
    }
    std::printf("scrolling 20,000 rows\n");
    session.setScope(TenantScope::allTenants()); // a tenant of a small collection has too few
    const ScrollFigures scroll = scrollGuiStretches(app, session, std::min(20'000, options.points));
    std::printf("watching the idle event loop for 10 s\n");
    double idleMaxMs = -1;
    {
        GuiStretchWatch idle(app);
        QEventLoop loop;
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        idleMaxMs = idle.maxWallMs();
    }
    std::printf("starting the console 5 times\n");

    QList<double> paints, rss;
    if (!options.console.isEmpty()) {
        for (int i = 0; i < 5; ++i) {
            double paint = -1, mb = -1;
            if (startupOnce(options.console, paint, mb)) {
                paints.append(paint);
                rss.append(mb);
            }
        }
    }

    std::printf("\n%-36s %12s %10s\n", "browse figure", "value", "target");
    std::printf("%-36s %12.1f %10s\n", "browse_first_page_ms (tenant)", median(tenant), "<= 100");
    std::printf("%-36s %12.1f %10s\n", "browse_first_page_admin_ms", median(admin), "<= 100");
    std::printf("%-36s %12.1f %10s\n", "browse_scroll_max_gui_ms", scroll.maxWallMs, "<= 8");
    std::printf("%-36s %12.1f %10s\n", "browse_scroll_max_gui_cpu_ms", scroll.maxCpuMs, "");
    std::printf("%-36s %12.1f %10s\n", "browse_scroll_p99_gui_cpu_ms", scroll.p99CpuMs, "");
    std::printf("%-36s %12.1f %10s\n", "browse_idle_max_gui_ms (10 s)", idleMaxMs, "");
    std::printf("%-36s %12.1f %10s\n", "startup_first_paint_ms", median(paints), "<= 400");
    std::printf("%-36s %12.1f %10s\n", "rss_idle_mb", median(rss), "<= 120");
    std::printf("(first page, ms, tenant:");
    for (double ms : tenant)
        std::printf(" %.1f", ms);
    std::printf(")\n(exact count from selecting, median ms: tenant %.1f, All tenants %.1f)\n",
                median(tenantCount), median(adminCount));
    if (!options.out.isEmpty()) {
        const bench::Figures figures = {{"browse_points", options.points},
                                        {"browse_first_page_ms", median(tenant)},
                                        {"browse_first_page_admin_ms", median(admin)},
                                        {"browse_scroll_max_gui_ms", scroll.maxWallMs},
                                        {"browse_scroll_max_gui_cpu_ms", scroll.maxCpuMs},
                                        {"browse_scroll_p99_gui_cpu_ms", scroll.p99CpuMs},
                                        {"browse_idle_max_gui_ms", idleMaxMs},
                                        {"startup_first_paint_ms", median(paints)},
                                        {"rss_idle_mb", median(rss)}};
        const std::string error = bench::mergeResults(options.out.toStdString(), figures);
        if (!error.empty()) {
            std::fprintf(stderr, "browse_bench: FAILED: %s\n", error.c_str());
            return 1;
        }
        std::printf("figures merged into %s\n", qPrintable(options.out));
    }
    return 0;
}
