#include "startupreport.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>

#include <cstdio>

StartupReport::StartupReport(int idleMs, QObject *parent)
    : QObject(parent)
    , m_idleMs(idleMs)
{
    m_sinceMain.start();
    qApp->installEventFilter(this);
}

bool StartupReport::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_painted && event->type() == QEvent::Paint && watched->isWidgetType()) {
        m_painted = true;
        qApp->removeEventFilter(this);
        // Printed once the paint has been handled: the frame is then on its way to the screen.
        QTimer::singleShot(0, this, [this] {
            std::printf("first-paint (%lld ms after main)\n",
                        static_cast<long long>(m_sinceMain.elapsed()));
            std::fflush(stdout);
            QTimer::singleShot(m_idleMs, this, &StartupReport::reportIdleMemory);
        });
    }
    return QObject::eventFilter(watched, event);
}

void StartupReport::reportIdleMemory()
{
    QFile status(QStringLiteral("/proc/self/status"));
    long long rssKb = -1;
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                rssKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    std::printf("idle-rss-kb: %lld\n", rssKb);
    std::fflush(stdout);
    QCoreApplication::quit();
}
