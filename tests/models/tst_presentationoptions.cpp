// PresentationOptions: persisted in QSettings, clamped, changed() only on a change; which keys
// a masked field hides; and the points table's cells (PointCellText, PointsModel) masked.

#include "pointcelltext.h"
#include "presentationoptions.h"

#include <QJsonArray>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestPresentationOptions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void defaults();
    void persistsAndAnnounces();
    void scaleIsClamped();
    void fieldsAreNormalised();
    void isMaskedBy_data();
    void isMaskedBy();
    void scaledFont();
    void cellTextIsMasked();

private:
    QTemporaryDir m_settingsDir;
};

void TestPresentationOptions::initTestCase()
{
    // Settings of this test only, never the user's.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsoleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presentationoptions"));
}

void TestPresentationOptions::init()
{
    QSettings().clear();
}

void TestPresentationOptions::defaults()
{
    PresentationOptions options;
    QCOMPARE(options.fontScale(), 1.0);
    QVERIFY(options.maskedFields().isEmpty());
    QVERIFY(!options.isMasked(QStringLiteral("customer_id")));
}

void TestPresentationOptions::persistsAndAnnounces()
{
    {
        PresentationOptions options;
        QSignalSpy changed(&options, &PresentationOptions::changed);
        options.setFontScale(1.5);
        options.setMaskedFields({QStringLiteral("customer_feedback")});
        QCOMPARE(changed.size(), 2);
        options.setFontScale(1.5); // no change, no signal
        options.setMaskedFields({QStringLiteral(" customer_feedback ")});
        QCOMPARE(changed.size(), 2);
    }
    PresentationOptions reread;
    QCOMPARE(reread.fontScale(), 1.5);
    QCOMPARE(reread.maskedFields(), QStringList{QStringLiteral("customer_feedback")});
}

void TestPresentationOptions::scaleIsClamped()
{
    PresentationOptions options;
    options.setFontScale(10);
    QCOMPARE(options.fontScale(), PresentationOptions::MaxFontScale);
    options.setFontScale(0.1);
    QCOMPARE(options.fontScale(), PresentationOptions::MinFontScale);
    options.setFontScale(std::numeric_limits<double>::quiet_NaN());
    QCOMPARE(options.fontScale(), 1.0);
}

void TestPresentationOptions::fieldsAreNormalised()
{
    PresentationOptions options;
    options.setMaskedFields({QStringLiteral("b"), QString(), QStringLiteral(" a"),
                             QStringLiteral("b")});
    QCOMPARE(options.maskedFields(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TestPresentationOptions::isMaskedBy_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<bool>("masked");
    const QStringList fields{QStringLiteral("customer_feedback"),
                             QStringLiteral("metadata.email")};
    QTest::newRow("same") << QStringLiteral("customer_feedback") << fields << true;
    QTest::newRow("other") << QStringLiteral("content") << fields << false;
    QTest::newRow("prefix of a name") << QStringLiteral("customer") << fields << false;
    QTest::newRow("longer name") << QStringLiteral("customer_feedback2") << fields << false;
    QTest::newRow("path inside") << QStringLiteral("customer_feedback.text") << fields << true;
    QTest::newRow("object holding it") << QStringLiteral("metadata") << fields << true;
    QTest::newRow("sibling path") << QStringLiteral("metadata.name") << fields << false;
    QTest::newRow("nothing masked") << QStringLiteral("content") << QStringList() << false;
}

void TestPresentationOptions::isMaskedBy()
{
    QFETCH(QString, key);
    QFETCH(QStringList, fields);
    QFETCH(bool, masked);
    QCOMPARE(PresentationOptions::isMaskedBy(key, fields), masked);
}

void TestPresentationOptions::scaledFont()
{
    PresentationOptions options;
    options.setFontScale(1.5);
    QFont points;
    points.setPointSizeF(10);
    QCOMPARE(options.scaledFont(points).pointSizeF(), 15.0);
    QFont pixels;
    pixels.setPixelSize(12);
    QCOMPARE(options.scaledFont(pixels).pixelSize(), 18);
}

void TestPresentationOptions::cellTextIsMasked()
{
    const QStringList fields{QStringLiteral("customer_feedback")};
    const QString mask = PresentationOptions::maskText();
    QCOMPARE(mask, QStringLiteral("\u2022\u2022\u2022\u2022\u2022"));
    QCOMPARE(PointCellText::display(QJsonValue(QStringLiteral("secret")),
                                    QStringLiteral("customer_feedback"), fields),
             mask);
    QCOMPARE(PointCellText::display(QJsonValue(42), QStringLiteral("customer_feedback"), fields),
             mask);
    // A missing value stays empty; other keys show their value.
    QCOMPARE(PointCellText::display(QJsonValue(QJsonValue::Undefined),
                                    QStringLiteral("customer_feedback"), fields),
             QString());
    QCOMPARE(PointCellText::display(QJsonValue(QStringLiteral("visible")),
                                    QStringLiteral("content"), fields),
             QStringLiteral("visible"));
}

QTEST_GUILESS_MAIN(TestPresentationOptions)
#include "tst_presentationoptions.moc"
