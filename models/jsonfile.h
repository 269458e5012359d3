#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>

/// Small JSON documents the console keeps under its app-data folder (search history, saved
/// and golden queries): read whole, written whole through a temporary file and a rename, so
/// a crash mid-write leaves the old file.
namespace JsonFile {

/// The object in filePath; an empty object when the file does not exist; LocalFile when it
/// cannot be read or is not a JSON object.
Result<QJsonObject> read(const QString &filePath);
/// Writes object to filePath (creating its folder); LocalFile naming the file on failure.
Result<bool> write(const QString &filePath, const QJsonObject &object);
/// The folder for search files: AppDataLocation/search.
QString searchFolder();

} // namespace JsonFile
