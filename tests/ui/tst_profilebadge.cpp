// ProfileBadge and ProfileColours, offscreen: the name on the profile's colour stays readable
// on light and dark palettes, and a read-only profile always shows its marker.
#include "connectionprofile.h"
#include "profilebadge.h"
#include "profilecolours.h"

#include <QImage>
#include <QPalette>
#include <QtTest>

namespace {

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, Qt::black);
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    return p;
}

// How many pixels of the image are (nearly) this colour.
int pixelsOf(const QImage &image, const QColor &colour)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - colour.red()) < 8 && qAbs(c.green() - colour.green()) < 8
                && qAbs(c.blue() - colour.blue()) < 8)
                ++n;
        }
    }
    return n;
}

} // namespace

class TestProfileBadge : public QObject
{
    Q_OBJECT

private slots:
    void presetsAreReadable_data()
    {
        QTest::addColumn<QString>("colour");
        for (const ProfileColours::Preset &preset : ProfileColours::presets())
            QTest::newRow(qPrintable(preset.label)) << preset.colour;
        QTest::newRow("embedded default") << ConnectionProfile::embeddedDefault().colour;
    }

    void presetsAreReadable()
    {
        // WCAG AA for normal text: 4.5:1 between the name and its badge.
        QFETCH(QString, colour);
        const QColor background(colour);
        const double ratio
            = ProfileColours::contrastRatio(background, ProfileColours::textOn(background));
        QVERIFY2(ratio >= 4.5, qPrintable(QString::number(ratio)));
    }

    void textColourFollowsTheBackground_data()
    {
        QTest::addColumn<QString>("background");
        QTest::addColumn<QColor>("text");
        QTest::newRow("white") << QStringLiteral("#ffffff") << QColor(Qt::black);
        QTest::newRow("black") << QStringLiteral("#000000") << QColor(Qt::white);
        QTest::newRow("amber") << QStringLiteral("#ffb300") << QColor(Qt::black);
        QTest::newRow("red") << QStringLiteral("#c62828") << QColor(Qt::white);
        QTest::newRow("navy") << QStringLiteral("#1a237e") << QColor(Qt::white);
        QTest::newRow("pale yellow") << QStringLiteral("#fff59d") << QColor(Qt::black);
    }

    void textColourFollowsTheBackground()
    {
        QFETCH(QString, background);
        QFETCH(QColor, text);
        QCOMPARE(ProfileColours::textOn(QColor(background)), text);
    }

    void contrastRatioEnds()
    {
        QCOMPARE(qRound(ProfileColours::contrastRatio(Qt::black, Qt::white)), 21);
        QCOMPARE(ProfileColours::contrastRatio(Qt::red, Qt::red), 1.0);
    }

    void paintsTheNameOnTheColour()
    {
        ProfileBadge badge;
        ConnectionProfile p = ConnectionProfile::create(
            QStringLiteral("Production"), QUrl(QStringLiteral("https://q.example")));
        p.colour = QStringLiteral("#c62828");
        badge.setProfile(p);
        badge.resize(badge.sizeHint());
        const QImage image = badge.grab().toImage();
        QCOMPARE(badge.text(), QStringLiteral("Production"));
        QCOMPARE(badge.backgroundColour(), QColor(0xc6, 0x28, 0x28));
        QCOMPARE(badge.textColour(), QColor(Qt::white));
        // Mostly the colour, with the name's white strokes on it.
        QVERIFY(pixelsOf(image, QColor(0xc6, 0x28, 0x28)) > image.width() * image.height() / 2);
        QVERIFY(pixelsOf(image, Qt::white) > 10);
        QVERIFY(!badge.toolTip().contains(QStringLiteral("read-only")));
    }

    void readOnlyShowsTheMarker()
    {
        ProfileBadge badge;
        badge.setProfile(QStringLiteral("Production"), QStringLiteral("#c62828"), false);
        const int plainWidth = badge.sizeHint().width();
        badge.setProfile(QStringLiteral("Production"), QStringLiteral("#c62828"), true);
        QVERIFY(badge.showsReadOnly());
        QVERIFY(badge.sizeHint().width() > plainWidth + 30);
        QVERIFY(badge.toolTip().contains(QStringLiteral("read-only")));
        // The marker is the badge inverted: a white pill with red letters.
        badge.resize(badge.sizeHint());
        const QImage image = badge.grab().toImage();
        const QImage marker
            = image.copy(plainWidth - 8, 0, image.width() - plainWidth, image.height());
        QVERIFY(pixelsOf(marker, Qt::white) > marker.width() * marker.height() / 5);
        // Squeezed, the name is elided but the marker stays whole.
        QVERIFY(badge.minimumSizeHint().width() < badge.sizeHint().width());
        QVERIFY(badge.minimumSizeHint().width() > badge.sizeHint().width() - plainWidth);
    }

    void noColourUsesThePalette_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << lightPalette();
        QTest::newRow("dark") << darkPalette();
    }

    void noColourUsesThePalette()
    {
        QFETCH(QPalette, palette);
        ProfileBadge badge;
        badge.setPalette(palette);
        badge.setProfile(QStringLiteral("Scratch"), QString(), true);
        QCOMPARE(badge.backgroundColour(), palette.color(QPalette::Window));
        QCOMPARE(badge.textColour(), palette.color(QPalette::WindowText));
        QVERIFY(ProfileColours::contrastRatio(badge.backgroundColour(), badge.textColour()) > 7);
        badge.resize(badge.sizeHint());
        const QImage image = badge.grab().toImage();
        QVERIFY(pixelsOf(image, palette.color(QPalette::WindowText)) > 10);
    }

    void clearSaysNotConnected()
    {
        ProfileBadge badge;
        badge.setProfile(QStringLiteral("Production"), QStringLiteral("#c62828"), true);
        badge.clear();
        QCOMPARE(badge.text(), QStringLiteral("Not connected"));
        QVERIFY(!badge.showsReadOnly());
    }
};

QTEST_MAIN(TestProfileBadge)
#include "tst_profilebadge.moc"
