#include "curlcommand.h"

#include "httptransport.h"

#include <QStringDecoder>
#include <QStringList>

namespace {

/// Text a shell argument can carry as typed: valid UTF-8 without NUL or other control bytes
/// (tab and line breaks are fine inside single quotes).
bool isPlainText(const QByteArray &bytes, QString *text)
{
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f)
            return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    *text = decoder.decode(bytes);
    return !decoder.hasError();
}

} // namespace

QString CurlCommand::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString CurlCommand::fromEntry(const RequestLogEntry &entry)
{
    QStringList notes;
    if (entry.queryOmitted)
        notes << tr("Query parameters that may hold a secret were left out of the URL.");

    QString bodyText;
    bool sendBody = false;
    if (entry.requestBytes > 0) {
        if (entry.requestBody.isEmpty()) {
            notes << tr("The %1-byte request body is no longer kept in the log.")
                         .arg(entry.requestBytes);
        } else if (!isPlainText(entry.requestBody, &bodyText)) {
            notes << tr("The %1-byte request body is binary and is not shown.")
                         .arg(entry.requestBytes);
        } else {
            sendBody = true;
            if (entry.requestBodyTruncated) {
                notes << tr("The request body was cut to its first %1 of %2 bytes: "
                            "as it stands it will not do what the original did.")
                             .arg(entry.requestBody.size())
                             .arg(entry.requestBytes);
            }
        }
    }

    QStringList lines;
    for (const QString &note : std::as_const(notes))
        lines << QStringLiteral("# ") + note;

    QStringList options;
    QString first = QStringLiteral("curl");
    const QString method = QString::fromLatin1(entry.method);
    if (method == QLatin1String("HEAD"))
        first += QStringLiteral(" --head");
    else if (method != QLatin1String("GET") || sendBody)
        first += QStringLiteral(" -X ") + shellQuote(method);
    first += u' ' + shellQuote(entry.url);
    options << first;
    if (entry.hadApiKey)
        options << QStringLiteral("-H ")
                + shellQuote(QStringLiteral("api-key: ") + redactedValue());
    if (entry.hadAuthorization) {
        options << QStringLiteral("-H ")
                + shellQuote(QStringLiteral("Authorization: ") + redactedValue());
    }
    if (sendBody) {
        if (!entry.contentType.isEmpty()) {
            options << QStringLiteral("-H ")
                    + shellQuote(QStringLiteral("Content-Type: ")
                        + QString::fromLatin1(entry.contentType));
        }
        // --data-raw: a body starting with '@' is data, not a file name.
        options << QStringLiteral("--data-raw ") + shellQuote(bodyText);
    }
    lines << options.join(QStringLiteral(" \\\n  "));
    return lines.join(u'\n');
}
