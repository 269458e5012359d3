#include "scorebardelegate.h"

#include "searchresultmodel.h"

#include <QApplication>
#include <QPainter>

void ScoreBarDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const double fraction
        = std::clamp(index.data(SearchResultModel::ScoreFractionRole).toDouble(), 0.0, 1.0);
    const QRect area = opt.rect.adjusted(3, 4, -3, -4);
    const QPalette &palette = opt.palette;
    QColor track = palette.color(QPalette::Mid);
    track.setAlpha(60);
    // On a selected row the highlight is the background: the bar takes the text's colour.
    const bool selected = opt.state & QStyle::State_Selected;
    QColor bar = palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight);
    bar.setAlpha(selected ? 90 : 110);
    if (selected)
        track = QColor(0, 0, 0, 40);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(track);
    painter->drawRoundedRect(area, 2, 2);
    QRect filled = area;
    filled.setWidth(int(area.width() * fraction));
    painter->setBrush(bar);
    painter->drawRoundedRect(filled, 2, 2);
    painter->setPen(palette.color(
        (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(area.adjusted(4, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

QSize ScoreBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), option.fontMetrics.horizontalAdvance(u'0') * 14));
    return size;
}
