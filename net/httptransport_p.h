#pragma once

// Internals of HttpTransport shared with TransportCall; not part of the net/ API.

#include "httptransport.h"
#include "latencystats.h"

#include <QSet>

#include <memory>

class PlainConnectionPool;
class QNetworkAccessManager;
class TransportCall;

class HttpTransport::Private
{
public:
    QNetworkAccessManager *network = nullptr;
    PlainConnectionPool *pool = nullptr;
    RetryPolicy policy;
    bool ignoreTlsErrors = false;
    QString caFile; ///< the profile's CA file; empty: the system's CAs only
    /// The system's CAs plus caFile's; null while caFile is empty or unusable. Shared with the
    /// plain connections, whose identity includes it (a new file means new connections).
    std::shared_ptr<const QSslConfiguration> tls;
    QString caError; ///< why caFile cannot be used; https requests fail with it
    bool plainHttpEnabled = true;
    std::function<void(const RequestLogEntry &)> logger;
    LatencyStats stats;
    QSet<TransportCall *> calls; ///< in flight; a finished call removes itself
};
