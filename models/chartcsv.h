#pragma once

#include "chartresult.h"

#include <QByteArray>

/// The series of a computed chart as CSV (RFC 4180, UTF-8, CRLF line ends), for "Export CSV".
/// Categories in rows and series in columns (histograms also give each bin's lower and upper
/// edge as numbers; an open last bin has an empty upper edge); a scatter gives one row per
/// point. Text that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed
/// with a quote, since keyword values come from the payloads.
class ChartCsv final
{
public:
    /// The CSV text of result.
    static QByteArray toCsv(const ChartResult &result);
    /// One field, quoted when it holds a comma, a quote or a line break.
    static QByteArray field(const QString &text);
    /// A number in its shortest exact form (counts as integers).
    static QByteArray number(double value);
};
