// floattext::write against std::to_chars(float): the same bytes for special values, subnormals,
// powers of ten and two, the fixed/scientific boundaries, whole numbers above 2^24, and millions
// of random bit patterns. floattext_exhaustive checks all 2^32 (docs/decisions/0006).

#include "floattext.h"
#include "jsontext.h"

#include <QElapsedTimer>
#include <QTest>

#include <charconv>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

namespace {

float fromBits(quint32 bits)
{
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

quint32 toBits(float value)
{
    quint32 bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

QByteArray viaToChars(float value)
{
    char text[64];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return QByteArray(text, result.ptr - text);
}

QByteArray viaFloatText(float value)
{
    char text[floattext::kRoom];
    return QByteArray(text, floattext::write(text, value) - text);
}

/// Empty when both writers agree on `value`, else what differs (for the failure message).
QByteArray mismatch(float value)
{
    char expected[64];
    const char *expectedEnd = std::to_chars(expected, expected + sizeof expected, value).ptr;
    char actual[floattext::kRoom];
    const char *actualEnd = floattext::write(actual, value);
    const qsizetype length = expectedEnd - expected;
    if (actualEnd - actual == length && std::memcmp(expected, actual, size_t(length)) == 0)
        return {};
    return QByteArray::number(toBits(value), 16) + ": to_chars \"" + QByteArray(expected, length)
        + "\", floattext \"" + QByteArray(actual, actualEnd - actual) + '"';
}

/// The value, its sign flipped, and `steps` floats either side of both.
QList<float> withNeighbours(float value, int steps)
{
    QList<float> values;
    for (const float v : {value, -value}) {
        values.append(v);
        float up = v;
        float down = v;
        for (int i = 0; i < steps; ++i) {
            up = std::nextafter(up, std::numeric_limits<float>::infinity());
            down = std::nextafter(down, -std::numeric_limits<float>::infinity());
            values << up << down;
        }
    }
    return values;
}

} // namespace

#define CHECK_SAME(value)                                                                       \
    do {                                                                                        \
        const QByteArray diff = mismatch(value);                                                \
        if (!diff.isEmpty())                                                                    \
            QFAIL(diff.constData());                                                            \
    } while (false)

class TestFloatText : public QObject
{
    Q_OBJECT

private slots:
    void knownTexts_data();
    void knownTexts();
    void specialValues();
    void subnormals();
    void powersOfTen();
    void powersOfTwo();
    void notationBoundaries();
    void wholeNumbers();
    void randomBitPatterns();
    void embeddingValues();
    void staysWithinRoom();
    void jsonArraysUseIt();
};

void TestFloatText::knownTexts_data()
{
    QTest::addColumn<float>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("0.1") << 0.1f << QByteArray("0.1");
    QTest::newRow("embedding") << 0.025371094f << QByteArray("0.025371093");
    QTest::newRow("negative") << -0.5f << QByteArray("-0.5");
    QTest::newRow("below one") << std::nextafter(1.0f, 0.0f) << QByteArray("0.99999994");
    QTest::newRow("above one") << std::nextafter(1.0f, 2.0f) << QByteArray("1.0000001");
    QTest::newRow("1e-04 shorter than 0.0001") << 1e-4f << QByteArray("1e-04");
    QTest::newRow("0.00012 fixed") << 1.2e-4f << QByteArray("0.00012");
    QTest::newRow("1e-05") << 1e-5f << QByteArray("1e-05");
    QTest::newRow("10000 fixed") << 1e4f << QByteArray("10000");
    QTest::newRow("1e+05 shorter") << 1e5f << QByteArray("1e+05");
    QTest::newRow("123456") << 123456.0f << QByteArray("123456");
    QTest::newRow("3300000") << 3.3e6f << QByteArray("3300000");
    QTest::newRow("exact whole, not 123456790") << 123456792.0f << QByteArray("123456792");
    QTest::newRow("2^32 exact") << 4294967296.0f << QByteArray("4294967296");
    QTest::newRow("9e+09") << 9e9f << QByteArray("9e+09");
    QTest::newRow("1e+10") << 1e10f << QByteArray("1e+10");
    QTest::newRow("max") << FLT_MAX << QByteArray("3.4028235e+38");
    QTest::newRow("min normal") << FLT_MIN << QByteArray("1.1754944e-38");
    QTest::newRow("max subnormal") << std::nextafter(FLT_MIN, 0.0f)
                                   << QByteArray("1.1754942e-38");
    QTest::newRow("min subnormal") << FLT_TRUE_MIN << QByteArray("1e-45");
    QTest::newRow("zero") << 0.0f << QByteArray("0");
    QTest::newRow("negative zero") << -0.0f << QByteArray("-0");
    QTest::newRow("infinity") << std::numeric_limits<float>::infinity() << QByteArray("inf");
    QTest::newRow("-infinity") << -std::numeric_limits<float>::infinity() << QByteArray("-inf");
    QTest::newRow("nan") << std::numeric_limits<float>::quiet_NaN() << QByteArray("nan");
}

void TestFloatText::knownTexts()
{
    QFETCH(float, value);
    QFETCH(QByteArray, text);
    QCOMPARE(viaFloatText(value), text);
    QCOMPARE(viaToChars(value), text);
}

void TestFloatText::specialValues()
{
    // Infinities, NaNs with either sign, quiet and signalling, with payloads.
    for (const quint32 bits : {0x00000000U, 0x80000000U, 0x7f800000U, 0xff800000U, 0x7fc00000U,
             0xffc00000U, 0x7f800001U, 0xff800001U, 0x7fbfffffU, 0x7fffffffU, 0xffffffffU,
             0x7f7fffffU, 0xff7fffffU, 0x00800000U, 0x80800000U, 0x3f800000U, 0xbf800000U}) {
        CHECK_SAME(fromBits(bits));
    }
}

void TestFloatText::subnormals()
{
    // The smallest and largest few thousand, then a stride through the other 8 million.
    for (quint32 m = 1; m < 4096; ++m) {
        CHECK_SAME(fromBits(m));
        CHECK_SAME(fromBits(0x80000000U | (0x007fffffU - m + 1)));
    }
    for (quint32 m = 4096; m < 0x00800000U; m += 61)
        CHECK_SAME(fromBits(m));
}

void TestFloatText::powersOfTen()
{
    // The float nearest each 10^k (read by strtof) and 40 floats around it.
    for (int k = -45; k <= 38; ++k) {
        const QByteArray text = "1e" + QByteArray::number(k);
        const float power = std::strtof(text.constData(), nullptr);
        QVERIFY2(power != 0.0f, text.constData());
        for (const float value : withNeighbours(power, 10))
            CHECK_SAME(value);
    }
}

void TestFloatText::powersOfTwo()
{
    for (int k = -149; k <= 127; ++k) {
        for (const float value : withNeighbours(std::ldexp(1.0f, k), 3))
            CHECK_SAME(value);
    }
}

void TestFloatText::notationBoundaries()
{
    // d, dd, ddd, … (1 to 9 digits) times every power of ten: where fixed and scientific
    // notation trade places as the digits and the exponent change.
    for (const char *digits : {"1", "12", "123", "1234", "12345", "123456", "1234567",
             "12345678", "123456789", "9", "99", "999", "9999", "99999", "999999", "9999999",
             "99999999", "999999999", "5", "25", "125", "3333333"}) {
        for (int k = -48; k <= 38; ++k) {
            const QByteArray text = QByteArray(digits) + 'e' + QByteArray::number(k);
            const float value = std::strtof(text.constData(), nullptr);
            if (!std::isfinite(value))
                continue;
            for (const float v : withNeighbours(value, 2))
                CHECK_SAME(v);
        }
    }
}

void TestFloatText::wholeNumbers()
{
    // Small integers, then floats above 2^24 whose exact value (printed in fixed notation) is
    // not the shortest digits followed by zeros.
    for (int i = 0; i <= 200000; ++i)
        CHECK_SAME(float(i));
    // NOLINTNEXTLINE(clang-analyzer-security.FloatLoopCounter): the floats are what is tested
    for (float v = 16777216.0f; v < 1e16f; v = std::nextafter(v * 1.0007f, 2e16f))
        CHECK_SAME(v);
    for (quint32 bits = toBits(16777216.0f); bits < toBits(1e15f); bits += 997)
        CHECK_SAME(fromBits(bits));
}

void TestFloatText::randomBitPatterns()
{
    // At least 2 million patterns, more while under 3 s (16 million on an idle core).
    std::mt19937 rng(20240611);
    QElapsedTimer clock;
    clock.start();
    qint64 checked = 0;
    while (checked < 16'000'000 && (checked < 2'000'000 || clock.elapsed() < 3000)) {
        for (int i = 0; i < 100'000; ++i)
            CHECK_SAME(fromBits(quint32(rng())));
        checked += 100'000;
    }
    qInfo("%lld random bit patterns in %lld ms", static_cast<long long>(checked),
        static_cast<long long>(clock.elapsed()));
}

void TestFloatText::embeddingValues()
{
    // What upserts carry: components of unit vectors, around ±0.025.
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.0f, 0.0255f);
    for (int i = 0; i < 1'000'000; ++i)
        CHECK_SAME(normal(rng));
}

void TestFloatText::staysWithinRoom()
{
    // The text fits kMaxChars, and nothing at or past first + kRoom is touched.
    std::mt19937 rng(99);
    for (int i = 0; i < 200'000; ++i) {
        char buffer[floattext::kRoom + 16];
        std::memset(buffer, 0x5a, sizeof buffer);
        const float value = i < 100'000 ? fromBits(quint32(rng()))
                                        : std::ldexp(1.0f + float(i % 1000) / 1000, i % 300 - 150);
        const char *end = floattext::write(buffer, value);
        QVERIFY(end - buffer <= floattext::kMaxChars);
        for (int k = floattext::kRoom; k < int(sizeof buffer); ++k)
            QCOMPARE(buffer[k], char(0x5a));
    }
    // The longest shapes: nine digits in scientific notation, and below 10^-3 in fixed.
    QCOMPARE(viaFloatText(fromBits(0x83aa242dU)), QByteArray("-1.00000075e-36"));
    QCOMPARE(viaFloatText(fromBits(0xb8d1bc79U)), QByteArray("-0.000100010024"));
}

void TestFloatText::jsonArraysUseIt()
{
    // appendFloats: the same text as to_chars joined by commas, null for what JSON cannot
    // hold, after what the buffer already had.
    const QList<float> values {0.1f, -0.025371094f, 123456792.0f, 1e-5f, FLT_TRUE_MIN,
        std::numeric_limits<float>::quiet_NaN(), -FLT_MAX,
        -std::numeric_limits<float>::infinity(), 0.0f, -0.0f};
    QByteArray expected = "{\"vector\":[";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            expected += ',';
        expected += std::isfinite(values.at(i)) ? viaToChars(values.at(i)) : "null";
    }
    expected += ']';
    QByteArray out = "{\"vector\":";
    jsontext::appendFloats(out, values);
    QCOMPARE(out, expected);
    QCOMPARE(out, QByteArray("{\"vector\":[0.1,-0.025371093,123456792,1e-05,1e-45,null,"
                             "-3.4028235e+38,null,0,-0]"));
    out.clear();
    jsontext::appendFloat(out, 0.3f);
    QCOMPARE(out, QByteArray("0.3"));
}

QTEST_GUILESS_MAIN(TestFloatText)
#include "tst_floattext.moc"
