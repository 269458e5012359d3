#include "jsonfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace {

NetError fileError(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::LocalFile;
    error.message = message;
    return error;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonFile", text);
}

} // namespace

Result<QJsonObject> JsonFile::read(const QString &filePath)
{
    QFile file(filePath);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return fileError(tr("%1 cannot be read: %2").arg(filePath, file.errorString()));
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError || !document.isObject())
        return fileError(tr("%1 is not a JSON object (%2); it is left as it is.")
                             .arg(filePath, parse.errorString()));
    return document.object();
}

Result<bool> JsonFile::write(const QString &filePath, const QJsonObject &object)
{
    const QString folder = QFileInfo(filePath).absolutePath();
    if (!QDir().mkpath(folder))
        return fileError(tr("The folder %1 cannot be created.").arg(folder));
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(tr("%1 cannot be written: %2").arg(filePath, file.errorString()));
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fileError(tr("%1 cannot be written: %2").arg(filePath, file.errorString()));
    return true;
}

QString JsonFile::searchFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/search");
}
