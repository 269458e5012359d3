#pragma once

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

/// A property the code under fuzzing must keep, checked by the fuzz functions. A broken one
/// throws, so libFuzzer reports the input as a crash and tst_fuzzreplay fails naming it.
class FuzzCheckFailed final : public std::logic_error
{
public:
    using std::logic_error::logic_error;
};

/// A message of fixed text: nothing is built while the property holds (the checks run at
/// every execution). Messages with details throw FuzzCheckFailed themselves.
inline void fuzzCheck(bool holds, const char *what)
{
    if (!holds)
        throw FuzzCheckFailed(what);
}

/// Runs one input in a libFuzzer target: a broken property (or any exception that escapes
/// the code under test) is printed and aborts, which libFuzzer records as a crash.
template<typename Run>
int fuzzOneInput(Run run)
{
    try {
        run();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "fuzz: %s\n", e.what());
        std::abort();
    }
    return 0;
}
