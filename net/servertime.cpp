#include "servertime.h"

#include <algorithm>
#include <charconv>
#include <string_view>

double qdrantServerTimeMs(const QByteArray &body)
{
    // The envelope is {"result":...,"status":"ok","time":0.000123}: `time` is the last member,
    // so the last "time": followed by a number and the closing brace is the top-level one.
    constexpr qsizetype kTail = 96;
    const qsizetype from = std::max<qsizetype>(0, body.size() - kTail);
    const std::string_view tail(body.constData() + from, size_t(body.size() - from));
    const size_t found = tail.rfind("\"time\":");
    if (found == std::string_view::npos)
        return -1;
    const qsizetype key = from + qsizetype(found);
    const char *p = body.constData() + key + 7;
    const char *end = body.constData() + body.size();
    while (p < end && (*p == ' ' || *p == '\t'))
        ++p;
    double seconds = 0;
    const auto [next, ec] = std::from_chars(p, end, seconds);
    if (ec != std::errc() || seconds < 0)
        return -1;
    p = next;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        ++p;
    if (p == end || *p != '}')
        return -1;
    ++p;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        ++p;
    return p == end ? seconds * 1000.0 : -1;
}
