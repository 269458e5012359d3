#pragma once

#include "issuecause.h"
#include "neterror.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <deque>
#include <functional>

/// Problems met by background work (loads, imports, exports, embedders), for the Issues dock:
/// newest last, each with where it came from and what it is about (its IssueCause) so the user
/// can jump there. The same message from the same source within duplicateWindowMs() of its
/// last occurrence counts up on the existing row instead of adding one. Bounded to capacity()
/// rows; the oldest go first.
class IssueListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Severity { Info, Warning, Error };
    Q_ENUM(Severity)

    enum Column {
        SeverityColumn,
        TimeColumn,
        SourceColumn,
        MessageColumn,
        CountColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole; ///< raw value to sort on
    static constexpr int CauseRole = Qt::UserRole + 1; ///< the IssueCause, any column
    static constexpr int SeverityRole = Qt::UserRole + 2; ///< the Severity, any column
    static constexpr int DefaultCapacity = 1000;
    static constexpr int DefaultDuplicateWindowMs = 5000;

    /// One row.
    struct Issue
    {
        Severity severity = Severity::Error;
        QDateTime firstSeen; ///< UTC
        QDateTime lastSeen; ///< UTC, the latest duplicate
        QString source; ///< e.g. "Points · company_42_cost_optimization_knowledge"
        QString message;
        IssueCause cause; ///< of the latest duplicate
        int count = 1;
    };

    explicit IssueListModel(QObject *parent = nullptr);

    /// Records an issue, or counts up a recent duplicate (same source and message).
    void addIssue(Severity severity, const QString &source, const QString &message,
        const IssueCause &cause = {});
    /// Records a failed call: its message (with the server's reason); cancellations as Info.
    void addError(const NetError &error, const QString &source, const IssueCause &cause = {});
    /// Removes every issue.
    void clear();
    /// The issue shown in `row` (0 ≤ row < rowCount()).
    const Issue &issue(int row) const { return m_issues.at(size_t(row)); }

    /// Rows kept at most; lowering it removes the oldest rows at once.
    void setCapacity(int rows);
    /// Rows kept at most.
    int capacity() const { return m_capacity; }
    /// How long after its last occurrence a repeated issue still counts up its row.
    void setDuplicateWindowMs(int ms) { m_duplicateWindowMs = std::max(ms, 0); }
    /// The duplicate window in milliseconds.
    int duplicateWindowMs() const { return m_duplicateWindowMs; }
    /// Where "now" comes from (tests step it instead of sleeping); UTC.
    void setClock(std::function<QDateTime()> clock);
    /// Rows of the given severity.
    int countOf(Severity severity) const;
    /// "Error", "Warning", "Info", translated.
    static QString severityName(Severity severity);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// A new row was added or a duplicate counted up (for a status-bar badge).
    void issueRaised(IssueListModel::Severity severity, const QString &message);

private:
    void removeOldest(int count);
    QVariant displayData(const Issue &issue, int column) const;

    std::deque<Issue> m_issues;
    int m_capacity = DefaultCapacity;
    int m_duplicateWindowMs = DefaultDuplicateWindowMs;
    std::function<QDateTime()> m_clock;
};
