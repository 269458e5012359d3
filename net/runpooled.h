#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent>

#include <type_traits>
#include <utility>

/// Runs work on pool, then then(result) on context's thread, unless context has been
/// destroyed by then (the result is dropped).
///
/// Not QFuture::then(context, ...): in Qt 6.4 that continuation checks the context and posts
/// to it from the pool thread, which races with the context being deleted on its own thread
/// (a model or call destroyed while its work still runs: a use after free). A watcher owned
/// by the context is disconnected from the future when the context goes.
template <typename Work, typename Then>
void runPooled(QThreadPool *pool, QObject *context, Work work, Then then)
{
    using Result = std::invoke_result_t<Work &>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
        [watcher, then = std::move(then)]() mutable {
            watcher->deleteLater();
            then(watcher->future().takeResult());
        });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

/// runPooled on Qt's global thread pool.
template <typename Work, typename Then> void runPooled(QObject *context, Work work, Then then)
{
    runPooled(QThreadPool::globalInstance(), context, std::move(work), std::move(then));
}
