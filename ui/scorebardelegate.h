#pragma once

#include <QStyledItemDelegate>

/// Paints a search hit's score as a bar behind its number: the length is the model's
/// SearchResultModel::ScoreFractionRole (0..1), so scores read at a glance down the column.
class ScoreBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
