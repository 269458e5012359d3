#include "embeddedstore.h"

#include "memorystoreserver.h"

#include <QDir>
#include <QStandardPaths>

EmbeddedStore::EmbeddedStore(QString dataDir) : m_dataDir(std::move(dataDir)) {}

EmbeddedStore::~EmbeddedStore() = default;

QString EmbeddedStore::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/memory-store");
}

bool EmbeddedStore::start()
{
    if (!QDir().mkpath(m_dataDir)) {
        m_error = QObject::tr("cannot create the data folder %1").arg(m_dataDir);
        return false;
    }
    mstore::MemoryStoreServer::Options options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.dataDir = QDir::toNativeSeparators(m_dataDir).toStdString();
    // httplib gives each keep-alive connection a worker thread while it is open, and the
    // console keeps up to 8 per host (more with a connection test or an embedder beside it):
    // with fewer workers a burst of requests waited up to the 5 s keep-alive timeout for one.
    options.threads = 16;
    m_server = std::make_unique<mstore::MemoryStoreServer>(options);
    try {
        m_server->start();
    } catch (const std::exception &e) {
        m_error = QString::fromStdString(e.what());
        m_server.reset();
        return false;
    }
    return true;
}

QUrl EmbeddedStore::url() const
{
    if (!m_server)
        return {};
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
}
