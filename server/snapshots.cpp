#include "snapshots.h"

#include "apierror.h"
#include "collection.h"
#include "storage.h"
#include "store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace mstore {

namespace {

constexpr size_t kChunk = 512;

std::string sha256Of(const std::string &file)
{
    std::ifstream in(file, std::ios::binary);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        EVP_DigestUpdate(ctx, buffer.data(), static_cast<size_t>(in.gcount()));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx, digest, &length);
    EVP_MD_CTX_free(ctx);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 15]);
    }
    return out;
}

std::string timestamp(const char *format)
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &utc);
    return buf;
}

// Concurrent recoveries and uploads must not share a staging path.
std::string uniqueSuffix()
{
    static std::atomic<uint64_t> counter{0};
    return timestamp("%H%M%S") + "-" + std::to_string(counter.fetch_add(1));
}

bool safeName(const std::string &name)
{
    return !name.empty() && name.find('/') == std::string::npos && name.find("..") == std::string::npos
           && name.front() != '.';
}

} // namespace

std::string Snapshots::stagingName(const std::string &prefix)
{
    return prefix + uniqueSuffix();
}

std::string Snapshots::directory(const std::string &collection) const
{
    return (fs::path(m_store.dataDir()) / "snapshots" / collection).string();
}

Json Snapshots::describe(const std::string &file)
{
    const auto written = fs::last_write_time(file);
    const auto system = std::chrono::file_clock::to_sys(written);
    const std::time_t t = std::chrono::system_clock::to_time_t(system);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
    return {{"name", fs::path(file).filename().string()},
            {"creation_time", buf},
            {"size", fs::file_size(file)},
            {"checksum", sha256Of(file)}};
}

Json Snapshots::create(const std::string &name)
{
    const auto collection = m_store.collection(name);
    const std::string dir = directory(collection->name());
    fs::create_directories(dir);
    std::string file = collection->name() + "-" + timestamp("%Y-%m-%d-%H-%M-%S") + ".snapshot";
    for (int n = 1; fs::exists(fs::path(dir) / file); ++n)
        file = collection->name() + "-" + timestamp("%Y-%m-%d-%H-%M-%S") + "-" + std::to_string(n)
               + ".snapshot";
    const fs::path staging = fs::path(dir) / (".staging-" + file);
    fs::remove_all(staging);
    {
        Storage out(staging.string());
        auto lock = collection->readLock();
        out.putCollection(collection->name(), collection->meta());
        std::vector<PersistedPoint> chunk;
        auto flush = [&] {
            std::vector<const PersistedPoint *> pointers;
            pointers.reserve(chunk.size());
            for (const PersistedPoint &p : chunk)
                pointers.push_back(&p);
            out.writePoints(collection->name(), pointers, {});
            chunk.clear();
        };
        for (const auto &[id, row] : collection->idIndex()) {
            const Collection::Row &r = collection->rows()[row];
            PersistedPoint p;
            p.id = id;
            p.version = r.version;
            p.payloadJson = r.payload.dump(-1, ' ', false, Json::error_handler_t::replace);
            for (const auto &[vectorName, index] : collection->vectorIndexes()) {
                if (const float *v = index->vector(row))
                    p.vectors[vectorName].assign(v, v + index->dimension());
            }
            chunk.push_back(std::move(p));
            if (chunk.size() == kChunk)
                flush();
        }
        flush();
        out.checkpoint();
    }
    const fs::path target = fs::path(dir) / file;
    fs::rename(staging / "store.sqlite", target);
    fs::remove_all(staging);
    return describe(target.string());
}

Json Snapshots::list(const std::string &name) const
{
    const auto collection = m_store.collection(name);
    Json out = Json::array();
    const fs::path dir = directory(collection->name());
    if (!fs::exists(dir))
        return out;
    std::vector<fs::path> files;
    for (const auto &entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".snapshot")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end(), std::greater<>());
    for (const fs::path &file : files)
        out.push_back(describe(file.string()));
    return out;
}

std::string Snapshots::path(const std::string &name, const std::string &snapshot) const
{
    const auto collection = m_store.collection(name);
    const fs::path file = fs::path(directory(collection->name())) / snapshot;
    if (!safeName(snapshot) || !fs::is_regular_file(file))
        throw ApiError::notFound("Snapshot " + snapshot + " not found");
    return file.string();
}

void Snapshots::remove(const std::string &name, const std::string &snapshot)
{
    fs::remove(path(name, snapshot));
}

void Snapshots::recover(const std::string &requested, const std::string &snapshotFile,
                        const std::string &checksum)
{
    if (!checksum.empty()) {
        const std::string actual = sha256Of(snapshotFile);
        std::string expected = checksum;
        std::transform(expected.begin(), expected.end(), expected.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (actual != expected)
            throw ApiError::wrongInput("Snapshot checksum mismatch: expected " + checksum
                                       + ", got " + actual);
    }
    // An alias recovers the collection behind it.
    std::shared_ptr<Collection> existing;
    if (m_store.exists(requested))
        existing = m_store.collection(requested);
    const std::string name = existing ? existing->name() : requested;

    // Open a copy: SQLite may write to a database it opens (WAL files, recovery).
    const fs::path staging = fs::path(m_store.dataDir()) / "snapshots"
                             / (".recover-" + name + "-" + uniqueSuffix());
    fs::remove_all(staging);
    fs::create_directories(staging);
    fs::copy_file(snapshotFile, staging / "store.sqlite");
    struct Cleanup
    {
        fs::path dir;
        ~Cleanup() { fs::remove_all(dir); }
    } cleanup{staging};

    std::unique_ptr<Storage> source;
    std::map<std::string, Json> collections;
    try {
        source = std::make_unique<Storage>(staging.string());
        collections = source->loadCollections();
    } catch (const std::exception &e) {
        throw ApiError::badRequest(std::string("not a memory-store snapshot: ") + e.what());
    }
    if (collections.size() != 1)
        throw ApiError::badRequest("not a memory-store snapshot: expected one collection, found "
                                   + std::to_string(collections.size()));
    const auto &[sourceName, meta] = *collections.begin();
    CollectionConfig config;
    try {
        config = CollectionConfig::fromJson(meta.at("config"));
    } catch (const std::exception &e) {
        throw ApiError::badRequest(std::string("snapshot has an unreadable config: ") + e.what());
    }

    // Qdrant refuses a snapshot whose vectors (or shard count) differ from the collection's.
    if (existing) {
        const Json current = existing->config().toJson()["params"];
        const Json &incoming = config.toJson()["params"];
        for (const char *key : {"vectors", "shard_number"}) {
            if (current.value(key, Json()) != incoming.value(key, Json()))
                throw ApiError::wrongInput(
                    std::string("Snapshot is not compatible with existing collection: Collection ")
                    + key + ": " + current.value(key, Json()).dump() + " Snapshot " + key + ": "
                    + incoming.value(key, Json()).dump());
        }
    }

    Storage &storage = m_store.storage();
    auto collection = std::make_shared<Collection>(name, config, storage);
    collection->restoreMeta(meta);
    storage.dropCollection(name);
    storage.putCollection(name, collection->meta());
    std::vector<PersistedPoint> chunk;
    auto flush = [&] {
        std::vector<const PersistedPoint *> pointers;
        pointers.reserve(chunk.size());
        for (const PersistedPoint &p : chunk)
            pointers.push_back(&p);
        storage.writePoints(name, pointers, {});
        for (PersistedPoint &p : chunk)
            collection->loadPoint(std::move(p));
        chunk.clear();
    };
    source->loadPoints(sourceName, [&](PersistedPoint &&p) {
        chunk.push_back(std::move(p));
        if (chunk.size() == kChunk)
            flush();
    });
    flush();
    m_store.replaceCollection(name, std::move(collection));
}

} // namespace mstore
