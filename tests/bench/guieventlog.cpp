#include "guieventlog.h"

#include <QThread>
#include <QWidget>

GuiEventLog::GuiEventLog(int &argc, char **argv)
    : QApplication(argc, argv)
{ }

void GuiEventLog::setRecording(bool on, qint64 minNs)
{
    m_recording = on;
    m_minNs = minNs;
    m_entries.clear();
}

std::vector<GuiEventLog::Entry> GuiEventLog::takeEntries()
{
    std::vector<Entry> taken;
    taken.swap(m_entries);
    return taken;
}

bool GuiEventLog::notify(QObject *receiver, QEvent *event)
{
    if (!m_recording || QThread::currentThread() != thread())
        return QApplication::notify(receiver, event);
    Entry entry;
    entry.depth = m_depth;
    entry.type = event->type();
    // Taken before delivery: the event may delete its receiver (DeferredDelete).
    entry.receiverClass = receiver->metaObject()->className();
    entry.receiverName = receiver->objectName();
    if (entry.receiverName.isEmpty() && receiver->isWidgetType()) {
        const QSize size = static_cast<QWidget *>(receiver)->size();
        entry.receiverName = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
    }
    entry.start = sample();
    if (m_depth == 0 && m_lastEnd.wallNs != 0
        && entry.start.wallNs - m_lastEnd.wallNs >= m_minNs) {
        // Time outside any event: the event loop itself (asleep in poll, or its own work).
        Entry between;
        between.start = m_lastEnd;
        between.end = entry.start;
        between.receiverClass = "(between events)";
        m_entries.push_back(std::move(between));
    }
    ++m_depth;
    const bool done = QApplication::notify(receiver, event);
    --m_depth;
    entry.end = sample();
    if (m_depth == 0)
        m_lastEnd = entry.end;
    if (entry.end.wallNs - entry.start.wallNs >= m_minNs
        || entry.end.cpuNs - entry.start.cpuNs >= m_minNs)
        m_entries.push_back(std::move(entry));
    return done;
}
