#include "profilebadge.h"

#include "connectionprofile.h"
#include "profilecolours.h"

#include <QEvent>
#include <QPainter>

#include <cmath>

namespace {

constexpr int HorizontalPadding = 8;
constexpr int VerticalPadding = 3;
constexpr int MarkerGap = 6;
constexpr int MarkerPadding = 4;

QFont markerFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.8 : 8.0);
    return font;
}

} // namespace

ProfileBadge::ProfileBadge(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    clear();
}

void ProfileBadge::setProfile(const ConnectionProfile &profile)
{
    setProfile(profile.name, profile.colour, profile.readOnly);
}

void ProfileBadge::setProfile(const QString &name, const QString &colour, bool readOnly)
{
    m_name = name;
    m_colour = colour.isEmpty() ? QColor() : QColor(colour);
    m_readOnly = readOnly;
    updateDescription();
    updateGeometry();
    update();
}

void ProfileBadge::clear()
{
    setProfile(tr("Not connected"), QString(), false);
}

QColor ProfileBadge::backgroundColour() const
{
    return m_colour.isValid() ? m_colour : palette().color(QPalette::Window);
}

QColor ProfileBadge::textColour() const
{
    return m_colour.isValid() ? ProfileColours::textOn(m_colour)
                              : palette().color(QPalette::WindowText);
}

QString ProfileBadge::readOnlyText() const
{
    return tr("READ-ONLY");
}

void ProfileBadge::updateDescription()
{
    const QString text = m_readOnly
        ? tr("Connection profile %1, read-only: every change is refused").arg(m_name)
        : tr("Connection profile %1").arg(m_name);
    setToolTip(text);
    setAccessibleName(text);
}

QSize ProfileBadge::sizeHint() const
{
    const QFontMetrics metrics(font());
    // Fractional advances, rounded up: with the rounded integer width elidedText() may cut
    // the last letter of a name that should just fit.
    const int nameWidth = int(std::ceil(QFontMetricsF(font()).horizontalAdvance(m_name))) + 1;
    int width = 2 * HorizontalPadding + nameWidth;
    if (m_readOnly) {
        const QFontMetrics marker(markerFont(font()));
        width += MarkerGap + 2 * MarkerPadding + marker.horizontalAdvance(readOnlyText());
    }
    return {width, metrics.height() + 2 * VerticalPadding};
}

QSize ProfileBadge::minimumSizeHint() const
{
    // Room for the marker (it must never be elided away) and a few letters of the name.
    const QFontMetrics metrics(font());
    int width = 2 * HorizontalPadding + metrics.horizontalAdvance(QStringLiteral("Wxyz…"));
    if (m_readOnly) {
        const QFontMetrics marker(markerFont(font()));
        width += MarkerGap + 2 * MarkerPadding + marker.horizontalAdvance(readOnlyText());
    }
    return {width, metrics.height() + 2 * VerticalPadding};
}

void ProfileBadge::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const QColor fill = backgroundColour();
    const QColor ink = textColour();

    // The outline lets a colour close to the window's (a dark red on a dark theme) still read
    // as a badge, and gives a profile without a colour its shape.
    QColor outline = palette().color(QPalette::WindowText);
    outline.setAlphaF(m_colour.isValid() ? 0.25 : 0.5);
    painter.setPen(QPen(outline, 1.0));
    painter.setBrush(fill);
    painter.drawRoundedRect(box, 4, 4);

    const QFont marker = markerFont(font());
    const QFontMetrics markerMetrics(marker);
    int markerWidth = 0;
    if (m_readOnly)
        markerWidth = 2 * MarkerPadding + markerMetrics.horizontalAdvance(readOnlyText());

    const int nameRight = width() - HorizontalPadding - (m_readOnly ? markerWidth + MarkerGap : 0);
    const QRect nameRect(HorizontalPadding, 0, qMax(0, nameRight - HorizontalPadding), height());
    const QString name = fontMetrics().elidedText(m_name, Qt::ElideRight, nameRect.width());
    painter.setPen(ink);
    painter.setFont(font());
    painter.drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft, name);

    if (m_readOnly) {
        // The marker is the badge inverted, so it stands out on any colour.
        const int markerHeight = markerMetrics.height() + 2;
        const QRectF pill(width() - HorizontalPadding - markerWidth,
            (height() - markerHeight) / 2.0, markerWidth, markerHeight);
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawRoundedRect(pill, 3, 3);
        painter.setPen(fill);
        painter.setFont(marker);
        painter.drawText(pill, Qt::AlignCenter, readOnlyText());
    }
}

void ProfileBadge::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
    QWidget::changeEvent(event);
}
