#include "httptransport.h"

#include "httptransport_p.h"
#include "plainconnectionpool.h"
#include "transportcall.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>

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

bool hasLineBreak(const QByteArray &text)
{
    return text.contains('\r') || text.contains('\n');
}

} // namespace

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
    auto *call = new TransportCall(d, std::move(request), plain);
    d->calls.insert(call);
    if (!invalid.isEmpty())
        call->rejectLater(invalid);
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
