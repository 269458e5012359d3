#pragma once

#include <QStyledItemDelegate>

/// Draws a row of the tenant list in two lines: the tenant's label, and under it, smaller and
/// muted, where it was found (TenantListModel::SummaryRole: collections, point counts and
/// "(sampled)"). Rows without a summary take one line. Colours and font come from the model
/// (the amber "All tenants (admin)" row) and the palette.
class TenantItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit TenantItemDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static QFont summaryFont(const QFont &base);
};
