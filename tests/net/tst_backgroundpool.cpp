// BackgroundPool: work runs on a lowered thread of the pool, its result comes back on the
// context's thread, and is dropped when the context is gone.
#include "backgroundpool.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <atomic>
#include <memory>

class TestBackgroundPool : public QObject
{
    Q_OBJECT

private slots:
    void workRunsLoweredAndAnswersOnTheContextsThread();
    void aResultForAContextGoneIsDropped();
    void waitsForItsWorkWhenDestroyed();
};

void TestBackgroundPool::workRunsLoweredAndAnswersOnTheContextsThread()
{
#ifdef Q_OS_LINUX
    const int callerNice = getpriority(PRIO_PROCESS, id_t(gettid()));
#endif
    BackgroundPool pool;
    QCOMPARE(pool.maxThreadCount(), 1);
    QObject context;
    QThread *workThread = nullptr;
    int nice = -100;
    QThread *answeredOn = nullptr;
    int answer = 0;
    pool.run(&context, [&workThread, &nice] {
        workThread = QThread::currentThread();
#ifdef Q_OS_LINUX
        nice = getpriority(PRIO_PROCESS, id_t(gettid()));
#else
        nice = QThread::currentThread()->priority() == QThread::LowPriority
            ? BackgroundPool::Nice
            : 0;
#endif
        return 42;
    }, [&answeredOn, &answer](int result) {
        answeredOn = QThread::currentThread();
        answer = result;
    });
    QTRY_COMPARE(answer, 42);
    QVERIFY(workThread != nullptr);
    QVERIFY(workThread != QThread::currentThread());
    QCOMPARE(answeredOn, QThread::currentThread());
    QVERIFY2(nice >= BackgroundPool::Nice, qPrintable(QString::number(nice)));
#ifdef Q_OS_LINUX
    // Only the pool's thread is lowered, never the caller's.
    QCOMPARE(getpriority(PRIO_PROCESS, id_t(gettid())), callerNice);
#endif
}

void TestBackgroundPool::aResultForAContextGoneIsDropped()
{
    BackgroundPool pool;
    auto context = std::make_unique<QObject>();
    std::atomic<bool> release {false};
    std::atomic<bool> ran {false};
    bool answered = false;
    pool.run(context.get(), [&release, &ran] {
        while (!release.load())
            QThread::yieldCurrentThread();
        ran = true;
        return 1;
    }, [&answered](int) { answered = true; });
    context.reset();
    release = true;
    pool.waitForDone();
    QVERIFY(ran.load());
    // Anything the work posted to the watcher went with the context.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(!answered);
}

void TestBackgroundPool::waitsForItsWorkWhenDestroyed()
{
    std::atomic<bool> finished {false};
    QObject context;
    {
        BackgroundPool pool;
        pool.run(&context, [&finished] {
            QThread::msleep(50);
            finished = true;
            return 0;
        }, [](int) {});
    }
    QVERIFY(finished.load());
}

QTEST_MAIN(TestBackgroundPool)
#include "tst_backgroundpool.moc"
