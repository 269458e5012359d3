#include "profilelistdelegate.h"

#include <QApplication>
#include <QPainter>

namespace {

constexpr int StripeWidth = 6;
constexpr int Padding = 6;

QFont detailFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.9 : 8.0);
    return font;
}

QFont tagFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.75 : 7.0);
    return font;
}

} // namespace

void ProfileListDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString name = opt.text;
    opt.text.clear();
    opt.icon = QIcon();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = opt.rect;
    const QString colour = index.data(ColourRole).toString();
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    const QColor text = opt.palette.color(textRole);

    // The stripe: the profile's colour, or a thin outline for a profile without one.
    const QRectF stripe(r.left() + 2.5, r.top() + 3.5, StripeWidth - 1, r.height() - 7);
    if (!colour.isEmpty() && QColor(colour).isValid()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(colour));
    } else {
        QColor outline = text;
        outline.setAlphaF(0.35);
        painter->setPen(QPen(outline, 1.0));
        painter->setBrush(Qt::NoBrush);
    }
    painter->drawRoundedRect(stripe, 2, 2);

    const int left = r.left() + StripeWidth + 2 * Padding;
    int right = r.right() - Padding;

    if (index.data(ReadOnlyRole).toBool()) {
        const QFont font = tagFont(opt.font);
        const QFontMetrics metrics(font);
        const QString tag = tr("READ-ONLY");
        const int w = metrics.horizontalAdvance(tag) + 8;
        const int h = metrics.height() + 2;
        const QRectF pill(right - w, r.top() + Padding, w, h);
        painter->setPen(QPen(text, 1.0));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(pill.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        painter->setFont(font);
        painter->drawText(pill, Qt::AlignCenter, tag);
        right -= w + Padding;
    }

    QFont nameFont = opt.font;
    nameFont.setBold(true);
    nameFont.setItalic(index.data(UnsavedRole).toBool());
    const QFontMetrics nameMetrics(nameFont);
    painter->setFont(nameFont);
    painter->setPen(text);
    const QRect nameRect(left, r.top() + Padding, right - left, nameMetrics.height());
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
        nameMetrics.elidedText(name, Qt::ElideRight, nameRect.width()));

    const QFont small = detailFont(opt.font);
    const QFontMetrics smallMetrics(small);
    QColor dim = text;
    dim.setAlphaF(selected ? 0.85 : 0.65);
    painter->setFont(small);
    painter->setPen(dim);
    const QRect detailRect(
        left, nameRect.bottom() + 2, r.right() - Padding - left, smallMetrics.height());
    painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
        smallMetrics.elidedText(
            index.data(DetailRole).toString(), Qt::ElideMiddle, detailRect.width()));
    painter->restore();
}

QSize ProfileListDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QFont nameFont = option.font;
    nameFont.setBold(true);
    const int height = QFontMetrics(nameFont).height() + 2
        + QFontMetrics(detailFont(option.font)).height() + 2 * Padding;
    const int width = StripeWidth + 3 * Padding
        + QFontMetrics(nameFont).horizontalAdvance(index.data(Qt::DisplayRole).toString());
    return {qMax(width, 160), height};
}
