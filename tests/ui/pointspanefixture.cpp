#include "pointspanefixture.h"

#include "pointsmodel.h"

#include <QHeaderView>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace pointspanetest {

QJsonObject match(const QString &key, const QJsonValue &value)
{
    return {{QStringLiteral("key"), key},
        {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), value}}}};
}

QJsonObject mustAll(const QJsonArray &conditions)
{
    return {{QStringLiteral("must"), conditions}};
}

QJsonArray makePoints(quint64 firstId, int count, const QString &tenant)
{
    QJsonArray points;
    for (int i = 0; i < count; ++i) {
        const quint64 id = firstId + quint64(i);
        points.append(QJsonObject {
            {QStringLiteral("id"), qint64(id)},
            {QStringLiteral("vector"), QJsonArray {double(id) / 8.0, 0.25, -1.5}},
            {QStringLiteral("payload"),
                QJsonObject {{kTenantKey, tenant}, {QStringLiteral("rank"), i % 9},
                    {QStringLiteral("text"), QStringLiteral("memory %1").arg(id)},
                    {QStringLiteral("outcome"),
                        i % 2 ? QStringLiteral("success") : QStringLiteral("failed")}}},
        });
    }
    return points;
}

} // namespace pointspanetest

using namespace pointspanetest;

void PointsPaneFixture::startStore()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_session = openSession(false);
    QVERIFY(m_session);
}

void PointsPaneFixture::resetCollection()
{
    m_curation.reset();
    m_journal = std::make_unique<EditJournal>(m_journalDir.filePath(
        QString::fromLatin1(QTest::currentTestFunction()) + QStringLiteral(".jsonl")));
    m_raw->del(QStringLiteral("/collections/") + kCollection);
    const QJsonObject config {{QStringLiteral("vectors"),
        QJsonObject {
            {QStringLiteral("size"), 3}, {QStringLiteral("distance"), QStringLiteral("Dot")}}}};
    QCOMPARE(m_raw->put(QStringLiteral("/collections/") + kCollection, config).status, 200);
    QJsonArray points = makePoints(1, kAcme, QStringLiteral("acme"));
    for (const QJsonValue &point : makePoints(1000, kGlobex, QStringLiteral("globex")))
        points.append(point);
    QCOMPARE(m_raw
                 ->put(QStringLiteral("/collections/") + kCollection
                         + QStringLiteral("/points?wait=true"),
                     QJsonObject {{QStringLiteral("points"), points}})
                 .status,
        200);
    const auto index = m_raw->put(
        QStringLiteral("/collections/") + kCollection + QStringLiteral("/index?wait=true"),
        QJsonObject {{QStringLiteral("field_name"), QStringLiteral("rank")},
            {QStringLiteral("field_schema"), QStringLiteral("integer")}});
    QCOMPARE(index.status, 200);
}

qint64 PointsPaneFixture::serverCount(const QJsonObject &filter)
{
    const auto response = m_raw->post(
        QStringLiteral("/collections/") + kCollection + QStringLiteral("/points/count"),
        QJsonObject {{QStringLiteral("filter"), filter}, {QStringLiteral("exact"), true}});
    return response.result().toObject().value(QStringLiteral("count")).toInteger(-1);
}

std::unique_ptr<ConsoleSession> PointsPaneFixture::openSession(bool readOnly)
{
    auto session = std::make_unique<ConsoleSession>();
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("test"), QUrl(m_store.baseUrl()));
    profile.readOnly = readOnly;
    QSignalSpy opened(session.get(), &ConsoleSession::opened);
    session->open(profile, QString());
    if (!opened.wait(10000))
        return nullptr;
    const auto scope = TenantScope::forProfile(profile, QStringLiteral("acme"));
    if (!scope.ok())
        return nullptr;
    session->setScope(scope.value());
    return session;
}

std::unique_ptr<PointsPane> PointsPaneFixture::openPane(ConsoleSession *session)
{
    m_curation = std::make_unique<PointCuration>(session, m_journal.get());
    auto pane = std::make_unique<PointsPane>(session, m_curation.get());
    pane->resize(1000, 700);
    pane->show();
    pane->openCollection(kCollection);
    if (!QTest::qWaitFor([&] { return pane->model()->rowCount() == 100; }, 10000))
        return nullptr;
    return pane;
}

QList<EditJournalRecord> PointsPaneFixture::journalled(const QString &operation) const
{
    QList<EditJournalRecord> found;
    const auto read = EditJournal::read(m_journal->filePath());
    if (!read.ok())
        return found;
    for (const EditJournalRecord &record : read.value().records) {
        if (record.collection == kCollection && record.operation == operation)
            found.append(record);
    }
    return found;
}

void PointsPaneFixture::clickHeader(PointsPane &pane, int column)
{
    QHeaderView *header = pane.table()->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(column) + 10, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
}
