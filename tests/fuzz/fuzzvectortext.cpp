#include "fuzzvectortext.h"

#include "fuzzcheck.h"
#include "vectortextscanner.h"

#include <simdjson.h>

#include <cmath>
#include <limits>
#include <string_view>

void fuzzVectorText(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const qsizetype count = VectorTextScanner::count(text);
    fuzzCheck(VectorTextScanner::count(text, VectorTextScanner::Blocks::None) == count,
              "the 64-byte check and the number-by-number scan disagree");
    fuzzCheck(VectorTextScanner::count(text, VectorTextScanner::Blocks::Sse2) == count,
              "the 16-byte and the 32-byte loads of the 64-byte check disagree");
    if (count < 0)
        return;
    simdjson::dom::parser parser;
    simdjson::dom::array array;
    fuzzCheck(parser.parse(simdjson::padded_string(text)).get_array().get(array)
                  == simdjson::SUCCESS,
              "an accepted vector text is not a JSON array for simdjson");
    fuzzCheck(qsizetype(array.size()) == count, "simdjson counts another number of components");
    for (simdjson::dom::element item : array) {
        double value = 0;
        fuzzCheck(item.get_double().get(value) == simdjson::SUCCESS,
                  "an accepted component is not a number for simdjson");
        fuzzCheck(std::fabs(value) <= double(std::numeric_limits<float>::max()),
                  "an accepted component is beyond a float's range");
    }
}
