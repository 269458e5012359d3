#include "connectiontester.h"

#include "httptransport.h"
#include "qdrantclient.h"

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{ }

ConnectionTester::~ConnectionTester() = default;

void ConnectionTester::start(const QUrl &url, const QString &apiKey, bool ignoreTlsErrors,
                             int timeoutMs, const QString &caCertificateFile)
{
    // A client per test: destroying the previous one drops its calls without their callbacks,
    // and no keep-alive connection or cached version of another profile is reused.
    cancel();
    m_client = std::make_unique<QdrantClient>();
    RetryPolicy once;
    once.maxAttempts = 1;
    m_client->transport()->setRetryPolicy(once);
    m_client->transport()->setIgnoreTlsErrors(ignoreTlsErrors);
    // A CA file that cannot be used fails the test below with the error naming it.
    m_client->transport()->setCaCertificateFile(caCertificateFile);
    m_client->setTimeoutMs(timeoutMs);
    m_client->setEndpoint(url, apiKey);
    m_timeoutMs = timeoutMs;
    m_running = true;

    QdrantClient *client = m_client.get();
    client->serverVersion(this, [this, client](const Result<ServerVersion> &version) {
        if (!version.ok()) {
            fail(version.error());
            return;
        }
        const ServerVersion &server = version.value();
        client->listCollections(this, [this, server](const Result<QStringList> &names) {
            if (!names.ok()) {
                fail(names.error());
                return;
            }
            m_running = false;
            emit succeeded(server, int(names.value().size()));
        });
    });
}

void ConnectionTester::cancel()
{
    m_running = false;
    m_client.reset();
}

void ConnectionTester::fail(const NetError &error)
{
    m_running = false;
    emit failed(describe(error, m_timeoutMs));
}

QString ConnectionTester::describe(const NetError &error, int timeoutMs)
{
    // The transport's message names the request and the server; the first sentence says
    // what it means for this profile.
    const QString detail = error.message;
    // For a refused key the status says it all; the server's own words may add why.
    const QString says = error.serverMessage.isEmpty()
        ? QString()
        : tr(" The server says: %1").arg(error.serverMessage);
    switch (error.kind) {
    case NetError::Kind::Http:
        if (error.httpStatus == 401) {
            return tr("The server refused the API key (HTTP 401): check the key, or leave it "
                      "empty for a server without one.")
                + says;
        }
        if (error.httpStatus == 403)
            return tr("The API key may not list the collections (HTTP 403).") + says;
        return tr("The server answered with an error: %1").arg(detail);
    case NetError::Kind::Timeout:
        return tr("No answer within %1 s: the server may be overloaded, or a firewall drops "
                  "the connection. %2")
            .arg(timeoutMs / 1000.0, 0, 'g', 3)
            .arg(detail);
    case NetError::Kind::Tls:
        return tr("The TLS connection failed: %1 For a development server with a self-signed "
                  "certificate, tick \"Ignore certificate errors\".")
            .arg(detail.endsWith(u'.') ? detail : detail + u'.');
    case NetError::Kind::Decode:
        return tr("The server does not answer like Qdrant: %1").arg(detail);
    case NetError::Kind::Invalid:
        return tr("The profile cannot be tested: %1").arg(detail);
    default:
        break;
    }
    // Network: refused, host not found, reset. The transport's sentence starts in lower case.
    QString sentence = detail;
    if (!sentence.isEmpty())
        sentence[0] = sentence[0].toUpper();
    return tr("Cannot connect: %1").arg(sentence);
}
