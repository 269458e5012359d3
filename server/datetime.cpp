#include "datetime.h"

namespace mstore {

namespace {

class Cursor
{
public:
    explicit Cursor(std::string_view text)
        : m_text(text)
    { }

    bool atEnd() const { return m_pos == m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool take(char c)
    {
        if (peek() != c || atEnd())
            return false;
        ++m_pos;
        return true;
    }
    char next() { return m_text[m_pos++]; }

    /// Exactly `count` decimal digits.
    bool digits(int count, int &value)
    {
        value = 0;
        for (int i = 0; i < count; ++i) {
            if (atEnd() || m_text[m_pos] < '0' || m_text[m_pos] > '9')
                return false;
            value = value * 10 + (m_text[m_pos++] - '0');
        }
        return true;
    }

    /// One or more digits of a fraction of a second, as microseconds; digits past the sixth
    /// are consumed and dropped (Qdrant keeps microseconds).
    bool fraction(int64_t &micros)
    {
        micros = 0;
        int count = 0;
        while (!atEnd() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
            if (count < 6)
                micros = micros * 10 + (m_text[m_pos] - '0');
            ++count;
            ++m_pos;
        }
        for (int i = count; i < 6; ++i)
            micros *= 10;
        return count > 0;
    }

private:
    std::string_view m_text;
    size_t m_pos = 0;
};

bool isLeap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeap(year) ? 29 : days[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// "Z", "+HH", "+HHMM" or "+HH:MM" to the end of the text, as seconds east of UTC.
bool parseOffset(Cursor &c, int64_t &offsetSeconds)
{
    if (c.take('Z') || c.take('z')) {
        offsetSeconds = 0;
        return c.atEnd();
    }
    int sign = 0;
    if (c.take('+'))
        sign = 1;
    else if (c.take('-'))
        sign = -1;
    else
        return false;
    int hours = 0;
    int minutes = 0;
    if (!c.digits(2, hours) || hours > 23)
        return false;
    if (!c.atEnd()) {
        c.take(':');
        if (!c.digits(2, minutes) || minutes > 59)
            return false;
    }
    offsetSeconds = sign * (hours * 3600 + minutes * 60);
    return c.atEnd();
}

} // namespace

std::optional<int64_t> parseDatetime(std::string_view text)
{
    Cursor c(text);
    int year = 0;
    int month = 0;
    int day = 0;
    if (!c.digits(4, year) || !c.take('-') || !c.digits(2, month) || !c.take('-')
        || !c.digits(2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    const int64_t days = daysFromCivil(year, month, day);
    if (c.atEnd())
        return days * 86400 * 1000000;

    // The naive (offset-less) forms only allow 'T' and ' '; RFC 3339 also allows 't'.
    const char separator = c.peek();
    if (separator != 'T' && separator != 't' && separator != ' ')
        return std::nullopt;
    c.next();
    const bool naiveSeparator = separator != 't';

    int hour = 0;
    int minute = 0;
    int second = 0;
    int64_t micros = 0;
    if (!c.digits(2, hour) || hour > 23 || !c.take(':') || !c.digits(2, minute) || minute > 59)
        return std::nullopt;
    const int64_t dayStart = days * 86400;
    if (c.atEnd()) {
        // "YYYY-MM-DDTHH:MM" exists only without an offset.
        if (!naiveSeparator)
            return std::nullopt;
        return (dayStart + hour * 3600 + minute * 60) * 1000000;
    }
    // Second 60 is a leap second; like chrono it counts as the next second.
    if (!c.take(':') || !c.digits(2, second) || second > 60)
        return std::nullopt;
    if (c.take('.') && !c.fraction(micros))
        return std::nullopt;
    const int64_t local = dayStart + hour * 3600 + minute * 60 + second;
    if (c.atEnd()) {
        if (!naiveSeparator)
            return std::nullopt;
        return local * 1000000 + micros;
    }

    while (c.take(' ')) { }
    int64_t offsetSeconds = 0;
    if (!parseOffset(c, offsetSeconds))
        return std::nullopt;
    return (local - offsetSeconds) * 1000000 + micros;
}

} // namespace mstore
