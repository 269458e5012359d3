#pragma once

// The shortest round-trip text of a float32, byte for byte what std::to_chars(first, last,
// float) writes with libstdc++, at about half its cost. A 1536-float vector is ~85 % of the CPU
// an upsert costs the client, and libstdc++'s to_chars spends most of its ~31 ns per float in
// its generic wrapper around Ryu (docs/decisions/0006-float-writer.md): here Dragonbox (Debian's
// libdragonbox-dev, by the algorithm's author) finds the same shortest digits, and the layout
// (fixed or scientific, whichever is shorter) follows libstdc++'s rules exactly. tst_floattext
// checks the text against std::to_chars; floattext_exhaustive checks all 2^32 bit patterns.

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
