#include "requestlogmodel.h"

#include <QColor>
#include <QLocale>
#include <QPointer>

namespace {

/// "512 B", "1.5 KiB": short enough for a narrow column.
QString shortSize(qint64 bytes)
{
    if (bytes < 1024)
        return RequestLogModel::tr("%1 B").arg(bytes);
    return QLocale().formattedDataSize(bytes, 1);
}

} // namespace

RequestLogModel::RequestLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RequestLogModel::setCapacity(int rows)
{
    m_capacity = std::max(rows, 1);
    if (int(m_entries.size()) > m_capacity)
        removeOldest(int(m_entries.size()) - m_capacity);
}

void RequestLogModel::setBodyBudget(qint64 bytes)
{
    m_bodyBudget = std::max<qint64>(bytes, 0);
    enforceBodyBudget();
}

void RequestLogModel::attachTo(HttpTransport *transport)
{
    QPointer<RequestLogModel> self(this);
    transport->setRequestLogger([self](const RequestLogEntry &entry) {
        if (self)
            self->append(entry);
    });
}

void RequestLogModel::append(const RequestLogEntry &entry)
{
    if (int(m_entries.size()) >= m_capacity)
        removeOldest(int(m_entries.size()) - m_capacity + 1);
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back(entry);
    m_bodyBytes += entry.requestBody.size();
    endInsertRows();
    enforceBodyBudget();
    if (entry.status > 0) {
        m_lastClientMs = entry.clientMs;
        m_lastServerMs = entry.serverMs;
        emit lastLatencyChanged(entry.clientMs, entry.serverMs);
    }
}

void RequestLogModel::clear()
{
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    m_bodyBytes = 0;
    m_firstWithBody = 0;
    endResetModel();
}

void RequestLogModel::removeOldest(int count)
{
    count = std::min(count, int(m_entries.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    for (int i = 0; i < count; ++i) {
        m_bodyBytes -= m_entries.front().requestBody.size();
        m_entries.pop_front();
    }
    m_firstWithBody = m_firstWithBody > size_t(count) ? m_firstWithBody - size_t(count) : 0;
    endRemoveRows();
}

void RequestLogModel::enforceBodyBudget()
{
    // Oldest first, so the bodies kept are always those of the most recent rows.
    while (m_bodyBytes > m_bodyBudget && m_firstWithBody < m_entries.size()) {
        RequestLogEntry &entry = m_entries[m_firstWithBody];
        if (!entry.requestBody.isEmpty()) {
            m_bodyBytes -= entry.requestBody.size();
            entry.requestBody = QByteArray();
            entry.requestBodyTruncated = true;
        }
        ++m_firstWithBody;
    }
}

QString RequestLogModel::latencyText(double clientMs, double serverMs)
{
    const QLocale locale;
    QString client = tr("%1 ms").arg(locale.toString(clientMs, 'f', 1));
    if (serverMs < 0)
        return client;
    return tr("%1 (server %2 ms)").arg(client, locale.toString(serverMs, 'f', 1));
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestLogEntry &e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(e, index.column());
    case SortRole:
        return sortData(e, index.column());
    case Qt::ToolTipRole:
        return toolTip(e, index.column());
    case Qt::ForegroundRole:
        // A red readable on light and dark palettes alike.
        if ((index.column() == StatusColumn || index.column() == ErrorColumn)
            && (e.status == 0 || e.status >= 400)) {
            return QColor(0xd0, 0x3a, 0x3a);
        }
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case StatusColumn:
        case ClientMsColumn:
        case ServerMsColumn:
        case BytesColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant RequestLogModel::displayData(const RequestLogEntry &e, int column) const
{
    const QLocale locale;
    switch (column) {
    case TimeColumn:
        return e.finishedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case MethodColumn:
        return QString::fromLatin1(e.method);
    case PathColumn:
        return e.path;
    case StatusColumn:
        return e.status > 0 ? QString::number(e.status) : tr("—");
    case ClientMsColumn:
        return locale.toString(e.clientMs, 'f', 1);
    case ServerMsColumn:
        return e.serverMs >= 0 ? locale.toString(e.serverMs, 'f', 1) : QString();
    case BytesColumn:
        return tr("%1 / %2").arg(
            shortSize(e.requestBytes), e.status > 0 ? shortSize(e.responseBytes) : tr("—"));
    case ErrorColumn: {
        // The message names the request ("PUT /path: timeout"); the row already does.
        const QString prefix = QString::fromLatin1(e.method) + u' ' + e.path + QStringLiteral(": ");
        return e.error.startsWith(prefix) ? e.error.mid(prefix.size()) : e.error;
    }
    default:
        return {};
    }
}

QVariant RequestLogModel::sortData(const RequestLogEntry &e, int column) const
{
    switch (column) {
    case TimeColumn:
        return e.finishedAt.toMSecsSinceEpoch();
    case StatusColumn:
        return e.status;
    case ClientMsColumn:
        return e.clientMs;
    case ServerMsColumn:
        return e.serverMs;
    case BytesColumn:
        return e.requestBytes + e.responseBytes;
    default:
        return displayData(e, column);
    }
}

QString RequestLogModel::toolTip(const RequestLogEntry &e, int column) const
{
    const QLocale locale;
    switch (column) {
    case TimeColumn:
        return tr("Finished %1 (UTC)").arg(e.finishedAt.toString(Qt::ISODateWithMs));
    case PathColumn: {
        QString tip = tr("%1 %2\nOperation: %3")
                          .arg(QString::fromLatin1(e.method), e.url,
                              e.operation.isEmpty() ? tr("(none)") : e.operation);
        if (e.attempts > 1)
            tip += u'\n' + tr("Attempts: %1").arg(e.attempts);
        return tip;
    }
    case BytesColumn:
        return tr("Sent %1, received %2")
            .arg(locale.formattedDataSize(e.requestBytes),
                locale.formattedDataSize(e.responseBytes));
    case ErrorColumn:
        return e.error;
    default:
        return {};
    }
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn: return tr("Time");
        case MethodColumn: return tr("Method");
        case PathColumn: return tr("Path");
        case StatusColumn: return tr("Status");
        case ClientMsColumn: return tr("Client ms");
        case ServerMsColumn: return tr("Server ms");
        case BytesColumn: return tr("Sent / received");
        case ErrorColumn: return tr("Error");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ClientMsColumn: return tr("Wall time of the last attempt, measured by the console");
        case ServerMsColumn: return tr("The server's own time for the request, when it said");
        case StatusColumn: return tr("HTTP status; — when no answer came");
        default: return {};
        }
    }
    return {};
}
