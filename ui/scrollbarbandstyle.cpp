#include "scrollbarbandstyle.h"

#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionSlider>

#include <algorithm>

namespace {

/// The raster engine's threshold: a fill of this many spans or more goes to its thread pool.
constexpr int kParallelSpans = 96;

} // namespace

ScrollBarBandStyle::ScrollBarBandStyle(QObject *parent)
{
    setParent(parent);
}

void ScrollBarBandStyle::drawComplexControl(ComplexControl control,
    const QStyleOptionComplex *option, QPainter *painter, const QWidget *widget) const
{
    const auto *bar = qstyleoption_cast<const QStyleOptionSlider *>(option);
    const QRect whole = option->rect;
    const bool vertical = bar && bar->orientation == Qt::Vertical;
    // cppcheck-suppress duplicateValueTernary ; two separate limits that happen to agree
    const int step = vertical ? BandRows : BandColumns;
    // Each band starts from a copy of the pixels already there, as the style would find them,
    // so every semi-transparent edge is composed exactly as drawing in place would. That
    // needs the raster engine's image, in device pixels with no more than a translation.
    QPaintEngine *engine = painter->paintEngine();
    QPaintDevice *device = engine ? engine->paintDevice() : nullptr;
    const bool banded = control == CC_ScrollBar && bar && !whole.isEmpty()
        && (vertical ? whole.height() : whole.width()) > step
        && (vertical || 2 * step + whole.height() < kParallelSpans) && device
        && device->devType() == QInternal::Image && device->devicePixelRatio() == 1.0
        && painter->deviceTransform().type() <= QTransform::TxTranslate;
    if (!banded) {
        QProxyStyle::drawComplexControl(control, option, painter, widget);
        return;
    }
    const QImage &target = *static_cast<const QImage *>(device);
    const int end = vertical ? whole.bottom() : whole.right();
    for (int start = vertical ? whole.top() : whole.left(); start <= end; start += step) {
        const int length = std::min(step, end - start + 1);
        const QRect band = vertical ? QRect(whole.left(), start, whole.width(), length)
                                    : QRect(start, whole.top(), length, whole.height());
        QImage pixels = target.copy(painter->deviceTransform().mapRect(band));
        {
            QPainter in(&pixels);
            in.setRenderHints(painter->renderHints());
            in.setFont(painter->font());
            in.translate(-band.topLeft());
            QProxyStyle::drawComplexControl(control, option, &in, widget);
        }
        painter->save();
        painter->setCompositionMode(QPainter::CompositionMode_Source);
        painter->drawImage(band.topLeft(), pixels);
        painter->restore();
    }
}
