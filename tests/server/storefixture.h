// The shared fixture of memory-store's HTTP tests (tst_store_points, tst_store_scroll,
// tst_store_badinput, tst_store_collections, tst_store_aliases): one memory-store over real
// HTTP and the small request helpers they use.
#pragma once

#include "memorystoreprocess.h"
#include "storeclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <cmath>
#include <memory>

namespace StoreJson {


inline QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

inline QJsonArray array(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).array();
}

// Point ids of a record list, as JSON values (numbers or UUID strings).
inline QJsonArray idsOf(const QJsonArray &records)
{
    QJsonArray ids;
    for (const QJsonValue &r : records)
        ids.append(r[QStringLiteral("id")]);
    return ids;
}

inline bool sameFloats(const QJsonArray &actual, const QList<double> &expected)
{
    if (actual.size() != expected.size())
        return false;
    for (qsizetype i = 0; i < actual.size(); ++i) {
        if (std::abs(actual[i].toDouble() - expected[i]) > 1e-6)
            return false;
    }
    return true;
}

// The alias list of GET /aliases or /collections/{name}/aliases as "alias->collection" pairs.
inline QStringList aliasPairs(const StoreClient::Response &r)
{
    QStringList out;
    const QJsonArray aliases = r.result()[QStringLiteral("aliases")].toArray();
    for (const QJsonValue &a : aliases) {
        out << a[QStringLiteral("alias_name")].toString() + QStringLiteral("->")
                + a[QStringLiteral("collection_name")].toString();
    }
    out.sort();
    return out;
}

} // namespace StoreJson

// Not a test class itself: each test derives from it and adds Q_OBJECT and its slots.
class StoreFixture : public QObject
{
protected:
    bool startStore()
    {
        if (!m_store.start())
            return false;
        m_client = std::make_unique<StoreClient>(m_store.port());
        return true;
    }

    QString storeError() const { return m_store.error(); }

    StoreClient &client() { return *m_client; }

    static QString points(const QString &collection, const QString &rest = {})
    {
        return QStringLiteral("/collections/") + collection + QStringLiteral("/points") + rest;
    }

    void create(const QString &name, const QByteArray &config)
    {
        client().del(QStringLiteral("/collections/") + name);
        const auto r = client().put(QStringLiteral("/collections/") + name, config);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result().toBool(), true);
    }

    bool exists(const QString &name)
    {
        const auto r = client().get(QStringLiteral("/collections/%1/exists").arg(name));
        return r.result()[QStringLiteral("exists")].toBool();
    }

    StoreClient::Response aliasActions(const QByteArray &actions)
    {
        return client().post(
            QStringLiteral("/collections/aliases"), QByteArray("{\"actions\":") + actions + '}');
    }

    void upsert(const QString &collection, const QByteArray &body)
    {
        const auto r = client().put(points(collection, QStringLiteral("?wait=true")), body);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.result()[QStringLiteral("status")].toString(), QStringLiteral("completed"));
    }

    QJsonArray scroll(const QString &collection, const QByteArray &body = "{\"limit\":100}")
    {
        const auto r = client().post(points(collection, QStringLiteral("/scroll")), body);
        if (r.status != 200)
            qWarning("scroll failed: %s", r.body.constData());
        return r.result()[QStringLiteral("points")].toArray();
    }

    QJsonObject payloadOf(const QString &collection, const QJsonValue &id)
    {
        const auto r = client().post(
            points(collection), QJsonObject {{QStringLiteral("ids"), QJsonArray {id}}});
        return r.result().toArray().first()[QStringLiteral("payload")].toObject();
    }

    int count(const QString &collection, const QByteArray &body = "{}")
    {
        return client()
            .post(points(collection, QStringLiteral("/count")), body)
            .result()[QStringLiteral("count")]
            .toInt(-1);
    }

private:
    MemoryStoreProcess m_store;
    std::unique_ptr<StoreClient> m_client;
};
