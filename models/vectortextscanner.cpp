#include "vectortextscanner.h"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// One JSON number from p (before end); p moves past it. False when p is not at a number, its
/// magnitude may reach 1e38, or it is an integer of 19 digits or more.
bool scanNumber(const char *&p, const char *end)
{
    if (p != end && *p == '-')
        ++p;
    if (p == end || !isDigit(*p))
        return false;
    // The decimal exponent of the first significant digit, before the written exponent:
    // 123.4 -> 2, 0.05 -> -2. No significant digit: the number is zero, any exponent is fine.
    int magnitude = 0;
    bool significant = false;
    bool integer = true;
    if (*p == '0') {
        ++p;
    } else {
        significant = true;
        while (p != end && isDigit(*p)) {
            ++magnitude;
            ++p;
        }
        --magnitude;
    }
    if (p != end && *p == '.') {
        integer = false;
        ++p;
        if (p == end || !isDigit(*p))
            return false;
        int position = 0;
        while (p != end && isDigit(*p)) {
            ++position;
            if (!significant && *p != '0') {
                significant = true;
                magnitude = -position;
            }
            ++p;
        }
    }
    int exponent = 0;
    if (p != end && (*p == 'e' || *p == 'E')) {
        integer = false;
        ++p;
        bool negative = false;
        if (p != end && (*p == '+' || *p == '-')) {
            negative = *p == '-';
            ++p;
        }
        if (p == end || !isDigit(*p))
            return false;
        while (p != end && isDigit(*p)) {
            // Capped: past 10^5 the answer no longer changes, and the sum cannot overflow.
            if (exponent < 100000)
                exponent = exponent * 10 + (*p - '0');
            ++p;
        }
        if (negative)
            exponent = -exponent;
    }
    // simdjson refuses an integer beyond 64 bits; from 19 digits on, let it decide.
    if (integer)
        return magnitude < 18;
    // Below 10^(magnitude + exponent + 1): under 1e38 when that exponent is at most 37.
    return !significant || magnitude + exponent <= 37;
}

/// The length of the plain number at p (an optional minus, digits, at most one '.' between
/// digits, no leading zero, fewer than 16 bytes up to the next separator), checked on 16 bytes
/// at once with no branch on the data; 0 when the token is anything else, left to scanNumber
/// (an exponent, a long number, a mistake). end is the closing ']', readable. Embedding files
/// are almost all plain numbers; scanning them a byte at a time cost more than simdjson's
/// parse (a mispredicted branch at each number's sign, leading zeros and end).
int plainNumberLength(const char *p, const char *end)
{
#if defined(__SSE2__)
    alignas(16) char tail[16] = {};
    const char *block = p;
    if (end - p < 16) {
        std::memcpy(tail, p, size_t(end - p) + 1);
        block = tail;
    }
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(block));
    const auto is = [bytes](char c) {
        return unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(c))));
    };
    const __m128i fromZero = _mm_sub_epi8(bytes, _mm_set1_epi8('0'));
    const unsigned digits = unsigned(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_min_epu8(fromZero, _mm_set1_epi8(9)), fromZero)));
    // White space, and (harmlessly) any control byte: the caller refuses what is not JSON's.
    const unsigned blank = unsigned(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(' ')), bytes)));
    const unsigned separators = is(',') | is(']') | blank;
    if (separators == 0)
        return 0;
    const int length = std::countr_zero(separators);
    const unsigned token = (1u << length) - 1;
    const unsigned minus = is('-') & token;
    const unsigned dot = is('.') & token;
    const unsigned digit = digits & token;
    const unsigned first = minus & 1u; // where the first digit must be
    const bool plain = (minus | dot | digit) == token && (minus & ~1u) == 0
                       && (digit >> first & 1u) != 0 && (dot & (dot - 1)) == 0
                       && (dot & ~(digit << 1)) == 0 && (dot & ~(digit >> 1)) == 0
                       // 0 first is followed by '.' or nothing
                       && ((is('0') >> first & 1u) == 0 || (digit >> (first + 1) & 1u) == 0);
    return plain ? length : 0;
#else
    Q_UNUSED(p);
    Q_UNUSED(end);
    return 0;
#endif
}

/// A run of plain numbers found 64 bytes at a time: how many bytes (up to and including the
/// last comma of the block) and how many numbers they hold; both 0 when the block holds
/// anything else, which the number-by-number scan then decides.
struct PlainRun
{
    int bytes = 0;
    int numbers = 0;
};

#if defined(__SSE2__)
/// Bit i set where byte i of the 64 bytes at p is in a class.
struct ByteClasses
{
    quint64 digit = 0;
    quint64 zero = 0;
    quint64 minus = 0;
    quint64 dot = 0;
    quint64 comma = 0;
    quint64 blank = 0; ///< JSON white space
};

ByteClasses classify(const char *p)
{
    ByteClasses classes;
    for (int part = 0; part < 4; ++part) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * part));
        const auto bits = [part](__m128i matches) {
            return quint64(unsigned(_mm_movemask_epi8(matches))) << (16 * part);
        };
        const auto is = [&](char c) { return bits(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(c))); };
        const __m128i fromZero = _mm_sub_epi8(bytes, _mm_set1_epi8('0'));
        classes.digit |= bits(_mm_cmpeq_epi8(_mm_min_epu8(fromZero, _mm_set1_epi8(9)), fromZero));
        classes.zero |= is('0');
        classes.minus |= is('-');
        classes.dot |= is('.');
        classes.comma |= is(',');
        // A space or any control byte; the rare control bytes are told apart below.
        const quint64 low = bits(_mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(' ')), bytes));
        const quint64 space = is(' ');
        classes.blank |= low == space ? space : space | (low & (is('\t') | is('\n') | is('\r')));
    }
    return classes;
}

/// std::popcount is a call into libgcc on baseline x86-64 (no POPCNT): 1.4 % of the reader.
int bitCount(quint64 x)
{
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return int((x * 0x0101010101010101u) >> 56);
}

/// For each bit of from (each the first byte of a run of white space, or not white space),
/// the first byte at or after it that is not white space.
quint64 pastBlanks(quint64 from, quint64 blank)
{
    return ((blank + (from & blank)) & ~blank) | (from & ~blank);
}
#endif

/// The plain numbers (as plainNumberLength() takes them) and their separators in the 64 bytes
/// at p, up to the block's last comma, checked with bit operations on the whole block: p is
/// just after the array's '[' or a comma. This is what makes the scan cheaper than simdjson's
/// parse: a row of 1536 numbers is some 300 blocks instead of 1536 separate checks.
#if defined(__SSE2__)
PlainRun plainRunOf(const ByteClasses &c)
{
    if (c.comma == 0)
        return {};
    const int length = 64 - std::countl_zero(c.comma);
    const quint64 unit = length == 64 ? ~quint64(0) : (quint64(1) << length) - 1;
    const quint64 digit = c.digit & unit;
    const quint64 minus = c.minus & unit;
    const quint64 dot = c.dot & unit;
    const quint64 comma = c.comma & unit;
    const quint64 blank = c.blank & unit;
    const quint64 number = digit | minus | dot;
    const quint64 starts = number & ~(number << 1);
    const quint64 ends = number & ~(number >> 1);
    // Past white space, a number at the start and after each comma but the last, a comma
    // after each number: every byte but white space is on that chain, so any other byte
    // (an exponent, a quote, a control byte) breaks it.
    bool plain = (pastBlanks(1, blank) & starts) != 0
                 && (pastBlanks(ends << 1, blank) & ~comma) == 0
                 && (pastBlanks((comma << 1) & unit, blank) & ~starts) == 0;
    // Each number: a minus only first and before a digit, no leading zero, a dot only between
    // digits and at most one (the digits after a dot end on something else than a dot).
    const quint64 firstDigits = (starts & digit) | (minus << 1);
    plain = plain && (minus & ~starts) == 0 && ((minus << 1) & ~digit) == 0
            && (((firstDigits & c.zero) << 1) & digit) == 0 && (dot & ~(digit << 1)) == 0
            && ((dot << 1) & ~digit) == 0 && (((digit + (dot << 1)) & ~digit) & dot) == 0;
    // Each shorter than 16 bytes (so far from a float's range and from 18-digit integers).
    quint64 run = number;
    for (int shift = 1; shift < 16; shift *= 2)
        run &= run >> shift;
    if (!plain || run != 0)
        return {};
    return {length, bitCount(starts)};
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
// The same classes from two 32-byte loads where the processor has AVX2 (chosen at run time:
// the build is for any x86-64). The scan is most of what reading an embedding row costs.
__attribute__((target("avx2"))) quint64 maskAt(__m256i matches, int half)
{
    return quint64(unsigned(_mm256_movemask_epi8(matches))) << (32 * half);
}

__attribute__((target("avx2"))) quint64 equalAt(__m256i bytes, char c, int half)
{
    return maskAt(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8(c)), half);
}

__attribute__((target("avx2"))) PlainRun plainRunAvx2(const char *p)
{
    ByteClasses classes;
    for (int half = 0; half < 2; ++half) {
        const __m256i bytes
            = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + 32 * half));
        const __m256i fromZero = _mm256_sub_epi8(bytes, _mm256_set1_epi8('0'));
        classes.digit |= maskAt(
            _mm256_cmpeq_epi8(_mm256_min_epu8(fromZero, _mm256_set1_epi8(9)), fromZero), half);
        classes.zero |= equalAt(bytes, '0', half);
        classes.minus |= equalAt(bytes, '-', half);
        classes.dot |= equalAt(bytes, '.', half);
        classes.comma |= equalAt(bytes, ',', half);
        const quint64 low = maskAt(
            _mm256_cmpeq_epi8(_mm256_min_epu8(bytes, _mm256_set1_epi8(' ')), bytes), half);
        const quint64 space = equalAt(bytes, ' ', half);
        classes.blank |= space;
        if (low != space) { // a control byte: only tab, newline and return are white space
            classes.blank |= low
                & (equalAt(bytes, '\t', half) | equalAt(bytes, '\n', half)
                   | equalAt(bytes, '\r', half));
        }
    }
    return plainRunOf(classes);
}
#endif

PlainRun plainRun(const char *p, bool wide)
{
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool avx2 = __builtin_cpu_supports("avx2");
    if (wide && avx2)
        return plainRunAvx2(p);
#else
    Q_UNUSED(wide);
#endif
#if defined(__SSE2__)
    return plainRunOf(classify(p));
#else
    Q_UNUSED(p);
    return {};
#endif
}

} // namespace

qsizetype VectorTextScanner::count(std::string_view text)
{
    return count(text, Blocks::Best);
}

qsizetype VectorTextScanner::count(std::string_view text, Blocks blocks)
{
    if (text.size() < 2 || text.back() != ']')
        return -1;
    const char *close = nullptr;
    const qsizetype components = countFrom(text.data(), &text.back(), close, blocks);
    return close == &text.back() ? components : -1;
}

qsizetype VectorTextScanner::countFrom(const char *open, const char *last, const char *&close,
                                       Blocks blocks)
{
    close = nullptr;
    if (open >= last || *open != '[')
        return -1;
    const char *p = open + 1;
    // `last` is the last byte that may be read (count()'s ']'); p never moves past it.
    const char *const end = last;
    const auto skipBlanks = [&p, end] {
        while (p != end && VectorTextScanner::isBlank(*p))
            ++p;
    };
    skipBlanks();
    if (*p == ']') {
        close = p;
        return 0;
    }
    qsizetype components = 0;
    for (;;) {
        // p is just after the '[' or a comma.
        if (blocks != Blocks::None && end - p >= 64) {
            if (const PlainRun run = plainRun(p, blocks == Blocks::Best); run.bytes != 0) {
                p += run.bytes;
                components += run.numbers;
                continue;
            }
        }
        skipBlanks();
        if (const int length = plainNumberLength(p, end))
            p += length;
        else if (!scanNumber(p, end))
            return -1;
        ++components;
        skipBlanks();
        if (*p == ']') {
            close = p;
            return components;
        }
        if (p == end || *p != ',')
            return -1;
        ++p;
    }
}
