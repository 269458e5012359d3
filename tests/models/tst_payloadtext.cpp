// PayloadText: the raw-JSON mode's text and where a typing error is.
#include "payloadtext.h"

#include <QJsonArray>
#include <QtTest>

class TestPayloadText : public QObject
{
    Q_OBJECT

private slots:
    void formatReadsBack()
    {
        const QJsonObject payload {{QStringLiteral("a"), 1},
            {QStringLiteral("b"), QJsonArray{QStringLiteral("é"), true}},
            {QStringLiteral("c"), QJsonObject{{QStringLiteral("d"), 0.5}}}};
        const QString text = PayloadText::format(payload);
        QVERIFY(text.contains(QLatin1Char('\n')));
        const PayloadTextParse parsed = PayloadText::parse(text);
        QVERIFY2(parsed.payload.has_value(), qPrintable(parsed.message));
        QCOMPARE(*parsed.payload, payload);
        QVERIFY(parsed.message.isEmpty());
    }

    void errorsSayWhere_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing comma")
            << QStringLiteral("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 3
            << QStringLiteral("Line 3, column 3: unterminated object");
        QTest::newRow("after non-ASCII text")
            << QStringLiteral("{\"é\": \"ü\" x}") << 1 << 11
            << QStringLiteral("Line 1, column 11: unterminated object");
        QTest::newRow("misspelt literal")
            << QStringLiteral("{\n\"a\": tru\n}") << 2 << 9 // where the word ends
            << QStringLiteral("Line 2, column 9: illegal value");
        QTest::newRow("unterminated string")
            << QStringLiteral("{\"a\": \"x") << 1 << 8
            << QStringLiteral("Line 1, column 8: unterminated string");
        QTest::newRow("not an object") << QStringLiteral("[1, 2]") << 1 << 1
                                       << QStringLiteral("A payload is a JSON object: "
                                                         "{\"key\": value, ...}.");
        QTest::newRow("repeated key")
            << QStringLiteral("{\n \"a\": {\"x\": 1},\n \"b\": {\"x\": 2},\n \"a\": 3\n}") << 4 << 2
            << QString::fromUtf8("Line 4, column 2: the key “a” appears twice in one object.");
        QTest::newRow("repeated nested key")
            << QStringLiteral("{\"o\": {\"k\": \"{\", \"k\" : 2}}") << 1 << 18
            << QString::fromUtf8("Line 1, column 18: the key “k” appears twice in one object.");
    }

    void errorsSayWhere()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const PayloadTextParse parsed = PayloadText::parse(text);
        QVERIFY(!parsed.payload);
        QCOMPARE(parsed.message, message);
        QCOMPARE(parsed.line, line);
        QCOMPARE(parsed.column, column);
        QVERIFY(parsed.position >= 0 && parsed.position <= text.size());
    }

    void sameKeyInDifferentObjectsIsFine()
    {
        const PayloadTextParse parsed = PayloadText::parse(
            QStringLiteral("{\"a\": {\"k\": 1}, \"b\": [{\"k\": 1}, {\"k\": 2}], \"k\": \"a\"}"));
        QVERIFY2(parsed.payload.has_value(), qPrintable(parsed.message));
    }
};

QTEST_GUILESS_MAIN(TestPayloadText)
#include "tst_payloadtext.moc"
