#pragma once

// The shortest round-trip text of a float32, byte for byte what std::to_chars(first, last,
// float) writes with libstdc++, in ~60 % of its time. A 1536-float vector is ~85 % of the CPU an
// upsert costs the client (docs/decisions/0006-float-writer.md). Dragonbox (Debian's
// libdragonbox-dev, by the algorithm's author) finds the same shortest digits as libstdc++'s
// Ryu, faster; the digits are placed with fixed-size copies, in the layout libstdc++ chooses
// (fixed or scientific, whichever is shorter). tst_floattext checks the text against
// std::to_chars; floattext_exhaustive checks all 2^32 bit patterns.

namespace floattext {

/// The longest text write() produces ("-1.17549435e-38", "-0.000123456789").
constexpr int kMaxChars = 15;
/// Bytes from `first` that write() may use: it copies digits in fixed-size blocks, so bytes
/// past the text's end (but before first + kRoom) may be overwritten.
constexpr int kRoom = 32;

/// Writes `value` as std::to_chars(first, first + kRoom, value) would (also "inf", "-nan", …)
/// and returns the end of the text; needs kRoom writable bytes at `first`.
char *write(char *first, float value);

} // namespace floattext
