// PresentationDialog driven offscreen: the font scale and masked fields a user sets are saved
// on OK (not on Cancel), the application font follows, Restore Defaults clears the form.

#include "presentationdialog.h"
#include "presentationoptions.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

class TestPresentationDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void okSavesScaleAndMaskedFields();
    void cancelChangesNothing();
    void restoreDefaults();

private:
    QTemporaryDir m_settingsDir;
};

void TestPresentationDialog::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("MemoryConsoleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presentationdialog"));
}

void TestPresentationDialog::init()
{
    QSettings().clear();
}

void TestPresentationDialog::okSavesScaleAndMaskedFields()
{
    PresentationOptions options;
    QFont base = QApplication::font();
    base.setPointSizeF(10);
    QApplication::setFont(base);
    PresentationDialog::followFontScale(&options);

    PresentationDialog dialog(&options, {QStringLiteral("customer_id"),
                                         QStringLiteral("customer_feedback"),
                                         QStringLiteral("content")});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.scaleBox()->selectAll();
    QTest::keyClicks(dialog.scaleBox(), QStringLiteral("150"));
    QListWidgetItem *feedback = dialog.fieldList()->findItems(QStringLiteral("customer_feedback"),
                                                              Qt::MatchExactly)
                                    .constFirst();
    const QRect rect = dialog.fieldList()->visualItemRect(feedback);
    // A click on the check box of the row (at its left edge) toggles it.
    QTest::mouseClick(dialog.fieldList()->viewport(), Qt::LeftButton, {},
                      QPoint(rect.left() + rect.height() / 2, rect.center().y()));
    if (feedback->checkState() != Qt::Checked) // styles differ in where the box is
        feedback->setCheckState(Qt::Checked);
    QTest::keyClicks(dialog.otherFieldsEdit(), QStringLiteral("metadata.email, "));
    dialog.grab().save(QStringLiteral("/tmp/presentationdialog.png"));
    QCOMPARE(dialog.chosenFields(), (QStringList{QStringLiteral("customer_feedback"),
                                                 QStringLiteral("metadata.email")}));
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(!dialog.isVisible());

    QCOMPARE(options.fontScale(), 1.5);
    QCOMPARE(options.maskedFields(), (QStringList{QStringLiteral("customer_feedback"),
                                                  QStringLiteral("metadata.email")}));
    QCOMPARE(QApplication::font().pointSizeF(), 15.0);
    QVERIFY(options.isMasked(QStringLiteral("metadata")));
    // Saved: a new options object reads them back.
    PresentationOptions reread;
    QCOMPARE(reread.fontScale(), 1.5);
    QCOMPARE(reread.maskedFields(), options.maskedFields());
    options.setFontScale(1.0);
    QCOMPARE(QApplication::font().pointSizeF(), 10.0);
}

void TestPresentationDialog::cancelChangesNothing()
{
    PresentationOptions options;
    PresentationDialog dialog(&options, {QStringLiteral("content")});
    dialog.show();
    dialog.scaleBox()->setValue(200);
    QTest::keyClicks(dialog.otherFieldsEdit(), QStringLiteral("secret"));
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QCOMPARE(options.fontScale(), 1.0);
    QVERIFY(options.maskedFields().isEmpty());
}

void TestPresentationDialog::restoreDefaults()
{
    PresentationOptions options;
    options.setFontScale(2.0);
    options.setMaskedFields({QStringLiteral("content"), QStringLiteral("other")});
    PresentationDialog dialog(&options, {QStringLiteral("content")});
    dialog.show();
    QCOMPARE(dialog.scaleBox()->value(), 200);
    QCOMPARE(dialog.fieldList()->item(0)->checkState(), Qt::Checked);
    QCOMPARE(dialog.otherFieldsEdit()->text(), QStringLiteral("other"));
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::RestoreDefaults),
                      Qt::LeftButton);
    QCOMPARE(dialog.scaleBox()->value(), 100);
    QVERIFY(dialog.chosenFields().isEmpty());
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(options.fontScale(), 1.0);
    QVERIFY(options.maskedFields().isEmpty());
}

QTEST_MAIN(TestPresentationDialog)
#include "tst_presentationdialog.moc"
