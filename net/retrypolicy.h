#pragma once

#include <QByteArray>
#include <QDateTime>

class QRandomGenerator;

/// Retries: idempotent requests on 429 (honouring Retry-After), 502, 503, 504, refused and
/// reset connections; exponential backoff with full jitter, capped. A request that is not
/// idempotent is retried only when the server provably did not act on it: the connection was
/// refused, or the server answered 429.
struct RetryPolicy
{
    int maxAttempts = 4; ///< attempts in all, the first one included; 1 = no retries
    int baseDelayMs = 100; ///< backoff ceiling before the first retry
    int maxDelayMs = 5000; ///< cap of the backoff ceiling
    int maxRetryAfterMs = 30000; ///< a longer Retry-After is not waited for: the call fails

    /// Full-jitter delay before retry number `retry` (1 = first retry): uniform in
    /// [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))].
    int backoffMs(int retry, QRandomGenerator *random) const;
    /// Whether an HTTP status is worth another attempt (429, 502, 503, 504).
    static bool isRetryableStatus(int status);
    /// A Retry-After value (delta-seconds or an HTTP date) in ms from `now`; -1 when absent or
    /// malformed, 0 for a date in the past.
    static int parseRetryAfterMs(const QByteArray &value, const QDateTime &now);
};
