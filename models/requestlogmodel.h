#pragma once

#include "httptransport.h"

#include <QAbstractTableModel>

#include <deque>

/// The request log as a table: one row per finished HTTP call, oldest first, bounded to the
/// most recent capacity() calls (the oldest rows are removed as new ones come). Kept request
/// bodies (for "copy as curl") are bounded too: past bodyBudget() bytes the oldest rows lose
/// theirs. Fed by HttpTransport's request logger, which runs on the GUI thread.
class RequestLogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        MethodColumn,
        PathColumn,
        StatusColumn,
        ClientMsColumn,
        ServerMsColumn,
        BytesColumn,
        ErrorColumn,
        ColumnCount
    };
    /// Qt::UserRole: the raw value to sort on (numbers, times as ms since the epoch).
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int DefaultCapacity = 5000;
    static constexpr qint64 DefaultBodyBudget = 16 * 1024 * 1024;

    explicit RequestLogModel(QObject *parent = nullptr);

    /// Rows kept at most; lowering it removes the oldest rows at once.
    void setCapacity(int rows);
    /// Rows kept at most.
    int capacity() const { return m_capacity; }
    /// Request-body bytes kept over all rows; older rows lose their bodies first.
    void setBodyBudget(qint64 bytes);
    /// Request-body bytes kept over all rows at most.
    qint64 bodyBudget() const { return m_bodyBudget; }
    /// Request-body bytes the rows hold now.
    qint64 keptBodyBytes() const { return m_bodyBytes; }

    /// Makes this model the transport's request logger (replacing any other); safe should the
    /// model be destroyed before the transport.
    void attachTo(HttpTransport *transport);
    /// Adds a row for a finished call, removing the oldest row when full.
    void append(const RequestLogEntry &entry);
    /// Removes every row.
    void clear();
    /// The entry shown in `row` (0 ≤ row < rowCount()).
    const RequestLogEntry &entry(int row) const { return m_entries.at(size_t(row)); }

    /// Client and server time of the last call that got an answer; serverMs < 0 when unknown.
    double lastClientMs() const { return m_lastClientMs; }
    /// The server's own time of the last answered call, -1 when it did not say.
    double lastServerMs() const { return m_lastServerMs; }
    /// "12.3 ms (server 1.2 ms)" for a status bar.
    static QString latencyText(double clientMs, double serverMs);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// A call got an answer; for the status bar's "last request" latency.
    void lastLatencyChanged(double clientMs, double serverMs);

private:
    void removeOldest(int count);
    void enforceBodyBudget();
    QVariant displayData(const RequestLogEntry &entry, int column) const;
    QVariant sortData(const RequestLogEntry &entry, int column) const;
    QString toolTip(const RequestLogEntry &entry, int column) const;

    std::deque<RequestLogEntry> m_entries;
    int m_capacity = DefaultCapacity;
    qint64 m_bodyBudget = DefaultBodyBudget;
    qint64 m_bodyBytes = 0;
    size_t m_firstWithBody = 0; ///< rows before it had their bodies dropped for the budget
    double m_lastClientMs = -1;
    double m_lastServerMs = -1;
};
