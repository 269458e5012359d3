#include "importformat.h"

#include <QFile>
#include <QFileInfo>

namespace {

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

} // namespace

Result<ImportFormat::Kind> ImportFormat::detect(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        NetError error;
        error.kind = NetError::Kind::LocalFile;
        error.message = tr("%1 can't be read: %2").arg(path, file.errorString());
        return error;
    }
    return detectFromHead(file.read(64 * 1024), QFileInfo(path).fileName());
}

Result<ImportFormat::Kind> ImportFormat::detectFromHead(const QByteArray &head,
                                                        const QString &fileName)
{
    qsizetype at = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (at < head.size() && (head.at(at) == ' ' || head.at(at) == '\t' || head.at(at) == '\r'
                                || head.at(at) == '\n'))
        ++at;
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (at >= head.size()) {
        return invalid(head.isEmpty() ? tr("%1 is empty: there is nothing to import.")
                                            .arg(fileName)
                                      : tr("%1 holds only blank lines: there is nothing to "
                                           "import.")
                                            .arg(fileName));
    }
    // A NUL byte in the first 64 KiB: a binary file (or UTF-16), never one of the three.
    if (head.indexOf('\0') >= 0)
        return invalid(tr("%1 is not a text file (it holds NUL bytes; UTF-16 is not read: save "
                          "it as UTF-8).")
                           .arg(fileName));
    const char first = head.at(at);
    if (first == '[')
        return Kind::JsonArray;
    if (first == '{')
        return Kind::Jsonl;
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson")
        || suffix == QLatin1String("json"))
        return invalid(tr("%1 starts with neither '{' (JSON lines) nor '[' (a JSON array).")
                           .arg(fileName));
    return Kind::Csv;
}

QString ImportFormat::displayName(Kind kind)
{
    switch (kind) {
    case Kind::Jsonl:
        return tr("JSON lines");
    case Kind::Csv:
        return tr("CSV");
    case Kind::JsonArray:
        return tr("JSON array");
    }
    return {};
}

QString ImportFormat::id(Kind kind)
{
    switch (kind) {
    case Kind::Jsonl:
        return QStringLiteral("jsonl");
    case Kind::Csv:
        return QStringLiteral("csv");
    case Kind::JsonArray:
        return QStringLiteral("json-array");
    }
    return {};
}

Result<ImportFormat::Kind> ImportFormat::fromId(const QString &id)
{
    for (Kind kind : {Kind::Jsonl, Kind::Csv, Kind::JsonArray}) {
        if (ImportFormat::id(kind) == id)
            return kind;
    }
    return invalid(tr("unknown import format '%1'").arg(id));
}
