#include "pointcelldelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

PointCellDelegate::PointCellDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_texts(CacheSize)
{ }

PointCellDelegate::~PointCellDelegate() = default;

const QStaticText *PointCellDelegate::laidOut(
    const QString &text, int width, const QFont &font) const
{
    // The key holds everything the layout depends on; the font rarely changes (a palette or
    // DPI change), so its key string is cheap next to shaping the text again.
    QString key = font.key();
    key += QChar(0x1f);
    key += QString::number(width);
    key += QChar(0x1f);
    key += text;
    if (const QStaticText *cached = m_texts.object(key))
        return cached;
    const QFontMetrics metrics(font);
    // Short values (numbers, keywords, flags) surely fit: spare them a shaping pass.
    const bool fits = text.size() * qsizetype(metrics.maxWidth()) <= width;
    auto *laid = new QStaticText(fits ? text : metrics.elidedText(text, Qt::ElideRight, width));
    laid->setTextFormat(Qt::PlainText);
    laid->setPerformanceHint(QStaticText::AggressiveCaching);
    laid->prepare(QTransform(), font);
    m_texts.insert(key, laid);
    return laid;
}

void PointCellDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background, selection and focus as the style draws them; the text is ours.
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                           .adjusted(margin, 0, -margin, 0);
    if (area.width() <= 0)
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
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(
        opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setClipRect(area);
    painter->drawStaticText(at, *laid);
    painter->restore();
}
