#pragma once

// What the HttpTransport test suites share: waiting for a call, a refused port, a fast policy.

#include "httptransport.h"

#include <QSignalSpy>
#include <QTcpServer>

#include <optional>

namespace transporttest {

/// Waits (bounded) for a call to finish and returns its result.
inline Result<HttpResponse> await(HttpCall *call, int timeoutMs = 10000)
{
    std::optional<Result<HttpResponse>> result;
    QObject::connect(
        call, &HttpCall::finished, call, [&result](const Result<HttpResponse> &r) { result = r; });
    QSignalSpy spy(call, &HttpCall::finished);
    if (!result && !spy.wait(timeoutMs)) {
        NetError error;
        error.message = QStringLiteral("test: no finished() within %1 ms").arg(timeoutMs);
        error.kind = NetError::Kind::Invalid;
        return error;
    }
    return *result;
}

/// A port nobody listens on: bound once, then closed.
inline quint16 refusedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

/// Retries that take milliseconds, so that tests of retrying stay fast.
inline RetryPolicy fastPolicy(int maxAttempts = 4)
{
    RetryPolicy policy;
    policy.maxAttempts = maxAttempts;
    policy.baseDelayMs = 5;
    policy.maxDelayMs = 20;
    return policy;
}

} // namespace transporttest
