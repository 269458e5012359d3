#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QList>
#include <QString>

class QPalette;

/// The colours a connection profile can wear, and the text colour that stays readable on each:
/// the badge, the profile list and the editor's colour picker all take them from here so that
/// production looks the same everywhere.
class ProfileColours final
{
    Q_DECLARE_TR_FUNCTIONS(ProfileColours)

public:
    struct Preset
    {
        QString label; ///< e.g. "Production (red)"
        QString colour; ///< "#rrggbb"
    };

    /// Production red, Staging amber, Development green.
    static QList<Preset> presets();
    /// The preset's label for a colour, or an empty string when it is not a preset.
    static QString presetLabel(const QString &colour);

    /// Black or white, whichever contrasts more with background (WCAG relative luminance).
    static QColor textOn(const QColor &background);
    /// The WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white).
    static double contrastRatio(const QColor &a, const QColor &b);

    /// A small rounded square of that colour with an outline that shows on palette's window
    /// colour; a hollow outline for no colour.
    static QIcon swatch(const QString &colour, const QPalette &palette, int size = 16);

    /// A red for error text that reads on palette's window colour, light or dark.
    static QColor errorText(const QPalette &palette);
    /// A green for "it worked" text that reads on palette's window colour.
    static QColor successText(const QPalette &palette);
    /// A pale amber (dark amber on a dark theme) behind a notice that must not be missed, and
    /// the text colour that reads on it.
    static QColor noticeBackground(const QPalette &palette);
    static QColor noticeText(const QPalette &palette);
    /// True when palette's window is dark (a dark theme).
    static bool isDark(const QPalette &palette);

private:
    static double luminance(const QColor &colour);
};
