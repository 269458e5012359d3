#pragma once

#include "threadclocks.h"

#include <QApplication>
#include <QEvent>

#include <vector>

/// A QApplication that times every event it delivers on the GUI thread (wall, the thread's CPU
/// time, its time waiting for a core, and its context switches), for browse_bench to tell
/// what the GUI thread was doing, or waiting on, in its longest stretches.
class GuiEventLog final : public QApplication
{
public:
    using Sample = ThreadClocks::Sample;
    /// One delivered event, from before to after its delivery.
    struct Entry
    {
        Sample start;
        Sample end;
        int depth = 0; ///< 0 for an event the event loop delivered, more for nested ones
        QEvent::Type type = QEvent::None;
        const char *receiverClass = nullptr;
        QString receiverName;
    };

    GuiEventLog(int &argc, char **argv);

    /// Samples the GUI thread's clocks (call it on the GUI thread).
    Sample sample() const { return m_clocks.sample(); }
    /// Starts keeping the events that take at least minNs of wall or CPU time.
    void setRecording(bool on, qint64 minNs = 200'000);
    /// The events kept since the last call, in the order they ended.
    std::vector<Entry> takeEntries();

    bool notify(QObject *receiver, QEvent *event) override;

private:
    ThreadClocks m_clocks; ///< the GUI thread's: made on it
    bool m_recording = false;
    qint64 m_minNs = 0;
    int m_depth = 0;
    Sample m_lastEnd; ///< when the last event the event loop delivered ended
    std::vector<Entry> m_entries;
};
