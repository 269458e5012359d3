#pragma once

#include "qdrantcall.h"

class QNetworkAccessManager;
class QSslConfiguration;

/// Streams `request` (a GET) into filePath as part of `call`: through QSaveFile, so the file
/// is replaced only when the whole snapshot has arrived and nothing is left behind on failure
/// or cancel; progress(received, total) at most 10 times a second; `done` gets the size.
/// QNetworkAccessManager rather than HttpTransport, which hands over whole bodies only; `tls`
/// is the transport's (the profile's CA file), its TLS errors ignored only with consent.
void startSnapshotDownload(QdrantCall *call, QNetworkAccessManager *network,
    const HttpRequest &request, const QSslConfiguration &tls, bool ignoreTlsErrors,
    const QString &filePath,
    std::function<void(qint64, qint64)> progress, QdrantDone<qint64> done);
