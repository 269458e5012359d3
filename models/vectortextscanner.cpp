#include "vectortextscanner.h"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
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

} // namespace

qsizetype VectorTextScanner::count(std::string_view text)
{
    if (text.size() < 2 || text.front() != '[' || text.back() != ']')
        return -1;
    const char *p = text.data() + 1;
    const char *const end = text.data() + text.size() - 1; // the ']'
    while (p != end && isSpace(*p))
        ++p;
    if (p == end)
        return 0;
    qsizetype components = 0;
    for (;;) {
        if (const int length = plainNumberLength(p, end))
            p += length;
        else if (!scanNumber(p, end))
            return -1;
        ++components;
        while (p != end && isSpace(*p))
            ++p;
        if (p == end)
            return components;
        if (*p != ',')
            return -1;
        ++p;
        while (p != end && isSpace(*p))
            ++p;
    }
}
