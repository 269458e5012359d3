#pragma once

#include <QString>
#include <QUrl>

#include <memory>

namespace mstore {
class MemoryStoreServer;
}

/// memory-store hosted inside the console process: the default connection on first run and in
/// offline demos. Listens on a free loopback port; data under the user's application-data
/// folder unless told otherwise.
class EmbeddedStore
{
public:
    explicit EmbeddedStore(QString dataDir);
    ~EmbeddedStore();

    /// Starts the server; returns false with error() set when it cannot.
    bool start();
    QUrl url() const;
    QString dataDir() const { return m_dataDir; }
    QString error() const { return m_error; }

    static QString defaultDataDir();

private:
    QString m_dataDir;
    QString m_error;
    std::unique_ptr<mstore::MemoryStoreServer> m_server;
};
