#include "pointsmodel.h"

#include "pointcelltext.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <limits>

namespace {

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

QJsonArray idArray(const QList<PointId> &ids)
{
    QJsonArray array;
    for (const PointId &id : ids)
        array.append(id.toJson());
    return array;
}

// The values of the order key in a payload; an array key holds several.
QList<QJsonValue> orderValuesOf(const QJsonObject &payload, const QString &key)
{
    const QJsonValue value = PointCellText::valueAt(payload, key);
    if (!value.isArray())
        return {value};
    QList<QJsonValue> values;
    for (const QJsonValue &item : value.toArray())
        values.append(item);
    return values;
}

} // namespace

PointsModel::PointsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

PointsModel::~PointsModel()
{
    m_pageCall.cancel();
    m_countCall.cancel();
}

void PointsModel::setSource(const ScopedPoints &points, const QString &collection,
    const QJsonObject &userFilter, const QStringList &columns, const PointsOrder &order)
{
    if (collection != m_collection) {
        // Keys and indexes seen in another collection mean nothing here.
        m_discovered.clear();
        m_discoveredSet.clear();
        m_payloadSchema.reset();
        emit discoveredKeysChanged(m_discovered);
    }
    m_points = points;
    m_collection = collection;
    m_filter = userFilter;
    m_order = order;
    QStringList shown = columns;
    shown.removeDuplicates();
    shown.removeAll(QString());
    m_discovering = shown.isEmpty();
    // Discovering again in the same collection: the keys found so far stay in place.
    if (m_discovering)
        shown = m_discovered;
    m_hasSource = true;
    startGeneration(shown);
}

void PointsModel::clear()
{
    ++m_generation;
    m_pageCall.cancel();
    m_countCall.cancel();
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_columns.clear();
    ++m_cellsVersion;
    endResetModel();
    m_hasSource = false;
    m_collection.clear();
    m_filter = {};
    m_discovered.clear();
    m_discoveredSet.clear();
    m_atEnd = true;
    m_failed = false;
    setLoading(false);
    if (m_total != -1) {
        m_total = -1;
        emit totalChanged(m_total);
    }
}

void PointsModel::reload()
{
    if (m_hasSource)
        startGeneration(m_columns);
}

void PointsModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

void PointsModel::setColumns(const QStringList &keys)
{
    QStringList wanted = keys;
    wanted.removeDuplicates();
    wanted.removeAll(QString());
    m_discovering = false;
    const bool loaded = m_fullPayloads
        || std::all_of(wanted.cbegin(), wanted.cend(),
            [this](const QString &key) { return m_readKeys.contains(key); });
    if (!m_hasSource || loaded) {
        replaceColumns(wanted);
        return;
    }
    startGeneration(wanted);
}

void PointsModel::setOrder(const PointsOrder &order)
{
    if (order == m_order)
        return;
    m_order = order;
    if (m_hasSource)
        startGeneration(m_columns);
}

QString PointsModel::whyNotSortable(int column) const
{
    if (column == 0)
        return {};
    const QString key = columnKey(column);
    if (key.isEmpty())
        return tr("There is no such column.");
    if (!m_payloadSchema)
        return tr("The payload indexes of %1 are not known yet; sorting by %2 waits for "
                  "them.")
            .arg(m_collection, key);
    return PointsOrder::whyNotSortable(*m_payloadSchema, key);
}

QString PointsModel::columnKey(int column) const
{
    return column >= 1 && column <= m_columns.size() ? m_columns.at(column - 1) : QString();
}

int PointsModel::columnOf(const QString &key) const
{
    const qsizetype at = m_columns.indexOf(key);
    return at < 0 ? -1 : int(at) + 1;
}

PointId PointsModel::pointId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : PointId();
}

void PointsModel::startGeneration(const QStringList &columns)
{
    const int generation = ++m_generation;
    m_pageCall.cancel();
    m_countCall.cancel();
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_columns = columns;
    ++m_cellsVersion;
    endResetModel();
    m_fullPayloads = m_discovering;
    m_readKeys = QSet<QString>(m_columns.cbegin(), m_columns.cend());
    if (!m_order.isById())
        m_readKeys.insert(m_order.key);
    m_atEnd = false;
    m_failed = false;
    m_nextOffset = PointId();
    m_hasBoundary = false;
    m_startFrom = QJsonValue::Undefined;
    m_boundaryIds.clear();
    if (m_total != -1) {
        m_total = -1;
        emit totalChanged(m_total);
    }
    CountRequest count;
    count.filter = m_filter;
    m_countCall = m_points.count(
        m_collection, count, this, [this, generation](const Result<qint64> &total) {
            if (generation != m_generation)
                return;
            if (!total.ok()) {
                emit requestFailed(total.error());
                return;
            }
            m_total = total.value();
            emit totalChanged(m_total);
        });
    m_loading = false;
    requestPage();
}

QJsonObject PointsModel::pageFilter() const
{
    if (m_boundaryIds.isEmpty())
        return m_filter;
    // Nested whole, the user's filter keeps its meaning; the scope adds its condition around.
    QJsonObject filter;
    if (!m_filter.isEmpty())
        filter.insert(QStringLiteral("must"), QJsonArray {m_filter});
    filter.insert(QStringLiteral("must_not"),
        QJsonArray {QJsonObject {{QStringLiteral("has_id"), idArray(m_boundaryIds)}}});
    return filter;
}

PayloadSelector PointsModel::pageSelector() const
{
    if (m_fullPayloads)
        return PayloadSelector::all();
    if (m_readKeys.isEmpty())
        return PayloadSelector::none();
    QStringList keys = m_columns;
    if (!m_order.isById() && !keys.contains(m_order.key))
        keys.append(m_order.key);
    return PayloadSelector::include(keys);
}

void PointsModel::requestPage()
{
    if (m_loading || m_atEnd || m_failed || !m_hasSource)
        return;
    ScrollRequest request;
    request.limit = m_pageSize;
    request.filter = pageFilter();
    request.withPayload = pageSelector();
    request.withVector = VectorSelector::none();
    if (m_order.isById())
        request.offset = m_nextOffset;
    else
        request.orderBy = m_order.toJson(m_hasBoundary ? m_startFrom : QJsonValue::Undefined);
    const int generation = m_generation;
    const int limit = request.limit;
    setLoading(true);
    m_pageCall = m_points.scroll(
        m_collection, request, this, [this, generation, limit](const Result<ScrollPage> &page) {
            onPage(generation, limit, page);
        });
}

void PointsModel::onPage(int generation, int limit, const Result<ScrollPage> &page)
{
    if (generation != m_generation)
        return; // a page of an older source: its rows would not belong here
    if (!page.ok()) {
        setLoading(false);
        fail(page.error());
        return;
    }
    const QList<PointRecord> &records = page.value().points;
    bool tooManyTies = false;
    if (m_order.isById()) {
        m_nextOffset = page.value().nextOffset;
        m_atEnd = m_nextOffset.isNull();
    } else {
        for (const PointRecord &record : records)
            noteOrderedRecord(record);
        m_atEnd = records.size() < limit;
        tooManyTies = !m_atEnd && m_boundaryIds.size() > MaxTiedPoints;
    }
    // The cells' texts are worked out on a lowered thread, not between two frames of a view
    // being scrolled; the page stays loading (no other is asked) until its rows are in.
    const QStringList columns = m_columns;
    const bool fullPayloads = m_fullPayloads;
    const int cellsVersion = m_cellsVersion;
    m_builders.run(this, [records, columns, fullPayloads, cellsVersion] {
        return buildPage(records, columns, fullPayloads, cellsVersion);
    }, [this, generation, tooManyTies](BuiltPage built) {
        if (generation != m_generation)
            return; // the source changed while the rows were built
        setLoading(false);
        const qsizetype before = m_rows.size();
        insertPage(std::move(built));
        if (tooManyTies) {
            fail(invalid(tr("More than %1 points share the value %2 of %3, so sorting by it "
                            "cannot page past them. Sort by another key or narrow the filter.")
                             .arg(QLocale().toString(MaxTiedPoints),
                                 PointCellText::display(m_startFrom), m_order.key)));
            return;
        }
        // A page of points already listed (a key with several values) shows nothing new; a
        // view would not ask again, so go on until something new comes or the end.
        if (m_rows.size() == before && !m_atEnd)
            requestPage();
    });
}

void PointsModel::noteOrderedRecord(const PointRecord &record)
{
    // The server lists (value, id) pairs in order; a point with several values stands at the
    // first one past the boundary in the direction asked.
    const bool ascending = m_order.direction == Qt::AscendingOrder;
    double best = 0;
    QJsonValue bestValue;
    bool found = false;
    for (const QJsonValue &value : orderValuesOf(record.payload, m_order.key)) {
        const std::optional<double> key = PointsOrder::orderValue(value);
        if (!key)
            continue;
        if (m_hasBoundary && (ascending ? *key < m_boundaryKey : *key > m_boundaryKey))
            continue;
        if (!found || (ascending ? *key < best : *key > best)) {
            best = *key;
            bestValue = value;
            found = true;
        }
    }
    if (!found)
        return;
    if (!m_hasBoundary || best != m_boundaryKey) {
        // start_from is inclusive: the first value of a run of equal ones is a safe start.
        m_hasBoundary = true;
        m_boundaryKey = best;
        m_startFrom = bestValue;
        m_boundaryIds.clear();
    }
    if (!m_boundaryIds.contains(record.id))
        m_boundaryIds.append(record.id);
}

void PointsModel::absorbKeys(const QSet<QString> &keys)
{
    if (keys.isEmpty())
        return;
    QStringList fresh;
    for (const QString &key : keys) {
        if (!m_discoveredSet.contains(key))
            fresh.append(key);
    }
    if (m_discovering) {
        QStringList added;
        for (const QString &key : keys) {
            if (!m_columns.contains(key))
                added.append(key);
        }
        added.sort();
        if (!added.isEmpty()) {
            const int first = int(m_columns.size()) + 1;
            beginInsertColumns(QModelIndex(), first, first + int(added.size()) - 1);
            m_columns.append(added);
            ++m_cellsVersion;
            endInsertColumns();
        }
    }
    if (fresh.isEmpty())
        return;
    for (const QString &key : std::as_const(fresh))
        m_discoveredSet.insert(key);
    m_discovered.append(fresh);
    m_discovered.sort();
    emit discoveredKeysChanged(m_discovered);
}

void PointsModel::replaceColumns(const QStringList &keys)
{
    if (keys == m_columns)
        return;
    if (!m_columns.isEmpty()) {
        beginRemoveColumns(QModelIndex(), 1, int(m_columns.size()));
        m_columns.clear();
        ++m_cellsVersion;
        endRemoveColumns();
    }
    if (!keys.isEmpty()) {
        beginInsertColumns(QModelIndex(), 1, int(keys.size()));
        m_columns = keys;
        ++m_cellsVersion;
        endInsertColumns();
    }
}

void PointsModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void PointsModel::fail(const NetError &error)
{
    m_failed = true;
    emit requestFailed(error);
}

void PointsModel::fetchPayload(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    const Row &at = m_rows.at(row);
    if (at.fullPayload) {
        emit payloadLoaded(at.id, at.payload);
        return;
    }
    const PointId id = at.id;
    const int generation = m_generation;
    const QString collection = m_collection;
    m_points.retrieve(m_collection, {id}, PayloadSelector::all(), VectorSelector::none(), this,
        [this, id, generation, collection](const Result<QList<PointRecord>> &records) {
            if (!records.ok()) {
                emit requestFailed(records.error());
                return;
            }
            if (records.value().isEmpty()) {
                emit requestFailed(invalid(tr("Point %1 is no longer among the points of %2 "
                                              "this scope can read.")
                                               .arg(id.toString(), collection)));
                return;
            }
            const QJsonObject payload = records.value().constFirst().payload;
            const int at = rowOf(id);
            if (generation == m_generation && at >= 0) {
                m_rows[at].payload = payload;
                m_rows[at].fullPayload = true;
                m_rows[at].cellsVersion = -1; // its cells show the old payload
                const QStringList keys = payload.keys();
                absorbKeys(QSet<QString>(keys.cbegin(), keys.cend()));
                emit dataChanged(index(at, 0), index(at, columnCount() - 1));
            }
            emit payloadLoaded(id, payload);
        });
}

void PointsModel::fetchVector(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    const PointId id = m_rows.at(row).id;
    const QString collection = m_collection;
    m_points.retrieve(m_collection, {id}, PayloadSelector::none(), VectorSelector::everything(),
        this, [this, id, collection](const Result<QList<PointRecord>> &records) {
            if (!records.ok()) {
                emit requestFailed(records.error());
            } else if (records.value().isEmpty()) {
                emit requestFailed(invalid(tr("Point %1 is no longer among the points of %2 "
                                              "this scope can read.")
                                               .arg(id.toString(), collection)));
            } else {
                emit vectorLoaded(id, records.value().constFirst().vectors);
            }
        });
}

int PointsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PointsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size()) + 1;
}

void PointsModel::setMaskedFields(const QStringList &fields)
{
    if (fields == m_maskedFields)
        return;
    m_maskedFields = fields;
    if (!m_rows.isEmpty() && !m_columns.isEmpty())
        emit dataChanged(index(0, 1), index(int(m_rows.size()) - 1, int(m_columns.size())),
                         {Qt::DisplayRole, Qt::ToolTipRole});
}

QVariant PointsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section > m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return section == 0 ? tr("id") : m_columns.at(section - 1);
    if (role == Qt::ToolTipRole) {
        if (section == 0)
            return tr("The point id. Click to list the points by id, Qdrant's own order.");
        const QString why = whyNotSortable(section);
        if (!why.isEmpty())
            return why;
        return tr("Click to sort by %1 (order_by). Points without a value of %1 are not "
                  "listed while it sorts.")
            .arg(m_columns.at(section - 1));
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

bool PointsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasSource && !m_atEnd && !m_failed;
}

void PointsModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void PointsModel::sort(int column, Qt::SortOrder order)
{
    if (column == 0) {
        setOrder(PointsOrder());
        return;
    }
    if (column < 0 || column > m_columns.size() || !whyNotSortable(column).isEmpty())
        return;
    setOrder(PointsOrder {m_columns.at(column - 1), order});
}
