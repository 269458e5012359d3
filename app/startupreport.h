#pragma once

#include <QElapsedTimer>
#include <QObject>

/// For the startup benchmark (`memory-console --startup-report`): prints "first-paint" once
/// the first widget has painted, then, after `idleMs` of idling on its connection, the
/// process's resident memory ("idle-rss-kb: N"), and quits. The benchmark times the first line
/// from outside, so it includes loading the program and its libraries.
class StartupReport final : public QObject
{
    Q_OBJECT

public:
    explicit StartupReport(int idleMs, QObject *parent = nullptr);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reportIdleMemory();

    int m_idleMs;
    bool m_painted = false;
    QElapsedTimer m_sinceMain;
};
