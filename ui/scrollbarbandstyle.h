#pragma once

#include <QProxyStyle>

/// The application's style, with scroll bars drawn in bands across their length, each on a
/// copy of the band's pixels then put back, so that none of the raster engine's fills gets 96
/// spans or more. Such a fill is split across Qt's GUI thread pool while the GUI thread waits
/// for it (QT_THREAD_PARALLEL_FILLS in Qt's qdrawhelper.cpp, with no switch to turn it off):
/// a dozen waits in every frame of a scrolled table, each as long as a pool thread takes to
/// get a core on a busy machine. Fusion's bars make such fills: along a vertical bar its
/// groove gradient and outline are a span or two per row; along a horizontal one its lines
/// are a span per pixel (the raster engine's cosmetic stroker). A clip would not do: Fusion
/// sets its own clip for the groove's edge. A vertical bar comes out pixel for pixel the
/// same; on a horizontal one the handle's two antialiased end corners differ by a few levels
/// (its rounded outline is cut at a band's edge).
class ScrollBarBandStyle final : public QProxyStyle
{
    Q_OBJECT

public:
    /// Rows per band of a vertical bar: under 48, as an outline's two sides are two spans.
    static constexpr int BandRows = 40;
    /// Columns per band of a horizontal bar: under 48, as the lines along it are a span per
    /// column and an outline's top and bottom lines reach the engine together.
    static constexpr int BandColumns = 40;

    /// Follows the application's style (QProxyStyle without a base).
    explicit ScrollBarBandStyle(QObject *parent = nullptr);

    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
        QPainter *painter, const QWidget *widget = nullptr) const override;
};
