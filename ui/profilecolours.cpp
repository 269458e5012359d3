#include "profilecolours.h"

#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <cmath>

QList<ProfileColours::Preset> ProfileColours::presets()
{
    // Chosen so that both the colour and its text colour pass WCAG AA (4.5:1): white on the
    // red and the green, black on the amber.
    return {
        {tr("Production (red)"), QStringLiteral("#c62828")},
        {tr("Staging (amber)"), QStringLiteral("#ffb300")},
        {tr("Development (green)"), QStringLiteral("#2e7d32")},
    };
}

QString ProfileColours::presetLabel(const QString &colour)
{
    for (const Preset &preset : presets()) {
        if (preset.colour.compare(colour, Qt::CaseInsensitive) == 0)
            return preset.label;
    }
    return {};
}

double ProfileColours::luminance(const QColor &colour)
{
    const auto channel
        = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const QColor rgb = colour.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF());
}

double ProfileColours::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor ProfileColours::textOn(const QColor &background)
{
    const QColor white(Qt::white);
    const QColor black(Qt::black);
    return contrastRatio(background, white) >= contrastRatio(background, black) ? white : black;
}

QIcon ProfileColours::swatch(const QString &colour, const QPalette &palette, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(pixmap.rect()).adjusted(1.5, 1.5, -1.5, -1.5);
    // The outline is the window text colour at low alpha, so a dark swatch still shows on a
    // dark window and a light one on a light window.
    QColor outline = palette.color(QPalette::WindowText);
    outline.setAlphaF(0.45);
    painter.setPen(QPen(outline, 1.0));
    const QColor fill(colour);
    painter.setBrush(colour.isEmpty() || !fill.isValid() ? QBrush(Qt::NoBrush) : QBrush(fill));
    painter.drawRoundedRect(box, 3, 3);
    painter.end();
    return QIcon(pixmap);
}

bool ProfileColours::isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Window)) < 0.2;
}

QColor ProfileColours::errorText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
}

QColor ProfileColours::successText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x81, 0xc7, 0x84) : QColor(0x1b, 0x5e, 0x20);
}

QColor ProfileColours::noticeBackground(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x4a, 0x3b, 0x10) : QColor(0xff, 0xf3, 0xcd);
}

QColor ProfileColours::noticeText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0xe8, 0xa3) : QColor(0x4d, 0x39, 0x00);
}
