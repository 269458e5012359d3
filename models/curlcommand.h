#pragma once

#include <QCoreApplication>
#include <QString>

struct RequestLogEntry;

/// Turns a request-log entry into a curl command to paste into a POSIX shell (bash, zsh, sh).
/// Secret headers appear only as `<redacted>` placeholders: the log never holds their values.
class CurlCommand final
{
    Q_DECLARE_TR_FUNCTIONS(CurlCommand)

public:
    /// The command, one option per line with `\` continuations; notes on what it cannot
    /// reproduce (cut or binary body, left-out query) come first as `#` comment lines.
    static QString fromEntry(const RequestLogEntry &entry);
    /// `text` in single quotes, each `'` written as `'\''`: safe for any byte a shell sees.
    static QString shellQuote(const QString &text);
    /// The placeholder written instead of a secret header's value.
    static QString redactedValue() { return QStringLiteral("<redacted>"); }
};
