#include "pointcelldelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

#include <optional>

PointCellDelegate::PointCellDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_texts(CacheSize)
{ }

PointCellDelegate::~PointCellDelegate() = default;

const QStaticText *PointCellDelegate::laidOut(
    const QString &text, int width, const QFont &font) const
{
    // The font rarely changes (a palette, DPI or zoom change): the cache holds one font's
    // texts, so a key is the text and the width only.
    if (m_fontMaxWidth < 0 || font != m_font) {
        m_texts.clear();
        m_font = font;
        m_fontMaxWidth = QFontMetrics(font).maxWidth();
    }
    const TextKey key {text, width};
    if (const QStaticText *cached = m_texts.object(key))
        return cached;
    // Short values (numbers, keywords, flags) surely fit: spare them a shaping pass.
    const bool fits = text.size() * qsizetype(m_fontMaxWidth) <= width;
    auto *laid = new QStaticText(
        fits ? text : QFontMetrics(font).elidedText(text, Qt::ElideRight, width));
    laid->setTextFormat(Qt::PlainText);
    laid->setPerformanceHint(QStaticText::AggressiveCaching);
    laid->prepare(QTransform(), font);
    m_texts.insert(key, laid);
    return laid;
}

QMargins PointCellDelegate::textMargins(const QStyleOptionViewItem &option, QStyle *style) const
{
    if (style != m_marginsStyle) {
        m_margins.clear();
        m_marginsStyle = style;
    }
    // A plain cell's text area depends on its size only (no icon, no check), and the columns
    // of a table have a handful of sizes.
    const quint64 key = quint64(quint32(option.rect.width()))
        | quint64(quint32(option.rect.height())) << 24 | quint64(option.features.toInt()) << 48
        | quint64(option.direction == Qt::RightToLeft) << 63;
    const auto known = m_margins.constFind(key);
    if (known != m_margins.constEnd())
        return *known;
    QStyleOptionViewItem probe = option;
    probe.text.clear();
    const QRect cell = option.rect;
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &probe, option.widget);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option.widget) + 1;
    const QMargins margins(text.left() - cell.left() + margin, text.top() - cell.top(),
        cell.right() - text.right() + margin, cell.bottom() - text.bottom());
    m_margins.insert(key, margins);
    return margins;
}

QColor PointCellDelegate::gridColor(const QStyleOptionViewItem &option, QStyle *style) const
{
    // As QTableView asks it; the style works it out from the palette (a colour conversion
    // or two), so it is kept per style and palette.
    if (style != m_gridStyle || option.palette.cacheKey() != m_gridPalette) {
        m_gridStyle = style;
        m_gridPalette = option.palette.cacheKey();
        m_gridColor = QColor::fromRgba(
            QRgb(style->styleHint(QStyle::SH_Table_GridLineColor, &option, option.widget)));
    }
    return m_gridColor;
}

void PointCellDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QRect cell = opt.rect;
    if (m_grid)
        opt.rect.adjust(0, 0, -1, -1); // the grid's pixel at the right and the bottom

    // A cell the style would leave empty (it fills only selected, current and hovered cells
    // and background brushes) gets only our text: no layout of check, icon and text rects.
    const bool plain
        = !(opt.state & (QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver))
        && opt.backgroundBrush.style() == Qt::NoBrush
        && !(opt.features
            & (QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDecoration));
    QRect area;
    if (plain) {
        area = opt.rect.marginsRemoved(textMargins(opt, style));
    } else {
        // Background, selection and focus as the style draws them; the text is ours.
        opt.text.clear();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        area = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                   .adjusted(margin, 0, -margin, 0);
    }
    if (m_grid) {
        const QColor grid = gridColor(opt, style);
        painter->fillRect(QRect(cell.right(), cell.top(), 1, cell.height()), grid);
        painter->fillRect(QRect(cell.left(), cell.bottom(), cell.width() - 1, 1), grid);
    }
    if (text.isEmpty() || area.width() <= 0)
        return;

    // One line: line breaks are shown as ↵ by the model, and tabs as spaces.
    const QStaticText *laid = laidOut(text, area.width(), opt.font);
    const QSizeF size = laid->size();
    QPointF at(area.left(), area.top() + (area.height() - size.height()) / 2);
    const Qt::Alignment horizontal
        = QStyle::visualAlignment(opt.direction, opt.displayAlignment) & Qt::AlignHorizontal_Mask;
    if (horizontal & Qt::AlignRight)
        at.setX(area.right() + 1 - size.width());
    else if (horizontal & Qt::AlignHCenter)
        at.setX(area.left() + (area.width() - size.width()) / 2);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                                ? QPalette::Normal
                                                                            : QPalette::Inactive;
    // The text was elided to the area, so it is clipped only when a glyph from a fallback font
    // made it wider (or the row is too low): no painter state saved for the other cells.
    const bool overflows = size.width() > area.width() || size.height() > area.height();
    if (overflows) {
        painter->save();
        painter->setClipRect(area);
    }
    const QPen pen = painter->pen();
    painter->setPen(
        opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    std::optional<QFont> font; // the painter's, when it is not the cell's
    if (painter->font() != opt.font) {
        font = painter->font();
        painter->setFont(opt.font);
    }
    painter->drawStaticText(at, *laid);
    if (font)
        painter->setFont(*font);
    painter->setPen(pen);
    if (overflows)
        painter->restore();
}

QSize PointCellDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The grid's pixel, as QTableView adds it to a row or column sized to its contents.
    const QSize size = QStyledItemDelegate::sizeHint(option, index);
    return m_grid ? size + QSize(1, 1) : size;
}
