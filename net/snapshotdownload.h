#pragma once

#include "qdrantcall.h"

class QNetworkAccessManager;

/// Streams `request` (a GET) into filePath as part of `call`: through QSaveFile, so the file
/// is replaced only when the whole snapshot has arrived and nothing is left behind on failure
/// or cancel; progress(received, total) at most 10 times a second; `done` gets the size.
/// QNetworkAccessManager rather than HttpTransport, which hands over whole bodies only.
void startSnapshotDownload(QdrantCall *call, QNetworkAccessManager *network,
    const HttpRequest &request, bool ignoreTlsErrors, const QString &filePath,
    std::function<void(qint64, qint64)> progress, QdrantDone<qint64> done);
