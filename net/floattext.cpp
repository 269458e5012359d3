#include "floattext.h"

#include <dragonbox/dragonbox.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace floattext {

namespace {

constexpr char kTwoDigits[] = "00010203040506070809101112131415161718192021222324252627282930313233"
                              "34353637383940414243444546474849505152535455565758596061626364656667"
                              "6869707172737475767778798081828384858687888990919293949596979899";

/// The eight decimal digits of x < 10^8 as ASCII, first digit in the first byte: two lanes of
/// four digits, then four of two, then eight of one, each split by a multiply-and-shift (no
/// division, no branch, no table).
std::uint64_t eightDigits(std::uint32_t x)
{
    const std::uint64_t high = x / 10000;
    const std::uint64_t low = x % 10000;
    std::uint64_t v = high | (low << 32);
    // v / 100 in each 32-bit lane: (n * 10486) >> 20 == n / 100 for n < 10^4.
    std::uint64_t q = ((v * 10486) >> 20) & 0x0000007F0000007FULL;
    v = q | ((v - q * 100) << 16);
    // v / 10 in each 16-bit lane: (n * 103) >> 10 == n / 10 for n < 100.
    q = ((v * 103) >> 10) & 0x000F000F000F000FULL;
    v = q | ((v - q * 10) << 8);
    v |= 0x3030303030303030ULL;
    if constexpr (std::endian::native == std::endian::big)
        v = __builtin_bswap64(v);
    return v;
}

/// Decimal digits of v (1 for 0); v < 10^9.
int digitCount(std::uint32_t v)
{
    static constexpr std::uint32_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000,
        10000000, 100000000, 1000000000};
    // bits * 1233 / 4096 is floor(log10(2^bits)) for bits <= 32.
    const int guess = (std::bit_width(v | 1) * 1233) >> 12;
    return guess + (v >= kPow10[guess]);
}

} // namespace

char *write(char *first, float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    if ((bits & 0x7f800000U) == 0x7f800000U) // infinity or NaN: rare, libstdc++ spells them
        return std::to_chars(first, first + kRoom, value).ptr;
    char *p = first;
    *p = '-';
    p += bits >> 31;
    if ((bits & 0x7fffffffU) == 0) {
        *p = '0';
        return p + 1;
    }

    // The shortest digits that read back as `value`, the closest of them to it, ties to even:
    // the same digits Ryu gives libstdc++.
    const auto decimal = jkj::dragonbox::to_decimal(value, jkj::dragonbox::policy::sign::ignore);
    const std::uint32_t significand = decimal.significand;
    const int exponent = decimal.exponent; // value = significand * 10^exponent
    const int length = digitCount(significand);

    // libstdc++ (floating_to_chars.cc) prints fixed notation when it is not longer than
    // scientific, i.e. for exponents in [-(length + 3), 5], one narrower on both sides for a
    // single digit (scientific then has no decimal point).
    int lower = -(length + 3);
    int upper = 5;
    if (length == 1) {
        ++lower;
        --upper;
    }
    if (exponent >= 0 && exponent <= upper) {
        // A whole number printed "as if by printf": its exact value, which for floats above
        // 2^24 is not the shortest digits followed by zeros (123456792, not 123456790). Such a
        // float is an integer below 10^15, so the conversion is exact.
        return std::to_chars(p, first + kRoom, std::uint64_t(std::fabs(value))).ptr;
    }

    // The digits right-aligned in 12 characters with leading zeros, then zero bytes: every
    // layout below is then a fixed-size copy from the right offset.
    char digits[32] = {};
    std::memcpy(digits, "000", 3);
    digits[3] = char('0' + significand / 100000000);
    const std::uint64_t eight = eightDigits(significand % 100000000);
    std::memcpy(digits + 4, &eight, sizeof eight);
    const char *const lead = digits + 12 - length;

    if (exponent < lower || exponent > upper) {
        // d[.ddd]e±dd (a float's decimal exponent has at most two digits).
        p[0] = lead[0];
        if (length > 1) {
            p[1] = '.';
            std::memcpy(p + 2, lead + 1, 8);
            p += length + 1;
        } else {
            p += 1;
        }
        int scientific = exponent + length - 1;
        p[0] = 'e';
        p[1] = scientific < 0 ? '-' : '+';
        scientific = scientific < 0 ? -scientific : scientific;
        std::memcpy(p + 2, kTwoDigits + 2 * scientific, 2);
        return p + 4;
    }

    const int fraction = -exponent; // 1 ..= length + 3
    if (length <= fraction) {
        // 0.[zeros]digits: the last `fraction` of the zero-padded 12.
        p[0] = '0';
        p[1] = '.';
        std::memcpy(p + 2, digits + 12 - fraction, 16);
        return p + 2 + fraction;
    }
    // whole.fraction
    const int whole = length - fraction;
    std::memcpy(p, lead, 16);
    p[whole] = '.';
    std::memcpy(p + whole + 1, digits + 12 - fraction, 8);
    return p + length + 1;
}

} // namespace floattext
