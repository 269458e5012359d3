#include "issuelistmodel.h"

#include <QLocale>

IssueListModel::IssueListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

void IssueListModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock ? std::move(clock) : [] { return QDateTime::currentDateTimeUtc(); };
}

void IssueListModel::addIssue(
    Severity severity, const QString &source, const QString &message, const IssueCause &cause)
{
    const QDateTime now = m_clock();
    // Newest first: a burst repeats the issue it has just raised.
    for (int row = int(m_issues.size()) - 1; row >= 0; --row) {
        Issue &existing = m_issues[size_t(row)];
        if (existing.source != source || existing.message != message)
            continue;
        if (existing.lastSeen.msecsTo(now) > m_duplicateWindowMs)
            break;
        ++existing.count;
        existing.lastSeen = now;
        existing.cause = cause;
        existing.severity = std::max(existing.severity, severity);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        emit issueRaised(existing.severity, message);
        return;
    }
    if (int(m_issues.size()) >= m_capacity)
        removeOldest(int(m_issues.size()) - m_capacity + 1);
    const int row = int(m_issues.size());
    beginInsertRows({}, row, row);
    m_issues.push_back(Issue {severity, now, now, source, message, cause, 1});
    endInsertRows();
    emit issueRaised(severity, message);
}

void IssueListModel::addError(const NetError &error, const QString &source, const IssueCause &cause)
{
    QString message = error.message;
    if (!error.serverMessage.isEmpty() && !message.contains(error.serverMessage))
        message += QStringLiteral(": ") + error.serverMessage;
    const Severity severity
        = error.kind == NetError::Kind::Cancelled ? Severity::Info : Severity::Error;
    addIssue(severity, source, message, cause);
}

void IssueListModel::clear()
{
    if (m_issues.empty())
        return;
    beginResetModel();
    m_issues.clear();
    endResetModel();
}

void IssueListModel::setCapacity(int rows)
{
    m_capacity = std::max(rows, 1);
    if (int(m_issues.size()) > m_capacity)
        removeOldest(int(m_issues.size()) - m_capacity);
}

void IssueListModel::removeOldest(int count)
{
    count = std::min(count, int(m_issues.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_issues.erase(m_issues.begin(), m_issues.begin() + count);
    endRemoveRows();
}

int IssueListModel::countOf(Severity severity) const
{
    return int(std::count_if(m_issues.cbegin(), m_issues.cend(),
        [severity](const Issue &issue) { return issue.severity == severity; }));
}

QString IssueListModel::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info: return tr("Info");
    case Severity::Warning: return tr("Warning");
    case Severity::Error: return tr("Error");
    }
    return {};
}

int IssueListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_issues.size());
}

int IssueListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IssueListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Issue &i = issue(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(i, index.column());
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn && i.count > 1) {
            return tr("First %1, last %2")
                .arg(QLocale().toString(i.firstSeen.toLocalTime(), QLocale::LongFormat),
                    QLocale().toString(i.lastSeen.toLocalTime(), QLocale::LongFormat));
        }
        if (index.column() == MessageColumn)
            return i.message;
        return {};
    case SortRole:
        switch (index.column()) {
        case SeverityColumn: return int(i.severity);
        case TimeColumn: return i.lastSeen.toMSecsSinceEpoch();
        case CountColumn: return i.count;
        default: return displayData(i, index.column());
        }
    case CauseRole:
        return QVariant::fromValue(i.cause);
    case SeverityRole:
        return QVariant::fromValue(i.severity);
    case Qt::TextAlignmentRole:
        return index.column() == CountColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                             : QVariant();
    default:
        return {};
    }
}

QVariant IssueListModel::displayData(const Issue &issue, int column) const
{
    switch (column) {
    case SeverityColumn:
        return severityName(issue.severity);
    case TimeColumn:
        return issue.lastSeen.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    case SourceColumn:
        return issue.source;
    case MessageColumn:
        return issue.message;
    case CountColumn:
        return issue.count > 1 ? tr("×%1").arg(issue.count) : QString();
    default:
        return {};
    }
}

QVariant IssueListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case TimeColumn: return tr("Time");
    case SourceColumn: return tr("Source");
    case MessageColumn: return tr("Message");
    case CountColumn: return tr("Count");
    default: return {};
    }
}
