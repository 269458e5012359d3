#include "collectionlistmodel.h"

#include "collectiontemplate.h"
#include "consolesession.h"

#include <QColor>
#include <QLocale>

namespace {

// Rows come in over many answers; one dataChanged per frame or so keeps a view smooth
// without repainting for each of thousands of rows.
constexpr int kFlushIntervalMs = 50;

int statusRank(const QString &status)
{
    static const QStringList order{QStringLiteral("green"), QStringLiteral("yellow"),
                                   QStringLiteral("grey"), QStringLiteral("red")};
    const int rank = int(order.indexOf(status));
    return rank < 0 ? int(order.size()) : rank;
}

QColor statusColour(const QString &status)
{
    if (status == QLatin1String("green"))
        return QColor(0x2e, 0xa0, 0x43);
    if (status == QLatin1String("yellow"))
        return QColor(0xd4, 0xa1, 0x06);
    if (status == QLatin1String("red"))
        return QColor(0xd0, 0x31, 0x2d);
    return QColor(0x8a, 0x8a, 0x8a);
}

} // namespace

CollectionListModel::CollectionListModel(ConsoleSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &CollectionListModel::flushChanges);
    if (session) {
        // Another tenant's rows must not stay on screen while the new list loads.
        connect(session, &ConsoleSession::scopeChanged, this, [this] {
            clear();
            reload();
        });
        connect(session, &ConsoleSession::opened, this, &CollectionListModel::reload);
        connect(session, &ConsoleSession::closed, this, &CollectionListModel::clear);
    }
}

CollectionListModel::~CollectionListModel()
{
    cancelCalls();
}

int CollectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CollectionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CollectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return row.name;
        case StatusColumn:
            if (row.infoKnown)
                return row.status;
            return row.error.isEmpty() ? tr("…") : tr("unavailable");
        case PointsColumn:
            return row.infoKnown && row.points >= 0 ? QLocale().toString(row.points) : QString();
        case VectorsColumn:
            return row.vectors;
        case AliasesColumn:
            return row.aliases.join(QStringLiteral(", "));
        }
        break;
    case SortRole:
        switch (column) {
        case NameColumn:
            return row.name;
        case StatusColumn:
            // Unknown and failed rows after every real status.
            return row.infoKnown ? statusRank(row.status) : (row.error.isEmpty() ? 6 : 5);
        case PointsColumn:
            return row.points;
        case VectorsColumn:
            return row.largestVector;
        case AliasesColumn:
            return row.aliases.join(QLatin1Char(','));
        }
        break;
    case NameRole:
        return row.name;
    case Qt::ToolTipRole:
        if (column == StatusColumn && !row.error.isEmpty())
            return row.error;
        if (column == VectorsColumn || column == AliasesColumn || column == NameColumn)
            return data(index, Qt::DisplayRole);
        break;
    case Qt::DecorationRole:
        if (column == StatusColumn && (row.infoKnown || !row.error.isEmpty()))
            return statusColour(row.infoKnown ? row.status : QStringLiteral("red"));
        break;
    case Qt::TextAlignmentRole:
        if (column == PointsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant CollectionListModel::headerData(int section, Qt::Orientation orientation,
                                         int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case PointsColumn:
        return tr("Points");
    case VectorsColumn:
        return tr("Vectors");
    case AliasesColumn:
        return tr("Aliases");
    default:
        return {};
    }
}

void CollectionListModel::cancelCalls()
{
    m_namesCall.cancel();
    m_aliasesCall.cancel();
    for (const QdrantCallHandle &call : std::as_const(m_infoCalls))
        call.cancel();
    m_infoCalls.clear();
}

void CollectionListModel::reload()
{
    if (!m_session)
        return;
    const int generation = ++m_generation;
    cancelCalls();
    m_admin = m_session->admin();
    m_loading = true;
    m_listedNames.reset();
    m_listedAliases.reset();
    m_aliasesError.reset();
    m_namesCall = m_admin.listCollections(this,
                                          [this, generation](const Result<QStringList> &names) {
        if (generation != m_generation)
            return;
        if (!names.ok()) {
            ++m_generation; // the alias list still on its way is of no use now
            m_aliasesCall.cancel();
            m_loading = false;
            beginResetModel();
            m_rows.clear();
            m_rowOf.clear();
            endResetModel();
            emit loadFailed(names.error());
            return;
        }
        m_listedNames = names.value();
        applyListing(generation);
    });
    m_aliasesCall = m_admin.listAliases(this,
                                        [this, generation](const Result<QList<AliasInfo>> &all) {
        if (generation != m_generation)
            return;
        // Without aliases the list is still worth showing; the error says what is missing
        // once the names are in (when they fail too, theirs is the error to show).
        if (!all.ok())
            m_aliasesError = all.error();
        m_listedAliases = all.ok() ? all.value() : QList<AliasInfo>();
        applyListing(generation);
    });
}

void CollectionListModel::applyListing(int generation)
{
    if (!m_listedNames || !m_listedAliases)
        return;
    m_flushTimer.stop();
    m_changedFirst = m_changedLast = -1;
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_rows.reserve(m_listedNames->size());
    for (const QString &name : std::as_const(*m_listedNames)) {
        m_rowOf.insert(name, int(m_rows.size()));
        Row row;
        row.name = name;
        m_rows.append(row);
    }
    for (const AliasInfo &alias : std::as_const(*m_listedAliases)) {
        const int row = m_rowOf.value(alias.collection, -1);
        if (row >= 0)
            m_rows[row].aliases.append(alias.alias);
    }
    for (Row &row : m_rows)
        row.aliases.sort();
    endResetModel();
    m_listedNames.reset();
    m_listedAliases.reset();
    m_nextInfo = 0;
    emit collectionsListed(int(m_rows.size()));
    if (const std::optional<NetError> error = std::exchange(m_aliasesError, std::nullopt))
        emit loadFailed(*error);
    requestMoreInfo(generation);
}

void CollectionListModel::requestMoreInfo(int generation)
{
    while (m_infoCalls.size() < InfoRequestsInFlight && m_nextInfo < m_rows.size()) {
        const QString name = m_rows.at(m_nextInfo++).name;
        m_infoCalls.insert(name, m_admin.collectionInfo(
            name, this, [this, generation, name](const Result<CollectionInfo> &info) {
                if (generation != m_generation)
                    return;
                m_infoCalls.remove(name);
                applyInfo(name, info);
                requestMoreInfo(generation);
            }));
    }
    if (m_loading && m_infoCalls.isEmpty() && m_nextInfo >= m_rows.size()) {
        m_loading = false;
        flushChanges();
        emit detailsLoaded();
    }
}

void CollectionListModel::applyInfo(const QString &name, const Result<CollectionInfo> &info)
{
    const int index = m_rowOf.value(name, -1);
    if (index < 0)
        return;
    Row &row = m_rows[index];
    if (info.ok()) {
        const CollectionInfo &value = info.value();
        row.infoKnown = true;
        row.error.clear();
        row.status = value.status;
        row.points = value.pointsCount;
        row.vectors = CollectionTemplate::describeVectors(value.vectors);
        row.largestVector = 0;
        for (const VectorParams &params : value.vectors)
            row.largestVector = qMax(row.largestVector, params.size);
    } else {
        row.infoKnown = false;
        row.error = info.error().message;
    }
    markChanged(index);
}

void CollectionListModel::refreshCollection(const QString &name)
{
    if (!m_session || m_rowOf.value(name, -1) < 0)
        return;
    const int generation = m_generation;
    // Refreshes are not counted among the load's requests: they go straight out.
    m_admin.collectionInfo(name, this,
                           [this, generation, name](const Result<CollectionInfo> &info) {
        if (generation == m_generation)
            applyInfo(name, info);
    });
    m_admin.listAliases(this, [this, generation](const Result<QList<AliasInfo>> &all) {
        if (generation != m_generation)
            return;
        if (!all.ok()) {
            emit loadFailed(all.error());
            return;
        }
        applyAliases(all.value());
    });
}

void CollectionListModel::applyAliases(const QList<AliasInfo> &aliases)
{
    QList<QStringList> next(m_rows.size());
    for (const AliasInfo &alias : aliases) {
        const int row = m_rowOf.value(alias.collection, -1);
        if (row >= 0)
            next[row].append(alias.alias);
    }
    for (int row = 0; row < m_rows.size(); ++row) {
        next[row].sort();
        if (next.at(row) != m_rows.at(row).aliases) {
            m_rows[row].aliases = next.at(row);
            markChanged(row);
        }
    }
}

void CollectionListModel::clear()
{
    ++m_generation;
    cancelCalls();
    m_loading = false;
    m_flushTimer.stop();
    m_changedFirst = m_changedLast = -1;
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    endResetModel();
}

void CollectionListModel::markChanged(int row)
{
    m_changedFirst = m_changedFirst < 0 ? row : qMin(m_changedFirst, row);
    m_changedLast = qMax(m_changedLast, row);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void CollectionListModel::flushChanges()
{
    m_flushTimer.stop();
    if (m_changedFirst < 0)
        return;
    const int first = m_changedFirst;
    const int last = qMin(m_changedLast, int(m_rows.size()) - 1);
    m_changedFirst = m_changedLast = -1;
    if (first <= last)
        emit dataChanged(index(first, StatusColumn), index(last, AliasesColumn));
}

QString CollectionListModel::collectionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

int CollectionListModel::rowOf(const QString &name) const
{
    return m_rowOf.value(name, -1);
}

QStringList CollectionListModel::aliasesOf(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? QStringList() : m_rows.at(row).aliases;
}
