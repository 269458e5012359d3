// VectorTextScanner: which vector texts the import sends without converting a number. Every
// accepted text must be a JSON array of numbers that simdjson parses to finite floats with the
// same count; everything else must be refused (-1) so the full parse names the problem.

#include "vectortextscanner.h"

#include <QTest>

#include <simdjson.h>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace {

/// What simdjson makes of text: the count of numbers within float range, or -1.
qsizetype simdjsonCount(const QByteArray &text)
{
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(text.constData(), size_t(text.size())).get(root) != simdjson::SUCCESS)
        return -1;
    simdjson::dom::array array;
    if (root.get_array().get(array) != simdjson::SUCCESS)
        return -1;
    qsizetype count = 0;
    for (simdjson::dom::element item : array) {
        double value = 0;
        if (item.get_double().get(value) != simdjson::SUCCESS
            || std::fabs(value) > double(std::numeric_limits<float>::max()))
            return -1;
        ++count;
    }
    return count;
}

/// VectorTextScanner::count of text, which must agree with the number-by-number scan alone
/// and with the 64-byte check's 16-byte loads (a disagreement fails the test with the text).
qsizetype countEveryWay(const QByteArray &text)
{
    const std::string_view view(text.constData(), size_t(text.size()));
    const qsizetype count = VectorTextScanner::count(view);
    if (VectorTextScanner::count(view, VectorTextScanner::Blocks::None) != count)
        throw std::runtime_error("the 64-byte check disagrees on " + text.toStdString());
    if (VectorTextScanner::count(view, VectorTextScanner::Blocks::Sse2) != count)
        throw std::runtime_error("the 16- and 32-byte loads disagree on " + text.toStdString());
    return count;
}

} // namespace

class TestVectorTextScanner : public QObject
{
    Q_OBJECT

private slots:
    void counts_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("count"); // -1: refused
        QTest::newRow("empty") << QByteArray("[]") << 0;
        QTest::newRow("empty, spaced") << QByteArray("[ \t\r\n]") << 0;
        QTest::newRow("one") << QByteArray("[1]") << 1;
        QTest::newRow("mixed forms")
            << QByteArray("[0,-0,0.5,-1e-3,1E+2,2e-0,3.25E1,-7.5e-45,123456.789]") << 9;
        QTest::newRow("white space") << QByteArray("[ 1 ,\n2\t,\r\n 3 ]") << 3;
        QTest::newRow("tiny") << QByteArray("[1e-400,0.0000001e-60]") << 2;
        QTest::newRow("zero, huge exponent") << QByteArray("[0e999999999999,0.000e400]") << 2;
        QTest::newRow("just under 1e38") << QByteArray("[9.99e37,-9999999999999999999999999999999999999.9]") << 2;
        QTest::newRow("18-digit integer") << QByteArray("[-999999999999999999,123456789012345678]") << 2;
        QTest::newRow("19-digit integer (left to the full parse)") << QByteArray("[1234567890123456789]") << -1;
        QTest::newRow("integer beyond 64 bits") << QByteArray("[12345678901234567890123]") << -1;
        QTest::newRow("long fraction") << QByteArray("[0.12345678901234567890123456789,1.00000000000000000000000000001e10]") << 2;
        QTest::newRow("leading zeros in the exponent") << QByteArray("[1e007]") << 1;
        QTest::newRow("1e38 (left to the full parse)") << QByteArray("[1e38]") << -1;
        QTest::newRow("FLT_MAX (left to the full parse)") << QByteArray("[3.4028234e38]") << -1;
        QTest::newRow("0.1e39") << QByteArray("[0.1e39]") << -1;
        QTest::newRow("0.01e39") << QByteArray("[0.01e39]") << 1;
        QTest::newRow("1e999") << QByteArray("[1e999]") << -1;
        QTest::newRow("leading zero") << QByteArray("[01]") << -1;
        QTest::newRow("bare point") << QByteArray("[1.]") << -1;
        QTest::newRow("point first") << QByteArray("[.5]") << -1;
        QTest::newRow("plus") << QByteArray("[+1]") << -1;
        QTest::newRow("minus alone") << QByteArray("[-]") << -1;
        QTest::newRow("exponent without digits") << QByteArray("[1e]") << -1;
        QTest::newRow("exponent sign only") << QByteArray("[1e+]") << -1;
        QTest::newRow("trailing comma") << QByteArray("[1,2,]") << -1;
        QTest::newRow("leading comma") << QByteArray("[,1]") << -1;
        QTest::newRow("two commas") << QByteArray("[1,,2]") << -1;
        QTest::newRow("no comma") << QByteArray("[1 2]") << -1;
        QTest::newRow("NaN") << QByteArray("[NaN]") << -1;
        QTest::newRow("Infinity") << QByteArray("[-Infinity]") << -1;
        QTest::newRow("string") << QByteArray("[\"1\"]") << -1;
        QTest::newRow("null") << QByteArray("[null]") << -1;
        QTest::newRow("nested") << QByteArray("[[1]]") << -1;
        QTest::newRow("unclosed") << QByteArray("[1,2") << -1;
        QTest::newRow("not an array") << QByteArray("{\"a\":1}") << -1;
        QTest::newRow("hex") << QByteArray("[0x10]") << -1;
        QTest::newRow("form feed") << QByteArray("[1,\f2]") << -1;
        QTest::newRow("outer space (trimmed by the caller)") << QByteArray(" [1]") << -1;
    }
    void counts()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, count);
        QCOMPARE(countEveryWay(text),
                 qsizetype(count));
        // Whatever is accepted, simdjson reads as that many numbers within float range.
        if (count >= 0)
            QCOMPARE(simdjsonCount(text), qsizetype(count));
    }

    void acceptsOnlyWhatSimdjsonAccepts()
    {
        // Every short text over a small alphabet: nothing accepted that simdjson refuses or
        // counts differently.
        const QByteArray alphabet("0159.-+eE, ");
        int accepted = 0;
        QByteArray text;
        const auto check = [&](const QByteArray &inner) {
            text = '[' + inner + ']';
            const qsizetype ours
                = countEveryWay(text);
            if (ours < 0)
                return true;
            ++accepted;
            return simdjsonCount(text) == ours;
        };
        QList<QByteArray> level{QByteArray()};
        for (int length = 1; length <= 5; ++length) {
            QList<QByteArray> next;
            for (const QByteArray &prefix : std::as_const(level)) {
                for (char c : alphabet) {
                    const QByteArray inner = prefix + c;
                    QVERIFY2(check(inner), inner.constData());
                    next.append(inner);
                }
            }
            level = next;
        }
        QVERIFY(accepted > 1000); // the walk reached real numbers, not only refusals
    }

    void randomNumbersAgreeWithSimdjson()
    {
        // Long and odd numbers, as texts of JSON-like pieces: what the scanner accepts,
        // simdjson accepts with the same count.
        std::mt19937 random(20261122);
        const auto digits = [&](int most) {
            QByteArray out;
            const int n = int(random() % unsigned(most)) + 1;
            for (int i = 0; i < n; ++i)
                out += char('0' + random() % 10);
            return out;
        };
        int accepted = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray text = "[";
            const int components = int(random() % 4) + 1;
            for (int c = 0; c < components; ++c) {
                if (c)
                    text += ',';
                if (random() % 2)
                    text += '-';
                text += digits(25);
                if (random() % 2)
                    text += '.' + digits(30);
                if (random() % 2)
                    text += (random() % 2 ? "e" : "E") + QByteArray(random() % 2 ? "-" : "")
                            + digits(3);
            }
            text += ']';
            const qsizetype ours
                = countEveryWay(text);
            if (ours < 0)
                continue;
            ++accepted;
            QVERIFY2(simdjsonCount(text) == ours, text.constData());
        }
        QVERIFY(accepted > 1000);
    }

    void longArraysWithAFlawAgreeWithSimdjson()
    {
        // Arrays long enough to be read 64 bytes at a time, as files write them (compact,
        // ", ", one number a line), each also with one byte changed, inserted or removed: the
        // whole array is accepted with its count, and a changed one is either refused or
        // what simdjson reads.
        std::mt19937 random(20261123);
        const QList<QByteArray> separators{",", ", ", ",\n    ", " , ", ",\r\n\t"};
        const QByteArray flaws("0159.-+eE, \t\n\r[]x\x01\xc3");
        int refused = 0;
        for (int round = 0; round < 20000; ++round) {
            const QByteArray &separator = separators.at(int(random() % separators.size()));
            const int components = int(random() % 40) + 5;
            QByteArray text = "[";
            for (int c = 0; c < components; ++c) {
                if (c)
                    text += separator;
                if (random() % 2)
                    text += '-';
                text += QByteArray::number(int(random() % 3 ? 0 : random() % 1000));
                if (random() % 4)
                    text += '.' + QByteArray::number(random() % 100000000).rightJustified(8, '0');
            }
            text += ']';
            const auto count = [](const QByteArray &array) {
                return countEveryWay(array);
            };
            QVERIFY2(count(text) == components, text.constData());

            const qsizetype at = qsizetype(random() % unsigned(text.size() - 2)) + 1;
            const char flaw = flaws.at(qsizetype(random() % unsigned(flaws.size())));
            switch (random() % 3) {
            case 0:
                text[at] = flaw;
                break;
            case 1:
                text.insert(at, flaw);
                break;
            default:
                text.remove(at, 1);
            }
            const qsizetype ours = count(text);
            refused += ours < 0;
            QVERIFY2(ours < 0 || simdjsonCount(text) == ours, text.constData());
        }
        QVERIFY(refused > 5000); // most flaws break the array, and were seen to
    }
};

QTEST_GUILESS_MAIN(TestVectorTextScanner)
#include "tst_vectortextscanner.moc"
