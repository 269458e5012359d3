#include "tenantitemdelegate.h"

#include "tenantlistmodel.h"

#include <QApplication>
#include <QPainter>

namespace {

constexpr int kMargin = 4;
// Room under the second line, so that its underscores stay clear of the selection's frame.
constexpr int kBottom = 3;

} // namespace

TenantItemDelegate::TenantItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QFont TenantItemDelegate::summaryFont(const QFont &base)
{
    QFont font = base;
    font.setBold(false);
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    else
        font.setPixelSize(qMax(8, font.pixelSize() * 85 / 100));
    return font;
}

void TenantItemDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QString label = opt.text;
    const QString summary = index.data(TenantListModel::SummaryRole).toString();
    // The panel (background, selection, focus) as the style draws it, without the text.
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const bool enabled = opt.state & QStyle::State_Enabled;
    const QPalette::ColorGroup group = enabled ? QPalette::Normal : QPalette::Disabled;
    QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QVariant foreground = index.data(Qt::ForegroundRole);
    if (!selected && enabled && foreground.canConvert<QBrush>())
        text = foreground.value<QBrush>().color();
    QColor muted = text;
    muted.setAlphaF(enabled ? 0.7 : 0.5);

    const QRect area
        = opt.rect.adjusted(kMargin * 2, kMargin / 2, -kMargin * 2, -kMargin / 2 - kBottom);
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(text);
    const QFontMetrics labelMetrics(opt.font);
    QRect line(area.left(), area.top(), area.width(), labelMetrics.height());
    if (summary.isEmpty())
        line.moveTop(area.top() + (area.height() - line.height()) / 2);
    painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
        labelMetrics.elidedText(label, Qt::ElideRight, line.width()));
    if (!summary.isEmpty()) {
        const QFont small = summaryFont(opt.font);
        const QFontMetrics smallMetrics(small);
        painter->setFont(small);
        painter->setPen(muted);
        const QRect second(area.left(), line.bottom() + 1, area.width(), smallMetrics.height());
        painter->drawText(second, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
            smallMetrics.elidedText(summary, Qt::ElideRight, second.width()));
    }
    painter->restore();
}

QSize TenantItemDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QFontMetrics labelMetrics(opt.font);
    int width = labelMetrics.horizontalAdvance(opt.text);
    int height = labelMetrics.height();
    const QString summary = index.data(TenantListModel::SummaryRole).toString();
    if (!summary.isEmpty()) {
        const QFontMetrics smallMetrics(summaryFont(opt.font));
        width = qMax(width, smallMetrics.horizontalAdvance(summary));
        height += smallMetrics.height() + 1;
    }
    return QSize(width + kMargin * 4, height + kMargin + kBottom);
}
