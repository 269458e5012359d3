#pragma once

#include <QtGlobal>

#include <string_view>

/// Checks a vector's JSON text without converting its numbers: a JSON array of JSON numbers
/// (RFC 8259 grammar, JSON white space) each clearly within the range of a float. This is what
/// the import needs to send the text as it is (ImportJsonRow): the count for the dimension
/// check and the certainty that the server parses every number to a finite float. Parsing
/// 1536 numbers to doubles only to check them cost the import a third of its CPU (decision
/// 0008). Anything it does not accept (a malformed array, NaN, a string, a number that may be
/// near or beyond FLT_MAX) goes to the full parse, which gives the precise reason.
class VectorTextScanner final
{
public:
    /// The number of components of text ('[' to ']', no surrounding white space), or -1 when
    /// the text is not accepted. Accepted numbers are below 1e38 in magnitude (FLT_MAX is
    /// 3.4e38); smaller than a float can hold is accepted and becomes 0 or a denormal, as the
    /// full parse would make it. Integers of 19 digits or more are not accepted (simdjson
    /// refuses those beyond 64 bits).
    static qsizetype count(std::string_view text);

    /// JSON's white space (RFC 8259): space, tab, newline, carriage return. The import's other
    /// JSON walks (FlatRowVectors, ImportJsonRow) use it too.
    static bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    /// How count() goes through the numbers; every way gives the same answer (the tests and
    /// the fuzz target compare them).
    enum class Blocks {
        None, ///< number by number only
        Sse2, ///< runs of plain numbers checked 64 bytes at a time, 16 bytes a load
        Best, ///< the same with 32-byte loads where the processor has AVX2
    };
    static qsizetype count(std::string_view text, Blocks blocks);

    /// The same check of the array that starts at `open` ('[') and ends at the first ']' that
    /// can end it, found on the way (close points at it; nullptr when the text is refused):
    /// how the import finds a vector's end in a row without a separate walk over its bytes.
    /// Reads nothing past `last` (the last readable byte, which may be that ']').
    static qsizetype countFrom(const char *open, const char *last, const char *&close,
                               Blocks blocks = Blocks::Best);
};
