#pragma once

#include "demodataset.h"
#include "neterror.h"
#include "qdrantcallhandle.h"
#include "scopedadmin.h"
#include "scopedpoints.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

class CollectionTemplateJob;
class EmbedCall;
class QdrantClient;

/// What a DemoSeeder run did.
struct DemoSeedReport
{
    enum class Outcome {
        Seeded,        ///< the demo collections were created and filled
        AlreadySeeded, ///< the marker says this store was seeded (or declined) before
        StoreNotEmpty, ///< the store held collections already: the user's data, left alone
        Failed,        ///< see error; the collections this run created were deleted again
        Cancelled,
    };
    Outcome outcome = Outcome::Failed;
    int collections = 0; ///< collections created
    qint64 points = 0;   ///< points written
    qint64 elapsedMs = 0;
    NetError error;

    bool succeeded() const { return outcome == Outcome::Seeded; }
};

Q_DECLARE_METATYPE(DemoSeedReport)

/// Fills an empty memory-store with the bundled demo dataset on the console's first run: the
/// collections from the agent-memory templates (payload indexes, tenant key is_tenant) with
/// the given vector size, each record's text embedded by the offline LocalEmbedder, the points
/// upserted. Runs asynchronously (creating the collections while the texts are embedded on
/// the thread pool) and reports progressed() and one finished().
///
/// Never seeds over a user's data: a marker file in the store's data folder records that the
/// store was seeded (or found with collections of its own), and a store that holds any
/// collection is not touched, so a user who deleted the demo collections is not seeded again.
/// Mode::Reseed (the --reseed-demo option) deletes the demo collections by name and seeds
/// them again, whatever the marker says; it never touches other collections.
class DemoSeeder final : public QObject
{
    Q_OBJECT

public:
    enum class Mode { FirstRun, Reseed };

    explicit DemoSeeder(QObject *parent = nullptr);
    ~DemoSeeder() override;

    /// The marker file of a store's data folder.
    static QString markerPath(const QString &dataDir);
    /// True when the marker says this store was seeded or declined before.
    static bool isMarked(const QString &dataDir);

    /// Seeds the store at url (no API key: the embedded store) with the bundled dataset;
    /// dataDir holds the marker. vectorSize is the embedder's (the embedded profile's
    /// LocalEmbedder dimension). False (nothing started) while a run is going.
    bool start(const QUrl &url, const QString &dataDir, int vectorSize, Mode mode);
    /// As start(), with a dataset already loaded (tests, other datasets).
    bool start(const QUrl &url, const QString &dataDir, int vectorSize, Mode mode,
               const DemoDataset &dataset);
    /// Stops; finished() reports Cancelled (collections created so far are deleted).
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    /// A step started: `done` of `total` points written so far.
    void progressed(qint64 done, qint64 total, const QString &step);
    void finished(const DemoSeedReport &report);

private:
    void checkStore();
    void deleteDemoCollections(const QStringList &existing);
    void createCollections();
    void embedTexts();
    void onCollectionCreated(const QString &name);
    void upsertWhenReady();
    void upsertNext();
    void succeed();
    void fail(const NetError &error, DemoSeedReport::Outcome outcome =
                                         DemoSeedReport::Outcome::Failed);
    void finishWith(DemoSeedReport::Outcome outcome, const NetError &error = {});
    bool writeMarker(const QString &reason);

    QdrantClient *m_client = nullptr;
    ScopedAdmin m_admin;
    ScopedPoints m_points;
    DemoDataset m_dataset;
    QString m_dataDir;
    int m_vectorSize = 0;
    Mode m_mode = Mode::FirstRun;
    bool m_running = false;
    QElapsedTimer m_clock;

    QList<CollectionTemplateJob *> m_jobs;
    QSet<QString> m_created; ///< collections this run made (deleted again on failure)
    QPointer<EmbedCall> m_embed;
    QList<QList<float>> m_vectors; ///< one per record of m_dataset, once embedded
    bool m_embedded = false;
    QStringList m_toFill; ///< collections still to upsert
    qint64 m_written = 0;
    QdrantCallHandle m_call;
};
