#include "httptransport.h"

#include "httptransport_p.h"
#include "plainconnectionpool.h"
#include "transportcall.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QUrlQuery>

#include <algorithm>

namespace {

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

/// Our client speaks only direct HTTP/1.1 (over TLS for https) without credentials in the URL;
/// proxies and user info are QNetworkAccessManager's.
bool plainClientCanSend(const QUrl &url)
{
    if (!url.userInfo().isEmpty())
        return false;
    if (isLoopback(url.host()))
        return true;
    const QList<QNetworkProxy> proxies
        = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    return proxies.isEmpty() || proxies.first().type() == QNetworkProxy::NoProxy
        || proxies.first().type() == QNetworkProxy::DefaultProxy;
}

/// The certificates of a PEM file, or why there are none (the message names the file).
Result<QList<QSslCertificate>> readCaCertificates(const QString &path)
{
    NetError error;
    error.kind = NetError::Kind::Tls;
    const QFileInfo info(path);
    if (!info.exists()) {
        error.message = HttpTransport::tr("CA certificate file %1 does not exist").arg(path);
        return error;
    }
    QFile file(path);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
        error.message = HttpTransport::tr("cannot read CA certificate file %1: %2")
                            .arg(path, info.isFile() ? file.errorString()
                                                     : HttpTransport::tr("not a file"));
        return error;
    }
    const QList<QSslCertificate> certificates
        = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        error.message = HttpTransport::tr("CA certificate file %1 holds no PEM certificate "
                                          "(-----BEGIN CERTIFICATE-----)")
                            .arg(path);
        return error;
    }
    return certificates;
}

bool hasLineBreak(const QByteArray &text)
{
    return text.contains('\r') || text.contains('\n');
}

/// Query parameters that carry no secret, with the only values kept: Qdrant's own switches
/// (and Azure OpenAI's api-version), so a copied curl command does what the console did.
bool isHarmlessQueryItem(const QString &name, const QString &value)
{
    static const QHash<QString, QRegularExpression> shapes = {
        {QStringLiteral("wait"), QRegularExpression(QStringLiteral("^(true|false)$"))},
        {QStringLiteral("exact"), QRegularExpression(QStringLiteral("^(true|false)$"))},
        {QStringLiteral("ordering"), QRegularExpression(QStringLiteral("^(weak|medium|strong)$"))},
        {QStringLiteral("consistency"),
            QRegularExpression(QStringLiteral("^(all|majority|quorum|[0-9]{1,3})$"))},
        {QStringLiteral("timeout"), QRegularExpression(QStringLiteral("^[0-9]{1,6}$"))},
        {QStringLiteral("api-version"),
            QRegularExpression(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?$"))},
    };
    const auto shape = shapes.constFind(name);
    return shape != shapes.cend() && shape->match(value).hasMatch();
}

/// The values that must never reach the log: secret headers' values (and the token alone of
/// "Bearer …") and the URL's password.
QList<QByteArray> secretValues(const HttpRequest &request)
{
    QList<QByteArray> secrets;
    for (const auto &[name, value] : request.headers) {
        const bool apiKey = name.compare("api-key", Qt::CaseInsensitive) == 0;
        const bool authorization = name.compare("authorization", Qt::CaseInsensitive) == 0;
        if ((!apiKey && !authorization) || value.trimmed().isEmpty())
            continue;
        secrets << value.trimmed();
        const qsizetype space = value.trimmed().indexOf(' ');
        if (authorization && space > 0 && !value.trimmed().mid(space + 1).trimmed().isEmpty())
            secrets << value.trimmed().mid(space + 1).trimmed();
    }
    const QString password = request.url.password(QUrl::FullyDecoded);
    if (!password.isEmpty())
        secrets << password.toUtf8() << request.url.password(QUrl::FullyEncoded).toUtf8();
    // Longest first: a token inside its "Bearer …" header must not leave the prefix half cut.
    std::sort(secrets.begin(), secrets.end(),
        [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    return secrets;
}

} // namespace

RequestLogEntry RequestLogEntry::describing(const HttpRequest &request)
{
    static const QByteArray Redacted = QByteArrayLiteral("<redacted>");
    RequestLogEntry entry;
    entry.method = request.method;
    entry.operation = request.operation;
    entry.path = request.url.path();
    if (entry.path.isEmpty())
        entry.path = QStringLiteral("/");
    entry.requestBytes = request.body.size();
    entry.finishedAt = QDateTime::currentDateTimeUtc();

    QUrl url = request.url.adjusted(
        QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (request.url.hasQuery()) {
        QUrlQuery kept;
        const QUrlQuery query(request.url);
        for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (isHarmlessQueryItem(name, value))
                kept.addQueryItem(name, value);
            else
                entry.queryOmitted = true;
        }
        if (!kept.isEmpty())
            url.setQuery(kept);
    }
    const QList<QByteArray> secrets = secretValues(request);
    QByteArray urlText = url.toEncoded();
    // Scrub a little past the cut: a secret that straddles it is removed whole.
    qsizetype longest = 0;
    for (const QByteArray &secret : secrets)
        longest = std::max(longest, secret.size());
    QByteArray body = request.body.left(MaxKeptBody + longest);
    for (const QByteArray &secret : secrets) {
        body.replace(secret, Redacted);
        urlText.replace(secret, Redacted);
        urlText.replace(QUrl::toPercentEncoding(QString::fromUtf8(secret)), Redacted);
    }
    entry.url = QString::fromUtf8(urlText);
    entry.requestBodyTruncated
        = body.size() > MaxKeptBody || request.body.size() > MaxKeptBody + longest;
    body.truncate(MaxKeptBody);
    entry.requestBody = body;

    for (const auto &[name, value] : request.headers) {
        if (name.compare("api-key", Qt::CaseInsensitive) == 0)
            entry.hadApiKey = true;
        else if (name.compare("authorization", Qt::CaseInsensitive) == 0)
            entry.hadAuthorization = true;
        else if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            entry.contentType = value;
    }
    // What both of the transport's paths send for a body without an explicit type.
    if (entry.contentType.isEmpty() && !request.body.isEmpty())
        entry.contentType = QByteArrayLiteral("application/json");
    return entry;
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpTransport::HttpTransport(QObject *parent)
    : QObject(parent)
    , d(new Private)
{
    d->network = new QNetworkAccessManager(this);
    d->network->setAutoDeleteReplies(true);
    d->pool = new PlainConnectionPool(this);
}

HttpTransport::~HttpTransport()
{
    // Calls in flight are dropped without a signal: emitting from here would run callers' code
    // while they may be half destroyed themselves (a client owning this transport).
    const QSet<TransportCall *> calls = std::exchange(d->calls, {});
    for (TransportCall *call : calls) {
        call->abandon();
        delete call;
    }
    delete d->pool;
    delete d->network;
    delete d;
}

HttpCall *HttpTransport::send(HttpRequest request)
{
    QString invalid;
    const QUrl &url = request.url;
    if (!url.isValid() || url.host().isEmpty())
        invalid = tr("invalid URL");
    else if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        invalid = tr("unsupported URL scheme %1").arg(url.scheme());
    else if (request.method.isEmpty() || hasLineBreak(request.method)
        || request.method.contains(' '))
        invalid = tr("invalid HTTP method");
    for (const auto &[name, value] : std::as_const(request.headers)) {
        // A line break in a header would let a value smuggle in headers or a second request.
        if (name.isEmpty() || hasLineBreak(name) || hasLineBreak(value) || name.contains(':'))
            invalid = tr("invalid header %1").arg(QString::fromLatin1(name.left(40)));
    }
    const bool plain = d->plainHttpEnabled && invalid.isEmpty() && plainClientCanSend(url);
    // Nothing goes to an https server without the CA file its profile names.
    const bool caMissing = !d->caError.isEmpty() && url.scheme() == QLatin1String("https");
    auto *call = new TransportCall(d, std::move(request), plain);
    d->calls.insert(call);
    if (!invalid.isEmpty())
        call->rejectLater(invalid);
    else if (caMissing)
        call->rejectLater(d->caError, NetError::Kind::Tls);
    else
        call->start();
    return call;
}

void HttpTransport::setRetryPolicy(const RetryPolicy &policy)
{
    d->policy = policy;
}

RetryPolicy HttpTransport::retryPolicy() const
{
    return d->policy;
}

void HttpTransport::setIgnoreTlsErrors(bool ignore)
{
    d->ignoreTlsErrors = ignore;
}

bool HttpTransport::ignoresTlsErrors() const
{
    return d->ignoreTlsErrors;
}

Result<qsizetype> HttpTransport::setCaCertificateFile(const QString &path)
{
    d->caFile = path;
    d->tls.reset();
    d->caError.clear();
    // Connections kept alive trust what they trusted when they were opened; new ones follow.
    d->pool->closeIdle();
    if (path.isEmpty())
        return qsizetype(0);
    const Result<QList<QSslCertificate>> certificates = readCaCertificates(path);
    if (!certificates.ok()) {
        d->caError = certificates.error().message;
        return certificates.error();
    }
    // The system's CAs listed explicitly: adding to the default configuration would turn off
    // its on-demand loading of them, leaving the file's CAs as the only anchors.
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslConfiguration::systemCaCertificates()
                                    + certificates.value());
    d->tls = std::make_shared<const QSslConfiguration>(configuration);
    return certificates.value().size();
}

QString HttpTransport::caCertificateFile() const
{
    return d->caFile;
}

Result<QSslConfiguration> HttpTransport::tlsConfiguration() const
{
    if (!d->caError.isEmpty()) {
        NetError error;
        error.kind = NetError::Kind::Tls;
        error.message = d->caError;
        return error;
    }
    return d->tls ? *d->tls : QSslConfiguration::defaultConfiguration();
}

void HttpTransport::setRequestLogger(std::function<void(const RequestLogEntry &)> logger)
{
    d->logger = std::move(logger);
}

const LatencyStats &HttpTransport::latencyStats() const
{
    return d->stats;
}

void HttpTransport::clearLatencyStats()
{
    d->stats.clear();
}

void HttpTransport::closeIdleConnections()
{
    d->pool->closeIdle();
}

void HttpTransport::setPlainHttpEnabled(bool enabled)
{
    d->plainHttpEnabled = enabled;
}

bool HttpTransport::isPlainHttpEnabled() const
{
    return d->plainHttpEnabled;
}
