#pragma once

// Internals of HttpTransport shared with TransportCall; not part of the net/ API.

#include "httptransport.h"
#include "latencystats.h"

#include <QSet>

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
    bool plainHttpEnabled = true;
    std::function<void(const RequestLogEntry &)> logger;
    LatencyStats stats;
    QSet<TransportCall *> calls; ///< in flight; a finished call removes itself
};
