// PointCuration against a real memory-store: saves, new records, re-embedding and bulk edits
// reach the server inside the tenant scope and land in the edit journal; refusals change
// nothing, on the server or in the journal.

#include "consolesession.h"
#include "localembedder.h"
#include "memorystoreprocess.h"
#include "pointcuration.h"
#include "qdranttestutil.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCollection = QStringLiteral("customer_context");

QJsonObject payloadOf(quint64 id, const QString &customer, const QString &content)
{
    return {{QStringLiteral("customer_id"), customer},
            {QStringLiteral("content"), content},
            {QStringLiteral("context_type"), QStringLiteral("preference")},
            {QStringLiteral("n"), qint64(id)}};
}

} // namespace

class TestPointCuration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void embeddedTextFollowsTheSchema();
    void savePayloadSetsChangedAndDeletesRemovedKeys();
    void savePayloadOverwrite();
    void refusedSaveChangesNothing();
    void createRecordEmbedsStampsAndJournals();
    void wrongDimensionIsRefusedBeforeWriting();
    void reembedReplacesTheVector();
    void bulkDeleteJournalsEveryPoint();

private:
    QJsonObject serverPayload(quint64 id);
    QList<EditJournalRecord> journalRecords();
    void useTenant(const QString &tenant, bool readOnly = false);

    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_raw;
    std::unique_ptr<ConsoleSession> m_session;
    QTemporaryDir m_dir;
    std::unique_ptr<EditJournal> m_journal;
    std::unique_ptr<PointCuration> m_curation;
    ConnectionProfile m_profile;
};

void TestPointCuration::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = std::make_unique<ConsoleSession>();
    m_profile = ConnectionProfile::create(QStringLiteral("curation"), QUrl(m_store.baseUrl()));
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(m_profile, QString());
    QVERIFY(opened.wait(10000));
}

void TestPointCuration::init()
{
    m_raw->del(QStringLiteral("/collections/") + kCollection);
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kCollection,
                        vectorsConfig(64, QStringLiteral("Cosine")))
                 .status,
             200);
    QJsonArray points;
    for (quint64 id = 1; id <= 6; ++id) {
        const QString customer = id <= 4 ? QStringLiteral("acme") : QStringLiteral("globex");
        QJsonArray vector;
        for (int i = 0; i < 64; ++i)
            vector.append(i == int(id) ? 1.0 : 0.0);
        points.append(QJsonObject{{QStringLiteral("id"), qint64(id)},
                                  {QStringLiteral("vector"), vector},
                                  {QStringLiteral("payload"),
                                   payloadOf(id, customer, QStringLiteral("note %1").arg(id))}});
    }
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kCollection
                            + QStringLiteral("/points?wait=true"),
                        QJsonObject{{QStringLiteral("points"), points}})
                 .status,
             200);
    m_journal = std::make_unique<EditJournal>(m_dir.filePath(QStringLiteral("journal-%1.jsonl")
                                                                 .arg(QLatin1String(QTest::currentTestFunction()))));
    m_curation = std::make_unique<PointCuration>(m_session.get(), m_journal.get());
    useTenant(QStringLiteral("acme"));
}

void TestPointCuration::useTenant(const QString &tenant, bool readOnly)
{
    ConnectionProfile profile = m_profile;
    profile.readOnly = readOnly;
    QSignalSpy opened(m_session.get(), &ConsoleSession::opened);
    m_session->open(profile, QString());
    QVERIFY(opened.wait(10000));
    m_session->setScope(TenantScope::forProfile(profile, tenant).value());
}

QJsonObject TestPointCuration::serverPayload(quint64 id)
{
    return m_raw->get(QStringLiteral("/collections/%1/points/%2").arg(kCollection).arg(id))
        .result()
        .toObject()
        .value(QStringLiteral("payload"))
        .toObject();
}

QList<EditJournalRecord> TestPointCuration::journalRecords()
{
    const auto read = EditJournal::read(m_journal->filePath());
    return read.ok() ? read.value().records : QList<EditJournalRecord>();
}

void TestPointCuration::embeddedTextFollowsTheSchema()
{
    const QJsonObject payload{{QStringLiteral("content"), QStringLiteral("Prefers spot")},
                              {QStringLiteral("customer_id"), QStringLiteral("acme")}};
    QCOMPARE(PointCuration::embeddedText(QStringLiteral("company_7_customer_context"), payload),
             QStringLiteral("Prefers spot"));
    QCOMPARE(PointCuration::embeddedText(QStringLiteral("unknown_things"), payload), QString());
    QJsonObject changed = payload;
    changed.insert(QStringLiteral("customer_id"), QStringLiteral("x"));
    QVERIFY(!PointCuration::changesEmbeddedText(kCollection, payload, changed));
    changed.insert(QStringLiteral("content"), QStringLiteral("Prefers reserved"));
    QVERIFY(PointCuration::changesEmbeddedText(kCollection, payload, changed));
}

void TestPointCuration::savePayloadSetsChangedAndDeletesRemovedKeys()
{
    const QJsonObject before = serverPayload(1);
    QJsonObject after = before;
    after.insert(QStringLiteral("content"), QStringLiteral("edited"));
    after.remove(QStringLiteral("n"));
    QSignalSpy saved(m_curation.get(), &PointCuration::payloadSaved);
    m_curation->savePayload(kCollection, PointId(1), before, after, false);
    QVERIFY(saved.wait(10000));
    QCOMPARE(serverPayload(1), after);
    const auto records = journalRecords();
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().operation, QStringLiteral("set_payload"));
    QCOMPARE(records.first().before, QJsonValue(before));
    QCOMPARE(records.first().after, QJsonValue(after));
    QCOMPARE(records.first().profileId, m_profile.id);
}

void TestPointCuration::savePayloadOverwrite()
{
    const QJsonObject before = serverPayload(2);
    const QJsonObject after{{QStringLiteral("content"), QStringLiteral("only this")}};
    QSignalSpy saved(m_curation.get(), &PointCuration::payloadSaved);
    m_curation->savePayload(kCollection, PointId(2), before, after, true);
    QVERIFY(saved.wait(10000));
    // The scope stamps the tenant key back into a replaced payload.
    QCOMPARE(serverPayload(2),
             (QJsonObject{{QStringLiteral("content"), QStringLiteral("only this")},
                          {QStringLiteral("customer_id"), QStringLiteral("acme")}}));
}

void TestPointCuration::refusedSaveChangesNothing()
{
    // Another tenant's point: refused, whatever the edit.
    const QJsonObject before = serverPayload(5);
    QJsonObject after = before;
    after.insert(QStringLiteral("content"), QStringLiteral("hijacked"));
    QSignalSpy saved(m_curation.get(), &PointCuration::payloadSaved);
    QSignalSpy failed(m_curation.get(), &PointCuration::failed);
    for (bool overwrite : {true, false}) {
        m_curation->savePayload(kCollection, PointId(5), before, after, overwrite);
        QVERIFY(failed.wait(10000));
    }
    QVERIFY(saved.isEmpty());
    QCOMPARE(serverPayload(5), before);
    QCOMPARE(journalRecords().size(), 0);

    // Someone else saved point 1 after we opened it: our save is refused, theirs stays.
    const QJsonObject opened = serverPayload(1);
    QCOMPARE(m_raw->post(QStringLiteral("/collections/%1/points/payload?wait=true").arg(kCollection),
                         QJsonObject{{QStringLiteral("payload"),
                                      QJsonObject{{QStringLiteral("n"), 100}}},
                                     {QStringLiteral("points"), QJsonArray{1}}})
                 .status,
             200);
    QJsonObject mine = opened;
    mine.insert(QStringLiteral("content"), QStringLiteral("mine"));
    m_curation->savePayload(kCollection, PointId(1), opened, mine, false);
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.last().at(1).value<NetError>().message.contains(QStringLiteral("changed")),
             qPrintable(failed.last().at(1).value<NetError>().message));
    QCOMPARE(serverPayload(1).value(QStringLiteral("n")).toInt(), 100);
    QCOMPARE(serverPayload(1).value(QStringLiteral("content")), QJsonValue(QStringLiteral("note 1")));

    useTenant(QStringLiteral("acme"), true);
    QSignalSpy refused(m_curation.get(), &PointCuration::failed);
    m_curation->savePayload(kCollection, PointId(1), serverPayload(1), after, false);
    QVERIFY(refused.wait(10000));
    const NetError error = refused.first().at(1).value<NetError>();
    QVERIFY2(error.message.contains(QStringLiteral("read-only")), qPrintable(error.message));
    QCOMPARE(serverPayload(1).value(QStringLiteral("content")),
             QJsonValue(QStringLiteral("note 1")));
}

void TestPointCuration::createRecordEmbedsStampsAndJournals()
{
    LocalEmbedder embedder(64);
    QSignalSpy created(m_curation.get(), &PointCuration::recordCreated);
    const QJsonObject payload{{QStringLiteral("content"), QStringLiteral("Wants weekly reports")},
                              {QStringLiteral("context_type"), QStringLiteral("preference")}};
    m_curation->createRecord(kCollection, payload, PointCuration::embeddedText(kCollection, payload),
                             &embedder);
    QVERIFY(created.wait(10000));
    const PointId id = created.first().at(1).value<PointId>();
    QVERIFY(id.isUuid());
    const auto point = m_raw->get(QStringLiteral("/collections/%1/points/%2")
                                      .arg(kCollection, id.toString()));
    QCOMPARE(point.status, 200);
    const QJsonObject stored = point.result().toObject();
    QCOMPARE(stored.value(QStringLiteral("payload")).toObject().value(QStringLiteral("customer_id")),
             QJsonValue(QStringLiteral("acme")));
    QCOMPARE(stored.value(QStringLiteral("vector")).toArray().size(), 64);
    QCOMPARE(journalRecords().size(), 1);
    QCOMPARE(journalRecords().first().operation, QStringLiteral("upsert"));
}

void TestPointCuration::wrongDimensionIsRefusedBeforeWriting()
{
    LocalEmbedder embedder(1536);
    QSignalSpy failed(m_curation.get(), &PointCuration::failed);
    m_curation->createRecord(kCollection, {{QStringLiteral("content"), QStringLiteral("x")}},
                             QStringLiteral("x"), &embedder);
    QVERIFY(failed.wait(10000));
    const NetError error = failed.first().at(1).value<NetError>();
    QVERIFY2(error.message.contains(QStringLiteral("1536"))
                 && error.message.contains(QStringLiteral("64")),
             qPrintable(error.message));
    const auto count = m_raw->post(QStringLiteral("/collections/") + kCollection
                                       + QStringLiteral("/points/count"),
                                   QJsonObject{{QStringLiteral("exact"), true}});
    QCOMPARE(count.result().toObject().value(QStringLiteral("count")).toInt(), 6);
    QCOMPARE(journalRecords().size(), 0);
}

void TestPointCuration::reembedReplacesTheVector()
{
    LocalEmbedder embedder(64);
    QSignalSpy updated(m_curation.get(), &PointCuration::vectorUpdated);
    m_curation->reembed(kCollection, PointId(3), QStringLiteral("a brand new text"), &embedder);
    QVERIFY(updated.wait(10000));
    const QJsonArray vector = m_raw->get(QStringLiteral("/collections/%1/points/3").arg(kCollection))
                                  .result()
                                  .toObject()
                                  .value(QStringLiteral("vector"))
                                  .toArray();
    QCOMPARE(vector.size(), 64);
    QVERIFY(vector.at(3).toDouble() != 1.0); // no longer the seeded one-hot vector
}

void TestPointCuration::bulkDeleteJournalsEveryPoint()
{
    QSignalSpy done(m_curation.get(), &PointCuration::bulkEditDone);
    const QJsonObject filter{{QStringLiteral("must"),
                              QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("n")},
                                                     {QStringLiteral("range"),
                                                      QJsonObject{{QStringLiteral("gte"), 2}}}}}}};
    m_curation->deletePointsWhere(kCollection, filter);
    QVERIFY(done.wait(10000));
    // acme's points 2, 3, 4 are gone; 1 and globex's 5, 6 stay.
    const auto records = journalRecords();
    QCOMPARE(records.size(), 3);
    QList<quint64> ids;
    for (const EditJournalRecord &record : records) {
        ids.append(record.pointId.number());
        QCOMPARE(record.operation, QStringLiteral("delete_points"));
        QVERIFY(record.after.isNull());
        QCOMPARE(record.before.toObject().value(QStringLiteral("customer_id")),
                 QJsonValue(QStringLiteral("acme")));
    }
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, (QList<quint64>{2, 3, 4}));
    for (quint64 id : {1, 5, 6})
        QVERIFY(!serverPayload(id).isEmpty());
}

QTEST_MAIN(TestPointCuration)
#include "tst_pointcuration.moc"
