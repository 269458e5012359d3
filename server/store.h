#pragma once

#include "collection.h"
#include "json.h"

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

namespace mstore {

class Storage;

/// The catalog of memory-store: collections by name, aliases, and the storage beneath.
/// Loading happens in the constructor; every catalog change is persisted at once.
class Store
{
public:
    /// Opens (or creates) the data directory and loads every collection into memory.
    explicit Store(const std::string &dataDir);
    ~Store();

    const std::string &dataDir() const { return m_dataDir; }

    /// The collection named `name` or an alias of it. Throws ApiError 404 when missing.
    std::shared_ptr<Collection> collection(const std::string &name) const;
    bool exists(const std::string &name) const;
    std::vector<std::string> collectionNames() const;

    /// Throws ApiError 409 when the name is taken.
    void createCollection(const std::string &name, CollectionConfig config);
    /// Returns false when there was no such collection.
    bool dropCollection(const std::string &name);
    /// Replaces a collection's whole content (snapshot recovery).
    void replaceCollection(const std::string &name, std::shared_ptr<Collection> collection);

    /// POST /collections/aliases: all actions apply, or none.
    void updateAliases(const Json &actions);
    /// alias -> collection, optionally only those of one collection.
    std::map<std::string, std::string> aliases(const std::string &collection = {}) const;

    Storage &storage() { return *m_storage; }

private:
    std::string resolve(const std::string &name) const;

    std::string m_dataDir;
    std::unique_ptr<Storage> m_storage;
    mutable std::shared_mutex m_mutex;
    std::map<std::string, std::shared_ptr<Collection>> m_collections;
    std::map<std::string, std::string> m_aliases;
};

} // namespace mstore
