#pragma once

#include "qdrantcall.h"

#include <QPointer>

#include <memory>

/// The caller's side of a QdrantCall: cancel it, or ask whether it still runs. Copies share
/// one target, so a call made of several client calls in turn (continueWith) can be followed
/// and cancelled through the handle its caller got first. Does nothing once the call has
/// finished.
class QdrantCallHandle final
{
public:
    QdrantCallHandle() = default;
    explicit QdrantCallHandle(QdrantCall *call)
        : m_call(std::make_shared<QPointer<QdrantCall>>(call))
    { }

    /// Aborts the call; its callback gets NetError::Kind::Cancelled from the event loop.
    void cancel() const
    {
        if (m_call && *m_call)
            (*m_call)->cancel();
    }

    bool isRunning() const { return m_call && *m_call && !(*m_call)->isFinished(); }

    /// This handle and its copies now stand for `next`: the following step of a chain.
    void continueWith(const QdrantCallHandle &next) const
    {
        if (m_call)
            *m_call = next.m_call ? *next.m_call : QPointer<QdrantCall>();
    }

private:
    std::shared_ptr<QPointer<QdrantCall>> m_call;
};
