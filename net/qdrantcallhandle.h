#pragma once

#include "qdrantcall.h"

#include <QPointer>

/// The caller's side of a QdrantCall: cancel it, or ask whether it still runs. Copyable; does
/// nothing once the call has finished.
class QdrantCallHandle final
{
public:
    QdrantCallHandle() = default;
    explicit QdrantCallHandle(QdrantCall *call)
        : m_call(call)
    { }

    /// Aborts the call; its callback gets NetError::Kind::Cancelled from the event loop.
    void cancel() const
    {
        if (m_call)
            m_call->cancel();
    }
    bool isRunning() const { return m_call && !m_call->isFinished(); }

private:
    QPointer<QdrantCall> m_call;
};
