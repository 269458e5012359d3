// PointsModel: its rows, built from a page on the thread pool, and what they show.
#include "pointsmodel.h"

#include "presentationoptions.h"

PointsModel::BuiltPage PointsModel::buildPage(const QList<PointRecord> &records,
    const QStringList &columns, bool fullPayloads, int cellsVersion)
{
    BuiltPage page;
    page.rows.reserve(records.size());
    QSet<PointId> inPage;
    for (const PointRecord &record : records) {
        if (inPage.contains(record.id))
            continue;
        inPage.insert(record.id);
        if (fullPayloads) {
            for (auto it = record.payload.constBegin(); it != record.payload.constEnd(); ++it)
                page.keys.insert(it.key());
        }
        Row row {record.id, record.payload, fullPayloads, record.id.toString(), {}, -1};
        row.cells = PointCellText::cells(record.payload, columns);
        row.cellsVersion = cellsVersion;
        page.rows.append(std::move(row));
    }
    return page;
}

void PointsModel::insertPage(BuiltPage page)
{
    absorbKeys(page.keys);
    QList<Row> fresh;
    fresh.reserve(page.rows.size());
    for (Row &row : page.rows) {
        // Ordered by a key with several values, a point can come again in a later page.
        if (!m_rowOf.contains(row.id))
            fresh.append(std::move(row));
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(fresh.size()) - 1);
    for (Row &row : fresh) {
        m_rowOf.insert(row.id, int(m_rows.size()));
        m_rows.append(std::move(row));
    }
    endInsertRows();
}

const PointCellText::Cell &PointsModel::cellOf(const Row &row, int column) const
{
    if (row.cellsVersion != m_cellsVersion) {
        row.cells = PointCellText::cells(row.payload, m_columns);
        row.cellsVersion = m_cellsVersion;
    }
    return row.cells.at(column - 1);
}

QVariant PointsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() > m_columns.size())
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case PointIdRole:
        return QVariant::fromValue(row.id);
    case PayloadRole:
        return row.payload;
    case FullPayloadRole:
        return row.fullPayload;
    default:
        break;
    }
    if (index.column() == 0) {
        switch (role) {
        case Qt::DisplayRole:
            return row.idText;
        case RawValueRole:
            return row.id.isNumber() ? QVariant(row.id.number()) : QVariant(row.id.toString());
        case JsonValueRole:
            return QVariant::fromValue(row.id.toJson());
        case Qt::TextAlignmentRole:
            return row.id.isNumber() ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
        default:
            return {};
        }
    }
    const QString &key = m_columns.at(index.column() - 1);
    // What a view asks for every cell it paints comes from the cells worked out with the page.
    switch (role) {
    case Qt::DisplayRole: {
        const PointCellText::Cell &cell = cellOf(row, index.column());
        if (cell.present && !m_maskedFields.isEmpty()
            && PresentationOptions::isMaskedBy(key, m_maskedFields))
            return PresentationOptions::maskText();
        return cell.text;
    }
    case Qt::TextAlignmentRole:
        return cellOf(row, index.column()).number ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                  : QVariant();
    case Qt::ToolTipRole:
    case RawValueRole:
    case JsonValueRole:
        break;
    default:
        return {};
    }
    const QJsonValue value = PointCellText::valueAt(row.payload, key);
    switch (role) {
    case Qt::ToolTipRole:
        // The cell shows the head of a long text; the tooltip a good deal more of it.
        if (!m_maskedFields.isEmpty() && PresentationOptions::isMaskedBy(key, m_maskedFields))
            return {};
        if (value.isString() && value.toString().size() > PointCellText::MaxLength)
            return value.toString().left(2000);
        return {};
    case RawValueRole:
        return PointCellText::raw(value);
    default:
        return QVariant::fromValue(value);
    }
}
