// libFuzzer's entry point; the work is in the function shared with tst_fuzzreplay.
#include "fuzzcheck.h"
#include "fuzzvectortext.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzzOneInput([&] { fuzzVectorText(data, size); });
}
