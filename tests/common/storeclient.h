#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace httplib {
class Client;
}

/// A deliberately plain synchronous HTTP client for memory-store integration tests (real
/// HTTP over loopback, keep-alive). Not the console's client: tests of the server should not
/// depend on the code they are meant to check.
class StoreClient
{
public:
    struct Response
    {
        int status = 0;          ///< 0 = no HTTP response (connection failed)
        QByteArray body;
        QJsonDocument json;      ///< parsed body (null when not JSON)
        QJsonValue result() const { return json.object().value(QStringLiteral("result")); }
        QString error() const
        {
            return json.object().value(QStringLiteral("status")).toObject()
                .value(QStringLiteral("error")).toString();
        }
    };

    explicit StoreClient(int port, QByteArray apiKey = {});
    ~StoreClient();

    Response get(const QString &path);
    Response del(const QString &path);
    Response post(const QString &path, const QByteArray &body);
    Response put(const QString &path, const QByteArray &body);
    Response patch(const QString &path, const QByteArray &body);
    Response post(const QString &path, const QJsonObject &body);
    Response put(const QString &path, const QJsonObject &body);
    /// multipart/form-data POST with one file field (snapshot uploads).
    Response postFile(const QString &path, const QByteArray &field, const QByteArray &fileName,
                      const QByteArray &content);
    /// Raw request with extra headers (auth tests).
    Response request(const QByteArray &method, const QString &path, const QByteArray &body,
                     const QList<QPair<QByteArray, QByteArray>> &headers);

private:
    std::unique_ptr<httplib::Client> m_client;
    QByteArray m_apiKey;
};
