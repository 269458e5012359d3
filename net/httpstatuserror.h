#pragma once

#include "httptransport.h"
#include "neterror.h"

/// The NetError (Kind::Http) for a response whose status is not 2xx: a sentence naming the
/// request and what the status means, Qdrant's `status.error` text when the body has one, and
/// Retry-After in ms. `path` should carry no query string (it may hold secrets).
NetError httpStatusError(
    const QByteArray &method, const QString &path, const HttpResponse &response);

/// Whether a status is a success (2xx).
inline bool isHttpSuccess(int status)
{
    return status >= 200 && status < 300;
}
