#include "newrecordfixture.h"

#include "localembedder.h"

#include <QSignalSpy>
#include <QTest>

namespace newrecordtest {

QJsonObject collectionConfig(int size)
{
    return {{QStringLiteral("vectors"),
        QJsonObject {{QStringLiteral("size"), size},
            {QStringLiteral("distance"), QStringLiteral("Cosine")}}}};
}

void compareVector(const QJsonArray &stored, const QString &text)
{
    const QList<float> expected = LocalEmbedder::embedText(text, kSize).value();
    QCOMPARE(stored.size(), qsizetype(kSize));
    for (int i = 0; i < kSize; ++i)
        QVERIFY2(qAbs(stored.at(i).toDouble() - double(expected.at(i))) < 1e-6,
            qPrintable(QStringLiteral("component %1").arg(i)));
}

} // namespace newrecordtest

using namespace newrecordtest;

void NewRecordFixture::startStore()
{
    QLocale::setDefault(QLocale::c()); // "0.8" is typed with a point
    QVERIFY2(m_store.start(), qPrintable(m_store.error()));
    m_raw = std::make_unique<StoreClient>(m_store.port());
    m_journal = std::make_unique<EditJournal>(m_dir.filePath(QStringLiteral("journal.jsonl")));
}

void NewRecordFixture::resetCollections()
{
    for (const QString &name : {kCustomer, kCost, kPerformance, kNotes}) {
        m_raw->del(QStringLiteral("/collections/") + name);
        QCOMPARE(m_raw->put(QStringLiteral("/collections/") + name, collectionConfig(kSize)).status,
            200);
    }
    m_session = openSession();
    QVERIFY(m_session);
    m_curation = std::make_unique<PointCuration>(m_session.get(), m_journal.get());
}

std::unique_ptr<ConsoleSession> NewRecordFixture::openSession(
    int dimensions, bool readOnly, const QString &tenant)
{
    auto session = std::make_unique<ConsoleSession>();
    ConnectionProfile profile
        = ConnectionProfile::create(QStringLiteral("records"), QUrl(m_store.baseUrl()));
    profile.embedderDimensions = dimensions;
    profile.readOnly = readOnly;
    QSignalSpy opened(session.get(), &ConsoleSession::opened);
    session->open(profile, QString());
    if (!opened.wait(10000))
        return nullptr;
    if (tenant.isEmpty())
        session->setScope(TenantScope::allTenants());
    else
        session->setScope(TenantScope::forProfile(profile, tenant).value());
    return session;
}

std::unique_ptr<NewRecordDialog> NewRecordFixture::openDialog(
    ConsoleSession *session, const QString &name)
{
    auto dialog = std::make_unique<NewRecordDialog>(session, m_curation.get(), nullptr, name);
    dialog->show();
    dialog->activateWindow();
    if (!QTest::qWaitForWindowActive(dialog.get()))
        return nullptr;
    if (!QTest::qWaitFor([&dialog] { return dialog->isReady(); }, 10000))
        return nullptr;
    return dialog;
}

QJsonArray NewRecordFixture::serverPoints(const QString &collection)
{
    const auto page = m_raw->post(QStringLiteral("/collections/%1/points/scroll").arg(collection),
        QJsonObject {{QStringLiteral("limit"), 100}, {QStringLiteral("with_payload"), true},
            {QStringLiteral("with_vector"), true}});
    return page.result().toObject().value(QStringLiteral("points")).toArray();
}

QJsonObject NewRecordFixture::serverPoint(const QString &collection, const QString &id)
{
    return m_raw->get(QStringLiteral("/collections/%1/points/%2").arg(collection, id))
        .result()
        .toObject();
}
