#include "demoseeder.h"

#include "agentmemoryschemas.h"
#include "collectiontemplate.h"
#include "collectiontemplatejob.h"
#include "localembedder.h"
#include "qdrantclient.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimer>

namespace {

const QString kMarkerName = QStringLiteral("demo-seeded.json");

NetError makeError(NetError::Kind kind, const QString &message)
{
    NetError e;
    e.kind = kind;
    e.message = message;
    return e;
}

} // namespace

DemoSeeder::DemoSeeder(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<DemoSeedReport>();
}

DemoSeeder::~DemoSeeder()
{
    // A late answer must not reach a seeder that is gone: the client dies with it, which
    // drops its calls; the embed call is ours to stop.
    if (m_embed)
        m_embed->cancel();
}

QString DemoSeeder::markerPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(kMarkerName);
}

bool DemoSeeder::isMarked(const QString &dataDir)
{
    return QFile::exists(markerPath(dataDir));
}

bool DemoSeeder::start(const QUrl &url, const QString &dataDir, int vectorSize, Mode mode)
{
    if (m_running)
        return false;
    Result<DemoDataset> dataset = DemoDataset::load();
    if (!dataset.ok()) {
        // Reported like every other outcome: from the event loop, once.
        m_running = true;
        m_clock.start();
        const NetError &error = dataset.error();
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return true;
    }
    return start(url, dataDir, vectorSize, mode, dataset.value());
}

bool DemoSeeder::start(const QUrl &url, const QString &dataDir, int vectorSize, Mode mode,
                       const DemoDataset &dataset)
{
    if (m_running)
        return false;
    m_running = true;
    m_clock.start();
    m_dataset = dataset;
    m_dataDir = dataDir;
    m_vectorSize = vectorSize;
    m_mode = mode;
    m_created.clear();
    m_vectors.clear();
    m_embedded = false;
    m_toFill.clear();
    m_written = 0;
    delete m_client;
    m_client = new QdrantClient(this);
    m_client->setEndpoint(url);
    // The seeder writes the demo's shared and per-tenant collections alike: it is the
    // administrator of a store nobody else uses yet.
    m_admin = ScopedAdmin(m_client, TenantScope::allTenants(), false);
    m_points = ScopedPoints(m_client, TenantScope::allTenants(), false);

    if (mode == Mode::FirstRun && isMarked(dataDir)) {
        QTimer::singleShot(0, this,
                           [this] { finishWith(DemoSeedReport::Outcome::AlreadySeeded); });
        return true;
    }
    QTimer::singleShot(0, this, &DemoSeeder::checkStore);
    return true;
}

void DemoSeeder::cancel()
{
    if (!m_running)
        return;
    m_call.cancel();
    for (CollectionTemplateJob *job : std::as_const(m_jobs))
        job->cancel();
    if (m_embed)
        m_embed->cancel();
    fail(makeError(NetError::Kind::Cancelled, tr("Loading the demo data was cancelled.")),
         DemoSeedReport::Outcome::Cancelled);
}

void DemoSeeder::checkStore()
{
    emit progressed(0, m_dataset.records().size(), tr("Checking the memory-store…"));
    m_call = m_admin.listCollections(this, [this](const Result<QStringList> &names) {
        if (!m_running)
            return;
        if (!names.ok()) {
            fail(names.error());
            return;
        }
        if (m_mode == Mode::FirstRun) {
            if (!names.value().isEmpty()) {
                // The user's own data: never seed beside it, and never ask again.
                writeMarker(QStringLiteral("store-not-empty"));
                finishWith(DemoSeedReport::Outcome::StoreNotEmpty);
                return;
            }
            createCollections();
            return;
        }
        QStringList existing;
        for (const QString &name : m_dataset.collectionNames()) {
            if (names.value().contains(name))
                existing.append(name);
        }
        deleteDemoCollections(existing);
    });
}

void DemoSeeder::deleteDemoCollections(const QStringList &existing)
{
    if (existing.isEmpty()) {
        createCollections();
        return;
    }
    const QString &name = existing.constFirst();
    emit progressed(0, m_dataset.records().size(), tr("Deleting %1…").arg(name));
    m_call = m_admin.deleteCollection(name, this, [this, existing](const Result<bool> &done) {
        if (!m_running)
            return;
        if (!done.ok()) {
            fail(done.error());
            return;
        }
        deleteDemoCollections(existing.mid(1));
    });
}

void DemoSeeder::createCollections()
{
    emit progressed(0, m_dataset.records().size(), tr("Creating the demo collections…"));
    // The texts are embedded on the thread pool while the collections are made.
    embedTexts();
    const QStringList names = m_dataset.collectionNames();
    m_toFill = names;
    for (const QString &name : names) {
        const AgentMemorySchema *schema = agentMemorySchemaFor(name);
        if (!schema) {
            fail(makeError(NetError::Kind::Invalid,
                           tr("%1 is not an agent-memory collection").arg(name)));
            return;
        }
        auto *job = new CollectionTemplateJob(this);
        m_jobs.append(job);
        connect(job, &CollectionTemplateJob::created, this, &DemoSeeder::onCollectionCreated);
        connect(job, &CollectionTemplateJob::failed, this,
                [this, name](const NetError &error, bool collectionCreated) {
                    if (!m_running) {
                        // Stopped while it was being made: it goes like the others.
                        if (collectionCreated)
                            m_admin.deleteCollection(name, this, [](const Result<bool> &) {});
                        return;
                    }
                    if (collectionCreated)
                        m_created.insert(name);
                    fail(error);
                });
        job->start(m_admin, name, CollectionTemplate::fromSchema(*schema, m_vectorSize));
    }
}

void DemoSeeder::embedTexts()
{
    QStringList texts;
    texts.reserve(m_dataset.records().size());
    for (const DemoDataset::Record &record : m_dataset.records())
        texts.append(DemoDataset::embeddedText(record.collectionType, record.payload));
    auto *embedder = new LocalEmbedder(m_vectorSize, this);
    m_embed = embedder->embed(texts);
    connect(m_embed, &EmbedCall::finished, this,
            [this, embedder](const Result<Embeddings> &vectors) {
                embedder->deleteLater();
                if (!m_running)
                    return;
                if (!vectors.ok()) {
                    fail(vectors.error());
                    return;
                }
                m_vectors = vectors.value();
                m_embedded = true;
                upsertWhenReady();
            });
}

void DemoSeeder::onCollectionCreated(const QString &name)
{
    m_created.insert(name);
    upsertWhenReady();
}

void DemoSeeder::upsertWhenReady()
{
    if (!m_running || !m_embedded || m_created.size() < m_toFill.size() || m_call.isRunning())
        return;
    // Called from a job's own signal: the jobs go once it has returned.
    for (CollectionTemplateJob *job : std::as_const(m_jobs))
        job->deleteLater();
    m_jobs.clear();
    upsertNext();
}

void DemoSeeder::upsertNext()
{
    if (m_toFill.isEmpty()) {
        succeed();
        return;
    }
    const QString collection = m_toFill.takeFirst();
    QList<PointStruct> points;
    const QList<DemoDataset::Record> &records = m_dataset.records();
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (m_dataset.collectionFor(records.at(i)) != collection)
            continue;
        PointStruct point;
        point.id = records.at(i).id;
        point.payload = records.at(i).payload;
        point.vectors.insert(QString(), m_vectors.at(i));
        points.append(std::move(point));
    }
    const qint64 total = records.size();
    const qint64 before = m_written;
    emit progressed(m_written, total, tr("Writing %1…").arg(collection));
    m_call = m_points.upsert(
        collection, points, this,
        [this, before, total, collection](qint64 done, qint64) {
            emit progressed(before + done, total, tr("Writing %1…").arg(collection));
        },
        [this](const Result<UpsertSummary> &summary) {
            if (!m_running)
                return;
            if (!summary.ok()) {
                fail(summary.error());
                return;
            }
            m_written += summary.value().points;
            upsertNext();
        });
}

void DemoSeeder::succeed()
{
    if (!writeMarker(QStringLiteral("seeded"))) {
        fail(makeError(NetError::Kind::LocalFile,
                       tr("The demo data was loaded, but its marker %1 could not be written.")
                           .arg(markerPath(m_dataDir))));
        return;
    }
    finishWith(DemoSeedReport::Outcome::Seeded);
}

void DemoSeeder::fail(const NetError &error, DemoSeedReport::Outcome outcome)
{
    if (!m_running)
        return;
    m_running = false;
    m_call.cancel();
    for (CollectionTemplateJob *job : std::as_const(m_jobs))
        job->cancel();
    if (m_embed)
        m_embed->cancel();
    // Half a demo would stop the next start from seeding (the store is no longer empty) and
    // confuse whoever looks at it: what this run made goes again. Nobody else has written to
    // these collections yet (the console opens the store after the seeder finished).
    const QStringList made(m_created.cbegin(), m_created.cend());
    m_created.clear();
    for (const QString &name : made)
        m_admin.deleteCollection(name, this, [](const Result<bool> &) {});
    DemoSeedReport report;
    report.outcome = outcome;
    report.error = error;
    report.elapsedMs = m_clock.elapsed();
    if (outcome == DemoSeedReport::Outcome::Failed)
        report.error.message = tr("Loading the demo data failed: %1").arg(error.message);
    emit finished(report);
}

void DemoSeeder::finishWith(DemoSeedReport::Outcome outcome, const NetError &error)
{
    m_running = false;
    DemoSeedReport report;
    report.outcome = outcome;
    report.error = error;
    report.collections = outcome == DemoSeedReport::Outcome::Seeded ? int(m_created.size()) : 0;
    report.points = outcome == DemoSeedReport::Outcome::Seeded ? m_written : 0;
    report.elapsedMs = m_clock.elapsed();
    emit finished(report);
}

bool DemoSeeder::writeMarker(const QString &reason)
{
    QSaveFile file(markerPath(m_dataDir));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QJsonObject marker{
        {QStringLiteral("reason"), reason},
        {QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("collections"), QJsonArray::fromStringList(m_dataset.collectionNames())},
        {QStringLiteral("points"), m_written},
        {QStringLiteral("elapsed_ms"), m_clock.elapsed()},
    };
    file.write(QJsonDocument(marker).toJson());
    return file.commit();
}
