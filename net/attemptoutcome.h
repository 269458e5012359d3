#pragma once

#include "httptransport.h"

/// What one attempt of a request came to, as the transport's backends (the plain-HTTP client
/// and QNetworkAccessManager) report it; the retry decision is made from this.
struct AttemptOutcome
{
    bool ok = false;
    HttpResponse response; ///< when ok: any HTTP status
    NetError error; ///< when not ok
    /// Another attempt may cure it (refused, reset, closed before the response).
    bool retryable = false;
    /// The request may have reached the server and been acted upon. False only when it
    /// provably did not leave (connection refused, host not found).
    bool mayHaveReachedServer = true;
};
