// ScrollBarBandStyle: scroll bars drawn in bands look as the application's style draws them.
#include "scrollbarbandstyle.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QStyleFactory>
#include <QTest>

#include <memory>

namespace {

/// The base style, counting the scroll bars it is asked to draw (one per band).
class CountingStyle final : public QProxyStyle
{
public:
    CountingStyle()
        : QProxyStyle(QStyleFactory::create(QStringLiteral("fusion")))
    { }
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
        QPainter *painter, const QWidget *widget) const override
    {
        if (control == CC_ScrollBar)
            ++drawn;
        QProxyStyle::drawComplexControl(control, option, painter, widget);
    }
    mutable int drawn = 0;
};

/// The bar as render() paints it into an image that starts with a backdrop the bar draws on.
QImage rendered(QScrollBar &bar)
{
    QImage image(bar.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor(200, 120, 40));
    bar.render(&image, QPoint(), QRegion(), QWidget::DrawChildren);
    return image;
}

struct Difference
{
    int pixels = 0;
    int maxLevels = 0;
};

Difference compare(const QImage &a, const QImage &b)
{
    Difference difference;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y);
            const QRgb q = b.pixel(x, y);
            if (p == q)
                continue;
            ++difference.pixels;
            difference.maxLevels = std::max({difference.maxLevels, std::abs(qRed(p) - qRed(q)),
                std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q)),
                std::abs(qAlpha(p) - qAlpha(q))});
        }
    }
    return difference;
}

} // namespace

class TestScrollBarBandStyle : public QObject
{
    Q_OBJECT

private slots:
    void barsLookAsTheStyleDrawsThem_data();
    void barsLookAsTheStyleDrawsThem();
    void shortBarsAreDrawnOnce();
};

void TestScrollBarBandStyle::barsLookAsTheStyleDrawsThem_data()
{
    QTest::addColumn<Qt::Orientation>("orientation");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("value");
    QTest::addColumn<int>("bands");
    QTest::addColumn<int>("pixelsOff"); ///< antialiased pixels allowed to differ
    // A table's vertical bar: rows of 40 (615 rows: 16 bands), pixel for pixel the same.
    QTest::newRow("vertical, top") << Qt::Vertical << QSize(14, 615) << 0 << 16 << 0;
    QTest::newRow("vertical, middle") << Qt::Vertical << QSize(14, 615) << 5000 << 16 << 0;
    QTest::newRow("vertical, bottom") << Qt::Vertical << QSize(14, 615) << 10000 << 16 << 0;
    // A horizontal one: columns of 40; the handle's four corner pixels come out a little
    // lighter or darker (17 levels of 255 in Qt 6.4), its outline being cut at a band's edge.
    QTest::newRow("horizontal, left") << Qt::Horizontal << QSize(1162, 14) << 0 << 30 << 4;
    QTest::newRow("horizontal, middle") << Qt::Horizontal << QSize(1162, 14) << 5000 << 30 << 4;
    QTest::newRow("horizontal, right") << Qt::Horizontal << QSize(1162, 14) << 10000 << 30 << 4;
    QTest::newRow("horizontal, 3333") << Qt::Horizontal << QSize(1162, 14) << 3333 << 30 << 4;
    QTest::newRow("horizontal, 7777") << Qt::Horizontal << QSize(1162, 14) << 7777 << 30 << 4;
}

void TestScrollBarBandStyle::barsLookAsTheStyleDrawsThem()
{
    QFETCH(Qt::Orientation, orientation);
    QFETCH(QSize, size);
    QFETCH(int, value);
    QFETCH(int, bands);
    QFETCH(int, pixelsOff);
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("fusion")));
    QScrollBar plain(orientation);
    plain.setStyle(fusion.get());
    auto *counting = new CountingStyle;
    ScrollBarBandStyle banded; // owns counting as its base
    banded.setBaseStyle(counting);
    QScrollBar bar(orientation);
    bar.setStyle(&banded);
    for (QScrollBar *each : {&plain, &bar}) {
        each->setRange(0, 10000);
        each->setPageStep(600);
        each->setValue(value);
        each->resize(size);
    }

    const QImage expected = rendered(plain);
    counting->drawn = 0;
    const QImage actual = rendered(bar);
    QCOMPARE(counting->drawn, bands);
    const Difference difference = compare(expected, actual);
    QVERIFY2(difference.pixels <= pixelsOff,
        qPrintable(QStringLiteral("%1 pixels differ").arg(difference.pixels)));
    QVERIFY2(difference.maxLevels <= 20,
        qPrintable(QStringLiteral("by up to %1 levels").arg(difference.maxLevels)));
}

void TestScrollBarBandStyle::shortBarsAreDrawnOnce()
{
    auto *counting = new CountingStyle;
    ScrollBarBandStyle banded;
    banded.setBaseStyle(counting);
    QScrollBar bar(Qt::Vertical);
    bar.setStyle(&banded);
    bar.resize(14, ScrollBarBandStyle::BandRows);
    rendered(bar);
    QCOMPARE(counting->drawn, 1);
    // Scaled (a high-DPI screen), it is drawn as the style does, in one go.
    bar.resize(14, 400);
    QImage scaled(28, 800, QImage::Format_ARGB32_Premultiplied);
    scaled.setDevicePixelRatio(2);
    scaled.fill(Qt::white);
    counting->drawn = 0;
    bar.render(&scaled);
    QCOMPARE(counting->drawn, 1);
}

QTEST_MAIN(TestScrollBarBandStyle)
#include "tst_scrollbarbandstyle.moc"
