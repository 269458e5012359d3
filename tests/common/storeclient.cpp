#include "storeclient.h"

#include <httplib.h>

namespace {

StoreClient::Response toResponse(const httplib::Result &result)
{
    StoreClient::Response r;
    if (!result)
        return r;
    r.status = result->status;
    r.body = QByteArray::fromStdString(result->body);
    r.json = QJsonDocument::fromJson(r.body);
    return r;
}

} // namespace

StoreClient::StoreClient(int port, QByteArray apiKey)
    : m_client(std::make_unique<httplib::Client>("127.0.0.1", port)), m_apiKey(std::move(apiKey))
{
    m_client->set_keep_alive(true);
    // Headers and body go out in two writes: with Nagle on, the body waits for the server's
    // delayed ACK, 40 ms per request with a body.
    m_client->set_tcp_nodelay(true);
    m_client->set_connection_timeout(5, 0);
    m_client->set_read_timeout(60, 0);
    m_client->set_write_timeout(60, 0);
}

StoreClient::~StoreClient() = default;

StoreClient::Response StoreClient::request(const QByteArray &method, const QString &path,
                                           const QByteArray &body,
                                           const QList<QPair<QByteArray, QByteArray>> &headers)
{
    httplib::Headers h;
    for (const auto &[name, value] : headers)
        h.emplace(name.toStdString(), value.toStdString());
    if (!m_apiKey.isEmpty() && h.find("api-key") == h.end() && h.find("Authorization") == h.end())
        h.emplace("api-key", m_apiKey.toStdString());
    const std::string p = path.toStdString();
    const std::string b = body.toStdString();
    if (method == "GET")
        return toResponse(m_client->Get(p, h));
    if (method == "DELETE")
        return toResponse(m_client->Delete(p, h));
    if (method == "POST")
        return toResponse(m_client->Post(p, h, b, "application/json"));
    if (method == "PUT")
        return toResponse(m_client->Put(p, h, b, "application/json"));
    if (method == "PATCH")
        return toResponse(m_client->Patch(p, h, b, "application/json"));
    return {};
}

StoreClient::Response StoreClient::get(const QString &path)
{
    return request("GET", path, {}, {});
}

StoreClient::Response StoreClient::del(const QString &path)
{
    return request("DELETE", path, {}, {});
}

StoreClient::Response StoreClient::post(const QString &path, const QByteArray &body)
{
    return request("POST", path, body, {});
}

StoreClient::Response StoreClient::put(const QString &path, const QByteArray &body)
{
    return request("PUT", path, body, {});
}

StoreClient::Response StoreClient::patch(const QString &path, const QByteArray &body)
{
    return request("PATCH", path, body, {});
}

StoreClient::Response StoreClient::post(const QString &path, const QJsonObject &body)
{
    return post(path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

StoreClient::Response StoreClient::put(const QString &path, const QJsonObject &body)
{
    return put(path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

StoreClient::Response StoreClient::postFile(const QString &path, const QByteArray &field,
                                            const QByteArray &fileName, const QByteArray &content)
{
    httplib::Headers h;
    if (!m_apiKey.isEmpty())
        h.emplace("api-key", m_apiKey.toStdString());
    const httplib::MultipartFormDataItems items = {
        {field.toStdString(), content.toStdString(), fileName.toStdString(),
         "application/octet-stream"}};
    return toResponse(m_client->Post(path.toStdString(), h, items));
}
